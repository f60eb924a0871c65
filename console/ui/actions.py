"""Staff commands to chargers, issued from one place, each with a visible outcome.

Every view that lets staff act on a charger goes through ``StaffActions``: it asks for
confirmation where a command interrupts someone's charging, asks for a card where one is
needed, sends the command through the engine client and shows the outcome to the person
who clicked, in an ``OutcomeBanner`` the view embeds and through the ``outcome`` signal.

Dialogs are opened with ``open()`` and awaited, never ``exec()``: a nested Qt loop inside
a qasync task would let other tasks run re-entrantly and break asyncio.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.services.engine import CentralSystem
from console.ui.billing.visitor_dialog import VisitorDialog, VisitorEntry
from console.ui.engine_client import EngineClient
from console.ui.site_mirror import SiteMirror

log = logging.getLogger(__name__)

RECENT_CARDS_KEY = "actions/recentCards"
RECENT_CARDS_KEPT = 12
ID_TAG_MAX_LENGTH = 20  # OCPP 1.6 idTag is a CiString20
CALM_SECONDS = 8  # an accepted outcome fades; a failure stays until dismissed


async def open_dialog(dialog: QDialog) -> int:
    """Show a window-modal dialog without a nested event loop and await its result code."""
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(code: int) -> None:
        if not future.done():
            future.set_result(code)

    dialog.finished.connect(finished)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return await future


class OutcomeBanner(QFrame):
    """A transient message bar: calm for an accepted command, clearly marked otherwise."""

    _STYLES = {
        "pending": "background:#EEF3F8; border:1px solid #B8C7D6; color:#1F2D3A;",
        "ok": "background:#E6F4EE; border:1px solid #9CCFB8; color:#0B3D2A;",
        "failed": "background:#FBE3D6; border:2px solid #D55E00; color:#5A1E00;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OutcomeBanner")
        self.symbol = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.symbol)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.kind = ""
        self.hide()

    def _show(self, kind: str, symbol: str, text: str) -> None:
        self.kind = kind
        self.setStyleSheet(f"QFrame#OutcomeBanner {{{self._STYLES[kind]} border-radius:4px;}}")
        for label in (self.symbol, self.text):
            label.setStyleSheet("border:none; background:transparent;")
        self.symbol.setText(symbol)
        self.text.setText(text)
        self._timer.stop()
        if kind == "ok":
            self._timer.start(CALM_SECONDS * 1000)
        self.show()

    def show_pending(self, charger_id: str, title: str) -> None:
        """Say that a command is on its way (a charger may take many seconds to answer)."""
        text = self.tr("%1 — %2: waiting for the charger…").replace("%1", charger_id)
        self._show("pending", "◷", text.replace("%2", title))

    def show_outcome(self, charger_id: str, title: str, outcome: CommandOutcome) -> None:
        """Show what became of a command, with the reason when it did not succeed."""
        text = f"{charger_id} — {title}: {outcome.describe()}"
        if outcome.accepted:
            self._show("ok", "✓", text)
        else:
            self._show("failed", "⚠", f"<b>{_escape(text)}</b>")

    def show_error(self, text: str) -> None:
        """Show a failure that is not a charger's answer (a bug, a database error)."""
        self._show("failed", "⚠", f"<b>{_escape(text)}</b>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CardDialog(QDialog):
    """Asks for the card (idTag) a session is started for: free text or a recent card."""

    def __init__(self, prompt: str, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start session"))
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.addItems(recent)
        self.combo.setCurrentText("")
        self.combo.setMinimumWidth(260)
        line = self.combo.lineEdit()
        assert line is not None  # an editable combo box always has one
        line.setMaxLength(ID_TAG_MAX_LENGTH)
        line.setPlaceholderText(self.tr("Card id, e.g. 04A2B3C4D5"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.combo.currentTextChanged.connect(self._on_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.combo)
        hint = QLabel(self.tr("Type a card id or pick one used recently."))
        hint.setStyleSheet("color:#555;")
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self._on_text_changed("")

    def _on_text_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))

    def card(self) -> str:
        """The card id entered, trimmed."""
        return self.combo.currentText().strip()


Factory = Callable[[CentralSystem], Coroutine[Any, Any, CommandOutcome]]


class StaffActions(QObject):
    """The one place staff commands are issued from.

    ``outcome(charger_id, title, CommandOutcome)`` is emitted for every command that was
    sent (not for one the person cancelled); ``banner`` shows it and must be placed in
    the view's layout. ``confirm`` and ``ask_card`` are the hooks for questions to the
    person (tests replace them); they may return a value or an awaitable. With a
    ``mirror`` the actions know whether a command would interrupt a running session;
    without one they assume it would, and ask.
    """

    outcome = Signal(str, str, object)

    def __init__(
        self, client: EngineClient, parent: QWidget, mirror: SiteMirror | None = None
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.parent_widget = parent
        self.mirror = mirror
        self.banner = OutcomeBanner(parent)
        self.outcome.connect(self.banner.show_outcome)
        self._tasks: set[asyncio.Task[Any]] = set()
        self.last_visitor: Any = None  # the Visitor of the latest start for a visitor

    # ----------------------------------------------------------------- hooks

    async def confirm(self, title: str, text: str, proceed: str = "") -> bool:
        """Ask before interrupting someone's charging; True to go ahead."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent_widget)
        go = box.addButton(proceed or title, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)  # Enter must not stop a session by accident
        await open_dialog(box)
        return box.clickedButton() is go

    async def ask_card(self, charger_id: str, connector_id: int, recent: list[str]) -> str | None:
        """Ask which card a session is started for; None when the person cancels."""
        prompt = (
            self.tr("Start a session on %1, connector %2, for the card:")
            .replace("%1", charger_id)
            .replace("%2", str(connector_id))
        )
        dialog = CardDialog(prompt, recent, self.parent_widget)
        code = await open_dialog(dialog)
        return dialog.card() if code == QDialog.DialogCode.Accepted and dialog.card() else None

    # ----------------------------------------------------------------- commands

    async def start_session(self, charger_id: str, connector_id: int) -> CommandOutcome | None:
        """RemoteStartTransaction for a card the person gives; None when cancelled."""
        card = await _resolve(self.ask_card(charger_id, connector_id, await self.recent_cards()))
        if not card:
            return None
        self._remember_card(card)
        title = self.tr("Start session on connector %1 for %2").replace("%1", str(connector_id))
        return await self._send(
            charger_id,
            title.replace("%2", card),
            lambda e: e.commands.start_session(charger_id, connector_id, card),
        )

    async def ask_visitor(self, charger_id: str, connector_id: int) -> VisitorEntry | None:
        """Ask who a visitor is (all optional); None when the person cancels."""
        dialog = VisitorDialog(charger_id, connector_id, self.parent_widget)
        code = await open_dialog(dialog)
        return dialog.entry() if code == QDialog.DialogCode.Accepted else None

    async def start_visitor(self, charger_id: str, connector_id: int) -> CommandOutcome | None:
        """RemoteStartTransaction with a one-time card for a visitor; None when cancelled."""
        entry = await _resolve(self.ask_visitor(charger_id, connector_id))
        if entry is None:
            return None
        who = entry.name or entry.plate or self.tr("a visitor")
        title = (
            self.tr("Start session on connector %1 for %2")
            .replace("%1", str(connector_id))
            .replace("%2", who)
        )

        async def start(engine: CentralSystem) -> CommandOutcome:
            self.last_visitor, outcome = await engine.visitors.start(
                charger_id, connector_id, entry.name, entry.plate, entry.phone, entry.email
            )
            return outcome

        return await self._send(charger_id, title, start)

    async def stop_session(
        self, charger_id: str, connector_id: int, transaction_id: int
    ) -> CommandOutcome | None:
        """RemoteStopTransaction, after confirmation."""
        title = self.tr("Stop session")
        text = (
            self.tr("Stop the session on %1, connector %2? The car stops charging now.")
            .replace("%1", charger_id)
            .replace("%2", str(connector_id))
        )
        if not await _resolve(self.confirm(title, text, title)):
            return None
        return await self._send(
            charger_id, title, lambda e: e.commands.stop_session(transaction_id)
        )

    async def unlock(self, charger_id: str, connector_id: int) -> CommandOutcome | None:
        """UnlockConnector; asks first when a session runs on the connector."""
        title = self.tr("Unlock connector %1").replace("%1", str(connector_id))
        if self._interrupts(charger_id, connector_id):
            text = (
                self.tr("A session is running on %1, connector %2. Unlocking ends it. Unlock?")
                .replace("%1", charger_id)
                .replace("%2", str(connector_id))
            )
            if not await _resolve(self.confirm(title, text, self.tr("Unlock"))):
                return None
        return await self._send(
            charger_id, title, lambda e: e.commands.unlock(charger_id, connector_id)
        )

    async def set_available(
        self, charger_id: str, connector_id: int, available: bool
    ) -> CommandOutcome | None:
        """ChangeAvailability (connector 0: the whole charger); asks before interrupting."""
        if connector_id == 0:
            title = (
                self.tr("Make charger available")
                if available
                else self.tr("Make charger unavailable")
            )
        else:
            title = (
                self.tr("Make connector %1 available")
                if available
                else self.tr("Make connector %1 unavailable")
            ).replace("%1", str(connector_id))
        if not available and self._interrupts(charger_id, connector_id):
            text = self.tr(
                "A session is running on %1. The charger may end it or refuse until it ends. "
                "Make it unavailable?"
            ).replace("%1", charger_id)
            if not await _resolve(self.confirm(title, text, self.tr("Make unavailable"))):
                return None
        return await self._send(
            charger_id,
            title,
            lambda e: e.commands.set_available(charger_id, connector_id, available),
        )

    async def reset(self, charger_id: str, hard: bool) -> CommandOutcome | None:
        """Reset (reboot) a charger after confirmation: soft ends sessions, hard cuts power."""
        title = self.tr("Hard reset") if hard else self.tr("Soft reset")
        if hard:
            text = self.tr(
                "Hard reset %1? It restarts at once and cuts power to every car charging there."
            )
        else:
            text = self.tr("Soft reset %1? Running sessions are ended, then it restarts.")
        if not await _resolve(self.confirm(title, text.replace("%1", charger_id), title)):
            return None
        return await self._send(charger_id, title, lambda e: e.commands.reset(charger_id, hard))

    async def set_approval(self, charger_id: str, accepted: bool) -> CommandOutcome | None:
        """Accept a waiting charger onto the site, or reject it (asks before rejecting)."""
        title = self.tr("Accept charger") if accepted else self.tr("Reject charger")
        if not accepted:
            text = self.tr("Reject %1? It will be refused whenever it connects.")
            if not await _resolve(self.confirm(title, text.replace("%1", charger_id), title)):
                return None

        async def approve(engine: CentralSystem) -> CommandOutcome:
            if await engine.admission.set_approval(charger_id, accepted):
                return CommandOutcome(CommandResult.ANSWERED)
            return CommandOutcome(CommandResult.INVALID, error="unknown charger")

        return await self._send(charger_id, title, approve)

    # ----------------------------------------------------------------- plumbing

    def launch(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run an action from a sync slot; the task is kept alive and its errors shown."""
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)
        return task

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("staff action failed", exc_info=error)
            self.banner.show_error(self.tr("The action failed: %1").replace("%1", str(error)))

    async def _send(self, charger_id: str, title: str, factory: Factory) -> CommandOutcome:
        self.banner.show_pending(charger_id, title)
        outcome = await self.client.command(factory)
        self.outcome.emit(charger_id, title, outcome)
        return outcome

    def _interrupts(self, charger_id: str, connector_id: int) -> bool:
        if self.mirror is None:
            return True
        charger = self.mirror.chargers.get(charger_id)
        if charger is None:
            return True
        return any(
            c.transaction_id is not None
            for c in charger.connectors.values()
            if connector_id in (0, c.connector_id)
        )

    async def recent_cards(self) -> list[str]:
        """Cards used here recently, then the cards of the latest sessions, without repeats."""
        cards = [str(c) for c in _as_list(QSettings().value(RECENT_CARDS_KEY))]
        try:
            sessions = await self.client.read(lambda q: q.sessions(limit=50))
        except Exception:  # the dialog still works with the remembered cards
            log.exception("could not read recent sessions for the card list")
            sessions = []
        seen = {c.casefold() for c in cards}
        for session in sessions:
            if session.id_tag.casefold() not in seen:
                seen.add(session.id_tag.casefold())
                cards.append(session.id_tag)
        return cards[:RECENT_CARDS_KEPT]

    def _remember_card(self, card: str) -> None:
        settings = QSettings()
        cards = [str(c) for c in _as_list(settings.value(RECENT_CARDS_KEY))]
        cards = [card, *(c for c in cards if c.casefold() != card.casefold())]
        settings.setValue(RECENT_CARDS_KEY, cards[:RECENT_CARDS_KEPT])


def _as_list(value: object) -> list[object]:
    # QSettings hands back a str for a one-item list and None for nothing, per backend.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return list(value) if isinstance(value, list | tuple) else []


async def _resolve(value: Awaitable[Any] | Any) -> Any:
    """A hook's answer, whether it returned a value or an awaitable."""
    return await value if inspect.isawaitable(value) else value
