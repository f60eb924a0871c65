"""Models the cards and people resources share: a card, a person, a charging history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import Field

from console.api.models import ApiModel
from console.api.resources._common import SessionOut, session_out
from console.core.cards import expiry_day
from console.core.enums import BlockReason, CardStatus
from console.core.model import Card, CardStatusChange, Person
from console.services.card_history import CardHistory


class CardOut(ApiModel):
    """A registered card (an RFID card or other token; an OCPP idTag)."""

    id_tag: str = Field(description="The card id as stored (ids compare case-insensitively)")
    status: CardStatus
    group: str | None = Field(None, description="The card's group (its OCPP parent idTag)")
    valid_until: date | None = Field(
        None, description="The last day the card is valid; null: it does not expire"
    )
    expires_at: datetime | None = Field(None, description="When it expires, exactly (UTC)")
    max_concurrent: int = Field(description="Sessions it may run at once; 0: no limit")
    person_id: int | None = Field(None, description="Its owner, if known")
    owner: str | None = Field(None, description="The owner's name")
    note: str | None = None
    block_reason: BlockReason | None = Field(None, description="Why it is blocked")
    block_detail: str | None = None
    blocked_at: datetime | None = None


class PersonOut(ApiModel):
    """Someone who owns cards: an employee, a student, a regular visitor."""

    id: int
    name: str
    department: str | None = Field(None, description="Department or cost centre")
    email: str | None = None
    phone: str | None = None
    note: str | None = None
    retired: bool


class CardStatusChangeOut(ApiModel):
    """One change of a card's status (blocked because lost, unblocked, retired)."""

    id_tag: str
    at: datetime
    status: CardStatus
    reason: BlockReason | None = None
    detail: str | None = None


class CardHistorySessionOut(SessionOut):
    """A session of a history, with what it cost once billed."""

    cost: Decimal | None = Field(None, description="Gross total of its bill; null: unbilled")
    currency: str | None = None


class CardHistoryOut(ApiModel):
    """Sessions of some cards, newest first, with their totals and status changes."""

    session_count: int
    energy_wh: int = Field(description="Energy of the finished sessions")
    costs: dict[str, Decimal] = Field(description="What the billed sessions cost, per currency")
    first_use: datetime | None = None
    last_use: datetime | None = None
    sessions: list[CardHistorySessionOut]
    status_changes: list[CardStatusChangeOut] = Field(description="Newest first")


def card_out(card: Card, owner: Person | None = None) -> CardOut:
    """The API form of a card (``owner``: its owner, when read with it)."""
    return CardOut(
        id_tag=card.id_tag,
        status=card.status,
        group=card.parent_id_tag,
        valid_until=expiry_day(card.expires_at) if card.expires_at else None,
        expires_at=card.expires_at,
        max_concurrent=card.max_concurrent,
        person_id=card.person_id,
        owner=owner.name if owner is not None else None,
        note=card.note,
        block_reason=card.block_reason,
        block_detail=card.block_detail,
        blocked_at=card.blocked_at,
    )


def person_out(person: Person) -> PersonOut:
    """The API form of a stored person."""
    assert person.id is not None
    return PersonOut(
        id=person.id,
        name=person.name,
        department=person.department,
        email=person.email,
        phone=person.phone,
        note=person.note,
        retired=person.retired,
    )


def status_change_out(change: CardStatusChange) -> CardStatusChangeOut:
    """The API form of a card status change."""
    return CardStatusChangeOut.model_validate(change)


def history_out(history: CardHistory) -> CardHistoryOut:
    """The API form of a charging history."""
    sessions = []
    for session in history.sessions:
        bill = history.bills.get(session.id)
        sessions.append(
            CardHistorySessionOut(
                **session_out(session).model_dump(),
                cost=bill.breakdown.gross_total if bill is not None else None,
                currency=bill.breakdown.currency if bill is not None else None,
            )
        )
    return CardHistoryOut(
        session_count=history.session_count,
        energy_wh=history.energy_wh,
        costs=history.costs,
        first_use=history.first_use,
        last_use=history.last_use,
        sessions=sessions,
        status_changes=[status_change_out(change) for change in history.status_changes],
    )
