"""The energy report as a table: one row per period, charger or group, and a total row."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from console.services.reports import ReportBy, ReportRow, currencies_of, report_total
from console.ui.reports.words import Measure, grouping_word, key_label, measure_word
from console.ui.table_model import FIRST_FREE_ROLE, LEFT, RIGHT, SORT_ROLE, Column, RowTableModel

TOTAL_ROLE = FIRST_FREE_ROLE  # True on the total row

Index = QModelIndex | QPersistentModelIndex
ZERO_MONEY = Decimal("0.00")


def unbilled_explanation() -> str:
    """What the "Without bill" column counts, for its tooltip."""
    return QCoreApplication.translate(
        "Reports",
        "Finished sessions that have no bill: no tariff applies to their card, or their "
        "meter readings wait for staff to review them. Their energy is counted here, their "
        "revenue is not. Free sessions (a tariff at 0) have a bill and are not counted.",
    )


def measure_value(row: ReportRow, measure: Measure, currency: str | None = None) -> float:
    """The figure of ``row`` that the chart shows for ``measure``."""
    if measure is Measure.ENERGY:
        return float(row.energy_kwh)
    if measure is Measure.SESSIONS:
        return float(row.sessions)
    return float(row.revenue.get(currency, ZERO_MONEY)) if currency else 0.0


def measure_text(value: float, measure: Measure) -> str:
    """A chart value as text: kWh with one decimal, sessions whole, money with cents."""
    decimals = {Measure.ENERGY: 1, Measure.SESSIONS: 0, Measure.REVENUE: 2}[measure]
    return QLocale().toString(value, "f", decimals)


class EnergyReportTableModel(RowTableModel[ReportRow]):
    """Rows of ``energy_report`` with a bold total row at the end.

    Columns: the key, sessions, energy (kWh), revenue per currency found, and the finished
    sessions without a bill ("Without bill", 0 shown: an empty cell would read as unknown).
    The total is the last of ``rows``; the revenue columns follow the currencies found.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._total = report_total([])
        self._by = ReportBy.DAY
        self._currencies: list[str] = []
        self.set_report([], ReportBy.DAY)

    # --- contents -----------------------------------------------------------------------

    def set_report(self, rows: Sequence[ReportRow], by: ReportBy) -> None:
        """Show a report grouped ``by``."""
        report = list(rows)
        self.beginResetModel()  # rows and columns change together: one reset
        self._by = by
        self._currencies = currencies_of(report)
        self._total = report_total(report)
        self.rows = [*report, self._total]
        self.columns = tuple(self._column(number) for number in range(4 + len(self._currencies)))
        self.endResetModel()

    @property
    def by(self) -> ReportBy:
        """How the rows shown are grouped."""
        return self._by

    @property
    def currencies(self) -> list[str]:
        """The currencies with revenue in the report, one column each."""
        return list(self._currencies)

    def report_rows(self) -> list[ReportRow]:
        """The report's rows (without the total), in the report's order."""
        return self.rows[:-1]

    def total(self) -> ReportRow:
        """The sum of every row."""
        return self._total

    def row_at(self, row: int) -> ReportRow | None:
        """The report row shown at ``row``; None for the total row."""
        return self.rows[row] if 0 <= row < len(self.rows) - 1 else None

    # --- columns ------------------------------------------------------------------------

    def _column_kind(self, column: int) -> tuple[str, str | None]:
        """("key"|"sessions"|"energy"|"revenue"|"unbilled", currency)."""
        if column == 0:
            return "key", None
        if column == 1:
            return "sessions", None
        if column == 2:
            return "energy", None
        if column < 3 + len(self._currencies):
            return "revenue", self._currencies[column - 3]
        return "unbilled", None

    def column_title(self, column: int) -> str:
        """A column's title as shown."""
        kind, currency = self._column_kind(column)
        if kind == "key":
            return grouping_word(self._by)
        if kind == "sessions":
            return measure_word(Measure.SESSIONS)
        if kind == "energy":
            return measure_word(Measure.ENERGY)
        if kind == "revenue":
            return measure_word(Measure.REVENUE, currency)
        return QCoreApplication.translate("Reports", "Without bill")

    def _column(self, number: int) -> Column[ReportRow]:
        kind, currency = self._column_kind(number)
        if kind == "key":
            return Column[ReportRow](
                self.column_title(number),
                self._key_text,
                sort=lambda r: r.key.casefold(),
                tooltip=self._key_text,
                align=LEFT,
            )

        def text(row: ReportRow) -> str:
            return self._figure_text(row, kind, currency)

        unbilled = kind == "unbilled"
        return Column[ReportRow](
            self.column_title(number),
            text,
            sort=lambda r: self._figure(r, kind, currency),
            tooltip=(lambda _r: unbilled_explanation()) if unbilled else text,
            align=RIGHT,
            header_tip=unbilled_explanation() if unbilled else None,
        )

    def _key_text(self, row: ReportRow) -> str:
        if row is self._total:
            return QCoreApplication.translate("Reports", "Total")
        return key_label(row.key, self._by)

    # --- Qt model -----------------------------------------------------------------------

    def role_data(self, item: ReportRow, column: int, role: int) -> Any:
        """TOTAL_ROLE: True on the total row; its key cell is bold too."""
        if role == TOTAL_ROLE:
            return item is self._total
        if role == Qt.ItemDataRole.FontRole and item is self._total:
            return _bold()
        return super().role_data(item, column, role)

    def _figure(self, row: ReportRow, kind: str, currency: str | None) -> float:
        if kind == "sessions":
            return float(row.sessions)
        if kind == "energy":
            return float(row.energy_kwh)
        if kind == "revenue" and currency is not None:
            return float(row.revenue.get(currency, ZERO_MONEY))
        return float(row.unbilled)

    def _figure_text(self, row: ReportRow, kind: str, currency: str | None) -> str:
        locale = QLocale()
        if kind == "sessions":
            return locale.toString(row.sessions)
        if kind == "energy":
            return locale.toString(float(row.energy_kwh), "f", 1)
        if kind == "revenue" and currency is not None:
            return locale.toString(float(row.revenue.get(currency, ZERO_MONEY)), "f", 2)
        return locale.toString(row.unbilled)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class TotalLastProxyModel(QSortFilterProxyModel):
    """Sorts by the raw values and keeps the total row at the bottom in either order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        """Compare raw values; the total row is last whichever way the column is sorted."""
        left_total = bool(left.data(TOTAL_ROLE))
        right_total = bool(right.data(TOTAL_ROLE))
        if left_total or right_total:
            descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
            # Descending order reverses lessThan; answer so the total lands last either way.
            return right_total != descending if left_total != right_total else False
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if type(a) is not type(b):
            return str(a) < str(b)
        return bool(a < b)

    def visible_rows(self) -> list[ReportRow]:
        """The report rows in the order shown, without the total."""
        source = self.sourceModel()
        assert isinstance(source, EnergyReportTableModel)
        rows = []
        for row in range(self.rowCount()):
            shown = source.row_at(self.mapToSource(self.index(row, 0)).row())
            if shown is not None:
                rows.append(shown)
        return rows
