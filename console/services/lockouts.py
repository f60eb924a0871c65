"""Limits on guessing: wrong passwords slow down and lock; unknown chargers wait in bounds.

Chosen limits (all in :class:`GuessPolicy`, adjustable per engine):

- Each wrong password (or Basic-auth user name that is not the charger id) counts
  against the charger id and against the address it came from. The answer to the
  n-th failure within the window is delayed by ``first_delay * 2**(n-1)`` seconds, at
  most ``max_delay`` (0.5, 1, 2, 4 s), so a client guesses at most a few times a minute.
- 5 failures of one charger id within 10 minutes lock that id for 15 minutes; 10 from
  one address lock the address (a site's chargers may share one address behind a
  router, so it gets more room). While locked, every handshake is refused without
  looking at the password: no scrypt work is spent on guesses. A lock raises an alarm.
- Staff unlock at once with :func:`unlock_charger` (console and ``chargedesk chargers
  unlock ID``): it clears the charger id and the addresses it was refused from.
- Password checks run one at a time per charger id and at most ``max_verifications``
  at once overall, so parallel guesses cannot occupy more CPU than that.

Unknown chargers waiting for approval: at most ``waiting_per_site`` heard of within
``waiting_recent``, and ``waiting_per_peer`` of them from one address. Beyond that a new
unknown id is refused (and recorded), so a flood of made-up ids cannot bury the real one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from console.core.charger_ids import charger_key
from console.protocol.handshake import peer_host
from console.storage import lockouts as lockout_repo
from console.storage.tables import RefusedConnectionRow, table_of

_refused = table_of(RefusedConnectionRow)


@dataclass(frozen=True, slots=True)
class GuessPolicy:
    """How password failures slow down and lock, and how many unknown chargers may wait."""

    window: timedelta = timedelta(minutes=10)
    charger_limit: int = 5
    peer_limit: int = 10
    lock_for: timedelta = timedelta(minutes=15)
    first_delay: float = 0.5
    max_delay: float = 4.0
    max_verifications: int = 2
    waiting_per_site: int = 50
    waiting_per_peer: int = 5
    waiting_recent: timedelta = timedelta(days=1)

    def delay(self, failures: int) -> float:
        """Seconds to wait before answering the ``failures``-th failure in the window."""
        if failures <= 0:
            return 0.0
        return float(min(self.max_delay, self.first_delay * 2 ** (failures - 1)))


def lock_keys(charger_id: str, host: str | None) -> list[str]:
    """The lock-out keys a handshake of ``charger_id`` from ``host`` is judged by."""
    keys = [lockout_repo.charger_lock_key(charger_id)]
    if host:
        keys.append(lockout_repo.peer_lock_key(host))
    return keys


def unlock_charger(connection: Connection, charger_id: str) -> bool:
    """Staff's unlock: forget the failures of a charger id and of the addresses it was
    refused from. True when something was locked."""
    key = charger_key(charger_id)
    hosts = {
        peer_host(peer)
        for (peer,) in connection.execute(
            select(_refused.c.peer).where(_refused.c.refusal_key == key).distinct()
        )
    }
    keys = [lockout_repo.charger_lock_key(charger_id)]
    keys += [lockout_repo.peer_lock_key(host) for host in hosts if host]
    return lockout_repo.clear(connection, keys) > 0


def locked_now(connection: Connection, now: datetime) -> list[lockout_repo.Lockout]:
    """The locks that hold now (for the technician), newest first."""
    return lockout_repo.locked_keys(connection, now)
