"""The Reports tab over fake queries: working state, superseded reads, pickers, exports."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import qasync
from conftest import run, wait_until
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from reports_fakes import FakeClient, FakeQueries

from console.services.reports import ReportBy
from console.ui.reports.period import PeriodChoice
from console.ui.reports.view import ReportsView
from console.ui.reports.words import Measure


@pytest.fixture
def queries() -> FakeQueries:
    return FakeQueries()


@pytest.fixture
def view(qloop: qasync.QEventLoop, qtbot: QtBot, queries: FakeQueries) -> Iterator[ReportsView]:
    widget = ReportsView(FakeClient(queries))
    qtbot.addWidget(widget)
    widget.errors = []  # type: ignore[attr-defined]
    widget.show_error = widget.errors.append  # type: ignore[attr-defined,method-assign]
    widget.resize(1366, 700)
    widget.show()
    yield widget
    queries.release()  # never leave a worker thread waiting
    run(qloop, wait_until(lambda: not any(r.busy for r in _readers(widget))))


def _readers(view: ReportsView) -> list:  # type: ignore[type-arg]
    return [
        view.energy.reads,
        view.usage.heatmap_reads,
        view.usage.utilisation_reads,
        view.statements.reads,
        view.statements.people_reads,
    ]


def _table(view: ReportsView, column: int) -> list[str]:
    proxy = view.energy.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def _last_7_days(qloop: qasync.QEventLoop, view: ReportsView) -> None:
    view.period_bar.choose(PeriodChoice.LAST_7_DAYS)
    run(qloop, wait_until(lambda: len(_table(view, 0)) == 8 and not view.energy.reads.busy))


def test_the_first_read_shows_the_chart_table_and_totals(
    qloop: qasync.QEventLoop, view: ReportsView, queries: FakeQueries
) -> None:
    _last_7_days(qloop, view)
    assert _table(view, 1) == ["1", "2", "3", "4", "5", "6", "7", "28"]
    assert _table(view, 2)[-1] == "280.0"
    assert _table(view, 3)[-1] == "70.00"
    assert view.energy.chart.values() == [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0]
    assert "28 sessions" in view.energy.summary_label.text()
    assert "EUR 70.00" in view.energy.summary_label.text()
    today = date.today()
    name, since, until, by, _scale = queries.calls[-1]
    assert (name, since, until, by) == (
        "energy_report",
        today - timedelta(days=6),
        today + timedelta(days=1),
        ReportBy.DAY,
    )
    assert not view.period_bar.working_label.isVisible()


def test_the_measure_and_grouping_change_the_chart(
    qloop: qasync.QEventLoop, view: ReportsView, queries: FakeQueries
) -> None:
    _last_7_days(qloop, view)
    view.energy.choose(measure=Measure.SESSIONS)
    assert view.energy.chart.values() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    view.energy.choose(measure=Measure.REVENUE)
    assert view.energy.measure() == (Measure.REVENUE, "EUR")
    assert view.energy.chart.values() == [2.5, 5.0, 7.5, 10.0, 12.5, 15.0, 17.5]
    view.energy.choose(by=ReportBy.CHARGER)
    run(qloop, wait_until(lambda: _table(view, 0)[0] == "P1-AC-01"))
    assert view.energy.chart.labels() == ["P1-AC-01", "P2-DC-01", "P3-AC-02"]
    assert view.energy.measure() == (Measure.REVENUE, "EUR")  # kept across the new read
    assert view.energy.chart.values() == [6.0, 21.0, 0.0]
    assert queries.calls[-1][3] is ReportBy.CHARGER


def test_a_superseded_slow_read_never_overwrites_a_newer_one(
    qloop: qasync.QEventLoop, view: ReportsView, queries: FakeQueries
) -> None:
    _last_7_days(qloop, view)
    queries.hold = True
    queries.scale = 100  # the old, slow read's figures
    view.period_bar.choose(PeriodChoice.LAST_30_DAYS)
    run(qloop, wait_until(lambda: len(queries.gates) == 1))
    queries.hold = False
    queries.scale = 2  # the newer read answers at once
    view.period_bar.choose(PeriodChoice.THIS_YEAR)
    days = (date.today() - date(date.today().year, 1, 1)).days + 1
    run(qloop, wait_until(lambda: len(_table(view, 0)) == days + 1))
    newer = _table(view, 1)
    assert newer[0] == "2"  # scale 2
    assert view.period_bar.working_label.isVisible()  # the old read still holds a thread
    queries.release()
    run(qloop, wait_until(lambda: not view.energy.reads.busy))
    assert _table(view, 1) == newer  # the late answer was thrown away
    assert not view.period_bar.working_label.isVisible()


def test_the_window_stays_responsive_while_a_slow_report_is_read(
    qloop: qasync.QEventLoop, view: ReportsView, queries: FakeQueries
) -> None:
    _last_7_days(qloop, view)
    queries.hold = True
    view.period_bar.choose(PeriodChoice.LAST_30_DAYS)
    run(qloop, wait_until(lambda: len(queries.gates) == 1))
    assert view.period_bar.working_label.isVisible()
    assert view.period_bar.working_bar.isVisible()
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    # The GUI loop keeps running (timers fire, pickers react) while the read is held.
    run(qloop, wait_until(lambda: len(ticks) >= 10))
    view.energy.choose(measure=Measure.SESSIONS)
    assert view.energy.chart.values() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    timer.stop()
    assert view.energy.reads.busy
    queries.release()
    run(qloop, wait_until(lambda: len(_table(view, 0)) == 31))
    assert not view.period_bar.working_label.isVisible()


def test_a_failed_read_is_shown(
    qloop: qasync.QEventLoop, view: ReportsView, queries: FakeQueries
) -> None:
    _last_7_days(qloop, view)
    queries.fail = "database is locked"
    view.period_bar.choose(PeriodChoice.THIS_MONTH)
    errors = view.errors  # type: ignore[attr-defined]
    run(qloop, wait_until(lambda: errors))
    assert "database is locked" in errors[0]


def test_custom_dates_switch_the_period_to_custom(
    qloop: qasync.QEventLoop, view: ReportsView, queries: FakeQueries
) -> None:
    _last_7_days(qloop, view)
    view.period_bar.set_days(date(2026, 2, 1), date(2026, 2, 3))
    assert view.period_bar.choice() is PeriodChoice.CUSTOM
    run(qloop, wait_until(lambda: len(_table(view, 0)) == 4))
    assert queries.calls[-1][1:3] == (date(2026, 2, 1), date(2026, 2, 4))
    view.period_bar.set_days(date(2026, 2, 5), date(2026, 2, 3))  # From after To
    assert view.period_bar.invalid_label.isVisible()


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_the_csv_export_writes_what_the_table_shows(
    qloop: qasync.QEventLoop, view: ReportsView, tmp_path: Path
) -> None:
    _last_7_days(qloop, view)
    view.energy.choose(by=ReportBy.CHARGER)
    run(qloop, wait_until(lambda: _table(view, 0)[0] == "P1-AC-01"))
    view.energy.table.sortByColumn(2, view.energy.proxy.sortOrder().DescendingOrder)
    assert _table(view, 0) == ["P2-DC-01", "P1-AC-01", "P3-AC-02", "Total"]
    target = tmp_path / "energy.csv"
    view.files.choose_path = lambda *_args: str(target)  # type: ignore[method-assign]
    saved = run(qloop, view.energy.export_csv())
    assert saved == 4  # three chargers and the total line
    header, *rows = _csv(target)
    assert header[:4] == ["charger", "sessions", "unbilled sessions", "energy kWh"]
    assert [row[0] for row in rows] == ["P2-DC-01", "P1-AC-01", "P3-AC-02", "Total"]
    assert [row[1] for row in rows] == _table(view, 1)
    tenths = [Decimal(row[3]).quantize(Decimal("0.1"), ROUND_HALF_UP) for row in rows]
    assert [str(value) for value in tenths] == _table(view, 2)
    assert [row[4] for row in rows] == _table(view, 3)  # revenue EUR
    assert "Saved" in view.message_label.text()
    assert not target.with_name("energy.csv.part").exists()


def test_a_failed_export_is_shown_and_leaves_no_file(
    qloop: qasync.QEventLoop, view: ReportsView, tmp_path: Path
) -> None:
    _last_7_days(qloop, view)
    target = tmp_path / "missing-folder" / "energy.csv"
    view.files.choose_path = lambda *_args: str(target)  # type: ignore[method-assign]
    assert run(qloop, view.energy.export_csv()) is None
    assert view.errors and "could not be written" in view.errors[0]  # type: ignore[attr-defined]
    assert not target.exists()
