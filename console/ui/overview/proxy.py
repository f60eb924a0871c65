"""Sorting and filtering of the overview's table: a text filter and "only problems"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from console.ui.overview.model import PROBLEM_ROLE, ChargerTableModel, Column

AnyIndex = QModelIndex | QPersistentModelIndex
_SEARCHED = (Column.CHARGER, Column.STATUS, Column.CARD, Column.PROBLEM)


class ChargerFilterProxyModel(QSortFilterProxyModel):
    """Sorts naturally (CP-2 before CP-10, problems first by status) and filters rows."""

    def __init__(self, source: ChargerTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._text = ""
        self._only_problems = False
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        """Show rows whose charger, status, card or problem contains ``text``."""
        self._refilter(lambda: setattr(self, "_text", text.strip().casefold()))

    def set_only_problems(self, only: bool) -> None:
        """Show only faulted and offline rows."""
        self._refilter(lambda: setattr(self, "_only_problems", only))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.9 replaced invalidateFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        """Both filters must accept the row."""
        source = self._source
        if self._only_problems and not source.index(source_row, 0).data(PROBLEM_ROLE):
            return False
        if not self._text:
            return True
        return any(
            self._text in str(source.index(source_row, column).data() or "").casefold()
            for column in _SEARCHED
        )

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        """Compare the model's sort keys rather than the texts shown."""
        column = left.column()
        return bool(
            self._source.sort_key(left.row(), column) < self._source.sort_key(right.row(), column)
        )
