"""Who is calling: short-lived login tokens, long-lived API tokens, and login throttling.

A staff login gives a token (``cds_…``) kept only in the engine's memory: it ends after
``idle`` without use, after ``lifetime`` at the latest, when the person logs out, when
the engine stops, and when an admin changes or disables the account. Scripts use named
API tokens (``cdk_…``) that an admin makes and revokes (services/api_tokens.py). Both
are sent as ``Authorization: Bearer <token>``; only their SHA-256 is held.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from console.core.events import Event, StaffChanged
from console.core.staff import Actor, Origin

SESSION_PREFIX = "cds_"
API_TOKEN_PREFIX = "cdk_"
MAX_SESSIONS = 2000  # logged-in API sessions kept at once; the oldest go first


def token_digest(secret: str) -> str:
    """The SHA-256 of a token, the only form in which tokens are kept."""
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True, slots=True)
class ApiSession:
    """A staff login through the API."""

    actor: Actor
    expires_at: datetime
    idle_until: datetime


class ApiSessions:
    """The login tokens handed out by ``POST /api/login``, in memory."""

    def __init__(
        self,
        lifetime: timedelta = timedelta(hours=12),
        idle: timedelta = timedelta(hours=1),
    ) -> None:
        self.lifetime = lifetime
        self.idle = idle
        self._sessions: OrderedDict[str, ApiSession] = OrderedDict()

    def open(self, actor: Actor, now: datetime | None = None) -> tuple[str, ApiSession]:
        """A new token for ``actor`` (returned once) and its session."""
        now = now or datetime.now(UTC)
        secret = SESSION_PREFIX + secrets.token_urlsafe(32)
        session = ApiSession(actor, now + self.lifetime, min(now + self.idle, now + self.lifetime))
        self._sessions[token_digest(secret)] = session
        while len(self._sessions) > MAX_SESSIONS:
            self._sessions.popitem(last=False)
        return secret, session

    def resolve(self, secret: str, now: datetime | None = None) -> ApiSession | None:
        """The live session of ``secret`` (its idle time restarts), or None."""
        now = now or datetime.now(UTC)
        digest = token_digest(secret)
        session = self._sessions.get(digest)
        if session is None:
            return None
        if now >= session.expires_at or now >= session.idle_until:
            del self._sessions[digest]
            return None
        session = replace(session, idle_until=min(now + self.idle, session.expires_at))
        self._sessions[digest] = session
        return session

    def close(self, secret: str) -> bool:
        """Log out: the token stops working now. False when it was not a live token."""
        return self._sessions.pop(token_digest(secret), None) is not None

    def close_staff(self, staff_id: int) -> int:
        """End every session of one staff account (its roles or state changed)."""
        gone = [key for key, s in self._sessions.items() if s.actor.staff_id == staff_id]
        for key in gone:
            del self._sessions[key]
        return len(gone)

    def on_event(self, event: Event) -> None:
        """Bus subscriber: a changed account logs in again with what it now may do."""
        if isinstance(event, StaffChanged) and not event.action.startswith("staff.login"):
            self.close_staff(event.staff_id)

    def __len__(self) -> int:
        return len(self._sessions)


class LoginThrottle:
    """At most ``per_address`` login attempts a minute from one address, ``total`` from all.

    The staff login itself slows down and locks accounts (services/staff_login.py); this
    keeps one address from spraying many usernames and keeps argon2 work bounded.
    """

    def __init__(self, per_address: int = 10, total: int = 60, window: float = 60.0) -> None:
        self.per_address = per_address
        self.total = total
        self.window = window
        self._by_address: OrderedDict[str, deque[float]] = OrderedDict()
        self._all: deque[float] = deque()

    def admit(self, address: str, now: float | None = None) -> float:
        """0 when an attempt may go ahead now (and counts it); else seconds to wait."""
        now = time.monotonic() if now is None else now
        wait = self.blocked(address, now)
        if not wait:
            self.note(address, now)
        return wait

    def blocked(self, address: str, now: float | None = None) -> float:
        """Seconds ``address`` must wait before its next attempt (0: it may go ahead)."""
        now = time.monotonic() if now is None else now
        recent = self._by_address.setdefault(address, deque())
        self._by_address.move_to_end(address)
        while len(self._by_address) > 10_000:
            self._by_address.popitem(last=False)
        for times in (recent, self._all):
            while times and times[0] <= now - self.window:
                times.popleft()
        for times, limit in ((recent, self.per_address), (self._all, self.total)):
            if len(times) >= limit:
                return max(1.0, math.ceil(times[0] + self.window - now))
        return 0.0

    def note(self, address: str, now: float | None = None) -> None:
        """Count an attempt of ``address`` (a failed one, where only failures count)."""
        now = time.monotonic() if now is None else now
        self._by_address.setdefault(address, deque()).append(now)
        self._all.append(now)


def api_actor(actor: Actor, address: str) -> Actor:
    """``actor`` as the API knows it: origin API, place the client's address."""
    return Actor(actor.name, actor.roles, Origin.API, actor.staff_id, address)
