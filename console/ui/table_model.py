"""One base for the console's table models: a list of rows shown through declared columns.

Every table in the console is a flat list of plain objects (cards, sessions, alarms…)
shown through a handful of columns. ``RowTableModel`` holds that list and answers Qt's
questions (rowCount, columnCount, headerData, data) from a tuple of ``Column``s, so a
model only says what each column shows. Sorting goes through ``SORT_ROLE``: each column
gives a raw key (numbers for numbers, times as seconds) and the proxies sort by it, so
"10 kW" never sorts before "9 kW".

Rows change in three ways, each with the signals views and proxies expect:
``set_rows`` replaces everything (a reset), ``refresh_rows`` repaints only the rows that
changed when the same rows come back in the same order (a live table keeps its
selection and scroll position), and ``update_row``/``insert_rows``/``remove_rows`` change
one place.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

DISPLAY = Qt.ItemDataRole.DisplayRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a proxy sorts by
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row object itself
FIRST_FREE_ROLE = Qt.ItemDataRole.UserRole + 3  # the first role a model may define

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


# Not slots: a slotted generic dataclass cannot be built as ``Column[Row](...)``.
@dataclass(frozen=True)
class Column(Generic[T]):
    """What one column shows of a row: its title and, per role, a function of the row.

    ``text`` gives the cell's words; ``sort`` the raw key for ``SORT_ROLE`` (the text when
    not given); ``align`` applies to the cells and the header; ``header_tip`` explains
    the column in its header's tooltip. ``tooltip``, ``foreground``, ``background``,
    ``font`` and ``decoration`` return None where the cell has nothing special.
    """

    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    align: Qt.AlignmentFlag | None = None
    tooltip: Callable[[T], Any] | None = None
    foreground: Callable[[T], Any] | None = None
    background: Callable[[T], Any] | None = None
    font: Callable[[T], Any] | None = None
    decoration: Callable[[T], Any] | None = None
    header_tip: str | None = None


def columns_of(
    titles: Sequence[str],
    text: Callable[[T, int], str],
    *,
    sort: Callable[[T, int], Any] | None = None,
    tooltip: Callable[[T, int], Any] | None = None,
    foreground: Callable[[T, int], Any] | None = None,
    right: Iterable[int] = (),
    header_tips: Sequence[str | None] = (),
) -> list[Column[T]]:
    """Columns from functions of (row, column number), for models that say per column in
    one ``match``; columns numbered in ``right`` are aligned right (numbers)."""
    right = set(right)

    def bind(function: Callable[[T, int], Any] | None, number: int) -> Any:
        return None if function is None else functools.partial(_call, function, number)

    return [
        Column[T](
            title,
            bind(text, number),
            sort=bind(sort, number),
            tooltip=bind(tooltip, number),
            foreground=bind(foreground, number),
            align=RIGHT if number in right else LEFT,
            header_tip=header_tips[number] if number < len(header_tips) else None,
        )
        for number, title in enumerate(titles)
    ]


def _call(function: Callable[[T, int], Any], number: int, item: T) -> Any:
    return function(item, number)


class RowTableModel(QAbstractTableModel, Generic[T]):
    """A flat, read-only table of ``rows`` (objects of type T) shown through ``columns``.

    Subclasses set their columns with ``set_columns`` (titles go through ``self.tr``, so
    they are built in ``__init__``) and override ``role_data`` for roles of their own
    or colours that cover a whole row. ``data`` asks the column first; what it leaves
    unanswered (None) goes to ``role_data``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[T] = []
        self.columns: tuple[Column[T], ...] = ()

    # --- declaring ----------------------------------------------------------------------

    def set_columns(self, columns: Iterable[Column[T]]) -> None:
        """Show these columns; a model already shown is told its headers changed."""
        new = tuple(columns)
        if self.columns and len(new) == len(self.columns):
            self.columns = new
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(new) - 1)
            return
        self.beginResetModel()
        self.columns = new
        self.endResetModel()

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of rows (none below a valid parent: a flat table)."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # Qt override
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        """Column titles, what they mean (tooltip) and their alignment."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == DISPLAY:
            return self.header_text(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.header_tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        """The cell's value for ``role``: from its column, else from ``role_data``."""
        if not index.isValid():
            return None
        row, number = index.row(), index.column()
        if not (0 <= row < len(self.rows) and 0 <= number < len(self.columns)):
            return None
        item = self.rows[row]
        value = self.column_data(item, number, role)
        if value is not None:
            return value
        return self.role_data(item, number, role)

    # --- what a cell shows (for subclasses) ---------------------------------------------

    def header_text(self, section: int) -> str:
        """The title shown over a column (a subclass may add to it, e.g. the time zone)."""
        return self.columns[section].title

    def column_data(self, item: T, number: int, role: int) -> Any:
        """What column ``number`` says of ``item`` for ``role`` (None: nothing)."""
        column = self.columns[number]
        if role == DISPLAY:
            return column.text(item)
        if role == SORT_ROLE:
            return column.sort(item) if column.sort is not None else column.text(item)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        hook: Callable[[T], Any] | None = None
        if role == Qt.ItemDataRole.ToolTipRole:
            hook = column.tooltip
        elif role == Qt.ItemDataRole.ForegroundRole:
            hook = column.foreground
        elif role == Qt.ItemDataRole.BackgroundRole:
            hook = column.background
        elif role == Qt.ItemDataRole.FontRole:
            hook = column.font
        elif role == Qt.ItemDataRole.DecorationRole:
            hook = column.decoration
        return hook(item) if hook is not None else None

    def role_data(self, item: T, column: int, role: int) -> Any:
        """Roles no column answered: the row itself for ``ROW_ROLE``; subclasses add more."""
        if role == ROW_ROLE:
            return item
        return None

    # --- reading ------------------------------------------------------------------------

    def row_at(self, row: int) -> T | None:
        """The object of ``row``, or None outside the table."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def find_row(self, matches: Callable[[T], bool]) -> int | None:
        """The first row whose object ``matches``, or None."""
        for number, item in enumerate(self.rows):
            if matches(item):
                return number
        return None

    # --- changing -----------------------------------------------------------------------

    def set_rows(self, rows: Iterable[T]) -> None:
        """Show exactly ``rows`` (a reset: views drop selection and scroll to the top)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def refresh_rows(self, rows: Sequence[T], key: Callable[[T], Hashable]) -> None:
        """Show ``rows``; if they are the same rows (by ``key``) in the same order, only
        the ones that differ are repainted (one ``dataChanged`` each), else a reset."""
        if [key(r) for r in rows] != [key(r) for r in self.rows]:
            # Not through set_rows: a subclass may make its set_rows call this one.
            self.beginResetModel()
            self.rows = list(rows)
            self.endResetModel()
            return
        old, self.rows = self.rows, list(rows)
        for number, (before, after) in enumerate(zip(old, self.rows, strict=True)):
            if before != after:
                self.row_changed(number)

    def merge_newest(self, rows: Sequence[T], key: Callable[[T], Hashable]) -> None:
        """Take a fresh newest-first read of a log: rows new since the last read go in at
        the top, the oldest drop off the bottom, so a person reading keeps the selection
        and the scroll position. Anything else (a gap, another order) is a reset."""
        fresh = list(rows)
        keys = [key(r) for r in fresh]
        newest = key(self.rows[0]) if self.rows else None
        added = keys.index(newest) if self.rows and newest in keys else -1
        kept = len(fresh) - added
        if added < 0 or kept > len(self.rows) or [key(r) for r in self.rows[:kept]] != keys[added:]:
            self.beginResetModel()
            self.rows = fresh
            self.endResetModel()
            return
        self.keep_first(kept)
        self.insert_rows(0, fresh[:added])

    def update_row(self, row: int, item: T) -> None:
        """Replace the object of ``row`` and repaint that row."""
        self.rows[row] = item
        self.row_changed(row)

    def row_changed(self, row: int, roles: Sequence[int] = ()) -> None:
        """Tell views ``row`` shows something new (in every column)."""
        if self.columns:
            last = len(self.columns) - 1
            self.dataChanged.emit(self.index(row, 0), self.index(row, last), list(roles))

    def columns_changed(self, first: int, last: int, roles: Sequence[int] = ()) -> None:
        """Tell views columns ``first``..``last`` changed in every row (a clock tick)."""
        if self.rows:
            bottom = len(self.rows) - 1
            self.dataChanged.emit(self.index(0, first), self.index(bottom, last), list(roles))

    def insert_rows(self, position: int, items: Sequence[T]) -> None:
        """Insert ``items`` before ``position`` (``len(rows)`` appends)."""
        if not items:
            return
        self.beginInsertRows(QModelIndex(), position, position + len(items) - 1)
        self.rows[position:position] = list(items)
        self.endInsertRows()

    def remove_rows(self, first: int, count: int) -> None:
        """Remove ``count`` rows starting at ``first``."""
        if count <= 0:
            return
        self.beginRemoveRows(QModelIndex(), first, first + count - 1)
        del self.rows[first : first + count]
        self.endRemoveRows()

    def keep_first(self, count: int) -> None:
        """Drop every row after the first ``count`` (a log with a bounded length)."""
        if len(self.rows) > count:
            self.remove_rows(count, len(self.rows) - count)
