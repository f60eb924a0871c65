"""Remote starts and stops followed to their effect, not only to the charger's answer.

A charger that answers Accepted to RemoteStartTransaction only promises to try: the card
may be refused when it asks (Authorize or StartTransaction), or nothing may start at all.
A staff action is done when its effect happened, so each operation here sends the
command, then listens to the engine's events for what follows on that charger:

- start: the StartTransaction on that connector for that card (the session started), the
  card's refusal, or nothing within ``start_wait`` seconds;
- stop: the StopTransaction of that session, with what it delivered and cost, or nothing
  within ``stop_wait`` seconds.

The engine's bus is subscribed to *before* the command goes out: a fast charger's
StartTransaction may be stored before the answer to the command is even read.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TypeVar

from sqlalchemy import Connection

from console.core.billing import SessionBill, Visitor
from console.core.commands import FollowUpKind
from console.core.enums import SessionFlag
from console.core.events import CardRefused, Event, EventBus, SessionStarted, SessionStopped
from console.core.model import CommandOutcome, FollowUp, Session
from console.core.staff import Actor, Permission, require
from console.services.billing import BillingService
from console.services.commands import CommandService
from console.services.visitors import VisitorService
from console.storage import cards as card_repo
from console.storage import people as people_repo
from console.storage import visitors as visitor_repo
from console.storage.writer import StorageWriter

START_WAIT = 60.0  # seconds a charger has, after accepting a remote start, to start it
STOP_WAIT = 60.0  # seconds a charger has, after accepting a remote stop, to stop it
BILL_WAIT = 10.0  # seconds the bill of a stopped session may take to be made

T = TypeVar("T")


def person_of(connection: Connection, id_tag: str) -> str | None:
    """Who a card stands for: its owner's name, or the visitor's name (or plate) for a
    one-time token; None when nobody is known."""
    card = card_repo.get_card(connection, id_tag)
    if card is not None and card.person_id is not None:
        person = people_repo.get_person(connection, card.person_id)
        if person is not None and person.name.strip():
            return person.name.strip()
    visitor = visitor_repo.visitor_by_token(connection, id_tag)
    if visitor is not None:
        return visitor.name or visitor.plate
    return None


class _Watch:
    """The session and card events of the engine's bus, kept from the moment it opens."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._changed = asyncio.Event()

    def __call__(self, event: Event) -> None:
        if isinstance(event, SessionStarted | SessionStopped | CardRefused):
            self.events.append(event)
            self._changed.set()

    async def first(self, match: Callable[[Event], T | None], timeout: float) -> T | None:
        """The first event (kept or coming) ``match`` turns into a value; None on timeout."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                found = match(event)
                if found is not None:
                    return found
            seen = len(self.events)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)


class FollowThrough:
    """Remote start and stop as staff mean them: sent, then followed to the effect."""

    def __init__(
        self,
        commands: CommandService,
        visitors: VisitorService,
        billing: BillingService,
        writer: StorageWriter,
        bus: EventBus,
        start_wait: float = START_WAIT,
        stop_wait: float = STOP_WAIT,
    ) -> None:
        self._commands = commands
        self._visitors = visitors
        self._billing = billing
        self._writer = writer
        self._bus = bus
        self.start_wait = start_wait
        self.stop_wait = stop_wait

    async def start_session(
        self,
        charger_id: str,
        connector_id: int,
        id_tag: str,
        wait: float | None = None,
        *,
        actor: Actor,
    ) -> CommandOutcome:
        """RemoteStartTransaction for a card, followed to the session (or why none came)
        for ``wait`` seconds (default ``start_wait``)."""
        require(actor, Permission.SESSIONS)
        with self._watching() as watch:
            outcome = await self._commands.start_session(
                charger_id, connector_id, id_tag, actor=actor
            )
            if not outcome.accepted:
                return outcome
            follow = await self._follow_start(
                watch, charger_id, connector_id, id_tag, wait or self.start_wait
            )
        return replace(outcome, follow_up=follow)

    async def start_visitor(
        self,
        charger_id: str,
        connector_id: int,
        name: str | None = None,
        plate: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        wait: float | None = None,
        *,
        actor: Actor,
    ) -> tuple[Visitor, CommandOutcome]:
        """A visitor's session (one-time token, see VisitorService.start), followed to the
        session or why none came."""
        require(actor, Permission.VISITORS)
        with self._watching() as watch:
            visitor, outcome = await self._visitors.start(
                charger_id, connector_id, name, plate, phone, email, actor=actor
            )
            if not outcome.accepted:
                return visitor, outcome
            follow = await self._follow_start(
                watch, charger_id, connector_id, visitor.token, wait or self.start_wait
            )
        return visitor, replace(outcome, follow_up=follow)

    async def stop_session(
        self, transaction_id: int, wait: float | None = None, *, actor: Actor
    ) -> CommandOutcome:
        """RemoteStopTransaction, followed to the StopTransaction (energy and cost) for
        ``wait`` seconds (default ``stop_wait``)."""
        require(actor, Permission.SESSIONS)
        wait = wait or self.stop_wait
        with self._watching() as watch:
            outcome = await self._commands.stop_session(transaction_id, actor=actor)
            if not outcome.accepted:
                return outcome
            began = time.monotonic()

            def stopped(event: Event) -> Session | None:
                if isinstance(event, SessionStopped) and event.session.id == transaction_id:
                    return event.session
                return None

            session = await watch.first(stopped, wait)
        if session is None:
            follow = FollowUp(FollowUpKind.NOT_STOPPED, wait)
            return replace(outcome, follow_up=follow)
        bill = await self._bill(session.id)
        person = await self._writer.submit(lambda c: person_of(c, session.id_tag))
        follow = FollowUp(
            FollowUpKind.STOPPED,
            time.monotonic() - began,
            session=session,
            person=person,
            cost=None if bill is None else bill.breakdown.gross_total,
            currency=None if bill is None else bill.breakdown.currency,
        )
        return replace(outcome, follow_up=follow)

    # ----------------------------------------------------------------- internals

    @contextlib.contextmanager
    def _watching(self) -> Iterator[_Watch]:
        watch = _Watch()
        unsubscribe = self._bus.subscribe(watch)
        try:
            yield watch
        finally:
            unsubscribe()

    async def _follow_start(
        self, watch: _Watch, charger_id: str, connector_id: int, id_tag: str, wait: float
    ) -> FollowUp:
        began = time.monotonic()
        card = id_tag.casefold()

        def effect(event: Event) -> tuple[FollowUpKind, Session | None, str | None] | None:
            if isinstance(event, CardRefused):
                if event.charger_id == charger_id and event.id_tag.casefold() == card:
                    return FollowUpKind.CARD_REFUSED, None, event.status.value
                return None
            if not isinstance(event, SessionStarted):
                return None
            session = event.session
            if session.charger_id != charger_id or session.id_tag.casefold() != card:
                return None
            if connector_id and session.connector_id != connector_id:
                return None
            if SessionFlag.INVALID_CARD.value in session.flags:
                # The refusal itself (CardRefused) came first and said why.
                return FollowUpKind.CARD_REFUSED, session, "Invalid"
            return FollowUpKind.STARTED, session, None

        found = await watch.first(effect, wait)
        person = await self._writer.submit(lambda c: person_of(c, id_tag))
        if found is None:
            return FollowUp(FollowUpKind.NOT_STARTED, wait, person=person)
        kind, session, refusal = found
        return FollowUp(
            kind, time.monotonic() - began, session=session, person=person, refusal=refusal
        )

    async def _bill(self, session_id: int) -> SessionBill | None:
        # The billing service bills every stopped session itself; asking here gives the
        # same bill (never a second one) and does not wait for its event.
        try:
            return await asyncio.wait_for(self._billing.bill_session(session_id), BILL_WAIT)
        except TimeoutError:
            return None
