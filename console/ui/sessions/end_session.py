"""The Sessions tab's "End session…": staff end a session the charger never stopped.

The dialog asks for a reason (kept with the session); the engine's
SessionService.end_session does the work, as ``chargedesk sessions end`` does.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.core.authorization import normalize_id_tag
from console.core.model import Session
from console.ui.command_words import energy_words
from console.ui.engine_client import EngineClient
from console.ui.people_names import holder_name
from console.ui.sessions.session_button import SessionActionButton
from console.ui.sessions.words import fill_session

MAX_REASON_LENGTH = 500  # as the service accepts

log = logging.getLogger(__name__)


class EndSessionDialog(QDialog):
    """Asks why a running session is ended by hand; OK only with a reason."""

    def __init__(self, session: Session, parent: QWidget | None = None, driver: str = "") -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("End session %1").replace("%1", str(session.id)))
        driver = driver or self.tr("card %1").replace("%1", session.id_tag)
        text = self.tr(
            "End session %1 on %2, connector %3 (%4)?\n\n"
            "Do this only when the charger will never report the end itself (it lost "
            "power, was reset or hangs). The session ends at the last meter reading "
            "ChargeDesk has; if the charger reports the true end later, that replaces it."
        )
        self.explanation = QLabel(fill_session(text, session, driver))
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


class EndSessionButton(SessionActionButton):
    """The button "End session…" for the selected running session; ``message`` says the
    outcome."""

    ended = Signal(object)  # the Session as the engine ended it

    def __init__(self, client: EngineClient, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.setText(self.tr("End session…"))
        self.setToolTip(
            self.tr("End the selected running session by hand, when its charger never will")
        )
        self.dialog: EndSessionDialog | None = None
        self.set_session(None)

    def applies(self, session: Session | None) -> bool:
        """Only a running session can be ended."""
        return session is not None and session.running

    def ask(self, session: Session) -> EndSessionDialog:
        """Open the dialog (not blocking); OK ends the session."""
        if self.dialog is not None:
            self.dialog.close()
        dialog = EndSessionDialog(session, self.window(), self.driver(session))
        dialog.accepted.connect(lambda: self.end(session, dialog.reason()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def end(self, session: Session, reason: str) -> asyncio.Task[Any] | None:
        """End ``session`` in the engine; the outcome comes as ``message``."""
        return self.run(self._end(session, reason))

    async def _holder(self, id_tag: str) -> str:
        """Who holds the card, for a sentence ("Anna Hoffmann", "card 04A1B2C3")."""
        try:
            holders = await self.client.read(lambda q: q.holders([id_tag]))
        except Exception:  # the sentence still names the card
            log.exception("could not read who holds card %s", id_tag)
            holders = {}
        return holder_name(id_tag, holders.get(normalize_id_tag(id_tag)))

    async def _end(self, session: Session, reason: str) -> None:
        refused = self.tr("⚠ Session %2 was not ended: %1").replace("%2", str(session.id))
        done, ended = await self.call_engine(
            lambda e: e.sessions.end_session(session.id, reason, actor=self.client.actor), refused
        )
        if not done:
            return
        # Say whose session it was and what it delivered (to the last reading ChargeDesk
        # has): the clerk checks the figure, not only that something happened.
        who = await self._holder(ended.id_tag)
        text = self.tr("Session %1 of %2 ended by staff").replace("%1", str(ended.id))
        text = text.replace("%2", who)
        if ended.energy_wh is not None:
            text += " · " + energy_words(ended.energy_wh)
        self.message.emit(text + ".")
        self.ended.emit(ended)
        if self.session is not None and self.session.id == ended.id:
            self.set_session(ended)
