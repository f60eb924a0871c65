"""The editable table of a tariff's time windows: days as checkboxes, times and prices as text.

Rows are drafts, checked as the person types: ``problems()`` names what is wrong in words,
and ``windows()`` turns valid drafts into ``TariffWindow`` values.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal, InvalidOperation
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from console.core.tariffs import TariffWindow
from console.ui.billing.words import tr, weekday_names
from console.ui.table_model import Column, RowTableModel

Index = QModelIndex | QPersistentModelIndex
PROBLEM_BACKGROUND = QColor("#FBE3D6")


class WindowColumn(IntEnum):
    """Columns of the windows table; the seven days sit between name and start."""

    NAME = 0
    MON = 1
    SUN = 7
    START = 8
    END = 9
    ENERGY = 10
    TIME = 11


COLUMN_COUNT = 12


@dataclass(slots=True)
class WindowDraft:
    """A window as typed: text that may not be valid yet."""

    name: str = ""
    days: set[int] = field(default_factory=lambda: set(range(5)))
    start: str = "08:00"
    end: str = "20:00"
    energy: str = ""
    time_price: str = ""

    @classmethod
    def of(cls, window: TariffWindow) -> WindowDraft:
        """The draft of a stored window."""
        return cls(
            window.name,
            set(window.weekdays),
            window.start.strftime("%H:%M"),
            window.end.strftime("%H:%M"),
            "" if window.energy_price is None else str(window.energy_price),
            "" if window.time_price is None else str(window.time_price),
        )


def parse_time(text: str) -> time:
    """ "7:30", "07:30" or "24:00" (midnight at the end of a day) as a wall-clock time."""
    cleaned = text.strip()
    if cleaned in ("24:00", "24"):
        return time(0, 0)
    hours, _, minutes = cleaned.partition(":")
    try:
        return time(int(hours), int(minutes or 0))
    except ValueError as error:
        raise ValueError(tr("%1 is not a time like 07:30").replace("%1", repr(text))) from error


def parse_price(text: str, what: str, optional: bool = True) -> Decimal | None:
    """A price typed by a person ("0.39" or "0,39"); empty is None when ``optional``."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        if optional:
            return None
        raise ValueError(tr("%1 is needed").replace("%1", what))
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        message = tr("%1: %2 is not a number").replace("%1", what).replace("%2", text)
        raise ValueError(message) from error
    if not value.is_finite() or value < 0:
        raise ValueError(tr("%1 must be 0 or more").replace("%1", what))
    return value


class TariffWindowsModel(RowTableModel[WindowDraft]):
    """The windows of the tariff being edited; the first matching window wins."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        tips = {
            int(WindowColumn.NAME): tr("A name for the window, e.g. Peak"),
            int(WindowColumn.START): tr("Local time the window starts, e.g. 07:00"),
            int(WindowColumn.END): tr("Local time it ends; before the start: the next day"),
            int(WindowColumn.ENERGY): tr("Price per kWh in the window; empty: base price"),
            int(WindowColumn.TIME): tr("Price per hour of charging; empty: base price"),
        }
        day_tip = tr("The window starts on this day")

        def column(number: int, title: str) -> Column[WindowDraft]:
            if _is_day(number):  # a checkbox: see column_data
                return Column[WindowDraft](title, lambda _d: "", header_tip=day_tip)
            problem = functools.partial(self._cell_problem, column=number)
            return Column[WindowDraft](
                title,
                functools.partial(self._text, column=number),
                tooltip=lambda d: problem(d) or None,
                background=lambda d: PROBLEM_BACKGROUND if problem(d) else None,
                header_tip=tips[number],
            )

        self.set_columns(column(number, title) for number, title in enumerate(_titles()))

    def column_data(self, item: WindowDraft, number: int, role: int) -> Any:
        """Days are only a check state; the other cells edit their text."""
        if _is_day(number):
            if role == Qt.ItemDataRole.CheckStateRole:
                checked = number - WindowColumn.MON in item.days
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.EditRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().column_data(item, number, role)

    def flags(self, index: Index) -> Qt.ItemFlag:  # Qt override
        """Days are checkboxes; every other cell is typed into."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if _is_day(index.column()):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Take a typed value or a ticked day."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return False
        draft = self.rows[index.row()]
        column = index.column()
        if _is_day(column):
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            day = column - WindowColumn.MON
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            if checked:
                draft.days.add(day)
            else:
                draft.days.discard(day)
        elif role == Qt.ItemDataRole.EditRole:
            text = "" if value is None else str(value)
            match column:
                case WindowColumn.NAME:
                    draft.name = text
                case WindowColumn.START:
                    draft.start = text
                case WindowColumn.END:
                    draft.end = text
                case WindowColumn.ENERGY:
                    draft.energy = text
                case WindowColumn.TIME:
                    draft.time_price = text
        else:
            return False
        self.row_changed(index.row())
        return True

    # --- content ------------------------------------------------------------------------

    def set_windows(self, windows: tuple[TariffWindow, ...] | list[WindowDraft]) -> None:
        """Show these windows (stored ones or drafts)."""
        self.set_rows(w if isinstance(w, WindowDraft) else WindowDraft.of(w) for w in windows)

    def add_window(self, draft: WindowDraft | None = None) -> int:
        """Append a window (peak hours on weekdays unless told otherwise); returns its row."""
        row = len(self.rows)
        self.insert_rows(row, [draft or WindowDraft(name=tr("Peak"))])
        return row

    def remove_window(self, row: int) -> None:
        """Remove the window in ``row``."""
        if 0 <= row < len(self.rows):
            self.remove_rows(row, 1)

    def drafts(self) -> list[WindowDraft]:
        """The windows as typed."""
        return list(self.rows)

    def problems(self) -> list[str]:
        """What is wrong with the windows, one message per problem, in row order."""
        found: list[str] = []
        for row, draft in enumerate(self.rows):
            try:
                _window_of(draft)
            except ValueError as error:
                label = draft.name.strip() or tr("row %1").replace("%1", str(row + 1))
                found.append(tr("Window %1: %2").replace("%1", label).replace("%2", str(error)))
        return found

    def windows(self) -> tuple[TariffWindow, ...]:
        """The windows as values; ValueError names the first problem."""
        problems = self.problems()
        if problems:
            raise ValueError(problems[0])
        return tuple(_window_of(draft) for draft in self.rows)

    # --- internals ----------------------------------------------------------------------

    @staticmethod
    def _text(draft: WindowDraft, column: int) -> str:
        texts: dict[int, str] = {
            WindowColumn.NAME: draft.name,
            WindowColumn.START: draft.start,
            WindowColumn.END: draft.end,
            WindowColumn.ENERGY: draft.energy,
            WindowColumn.TIME: draft.time_price,
        }
        return texts.get(column, "")

    @staticmethod
    def _cell_problem(draft: WindowDraft, column: int) -> str:
        try:
            match column:
                case WindowColumn.NAME if not draft.name.strip():
                    return tr("A window needs a name")
                case WindowColumn.START:
                    parse_time(draft.start)
                case WindowColumn.END:
                    parse_time(draft.end)
                case WindowColumn.ENERGY:
                    parse_price(draft.energy, tr("Energy price"))
                case WindowColumn.TIME:
                    parse_price(draft.time_price, tr("Time price"))
        except ValueError as error:
            return str(error)
        return ""


def _is_day(column: int) -> bool:
    return WindowColumn.MON <= column <= WindowColumn.SUN


def _titles() -> list[str]:
    return [
        tr("Window"),
        *weekday_names(),
        tr("Start"),
        tr("End"),
        tr("Per kWh"),
        tr("Per hour"),
    ]


def _window_of(draft: WindowDraft) -> TariffWindow:
    if not draft.name.strip():
        raise ValueError(tr("a window needs a name"))
    if not draft.days:
        raise ValueError(tr("tick at least one day"))
    return TariffWindow(
        name=draft.name.strip(),
        weekdays=frozenset(draft.days),
        start=parse_time(draft.start),
        end=parse_time(draft.end),
        energy_price=parse_price(draft.energy, tr("energy price")),
        time_price=parse_price(draft.time_price, tr("time price")),
    )
