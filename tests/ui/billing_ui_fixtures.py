"""Billing data for the GUI tests: tariffs, finished billed sessions and their receipts.

Sessions are driven through the engine's charging service on the engine loop (as a
charger's messages would be), so bills and receipts are made by the real services.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from conftest import wait_until

from console.core.billing import PaymentMethod, Receipt, SiteDetails
from console.core.clock import utcnow
from console.core.enums import Approval
from console.core.model import (
    Card,
    MeterReport,
    MeterValue,
    SampledValue,
    StartRequest,
    StopRequest,
)
from console.core.tariffs import Tariff, TariffWindow
from console.services.engine import CentralSystem
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.ui.console_app import Console
from tests.actors import ADMIN

D = Decimal
SITE = SiteDetails("St. Marien Hospital", "Car park P1\n10115 Berlin", "DE123456789")


def standard_tariff(name: str = "Standard", price: str = "0.40") -> Tariff:
    """Energy only, 19 % tax included."""
    return Tariff(
        name=name,
        currency="EUR",
        timezone="Europe/Berlin",
        energy_price=D(price),
        tax_rate=D("0.19"),
    )


def visitor_tariff() -> Tariff:
    """Energy and time, with a peak window, as the demo's visitors pay."""
    return Tariff(
        name="Visitors",
        currency="EUR",
        timezone="Europe/Berlin",
        energy_price=D("0.49"),
        time_price=D("1.20"),
        tax_rate=D("0.19"),
        windows=(TariffWindow("Peak", frozenset(range(5)), time(16), time(20), D("0.59")),),
    )


async def billing_site(console: Console) -> int:
    """A default tariff, a visitor tariff and the site details; returns the default's id."""

    async def setup(engine: CentralSystem) -> int:
        default = await engine.billing.save_tariff(None, standard_tariff(), actor=ADMIN)
        await engine.billing.set_default_tariff(default, actor=ADMIN)
        visitors = await engine.billing.save_tariff(None, visitor_tariff(), actor=ADMIN)
        await engine.billing.set_visitor_tariff(visitors, actor=ADMIN)
        await engine.billing.save_site_details(SITE, actor=ADMIN)
        return default

    return await console.client.call(setup)


async def _run_session(
    engine: CentralSystem, charger_id: str, id_tag: str, readings: Sequence[tuple[datetime, int]]
) -> int:
    charging = engine.charging
    start_at, meter_start = readings[0]
    decision = await charging.start_transaction(
        charger_id, StartRequest(1, id_tag, meter_start, start_at)
    )
    tx = decision.transaction_id
    for at, wh in readings[1:-1]:
        sample = SampledValue(float(wh), "Energy.Active.Import.Register", "Wh")
        await charging.meter_values(charger_id, MeterReport(1, tx, (MeterValue(at, (sample,)),)))
    stop_at, meter_stop = readings[-1]
    await charging.stop_transaction(charger_id, StopRequest(tx, meter_stop, stop_at))
    return tx


async def billed_sessions(console: Console, count: int, charger_id: str = "CP-BILL") -> list[int]:
    """``count`` finished sessions of 10 kWh each (EUR 4.00 at the standard tariff), billed."""

    async def drive(engine: CentralSystem) -> list[int]:
        now = utcnow()
        await engine.writer.submit(
            lambda c: charger_repo.add_charger(c, charger_id, Approval.ACCEPTED, now)
        )
        card = Card("BILL-1", max_concurrent=0)
        await engine.writer.submit(lambda c: card_repo.save_card(c, card, now))
        ids = []
        first = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=count + 1)
        for n in range(count):
            start = first + timedelta(hours=n)
            readings = [(start, n * 10_000), (start + timedelta(minutes=40), (n + 1) * 10_000)]
            ids.append(await _run_session(engine, charger_id, "BILL-1", readings))
        return ids

    ids = await console.client.call(drive)
    for session_id in ids:
        await wait_until(lambda sid=session_id: console.queries.bill(sid) is not None)
    return ids


async def demo_receipts(console: Console) -> list[Receipt]:
    """Three receipts: one paid in cash, one unpaid, one voided (and its correction)."""
    await billing_site(console)
    sessions = await billed_sessions(console, 3)

    async def issue(engine: CentralSystem) -> list[Receipt]:
        receipts = [await engine.receipts.issue(sid, actor=ADMIN) for sid in sessions]
        await engine.receipts.record_payment(
            receipts[0].id, PaymentMethod.CASH, receipts[0].total, None, None, actor=ADMIN
        )
        await engine.receipts.void(receipts[2].id, "wrong card group", reissue=True, actor=ADMIN)
        return receipts

    return await console.client.call(issue)
