"""The Reports tab over a real SQLite database with known sessions, bills and statuses.

No zone is configured, so the site's reports are in UTC; every session is placed well
inside its day, so the expected figures hold whatever zone the test machine is in.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import qasync
from conftest import run, wait_until
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import Connection

from console.core.charger_ids import charger_key
from console.services.queries import SiteQueries
from console.services.reports import ReportBy
from console.storage.database import open_database
from console.storage.tables import (
    ChargerRow,
    PersonRow,
    SessionBillRow,
    SessionRow,
    StatusHistoryRow,
    table_of,
)
from console.ui.engine_client import EngineClient
from console.ui.reports.view import ReportsView
from console.ui.reports.words import Measure

FIRST, LAST = date(2026, 1, 5), date(2026, 1, 11)  # Monday to Sunday


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _session(
    connection: Connection,
    sid: int,
    charger: str,
    connector: int,
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
            id_tag="STAFF1",
            id_tag_key="staff1",
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


def _bill(connection: Connection, sid: int, gross: int, billed: str, wh: float) -> None:
    net = round(gross / 1.19)
    connection.execute(
        table_of(SessionBillRow)
        .insert()
        .values(
            session_id=sid,
            tariff_id=None,
            tariff_name="Staff",
            currency="EUR",
            breakdown="{}",
            net_cents=net,
            tax_cents=gross - net,
            gross_cents=gross,
            energy_wh=wh,
            id_tag="STAFF1",
            group_name="STAFF",
            person_id=1,
            department="Radiology",
            visitor_id=None,
            billed_at=utc(billed),
        )
    )


def build_site(folder: Path) -> str:
    """Three sessions in the week of 2026-01-05 (two billed), one after it, one running."""
    url = f"sqlite:///{folder / 'site.db'}"
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
        connection.execute(
            table_of(PersonRow)
            .insert()
            .values(
                id=1,
                name="Aylin Demir",
                department="Radiology",
                created_at=created,
            )
        )
        _session(connection, 1, "CP-A", 1, "2026-01-05 10:00", "2026-01-05 12:00", (0, 10_000))
        _session(connection, 2, "CP-A", 2, "2026-01-05 14:00", "2026-01-05 15:00", (5000, 9000))
        _session(connection, 3, "CP-B", 1, "2026-01-07 08:00", "2026-01-07 10:00", (1000, 7000))
        _session(connection, 4, "CP-B", 1, "2026-01-12 08:00", "2026-01-12 09:00", (0, 3000))
        _session(connection, 5, "CP-A", 1, "2026-01-08 09:00", None, (20_000, None))
        _bill(connection, 1, 350, "2026-01-05 12:00", 10_000)
        _bill(connection, 3, 210, "2026-01-07 10:00", 6000)
        history = table_of(StatusHistoryRow)
        for sid, connector, status, at in (
            (1, 1, "Charging", "2026-01-05 00:00"),
            (2, 1, "Available", "2026-01-06 00:00"),
            (3, 2, "Available", "2026-01-01 00:00"),
        ):
            connection.execute(
                history.insert().values(
                    id=sid,
                    charger_id="CP-A",
                    connector_id=connector,
                    status=status,
                    error_code="NoError",
                    charger_time=utc(at),
                    received_at=utc(at),
                )
            )
    engine.dispose()
    return url


@pytest.fixture
def view(qloop: qasync.QEventLoop, qtbot: QtBot, tmp_path: Path) -> Iterator[ReportsView]:
    queries = SiteQueries(build_site(tmp_path))
    client: Any = EngineClient(None, queries)  # type: ignore[arg-type]  # reads only
    widget = ReportsView(client)
    qtbot.addWidget(widget)
    widget.errors = []  # type: ignore[attr-defined]
    widget.show_error = widget.errors.append  # type: ignore[attr-defined,method-assign]
    widget.resize(1366, 700)
    widget.show()
    widget.period_bar.set_days(FIRST, LAST)
    yield widget
    run(qloop, wait_until(lambda: not widget.energy.reads.busy))
    queries.close()


def _cells(view: ReportsView) -> list[list[str]]:
    proxy = view.energy.proxy
    return [
        [proxy.index(row, column).data() for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def test_the_week_by_day_shows_the_known_totals(
    qloop: qasync.QEventLoop, view: ReportsView
) -> None:
    run(qloop, wait_until(lambda: view.energy.proxy.rowCount() == 8))
    cells = _cells(view)
    assert "2026-01-05" in cells[0][0]
    assert cells[0][1:] == ["2", "14.0", "3.50", "1"]
    assert cells[1][1:] == ["0", "0.0", "0.00", "0"]  # "Without bill": 0 is written
    assert cells[2][1:] == ["1", "6.0", "2.10", "0"]
    assert cells[-1] == ["Total", "3", "20.0", "5.60", "1"]
    assert view.energy.chart.values() == [14.0, 0.0, 6.0, 0.0, 0.0, 0.0, 0.0]
    summary = view.energy.summary_label.text()
    assert "3 sessions" in summary and "20.0 kWh" in summary and "EUR 5.60" in summary
    assert not view.errors  # type: ignore[attr-defined]


def test_by_charger_and_revenue(qloop: qasync.QEventLoop, view: ReportsView) -> None:
    run(qloop, wait_until(lambda: view.energy.proxy.rowCount() == 8))
    view.energy.choose(by=ReportBy.CHARGER, measure=Measure.REVENUE)
    run(qloop, wait_until(lambda: view.energy.proxy.rowCount() == 3))
    assert _cells(view) == [
        ["CP-A", "2", "14.0", "3.50", "1"],
        ["CP-B", "1", "6.0", "2.10", "0"],
        ["Total", "3", "20.0", "5.60", "1"],
    ]
    assert view.energy.chart.values() == [3.5, 2.1]


def test_heat_map_and_utilisation_of_the_week(
    qloop: qasync.QEventLoop, view: ReportsView, tmp_path: Path
) -> None:
    view.pages.setCurrentWidget(view.usage)
    usage = view.usage
    run(qloop, wait_until(lambda: usage.utilisation_model.rowCount() == 2))
    run(qloop, wait_until(lambda: usage.heatmap_model.total() > 0))
    heat = usage.heatmap_model
    assert heat.kwh(0, 10) == pytest.approx(5.0)  # Monday 10-12: 10 kWh spread evenly
    assert heat.kwh(0, 11) == pytest.approx(5.0)
    assert heat.kwh(0, 14) == pytest.approx(4.0)
    assert heat.kwh(2, 8) == pytest.approx(3.0)  # Wednesday
    assert heat.total() == pytest.approx(20.0)  # the running session has no readings
    # The energy report of the week counts the same 20 kWh, and the page says so.
    note = usage.agreement_label.text()
    assert "Energy report for the same period: 20.0 kWh" in note and "the same total" in note
    proxy = usage.utilisation_proxy
    assert [proxy.index(row, 2).data() for row in range(2)] == ["14.3 %", "0.0 %"]
    assert [proxy.index(row, 1).data() for row in range(2)] == ["1", "2"]


def test_a_statement_of_the_month_saved_as_csv(
    qloop: qasync.QEventLoop, view: ReportsView, tmp_path: Path
) -> None:
    view.pages.setCurrentWidget(view.statements)
    page = view.statements
    run(qloop, wait_until(lambda: page.person_combo.count() == 1))
    page.month_edit.setDate(QDate(2026, 1, 1))
    run(qloop, wait_until(lambda: page.statement is not None and page.statement.month == 1))
    assert "2 billed sessions" in page.summary_label.text()
    assert "EUR 5.60" in page.summary_label.text()
    target = tmp_path / "aylin.csv"
    view.files.choose_path = lambda *_args: str(target)  # type: ignore[method-assign]
    assert run(qloop, page.save_csv()) == 3
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert [row[1] for row in rows[1:3]] == ["1", "3"]
    assert rows[-1][-2] == "5.60"


def test_a_cost_centre_nobody_is_in_any_more_is_offered_for_its_month(
    qloop: qasync.QEventLoop, view: ReportsView, tmp_path: Path
) -> None:
    # Aylin Demir charged for Pharmacy CC-2300 in January, then moved to Radiology:
    # nobody belongs to the pharmacy's cost centre now, but January has its sessions.
    engine = open_database(f"sqlite:///{tmp_path / 'site.db'}")
    with engine.begin() as connection:
        _session(connection, 6, "CP-B", 2, "2026-01-09 08:00", "2026-01-09 09:00", (0, 2000))
        _bill(connection, 6, 120, "2026-01-09 09:00", 2000)
        connection.execute(
            table_of(SessionBillRow)
            .update()
            .where(table_of(SessionBillRow).c.session_id == 6)
            .values(department="Pharmacy CC-2300")
        )
    engine.dispose()
    view.pages.setCurrentWidget(view.statements)
    page = view.statements
    run(qloop, wait_until(lambda: page.person_combo.count() == 1))
    page.month_edit.setDate(QDate(2026, 1, 1))
    page.department_radio.setChecked(True)

    def offered() -> list[str]:
        return [page.department_combo.itemText(i) for i in range(page.department_combo.count())]

    run(qloop, wait_until(lambda: offered() == ["Pharmacy CC-2300", "Radiology"]))
    page.department_combo.setCurrentIndex(0)
    run(
        qloop,
        wait_until(lambda: page.statement is not None and page.statement.subject.startswith("Ph")),
    )
    assert [line.session_id for line in page.statement.lines] == [6]
    # February has no bills: nothing is offered from today's people either.
    page.month_edit.setDate(QDate(2026, 2, 1))
    run(qloop, wait_until(lambda: offered() == []))
