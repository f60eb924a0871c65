"""Security events of the OCPP 1.6 security extension: the security log and its notifications.

Every event goes into the charger's security log (uploaded by GetLog SecurityLog).
Which events are also sent as SecurityEventNotification is a setting:
``security_events="off"`` (default: none, so chargers in tests that do not look at
them send nothing new), ``"critical"`` (what the specification asks: the events its
table marks critical) or ``"all"``. ``send_security_event()`` always sends.
Notifications are queued while offline and delivered in order once booted, like
transaction messages, in a queue of their own so that a central system without the
security extension never holds back the billing data.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from typing import Any

from ocpp.exceptions import OCPPError
from ocpp.v16 import call

from console.simulator.base import Link
from console.simulator.clock import utcnow
from console.simulator.sessions import SessionMixin

# The security events of the specification's table; True: critical (always pushed).
SECURITY_EVENTS: dict[str, bool] = {
    "FirmwareUpdated": True,
    "FailedToAuthenticateAtCentralSystem": False,
    "CentralSystemFailedToAuthenticate": False,
    "SettingSystemTime": True,
    "StartupOfTheDevice": True,
    "ResetOrReboot": True,
    "SecurityLogWasCleared": True,
    "ReconfigurationOfSecurityParameters": False,
    "MemoryExhaustion": True,
    "InvalidMessages": False,
    "AttemptedReplayAttacks": False,
    "TamperDetectionActivated": True,
    "InvalidFirmwareSignature": False,
    "InvalidFirmwareSigningCertificate": False,
    "InvalidCentralSystemCertificate": False,
    "InvalidChargePointCertificate": False,
    "InvalidTLSVersion": False,
    "InvalidTLSCipherSuite": False,
}
EVENT_MODES = ("off", "critical", "all")
# Bounded: a charger failing its TLS handshake for hours must not grow without end.
_QUEUE_LIMIT = 100
_LOG_LIMIT = 1000


@dataclass(frozen=True)
class SecurityLogEntry:
    """One line of the security log."""

    timestamp: str
    type: str
    tech_info: str | None


class EventsMixin(SessionMixin):
    """The security log and the queue of SecurityEventNotification messages."""

    def __init__(self, *args: Any, security_events: str = "off", **options: Any) -> None:
        if security_events not in EVENT_MODES:
            raise ValueError(
                f"security_events must be one of {EVENT_MODES}, not {security_events!r}"
            )
        super().__init__(*args, **options)
        self.security_events = security_events
        self.security_log: deque[SecurityLogEntry] = deque(maxlen=_LOG_LIMIT)
        self._security_queue: deque[call.SecurityEventNotification] = deque(maxlen=_QUEUE_LIMIT)

    # ----------------------------------------------------------------- public

    def send_security_event(self, event_type: str, tech_info: str | None = None) -> None:
        """Log ``event_type`` and send it (queued while offline), whatever the setting.

        For tests and the demo; any type is allowed (the specification's list is open).
        """
        self._security_event(event_type, tech_info, push=True)

    @property
    def queued_security_events(self) -> list[call.SecurityEventNotification]:
        """Security event notifications not yet answered, oldest first."""
        return list(self._security_queue)

    def set_clock(self, offset: float) -> None:
        """Set the charger's clock ``offset`` seconds off the real time (SettingSystemTime)."""
        self.clock_offset = offset
        self._security_event("SettingSystemTime", f"clock set, {offset:+g} s off UTC")

    def security_log_text(self) -> bytes:
        """The security log as GetLog SecurityLog uploads it."""
        lines = [f"security log of {self.charger_id}"]
        lines += [
            f"{entry.timestamp} {entry.type}" + (f" {entry.tech_info}" if entry.tech_info else "")
            for entry in self.security_log
        ]
        return ("\n".join(lines) + "\n").encode()

    # ----------------------------------------------------------------- internals

    def _security_event(self, event_type: str, tech_info: str | None, push: bool = False) -> None:
        """Log an event where it happens; push it when the setting (or ``push``) says so."""
        stamp = self._stamp(utcnow())
        info = tech_info[:255] if tech_info else None
        self.security_log.append(SecurityLogEntry(stamp, event_type, info))
        critical = SECURITY_EVENTS.get(event_type, False)
        wanted = push or self.security_events == "all"
        wanted = wanted or (self.security_events == "critical" and critical)
        if wanted:
            self._security_queue.append(
                call.SecurityEventNotification(
                    type=event_type[:50], timestamp=stamp, tech_info=info
                )
            )
        self._notify()

    async def start(self) -> None:
        """Start connecting; a power-up (not a reconnect) is a StartupOfTheDevice."""
        powering_up = self._main is None or self._main.done()
        if powering_up:
            self._security_event("StartupOfTheDevice", "power-up")
        await super().start()

    async def _after_boot(self, link: Link) -> None:
        await super()._after_boot(link)
        task = asyncio.create_task(
            self._deliver_security_events(link), name=f"sim-{self.charger_id}-security"
        )
        link.tasks.add(task)

    async def _deliver_security_events(self, link: Link) -> None:
        attempts = 0
        while not link.closed.is_set():
            if not self._security_queue:
                await self._wait_state(lambda: bool(self._security_queue) or link.closed.is_set())
                continue
            message = self._security_queue[0]
            try:
                await self._call_on(link, message)
            except TimeoutError:
                await self._wait_state(link.closed.is_set, timeout=self.retry_interval)
                continue
            except OCPPError:
                # A central system without the security extension answers NotImplemented:
                # give up on this one after the usual attempts, as for transaction messages.
                attempts += 1
                if attempts < max(1, self.config.integer("TransactionMessageAttempts", 3)):
                    await self._wait_state(link.closed.is_set, timeout=self.retry_interval)
                    continue
            attempts = 0
            if self._security_queue and self._security_queue[0] is message:
                self._security_queue.popleft()
            self._notify()
