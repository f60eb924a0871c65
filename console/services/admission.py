"""Who may connect: admission modes, Basic auth, approval by staff, connection history."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection

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
from console.protocol.ports import HandshakeVerdict
from console.services.passwords import hash_password, verify_password
from console.storage import chargers as charger_repo
from console.storage import logs as log_repo
from console.storage.writer import StorageWriter

UNAUTHORIZED = 401
FORBIDDEN = 403
NOT_FOUND = 404


class AdmissionService:
    """Implements the protocol's AdmissionPort and the staff's charger registration.

    The database is the source of truth for chargers, so a charger added from the command
    line while the server runs is known at its next handshake.
    """

    def __init__(
        self, writer: StorageWriter, site: SiteState, bus: EventBus, mode: AdmissionMode
    ) -> None:
        self._writer = writer
        self._site = site
        self._bus = bus
        self.mode = mode
        # (charger id, sha256 of password) -> stored hash it was verified against: a
        # reconnecting charger does not pay for scrypt again.
        self._verified: dict[tuple[str, str], str] = {}
        self._seen: dict[str, datetime] = {}
        # Called after staff accepted or rejected a charger, so the engine can act on
        # a connected one at once instead of waiting for its next boot retry.
        self.on_approval_changed: Callable[[str, bool], None] | None = None

    async def check_handshake(
        self, charger_id: str, username: str | None, password: str | None
    ) -> HandshakeVerdict:
        """Judge a handshake: unknown ids by the admission mode, then the password."""

        def read(connection: Connection) -> tuple[ChargerRecord | None, str | None]:
            return (
                charger_repo.get_charger(connection, charger_id),
                charger_repo.password_hash(connection, charger_id),
            )

        record, stored_hash = await self._writer.submit(read)
        if record is None or record.retired:
            if self.mode is AdmissionMode.CLOSED:
                return HandshakeVerdict.refuse(RefusalReason.UNKNOWN_CHARGER, NOT_FOUND)
            return HandshakeVerdict.accept()
        if record.approval is Approval.REJECTED:
            return HandshakeVerdict.refuse(RefusalReason.REJECTED_CHARGER, FORBIDDEN)
        if stored_hash is None:
            return HandshakeVerdict.accept()
        if username is None or password is None:
            return HandshakeVerdict.refuse(RefusalReason.MISSING_PASSWORD, UNAUTHORIZED)
        if username != charger_id:
            return HandshakeVerdict.refuse(RefusalReason.USERNAME_MISMATCH, UNAUTHORIZED)
        if not await self._password_matches(charger_id, password, stored_hash):
            return HandshakeVerdict.refuse(RefusalReason.WRONG_PASSWORD, UNAUTHORIZED)
        return HandshakeVerdict.accept()

    async def _password_matches(self, charger_id: str, password: str, stored_hash: str) -> bool:
        key = (charger_id, hashlib.sha256(password.encode()).hexdigest())
        if self._verified.get(key) == stored_hash:
            return True
        # scrypt is deliberately slow: keep it off the event loop.
        if await asyncio.to_thread(verify_password, password, stored_hash):
            self._verified[key] = stored_hash
            return True
        return False

    async def record_refusal(
        self,
        charger_id: str | None,
        reason: RefusalReason,
        peer: str | None,
        path: str,
        http_status: int,
    ) -> None:
        """Store a refused handshake and tell the console."""
        refusal = RefusedConnection(utcnow(), charger_id, reason, peer, path, http_status)
        await self._writer.submit(lambda c: log_repo.add_refusal(c, refusal))
        self._bus.publish(ConnectionRefused(refusal))

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
        state = self._site.charger(charger_id)
        state.online = False
        self._bus.publish(ChargerDisconnected(charger_id, now, close_code, reason))

    def charger_seen(self, charger_id: str, at: datetime) -> None:
        """Remember when the charger was last heard from; stored in batches by flush_seen."""
        self._seen[charger_id] = at
        self._site.charger(charger_id).last_seen = at

    async def flush_seen(self) -> None:
        """Store the last-seen times gathered since the previous flush."""
        if self._seen:
            seen, self._seen = self._seen, {}
            await self._writer.submit(lambda c: charger_repo.touch_last_seen(c, seen))

    async def add_charger(self, charger_id: str, password: str | None = None) -> ChargerRecord:
        """Register (or re-admit) a charger as accepted, optionally with a password."""
        hashed = await asyncio.to_thread(hash_password, password) if password else None
        now = utcnow()
        record = await self._writer.submit(
            lambda c: charger_repo.add_charger(c, charger_id, Approval.ACCEPTED, now, hashed)
        )
        self._site.charger(charger_id).approval = record.approval
        return record

    async def set_password(self, charger_id: str, password: str | None) -> bool:
        """Set, replace or (None) clear a charger's password; False when the id is unknown."""
        hashed = await asyncio.to_thread(hash_password, password) if password else None
        changed = await self._writer.submit(
            lambda c: charger_repo.set_password_hash(c, charger_id, hashed)
        )
        if changed:
            # Drop verifications against the old hash: the next handshake checks the new one.
            self._verified = {k: v for k, v in self._verified.items() if k[0] != charger_id}
        return changed

    async def set_approval(self, charger_id: str, accepted: bool) -> bool:
        """Accept or reject a waiting charger; False when the id is unknown."""
        approval = Approval.ACCEPTED if accepted else Approval.REJECTED
        changed = await self._writer.submit(
            lambda c: charger_repo.set_approval(c, charger_id, approval)
        )
        if changed:
            self._site.charger(charger_id).approval = approval
            self._bus.publish(ChargerApprovalChanged(charger_id, accepted))
            if self.on_approval_changed is not None:
                self.on_approval_changed(charger_id, accepted)
        return changed

    async def approval_of(self, charger_id: str) -> Approval | None:
        """The stored approval of a charger, or None when it is unknown."""
        record = await self._writer.submit(lambda c: charger_repo.get_charger(c, charger_id))
        return None if record is None else record.approval
