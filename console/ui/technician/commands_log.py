"""The outcomes of the commands sent from the Commands page, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from console.core.clock import utcnow
from console.core.model import CommandOutcome
from console.services.formatting import to_local
from console.ui.technician.config_models import OutcomeLook, outcome_look

Index = QModelIndex | QPersistentModelIndex
MAX_ROWS = 500


@dataclass(slots=True)
class LoggedOutcome:
    """One command sent and what became of it."""

    at: datetime
    charger_id: str
    title: str
    outcome: CommandOutcome
    look: OutcomeLook
    # What the command brought about, when followed (the message a trigger asked for).
    received: str = ""

    @property
    def reply(self) -> str:
        """The reply's data beyond its status, and what followed it."""
        details = {k: v for k, v in self.outcome.details.items() if k != "status"}
        if self.outcome.error and self.outcome.details:
            text = str(self.outcome.details)
        else:
            text = ", ".join(f"{k}={v}" for k, v in details.items())
        return " · ".join(part for part in (text, self.received) if part)


class CommandLogModel(QAbstractTableModel):
    """Time, charger, command, outcome and reply of each command sent, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = (
            self.tr("Time"),
            self.tr("Charger"),
            self.tr("Command"),
            self.tr("Outcome"),
            self.tr("Reply"),
        )
        self.rows: list[LoggedOutcome] = []

    def add(self, charger_id: str, title: str, outcome: CommandOutcome) -> LoggedOutcome:
        """Put a command's outcome at the top."""
        entry = LoggedOutcome(utcnow(), charger_id, title, outcome, outcome_look(outcome))
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.rows.insert(0, entry)
        self.endInsertRows()
        if len(self.rows) > MAX_ROWS:
            self.beginRemoveRows(QModelIndex(), MAX_ROWS, len(self.rows) - 1)
            del self.rows[MAX_ROWS:]
            self.endRemoveRows()
        return entry

    def set_received(self, outcome: CommandOutcome, text: str) -> LoggedOutcome | None:
        """Show what followed a command (found by its outcome) in its Reply cell."""
        for row, entry in enumerate(self.rows):
            if entry.outcome is outcome:
                entry.received = text
                cell = self.index(row, 4)
                self.dataChanged.emit(cell, cell)
                return entry
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        entry = self.rows[index.row()]
        column = index.column()
        if column == 3:
            if role == Qt.ItemDataRole.DisplayRole:
                return entry.look.label
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(entry.look.background))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(entry.look.foreground))
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return to_local(entry.at).strftime("%H:%M:%S")  # the site's zone
            if column == 1:
                return entry.charger_id
            if column == 2:
                return entry.title
            if column == 4:
                return entry.reply
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return entry.reply
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return entry.look.sentence or entry.look.label
        return None
