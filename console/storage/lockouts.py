"""Repository of failed password attempts and lock-outs, per charger id and per address.

Kept in the database, not in the engine's memory, so that staff can unlock from the
command line while the server runs, and a restart does not hand an attacker new guesses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, or_, select

from console.core.charger_ids import charger_key
from console.storage.rows import utc_or_none
from console.storage.tables import LockoutRow, table_of

lockouts = table_of(LockoutRow)


def charger_lock_key(charger_id: str) -> str:
    """The lock-out key of a charger id."""
    return f"charger:{charger_key(charger_id)}"[:80]


def peer_lock_key(host: str) -> str:
    """The lock-out key of an address (host without port)."""
    return f"peer:{host}"[:80]


@dataclass(frozen=True, slots=True)
class Lockout:
    """Failed attempts of one key within the window, and the lock they led to."""

    key: str
    failures: int
    first_failure_at: datetime
    last_failure_at: datetime
    locked_until: datetime | None

    def locked(self, now: datetime) -> bool:
        """True while the lock holds."""
        return self.locked_until is not None and now < self.locked_until


def _lockout(row: LockoutRow) -> Lockout:
    return Lockout(
        row.key,
        row.failures,
        utc_or_none(row.first_failure_at),  # type: ignore[arg-type]
        utc_or_none(row.last_failure_at),  # type: ignore[arg-type]
        utc_or_none(row.locked_until),
    )


def get_lockouts(connection: Connection, keys: list[str]) -> dict[str, Lockout]:
    """The stored failures of these keys (absent keys have none)."""
    rows = connection.execute(select(lockouts).where(lockouts.c.key.in_(keys)))
    return {row.key: _lockout(row) for row in rows}  # type: ignore[arg-type]


def add_failure(
    connection: Connection,
    key: str,
    at: datetime,
    window: timedelta,
    limit: int,
    lock_for: timedelta,
) -> Lockout:
    """Count a failed attempt of ``key``; lock it once ``limit`` failures fell in ``window``.

    Failures older than the window start the count again; a lock that ran out does too.
    """
    current = get_lockouts(connection, [key]).get(key)
    if current is None or at - current.first_failure_at > window or _expired(current, at):
        failures, first = 1, at
    else:
        failures, first = current.failures + 1, current.first_failure_at
    locked_until = at + lock_for if failures >= limit else None
    if current is not None and current.locked(at):
        locked_until = current.locked_until
    values = {
        "failures": failures,
        "first_failure_at": first,
        "last_failure_at": at,
        "locked_until": locked_until,
    }
    if current is None:
        connection.execute(lockouts.insert().values(key=key, **values))
    else:
        connection.execute(lockouts.update().where(lockouts.c.key == key).values(**values))
    return Lockout(key, failures, first, at, locked_until)


def _expired(lockout: Lockout, at: datetime) -> bool:
    return lockout.locked_until is not None and at >= lockout.locked_until


def clear(connection: Connection, keys: list[str]) -> int:
    """Forget the failures and locks of these keys; returns how many were locked."""
    now_locked = connection.execute(
        select(lockouts.c.key).where(lockouts.c.key.in_(keys), lockouts.c.locked_until.is_not(None))
    ).all()
    connection.execute(delete(lockouts).where(lockouts.c.key.in_(keys)))
    return len(now_locked)


def prune(connection: Connection, now: datetime, window: timedelta) -> int:
    """Delete entries whose failures are older than the window and whose lock ran out."""
    old = now - window
    return connection.execute(
        delete(lockouts).where(
            lockouts.c.last_failure_at < old,
            or_(lockouts.c.locked_until.is_(None), lockouts.c.locked_until < now),
        )
    ).rowcount


def locked_keys(connection: Connection, now: datetime) -> list[Lockout]:
    """Every lock that holds now, newest first."""
    rows = connection.execute(
        select(lockouts)
        .where(lockouts.c.locked_until > now)
        .order_by(lockouts.c.last_failure_at.desc())
    )
    return [_lockout(row) for row in rows]  # type: ignore[arg-type]
