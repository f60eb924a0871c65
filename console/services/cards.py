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
from console.services.card_csv import ImportPlan, ImportResult, apply_import
from console.storage import cards as card_repo
from console.storage import people as people_repo
from console.storage.writer import StorageWriter


class CardNotFound(LookupError):
    """No card with this id is registered."""


class CardService:
    """Registers, edits, blocks and retires cards; keeps people; learns tapped cards."""

    def __init__(self, writer: StorageWriter, bus: EventBus) -> None:
        self._writer = writer
        self._bus = bus
        self._learners: list[tuple[str | None, asyncio.Future[CardRefused]]] = []
        self._unsubscribe = bus.subscribe(self._on_event)

    async def save_card(self, card: Card) -> Card:
        """Register a new card or change one (InvalidCardId when it cannot be stored)."""
        return (await self.save_cards([card]))[0]

    async def save_cards(self, cards: Sequence[Card]) -> list[Card]:
        """Register or change several cards in one transaction (an import): all or none."""
        checked = [validate_card(card) for card in cards]
        now = utcnow()

        def store(connection: Connection) -> tuple[list[Card], int, int]:
            before = card_repo.local_list_version(connection)
            for card in checked:
                _check_owner(connection, card)
            saved = [card_repo.save_card(connection, card, now) for card in checked]
            return saved, before, card_repo.local_list_version(connection)

        saved, before, after = await self._writer.submit(store)
        if after != before:
            self._bus.publish(CardsChanged(after, tuple(card.id_tag for card in saved)))
        return saved

    async def import_cards(self, plan: ImportPlan) -> ImportResult:
        """Apply an import plan (see card_csv) in one transaction; rows with problems are
        left out. The cards it changed are announced like any other change."""
        now = utcnow()

        def store(connection: Connection) -> tuple[ImportResult, int, int]:
            before = card_repo.local_list_version(connection)
            result = apply_import(connection, plan, now)
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
    ) -> Card:
        """Block (with the reason: lost, stolen, left, other + text), unblock or retire.

        The change and its reason go into the card's status history; unblocking keeps
        the history of why it was blocked. ValueError when ``OTHER`` comes without a text.
        """
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
            return saved, before, card_repo.local_list_version(connection)

        saved, before, after = await self._writer.submit(store)
        if after != before:
            self._bus.publish(CardsChanged(after, (saved.id_tag,)))
        return saved

    async def save_person(self, person: Person) -> Person:
        """Add (``id`` None) or change a person."""
        if not person.name.strip():
            raise ValueError("a person needs a name")
        now = utcnow()
        return await self._writer.submit(lambda c: people_repo.save_person(c, person, now))

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
