"""The Reports tab's models (checked by qtmodeltester), colours and periods."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from reports_fakes import UTILISATION, day_rows, heat_matrix

from console.services.reports import ReportBy, ReportRow
from console.ui.reports.colours import RAMP, contrast, luminance, ramp_colour, text_colour_on
from console.ui.reports.energy_model import (
    TOTAL_ROLE,
    EnergyReportTableModel,
    TotalLastProxyModel,
)
from console.ui.reports.heatmap_model import EXPORT_ROLE, HeatmapTableModel, kwh_cell_text
from console.ui.reports.period import PeriodChoice, days_of
from console.ui.reports.utilisation_model import (
    CHARGING,
    UtilisationProxyModel,
    UtilisationTableModel,
    percent_text,
)

MIXED = [
    ReportRow("CP-1", 3, Decimal("30.000"), {"EUR": Decimal("6.00")}),
    ReportRow("CP-2", 5, Decimal("90.500"), {"CHF": Decimal("21.00")}, unbilled=2),
    ReportRow("CP-3", 1, Decimal("4.250"), {}, unbilled=1),
]


def _column(model: object, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    return [model.index(row, column).data(role) for row in range(model.rowCount())]  # type: ignore[attr-defined]


def test_energy_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = EnergyReportTableModel()
    qtmodeltester.check(model)
    model.set_report(MIXED, ReportBy.CHARGER)
    qtmodeltester.check(model)
    proxy = TotalLastProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    model.set_report(day_rows(date(2026, 3, 1), 31), ReportBy.DAY)
    qtmodeltester.check(proxy)


def test_energy_model_has_a_column_per_currency_and_a_total_row() -> None:
    model = EnergyReportTableModel()
    model.set_report(MIXED, ReportBy.CHARGER)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == [
        "Charger",
        "Sessions",
        "Energy (kWh)",
        "Revenue (CHF)",
        "Revenue (EUR)",
        "Without bill",
    ]
    assert _column(model, 0) == ["CP-1", "CP-2", "CP-3", "Total"]
    assert _column(model, 1) == ["3", "5", "1", "9"]
    assert _column(model, 2) == ["30.0", "90.5", "4.3", "124.8"]
    assert _column(model, 3) == ["0.00", "21.00", "0.00", "21.00"]
    assert _column(model, 4) == ["6.00", "0.00", "0.00", "6.00"]
    # Zero is written: an empty cell read as "not known" (issue 11).
    assert _column(model, 5) == ["0", "2", "1", "3"]
    tip = model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "no bill" in tip and "no tariff" in tip
    assert model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole) == tip
    assert _column(model, 0, TOTAL_ROLE) == [False, False, False, True]


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_the_total_row_stays_last_in_either_order(order: Qt.SortOrder) -> None:
    model = EnergyReportTableModel()
    model.set_report(MIXED, ReportBy.CHARGER)
    proxy = TotalLastProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(2, order)  # energy: by number, not by text ("4.3" < "30.0")
    keys = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    expected = ["CP-3", "CP-1", "CP-2"]
    if order == Qt.SortOrder.DescendingOrder:
        expected.reverse()
    assert keys == [*expected, "Total"]
    assert [row.key for row in proxy.visible_rows()] == expected


def test_day_keys_read_as_dates_with_weekdays() -> None:
    model = EnergyReportTableModel()
    model.set_report(day_rows(date(2026, 3, 2), 2), ReportBy.DAY)  # a Monday
    first = model.index(0, 0).data()
    assert "2026-03-02" in first
    assert first != "2026-03-02"  # the weekday is added


def test_heatmap_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = HeatmapTableModel()
    qtmodeltester.check(model)
    model.set_matrix(heat_matrix())
    qtmodeltester.check(model)


def test_heatmap_cells_show_numbers_and_darker_means_more() -> None:
    model = HeatmapTableModel()
    matrix = heat_matrix(peak=40.0)
    model.set_matrix(matrix)
    assert model.top == pytest.approx(40.0)
    monday_nine = model.index(0, 9)
    assert monday_nine.data() == "40.0"
    assert monday_nine.data(EXPORT_ROLE) == "40.000"
    assert model.index(6, 3).data() == ""  # nothing charged: no number, the lightest colour
    assert model.headerData(0, Qt.Orientation.Vertical) == "Monday"
    assert model.headerData(23, Qt.Orientation.Horizontal) == "23"
    light = luminance(model.index(6, 3).data(Qt.ItemDataRole.BackgroundRole))
    mid = luminance(model.index(0, 15).data(Qt.ItemDataRole.BackgroundRole))
    dark = luminance(monday_nine.data(Qt.ItemDataRole.BackgroundRole))
    assert light > mid > dark
    with pytest.raises(ValueError, match="7 rows"):
        model.set_matrix([[0.0] * 24])


def test_the_ramp_gets_darker_all_along_and_text_keeps_its_contrast() -> None:
    steps = [luminance(ramp_colour(i / 50)) for i in range(51)]
    assert all(a > b for a, b in itertools.pairwise(steps))
    assert ramp_colour(-1).name() == RAMP[0][1].lower()
    assert ramp_colour(2).name() == RAMP[-1][1].lower()
    for i in range(101):
        background = ramp_colour(i / 100)
        assert contrast(background, text_colour_on(background)) >= 4.5  # WCAG AA


def test_utilisation_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = UtilisationTableModel()
    qtmodeltester.check(model)
    model.set_rows(UTILISATION)
    qtmodeltester.check(model)
    proxy = UtilisationProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_utilisation_shows_percentages_and_sorts_by_share() -> None:
    model = UtilisationTableModel()
    model.set_rows(UTILISATION)
    proxy = UtilisationProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(CHARGING, Qt.SortOrder.DescendingOrder)
    shown = [(proxy.index(r, 0).data(), proxy.index(r, 2).data()) for r in range(3)]
    assert shown == [("P2-DC-01", "60.0 %"), ("P1-AC-01", "25.0 %"), ("P1-AC-01", "5.0 %")]
    assert [u.connector_id for u in proxy.visible_rows()] == [1, 1, 2]


@pytest.mark.parametrize(
    ("choice", "first", "last"),
    [
        (PeriodChoice.LAST_7_DAYS, date(2026, 3, 9), date(2026, 3, 15)),
        (PeriodChoice.LAST_30_DAYS, date(2026, 2, 14), date(2026, 3, 15)),
        (PeriodChoice.THIS_MONTH, date(2026, 3, 1), date(2026, 3, 15)),
        (PeriodChoice.LAST_MONTH, date(2026, 2, 1), date(2026, 2, 28)),
        (PeriodChoice.THIS_YEAR, date(2026, 1, 1), date(2026, 3, 15)),
    ],
)
def test_ready_made_periods(choice: PeriodChoice, first: date, last: date) -> None:
    assert days_of(choice, date(2026, 3, 15)) == (first, last)


def test_last_month_in_january_is_last_december() -> None:
    assert days_of(PeriodChoice.LAST_MONTH, date(2026, 1, 20)) == (
        date(2025, 12, 1),
        date(2025, 12, 31),
    )


def test_small_amounts_never_read_as_nothing() -> None:
    assert kwh_cell_text(0.0, 200) == ""
    assert kwh_cell_text(0.3, 200) == "<1"
    assert kwh_cell_text(0.7, 200) == "1"
    assert kwh_cell_text(0.04, 50) == "<0.1"
    assert percent_text(0.0) == "0.0 %"
    assert percent_text(0.0001) == "< 0.1 %"
    assert percent_text(0.5) == "50.0 %"
