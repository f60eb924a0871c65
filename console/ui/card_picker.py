"""The card a session is started for: people by name, and only cards that may charge.

The list offers the registered cards that may charge now (not blocked, retired or
expired), each as "Anna Hoffmann · 04A1B2C3", cards used here recently first. Typing
part of a name or of an id finds the card. A card typed by hand that may not charge
(or that nobody registered) is allowed, but StaffActions asks first and says why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from console.core.authorization import authorize, normalize_id_tag
from console.core.clock import utcnow
from console.core.enums import AuthorizationStatus
from console.core.model import Card, Person
from console.ui.engine_client import EngineClient

log = logging.getLogger(__name__)

RECENT_CARDS_KEY = "actions/recentCards"
RECENT_CARDS_KEPT = 12
ID_TAG_MAX_LENGTH = 20  # OCPP 1.6 idTag is a CiString20
# services/visitors.py notes each one-time token so; a token is never picked by hand.
_VISITOR_TOKEN_NOTE = "One-time visitor token"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CardPicker", text)


@dataclass(frozen=True, slots=True)
class CardChoice:
    """A registered card as the picker knows it: who holds it and whether it may charge."""

    id_tag: str
    person: str | None
    status: AuthorizationStatus  # what the card would be answered now

    @property
    def may_charge(self) -> bool:
        """True when a charger asking about this card now would be told Accepted."""
        return self.status is AuthorizationStatus.ACCEPTED

    @property
    def label(self) -> str:
        """ "Anna Hoffmann · 04A1B2C3", or the bare id when nobody is known."""
        return f"{self.person} · {self.id_tag}" if self.person else self.id_tag


@dataclass(frozen=True, slots=True)
class CardChoices:
    """Every registered card (any status), for the list and for warnings."""

    cards: tuple[CardChoice, ...] = ()
    recent: tuple[str, ...] = ()  # card ids used recently, newest first

    def find(self, id_tag: str) -> CardChoice | None:
        """The registered card with this id (any spelling), or None."""
        key = normalize_id_tag(id_tag)
        return next((c for c in self.cards if normalize_id_tag(c.id_tag) == key), None)

    def offered(self) -> list[CardChoice]:
        """The cards that may charge: recently used first, then by name and id."""
        order = {normalize_id_tag(tag): i for i, tag in enumerate(self.recent)}
        chargeable = [c for c in self.cards if c.may_charge]
        return sorted(
            chargeable,
            key=lambda c: (
                order.get(normalize_id_tag(c.id_tag), len(order)),
                (c.person or "~").casefold(),
                c.id_tag,
            ),
        )


def card_choices(
    cards: list[Card], people: list[Person], recent: list[str], now: datetime | None = None
) -> CardChoices:
    """The picker's cards from the card register (visitors' one-time tokens left out)."""
    at = now or utcnow()
    names = {p.id: p.name for p in people if p.id is not None}
    choices = tuple(
        CardChoice(
            card.id_tag,
            names.get(card.person_id) if card.person_id is not None else None,
            authorize(card, now=at).status,
        )
        for card in cards
        if not (card.note or "").startswith(_VISITOR_TOKEN_NOTE)
    )
    return CardChoices(choices, tuple(recent))


def refusal_words(status: AuthorizationStatus | None) -> str:
    """Why a card may not charge, for a person ("it is blocked")."""
    words = {
        AuthorizationStatus.BLOCKED: _tr("it is blocked"),
        AuthorizationStatus.EXPIRED: _tr("it has expired"),
        AuthorizationStatus.INVALID: _tr("it is retired or not valid"),
        AuthorizationStatus.CONCURRENT_TX: _tr("it is already charging elsewhere"),
    }
    if status is None:
        return _tr("it is not registered: the charger will refuse it unless it knows it")
    return words.get(status, status.value)


class CardDialog(QDialog):
    """Asks for the card a session is started for: a person's name or a card id."""

    def __init__(
        self, prompt: str, choices: CardChoices | list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if isinstance(choices, list):  # bare card ids (recent ones), nobody known
            choices = CardChoices(
                tuple(CardChoice(t, None, AuthorizationStatus.ACCEPTED) for t in choices),
                tuple(choices),
            )
        self.choices = choices
        self.setWindowTitle(_tr("Start session"))
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in choices.offered():
            self.combo.addItem(choice.label, choice.id_tag)
        self.combo.setCurrentIndex(-1)
        self.combo.setCurrentText("")
        self.combo.setMinimumWidth(320)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "Hoffmann" finds her card
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        line = self.combo.lineEdit()
        assert line is not None  # an editable combo box always has one
        line.setPlaceholderText(_tr("Name or card id, e.g. Hoffmann or 04A2B3C4D5"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Start"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.combo.currentTextChanged.connect(self._on_text_changed)
        self.found = QLabel()
        self.found.setWordWrap(True)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setBuddy(self.combo)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.found)
        hint = QLabel(
            _tr(
                "The list shows the cards that may charge now. Type a name or a card id; "
                "a card that may not charge is asked about first."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.combo.setFocus()
        self._on_text_changed("")

    def card(self) -> str:
        """The card id chosen: the entry picked or matched by name, else the text typed."""
        text = self.combo.currentText().strip()
        if not text:
            return ""
        offered = self.choices.offered()
        for choice in offered:
            if text == choice.label or normalize_id_tag(text) == normalize_id_tag(choice.id_tag):
                return choice.id_tag
        for pool in (offered, list(self.choices.cards)):  # may charge first, then any
            matches = [c for c in pool if c.person and text.casefold() in c.person.casefold()]
            if len(matches) == 1:
                return matches[0].id_tag
            if matches:
                return ""  # several people match: the person must pick one
        return text[:ID_TAG_MAX_LENGTH]

    def _on_text_changed(self, text: str) -> None:
        card = self.card()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(card))
        if not text.strip():
            self.found.setText("")
            return
        if not card:
            self.found.setText(_tr("Several people match: pick one from the list"))
            return
        choice = self.choices.find(card)
        if choice is None:
            self.found.setText(_tr("⚠ Card %1 is not registered").replace("%1", card))
        elif not choice.may_charge:
            self.found.setText(
                _tr("⚠ %1 may not charge: %2")
                .replace("%1", choice.label)
                .replace("%2", refusal_words(choice.status))
            )
        else:
            self.found.setText(_tr("✓ %1").replace("%1", choice.label))


async def read_card_choices(client: EngineClient) -> CardChoices:
    """The registered cards and their holders, and the cards used here recently."""
    recent = await read_recent_cards(client)
    try:
        cards, people = await client.read(lambda q: (q.cards(include_retired=False), q.people()))
    except Exception:  # the dialog still works with typed and recent cards
        log.exception("could not read the cards for the card picker")
        return CardChoices((), tuple(recent))
    return card_choices(cards, people, recent)


async def read_recent_cards(client: EngineClient) -> list[str]:
    """Cards used here recently, then the cards of the latest sessions, without repeats."""
    cards = [str(c) for c in _as_list(QSettings().value(RECENT_CARDS_KEY))]
    try:
        sessions = await client.read(lambda q: q.sessions(limit=50))
    except Exception:  # the dialog still works with the remembered cards
        log.exception("could not read recent sessions for the card list")
        sessions = []
    seen = {c.casefold() for c in cards}
    for session in sessions:
        if session.id_tag.casefold() not in seen:
            seen.add(session.id_tag.casefold())
            cards.append(session.id_tag)
    return cards[:RECENT_CARDS_KEPT]


def remember_card(card: str) -> None:
    """Put a card first among the recently used ones."""
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
