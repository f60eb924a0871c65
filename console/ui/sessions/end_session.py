"""The Sessions tab's "End session…": staff end a session the charger never stopped.

The dialog asks for a reason (kept with the session); the engine's
SessionService.end_session does the work, as ``chargedesk sessions end`` does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.core.model import Session
from console.ui.engine_client import EngineClient
from console.ui.sessions.words import fill_session

SessionOf = Callable[[QModelIndex], Session | None]
MAX_REASON_LENGTH = 500  # as the service accepts


class EndSessionDialog(QDialog):
    """Asks why a running session is ended by hand; OK only with a reason."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("End session %1").replace("%1", str(session.id)))
        text = self.tr(
            "End session %1 on %2, connector %3 (card %4)?\n\n"
            "Do this only when the charger will never report the end itself (it lost "
            "power, was reset or hangs). The session ends at the last meter reading "
            "ChargeDesk has; if the charger reports the true end later, that replaces it."
        )
        self.explanation = QLabel(fill_session(text, session))
        self.explanation.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(MAX_REASON_LENGTH)
        self.reason_edit.setPlaceholderText(self.tr("Reason, kept with the session (required)"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("End session"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._on_reason_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def reason(self) -> str:
        """The reason typed, trimmed."""
        return self.reason_edit.text().strip()

    def _on_reason_changed(self, _text: str) -> None:
        self.ok_button.setEnabled(bool(self.reason()))


class EndSessionButton(QPushButton):
    """The button "End session…" for the selected running session; ``message`` says the
    outcome."""

    message = Signal(str)
    ended = Signal(object)  # the Session as the engine ended it

    def __init__(self, client: EngineClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("End session…"))
        self.setToolTip(
            self.tr("End the selected running session by hand, when its charger never will")
        )
        self.client = client
        self.session: Session | None = None
        self.dialog: EndSessionDialog | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._table: QTableView | None = None
        self._session_of: SessionOf | None = None
        self.clicked.connect(self._on_clicked)
        self.set_session(None)

    def attach(self, table: QTableView, session_of: SessionOf) -> None:
        """Follow ``table``'s selection."""
        self._table, self._session_of = table, session_of
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def set_session(self, session: Session | None) -> None:
        """The session the button would end (None: nothing selected)."""
        self.session = session
        self.setEnabled(session is not None and session.running)

    def ask(self, session: Session) -> EndSessionDialog:
        """Open the dialog (not blocking); OK ends the session."""
        if self.dialog is not None:
            self.dialog.close()
        dialog = EndSessionDialog(session, self.window())
        dialog.accepted.connect(lambda: self.end(session, dialog.reason()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def end(self, session: Session, reason: str) -> asyncio.Task[Any]:
        """End ``session`` in the engine; the outcome comes as ``message``."""
        task = asyncio.ensure_future(self._end(session, reason))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _end(self, session: Session, reason: str) -> None:
        try:
            ended = await self.client.call(lambda e: e.sessions.end_session(session.id, reason))
        except TimeoutError:
            self.message.emit(self.tr("⚠ The engine did not answer in time; try again."))
            return
        except Exception as error:  # the service's refusal, shown to the person who asked
            text = self.tr("⚠ Session %1 was not ended: %2")
            self.message.emit(text.replace("%1", str(session.id)).replace("%2", str(error)))
            return
        self.message.emit(self.tr("Session %1 ended by staff.").replace("%1", str(ended.id)))
        self.ended.emit(ended)
        if self.session is not None and self.session.id == ended.id:
            self.set_session(ended)

    def _on_clicked(self) -> None:
        if self.session is not None and self.session.running:
            self.ask(self.session)

    def _on_selection_changed(self, *_args: Any) -> None:
        assert self._table is not None and self._session_of is not None
        rows = self._table.selectionModel().selectedRows()
        self.set_session(self._session_of(rows[0]) if rows else None)
