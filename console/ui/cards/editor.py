"""Register a card or change one: id (typed, read by a desk reader or tapped), owner, dates.

A desk USB reader types the card id followed by Enter; Enter in the id field takes the id
and moves on instead of closing the dialog.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.core.authorization import normalize_id_tag
from console.core.cards import (
    ID_TAG_MAX_LENGTH,
    InvalidCardId,
    expiry_at_end_of,
    expiry_day,
    validate_card,
    validate_id_tag,
)
from console.core.enums import BlockReason, CardStatus
from console.core.events import CardRefused
from console.core.model import Card, Person
from console.ui import locale_format
from console.ui.actions import open_dialog
from console.ui.cards.person_dialog import PersonDialog
from console.ui.cards.tap import TapWaiter
from console.ui.cards.words import CardState, block_reason_word, blocked_text, state_text
from console.ui.engine_client import EngineClient
from console.ui.message_bar import hold_place
from console.ui.tasks import TaskKeeper

NEW_PERSON = -1  # the owner combo's "New person…" entry
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CardIdEdit(QLineEdit):
    """The card id field: Enter (as a desk reader sends it) is taken here, not by the dialog."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        """Enter submits the id; every other key edits as usual."""
        if event.key() in _ENTER_KEYS:
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class CardEditorDialog(QDialog):
    """Registers a new card (``card`` None) or edits one, and saves it through the engine.

    ``known`` holds the registered cards, so registering an id that exists offers to edit
    that card instead. ``saved`` holds the stored card once the dialog is accepted.
    """

    def __init__(
        self,
        client: EngineClient,
        card: Card | None = None,
        *,
        people: list[Person] | None = None,
        groups: list[str] | None = None,
        chargers: list[str] | None = None,
        known: list[Card] | None = None,
        id_tag: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.card = card
        self.saved: Card | None = None
        self._people = [p for p in people or [] if not p.retired]
        self._known = {normalize_id_tag(c.id_tag): c for c in known or []}
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)  # ends its work when it closes
        self._owner_index = 0
        self._build(groups or [], chargers or [])
        if card is not None:
            self.load_card(card)
        else:
            self.setWindowTitle(self.tr("Register card"))
            self.id_edit.setText(id_tag)
            self._on_id_changed(id_tag)
        self.setMinimumWidth(580)

    # --- building -----------------------------------------------------------------------

    def _build(self, groups: list[str], chargers: list[str]) -> None:
        self.id_edit = CardIdEdit()
        self.id_edit.setMaxLength(ID_TAG_MAX_LENGTH)
        self.id_edit.setPlaceholderText(self.tr("Type, read with the desk reader, or tap below"))
        self.id_edit.submitted.connect(self._on_id_submitted)
        self.id_edit.textChanged.connect(self._on_id_changed)
        self.tap = TapWaiter(self.client, chargers)
        self.tap.tapped.connect(self._on_tapped)

        self.exists_label = QLabel()
        self.exists_label.setWordWrap(True)
        self.exists_label.setStyleSheet("color:#5A3A00;")
        self.edit_existing_button = QPushButton(self.tr("Edit that card"))
        self.edit_existing_button.setAutoDefault(False)
        self.edit_existing_button.clicked.connect(self._on_edit_existing_clicked)
        self.exists_row = QWidget()
        exists = QHBoxLayout(self.exists_row)
        exists.setContentsMargins(0, 0, 0, 0)
        exists.addWidget(self.exists_label, 1)
        exists.addWidget(self.edit_existing_button)
        self.exists_row.hide()

        self.status_combo = QComboBox()
        for status, state in (
            (CardStatus.ACTIVE, CardState.ACTIVE),
            (CardStatus.BLOCKED, CardState.BLOCKED),
            (CardStatus.RETIRED, CardState.RETIRED),
        ):
            self.status_combo.addItem(state_text(state), status.value)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        # Why the card is blocked: asked when Blocked is chosen, shown while it is.
        self.reason_combo = QComboBox()
        self.reason_combo.addItem(self.tr("— choose why —"), None)
        for reason in BlockReason:
            self.reason_combo.addItem(block_reason_word(reason), reason.value)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText(self.tr("details (required for Other reason)"))
        self.reason_row = QWidget()
        reason_layout = QHBoxLayout(self.reason_row)
        reason_layout.setContentsMargins(0, 0, 0, 0)
        reason_layout.addWidget(self.reason_combo)
        reason_layout.addWidget(self.reason_edit, 1)
        self.blocked_since_label = QLabel()
        self.blocked_since_label.setWordWrap(True)
        self.blocked_since_label.setStyleSheet("color:#5A3A00;")
        self.group_combo = QComboBox()
        self.group_combo.setEditable(True)
        self.group_combo.addItems(sorted(set(groups), key=str.casefold))
        self.group_combo.setCurrentText("")
        group_line = self.group_combo.lineEdit()
        assert group_line is not None
        group_line.setMaxLength(ID_TAG_MAX_LENGTH)
        group_line.setPlaceholderText(self.tr("e.g. STAFF, VISITOR, FLEET (optional)"))
        self.owner_combo = QComboBox()
        self._fill_owners(None)
        self.owner_combo.activated.connect(self._on_owner_activated)
        self.valid_check = QCheckBox(self.tr("until"))
        self.valid_check.setToolTip(self.tr("Leave unticked for a card that does not expire"))
        self.valid_edit = QDateEdit(QDate.currentDate().addYears(1))
        self.valid_edit.setCalendarPopup(True)
        self.valid_edit.setDisplayFormat(locale_format.date_edit_format())
        self.valid_edit.setEnabled(False)
        self.valid_check.toggled.connect(self.valid_edit.setEnabled)
        valid_row = QHBoxLayout()
        valid_row.addWidget(self.valid_check)
        valid_row.addWidget(self.valid_edit)
        valid_row.addStretch(1)
        self.at_once_spin = QSpinBox()
        self.at_once_spin.setRange(0, 99)
        self.at_once_spin.setValue(1)
        self.at_once_spin.setSpecialValueText(self.tr("no limit"))
        self.at_once_spin.setToolTip(self.tr("Sessions the card may run at once; 0: no limit"))
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("e.g. spare card, pool car AB-123"))

        self.form = QFormLayout()
        self.form.addRow(self.tr("Card &id:"), self.id_edit)
        self.form.addRow("", self.tap)
        self.form.addRow("", self.exists_row)
        self.form.addRow(self.tr("&Status:"), self.status_combo)
        self.form.addRow(self.tr("Block &reason:"), self.reason_row)
        self.form.addRow("", self.blocked_since_label)
        # The row's label gets the combo as buddy: Alt+R lands on the reason itself.
        reason_label = self.form.labelForField(self.reason_row)
        if isinstance(reason_label, QLabel):
            reason_label.setBuddy(self.reason_combo)
        self.form.addRow(self.tr("&Group:"), self.group_combo)
        self.form.addRow(self.tr("&Owner:"), self.owner_combo)
        self.form.addRow(self.tr("Valid:"), valid_row)
        self.form.addRow(self.tr("Sessions &at once:"), self.at_once_spin)
        self.form.addRow(self.tr("&Note:"), self.note_edit)
        self.form.setRowVisible(self.status_combo, False)
        self.form.setRowVisible(self.reason_row, False)
        self.form.setRowVisible(self.blocked_since_label, False)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#A33F00; font-weight:bold;")
        self.error_label.hide()
        hold_place(self.error_label, lines=2)  # the buttons stay where they are
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Register"))
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _fill_owners(self, person_id: int | None) -> None:
        combo = self.owner_combo
        combo.clear()
        combo.addItem(self.tr("— nobody —"), None)
        for person in sorted(self._people, key=lambda p: p.name.casefold()):
            label = person.name + (f"  ({person.department})" if person.department else "")
            combo.addItem(label, person.id)
        combo.insertSeparator(combo.count())
        combo.addItem(self.tr("New person…"), NEW_PERSON)
        found = combo.findData(person_id) if person_id is not None else 0
        combo.setCurrentIndex(max(found, 0))
        self._owner_index = combo.currentIndex()

    # --- loading ------------------------------------------------------------------------

    @property
    def registering(self) -> bool:
        """True for a new card, False while editing one."""
        return self.card is None

    def load_card(self, card: Card) -> None:
        """Edit ``card``: its id is fixed, its status can change."""
        self.tap.cancel()
        self.card = card
        self.setWindowTitle(self.tr("Edit card %1").replace("%1", card.id_tag))
        self.id_edit.setText(card.id_tag)
        self.id_edit.setReadOnly(True)
        self.form.setRowVisible(self.tap, False)
        self.form.setRowVisible(self.exists_row, False)
        self.form.setRowVisible(self.status_combo, True)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(card.status.value), 0))
        reason = card.block_reason.value if card.block_reason is not None else None
        self.reason_combo.setCurrentIndex(max(self.reason_combo.findData(reason), 0))
        self.reason_edit.setText(card.block_detail or "")
        self.blocked_since_label.setText(blocked_text(card))
        self._on_status_changed()
        self.group_combo.setCurrentText(card.parent_id_tag or "")
        self._fill_owners(card.person_id)
        self.valid_check.setChecked(card.expires_at is not None)
        if card.expires_at is not None:
            day = expiry_day(card.expires_at)
            self.valid_edit.setDate(QDate(day.year, day.month, day.day))
        self.at_once_spin.setValue(card.max_concurrent)
        self.note_edit.setText(card.note or "")
        self.save_button.setText(self.tr("Save"))
        self.save_button.setEnabled(True)
        self.error_label.hide()
        self.group_combo.setFocus()

    def card_entered(self) -> Card:
        """The card as the form describes it (not validated, not saved)."""
        base = self.card or Card("")
        owner = self.owner_combo.currentData()
        expires = None
        if self.valid_check.isChecked():
            day = self.valid_edit.date().toPython()
            assert isinstance(day, date)
            expires = expiry_at_end_of(day)
        status = (
            CardStatus(self.status_combo.currentData()) if not self.registering else base.status
        )
        reason_value = self.reason_combo.currentData()
        blocked = status is CardStatus.BLOCKED
        return replace(
            base,
            id_tag=self.id_edit.text().strip() if self.registering else base.id_tag,
            status=status,
            block_reason=BlockReason(reason_value) if blocked and reason_value else None,
            block_detail=(self.reason_edit.text().strip() or None) if blocked else None,
            parent_id_tag=self.group_combo.currentText().strip() or None,
            person_id=owner if isinstance(owner, int) and owner != NEW_PERSON else None,
            expires_at=expires,
            max_concurrent=self.at_once_spin.value(),
            note=self.note_edit.text().strip() or None,
        )

    def _on_status_changed(self, *_args: object) -> None:
        blocked = CardStatus(self.status_combo.currentData()) is CardStatus.BLOCKED
        editing = not self.registering
        self.form.setRowVisible(self.reason_row, editing and blocked)
        was_blocked = self.card is not None and self.card.status is CardStatus.BLOCKED
        self.form.setRowVisible(self.blocked_since_label, editing and blocked and was_blocked)

    def block_problem(self, card: Card) -> str:
        """Why the card cannot be saved as blocked; empty when it can.

        A card newly blocked needs a reason; "Other reason" needs its text.
        """
        if card.status is not CardStatus.BLOCKED:
            return ""
        newly = self.card is None or self.card.status is not CardStatus.BLOCKED
        if card.block_reason is None and (newly or card.block_detail):
            return self.tr("Choose why the card is blocked")
        if card.block_reason is BlockReason.OTHER and not card.block_detail:
            return self.tr("Say what the other reason for blocking is")
        return ""

    # --- the id -------------------------------------------------------------------------

    def _existing(self, text: str) -> Card | None:
        return self._known.get(normalize_id_tag(text)) if text.strip() else None

    def _on_id_changed(self, text: str) -> None:
        if not self.registering:
            return
        self.error_label.hide()
        existing = self._existing(text)
        self.form.setRowVisible(self.exists_row, existing is not None)
        if existing is not None:
            self.exists_label.setText(
                self.tr("⚠ Card %1 is already registered.").replace("%1", existing.id_tag)
            )
        self.save_button.setEnabled(bool(text.strip()) and existing is None)

    def _on_id_submitted(self) -> None:
        """Enter in the id field (a desk reader ends with it): check the id, move on."""
        text = self.id_edit.text().strip()
        if not text:
            return
        try:
            self.id_edit.setText(validate_id_tag(text))
        except InvalidCardId as error:
            self.show_error(str(error))
            return
        if self._existing(text) is not None:
            self.edit_existing_button.setFocus()
        else:
            self.group_combo.setFocus()

    def _on_tapped(self, refused: CardRefused) -> None:
        self.id_edit.setText(refused.id_tag)
        self.group_combo.setFocus()

    def _on_edit_existing_clicked(self) -> None:
        existing = self._existing(self.id_edit.text())
        if existing is not None:
            self.load_card(existing)

    # --- owner --------------------------------------------------------------------------

    def _on_owner_activated(self, index: int) -> None:
        if self.owner_combo.itemData(index) == NEW_PERSON:
            self.tasks.start(self.add_person())
        else:
            self._owner_index = index

    async def add_person(self) -> Person | None:
        """Ask for a new person and make them the owner; None when cancelled."""
        departments = [p.department for p in self._people if p.department]
        dialog = PersonDialog(self.client, departments=departments, parent=self)
        self.person_dialog = dialog
        await open_dialog(dialog)
        person = dialog.saved
        if person is None:
            self.owner_combo.setCurrentIndex(self._owner_index)
            return None
        self._people.append(person)
        self._fill_owners(person.id)
        return person

    # --- saving -------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        """Say inline what is wrong; the dialog stays open."""
        self.error_label.setText("⚠ " + text)
        self.error_label.show()

    def save(self) -> asyncio.Task[None] | None:
        """Check the card and store it; the dialog closes when the engine has stored it."""
        return self.tasks.start(self._save())

    def _on_save_clicked(self) -> None:
        self.save()

    async def _save(self) -> None:
        try:
            card = validate_card(self.card_entered())
        except InvalidCardId as error:
            self.show_error(str(error))
            return
        problem = self.block_problem(card)
        if problem:
            self.show_error(problem)
            self.reason_combo.setFocus()
            return
        self.save_button.setEnabled(False)
        try:
            if self.registering:
                # Another desk may have registered it meanwhile: never overwrite silently.
                stored = await self.client.read(lambda q: q.card(card.id_tag))
                if stored is not None:
                    self._known[normalize_id_tag(stored.id_tag)] = stored
                    self._on_id_changed(self.id_edit.text())
                    return
            self.saved = await self.client.call(
                lambda e: e.cards.save_card(card, actor=self.client.actor)
            )
        except InvalidCardId as error:
            self.show_error(str(error))
            return
        except Exception as error:  # shown inline, never swallowed
            self.show_error(self.tr("The card could not be saved: %1").replace("%1", str(error)))
            return
        finally:
            if self.registering:
                self._on_id_changed(self.id_edit.text())
            else:
                self.save_button.setEnabled(True)
        self.accept()

    def done(self, result: int) -> None:  # Qt override
        """Closing the dialog (any way) stops waiting for a tap."""
        self.tap.cancel()
        super().done(result)
