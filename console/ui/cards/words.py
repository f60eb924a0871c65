"""Card states, refusal answers and column titles in words, with colour and symbol.

Colours are from the Okabe-Ito palette and every state also has a symbol and a word,
so colour is never the only cue.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum, StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.core.cards import expiry_day
from console.core.enums import AuthorizationStatus, BlockReason, CardStatus
from console.core.model import Card
from console.ui.locale_format import date_text, format_local

_CONTEXT = "CardsView"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class CardState(StrEnum):
    """What a card's status column says: staff's status, with expiry judged now."""

    ACTIVE = "active"
    BLOCKED = "blocked"
    EXPIRED = "expired"
    RETIRED = "retired"


def card_state(card: Card, now: datetime) -> CardState:
    """The state a person sees: an active card past its date is Expired."""
    if card.status is CardStatus.RETIRED:
        return CardState.RETIRED
    if card.status is CardStatus.BLOCKED:
        return CardState.BLOCKED
    if card.expires_at is not None and card.expires_at <= now:
        return CardState.EXPIRED
    return CardState.ACTIVE


# (colour, symbol) per state.
STATE_STYLE: dict[CardState, tuple[str, str]] = {
    CardState.ACTIVE: ("#009E73", "●"),  # bluish green
    CardState.BLOCKED: ("#D55E00", "⊘"),  # vermillion
    CardState.EXPIRED: ("#E69F00", "◷"),  # orange
    CardState.RETIRED: ("#7F7F7F", "○"),  # grey
}


def state_colour(state: CardState) -> QColor:
    """The colour of a card state."""
    return QColor(STATE_STYLE[state][0])


def state_symbol(state: CardState) -> str:
    """The symbol shown beside a card state."""
    return STATE_STYLE[state][1]


def state_word(state: CardState) -> str:
    """A card state in words, translated."""
    return {
        CardState.ACTIVE: _tr("Active"),
        CardState.BLOCKED: _tr("Blocked"),
        CardState.EXPIRED: _tr("Expired"),
        CardState.RETIRED: _tr("Retired"),
    }[state]


def state_text(state: CardState) -> str:
    """Symbol and word, as the table shows them."""
    return f"{state_symbol(state)} {state_word(state)}"


def block_reason_word(reason: BlockReason) -> str:
    """Why a card was blocked, in words."""
    return {
        BlockReason.LOST: _tr("Lost"),
        BlockReason.STOLEN: _tr("Stolen"),
        BlockReason.LEFT: _tr("Left the company"),
        BlockReason.OTHER: _tr("Other reason"),
    }[reason]


def block_reason_text(reason: BlockReason | None, detail: str | None) -> str:
    """The reason with its text: "Lost", "Stolen: reported to security", "Card damaged"."""
    if reason is None:
        return detail or _tr("no reason recorded")
    if reason is BlockReason.OTHER and detail:
        return detail
    word = block_reason_word(reason)
    return f"{word}: {detail}" if detail else word


def blocked_text(card: Card) -> str:
    """Why and since when a blocked card is blocked; empty for a card that is not."""
    if card.status is not CardStatus.BLOCKED:
        return ""
    text = block_reason_text(card.block_reason, card.block_detail)
    if card.blocked_at is not None:
        text = (
            _tr("Blocked since %1: %2")
            .replace("%1", format_local(card.blocked_at))
            .replace("%2", text)
        )
    else:
        text = _tr("Blocked: %1").replace("%1", text)
    return text


def card_state_text(card: Card, now: datetime) -> str:
    """The status cell: symbol and word, with the reason of a blocked card ("⊘ Blocked ·
    Lost")."""
    state = card_state(card, now)
    text = state_text(state)
    if state is CardState.BLOCKED and (card.block_reason or card.block_detail):
        text += " · " + block_reason_text(card.block_reason, card.block_detail)
    return text


# The answers a charger got for a refused card, with colour and symbol.
ANSWER_STYLE: dict[AuthorizationStatus, tuple[str, str]] = {
    AuthorizationStatus.ACCEPTED: ("#009E73", "●"),
    AuthorizationStatus.INVALID: ("#CC79A7", "?"),  # reddish purple: unknown card
    AuthorizationStatus.BLOCKED: ("#D55E00", "⊘"),
    AuthorizationStatus.EXPIRED: ("#E69F00", "◷"),
    AuthorizationStatus.CONCURRENT_TX: ("#0072B2", "⇉"),  # blue
}


def answer_word(status: AuthorizationStatus) -> str:
    """The answer a charger was given, in words."""
    return {
        AuthorizationStatus.ACCEPTED: _tr("Accepted"),
        AuthorizationStatus.INVALID: _tr("Unknown card"),
        AuthorizationStatus.BLOCKED: _tr("Blocked"),
        AuthorizationStatus.EXPIRED: _tr("Expired"),
        AuthorizationStatus.CONCURRENT_TX: _tr("Already charging"),
    }[status]


def answer_explanation(status: AuthorizationStatus) -> str:
    """What the answer means and what to do about it, for a tooltip."""
    return {
        AuthorizationStatus.ACCEPTED: _tr("The card was accepted."),
        AuthorizationStatus.INVALID: _tr(
            "Invalid: no card with this id is registered (or it is retired). "
            "Register it to let it charge."
        ),
        AuthorizationStatus.BLOCKED: _tr(
            "Blocked: staff blocked this card. Unblock it to allow it."
        ),
        AuthorizationStatus.EXPIRED: _tr(
            "Expired: the card's valid-until date has passed. Extend it to allow it."
        ),
        AuthorizationStatus.CONCURRENT_TX: _tr(
            "ConcurrentTx: the card already runs as many sessions as it may at once."
        ),
    }[status]


def answer_text(status: AuthorizationStatus) -> str:
    """Symbol and word of an answer."""
    return f"{ANSWER_STYLE[status][1]} {answer_word(status)}"


def answer_colour(status: AuthorizationStatus) -> QColor:
    """The colour of an answer."""
    return QColor(ANSWER_STYLE[status][0])


def valid_until_text(card: Card) -> str:
    """The last day a card is valid, or nothing when it does not expire."""
    return "" if card.expires_at is None else day_text(expiry_day(card.expires_at))


def day_text(day: date) -> str:
    """A calendar day as the desk reads it: ISO text in English, "07.12.2026" in German."""
    return date_text(day)


def local_time_text(moment: datetime) -> str:
    """A stored (UTC) time in the PC's zone, to the minute."""
    return format_local(moment)


def sessions_at_once_text(limit: int) -> str:
    """How many sessions a card may run at once; 0 means no limit."""
    return _tr("no limit") if limit == 0 else str(limit)


class CardColumn(IntEnum):
    """The cards table's columns, in order."""

    CARD = 0
    STATUS = 1
    GROUP = 2
    OWNER = 3
    DEPARTMENT = 4
    VALID_UNTIL = 5
    AT_ONCE = 6
    NOTE = 7


def card_column_titles() -> list[str]:
    """Titles of the cards table, in column order."""
    return [
        _tr("Card"),
        _tr("Status"),
        _tr("Group"),
        _tr("Owner"),
        _tr("Department"),
        _tr("Valid until"),
        _tr("At once"),
        _tr("Note"),
    ]


def card_column_tooltips() -> list[str]:
    """What each column of the cards table means."""
    return [
        _tr("Card id (the OCPP idTag), as the reader reports it"),
        _tr("Active, blocked, expired (past its valid-until date) or retired"),
        _tr("The group the card belongs to (its OCPP parent idTag)"),
        _tr("The person who owns the card"),
        _tr("The owner's department or cost centre"),
        _tr("The last day the card is accepted; empty: no end"),
        _tr("Sessions the card may run at once"),
        _tr("Staff's note"),
    ]
