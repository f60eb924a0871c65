"""Who may connect: admission modes, Basic auth, approval by staff, connection history."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection

from console.core.charger_ids import (
    charger_id_problem,
    charger_key,
    password_problem,
)
from console.core.clock import utcnow
from console.core.enums import AdmissionMode, Approval, RefusalReason
from console.core.events import (
    ChargerApprovalChanged,
    ChargerAwaitingApproval,
    ChargerConnected,
    ChargerDisconnected,
    ConnectionRefused,
    EventBus,
)
from console.core.model import ChargerRecord, RefusedConnection
from console.core.site import SiteState
from console.core.staff import Actor, Permission, require
from console.protocol.handshake import peer_host
from console.protocol.ports import HandshakeVerdict
from console.protocol.tls import TlsFacts
from console.services.audited import record as audit_record
from console.services.handshake_judge import HandshakeJudge
from console.services.lockouts import GuessPolicy, unlock_charger
from console.services.passwords import hash_password
from console.services.security_profiles import SecurityProfiles
from console.storage import chargers as charger_repo
from console.storage import logs as log_repo
from console.storage.writer import StorageWriter

# Refusals whose charger id says nothing about who is asking are counted per address.
_BY_ADDRESS = (
    RefusalReason.BAD_PATH,
    RefusalReason.INVALID_ID,
    RefusalReason.TLS_FAILURE,
    RefusalReason.TOO_MANY_WAITING,
    RefusalReason.TOO_MANY_WAITING_FROM_PEER,
    RefusalReason.TLS_UNKNOWN_CA,
    RefusalReason.TLS_EXPIRED,
    RefusalReason.TLS_BAD_CERTIFICATE,
    RefusalReason.TLS_NOT_TRUSTED,
    RefusalReason.TLS_HUNG_UP,
    RefusalReason.TLS_VERSION,
    RefusalReason.TLS_NOT_TLS,
    RefusalReason.TLS_TIMEOUT,
    RefusalReason.TLS_TOO_MANY,
    RefusalReason.TLS_HANDSHAKE,
)


class ChargerInputError(ValueError):
    """A charger id or password staff typed that breaks the rules; the message says which."""


def refusal_key(charger_id: str | None, reason: RefusalReason, peer: str | None) -> str:
    """Who a refusal is counted against: the charger's id key, or ``@host``."""
    if charger_id and reason not in _BY_ADDRESS and charger_id_problem(charger_id) is None:
        return charger_key(charger_id)
    return f"@{peer_host(peer) or ''}"


def check_new_charger(charger_id: str, password: str | None) -> None:
    """Raise ChargerInputError when staff's id or new password breaks the OCPP rules."""
    problem = charger_id_problem(charger_id)
    if problem is not None:
        raise ChargerInputError(f"charger id {charger_id[:60]!r}: {problem}")
    check_new_password(password)


def check_new_password(password: str | None) -> None:
    """Raise ChargerInputError when a new password (None: no password) is unusable."""
    if password is not None:
        problem = password_problem(password)
        if problem is not None:
            raise ChargerInputError(problem)


class AdmissionService:
    """Implements the protocol's AdmissionPort and the staff's charger registration.

    The database is the source of truth for chargers, so a charger added from the command
    line while the server runs is known at its next handshake.
    """

    def __init__(
        self,
        writer: StorageWriter,
        site: SiteState,
        bus: EventBus,
        mode: AdmissionMode,
        policy: GuessPolicy | None = None,
    ) -> None:
        self._writer = writer
        self._site = site
        self._bus = bus
        self.mode = mode
        self._judge = HandshakeJudge(writer, bus, lambda: self.mode, policy or GuessPolicy())
        # Required security profiles and moving up: see services/security_profiles.py.
        self.profiles = SecurityProfiles(writer, self._judge)
        self._seen: dict[str, datetime] = {}
        self._retiring: set[str] = set()  # retired while connected: gone when it closes
        # Called after staff accepted or rejected a charger, so the engine can act on
        # a connected one at once instead of waiting for its next boot retry.
        self.on_approval_changed: Callable[[str, bool], None] | None = None

    async def check_handshake(
        self,
        charger_id: str,
        username: str | None,
        password: str | None,
        *,
        peer: str | None = None,
        tls: TlsFacts | None = None,
    ) -> HandshakeVerdict:
        """Judge a handshake: unknown ids by the admission mode and the waiting limits,
        retired and rejected ones refused, then the security profile, the locks and the
        password (or, on profile 3, the client certificate)."""
        return await self._judge.judge(charger_id, username, password, peer, tls)

    async def record_refusal(
        self,
        charger_id: str | None,
        reason: RefusalReason,
        peer: str | None,
        path: str,
        http_status: int,
        *,
        subprotocols: tuple[str, ...] = (),
        username: str | None = None,
    ) -> None:
        """Store a refused handshake (repeats counted in one record) and tell the console."""
        # Cut before anything sees it: an 8,000-character id is a sample, not a record.
        cut = log_repo.cut_text
        refusal = RefusedConnection(
            utcnow(),
            cut(charger_id, log_repo.REFUSAL_ID_CHARS),
            reason,
            cut(peer, log_repo.REFUSAL_TEXT_CHARS),
            cut(path, log_repo.REFUSAL_PATH_CHARS) or "",
            http_status,
            subprotocols=tuple(cut(s, log_repo.REFUSAL_TEXT_CHARS) or "" for s in subprotocols[:8]),
            username=cut(username, log_repo.REFUSAL_TEXT_CHARS),
        )
        key = refusal_key(charger_id, reason, peer)
        count = await self._writer.submit(lambda c: log_repo.add_refusal(c, refusal, key))
        self._bus.publish(ConnectionRefused(replace(refusal, count=count)))

    async def charger_connected(self, charger_id: str, peer: str | None) -> None:
        """Register an unknown charger as the mode says, mark it online, record the event."""
        now = utcnow()
        approval_for_new = (
            Approval.ACCEPTED if self.mode is AdmissionMode.OPEN else Approval.PENDING
        )

        def register(connection: Connection) -> ChargerRecord:
            existing = charger_repo.get_charger(connection, charger_id)
            record = existing or charger_repo.add_charger(
                connection,
                charger_id,
                approval_for_new,
                now,
            )
            charger_repo.add_event(connection, charger_id, "connected", now, {"peer": peer})
            return record

        record = await self._writer.submit(register)
        state = self._site.charger(charger_id)
        state.approval = record.approval
        state.online = True
        self.profiles.connected_now(charger_id)
        state.peer = peer
        state.connected_at = state.last_seen = now
        self._bus.publish(ChargerConnected(charger_id, peer, now))
        if record.approval is Approval.PENDING:
            self._bus.publish(ChargerAwaitingApproval(charger_id, now))

    async def charger_disconnected(
        self, charger_id: str, close_code: int | None, reason: str
    ) -> None:
        """Mark the charger offline and record why."""
        now = utcnow()
        last_seen = self._seen.pop(charger_id, None)

        def record(connection: Connection) -> None:
            charger_repo.add_event(
                connection,
                charger_id,
                "disconnected",
                now,
                {"close_code": close_code, "reason": reason},
            )
            if last_seen is not None:
                charger_repo.touch_last_seen(connection, {charger_id: last_seen})

        await self._writer.submit(record)
        if charger_id in self._retiring:
            # Retired while connected: it leaves the site's live state with its socket.
            self._retiring.discard(charger_id)
            self._site.chargers.pop(charger_id, None)
        else:
            self._site.charger(charger_id).online = False
        self.profiles.disconnected_now(charger_id)
        self._bus.publish(ChargerDisconnected(charger_id, now, close_code, reason))

    def charger_seen(self, charger_id: str, at: datetime) -> None:
        """Remember when the charger was last heard from; stored in batches by flush_seen."""
        self._seen[charger_id] = at
        self._site.charger(charger_id).last_seen = at

    def is_accepted(self, charger_id: str) -> bool:
        """True when the charger is accepted: the gate for every CALL but boot and heartbeat.

        Read from the live site state, which follows staff decisions at once and is loaded
        from the database at connect and at every boot.
        """
        state = self._site.chargers.get(charger_id)
        return state is not None and state.approval is Approval.ACCEPTED

    async def flush_seen(self) -> None:
        """Store the last-seen times gathered since the previous flush."""
        if self._seen:
            seen, self._seen = self._seen, {}
            await self._writer.submit(lambda c: charger_repo.touch_last_seen(c, seen))

    async def add_charger(
        self, charger_id: str, password: str | None = None, *, actor: Actor
    ) -> ChargerRecord:
        """Register (or re-admit) a charger as accepted, optionally with a password.

        Raises ChargerInputError when the id breaks the OCPP rules or the password is not
        16 to 40 characters. An id that differs from a known one only in case is that one.
        """
        require(actor, Permission.APPROVALS)
        check_new_charger(charger_id, password)
        hashed = await asyncio.to_thread(hash_password, password) if password else None
        now = utcnow()

        def store(connection: Connection) -> ChargerRecord:
            added = charger_repo.add_charger(connection, charger_id, Approval.ACCEPTED, now, hashed)
            after = {"approval": added.approval.value, "password": hashed is not None}
            audit_record(connection, actor, "charger.add", added.id, None, after)
            return added

        record = await self._writer.submit(store)
        self._site.charger(record.id).approval = record.approval
        if hashed is not None:
            self._judge.forget(record.id)
        return record

    async def set_password(self, charger_id: str, password: str | None, *, actor: Actor) -> bool:
        """Set, replace or (None) clear a charger's password; False when the id is unknown.

        Raises ChargerInputError when the password is not 16 to 40 printable characters.
        """
        require(actor, Permission.CHARGER_SECURITY)
        check_new_password(password)
        hashed = await asyncio.to_thread(hash_password, password) if password else None

        def store(connection: Connection) -> bool:
            done = charger_repo.set_password_hash(connection, charger_id, hashed)
            if done:  # never the password itself: only that there is one
                after = {"password": hashed is not None}
                audit_record(connection, actor, "charger.password", charger_id, None, after)
            return done

        changed = await self._writer.submit(store)
        if changed:
            # Drop verifications against the old hash: the next handshake checks the new one.
            self._judge.forget(charger_id)
        return changed

    async def unlock(self, charger_id: str, *, actor: Actor) -> bool:
        """Staff lift a password lock-out of a charger (and of the addresses it was refused
        from) before it runs out; True when something was locked."""
        require(actor, Permission.APPROVALS)

        def store(connection: Connection) -> bool:
            unlocked = unlock_charger(connection, charger_id)
            if unlocked:
                audit_record(connection, actor, "charger.unlock", charger_id)
            return unlocked

        return await self._writer.submit(store)

    async def set_approval(self, charger_id: str, accepted: bool, *, actor: Actor) -> bool:
        """Accept or reject a waiting charger; False when the id is unknown."""
        require(actor, Permission.APPROVALS)
        approval = Approval.ACCEPTED if accepted else Approval.REJECTED

        def store(connection: Connection) -> ChargerRecord | None:
            old = charger_repo.get_charger(connection, charger_id)
            if not charger_repo.set_approval(connection, charger_id, approval):
                return None
            before = None if old is None else {"approval": old.approval.value}
            action = "charger.accept" if accepted else "charger.reject"
            audit_record(
                connection, actor, action, charger_id, before, {"approval": approval.value}
            )
            return charger_repo.get_charger(connection, charger_id)

        record = await self._writer.submit(store)
        if record is not None:
            self._site.charger(record.id).approval = approval
            self._bus.publish(ChargerApprovalChanged(record.id, accepted))
            if self.on_approval_changed is not None:
                self.on_approval_changed(record.id, accepted)
        return record is not None

    async def retire(self, charger_id: str, *, actor: Actor) -> bool:
        """Retire a charger that left the site: it is disconnected and refused from now on;
        its row and sessions stay. False when the id is unknown. Registering it again
        (add) brings it back."""
        require(actor, Permission.APPROVALS)

        def store(connection: Connection) -> ChargerRecord | None:
            old = charger_repo.get_charger(connection, charger_id)
            if old is None or not charger_repo.set_retired(connection, old.id):
                return None
            audit_record(
                connection,
                actor,
                "charger.retire",
                old.id,
                {"approval": old.approval.value, "retired": old.retired},
                {"retired": True},
            )
            return old

        record = await self._writer.submit(store)
        if record is None:
            return False
        state = self._site.chargers.pop(record.id, None)
        if state is not None and state.online:
            self._retiring.add(record.id)
        self._bus.publish(ChargerApprovalChanged(record.id, False))
        if self.on_approval_changed is not None:
            self.on_approval_changed(record.id, False)  # closes its connection
        return True

    async def approval_of(self, charger_id: str) -> Approval | None:
        """The stored approval of a charger, or None when it is unknown."""
        record = await self._writer.submit(lambda c: charger_repo.get_charger(c, charger_id))
        return None if record is None else record.approval

    async def set_security_profile(
        self,
        charger_id: str,
        profile: int,
        *,
        actor: Actor,
        action: str = "charger.security_profile",
    ) -> ChargerRecord:
        """Require security ``profile`` (0-3) of a charger from its next connection on;
        see SecurityProfiles.set_profile for the permissions and refusals."""
        return await self.profiles.set_profile(charger_id, profile, actor=actor, action=action)

    def expect_upgrade(self, charger_id: str, profile: int, password_hash: str | None) -> None:
        """While a charger moves up, let it in on its old and its new profile and password."""
        self.profiles.expect_upgrade(charger_id, profile, password_hash)

    def finish_upgrade(self, charger_id: str, succeeded: bool) -> None:
        """End a move up: only the stored profile and password count again (store the new
        ones first when it succeeded)."""
        self.profiles.finish_upgrade(charger_id, succeeded)

    def connection_profile(self, charger_id: str) -> int | None:
        """The security profile the charger's open connection met (None: not connected)."""
        return self.profiles.connection_profile(charger_id)
