"""The Sessions tab's "Review readings…": staff decide on readings that cannot be true.

A session flagged "readings need review" has energy register readings that went
backwards or jumped further than a connector can deliver. They count in no figure and
the session gets no bill (so no receipt) until someone decides here: keep them, or leave
them out. The engine's BillingService.decide_readings records the decision and bills.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from console.core.enums import SessionFlag
from console.core.model import Session
from console.core.staff import Permission
from console.ui.engine_client import EngineClient
from console.ui.sessions.session_button import SessionActionButton
from console.ui.sessions.words import fill_session


def needs_review(session: Session | None) -> bool:
    """True for a session whose implausible readings wait for a decision."""
    return session is not None and SessionFlag.READINGS_NEED_REVIEW.value in session.flags


class ReviewReadingsDialog(QDialog):
    """Asks whether a session's implausible readings count; ``keep`` says the choice."""

    def __init__(self, session: Session, parent: QWidget | None = None, driver: str = "") -> None:
        super().__init__(parent)
        self.session = session
        self.keep: bool | None = None
        driver = driver or self.tr("card %1").replace("%1", session.id_tag)
        self.setWindowTitle(self.tr("Review readings of session %1").replace("%1", str(session.id)))
        text = self.tr(
            "Session %1 on %2, connector %3 (%4) has meter readings that cannot be "
            "true: the energy register went backwards, or rose faster than a connector "
            "can deliver.\n\n"
            "Until you decide they count nowhere, and the session has no bill or receipt. "
            "Check the charger's meter (the message log shows every reading).\n\n"
            "Leave them out: the bill uses only the plausible readings.\n"
            "Keep them: the bill uses every reading as the charger sent it."
        )
        self.explanation = QLabel(fill_session(text, session, driver))
        self.explanation.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.leave_out_button = self.buttons.addButton(
            self.tr("Leave them out"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button = self.buttons.addButton(
            self.tr("Keep them"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.leave_out_button.setDefault(True)  # the safer choice
        self.leave_out_button.clicked.connect(lambda: self._choose(False))
        self.keep_button.clicked.connect(lambda: self._choose(True))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def _choose(self, keep: bool) -> None:
        self.keep = keep
        self.accept()


class ReviewReadingsButton(SessionActionButton):
    """The button "Review readings…" for the selected flagged session; ``message`` says
    the outcome and ``decided`` carries the session id once the decision is stored."""

    decided = Signal(object)  # the session id
    permission = Permission.RECEIPTS  # deciding on readings decides the bill

    def __init__(self, client: EngineClient, parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.setText(self.tr("Review readings…"))
        self.setToolTip(self.tr("Decide whether the selected session's implausible readings count"))
        self.dialog: ReviewReadingsDialog | None = None
        self.set_session(None)

    def applies(self, session: Session | None) -> bool:
        """Only a session whose readings need review."""
        return needs_review(session)

    def set_session(self, session: Session | None) -> None:
        """The session the button would review (None: nothing selected); shown only when
        it needs review."""
        super().set_session(session)
        self.setVisible(self.applies(session))

    def ask(self, session: Session) -> ReviewReadingsDialog:
        """Open the dialog (not blocking); a choice sends the decision."""
        if self.dialog is not None:
            self.dialog.close()
        dialog = ReviewReadingsDialog(session, self.window(), self.driver(session))
        dialog.accepted.connect(lambda: self._on_chosen(session, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def decide(self, session: Session, keep: bool) -> asyncio.Task[Any] | None:
        """Send the decision to the engine; the outcome comes as ``message``."""
        return self.run(self._decide(session, keep))

    async def _decide(self, session: Session, keep: bool) -> None:
        refused = self.tr("⚠ No decision stored for session %2: %1").replace("%2", str(session.id))
        done, _ = await self.call_engine(
            lambda e: e.billing.decide_readings(session.id, keep, actor=self.client.actor), refused
        )
        if not done:
            return
        text = (
            self.tr("Session %1: the implausible readings are kept.")
            if keep
            else self.tr("Session %1: the implausible readings are left out.")
        )
        self.message.emit(text.replace("%1", str(session.id)))
        self.decided.emit(session.id)
        self.setVisible(False)

    def _on_chosen(self, session: Session, dialog: ReviewReadingsDialog) -> None:
        if dialog.keep is not None:
            self.decide(session, dialog.keep)
