"""The Reports tab's heat map, utilisation and statement pages over fake queries."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import qasync
from conftest import run, wait_until
from pdf_readback import pdf_text
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from reports_fakes import FakeClient, FakeQueries

from console.services.formatting import zone_label
from console.ui.reports.period import PeriodChoice
from console.ui.reports.utilisation_model import CHARGING, OCCUPIED
from console.ui.reports.view import ReportsView


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
    queries.release()
    readers = [
        widget.energy.reads,
        widget.usage.heatmap_reads,
        widget.usage.utilisation_reads,
        widget.statements.reads,
        widget.statements.people_reads,
    ]
    run(qloop, wait_until(lambda: not any(r.busy for r in readers)))


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def _usage_page(qloop: qasync.QEventLoop, view: ReportsView) -> None:
    view.period_bar.choose(PeriodChoice.LAST_7_DAYS)
    view.pages.setCurrentWidget(view.usage)
    run(
        qloop,
        wait_until(
            lambda: (
                view.usage.utilisation_model.rowCount() == 3 and view.usage.heatmap_model.top > 0
            )
        ),
    )


def test_the_usage_page_is_read_only_when_shown(
    qloop: qasync.QEventLoop, view: ReportsView, queries: FakeQueries
) -> None:
    view.period_bar.choose(PeriodChoice.LAST_7_DAYS)
    run(qloop, wait_until(lambda: not view.energy.reads.busy and queries.calls))
    assert {call[0] for call in queries.calls} == {"energy_report"}
    _usage_page(qloop, view)
    names = [call[0] for call in queries.calls]
    assert "usage_heatmap" in names and "utilisation" in names
    assert view.usage.heatmap_model.index(0, 9).data() == "40.0"
    assert view.usage.legend._top == pytest.approx(40.0)
    assert "kWh in the period" in view.usage.heatmap_total_label.text()
    # Under the figure: why the energy report's total differs (the fake: 12.5 kWh running).
    note = view.usage.agreement_label.text()
    assert "Energy report for the same period" in note
    assert "+ 12.5 kWh of sessions still running" in note
    assert "running session counts once it stops" in view.energy.rule_label.text()


def test_utilisation_sorts_by_charging_share_first(
    qloop: qasync.QEventLoop, view: ReportsView
) -> None:
    _usage_page(qloop, view)
    proxy = view.usage.utilisation_proxy
    shown = [proxy.index(row, CHARGING).data() for row in range(3)]
    assert shown == ["60.0 %", "25.0 %", "5.0 %"]
    view.usage.utilisation_table.sortByColumn(OCCUPIED, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(row, OCCUPIED).data() for row in range(3)] == [
        "10.0 %",
        "40.0 %",
        "65.0 %",
    ]


def test_heatmap_and_utilisation_exports(
    qloop: qasync.QEventLoop, view: ReportsView, tmp_path: Path
) -> None:
    _usage_page(qloop, view)
    heat_file = tmp_path / "heat.csv"
    view.files.choose_path = lambda *_args: str(heat_file)  # type: ignore[method-assign]
    assert run(qloop, view.usage.export_heatmap_csv()) == 7
    header, *days = _csv(heat_file)
    assert header[1] == "00" and header[-1] == "total"
    assert header[0] == f"weekday ({zone_label()})"  # the hours are the site's
    model = view.usage.heatmap_model
    for day, row in enumerate(days):
        assert [float(v) for v in row[1:25]] == pytest.approx(
            [model.kwh(day, hour) for hour in range(24)], abs=0.001
        )

    use_file = tmp_path / "use.csv"
    view.usage.utilisation_table.sortByColumn(OCCUPIED, Qt.SortOrder.AscendingOrder)
    view.files.choose_path = lambda *_args: str(use_file)  # type: ignore[method-assign]
    assert run(qloop, view.usage.export_utilisation_csv()) == 3
    _header, *rows = _csv(use_file)
    proxy = view.usage.utilisation_proxy
    assert [row[3] + " %" for row in rows] == [proxy.index(r, OCCUPIED).data() for r in range(3)]


def _statements_page(qloop: qasync.QEventLoop, view: ReportsView) -> None:
    view.pages.setCurrentWidget(view.statements)
    page = view.statements
    run(qloop, wait_until(lambda: page.person_combo.count() == 3 and page.statement is not None))


def test_statements_offer_people_and_departments(
    qloop: qasync.QEventLoop, view: ReportsView, queries: FakeQueries
) -> None:
    _statements_page(qloop, view)
    page = view.statements
    assert not view.period_bar.isEnabled()  # the month is picked on the page
    assert page.person_combo.itemText(0) == "Dr. Maria Hoffmann — Radiology"
    assert "2 billed sessions" in page.summary_label.text()
    assert "EUR 8.34" in page.summary_label.text()
    page.department_radio.setChecked(True)
    # The departments billed in the month (the fake's bills), not those of today's people.
    assert [page.department_combo.itemText(i) for i in range(2)] == [
        "Facilities CC-4100",
        "Pharmacy CC-2300",
    ]
    run(qloop, wait_until(lambda: queries.calls[-1][0] == "monthly_statement"))
    run(qloop, wait_until(lambda: page.statement is not None))
    assert queries.calls[-1][3:] == (None, "Facilities CC-4100")
    page.month_edit.setDate(page.month_edit.date().addMonths(-1))
    run(qloop, wait_until(lambda: page.statement is not None and page.statement.month))
    year, month = page.month()
    run(qloop, wait_until(lambda: queries.calls[-1][1:3] == (year, month)))


def test_statement_buttons_wait_for_the_chosen_statement(
    qloop: qasync.QEventLoop, view: ReportsView, queries: FakeQueries
) -> None:
    _statements_page(qloop, view)
    page = view.statements
    queries.hold = True
    page.person_combo.setCurrentIndex(1)
    # The statement of the earlier choice can no longer be saved by mistake.
    assert not page.pdf_button.isEnabled()
    assert page.statement is None
    run(qloop, wait_until(lambda: view.period_bar.working_label.isVisible()))
    queries.release()
    run(qloop, wait_until(lambda: page.pdf_button.isEnabled()))


def test_statements_save_as_pdf_and_csv(
    qloop: qasync.QEventLoop, view: ReportsView, tmp_path: Path
) -> None:
    _statements_page(qloop, view)
    page = view.statements
    pdf = tmp_path / "statement.pdf"
    view.files.choose_path = lambda *_args: str(pdf)  # type: ignore[method-assign]
    assert run(qloop, page.save_pdf()) == 2
    # The file reads back as the statement: whose, both sessions and the sums of the two.
    text = pdf_text(pdf)
    year = page.month()[0]
    for expected in ("Jonas Weber", f"{year}-00001", f"{year}-00002", "25.000", "8.34"):
        assert expected in text, (expected, text)
    sheet = tmp_path / "statement.csv"
    view.files.choose_path = lambda *_args: str(sheet)  # type: ignore[method-assign]
    assert run(qloop, page.save_csv()) == 3  # two lines and the EUR total
    rows = _csv(sheet)
    assert rows[0][0] == "person"
    assert rows[-1][0] == "Total" and rows[-1][-2] == "8.34"
    assert str(sheet) in view.message_label.text()


def test_saving_nothing_chosen_does_nothing(qloop: qasync.QEventLoop, view: ReportsView) -> None:
    page = view.statements
    assert page.save_pdf() is None  # no statement read yet
    previous = date.today().replace(day=1) - timedelta(days=1)
    assert page.month() == (previous.year, previous.month)  # the last closed month
