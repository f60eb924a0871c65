"""Alarms and technician notes as plain values, and the rules that decide when to raise."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class AlarmKind(StrEnum):
    """What an alarm is about."""

    FAULTED = "faulted"
    OFFLINE = "offline"
    REBOOTS = "reboots"
    SECURITY = "security"
    DISK_LOW = "disk_low"  # the database's disk is (nearly) full: bulk logs are paused
    LOCKED_OUT = "locked_out"  # wrong passwords locked a charger id or an address
    BACKUP_FAILED = "backup_failed"  # the daily backup of the database failed


@dataclass(frozen=True, slots=True)
class Alarm:
    """Something staff must look at; cleared when the condition ends, acknowledged by a person."""

    id: int
    charger_id: str
    connector_id: int | None
    kind: AlarmKind
    message: str
    details: dict[str, Any]
    raised_at: datetime
    cleared_at: datetime | None = None
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None

    @property
    def open(self) -> bool:
        """The condition still holds (it has not been cleared)."""
        return self.cleared_at is None

    @property
    def acknowledged(self) -> bool:
        """A person has seen it."""
        return self.acknowledged_at is not None

    @property
    def needs_attention(self) -> bool:
        """Shown in the banner: not acknowledged yet (cleared or not)."""
        return self.acknowledged_at is None


@dataclass(frozen=True, slots=True)
class TechnicianNote:
    """A technician's note on a charger."""

    id: int
    charger_id: str
    at: datetime
    author: str | None
    text: str


@dataclass(slots=True)
class RebootCounter:
    """Counts reboots per charger in a sliding window.

    Fed only with real reboots (the first BootNotification of a connection): a Pending
    charger's repeated boots and a boot asked for with TriggerMessage are no reboots.
    """

    limit: int = 3
    window: timedelta = timedelta(minutes=30)
    _boots: dict[str, deque[datetime]] = field(default_factory=dict)

    def boot(self, charger_id: str, at: datetime) -> int | None:
        """Note a boot; the number of boots in the window once it reaches ``limit``.

        The window restarts after an alarm, so a charger rebooting in a loop raises one
        alarm per ``limit`` boots, not one per boot.
        """
        boots = self._boots.setdefault(charger_id, deque())
        boots.append(at)
        while boots and boots[0] < at - self.window:
            boots.popleft()
        if len(boots) >= self.limit:
            count = len(boots)
            boots.clear()
            return count
        return None


# The security events the 1.6 security extension marks as not critical (its appendix of
# security events): they are kept in the charger's security event list, never raised as
# alarms. The critical ones (FirmwareUpdated, SettingSystemTime, StartupOfTheDevice,
# ResetOrReboot, SecurityLogWasCleared, MemoryExhaustion, TamperDetectionActivated) and
# any type the extension does not name (a vendor's own) become alarms: an unknown event
# is safer shown than hidden.
NON_CRITICAL_SECURITY_EVENTS = frozenset(
    {
        "FailedToAuthenticateAtCentralSystem",
        "CentralSystemFailedToAuthenticate",
        "ReconfigurationOfSecurityParameters",
        "InvalidMessages",
        "AttemptedReplayAttacks",
        "InvalidFirmwareSignature",
        "InvalidFirmwareSigningCertificate",
        "InvalidCentralSystemCertificate",
        "InvalidChargePointCertificate",
        "InvalidTLSVersion",
        "InvalidTLSCipherSuite",
    }
)


def security_event_severity(event_type: str | None) -> str:
    """The severity of a security event type: critical, or info for the ones listed in
    NON_CRITICAL_SECURITY_EVENTS."""
    return "info" if event_type in NON_CRITICAL_SECURITY_EVENTS else "critical"


def security_event_is_alarm(event_type: str | None) -> bool:
    """True when a SecurityEventNotification of this type is raised as an alarm."""
    return security_event_severity(event_type) == "critical"
