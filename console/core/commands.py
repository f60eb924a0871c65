"""Commands the central system sends to chargers, as version-neutral values.

The protocol layer turns each into the message of the charger's OCPP version; the
services and the UI only ever see these classes and a ``CommandOutcome``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class RemoteStart:
    """Ask the charger to start a session for a card (RemoteStartTransaction)."""

    id_tag: str
    connector_id: int | None = None
    charging_profile: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class RemoteStop:
    """Ask the charger to stop a running session (RemoteStopTransaction)."""

    transaction_id: int


@dataclass(frozen=True, slots=True)
class Reset:
    """Reboot the charger; ``hard`` cuts power, soft ends sessions first."""

    hard: bool = False


@dataclass(frozen=True, slots=True)
class UnlockConnector:
    """Release the cable of a connector."""

    connector_id: int


@dataclass(frozen=True, slots=True)
class ChangeAvailability:
    """Make a connector (0: the whole charger) operative or inoperative."""

    connector_id: int
    available: bool


@dataclass(frozen=True, slots=True)
class GetConfiguration:
    """Read configuration keys (all of them when ``keys`` is empty)."""

    keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeConfiguration:
    """Set one configuration key."""

    key: str
    value: str


@dataclass(frozen=True, slots=True)
class ClearCache:
    """Empty the charger's authorization cache."""


@dataclass(frozen=True, slots=True)
class TriggerMessage:
    """Ask the charger to send a message now (BootNotification, StatusNotification…)."""

    message: str
    connector_id: int | None = None


@dataclass(frozen=True, slots=True)
class DataTransfer:
    """Vendor-specific message."""

    vendor_id: str
    message_id: str | None = None
    data: str | None = None


@dataclass(frozen=True, slots=True)
class GetDiagnostics:
    """Ask the charger to upload its diagnostics to ``location``."""

    location: str
    retries: int | None = None
    retry_interval: int | None = None
    start_time: datetime | None = None
    stop_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class UpdateFirmware:
    """Ask the charger to download and install firmware from ``location``."""

    location: str
    retrieve_date: datetime
    retries: int | None = None
    retry_interval: int | None = None


@dataclass(frozen=True, slots=True)
class GetLocalListVersion:
    """Read the version of the charger's local authorization list."""


@dataclass(frozen=True, slots=True)
class LocalListEntry:
    """One card in a local list; ``status`` None removes it in a differential update."""

    id_tag: str
    status: str | None = None
    expiry_date: datetime | None = None
    parent_id_tag: str | None = None


@dataclass(frozen=True, slots=True)
class SendLocalList:
    """Replace (full) or patch (differential) the charger's local authorization list."""

    version: int
    full: bool
    entries: tuple[LocalListEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class ReserveNow:
    """Reserve a connector for a card until ``expiry_date``."""

    connector_id: int
    expiry_date: datetime
    id_tag: str
    reservation_id: int
    parent_id_tag: str | None = None


@dataclass(frozen=True, slots=True)
class CancelReservation:
    """Cancel a reservation."""

    reservation_id: int


@dataclass(frozen=True, slots=True)
class SetChargingProfile:
    """Install a charging profile (an OCPP csChargingProfiles structure) on a connector."""

    connector_id: int
    profile: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ClearChargingProfile:
    """Remove charging profiles matching the given criteria (all when none given)."""

    profile_id: int | None = None
    connector_id: int | None = None
    purpose: str | None = None
    stack_level: int | None = None


@dataclass(frozen=True, slots=True)
class GetCompositeSchedule:
    """Ask for the schedule a connector will follow for ``duration`` seconds."""

    connector_id: int
    duration: int
    rate_unit: str | None = None


Command = (
    RemoteStart
    | RemoteStop
    | Reset
    | UnlockConnector
    | ChangeAvailability
    | GetConfiguration
    | ChangeConfiguration
    | ClearCache
    | TriggerMessage
    | DataTransfer
    | GetDiagnostics
    | UpdateFirmware
    | GetLocalListVersion
    | SendLocalList
    | ReserveNow
    | CancelReservation
    | SetChargingProfile
    | ClearChargingProfile
    | GetCompositeSchedule
)
