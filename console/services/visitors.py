"""Visitors: staff start a session for a driver who has no card.

ChargeDesk makes a one-time token, registers it as a card of the visitor group (one
session at a time, expiring when unused for a while) and asks the charger to start a
session for it (RemoteStartTransaction). The session the token starts is noted with the
visitor and billed at the visitor tariff when it ends. The token is retired when its
session stops, or at once when the charger refuses or does not answer the remote start,
so it can never start a second session.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import Connection

from console.core.billing import BillingError, Visitor
from console.core.cards import validate_card
from console.core.clock import utcnow
from console.core.enums import CardStatus
from console.core.events import CardsChanged, Event, EventBus, SessionStarted, SessionStopped
from console.core.model import Card, CommandOutcome
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.services.background import TaskSet
from console.services.checked_writes import submit_checked
from console.services.commands import CommandService
from console.storage import cards as card_repo
from console.storage import tariffs as tariff_repo
from console.storage import visitors as visitor_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # base32 (RFC 4648): no 0, 1, 8 or 9
TOKEN_LENGTH = 9
UNUSED_TOKEN_LIFETIME = timedelta(minutes=15)


def new_token() -> str:
    """A fresh one-time token: "V" and nine random base32 characters (fits an idTag)."""
    return "V" + "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _register(
    connection: Connection, *, visitor: Visitor, expires: datetime
) -> tuple[Visitor, int]:
    if card_repo.get_card(connection, visitor.token) is not None:
        raise BillingError(f"token {visitor.token} is taken; try again")
    note = "One-time visitor token"
    if visitor.name or visitor.plate:
        note = f"{note}: {visitor.description}"
    card = Card(
        visitor.token,
        expires_at=expires,
        parent_id_tag=tariff_repo.visitor_group(connection),
        max_concurrent=1,
        note=note,
    )
    card_repo.save_card(connection, validate_card(card), visitor.created_at)
    stored = visitor_repo.add_visitor(connection, visitor)
    return stored, card_repo.local_list_version(connection)


def _retire(connection: Connection, token: str, at: datetime) -> int | None:
    card = card_repo.get_card(connection, token)
    if card is None or card.status is CardStatus.RETIRED:
        return None
    card_repo.set_card_status(connection, token, CardStatus.RETIRED, at)
    return card_repo.local_list_version(connection)


def _link(connection: Connection, token: str, session_id: int, at: datetime) -> int | None:
    visitor = visitor_repo.visitor_by_token(connection, token)
    if visitor is None or visitor.id is None:
        return None
    visitor_repo.link_session(connection, visitor.id, session_id)
    card = card_repo.get_card(connection, token)
    if card is None or card.expires_at is None or card.status is not CardStatus.ACTIVE:
        return None
    # In use now: the token must not expire under a long session (its stop still names it).
    card_repo.save_card(connection, replace(card, expires_at=None), at)
    return card_repo.local_list_version(connection)


def _retire_unused(connection: Connection, before: datetime, at: datetime) -> list[str]:
    retired = []
    for visitor in visitor_repo.unused_visitors(connection, created_before=before):
        if _retire(connection, visitor.token, at) is not None:
            retired.append(visitor.token)
    return retired


class VisitorService:
    """Starts sessions for visitors with one-time tokens and follows them to the end."""

    def __init__(
        self,
        writer: StorageWriter,
        bus: EventBus,
        commands: CommandService,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._writer = writer
        self._bus = bus
        self._commands = commands
        self._clock = clock
        self._tasks = TaskSet(log, "visitor bookkeeping failed")
        self._timers = TaskSet(log, "visitor bookkeeping failed")  # cancelled at once on close
        self._unsubscribe = bus.subscribe(self._on_event)

    async def start(
        self,
        charger_id: str,
        connector_id: int,
        name: str | None = None,
        plate: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        *,
        actor: Actor,
    ) -> tuple[Visitor, CommandOutcome]:
        """Start a session for a visitor on a connector; returns the visitor (with the token)
        and the charger's answer. A refused or unanswered start retires the token at once."""
        require(actor, Permission.VISITORS)
        now = self._clock()
        visitor = Visitor(
            None,
            new_token(),
            charger_id,
            connector_id,
            now,
            _text(name),
            _text(plate),
            _text(phone),
            _text(email),
        )
        expires = now + UNUSED_TOKEN_LIFETIME
        register = partial(_register, visitor=visitor, expires=expires)

        def store(connection: Connection) -> tuple[Visitor, int]:
            stored, version = register(connection)
            after = {
                "charger": charger_id,
                "connector": connector_id,
                "name": stored.name,
                "plate": stored.plate,
            }
            record(connection, actor, "visitor.start", stored.token, None, after)
            return stored, version

        stored, version = await submit_checked(self._writer, store)
        self._bus.publish(CardsChanged(version, (stored.token,)))
        outcome = await self._commands.start_session(
            charger_id, connector_id, stored.token, actor=actor
        )
        if outcome.accepted:
            self._timers.spawn(self._expire_unused(stored.token))
        else:
            await self.retire_token(stored.token)
        return stored, outcome

    async def retire_token(self, token: str) -> None:
        """Retire a visitor's token so it starts nothing more (its history stays)."""
        now = self._clock()
        version = await self._writer.submit(lambda c: _retire(c, token, now))
        if version is not None:
            self._bus.publish(CardsChanged(version, (token,)))

    async def retire_unused(self) -> list[str]:
        """Retire the tokens that started no session within their lifetime."""
        now = self._clock()
        before = now - UNUSED_TOKEN_LIFETIME
        tokens = await self._writer.submit(lambda c: _retire_unused(c, before, now))
        if tokens:
            version = await self._writer.submit(card_repo.local_list_version)
            self._bus.publish(CardsChanged(version, tuple(tokens)))
        return tokens

    def begin(self) -> None:
        """Housekeeping at start: retire tokens left unused."""
        self._tasks.spawn(self.retire_unused())

    async def close(self) -> None:
        """Stop following sessions; let the work in progress finish."""
        self._unsubscribe()
        await self._timers.close()
        await self._tasks.close(grace=5.0)

    def _on_event(self, event: Event) -> None:
        # Tokens are the only cards starting with "V" and ten characters long; anything
        # else cannot be a visitor's, so no database read for ordinary cards.
        if isinstance(event, SessionStarted) and _maybe_token(event.session.id_tag):
            self._tasks.spawn(self._link(event.session.id_tag, event.session.id))
        elif isinstance(event, SessionStopped) and _maybe_token(event.session.id_tag):
            self._tasks.spawn(self._retire_if_visitor(event.session.id_tag))

    async def _expire_unused(self, token: str) -> None:
        # A charger that accepted but never started (no car plugged in) leaves the token
        # unused: it expires by itself, and is retired here so the lists drop it.
        await asyncio.sleep(UNUSED_TOKEN_LIFETIME.total_seconds())
        visitor = await self._writer.submit(lambda c: visitor_repo.visitor_by_token(c, token))
        if visitor is not None and visitor.session_id is None:
            await self.retire_token(token)

    async def _link(self, token: str, session_id: int) -> None:
        now = self._clock()
        version = await self._writer.submit(lambda c: _link(c, token, session_id, now))
        if version is not None:
            self._bus.publish(CardsChanged(version, (token,)))

    async def _retire_if_visitor(self, token: str) -> None:
        visitor = await self._writer.submit(lambda c: visitor_repo.visitor_by_token(c, token))
        if visitor is not None:
            await self.retire_token(visitor.token)


def _maybe_token(id_tag: str) -> bool:
    text = id_tag.strip()
    return len(text) == TOKEN_LENGTH + 1 and text[:1] in "Vv"
