"""Alarms: faulted connectors, chargers gone offline, repeated reboots, security events.

The service listens to the event bus on the engine loop. Events are handled one at a
time by a single worker, in the order they were published, so a Faulted followed at
once by Available raises and then clears, never the other way round. The service is the
only writer of alarms, so it keeps the open ones in memory and asks the database only to
store what changes.

Fault and offline alarms are conditions: they are cleared when the connector leaves
Faulted or the charger is back. Reboot and security alarms are moments: nothing ends
them, so they count as cleared once a person acknowledged them.

A reboot is the first BootNotification of a new connection (``BootInfo.reboot``) of a
charger staff accepted: a Pending charger repeating its boot (on one connection or on
new ones) and a boot ChargeDesk asked for with TriggerMessage are no reboots. Every
alarm is stored with a sentence that names its charger and gives times in the site's
zone (console/services/alarm_words.py).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from console.core.alarms import Alarm, AlarmKind, RebootCounter, security_event_is_alarm
from console.core.clock import utcnow
from console.core.enums import ConnectorStatus
from console.core.events import (
    AlarmChanged,
    AlarmRaised,
    ChargerBooted,
    ChargerConnected,
    ChargerDisconnected,
    ChargerLockedOut,
    ChargerNotice,
    ChargerStatusChanged,
    Event,
    EventBus,
)
from console.core.staff import Actor, Permission, require
from console.services import alarm_words as words
from console.services.audited import record
from console.services.background import cancel_and_wait
from console.services.site_zone import configured_zone
from console.storage import alarms as alarm_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

DEFAULT_OFFLINE_GRACE = 60.0  # seconds a charger may be away before it counts as offline
DEFAULT_REBOOT_LIMIT = 3
DEFAULT_REBOOT_WINDOW = timedelta(minutes=30)
SECURITY_ALARMS_PER_HOUR = 10  # per charger; further events are only listed
EXPECTED_RESTART = timedelta(minutes=10)  # how long a restart staff asked for may take
MOMENTARY = (AlarmKind.REBOOTS, AlarmKind.SECURITY, AlarmKind.LOCKED_OUT)

OpenKey = tuple[str, int | None, AlarmKind]


class AlarmService:
    """Raises, clears and acknowledges alarms; publishes AlarmRaised and AlarmChanged."""

    def __init__(
        self,
        writer: StorageWriter,
        bus: EventBus,
        *,
        offline_grace: float = DEFAULT_OFFLINE_GRACE,
        reboot_limit: int = DEFAULT_REBOOT_LIMIT,
        reboot_window: timedelta = DEFAULT_REBOOT_WINDOW,
    ) -> None:
        self._writer = writer
        self._bus = bus
        self.offline_grace = offline_grace
        self._reboots = RebootCounter(reboot_limit, reboot_window)
        self._open: dict[OpenKey, Alarm] = {}
        self._queue: asyncio.Queue[Event | tuple[str, datetime]] = asyncio.Queue()
        self._away: dict[str, asyncio.TimerHandle] = {}
        # Restarts staff asked for (Reset, firmware, a new security profile), by charger:
        # until when the next boot is theirs, not a reboot worth an alarm.
        self._expected: dict[str, datetime] = {}
        # When each charger's latest security alarms were raised (monotonic seconds).
        self._security_raised: dict[str, deque[float]] = {}
        self._worker: asyncio.Task[None] | None = None
        self._unsubscribe: Any = None

    def _security_alarm_due(self, charger_id: str) -> bool:
        """At most SECURITY_ALARMS_PER_HOUR security alarms per charger: a charger
        repeating its events (or lying about them) must not bury the desk in alarms or
        grow the alarm table; every event stays in its security event list."""
        now = time.monotonic()
        recent = self._security_raised.setdefault(charger_id, deque())
        while recent and now - recent[0] > 3600:
            recent.popleft()
        if len(recent) >= SECURITY_ALARMS_PER_HOUR:
            return False
        recent.append(now)
        return True

    def expect_restart(self, charger_id: str, within: timedelta = EXPECTED_RESTART) -> None:
        """The charger was asked to restart (Reset, firmware, a security profile): its next
        boot within ``within`` does not count towards the repeated-reboots alarm."""
        self._expected[charger_id] = utcnow() + within

    async def start(self) -> None:
        """Load the open alarms and start listening to the bus."""
        stored = await self._writer.submit(
            lambda c: alarm_repo.list_alarms(c, open_only=True, limit=None)
        )
        for alarm in reversed(stored):  # oldest first: the newest of a key wins
            if alarm.kind not in MOMENTARY:
                self._open[(alarm.charger_id, alarm.connector_id, alarm.kind)] = alarm
        self._worker = asyncio.get_running_loop().create_task(self._work())
        self._unsubscribe = self._bus.subscribe(self._on_event)

    async def close(self) -> None:
        """Stop listening and finish."""
        if callable(self._unsubscribe):
            self._unsubscribe()
        for handle in self._away.values():
            handle.cancel()
        self._away.clear()
        if self._worker is not None:
            await cancel_and_wait(self._worker)
            self._worker = None

    def open_alarms(self) -> list[Alarm]:
        """The alarms whose condition still holds (fault and offline), newest first."""
        return sorted(self._open.values(), key=lambda a: a.raised_at, reverse=True)

    # ------------------------------------------------------------------ the bus

    def _on_event(self, event: Event) -> None:
        if isinstance(event, ChargerDisconnected):
            self._start_grace(event.charger_id, event.at)
        elif isinstance(event, ChargerConnected):
            handle = self._away.pop(event.charger_id, None)
            if handle is not None:
                handle.cancel()
            self._queue.put_nowait(event)
        elif isinstance(event, ChargerBooted):
            # A retry on the same connection or a triggered boot is no reboot, and a charger
            # staff have not accepted is only asking to be let in, however it reconnects.
            if event.boot.reboot and event.accepted:
                self._queue.put_nowait(event)
        elif isinstance(event, ChargerStatusChanged | ChargerLockedOut) or (
            isinstance(event, ChargerNotice)
            and event.kind == "security"
            # Events the security extension calls not critical stay in the event list.
            and security_event_is_alarm(words.security_details(event.text).get("type"))
        ):
            self._queue.put_nowait(event)

    def _start_grace(self, charger_id: str, at: datetime) -> None:
        previous = self._away.pop(charger_id, None)
        if previous is not None:
            previous.cancel()
        loop = asyncio.get_running_loop()

        def expired() -> None:
            self._away.pop(charger_id, None)
            self._queue.put_nowait((charger_id, at))

        self._away[charger_id] = loop.call_later(self.offline_grace, expired)

    async def _work(self) -> None:
        while True:
            item = await self._queue.get()
            try:
                await self._handle(item)
            except Exception:
                log.exception("could not handle %r for alarms", item)

    async def _handle(self, item: Event | tuple[str, datetime]) -> None:
        if isinstance(item, tuple):
            charger_id, since = item
            await self._raise(charger_id, None, AlarmKind.OFFLINE, {"since": since.isoformat()})
        elif isinstance(item, ChargerConnected):
            await self._clear(item.charger_id, None, AlarmKind.OFFLINE)
        elif isinstance(item, ChargerStatusChanged):
            await self._on_status(item)
        elif isinstance(item, ChargerBooted):
            expected = self._expected.pop(item.charger_id, None)
            if expected is not None and item.at <= expected:
                return  # the restart staff asked for
            count = self._reboots.boot(item.charger_id, item.at)
            if count is not None:
                minutes = self._reboots.window.total_seconds() / 60
                await self._raise(
                    item.charger_id,
                    None,
                    AlarmKind.REBOOTS,
                    {"boots": count, "window_minutes": minutes, "last_at": item.at.isoformat()},
                )
        elif isinstance(item, ChargerLockedOut):
            await self._raise(
                item.charger_id,
                None,
                AlarmKind.LOCKED_OUT,
                {
                    "peer": item.peer,
                    "failures": item.failures,
                    "locked_until": item.locked_until.isoformat(),
                    "by_address": item.by_address,
                },
            )
        elif isinstance(item, ChargerNotice) and self._security_alarm_due(item.charger_id):
            details = {"text": item.text, **words.security_details(item.text)}
            await self._raise(item.charger_id, None, AlarmKind.SECURITY, details)

    async def _on_status(self, event: ChargerStatusChanged) -> None:
        if event.status is ConnectorStatus.FAULTED:
            if (event.charger_id, event.connector_id, AlarmKind.FAULTED) in self._open:
                return  # a repeated Faulted while the alarm is open: nothing new
            details = {
                "error_code": event.error_code,
                "vendor_error_code": event.vendor_error_code,
                "info": event.info,
            }
            await self._raise(event.charger_id, event.connector_id, AlarmKind.FAULTED, details)
        else:
            await self._clear(event.charger_id, event.connector_id, AlarmKind.FAULTED)

    async def _raise(
        self,
        charger_id: str,
        connector_id: int | None,
        kind: AlarmKind,
        details: dict[str, Any],
        message: str | None = None,
    ) -> None:
        """Store and publish an alarm; its sentence is written from ``details`` where
        alarm_words knows the kind, else it is ``message`` (the disk space alarm's)."""
        key = (charger_id, connector_id, kind)
        if kind not in MOMENTARY and key in self._open:
            return
        now = utcnow()

        def store(connection: Connection) -> Alarm:
            # The zone is read in the same transaction: times in the sentence are site time
            # (this computer's zone where the site never set one, as the console shows).
            zone = configured_zone(connection)
            text = words.compose(kind, charger_id, connector_id, details, zone, message or "")
            return alarm_repo.raise_alarm(
                connection, charger_id, connector_id, kind, text, details, now
            )

        alarm = await self._writer.submit(store)
        if kind not in MOMENTARY:
            self._open[key] = alarm
        self._bus.publish(AlarmRaised(alarm))

    async def _clear(self, charger_id: str, connector_id: int | None, kind: AlarmKind) -> None:
        alarm = self._open.pop((charger_id, connector_id, kind), None)
        if alarm is None:
            return
        now = utcnow()
        cleared = await self._writer.submit(lambda c: alarm_repo.clear_alarm(c, alarm.id, now))
        if cleared is not None:
            self._bus.publish(AlarmChanged(cleared))

    # ------------------------------------------------------------------ conditions

    async def raise_condition(
        self, charger_id: str, kind: AlarmKind, message: str, details: dict[str, Any]
    ) -> None:
        """Raise an alarm another service watches (disk space); nothing if it is open."""
        await self._raise(charger_id, None, kind, details, message)

    async def clear_condition(self, charger_id: str, kind: AlarmKind) -> None:
        """Clear an alarm raised with ``raise_condition`` once its condition ended."""
        await self._clear(charger_id, None, kind)

    # ------------------------------------------------------------------ staff

    async def acknowledge(self, alarm_id: int, *, actor: Actor) -> Alarm | None:
        """Record that ``actor`` has seen the alarm; None when there is no such alarm."""
        require(actor, Permission.ALARMS)
        now = utcnow()

        def store(connection: Connection) -> Alarm | None:
            alarm = alarm_repo.acknowledge(connection, alarm_id, actor.name, now)
            if alarm is not None and alarm.kind in MOMENTARY:
                alarm = alarm_repo.clear_alarm(connection, alarm_id, now)
            if alarm is not None:
                record(connection, actor, "alarm.acknowledge", alarm.id, None, _facts(alarm))
            return alarm

        alarm = await self._writer.submit(store)
        if alarm is not None:
            self._remember(alarm)
            self._bus.publish(AlarmChanged(alarm))
        return alarm

    async def acknowledge_all(self, *, actor: Actor) -> list[Alarm]:
        """Acknowledge every alarm nobody has acknowledged yet; returns them."""
        require(actor, Permission.ALARMS)
        now = utcnow()

        def store(connection: Connection) -> list[Alarm]:
            changed = alarm_repo.acknowledge_all(connection, actor.name, now)
            result: list[Alarm] = []
            for alarm in changed:
                if alarm.kind in MOMENTARY:
                    alarm = alarm_repo.clear_alarm(connection, alarm.id, now) or alarm
                record(connection, actor, "alarm.acknowledge", alarm.id, None, _facts(alarm))
                result.append(alarm)
            return result

        alarms = await self._writer.submit(store)
        for alarm in alarms:
            self._remember(alarm)
            self._bus.publish(AlarmChanged(alarm))
        return alarms

    def _remember(self, alarm: Alarm) -> None:
        key = (alarm.charger_id, alarm.connector_id, alarm.kind)
        current = self._open.get(key)
        if current is not None and current.id == alarm.id:
            self._open[key] = alarm


def _facts(alarm: Alarm) -> dict[str, object]:
    """What the audit log keeps of an acknowledged alarm."""
    return {
        "charger": alarm.charger_id,
        "connector": alarm.connector_id,
        "kind": alarm.kind.value,
        "message": alarm.message,
    }
