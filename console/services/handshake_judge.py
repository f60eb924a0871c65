"""Judging a charger's handshake: its id, the admission mode, its security profile, its
password or client certificate, and the locks.

A charger required at security profile 2 or 3 is refused on ws://, at 3 without a client
certificate: never a silent downgrade. A client certificate must name the URL's charger.
While a charger moves up (``expect_upgrade``) it is let in on its old profile and its
old password as well as on the new ones.

Every refusal gets the same HTTP status (ports.REFUSED_HTTP_STATUS) and the server the
same body, so a stranger learns nothing about which ids exist; the true reason goes to
the refusal record. See services/lockouts.py for the limits on guessing.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import Connection

from console.core.charger_ids import charger_key
from console.core.clock import utcnow
from console.core.enums import AdmissionMode, Approval, RefusalReason
from console.core.events import ChargerLockedOut, EventBus
from console.core.model import ChargerRecord
from console.protocol.handshake import peer_host
from console.protocol.ports import REFUSED_HTTP_STATUS, HandshakeVerdict
from console.protocol.tls import TlsFacts
from console.services.lockouts import GuessPolicy, lock_keys
from console.services.passwords import verify_password
from console.storage import chargers as charger_repo
from console.storage import lockouts as lockout_repo
from console.storage.writer import StorageWriter


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the database says about a handshake's charger, read in one transaction."""

    record: ChargerRecord | None
    stored_hash: str | None
    locks: dict[str, lockout_repo.Lockout]
    refusal: RefusalReason | None  # set when an unknown charger may not wait for approval


@dataclass(frozen=True, slots=True)
class PendingUpgrade:
    """A charger moving up to ``profile``; ``password_hash`` is its new password's."""

    profile: int
    password_hash: str | None


def _refuse(reason: RefusalReason) -> HandshakeVerdict:
    return HandshakeVerdict.refuse(reason, REFUSED_HTTP_STATUS)


def offered_profile(tls: TlsFacts | None, password_checked: bool) -> int:
    """The security profile a handshake satisfies: 3 with a client certificate, 2 over
    TLS with a password, 1 over ws:// with a password, else 0."""
    if tls is not None and tls.has_certificate:
        return 3
    if password_checked:
        return 2 if tls is not None else 1
    return 0


def profile_refusal(required: int, tls: TlsFacts | None) -> RefusalReason | None:
    """Why a handshake falls short of the charger's required profile (None: it does not)."""
    if tls is None and required >= 2:
        return RefusalReason.NEEDS_TLS_3 if required >= 3 else RefusalReason.NEEDS_TLS_2
    if required >= 3 and (tls is None or not tls.has_certificate):
        return RefusalReason.NO_CLIENT_CERTIFICATE
    return None


class HandshakeJudge:
    """Decides handshakes for the AdmissionService; owns the password checks and locks."""

    def __init__(
        self,
        writer: StorageWriter,
        bus: EventBus,
        mode: Callable[[], AdmissionMode],
        policy: GuessPolicy,
    ) -> None:
        self._writer = writer
        self._bus = bus
        self._mode = mode
        self.policy = policy
        # (id key, sha256 of password) -> stored hash it was verified against: a
        # reconnecting charger does not pay for scrypt again.
        self._verified: dict[tuple[str, str], str] = {}
        self._id_locks: dict[str, tuple[asyncio.Lock, int]] = {}
        self._verifications = asyncio.Semaphore(policy.max_verifications)
        self.upgrades: dict[str, PendingUpgrade] = {}  # by id key
        # The profile each charger's last accepted handshake satisfied, by id key.
        self.profiles: dict[str, int] = {}

    def forget(self, charger_id: str) -> None:
        """Drop remembered verifications of a charger (its password changed)."""
        key = charger_key(charger_id)
        self._verified = {k: v for k, v in self._verified.items() if k[0] != key}

    async def judge(
        self,
        charger_id: str,
        username: str | None,
        password: str | None,
        peer: str | None,
        tls: TlsFacts | None = None,
    ) -> HandshakeVerdict:
        """The verdict on a handshake whose id already follows the id rules; ``tls`` is
        None for ws://."""
        host = peer_host(peer)
        delay = 0.0
        named = None if tls is None or not tls.has_certificate else tls.common_name or ""
        if named is not None and charger_key(named) != charger_key(charger_id):
            # A site-CA certificate of another charger: someone taking its place.
            return _refuse(RefusalReason.CERTIFICATE_MISMATCH)
        async with self._one_at_a_time(charger_key(charger_id)):
            facts = await self._writer.submit(lambda c: self._read(c, charger_id, host))
            verdict, failures = await self._decide(facts, charger_id, username, password, host, tls)
        if failures:
            delay = self.policy.delay(failures)
        elif verdict.reason is RefusalReason.LOCKED:
            delay = self.policy.max_delay
        if delay > 0:
            # Deliberately slow: each guess costs the guesser time, not us CPU.
            await asyncio.sleep(delay)
        return verdict

    def _read(self, connection: Connection, charger_id: str, host: str | None) -> _Facts:
        record = charger_repo.get_charger(connection, charger_id)
        stored_hash = charger_repo.password_hash(connection, charger_id) if record else None
        locks = lockout_repo.get_lockouts(connection, lock_keys(charger_id, host))
        refusal = None
        if record is None and self._mode() is AdmissionMode.APPROVE:
            # Checked and registered in one transaction, so parallel handshakes of
            # different unknown ids cannot all slip under the limit.
            now = utcnow()
            since = now - self.policy.waiting_recent
            if charger_repo.count_waiting(connection, since) >= self.policy.waiting_per_site:
                refusal = RefusalReason.TOO_MANY_WAITING
            elif host is not None and (
                charger_repo.count_waiting(connection, since, host) >= self.policy.waiting_per_peer
            ):
                refusal = RefusalReason.TOO_MANY_WAITING_FROM_PEER
            else:
                record = charger_repo.add_charger(
                    connection, charger_id, Approval.PENDING, now, registered_from=host
                )
        return _Facts(record, stored_hash, locks, refusal)

    async def _decide(
        self,
        facts: _Facts,
        charger_id: str,
        username: str | None,
        password: str | None,
        host: str | None,
        tls: TlsFacts | None = None,
    ) -> tuple[HandshakeVerdict, int]:
        """The verdict, and the failure count when this was a wrong password (else 0)."""
        record = facts.record
        if facts.refusal is not None:
            return _refuse(facts.refusal), 0
        if record is None:
            if self._mode() is AdmissionMode.CLOSED:
                return _refuse(RefusalReason.UNKNOWN_CHARGER), 0
            return self._accept(charger_id, tls, False), 0
        if record.retired:
            return _refuse(RefusalReason.RETIRED_CHARGER), 0
        if record.approval is Approval.REJECTED:
            return _refuse(RefusalReason.REJECTED_CHARGER), 0
        # Moving up raises the requirement only when it is finished: until then the
        # old profile (the lower one) is what the charger must meet.
        required = record.security_profile
        shortfall = profile_refusal(required, tls)
        if shortfall is not None:
            return _refuse(shortfall), 0
        upgrade = self.upgrades.get(charger_key(record.id))
        hashes = [facts.stored_hash] if facts.stored_hash is not None else []
        if upgrade is not None and upgrade.password_hash is not None:
            hashes.append(upgrade.password_hash)
        if not hashes:
            if required in (1, 2):
                return _refuse(RefusalReason.NO_PASSWORD_SET), 0
            return self._accept(record.id, tls, False), 0
        if username is None or password is None:
            if tls is not None and tls.has_certificate:
                # Profile 3 authenticates by certificate; Basic auth is not sent.
                return self._accept(record.id, tls, False), 0
            return _refuse(RefusalReason.MISSING_PASSWORD), 0
        now = utcnow()
        if any(lock.locked(now) for lock in facts.locks.values()):
            return _refuse(RefusalReason.LOCKED), 0
        if charger_key(username) != charger_key(record.id):
            failures = await self._fail(record.id, host, facts)
            return _refuse(RefusalReason.USERNAME_MISMATCH), failures
        if not await self._any_password_matches(record.id, password, hashes):
            failures = await self._fail(record.id, host, facts)
            return _refuse(RefusalReason.WRONG_PASSWORD), failures
        charger_lock = lockout_repo.charger_lock_key(record.id)
        if charger_lock in facts.locks:
            # The right password wipes the charger's own count (not its address's).
            await self._writer.submit(lambda c: lockout_repo.clear(c, [charger_lock]))
        return self._accept(record.id, tls, True), 0

    def _accept(self, charger_id: str, tls: TlsFacts | None, checked: bool) -> HandshakeVerdict:
        self.profiles[charger_key(charger_id)] = offered_profile(tls, checked)
        return HandshakeVerdict.accept(charger_id)

    async def _any_password_matches(
        self, charger_id: str, password: str, hashes: list[str]
    ) -> bool:
        for stored_hash in hashes:
            if await self._password_matches(charger_id, password, stored_hash):
                return True
        return False

    async def _fail(self, charger_id: str, host: str | None, facts: _Facts) -> int:
        """Count a failure against the charger id and the address; announce a new lock."""
        now = utcnow()
        policy = self.policy
        keys = lock_keys(charger_id, host)
        limits = [policy.charger_limit, policy.peer_limit]

        def store(connection: Connection) -> list[lockout_repo.Lockout]:
            lockout_repo.prune(connection, now, policy.window + policy.lock_for)
            window, lock_for = policy.window, policy.lock_for
            return [
                lockout_repo.add_failure(connection, key, now, window, limit, lock_for)
                for key, limit in zip(keys, limits, strict=False)
            ]

        counted = await self._writer.submit(store)
        for index, lockout in enumerate(counted):
            before = facts.locks.get(lockout.key)
            if lockout.locked(now) and not (before is not None and before.locked(now)):
                assert lockout.locked_until is not None
                self._bus.publish(
                    ChargerLockedOut(
                        charger_id, host, lockout.failures, lockout.locked_until, index == 1, now
                    )
                )
        return max(lockout.failures for lockout in counted)

    async def _password_matches(self, charger_id: str, password: str, stored_hash: str) -> bool:
        key = (charger_key(charger_id), hashlib.sha256(password.encode()).hexdigest())
        if self._verified.get(key) == stored_hash:
            return True
        # scrypt is deliberately slow: off the event loop, and only a few at once so
        # parallel guesses cannot take every core.
        async with self._verifications:
            matches = await asyncio.to_thread(verify_password, password, stored_hash)
        if matches:
            self._verified[key] = stored_hash
        return matches

    @asynccontextmanager
    async def _one_at_a_time(self, key: str) -> AsyncIterator[None]:
        """Handshakes of one charger id are judged one after the other (then the sixth
        of six parallel guesses sees the lock the fifth one set)."""
        lock, users = self._id_locks.get(key) or (asyncio.Lock(), 0)
        self._id_locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._id_locks[key]
            if users <= 1:
                del self._id_locks[key]
            else:
                self._id_locks[key] = (lock, users - 1)
