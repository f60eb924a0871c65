"""What a card import would do, one line per row of the file, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex


class PreviewKind(StrEnum):
    """What happens to one row of the file."""

    ADDED = "added"
    CHANGED = "changed"
    PERSON = "person"
    PROBLEM = "problem"


# (colour, symbol): Okabe-Ito, and a symbol so colour is not the only cue.
KIND_STYLE: dict[PreviewKind, tuple[str, str]] = {
    PreviewKind.ADDED: ("#009E73", "+"),
    PreviewKind.CHANGED: ("#0072B2", "✎"),
    PreviewKind.PERSON: ("#56B4E9", "◆"),
    PreviewKind.PROBLEM: ("#D55E00", "⚠"),
}
PROBLEM_BACKGROUND = QColor("#FBE3D6")


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One line of the preview."""

    kind: PreviewKind
    line: int | None  # line in the file, when known
    card: str
    details: str


class PreviewColumn(IntEnum):
    """The preview table's columns, in order."""

    LINE = 0
    KIND = 1
    CARD = 2
    DETAILS = 3


class ImportPreviewModel(QAbstractTableModel):
    """The rows of an import plan: added, changed, new people and problems."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []
        self._titles = [self.tr("Line"), self.tr("What"), self.tr("Card"), self.tr("Details")]
        self._words = {
            PreviewKind.ADDED: self.tr("New card"),
            PreviewKind.CHANGED: self.tr("Changed"),
            PreviewKind.PERSON: self.tr("New person"),
            PreviewKind.PROBLEM: self.tr("Problem: skipped"),
        }

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of preview lines."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(PreviewColumn)

    def headerData(  # Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PreviewColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, colour and tooltip of one cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = PreviewColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case PreviewColumn.LINE:
                    return "" if row.line is None else str(row.line)
                case PreviewColumn.KIND:
                    return f"{KIND_STYLE[row.kind][1]} {self._words[row.kind]}"
                case PreviewColumn.CARD:
                    return row.card
                case PreviewColumn.DETAILS:
                    return row.details
        if role == Qt.ItemDataRole.ForegroundRole and column == PreviewColumn.KIND:
            return QColor(KIND_STYLE[row.kind][0])
        if role == Qt.ItemDataRole.BackgroundRole and row.kind is PreviewKind.PROBLEM:
            return PROBLEM_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole and column == PreviewColumn.DETAILS:
            return row.details
        if role == Qt.ItemDataRole.TextAlignmentRole and column == PreviewColumn.LINE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def set_rows(self, rows: list[PreviewRow]) -> None:
        """Show these lines (problems first: they need a look before importing)."""
        order = [PreviewKind.PROBLEM, PreviewKind.ADDED, PreviewKind.CHANGED, PreviewKind.PERSON]
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: (order.index(r.kind), r.line or 0))
        self.endResetModel()

    def rows(self) -> list[PreviewRow]:
        """The lines shown, in order."""
        return list(self._rows)
