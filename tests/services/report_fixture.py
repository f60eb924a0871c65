"""A small site with hand-placed sessions, samples, statuses and bills, and its answers.

The site is in Europe/Berlin (CET = UTC+1 in winter, CEST = UTC+2 from 2026-03-29 01:00 UTC).
2026-01-01 is a Thursday; 2026-01-10 and 2026-01-31 are Saturdays; 2026-03-29 is a Sunday.

Sessions (UTC):
 1 CP-A/1 STAFF1 01-10 09:00-11:00        10 kWh  bill EUR 3.50 (net 2.94) group STAFF
 2 CP-A/2 VIS1   01-10 22:30-01-11 00:30   4 kWh  unbilled; crosses local midnight; samples
 3 CP-B/1 STAFF1 01-31 22:00-23:30         6 kWh  bill EUR 2.10 (net 1.76), billed 23:30 UTC =
                                                  02-01 00:30 local: crosses the month
 4 CP-B/1 VIS1   03-29 00:30-02:30         4 kWh  bill CHF 5.00; the DST day (1:30 -> 4:30 local)
 5 CP-A/1 STAFF1 01-12 08:00-running              samples in kWh; running: not in energy reports
 6 CP-A/1 STAFF1 12-31 23:30-01-01 00:30   2 kWh  unbilled; local 01-01 00:30: in January
 7 CP-A/2 VIS1   12-31 22:30-23:30         3 kWh  unbilled; local 12-31 23:30: in December
 8 CP-B/2 STAFF2 02-10 10:00-11:00         3 kWh  bill EUR 1.19 (net 1.00), receipts 2026-00002
                                                  (void) and 2026-00003 (its replacement)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine

from console.core.billing import ReceiptContent, SiteDetails
from console.core.charger_ids import charger_key
from console.core.money import CostBreakdown, CostKind, CostLine
from console.storage.database import open_database
from console.storage.tables import (
    CardRow,
    ChargerRow,
    MeterSampleRow,
    PersonRow,
    ReceiptRow,
    SessionBillRow,
    SessionRow,
    StatusHistoryRow,
    table_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
SITE = SiteDetails("Klinikum Süd", "Hauptstraße 1\n80331 München", "DE123456789")


def utc(text: str) -> datetime:
    """A UTC time from "2026-01-10 09:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def breakdown(currency: str, net: str, tax: str, gross: str, kwh: str) -> CostBreakdown:
    """A one-line breakdown, prices including tax at 19%."""
    return CostBreakdown(
        tariff="Staff",
        currency=currency,
        tax_rate=Decimal("0.19"),
        prices_include_tax=True,
        lines=(
            CostLine(
                CostKind.ENERGY,
                None,
                Decimal(kwh),
                Decimal(gross) / Decimal(kwh),
                Decimal(gross),
            ),
        ),
        net_total=Decimal(net),
        tax=Decimal(tax),
        gross_total=Decimal(gross),
    )


def _session(
    connection: Connection,
    sid: int,
    charger: str,
    connector: int,
    card: str,
    start: str,
    stop: str | None,
    meter: tuple[int, int | None],
) -> None:
    connection.execute(
        table_of(SessionRow)
        .insert()
        .values(
            id=sid,
            charger_id=charger,
            connector_id=connector,
            id_tag=card,
            id_tag_key=card.casefold(),
            auth_status="Accepted",
            started_at=utc(start),
            start_received_at=utc(start),
            meter_start=meter[0],
            stopped_at=utc(stop) if stop else None,
            stop_received_at=utc(stop) if stop else None,
            meter_stop=meter[1],
            flags="",
        )
    )


def _bill(
    connection: Connection,
    sid: int,
    cents: tuple[int, int, int],
    currency: str,
    billed: str,
    wh: float,
    card: str,
    **snapshot: Any,
) -> None:
    net, tax, gross = cents
    money = breakdown(
        currency, f"{net / 100:.2f}", f"{tax / 100:.2f}", f"{gross / 100:.2f}", str(wh / 1000)
    )
    connection.execute(
        table_of(SessionBillRow)
        .insert()
        .values(
            session_id=sid,
            tariff_id=None,
            tariff_name="Staff",
            currency=currency,
            breakdown=json.dumps(money.to_json()),
            net_cents=net,
            tax_cents=tax,
            gross_cents=gross,
            energy_wh=wh,
            id_tag=card,
            group_name=snapshot.get("group"),
            person_id=snapshot.get("person"),
            department=snapshot.get("department"),
            visitor_id=None,
            billed_at=utc(billed),
        )
    )


def receipt_content(number: str, sid: int, replaces: str | None = None) -> ReceiptContent:
    """The content of a receipt for session 8 (or another) of this site."""
    return ReceiptContent(
        number=number,
        issued_at=utc("2026-02-10 11:05"),
        site=SITE,
        session_id=sid,
        charger_id="CP-B",
        connector_id=2,
        started_at=utc("2026-02-10 10:00"),
        stopped_at=utc("2026-02-10 11:00"),
        energy_kwh=Decimal("3.000"),
        customer="Anna Weiß",
        breakdown=breakdown("EUR", "1.00", "0.19", "1.19", "3"),
        replaces=replaces,
    )


def _receipt(
    connection: Connection, rid: int, number: int, sid: int, status: str, **extra: Any
) -> None:
    content = receipt_content(f"2026-{number:05d}", sid, extra.pop("replaces_label", None))
    connection.execute(
        table_of(ReceiptRow)
        .insert()
        .values(
            id=rid,
            year=2026,
            number=number,
            session_id=sid,
            issued_at=utc("2026-02-10 11:05"),
            status=status,
            content=json.dumps(content.to_json()),
            currency="EUR",
            gross_cents=119,
            **extra,
        )
    )


def _statuses(connection: Connection) -> None:
    rows = [
        # (id, charger, connector, status, charger_time, received_at)
        (1, "CP-A", 1, "Available", "2026-01-09 20:00", "2026-01-09 20:00"),
        (2, "CP-A", 2, "Charging", "2026-01-09 22:00", "2026-01-09 22:00"),
        (3, "CP-A", 1, "Preparing", "2026-01-10 09:00", "2026-01-10 09:00"),
        # Queued while offline: received later, stored after the status that follows it.
        (5, "CP-A", 1, "Charging", "2026-01-10 09:05", "2026-01-10 10:40"),
        (4, "CP-A", 1, "SuspendedEV", "2026-01-10 10:35", "2026-01-10 10:35"),
        (6, "CP-A", 1, "Finishing", "2026-01-10 11:00", "2026-01-10 11:00"),
        (7, "CP-A", 1, "Available", "2026-01-10 11:15", "2026-01-10 11:15"),
        (8, "CP-A", 2, "Available", "2026-01-10 01:00", "2026-01-10 01:00"),
        (9, "CP-A", 2, "Preparing", None, "2026-01-10 22:30"),  # no charger time
        (10, "CP-A", 0, "Faulted", "2026-01-10 05:00", "2026-01-10 05:00"),  # whole charger
        (11, "CP-B", 1, "Charging", "2026-01-20 08:00", "2026-01-20 08:00"),  # after range
    ]
    history = table_of(StatusHistoryRow)
    for sid, charger, connector, status, charger_time, received in rows:
        connection.execute(
            history.insert().values(
                id=sid,
                charger_id=charger,
                connector_id=connector,
                status=status,
                error_code="NoError",
                charger_time=utc(charger_time) if charger_time else None,
                received_at=utc(received),
            )
        )


def _samples(connection: Connection) -> None:
    samples = table_of(MeterSampleRow)
    rows = [
        # session 2: hourly max in UTC hour 23 is (23:30, 2500), in hour 0 (00:00, 4000)
        (2, "CP-A", 2, "2026-01-10 23:00", 1500.0, "Wh", ""),
        (2, "CP-A", 2, "2026-01-10 23:30", 2500.0, "Wh", ""),
        (2, "CP-A", 2, "2026-01-11 00:00", 4000.0, "Wh", ""),
        (2, "CP-A", 2, "2026-01-11 00:00", 99999.0, "Wh", "L1"),  # a phase: ignored
        # session 5 (running), in kWh
        (5, "CP-A", 1, "2026-01-12 08:30", 0.5, "kWh", ""),
        (5, "CP-A", 1, "2026-01-12 09:10", 1.5, "kWh", ""),
    ]
    for session, charger, connector, at, value, unit, phase in rows:
        connection.execute(
            samples.insert().values(
                charger_id=charger,
                connector_id=connector,
                session_key=session,
                taken_at=utc(at),
                received_at=utc(at),
                measurand="Energy.Active.Import.Register",
                phase=phase,
                location="",
                unit=unit,
                value=value,
            )
        )


def build_site(path: Path) -> tuple[str, Engine]:
    """Create the site's database in ``path``; its URL and an engine on it."""
    url = f"sqlite:///{path / 'site.db'}"
    engine = open_database(url)
    created = utc("2025-01-01 00:00")
    with engine.begin() as connection:
        for charger in ("CP-A", "CP-B"):
            connection.execute(
                table_of(ChargerRow)
                .insert()
                .values(
                    id=charger,
                    id_key=charger_key(charger),
                    approval="accepted",
                    registered_at=created,
                    retired=False,
                )
            )
        people = table_of(PersonRow)
        connection.execute(
            people.insert().values(
                id=1, name="Jürgen Groß", department="Radiology", created_at=created
            )
        )
        connection.execute(
            people.insert().values(
                id=2, name="Anna Weiß", department="Radiology", created_at=created
            )
        )
        cards = table_of(CardRow)
        for card, parent, person in (
            ("STAFF1", "STAFF", 1),
            ("STAFF2", "STAFF", 2),
            ("VIS1", None, None),
        ):
            connection.execute(
                cards.insert().values(
                    id_key=card.casefold(),
                    id_tag=card,
                    status="Accepted",
                    parent_id_tag=parent,
                    person_id=person,
                    created_at=created,
                )
            )
        _session(
            connection, 1, "CP-A", 1, "STAFF1", "2026-01-10 09:00", "2026-01-10 11:00", (0, 10000)
        )
        _session(
            connection, 2, "CP-A", 2, "VIS1", "2026-01-10 22:30", "2026-01-11 00:30", (1000, 5000)
        )
        _session(
            connection, 3, "CP-B", 1, "STAFF1", "2026-01-31 22:00", "2026-01-31 23:30", (0, 6000)
        )
        _session(
            connection, 4, "CP-B", 1, "VIS1", "2026-03-29 00:30", "2026-03-29 02:30", (0, 4000)
        )
        _session(connection, 5, "CP-A", 1, "STAFF1", "2026-01-12 08:00", None, (0, None))
        _session(
            connection, 6, "CP-A", 1, "STAFF1", "2025-12-31 23:30", "2026-01-01 00:30", (0, 2000)
        )
        _session(
            connection, 7, "CP-A", 2, "VIS1", "2025-12-31 22:30", "2025-12-31 23:30", (0, 3000)
        )
        _session(
            connection, 8, "CP-B", 2, "STAFF2", "2026-02-10 10:00", "2026-02-10 11:00", (0, 3000)
        )
        staff1 = {"group": "STAFF", "person": 1, "department": "Radiology"}
        _bill(connection, 1, (294, 56, 350), "EUR", "2026-01-10 11:00", 10000, "STAFF1", **staff1)
        _bill(connection, 3, (176, 34, 210), "EUR", "2026-01-31 23:30", 6000, "STAFF1", **staff1)
        _bill(connection, 4, (420, 80, 500), "CHF", "2026-03-29 02:30", 4000, "VIS1")
        _bill(
            connection,
            8,
            (100, 19, 119),
            "EUR",
            "2026-02-10 11:00",
            3000,
            "STAFF2",
            group="STAFF",
            person=2,
            department="radiology",
        )
        _receipt(connection, 1, 1, 3, "unpaid")
        _receipt(
            connection,
            2,
            2,
            8,
            "void",
            voided_at=utc("2026-02-11 08:00"),
            void_reason="wrong tariff",
        )
        _receipt(connection, 3, 3, 8, "paid", replaces_id=2, replaces_label="2026-00002")
        _statuses(connection)
        _samples(connection)
    return url, engine
