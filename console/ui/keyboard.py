"""Keyboard rules every screen follows: Tab leaves tables, window shortcuts work anywhere.

- A table traps Tab by default (QTableView moves between cells with it), so a person who
  tabs through a page gets stuck in the first table. Arrow keys move between cells; Tab
  and Shift+Tab move to the next and previous control, as everywhere else.
- A line edit on an X11 desktop claims Ctrl+E (and other Emacs keys) for itself, so the
  tab's Ctrl+E (export) did nothing while the filter box had focus. The window's own
  shortcuts are let through a text field: ``pass_shortcuts``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

START_SESSION_KEY = QKeySequence("F5")
STOP_SESSION_KEY = QKeySequence("F6")
EXPORT_KEY = QKeySequence("Ctrl+E")


def tab_leaves(view: QAbstractItemView) -> QAbstractItemView:
    """Let Tab move focus out of ``view`` (arrow keys still move between cells)."""
    view.setTabKeyNavigation(False)
    return view


def tab_leaves_everywhere(root: QWidget) -> int:
    """``tab_leaves`` for every table, tree and list under ``root``; how many there are."""
    views = root.findChildren(QAbstractItemView)
    for view in views:
        view.setTabKeyNavigation(False)
    return len(views)


class DeskTableView(QTableView):
    """The console's table: Tab leaves it, and a row that goes away takes the selection.

    Qt keeps "one selected row" in single-selection mode by selecting the next row when
    the selected one is removed, so a filter that hid the selected connector silently
    selected another one, and Start acted on a charger the person never chose. Here a
    selected row that the filter hides (or the model drops) leaves no selection.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)
        self.removing = False  # True while a removal (not the person) drops the selection

    def rowsAboutToBeRemoved(  # Qt override
        self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int
    ) -> None:
        """Drop the selection and current row before Qt moves them to a neighbour."""
        selection = self.selectionModel()
        current = self.currentIndex()
        self.removing = True
        try:
            if (
                selection is not None
                and current.isValid()
                and current.parent() == parent
                and start <= current.row() <= end
            ):
                selection.clear()  # the person's choice is gone; nothing replaces it
            elif selection is not None and any(
                start <= index.row() <= end for index in selection.selectedRows()
            ):
                selection.select(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        finally:
            self.removing = False
        super().rowsAboutToBeRemoved(parent, start, end)


def shown_with_shortcut(text: str, key: QKeySequence) -> str:
    """A tooltip or label with its shortcut: 'Start a session (F5)'."""
    native = key.toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({native})" if text else native


class _ShortcutPasser(QObject):
    """Refuses a text field's claim (ShortcutOverride) on the given key combinations."""

    def __init__(self, keys: list[QKeySequence], parent: QObject) -> None:
        super().__init__(parent)
        self.combinations = {
            key[0].toCombined()  # type: ignore[index]  # PySide6 has __getitem__, stubs not
            for key in keys
            if not key.isEmpty()
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """Let the listed keys reach the window's shortcuts instead of the text field."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination().toCombined() in self.combinations
        ):
            event.ignore()  # not claimed: the shortcut map may use it
            return True
        return False


def pass_shortcuts(field: QWidget, *keys: QKeySequence) -> None:
    """Let ``keys`` work as the window's shortcuts while ``field`` (a text box) has focus."""
    field.installEventFilter(_ShortcutPasser(list(keys), field))
