"""Cards and people as staff change them, and learning a card by tapping it.

Every change is validated, committed, then announced with CardsChanged so the chargers'
local lists follow (services/local_lists.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import Connection

from console.core.cards import InvalidCardId, validate_card
from console.core.clock import utcnow
from console.core.enums import AuthorizationStatus, BlockReason, CardStatus
from console.core.events import CardRefused, CardsChanged, Event, EventBus
from console.core.model import Card, Person
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.services.card_csv import ImportPlan, ImportResult, apply_import
from console.storage import cards as card_repo
from console.storage import people as people_repo
from console.storage.writer import StorageWriter

#: The audit action of each status a card is set to.
STATUS_ACTIONS = {
    CardStatus.ACTIVE: "card.unblock",
    CardStatus.BLOCKED: "card.block",
    CardStatus.RETIRED: "card.retire",
}


class CardNotFound(LookupError):
    """No card with this id is registered."""


class CardService:
    """Registers, edits, blocks and retires cards; keeps people; learns tapped cards."""

    def __init__(self, writer: StorageWriter, bus: EventBus) -> None:
        self._writer = writer
        self._bus = bus
        self._learners: list[tuple[str | None, asyncio.Future[CardRefused]]] = []
        self._unsubscribe = bus.subscribe(self._on_event)

    async def save_card(self, card: Card, *, actor: Actor) -> Card:
        """Register a new card or change one (InvalidCardId when it cannot be stored)."""
        return (await self.save_cards([card], actor=actor))[0]

    async def save_cards(self, cards: Sequence[Card], *, actor: Actor) -> list[Card]:
        """Register or change several cards in one transaction (an import): all or none."""
        require(actor, Permission.CARDS)
        checked = [validate_card(card) for card in cards]
        now = utcnow()

        def store(connection: Connection) -> tuple[list[Card], int, int]:
            before = card_repo.local_list_version(connection)
            for card in checked:
                _check_owner(connection, card)
            olds = [card_repo.get_card(connection, card.id_tag) for card in checked]
            saved = [card_repo.save_card(connection, card, now) for card in checked]
            for old, new in zip(olds, saved, strict=True):
                action = "card.add" if old is None else "card.change"
                record(connection, actor, action, new.id_tag, card_facts(old), card_facts(new))
            return saved, before, card_repo.local_list_version(connection)

        saved, before, after = await self._writer.submit(store)
        if after != before:
            self._bus.publish(CardsChanged(after, tuple(card.id_tag for card in saved)))
        return saved

    async def import_cards(self, plan: ImportPlan, *, actor: Actor) -> ImportResult:
        """Apply an import plan (see card_csv) in one transaction; rows with problems are
        left out. The cards it changed are announced like any other change."""
        require(actor, Permission.CARDS)
        now = utcnow()

        def store(connection: Connection) -> tuple[ImportResult, int, int]:
            before = card_repo.local_list_version(connection)
            result = apply_import(connection, plan, now)
            record(connection, actor, "card.import", "", None, {"cards": list(result.id_tags)})
            return result, before, card_repo.local_list_version(connection)

        result, before, after = await self._writer.submit(store)
        if after != before:
            self._bus.publish(CardsChanged(after, result.id_tags))
        return result

    async def set_status(
        self,
        id_tag: str,
        status: CardStatus,
        reason: BlockReason | None = None,
        detail: str | None = None,
        *,
        actor: Actor,
    ) -> Card:
        """Block (with the reason: lost, stolen, left, other + text), unblock or retire.

        The change and its reason go into the card's status history; unblocking keeps
        the history of why it was blocked. ValueError when ``OTHER`` comes without a text.
        """
        require(actor, Permission.CARDS)
        detail = (detail or "").strip() or None
        if status is CardStatus.BLOCKED and reason is BlockReason.OTHER and detail is None:
            raise ValueError("say why the card is blocked")
        now = utcnow()

        def store(connection: Connection) -> tuple[Card, int, int]:
            card = card_repo.get_card(connection, id_tag)
            if card is None:
                raise CardNotFound(id_tag)
            before = card_repo.local_list_version(connection)
            if status is CardStatus.BLOCKED:
                changed = replace(card, status=status, block_reason=reason, block_detail=detail)
            else:
                changed = replace(card, status=status)
            saved = card_repo.save_card(connection, changed, now)
            action = STATUS_ACTIONS[status]
            record(connection, actor, action, saved.id_tag, card_facts(card), card_facts(saved))
            return saved, before, card_repo.local_list_version(connection)

        saved, before, after = await self._writer.submit(store)
        if after != before:
            self._bus.publish(CardsChanged(after, (saved.id_tag,)))
        return saved

    async def save_person(self, person: Person, *, actor: Actor) -> Person:
        """Add (``id`` None) or change a person."""
        require(actor, Permission.CARDS)
        if not person.name.strip():
            raise ValueError("a person needs a name")
        now = utcnow()

        def store(connection: Connection) -> Person:
            old = None if person.id is None else people_repo.get_person(connection, person.id)
            saved = people_repo.save_person(connection, person, now)
            action = "person.add" if old is None else "person.change"
            facts = _person_facts(old) if old is not None else None
            record(connection, actor, action, saved.id, facts, _person_facts(saved))
            return saved

        return await self._writer.submit(store)

    async def next_unknown_card(self, charger_id: str | None = None) -> CardRefused:
        """Wait for the next unregistered card presented at ``charger_id`` (None: anywhere).

        Cancel the await to stop waiting. The driver was answered Invalid; once the card is
        registered, the next tap is accepted.
        """
        future: asyncio.Future[CardRefused] = asyncio.get_running_loop().create_future()
        learner = (charger_id, future)
        self._learners.append(learner)
        try:
            return await future
        finally:
            self._learners.remove(learner)

    @property
    def waiting_for_taps(self) -> int:
        """How many callers wait for a card to be tapped."""
        return len(self._learners)

    def _on_event(self, event: Event) -> None:
        if not isinstance(event, CardRefused) or event.known:
            return
        if event.status is not AuthorizationStatus.INVALID:
            return
        for charger_id, future in self._learners:
            if charger_id in (None, event.charger_id) and not future.done():
                future.set_result(event)

    def close(self) -> None:
        """Stop listening to the bus and release anyone still waiting for a tap."""
        self._unsubscribe()
        for _charger_id, future in self._learners:
            future.cancel()


def _check_owner(connection: Connection, card: Card) -> None:
    if card.person_id is not None and people_repo.get_person(connection, card.person_id) is None:
        raise InvalidCardId(f"card {card.id_tag}: owner {card.person_id} does not exist")


def card_facts(card: Card | None) -> dict[str, object] | None:
    """What the audit log keeps of a card (None: no card), enough to say what changed."""
    if card is None:
        return None
    return {
        "status": card.status.value,
        "group": card.group,
        "person_id": card.person_id,
        "block_reason": card.block_reason.value if card.block_reason else None,
        "block_detail": card.block_detail,
        "expires_at": card.expires_at,
        "max_concurrent": card.max_concurrent,
        "note": card.note,
    }


def _person_facts(person: Person) -> dict[str, object]:
    return {
        "name": person.name,
        "department": person.department,
        "email": person.email,
        "phone": person.phone,
        "retired": person.retired,
    }
