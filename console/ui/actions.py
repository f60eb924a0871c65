"""Staff commands to chargers, issued from one place, each with a visible, true outcome.

Every view that lets staff act on a charger goes through ``StaffActions``: it asks for
confirmation where a command interrupts someone's charging (and says whose), asks for a
card where one is needed, sends the command through the engine client and shows the
outcome to the person who clicked, in an ``OutcomeBanner`` the view embeds and through
the ``outcome`` signal. The words come from console/ui/command_words.py. A remote start or
stop is followed to its effect in the engine (services/follow_through.py): the message
says "Session started for Anna Hoffmann" or why not, not only "Accepted".

Dialogs are opened with ``open()`` and awaited, never ``exec()``: a nested Qt loop inside
a qasync task would let other tasks run re-entrantly and break asyncio.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from console.core.commands import FollowUpKind
from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.services.engine import CentralSystem
from console.services.follow_through import START_WAIT, STOP_WAIT
from console.ui.billing.visitor_dialog import VisitorDialog, VisitorEntry
from console.ui.card_picker import (
    CardChoices,
    CardDialog,
    read_card_choices,
    read_recent_cards,
    refusal_words,
    remember_card,
)
from console.ui.command_words import outcome_message
from console.ui.engine_client import CALL_TIMEOUT, EngineClient
from console.ui.interruptions import (
    interrupted_phrase,
    plain_session,
    running_on,
    session_phrase,
)
from console.ui.message_bar import OutcomeBanner, escape
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper

__all__ = ["CardDialog", "Factory", "OutcomeBanner", "StaffActions", "open_dialog"]

if TYPE_CHECKING:  # receipt_files uses open_dialog from here: imported when first used
    from console.ui.billing.receipt_files import ReceiptFiles

log = logging.getLogger(__name__)

RECEIPT_LINK = "receipt:"  # href of the "Receipt…" link after a session ended


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


Factory = Callable[[CentralSystem], Coroutine[Any, Any, CommandOutcome]]


class StaffActions(QObject):
    """The one place staff commands are issued from.

    ``outcome(charger_id, title, CommandOutcome)`` is emitted for every command that was
    sent (not for one the person cancelled); ``banner`` shows it in the words of
    command_words and must be placed in the view's layout. ``confirm`` and ``ask_card``
    are the hooks for questions to the person (tests replace them); they may return a
    value or an awaitable. With a ``mirror`` the actions know whether a command would
    interrupt a running session; without one they assume it would, and ask.
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
        self.banner.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.banner.text.linkActivated.connect(self._on_link)
        self.outcome.connect(self._on_outcome)
        # Actions started from sync slots; a failure is shown in the banner.
        self.tasks = TaskKeeper(owner=self, on_error=self._on_failure, wait_for_loop=True)
        self._context: dict[str, Any] = {}  # how to word the outcome being emitted
        self._files: ReceiptFiles | None = None
        self.last_visitor: Any = None  # the Visitor of the latest start for a visitor
        self.start_wait = START_WAIT  # how long a remote start is followed (tests shorten)
        self.stop_wait = STOP_WAIT

    # ----------------------------------------------------------------- hooks

    async def confirm(self, title: str, text: str, proceed: str = "") -> bool:
        """Ask before interrupting someone's charging; True to go ahead."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent_widget)
        go = box.addButton(proceed or title, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)  # Enter must not stop a session by accident
        await open_dialog(box)
        return box.clickedButton() is go

    async def ask_card(
        self, charger_id: str, connector_id: int, choices: CardChoices
    ) -> str | None:
        """Ask which card a session is started for; None when the person cancels."""
        prompt = (
            self.tr("Start a session on %1, connector %2, for:")
            .replace("%1", charger_id)
            .replace("%2", str(connector_id))
        )
        dialog = CardDialog(prompt, choices, self.parent_widget)
        code = await open_dialog(dialog)
        return dialog.card() if code == QDialog.DialogCode.Accepted and dialog.card() else None

    async def ask_visitor(self, charger_id: str, connector_id: int) -> VisitorEntry | None:
        """Ask who a visitor is (all optional); None when the person cancels."""
        dialog = VisitorDialog(charger_id, connector_id, self.parent_widget)
        code = await open_dialog(dialog)
        return dialog.entry() if code == QDialog.DialogCode.Accepted else None

    # ----------------------------------------------------------------- commands

    async def start_session(self, charger_id: str, connector_id: int) -> CommandOutcome | None:
        """RemoteStartTransaction for a card the person gives, followed to the session;
        None when cancelled (also when the person declines a card that may not charge)."""
        choices = await self.card_choices()
        card = await _resolve(self.ask_card(charger_id, connector_id, choices))
        if not card:
            return None
        choice = choices.find(card)
        title = self.tr("Start session on connector %1 for %2").replace("%1", str(connector_id))
        title = title.replace("%2", choice.label if choice is not None else card)
        if choice is None or not choice.may_charge:
            text = (
                self.tr(
                    "Card %1 may not charge: %2. The charger will most likely refuse it. "
                    "Start anyway?"
                )
                .replace("%1", choice.label if choice is not None else card)
                .replace("%2", refusal_words(None if choice is None else choice.status))
            )
            if not await _resolve(self.confirm(title, text, self.tr("Start anyway"))):
                return None
        remember_card(card)
        wait = self.start_wait
        return await self._send(
            charger_id,
            title,
            lambda e: e.follow_through.start_session(
                charger_id, connector_id, card, wait, actor=self.client.actor
            ),
            timeout=wait,
            card=card,
        )

    async def start_visitor(self, charger_id: str, connector_id: int) -> CommandOutcome | None:
        """RemoteStartTransaction with a one-time card for a visitor, followed to the
        session; None when cancelled."""
        entry = await _resolve(self.ask_visitor(charger_id, connector_id))
        if entry is None:
            return None
        who = entry.name or entry.plate or self.tr("a visitor")
        title = (
            self.tr("Start session on connector %1 for %2")
            .replace("%1", str(connector_id))
            .replace("%2", who)
        )
        wait = self.start_wait

        async def start(engine: CentralSystem) -> CommandOutcome:
            self.last_visitor, outcome = await engine.follow_through.start_visitor(
                charger_id,
                connector_id,
                entry.name,
                entry.plate,
                entry.phone,
                entry.email,
                wait=wait,
                actor=self.client.actor,
            )
            return outcome

        return await self._send(charger_id, title, start, timeout=wait, card=who)

    async def stop_session(
        self, charger_id: str, connector_id: int, transaction_id: int
    ) -> CommandOutcome | None:
        """RemoteStopTransaction, after a confirmation that says whose session it is;
        followed to the end of the session (energy, cost, a way to the receipt)."""
        title = self.tr("Stop session")
        running = await running_on(self.client, self.mirror, charger_id, connector_id)
        mine = [r for r in running if r.transaction_id == transaction_id]
        what = session_phrase(mine[0]) if mine else plain_session(charger_id, connector_id)
        text = self.tr("Stop %1? The car stops charging now.").replace("%1", what)
        if not await _resolve(self.confirm(title, _capital(text), title)):
            return None
        wait = self.stop_wait
        return await self._send(
            charger_id,
            title,
            lambda e: e.follow_through.stop_session(transaction_id, wait, actor=self.client.actor),
            timeout=wait,
        )

    async def unlock(self, charger_id: str, connector_id: int) -> CommandOutcome | None:
        """UnlockConnector; asks first when a session runs on the connector, naming it."""
        title = self.tr("Unlock connector %1").replace("%1", str(connector_id))
        running = await self._interrupted(charger_id, connector_id)
        if running is not None:
            text = self.tr("Unlocking ends %1. Unlock?").replace("%1", running)
            if not await _resolve(self.confirm(title, text, self.tr("Unlock"))):
                return None
        return await self._send(
            charger_id,
            title,
            lambda e: e.commands.unlock(charger_id, connector_id, actor=self.client.actor),
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
            target = charger_id
        else:
            title = (
                self.tr("Make connector %1 available")
                if available
                else self.tr("Make connector %1 unavailable")
            ).replace("%1", str(connector_id))
            target = self.tr("%1, connector %2").replace("%1", charger_id)
            target = target.replace("%2", str(connector_id))
        running = None if available else await self._interrupted(charger_id, connector_id)
        if running is not None:
            text = (
                self.tr(
                    "%1 is running. The charger either ends it now or waits until it ends "
                    "(then it says Scheduled). Make %2 unavailable?"
                )
                .replace("%1", _capital(running))
                .replace("%2", target)
            )
            if not await _resolve(self.confirm(title, text, self.tr("Make unavailable"))):
                return None
        return await self._send(
            charger_id,
            title,
            lambda e: e.commands.set_available(
                charger_id, connector_id, available, actor=self.client.actor
            ),
            target=target,
            available=available,
        )

    async def reset(self, charger_id: str, hard: bool) -> CommandOutcome | None:
        """Reset (reboot) a charger after a confirmation that names the sessions it ends:
        soft ends them first, hard cuts power."""
        title = self.tr("Hard reset") if hard else self.tr("Soft reset")
        running = await self._interrupted(charger_id, 0)
        if hard:
            text = self.tr("Hard reset %1? It restarts at once and cuts power.")
        else:
            text = self.tr("Soft reset %1? It ends its sessions, then restarts.")
        text = text.replace("%1", charger_id)
        if running is not None:
            text += "\n\n" + _capital(self.tr("%1 ends now.").replace("%1", running))
        elif self.mirror is not None and charger_id in self.mirror.chargers:
            text += "\n\n" + self.tr("No session is running on it.")
        if not await _resolve(self.confirm(title, text, title)):
            return None
        return await self._send(
            charger_id, title, lambda e: e.commands.reset(charger_id, hard, actor=self.client.actor)
        )

    async def set_approval(self, charger_id: str, accepted: bool) -> CommandOutcome | None:
        """Accept a waiting charger onto the site, or reject it (asks before rejecting)."""
        title = self.tr("Accept charger") if accepted else self.tr("Reject charger")
        if not accepted:
            text = self.tr("Reject %1? It will be refused whenever it connects.")
            if not await _resolve(self.confirm(title, text.replace("%1", charger_id), title)):
                return None

        actor = self.client.actor

        async def approve(engine: CentralSystem) -> CommandOutcome:
            if await engine.admission.set_approval(charger_id, accepted, actor=actor):
                return CommandOutcome(CommandResult.ANSWERED)
            return CommandOutcome(CommandResult.INVALID, error="unknown charger")

        return await self._send(charger_id, title, approve)

    async def open_receipt(self, session_id: int) -> None:
        """The receipt of a finished session (issued now if it has none), in the PDF
        viewer; when none opens, say why and offer Save as…"""
        self.banner.show_working(
            self.tr("Preparing the receipt of session %1…").replace("%1", str(session_id))
        )
        try:
            receipt = await self.client.call(
                lambda e: e.receipts.issue(session_id, actor=self.client.actor)
            )
            files = self._receipt_files()
            path = await files.render(receipt)
        except Exception as error:  # not billed yet, held for review…: said, not hidden
            self.banner.show_error(
                self.tr("No receipt for session %1: %2")
                .replace("%1", str(session_id))
                .replace("%2", str(error))
            )
            return
        problem = files.open_file(path)
        if problem is None:
            self.banner.show_done(self.tr("Receipt %1 opened").replace("%1", receipt.label))
            return
        self.banner.show_error(
            self.tr("Receipt %1 could not be opened: %2")
            .replace("%1", receipt.label)
            .replace("%2", problem)
        )
        saved = await files.save_as(path, problem)
        if saved is not None:
            self.banner.show_done(
                self.tr("Receipt %1 saved as %2")
                .replace("%1", receipt.label)
                .replace("%2", str(saved))
            )

    # ----------------------------------------------------------------- plumbing

    def _on_failure(self, error: BaseException) -> None:
        self.banner.show_error(self.tr("The action failed: %1").replace("%1", str(error)))

    async def _send(
        self,
        charger_id: str,
        title: str,
        factory: Factory,
        *,
        timeout: float = 0.0,
        **context: Any,
    ) -> CommandOutcome:
        """Send a command (``timeout``: seconds it is followed beyond the charger's
        answer) and show its outcome worded with ``context`` (see outcome_message)."""
        if timeout:
            self.banner.show_working(
                self.tr("%1 — %2: waiting for the charger, then for the session (up to %3 s)…")
                .replace("%1", charger_id)
                .replace("%2", title)
                .replace("%3", f"{timeout:g}")
            )
            outcome = await self._call(factory, CALL_TIMEOUT + timeout)
        else:
            self.banner.show_pending(charger_id, title)
            outcome = await self.client.command(factory)
        self._context = context
        try:
            self.outcome.emit(charger_id, title, outcome)
        finally:
            self._context = {}
        return outcome

    async def _call(self, factory: Factory, timeout: float) -> CommandOutcome:
        try:
            return await self.client.call(factory, timeout)
        except TimeoutError:
            return CommandOutcome(CommandResult.TIMEOUT)
        except Exception as error:  # shown to the person, never swallowed silently
            return CommandOutcome(CommandResult.INVALID, error=str(error))

    def _on_outcome(self, charger_id: str, title: str, outcome: CommandOutcome) -> None:
        kind, text = outcome_message(charger_id, title, outcome, **self._context)
        follow = outcome.follow_up
        if follow is None or follow.kind is not FollowUpKind.STOPPED or follow.session is None:
            self.banner.show_message(kind, text)
            return
        # A session that ended: the way to its receipt is in the message itself. It
        # stays (not a fading "done") so the clerk can still reach the receipt later.
        link = self.tr("Receipt…")
        rich = f'{escape(text)} · <a href="{RECEIPT_LINK}{follow.session.id}">{link}</a>'
        self.banner.show_message("info" if kind == "ok" else kind, rich, rich=True)

    def _on_link(self, href: str) -> None:
        if href.startswith(RECEIPT_LINK):
            self.tasks.start(self.open_receipt(int(href.removeprefix(RECEIPT_LINK))))

    def _receipt_files(self) -> ReceiptFiles:
        from console.ui.billing.receipt_files import ReceiptFiles

        if self._files is None:
            self._files = ReceiptFiles(self.client.engine.config.database_url, self.parent_widget)
        return self._files

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

    async def _interrupted(self, charger_id: str, connector_id: int) -> str | None:
        """Whose sessions a command on this connector (0: charger) would interrupt, as a
        phrase; None when none runs. Unknown (no mirror) counts as running."""
        if not self._interrupts(charger_id, connector_id):
            return None
        return await interrupted_phrase(self.client, self.mirror, charger_id, connector_id)

    async def card_choices(self) -> CardChoices:
        """The registered cards and their holders, and the cards used here recently."""
        return await read_card_choices(self.client)

    async def recent_cards(self) -> list[str]:
        """Cards used here recently, then the cards of the latest sessions, without repeats."""
        return await read_recent_cards(self.client)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


async def _resolve(value: Awaitable[Any] | Any) -> Any:
    """A hook's answer, whether it returned a value or an awaitable."""
    return await value if inspect.isawaitable(value) else value
