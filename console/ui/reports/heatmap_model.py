"""The peak-period heat map as a table: weekdays down, hours of the day across."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale, Qt

from console.ui.reports.colours import ramp_colour, text_colour_on
from console.ui.reports.words import hour_label, hour_span, weekday_name
from console.ui.table_model import FIRST_FREE_ROLE, Column, RowTableModel

DAYS, HOURS = 7, 24
EXPORT_ROLE = FIRST_FREE_ROLE  # the value for a CSV file: plain, dot decimal


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


@dataclass(frozen=True, slots=True)
class HeatmapDay:
    """One row of the heat map: a weekday (0 is Monday) and its kWh per local hour."""

    day: int
    kwh: tuple[float, ...]


class HeatmapTableModel(RowTableModel[HeatmapDay]):
    """kWh charged per weekday (row 0 is Monday) and local hour (column 0 is 00:00-01:00).

    Each cell is coloured on a light-to-dark ramp scaled to the largest cell and also
    shows its number, so the colour is never the only way to read it.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._top = 0.0
        self.set_columns(self._hour(hour) for hour in range(HOURS))
        self.clear()

    def _hour(self, hour: int) -> Column[HeatmapDay]:
        def share(row: HeatmapDay) -> float:
            return row.kwh[hour] / self._top if self._top > 0 else 0.0

        return Column[HeatmapDay](
            hour_label(hour),
            lambda row: kwh_cell_text(row.kwh[hour], self._top),
            sort=lambda row: row.kwh[hour],
            align=Qt.AlignmentFlag.AlignCenter,
            tooltip=lambda row: (
                f"{weekday_name(row.day)} {hour_span(hour)}: "
                + QLocale().toString(row.kwh[hour], "f", 1)
                + " kWh"
            ),
            background=lambda row: ramp_colour(share(row)),
            foreground=lambda row: text_colour_on(ramp_colour(share(row))),
            header_tip=hour_span(hour),
        )

    def set_matrix(self, matrix: Sequence[Sequence[float | Decimal]]) -> None:
        """Show a new 7 x 24 matrix of kWh."""
        if len(matrix) != DAYS or any(len(row) != HOURS for row in matrix):
            raise ValueError("the heat map needs 7 rows of 24 hours")
        days = [HeatmapDay(day, tuple(float(v) for v in row)) for day, row in enumerate(matrix)]
        self._top = max(max(row.kwh) for row in days)
        self.set_rows(days)

    def clear(self) -> None:
        """Show nothing (all zero)."""
        self.set_matrix([[0.0] * HOURS for _ in range(DAYS)])

    @property
    def top(self) -> float:
        """The largest cell, in kWh (the dark end of the colour scale)."""
        return self._top

    def total(self) -> float:
        """kWh of all cells together."""
        return sum(sum(row.kwh) for row in self.rows)

    def kwh(self, day: int, hour: int) -> float:
        """One cell's kWh."""
        return self.rows[day].kwh[hour]

    def role_data(self, item: HeatmapDay, column: int, role: int) -> Any:
        """The value for a CSV file (EXPORT_ROLE): plain, with a dot decimal."""
        if role == EXPORT_ROLE:
            return f"{item.kwh[column]:.3f}"
        return super().role_data(item, column, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Weekday names down the side, hours across the top (the span as the tooltip)."""
        if orientation == Qt.Orientation.Vertical:
            shown = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            return weekday_name(section) if shown and 0 <= section < DAYS else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None
        return super().headerData(section, orientation, role)
