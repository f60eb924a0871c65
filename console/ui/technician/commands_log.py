"""The outcomes of the commands sent from the Commands page, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from console.core.clock import utcnow
from console.core.model import CommandOutcome
from console.services.formatting import to_local
from console.ui.table_model import Column, RowTableModel
from console.ui.technician.config_models import OutcomeLook, outcome_look

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


class CommandLogModel(RowTableModel[LoggedOutcome]):
    """Time, charger, command, outcome and reply of each command sent, newest first."""

    REPLY = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            (
                Column[LoggedOutcome](
                    self.tr("Time"),
                    lambda e: to_local(e.at).strftime("%H:%M:%S"),  # the site's zone
                ),
                Column[LoggedOutcome](self.tr("Charger"), lambda e: e.charger_id),
                Column[LoggedOutcome](self.tr("Command"), lambda e: e.title),
                Column[LoggedOutcome](
                    self.tr("Outcome"),
                    lambda e: e.look.label,
                    tooltip=lambda e: e.look.sentence or e.look.label,
                    background=lambda e: QBrush(QColor(e.look.background)),
                    foreground=lambda e: QBrush(QColor(e.look.foreground)),
                ),
                Column[LoggedOutcome](
                    self.tr("Reply"), lambda e: e.reply, tooltip=lambda e: e.reply
                ),
            )
        )

    def add(self, charger_id: str, title: str, outcome: CommandOutcome) -> LoggedOutcome:
        """Put a command's outcome at the top."""
        entry = LoggedOutcome(utcnow(), charger_id, title, outcome, outcome_look(outcome))
        self.insert_rows(0, [entry])
        self.keep_first(MAX_ROWS)
        return entry

    def set_received(self, outcome: CommandOutcome, text: str) -> LoggedOutcome | None:
        """Show what followed a command (found by its outcome) in its Reply cell."""
        row = self.find_row(lambda entry: entry.outcome is outcome)
        if row is None:
            return None
        entry = self.rows[row]
        entry.received = text
        cell = self.index(row, self.REPLY)
        self.dataChanged.emit(cell, cell)
        return entry
