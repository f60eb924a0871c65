"""The peak-period heat map as a table: weekdays down, hours of the day across."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt

from console.ui.reports.colours import ramp_colour, text_colour_on
from console.ui.reports.words import hour_label, hour_span, weekday_name

DAYS, HOURS = 7, 24
EXPORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the value for a CSV file: plain, dot decimal

Index = QModelIndex | QPersistentModelIndex


def kwh_cell_text(kwh: float, top: float) -> str:
    """A cell's number: empty for nothing, whole kWh when large values make room scarce.

    A little energy that would round to 0 shows as "<1" (or "<0.1"): some is not none.
    """
    if kwh <= 0:
        return ""
    decimals = 0 if top >= 100 else 1
    smallest = 10.0**-decimals
    if kwh < smallest / 2:
        return "<" + QLocale().toString(smallest, "f", decimals)
    return QLocale().toString(kwh, "f", decimals)


class HeatmapTableModel(QAbstractTableModel):
    """kWh charged per weekday (row 0 is Monday) and local hour (column 0 is 00:00-01:00).

    Each cell is coloured on a light-to-dark ramp scaled to the largest cell and also
    shows its number, so the colour is never the only way to read it.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kwh = [[0.0] * HOURS for _ in range(DAYS)]
        self._top = 0.0

    def set_matrix(self, matrix: Sequence[Sequence[float | Decimal]]) -> None:
        """Show a new 7 x 24 matrix of kWh."""
        if len(matrix) != DAYS or any(len(row) != HOURS for row in matrix):
            raise ValueError("the heat map needs 7 rows of 24 hours")
        self.beginResetModel()
        self._kwh = [[float(value) for value in row] for row in matrix]
        self._top = max(max(row) for row in self._kwh)
        self.endResetModel()

    def clear(self) -> None:
        """Show nothing (all zero)."""
        self.set_matrix([[0.0] * HOURS for _ in range(DAYS)])

    @property
    def top(self) -> float:
        """The largest cell, in kWh (the dark end of the colour scale)."""
        return self._top

    def total(self) -> float:
        """kWh of all cells together."""
        return sum(sum(row) for row in self._kwh)

    def kwh(self, day: int, hour: int) -> float:
        """One cell's kWh."""
        return self._kwh[day][hour]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Seven weekdays."""
        return 0 if parent.isValid() else DAYS

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Twenty-four hours."""
        return 0 if parent.isValid() else HOURS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's number, colour, contrasting text colour and a tooltip in words."""
        if not index.isValid():
            return None
        kwh = self._kwh[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return kwh_cell_text(kwh, self._top)
        if role == EXPORT_ROLE:
            return f"{kwh:.3f}"
        if role == Qt.ItemDataRole.BackgroundRole:
            return ramp_colour(kwh / self._top if self._top > 0 else 0.0)
        if role == Qt.ItemDataRole.ForegroundRole:
            return text_colour_on(ramp_colour(kwh / self._top if self._top > 0 else 0.0))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{weekday_name(index.row())} {hour_span(index.column())}: "
                + QLocale().toString(kwh, "f", 1)
                + " kWh"
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Weekday names down the side, hours across the top."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical and 0 <= section < DAYS:
            return weekday_name(section)
        if orientation == Qt.Orientation.Horizontal and 0 <= section < HOURS:
            if role == Qt.ItemDataRole.ToolTipRole:
                return hour_span(section)
            return hour_label(section)
        return None
