"""Logging staff in: password checks, the slow-down after failures, and lock-outs.

A failed login is answered only after a wait that doubles with each failure (0.5, 1, 2,
4, 8 s); five failures within 15 minutes lock the account for 15 minutes. The answer
never tells an unknown username from a wrong password: unknown usernames are slowed
down and "locked" the same way (in memory), and cost the same argon2 time.
"""

from __future__ import annotations

import asyncio
import math
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from console.core.events import EventBus, StaffChanged
from console.core.staff import Actor, Origin
from console.core.staff_accounts import StaffAccount, username_key
from console.services.staff_passwords import (
    burn_time,
    check_staff_password,
    hash_staff_password,
    needs_rehash,
)
from console.storage import audit
from console.storage import staff as staff_repo
from console.storage.writer import StorageWriter

FIRST_DELAY = 0.5  # seconds before the answer to the first failed login
MAX_DELAY = 8.0
LOCK_AFTER = 5  # failures within FAILURE_WINDOW
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_FOR = timedelta(minutes=15)
MAX_UNKNOWN_NAMES = 1000  # usernames without an account whose failures are remembered

WRONG_WORDS = "The username or the password is wrong. Check both and try again."
DISABLED_WORDS = "This account is disabled. Ask an admin to enable it again."

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], datetime]


class LoginRefused(Exception):
    """A login that did not succeed; ``words`` say why and what to do.

    ``delay`` is how long the answer was held back (seconds); ``locked_until`` is set
    while the account is locked.
    """

    def __init__(self, words: str, delay: float = 0.0, locked_until: datetime | None = None):
        super().__init__(words)
        self.words = words
        self.delay = delay
        self.locked_until = locked_until


def delay_after(failures: int) -> float:
    """Seconds to hold back the answer to the ``failures``-th failure in a row."""
    if failures <= 0:
        return 0.0
    return float(min(MAX_DELAY, FIRST_DELAY * 2.0 ** (failures - 1)))


def locked_words(locked_until: datetime, now: datetime) -> str:
    """The refusal while an account is locked, with the minutes it still lasts."""
    minutes = max(1, math.ceil((locked_until - now).total_seconds() / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return (
        f"Too many failed logins: this account is locked for {minutes} more {unit}. "
        "Try again later, or ask an admin to unlock it."
    )


def failures_now(previous: int, last_failed_at: datetime | None, now: datetime) -> int:
    """The failure count including this one: earlier ones count within the window only."""
    if last_failed_at is None or now - last_failed_at > FAILURE_WINDOW:
        return 1
    return previous + 1


@dataclass(slots=True)
class _Unknown:
    failures: int = 0
    last_failed_at: datetime | None = None
    locked_until: datetime | None = None


def actor_of(account: StaffAccount, origin: Origin, place: str) -> Actor:
    """The actor a logged-in account acts as (named by its username, which is unique)."""
    return Actor(account.username, account.roles, origin, account.id, place)


class LoginGate:
    """Checks logins against the staff table; records failures, lock-outs and logins."""

    def __init__(self, writer: StorageWriter, bus: EventBus, clock: Clock, sleep: Sleep) -> None:
        self._writer = writer
        self._bus = bus
        self._clock = clock
        self._sleep = sleep
        self._unknown: OrderedDict[str, _Unknown] = OrderedDict()

    async def login(self, username: str, password: str, *, origin: Origin, place: str) -> Actor:
        """The actor of the account, or LoginRefused (after the slow-down)."""
        tried = username.strip()[:64]
        now = self._clock()
        state = await self._writer.submit(lambda c: staff_repo.login_state(c, tried))
        if state is None:
            await asyncio.to_thread(burn_time, password)
            return await self._refuse_unknown(tried, origin, place, now)
        account = state.account
        stranger = Actor(tried, frozenset(), origin, account.id, place)
        if account.locked_at(now):
            assert account.locked_until is not None
            await self._record_refusal(stranger, tried, "locked")
            raise LoginRefused(locked_words(account.locked_until, now), 0.0, account.locked_until)
        good = await asyncio.to_thread(check_staff_password, password, state.password_hash)
        if not good:
            return await self._refuse_wrong(account, stranger, tried, now)
        if not account.active:
            await self._record_refusal(stranger, tried, "disabled")
            raise LoginRefused(DISABLED_WORDS)
        fresh = (
            await asyncio.to_thread(hash_staff_password, password)
            if needs_rehash(state.password_hash)
            else None
        )
        actor = actor_of(account, origin, place)

        def store(connection: Connection) -> StaffAccount | None:
            if fresh is not None:
                staff_repo.rehash(connection, account.id, fresh)
            logged_in = staff_repo.record_login(connection, account.id, now)
            audit.append(connection, actor, "staff.login", account.username)
            return logged_in

        await self._writer.submit(store)
        self._bus.publish(StaffChanged(account.id, account.username, "staff.login"))
        return actor

    async def _record_refusal(
        self, stranger: Actor, tried: str, reason: str, failures: int | None = None
    ) -> None:
        after: dict[str, object] = {"reason": reason}
        if failures is not None:
            after["failures"] = failures
        await self._writer.submit(
            lambda c: audit.append(c, stranger, "staff.login_failed", tried, None, after)
        )

    async def _refuse_wrong(
        self, account: StaffAccount, stranger: Actor, tried: str, now: datetime
    ) -> Actor:
        def store(connection: Connection) -> tuple[int, datetime | None]:
            # Read again in the writer: failures racing in parallel are all counted.
            state = staff_repo.login_state(connection, account.username)
            assert state is not None
            failures = failures_now(state.failed_logins, state.last_failed_at, now)
            locked_until = now + LOCK_FOR if failures >= LOCK_AFTER else None
            staff_repo.record_failure(connection, account.id, failures, now, locked_until)
            after = {"reason": "wrong password", "failures": failures}
            audit.append(connection, stranger, "staff.login_failed", tried, None, after)
            if locked_until is not None:
                lock = {"locked_until": locked_until, "failures": failures}
                audit.append(connection, stranger, "staff.locked", account.username, None, lock)
            return failures, locked_until

        failures, locked_until = await self._writer.submit(store)
        if locked_until is not None:
            self._bus.publish(StaffChanged(account.id, account.username, "staff.locked"))
        return await self._answer_failure(failures, locked_until, now)

    async def _refuse_unknown(self, tried: str, origin: Origin, place: str, now: datetime) -> Actor:
        key = username_key(tried)
        record = self._unknown.pop(key, None) or _Unknown()
        self._unknown[key] = record  # newest last; the oldest is forgotten first
        while len(self._unknown) > MAX_UNKNOWN_NAMES:
            self._unknown.popitem(last=False)
        stranger = Actor(tried, frozenset(), origin, None, place)
        if record.locked_until is not None and record.locked_until > now:
            await self._record_refusal(stranger, tried, "locked")
            raise LoginRefused(locked_words(record.locked_until, now), 0.0, record.locked_until)
        record.failures = failures_now(record.failures, record.last_failed_at, now)
        record.last_failed_at = now
        if record.failures >= LOCK_AFTER:
            record.locked_until = now + LOCK_FOR
        await self._record_refusal(stranger, tried, "no such account", record.failures)
        return await self._answer_failure(record.failures, record.locked_until, now)

    async def _answer_failure(
        self, failures: int, locked_until: datetime | None, now: datetime
    ) -> Actor:
        delay = delay_after(failures)
        await self._sleep(delay)
        if locked_until is not None:
            raise LoginRefused(locked_words(locked_until, now), delay, locked_until)
        raise LoginRefused(WRONG_WORDS, delay)
