"""The cards table: one registered card per row, with its owner and its state now."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

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
from console.ui.table_model import (
    FIRST_FREE_ROLE,
    LEFT,
    RIGHT,
    ROW_ROLE,
    Column,
    RowTableModel,
)

CARD_ROLE = ROW_ROLE  # the Card itself
STATE_ROLE = FIRST_FREE_ROLE  # its CardState


class CardsTableModel(RowTableModel[Card]):
    """Registered cards with their owners; ``now`` judges expiry (tests pass a clock)."""

    def __init__(self, now: Callable[[], datetime] = utcnow, parent: Any = None) -> None:
        super().__init__(parent)
        self._now = now
        self._people: dict[int, Person] = {}
        titles, tips = card_column_titles(), card_column_tooltips()

        # Colours and tooltips where a column has them; every column sorts by raw keys.
        extras: dict[CardColumn, dict[str, Callable[[Card], Any]]] = {
            CardColumn.STATUS: {
                "foreground": lambda c: state_colour(card_state(c, self._now())),
                "tooltip": lambda c: blocked_text(c) or None,
            },
            CardColumn.NOTE: {"tooltip": lambda c: c.note or None},
        }

        def column(number: CardColumn) -> Column[Card]:
            return Column[Card](
                titles[number],
                lambda card: self._text(card, number),
                sort=lambda card: self._key(card, number),
                align=RIGHT if number == CardColumn.AT_ONCE else LEFT,
                header_tip=tips[number],
                **extras.get(number, {}),
            )

        self.set_columns(column(number) for number in CardColumn)

    @property
    def _cards(self) -> list[Card]:
        return self.rows

    def role_data(self, item: Card, column: int, role: int) -> Any:
        """The card's state (STATE_ROLE) and the card itself (CARD_ROLE)."""
        if role == STATE_ROLE:
            return card_state(item, self._now())
        return super().role_data(item, column, role)

    # --- content ------------------------------------------------------------------------

    def set_data(self, cards: Iterable[Card], people: Iterable[Person]) -> None:
        """Show exactly these cards, with these people as owners."""
        self._people = {p.id: p for p in people if p.id is not None}
        self.set_rows(cards)

    def refresh_states(self) -> None:
        """Repaint the status column (a card may have expired at midnight)."""
        self.columns_changed(CardColumn.STATUS, CardColumn.STATUS)

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
        return self.find_row(lambda card: normalize_id_tag(card.id_tag) == key)

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
