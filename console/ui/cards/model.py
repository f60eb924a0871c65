"""The cards table: one registered card per row, with its owner and its state now."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from console.core.authorization import normalize_id_tag
from console.core.clock import utcnow
from console.core.model import Card, Person
from console.ui.cards.words import (
    CardColumn,
    CardState,
    blocked_text,
    card_column_titles,
    card_column_tooltips,
    card_state,
    card_state_text,
    sessions_at_once_text,
    state_colour,
    valid_until_text,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # raw values for sorting
CARD_ROLE = Qt.ItemDataRole.UserRole + 2  # the Card itself
STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # its CardState

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class CardsTableModel(QAbstractTableModel):
    """Registered cards with their owners; ``now`` judges expiry (tests pass a clock)."""

    def __init__(self, now: Callable[[], datetime] = utcnow, parent: Any = None) -> None:
        super().__init__(parent)
        self._now = now
        self._cards: list[Card] = []
        self._people: dict[int, Person] = {}
        self._titles = card_column_titles()
        self._tooltips = card_column_tooltips()

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of cards (a flat table)."""
        return 0 if parent.isValid() else len(self._cards)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(CardColumn)

    def headerData(  # Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles and what they mean."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(CardColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltips[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort value, colour and tooltip of one cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        column = CardColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(card, column)
        if role == SORT_ROLE:
            return self._key(card, column)
        if role == CARD_ROLE:
            return card
        if role == STATE_ROLE:
            return card_state(card, self._now())
        if role == Qt.ItemDataRole.ForegroundRole and column == CardColumn.STATUS:
            return state_colour(card_state(card, self._now()))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == CardColumn.AT_ONCE else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column == CardColumn.NOTE and card.note:
            return card.note
        if role == Qt.ItemDataRole.ToolTipRole and column == CardColumn.STATUS:
            return blocked_text(card) or None
        return None

    # --- content ------------------------------------------------------------------------

    def set_data(self, cards: Iterable[Card], people: Iterable[Person]) -> None:
        """Show exactly these cards, with these people as owners."""
        self.beginResetModel()
        self._cards = list(cards)
        self._people = {p.id: p for p in people if p.id is not None}
        self.endResetModel()

    def refresh_states(self) -> None:
        """Repaint the status column (a card may have expired at midnight)."""
        if self._cards:
            column = CardColumn.STATUS
            last = len(self._cards) - 1
            self.dataChanged.emit(self.index(0, column), self.index(last, column))

    def card_at(self, row: int) -> Card:
        """The card in ``row``."""
        return self._cards[row]

    def cards(self) -> list[Card]:
        """Every card shown, in model order."""
        return list(self._cards)

    def people(self) -> dict[int, Person]:
        """The owners known to the table, by id."""
        return dict(self._people)

    def row_of(self, id_tag: str) -> int | None:
        """The row of a card (any spelling of its id), or None."""
        key = normalize_id_tag(id_tag)
        for row, card in enumerate(self._cards):
            if normalize_id_tag(card.id_tag) == key:
                return row
        return None

    def state_of(self, card: Card) -> CardState:
        """The card's state now."""
        return card_state(card, self._now())

    def owner(self, card: Card) -> Person | None:
        """The card's owner, when known."""
        return None if card.person_id is None else self._people.get(card.person_id)

    def searchable(self, card: Card) -> str:
        """The text a filter looks in: id, group, owner, department, e-mail and note."""
        owner = self.owner(card)
        parts = [card.id_tag, card.parent_id_tag or "", card.note or ""]
        if owner is not None:
            parts += [owner.name, owner.department or "", owner.email or ""]
        return "\n".join(parts).casefold()

    # --- cells --------------------------------------------------------------------------

    def _text(self, card: Card, column: CardColumn) -> str:
        owner = self.owner(card)
        match column:
            case CardColumn.CARD:
                return card.id_tag
            case CardColumn.STATUS:
                return card_state_text(card, self._now())
            case CardColumn.GROUP:
                return card.parent_id_tag or ""
            case CardColumn.OWNER:
                return owner.name if owner is not None else ""
            case CardColumn.DEPARTMENT:
                return (owner.department or "") if owner is not None else ""
            case CardColumn.VALID_UNTIL:
                return valid_until_text(card)
            case CardColumn.AT_ONCE:
                return sessions_at_once_text(card.max_concurrent)
            case CardColumn.NOTE:
                return (card.note or "").replace("\n", " ")

    def _key(self, card: Card, column: CardColumn) -> Any:
        match column:
            case CardColumn.STATUS:
                return list(CardState).index(card_state(card, self._now()))
            case CardColumn.VALID_UNTIL:
                # Cards that never expire sort after every date.
                return card.expires_at.timestamp() if card.expires_at else float("inf")
            case CardColumn.AT_ONCE:
                return card.max_concurrent or 1_000_000
            case _:
                return self._text(card, column).casefold()
