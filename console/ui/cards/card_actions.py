"""What staff do to cards and people from the Cards tab, each with a visible outcome.

Dialogs are opened with ``open_dialog`` and awaited, never ``exec()``. ``confirm`` is
the hook for questions (tests replace it); the open dialog is kept in ``dialog`` so a
test or the screenshots can reach it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from console.core.enums import BlockReason, CardStatus
from console.core.model import Card, Person
from console.services.card_history import CardHistory
from console.services.queries import SiteQueries
from console.ui.actions import open_dialog
from console.ui.cards.banner import CardsBanner
from console.ui.cards.block_dialog import BlockReasonDialog
from console.ui.cards.editor import CardEditorDialog
from console.ui.cards.history import HistoryDialog
from console.ui.cards.person_dialog import PersonDialog
from console.ui.cards.words import block_reason_text, blocked_text
from console.ui.engine_client import EngineClient
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper

log = logging.getLogger(__name__)


class CardActions(QObject):
    """Register, edit, block, retire cards; add and edit people; show histories.

    ``changed`` is emitted after anything was stored, so the view reads again at once
    (people changes publish no engine event).
    """

    changed = Signal()

    def __init__(self, client: EngineClient, mirror: SiteMirror, parent: QWidget) -> None:
        super().__init__(parent)
        self.client = client
        self.mirror = mirror
        self.parent_widget = parent
        self.banner = CardsBanner(parent)
        self.dialog: QDialog | None = None
        self.cards: list[Card] = []  # the view keeps these current
        self.people: list[Person] = []
        # Actions started from sync slots; a failure is shown in the banner.
        self.tasks = TaskKeeper(owner=self, on_error=self._on_failure, wait_for_loop=True)

    # ----------------------------------------------------------------- hooks

    async def confirm(self, title: str, text: str, proceed: str) -> bool:
        """Ask before a change that takes a card out of use; True to go ahead."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent_widget)
        go = box.addButton(proceed, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        self.dialog = box
        await open_dialog(box)
        return box.clickedButton() is go

    # ----------------------------------------------------------------- cards

    def editor(self, card: Card | None = None, id_tag: str = "") -> CardEditorDialog:
        """A card editor knowing the site's people, groups, chargers and cards."""
        groups = {c.parent_id_tag for c in self.cards if c.parent_id_tag}
        return CardEditorDialog(
            self.client,
            card,
            people=self.people,
            groups=sorted(groups),
            chargers=sorted(self.mirror.chargers),
            known=self.cards,
            id_tag=id_tag,
            parent=self.parent_widget,
        )

    async def register(self, id_tag: str = "", charger_id: str | None = None) -> Card | None:
        """Open the editor for a new card (prefilled with ``id_tag``); the stored card."""
        dialog = self.editor(None, id_tag)
        if charger_id is not None:
            dialog.tap.choose_charger(charger_id)
        return await self._run_editor(dialog)

    async def edit(self, card: Card) -> Card | None:
        """Open the editor for an existing card; the stored card, or None when cancelled."""
        return await self._run_editor(self.editor(card))

    async def _run_editor(self, dialog: CardEditorDialog) -> Card | None:
        registering = dialog.registering
        self.dialog = dialog
        await open_dialog(dialog)
        self.dialog = None
        saved = dialog.saved
        if saved is None:
            return None
        if registering and dialog.card is None:
            text = self.tr("Card %1 registered.")
        else:
            text = self.tr("Card %1 saved.")
        self.banner.show_done(text.replace("%1", saved.id_tag))
        self.changed.emit()
        return saved

    async def ask_block_reason(self, card: Card) -> tuple[BlockReason, str | None] | None:
        """Ask why a card is blocked; None when the person cancels (tests replace this)."""
        owner = self._owner_name(card)
        dialog = BlockReasonDialog(card, owner, self.parent_widget)
        self.dialog = dialog
        code = await open_dialog(dialog)
        if self.dialog is dialog:
            self.dialog = None
        reason = dialog.reason()
        if code != QDialog.DialogCode.Accepted or reason is None:
            return None
        return reason, dialog.detail()

    async def set_status(self, card: Card, status: CardStatus) -> Card | None:
        """Block (asks why), unblock (says why it was blocked) or retire (asks first)."""
        reason: BlockReason | None = None
        detail: str | None = None
        who = self._owner_name(card)
        label = f"{card.id_tag} ({who})" if who else card.id_tag
        if status is CardStatus.RETIRED:
            title = self.tr("Retire card")
            text = self.tr(
                "Retire card %1? It will no longer be accepted at any charger and is hidden "
                "from the list. Its sessions and history stay."
            ).replace("%1", label)
            if not await self.confirm(title, text, self.tr("Retire")):
                return None
        elif status is CardStatus.BLOCKED:
            answer = await self.ask_block_reason(card)
            if answer is None:
                return None
            reason, detail = answer
        elif card.status is CardStatus.BLOCKED:
            title = self.tr("Unblock card")
            text = (
                self.tr("%1\n\nUnblock card %2? Chargers accept it again.")
                .replace("%1", blocked_text(card))
                .replace("%2", label)
            )
            if not await self.confirm(title, text, self.tr("Unblock")):
                return None
        words = {
            CardStatus.ACTIVE: self.tr("Card %1 is active again."),
            CardStatus.BLOCKED: self.tr("Card %1 is blocked (%2): chargers refuse it."),
            CardStatus.RETIRED: self.tr("Card %1 is retired; its history stays."),
        }
        self.banner.show_working(self.tr("Saving card %1…").replace("%1", card.id_tag))
        try:
            saved = await self.client.call(
                lambda e: e.cards.set_status(
                    card.id_tag, status, reason, detail, actor=self.client.actor
                )
            )
        except Exception as error:  # shown, never swallowed
            self.banner.show_error(
                self.tr("Card %1 could not be changed: %2")
                .replace("%1", card.id_tag)
                .replace("%2", str(error))
            )
            return None
        done = words[status].replace("%1", saved.id_tag)
        done = done.replace("%2", block_reason_text(saved.block_reason, saved.block_detail))
        if status is CardStatus.ACTIVE and card.status is CardStatus.BLOCKED:
            was = block_reason_text(card.block_reason, card.block_detail)
            done += " " + self.tr("It had been blocked: %1.").replace("%1", was)
        self.banner.show_done(done)
        self.changed.emit()
        return saved

    def _owner_name(self, card: Card) -> str | None:
        if card.person_id is None:
            return None
        return next((p.name for p in self.people if p.id == card.person_id), None)

    # ----------------------------------------------------------------- people

    async def edit_person(self, person: Person | None = None) -> Person | None:
        """Add (None) or edit a person; the stored person, or None when cancelled."""
        departments = [p.department for p in self.people if p.department]
        dialog = PersonDialog(self.client, person, departments, self.parent_widget)
        self.dialog = dialog
        await open_dialog(dialog)
        self.dialog = None
        if dialog.saved is None:
            return None
        text = self.tr("%1 added.") if person is None else self.tr("%1 saved.")
        self.banner.show_done(text.replace("%1", dialog.saved.name))
        self.changed.emit()
        return dialog.saved

    # ----------------------------------------------------------------- history

    async def card_history(self, card: Card) -> HistoryDialog | None:
        """Read a card's sessions in a worker thread and show them."""
        title = self.tr("Card %1").replace("%1", card.id_tag)
        return await self._show_history(title, lambda q: q.card_history(card.id_tag))

    async def person_history(self, person: Person) -> HistoryDialog | None:
        """Read the sessions of every card a person owns (retired ones too) and show them."""
        title = person.name + (f" ({person.department})" if person.department else "")
        person_id = person.id or 0
        return await self._show_history(title, lambda q: q.person_history(person_id))

    async def _show_history(
        self, title: str, read: Callable[[SiteQueries], CardHistory | None]
    ) -> HistoryDialog | None:
        self.banner.show_working(self.tr("Reading the history of %1…").replace("%1", title))
        try:
            history = await self.client.read(read)
        except Exception as error:  # shown, never swallowed
            self.banner.show_error(
                self.tr("The history could not be read: %1").replace("%1", str(error))
            )
            return None
        if history is None:
            self.banner.show_error(self.tr("%1 is no longer registered.").replace("%1", title))
            return None
        self.banner.hide()
        dialog = HistoryDialog(title, history, self.parent_widget)
        self.dialog = dialog
        self.tasks.start(self._await_close(dialog))
        return dialog

    async def _await_close(self, dialog: QDialog) -> None:
        await open_dialog(dialog)
        if self.dialog is dialog:
            self.dialog = None

    # ----------------------------------------------------------------- plumbing

    def _on_failure(self, error: BaseException) -> None:
        self.banner.show_error(self.tr("The action failed: %1").replace("%1", str(error)))
