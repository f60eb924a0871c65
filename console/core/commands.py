"""Commands the central system sends to chargers, as version-neutral values.

The protocol layer turns each into the message of the charger's OCPP version; the
services and the UI only ever see these classes and a ``CommandOutcome``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
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


@dataclass(frozen=True, slots=True)
class CertificateHash:
    """Identifies an installed certificate (CertificateHashDataType of the 1.6 security
    extension): hashes of its issuer's name and key, and its serial number (hex)."""

    hash_algorithm: str  # SHA256, SHA384 or SHA512
    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str


@dataclass(frozen=True, slots=True)
class InstallCertificate:
    """Install a root certificate (CentralSystemRootCertificate or
    ManufacturerRootCertificate) on the charger; ``certificate`` is PEM."""

    certificate_type: str
    certificate: str


@dataclass(frozen=True, slots=True)
class GetInstalledCertificateIds:
    """List the root certificates of one type the charger holds."""

    certificate_type: str


@dataclass(frozen=True, slots=True)
class DeleteCertificate:
    """Remove an installed root certificate."""

    certificate: CertificateHash


@dataclass(frozen=True, slots=True)
class ExtendedTriggerMessage:
    """Ask the charger to send a message now (security extension: also
    SignChargePointCertificate, LogStatusNotification, SignedFirmwareStatusNotification)."""

    message: str
    connector_id: int | None = None


@dataclass(frozen=True, slots=True)
class CertificateSigned:
    """Hand the charger its certificate signed by the site CA (PEM chain, leaf first)."""

    certificate_chain: str


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
    | InstallCertificate
    | GetInstalledCertificateIds
    | DeleteCertificate
    | ExtendedTriggerMessage
    | CertificateSigned
)


# The OCPP action each command is sent as: outcomes carry it, so the words shown for an
# answer can be those of the command ("Unlocked" means success only for UnlockConnector).
_ACTIONS: dict[type, str] = {
    RemoteStart: "RemoteStartTransaction",
    RemoteStop: "RemoteStopTransaction",
    Reset: "Reset",
    UnlockConnector: "UnlockConnector",
    ChangeAvailability: "ChangeAvailability",
    GetConfiguration: "GetConfiguration",
    ChangeConfiguration: "ChangeConfiguration",
    ClearCache: "ClearCache",
    TriggerMessage: "TriggerMessage",
    DataTransfer: "DataTransfer",
    GetDiagnostics: "GetDiagnostics",
    UpdateFirmware: "UpdateFirmware",
    GetLocalListVersion: "GetLocalListVersion",
    SendLocalList: "SendLocalList",
    ReserveNow: "ReserveNow",
    CancelReservation: "CancelReservation",
    SetChargingProfile: "SetChargingProfile",
    ClearChargingProfile: "ClearChargingProfile",
    GetCompositeSchedule: "GetCompositeSchedule",
    InstallCertificate: "InstallCertificate",
    GetInstalledCertificateIds: "GetInstalledCertificateIds",
    DeleteCertificate: "DeleteCertificate",
    ExtendedTriggerMessage: "ExtendedTriggerMessage",
    CertificateSigned: "CertificateSigned",
}


def action_name(command: Command) -> str:
    """The OCPP 1.6 action name a command is sent as (e.g. "RemoteStartTransaction")."""
    return _ACTIONS[type(command)]


class OutcomeEffect(StrEnum):
    """What a charger's answer means for the person who asked, whatever its wording."""

    DONE = "done"  # the charger did it (or promised to, where the answer is a promise)
    LATER = "later"  # accepted, but it takes effect later (Scheduled, RebootRequired)
    REFUSED = "refused"  # the charger answered that it will not (Rejected, UnlockFailed…)
    NOT_SUPPORTED = "not_supported"  # the charger cannot do this at all
    NO_ANSWER = "no_answer"  # offline, or no answer in time: nothing is known
    ERROR = "error"  # the charger answered with an error, or the request was invalid


# Statuses chargers answer, by their meaning. A status not listed is a refusal: it is
# safer to say "not done" for a word we do not know than to claim success.
_DONE_STATUSES = frozenset({"Accepted", "Unlocked"})
_LATER_STATUSES = frozenset({"Scheduled", "RebootRequired"})
_UNSUPPORTED_STATUSES = frozenset({"NotSupported", "NotImplemented"})


def status_effect(status: str | None) -> OutcomeEffect:
    """The meaning of a status a charger answered (None: an answer without a status)."""
    if status is None or status in _DONE_STATUSES:
        return OutcomeEffect.DONE
    if status in _LATER_STATUSES:
        return OutcomeEffect.LATER
    if status in _UNSUPPORTED_STATUSES:
        return OutcomeEffect.NOT_SUPPORTED
    return OutcomeEffect.REFUSED


class FollowUpKind(StrEnum):
    """What happened after a charger accepted a promise (a remote start or stop)."""

    STARTED = "started"  # the StartTransaction came and the card was accepted
    CARD_REFUSED = "card_refused"  # the card was refused (Authorize or StartTransaction)
    NOT_STARTED = "not_started"  # no session started within the time waited
    STOPPED = "stopped"  # the StopTransaction came
    NOT_STOPPED = "not_stopped"  # no StopTransaction within the time waited
