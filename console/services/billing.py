"""Billing: tariffs as staff set them, and the bill of every session that ends.

A session is billed once it has stopped (SessionStopped is published after the stop is
committed), at the tariff its card's group pays at that moment. The bill keeps its own
copy of the cost, so changing a tariff later never changes it. At start, sessions that
stopped but were not billed (the program ended in between) are billed.

A session with readings that cannot be true is not billed (so gets no receipt) until
staff decide on them with ``decide_readings``; it is flagged "readings need review".

The inputs are read through a connection of our own in a worker thread (WAL lets it read
beside the writer), and the cost is computed there too: the engine loop only waits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TypeVar

from sqlalchemy import Connection, Engine

from console.core.billing import BillingError, SessionBill, StoredTariff
from console.core.clock import utcnow
from console.core.enums import SessionFlag
from console.core.events import (
    Event,
    EventBus,
    SessionBilled,
    SessionFlagsChanged,
    SessionStopped,
)
from console.core.model import Session
from console.core.money import CostBreakdown
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.services.background import TaskSet
from console.services.billing_live import LiveCosts
from console.services.billing_plan import bill_of, decided, held_for_review
from console.services.billing_plan import cost_so_far as read_cost_so_far
from console.services.billing_settings import TariffSettings
from console.services.checked_writes import submit_checked
from console.storage import bills as bill_repo
from console.storage import receipts as receipt_repo
from console.storage import sessions as session_repo
from console.storage import tariffs as tariff_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

T = TypeVar("T")
BACKLOG_PAGE = 200  # unbilled sessions billed per transaction at start
CLOSE_GRACE = 5.0  # seconds bills in progress may take to finish when the engine stops


class BillingService(TariffSettings):
    """Bills finished sessions; keeps the tariffs, who pays which, and the site details."""

    def __init__(
        self,
        writer: StorageWriter,
        bus: EventBus,
        db: Engine,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._writer = writer
        self._bus = bus
        self._db = db
        self._clock = clock
        self._tasks = TaskSet(log, "billing failed")
        self._noted_no_tariff = False
        self._live = LiveCosts()
        self._unsubscribe = bus.subscribe(self._on_event)

    def start(self) -> None:
        """Bill, in the background, the sessions that stopped without being billed."""
        self._tasks.spawn(self.bill_backlog())

    async def close(self) -> None:
        """Stop listening; give bills in progress a moment to be stored, then cancel."""
        self._unsubscribe()
        await self._tasks.close(grace=CLOSE_GRACE)

    # --- bills ----------------------------------------------------------------------------

    async def bill_session(self, session_id: int) -> SessionBill | None:
        """The bill of a finished session, made now unless it exists (never twice).

        None when the session is unknown, still running or no tariff applies to it.
        """
        now = self._clock()

        def prepare(connection: Connection) -> tuple[SessionBill | None, bool, bool]:
            existing = bill_repo.get_bill(connection, session_id)
            if existing is not None:
                return existing, True, False
            session = session_repo.get_session(connection, session_id)
            if session is None or session.stopped_at is None:
                return None, True, False
            bill = bill_of(connection, session, now)
            held = bill is None and held_for_review(connection, session, now)
            return bill, held, held

        bill, known, held = await self._read(prepare)
        if held:
            await self._hold(session_id)
        if bill is None:
            if not known:
                self._note_no_tariff(session_id)
            return None
        stored, new = await self._writer.submit(lambda c: bill_repo.add_bill(c, bill))
        if new:
            self._published(stored)
        return stored

    async def rebill_late_stop(self, session_id: int) -> SessionBill | None:
        """Bill again a session billed from ChargeDesk's estimated stop once the charger's
        true stop arrived late; a session with an issued receipt keeps its bill (the
        receipt never changes; staff see the flags). Without a bill, as ``bill_session``."""
        now = self._clock()

        def rebill(connection: Connection) -> tuple[SessionBill | None, bool]:
            existing = bill_repo.get_bill(connection, session_id)
            session = session_repo.get_session(connection, session_id)
            if existing is None or session is None or session.stop_estimated:
                return None, existing is None
            if receipt_repo.valid_receipt_of_session(connection, session_id) is not None:
                log.warning("session %s: late stop after its receipt; bill kept", session_id)
                return None, False
            bill = bill_of(connection, session, now)
            return (None if bill is None else bill_repo.replace_bill(connection, bill)), False

        bill, unbilled = await self._writer.submit(rebill)
        if unbilled:
            return await self.bill_session(session_id)
        if bill is not None:
            self._published(bill)
        return bill

    async def bill_backlog(self) -> int:
        """Bill every finished session that has no bill yet; returns how many were billed."""
        billed = 0
        after = 0
        while True:
            now = self._clock()
            bills, count, last, held = await self._read(
                partial(_backlog_page, after=after, now=now)
            )
            if count == 0:
                return billed
            for session_id in held:
                await self._hold(session_id)
            count -= len(held)
            if len(bills) < count:
                self._note_no_tariff(last)
            after = last
            for stored in await self._writer.submit(partial(_store_bills, bills=bills)):
                self._published(stored)
                billed += 1

    async def cost_so_far(self, session_id: int) -> CostBreakdown | None:
        """What a running session has cost so far; a finished one's bill (or its cost).

        None when the session is unknown or no tariff applies to it.
        """
        now = self._clock()

        def read(connection: Connection) -> CostBreakdown | None:
            bill = bill_repo.get_bill(connection, session_id)
            if bill is not None:
                return bill.breakdown
            session = session_repo.get_session(connection, session_id)
            if session is None:
                return None
            if session.running:
                return self._live.cost(connection, session, now)
            return read_cost_so_far(connection, session, now)

        return await self._read(read)

    async def bill(self, session_id: int) -> SessionBill | None:
        """The stored bill of a session, or None."""
        return await self._read(lambda c: bill_repo.get_bill(c, session_id))

    async def decide_readings(
        self, session_id: int, keep: bool, *, actor: Actor
    ) -> SessionBill | None:
        """Staff's decision on a session's readings that cannot be true: count them
        (``keep``) or leave them out. One transaction records the decision and, for a
        finished session, makes the bill that was held; returns it (None: still running,
        or no tariff applies)."""
        require(actor, Permission.RECEIPTS)
        now = self._clock()
        decision = SessionFlag.READINGS_KEPT if keep else SessionFlag.READINGS_LEFT_OUT
        other = SessionFlag.READINGS_LEFT_OUT if keep else SessionFlag.READINGS_KEPT
        stale = (SessionFlag.READINGS_NEED_REVIEW.value, other.value)

        def decide(connection: Connection) -> tuple[Session, SessionBill | None, bool]:
            if bill_repo.get_bill(connection, session_id) is not None:
                raise BillingError(f"session {session_id} is billed already")
            before = session_repo.get_session(connection, session_id)
            if before is None:
                raise BillingError(f"there is no session {session_id}")
            if SessionFlag.READINGS_NEED_REVIEW.value not in before.flags:
                raise BillingError(f"session {session_id} has no readings to review")
            session = session_repo.change_flags(connection, session_id, (decision.value,), stale)
            assert session is not None
            record(connection, actor, "session.readings", session_id, None, decision.value)
            if session.stopped_at is None:
                return session, None, False
            bill = bill_of(connection, session, now)
            if bill is None:
                return session, None, False
            stored, new = bill_repo.add_bill(connection, bill)
            return session, stored, new

        session, bill, new = await self._write(decide)
        log.info("session %s: staff %s its implausible readings", session_id, decision.value)
        self._live.forget(session_id)
        self._bus.publish(SessionFlagsChanged(session))
        if bill is not None and new:
            self._published(bill)
        return bill

    # --- tariffs --------------------------------------------------------------------------

    async def tariffs(self, include_retired: bool = True) -> list[StoredTariff]:
        """The tariffs, by name."""
        return await self._read(
            lambda c: tariff_repo.list_tariffs(c, include_retired=include_retired)
        )

    # --- internals ------------------------------------------------------------------------

    async def _write(self, work: Callable[[Connection], T]) -> T:
        return await submit_checked(self._writer, work)

    async def _read(self, work: Callable[[Connection], T]) -> T:
        def run() -> T:
            with self._db.connect() as connection:
                return work(connection)

        return await asyncio.to_thread(run)

    def _published(self, bill: SessionBill) -> None:
        breakdown = bill.breakdown
        self._bus.publish(SessionBilled(bill.session_id, breakdown.gross_total, breakdown.currency))

    async def _hold(self, session_id: int) -> None:
        """Flag a session whose bill waits for staff to look at its readings."""
        flag = (SessionFlag.READINGS_NEED_REVIEW.value,)
        changed = await self._writer.submit(lambda c: _flag_unless_decided(c, session_id, flag))
        if changed is not None:
            self._bus.publish(SessionFlagsChanged(changed))

    def _note_no_tariff(self, session_id: int) -> None:
        if not self._noted_no_tariff:
            self._noted_no_tariff = True
            log.info(
                "session %s is not billed: no tariff applies (set a site default tariff)",
                session_id,
            )

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SessionStopped):
            self._live.forget(event.session.id)
            if _true_stop_after_estimate(event.session):
                self._tasks.spawn(self.rebill_late_stop(event.session.id))
            else:
                self._tasks.spawn(self.bill_session(event.session.id))


# Flags of a session ChargeDesk ended with an estimated stop (services/sessions.py).
_ENDING_FLAGS = frozenset(
    flag.value
    for flag in (
        SessionFlag.SUPERSEDED,
        SessionFlag.STOPPED_BY_CHARGER_BOOT,
        SessionFlag.ENDED_WITHOUT_STOP,
        SessionFlag.ENDED_BY_STAFF,
    )
)


def _true_stop_after_estimate(session: Session) -> bool:
    """The session was ended with an estimate and now carries the charger's true stop."""
    return not session.stop_estimated and not _ENDING_FLAGS.isdisjoint(session.flags)


def _backlog_page(
    connection: Connection, *, after: int, now: datetime
) -> tuple[list[SessionBill], int, int, list[int]]:
    """Bills of the next unbilled sessions after id ``after``: (bills, sessions, last id,
    sessions held for review)."""
    ids = bill_repo.unbilled_sessions(connection, after, BACKLOG_PAGE)
    bills = []
    held = []
    for session_id in ids:
        session = session_repo.get_session(connection, session_id)
        bill = None if session is None else bill_of(connection, session, now)
        if bill is not None:
            bills.append(bill)
        elif session is not None and held_for_review(connection, session, now):
            held.append(session_id)
    return bills, len(ids), (ids[-1] if ids else after), held


def _flag_unless_decided(
    connection: Connection, session_id: int, flags: tuple[str, ...]
) -> Session | None:
    """Add ``flags`` to a session staff have not decided on; the session if it changed."""
    session = session_repo.get_session(connection, session_id)
    if session is None or decided(session) or set(flags) <= set(session.flags):
        return None
    return session_repo.change_flags(connection, session_id, flags)


def _store_bills(connection: Connection, *, bills: list[SessionBill]) -> list[SessionBill]:
    """Store bills; returns those that are new."""
    added = [bill_repo.add_bill(connection, bill) for bill in bills]
    return [bill for bill, new in added if new]
