"""What a card import would do, one line per row of the file, before anything is written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from console.ui.table_model import RIGHT, Column, RowTableModel


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


class ImportPreviewModel(RowTableModel[PreviewRow]):
    """The rows of an import plan: added, changed, new people and problems."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        words = {
            PreviewKind.ADDED: self.tr("New card"),
            PreviewKind.CHANGED: self.tr("Changed"),
            PreviewKind.PERSON: self.tr("New person"),
            PreviewKind.PROBLEM: self.tr("Problem: skipped"),
        }
        self.set_columns(
            (
                Column[PreviewRow](
                    self.tr("Line"), lambda r: "" if r.line is None else str(r.line), align=RIGHT
                ),
                Column[PreviewRow](
                    self.tr("What"),
                    lambda r: f"{KIND_STYLE[r.kind][1]} {words[r.kind]}",
                    foreground=lambda r: QColor(KIND_STYLE[r.kind][0]),
                ),
                Column[PreviewRow](self.tr("Card"), lambda r: r.card),
                Column[PreviewRow](
                    self.tr("Details"), lambda r: r.details, tooltip=lambda r: r.details
                ),
            )
        )

    def role_data(self, item: PreviewRow, column: int, role: int) -> Any:
        """Problems stand out in every cell."""
        if role == Qt.ItemDataRole.BackgroundRole and item.kind is PreviewKind.PROBLEM:
            return PROBLEM_BACKGROUND
        return super().role_data(item, column, role)

    def set_rows(self, rows: Iterable[PreviewRow]) -> None:
        """Show these lines (problems first: they need a look before importing)."""
        order = [PreviewKind.PROBLEM, PreviewKind.ADDED, PreviewKind.CHANGED, PreviewKind.PERSON]
        super().set_rows(sorted(rows, key=lambda r: (order.index(r.kind), r.line or 0)))
