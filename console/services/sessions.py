"""Sessions the charger never stopped: ended by staff, or after a long Available.

A charger that lost power or was reset may never send StopTransaction; its session
would stay "running" for ever and its card would be refused elsewhere (ConcurrentTx).
Each session ended here gets a flag saying why, an estimated stop (the last energy
reading stored), and stays open to the charger's true StopTransaction if it comes late.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy import Connection

from console.core.clock import utcnow
from console.core.enums import ConnectorStatus, SessionFlag
from console.core.events import (
    ChargerStatusChanged,
    Event,
    EventBus,
    SessionStarted,
    SessionStopped,
)
from console.core.model import Session
from console.core.site import SiteState
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.services.background import cancel_and_wait
from console.storage import sessions as session_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

DEFAULT_AVAILABLE_TIMEOUT = 15 * 60.0  # seconds a connector may say Available mid-session
MAX_CHECK_INTERVAL = 60.0  # seconds between looks for sessions left on Available connectors
MAX_REASON_LENGTH = 500


class SessionError(Exception):
    """A session operation refused: the message says why, in words for staff."""


def publish_ended(site: SiteState, bus: EventBus, ended: Iterable[Session]) -> None:
    """Free the connectors of sessions just ended and publish SessionStopped for each.

    A connector already holding a newer session keeps it.
    """
    for session in ended:
        connector = site.charger(session.charger_id).connector(session.connector_id)
        if connector.transaction_id == session.id:
            connector.transaction_id = None
            connector.id_tag = None
            connector.session_start_wh = None
            connector.power_w = 0.0
        bus.publish(SessionStopped(session))


def _end_by_staff(
    connection: Connection, session_id: int, reason: str, now: datetime, actor: Actor
) -> Session | str:
    """End a running session by hand; a refusal is returned as text, before any write."""
    session = session_repo.get_session(connection, session_id)
    if session is None:
        return f"there is no session {session_id}"
    if not session.running:
        return f"session {session_id} has already ended"
    ended = session_repo.end_session(
        connection,
        session_id,
        flag=SessionFlag.ENDED_BY_STAFF.value,
        received_at=now,
        fallback_at=now,
        note=reason,
    )
    assert ended is not None
    after = {"reason": reason, "charger": ended.charger_id, "connector": ended.connector_id}
    record(connection, actor, "session.end", session_id, {"running": True}, after)
    return ended


class SessionService:
    """Ends sessions by hand, and those whose connector said Available for too long."""

    def __init__(
        self,
        writer: StorageWriter,
        site: SiteState,
        bus: EventBus,
        available_timeout: float = DEFAULT_AVAILABLE_TIMEOUT,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._writer = writer
        self._site = site
        self._bus = bus
        self._clock = clock
        self.available_timeout = available_timeout
        # (charger, connector) -> (session, since when we heard Available); the engine
        # loop is the only writer, so no lock.
        self._available_since: dict[tuple[str, int], tuple[int, datetime]] = {}
        self._watcher: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] | None = None

    async def end_session(self, session_id: int, reason: str, *, actor: Actor) -> Session:
        """Staff end a running session with a reason (one transaction); SessionStopped
        follows. Raises SessionError when there is no such running session or no reason."""
        require(actor, Permission.SESSIONS)
        reason = " ".join(reason.split())
        if not reason:
            raise SessionError("say why the session is ended (a reason is required)")
        if len(reason) > MAX_REASON_LENGTH:
            raise SessionError(f"the reason is longer than {MAX_REASON_LENGTH} characters")
        now = self._clock()
        outcome = await self._writer.submit(
            lambda c: _end_by_staff(c, session_id, reason, now, actor)
        )
        if isinstance(outcome, str):
            raise SessionError(outcome)
        publish_ended(self._site, self._bus, [outcome])
        return outcome

    # --- sessions left on an Available connector ------------------------------------------

    def start(self) -> None:
        """Follow connector statuses and end sessions left on Available connectors."""
        self._unsubscribe = self._bus.subscribe(self._on_event)
        now = self._clock()
        # After a restart the time of the last Available is not known: count from now.
        for charger in self._site.chargers.values():
            for connector in charger.connectors.values():
                if (
                    connector.connector_id > 0
                    and connector.transaction_id is not None
                    and connector.status is ConnectorStatus.AVAILABLE
                ):
                    key = (charger.charger_id, connector.connector_id)
                    self._available_since[key] = (connector.transaction_id, now)
        self._watcher = asyncio.get_running_loop().create_task(self._watch_forever())

    async def close(self) -> None:
        """Stop following statuses."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._watcher is not None:
            await cancel_and_wait(self._watcher)
            self._watcher = None

    async def end_sessions_left_available(self) -> list[Session]:
        """End (flag "ended without a stop") every session whose connector has said
        Available for longer than the timeout; returns the sessions ended."""
        now = self._clock()
        limit = timedelta(seconds=self.available_timeout)
        due = [
            (key, session_id, since)
            for key, (session_id, since) in self._available_since.items()
            if now - since >= limit
        ]
        if not due:
            return []

        def work(connection: Connection) -> list[Session]:
            ended = []
            for _key, session_id, since in due:
                session = session_repo.end_session(
                    connection,
                    session_id,
                    flag=SessionFlag.ENDED_WITHOUT_STOP.value,
                    received_at=now,
                    fallback_at=since,
                )
                if session is not None:
                    ended.append(session)
            return ended

        ended = await self._writer.submit(work)
        for key, session_id, _since in due:
            if self._available_since.get(key, (None,))[0] == session_id:
                del self._available_since[key]
        publish_ended(self._site, self._bus, ended)
        return ended

    def _check_interval(self) -> float:
        return max(0.05, min(MAX_CHECK_INTERVAL, self.available_timeout / 4))

    async def _watch_forever(self) -> None:
        while True:
            await asyncio.sleep(self._check_interval())
            try:
                await self.end_sessions_left_available()
            except Exception:
                log.exception("could not end sessions left on Available connectors")

    def _on_event(self, event: Event) -> None:
        if isinstance(event, ChargerStatusChanged) and event.connector_id > 0:
            key = (event.charger_id, event.connector_id)
            connector = self._site.charger(event.charger_id).connector(event.connector_id)
            running = connector.transaction_id
            if event.status is not ConnectorStatus.AVAILABLE or running is None:
                self._available_since.pop(key, None)
            elif self._available_since.get(key, (None,))[0] != running:
                # Our clock, not the charger's: its time may be queued or wrong.
                self._available_since[key] = (running, self._clock())
        elif isinstance(event, SessionStarted | SessionStopped):
            key = (event.session.charger_id, event.session.connector_id)
            self._available_since.pop(key, None)
