"""Enumerations of the domain, spelled as OCPP spells them where OCPP has a word."""

from __future__ import annotations

from enum import StrEnum


class ConnectorStatus(StrEnum):
    """Status of a connector (or of connector 0, the charger as a whole)."""

    AVAILABLE = "Available"
    PREPARING = "Preparing"
    CHARGING = "Charging"
    SUSPENDED_EV = "SuspendedEV"
    SUSPENDED_EVSE = "SuspendedEVSE"
    FINISHING = "Finishing"
    RESERVED = "Reserved"
    UNAVAILABLE = "Unavailable"
    FAULTED = "Faulted"


class AdmissionMode(StrEnum):
    """How the central system treats a charger id it does not know."""

    APPROVE = "approve"  # may connect, answered Pending until a person accepts it
    OPEN = "open"  # accepted and registered at once
    CLOSED = "closed"  # refused at the handshake


class Approval(StrEnum):
    """Whether a person has accepted a charger onto the site."""

    ACCEPTED = "accepted"
    PENDING = "pending"
    REJECTED = "rejected"


class AuthorizationStatus(StrEnum):
    """The answer to a card presented at a charger (OCPP 1.6 AuthorizationStatus)."""

    ACCEPTED = "Accepted"
    BLOCKED = "Blocked"
    EXPIRED = "Expired"
    INVALID = "Invalid"
    CONCURRENT_TX = "ConcurrentTx"


class CardStatus(StrEnum):
    """What staff set on a card; expiry and concurrency are judged separately."""

    ACTIVE = "active"
    BLOCKED = "blocked"
    RETIRED = "retired"


class Direction(StrEnum):
    """Direction of a frame in the message log, seen from the central system."""

    IN = "in"
    OUT = "out"


class FrameKind(StrEnum):
    """OCPP-J message type of a frame."""

    CALL = "CALL"
    RESULT = "CALLRESULT"
    ERROR = "CALLERROR"
    INVALID = "INVALID"


class RefusalReason(StrEnum):
    """Why a websocket handshake was refused, in words a technician understands."""

    UNKNOWN_CHARGER = "unknown charger id"
    REJECTED_CHARGER = "charger was rejected by staff"
    MISSING_PASSWORD = "no password given"
    WRONG_PASSWORD = "wrong password"
    USERNAME_MISMATCH = "username is not the charger id"
    NO_SUBPROTOCOL = "no common OCPP version (subprotocol)"
    BAD_PATH = "bad URL path"
    TLS_FAILURE = "TLS failure: the charger speaks wss:// but ChargeDesk serves ws://"


class SessionFlag(StrEnum):
    """Oddities recorded on a session for staff to look at; the data is kept."""

    INVALID_CARD = "invalid_card"  # started with a card we would not have accepted
    METER_BACKWARDS = "meter_backwards"  # meterStop below meterStart
    SUSPECT_TIMESTAMP = "suspect_timestamp"  # far in the future or before the epoch of sanity
    STOPPED_BY_CHARGER_BOOT = "stopped_by_boot"  # closed because the charger rebooted


class CommandResult(StrEnum):
    """Outcome of a command sent to a charger, as shown to the person who asked."""

    ANSWERED = "answered"  # the charger replied; see the status it gave
    CALL_ERROR = "call_error"  # the charger replied with a CALLERROR
    NOT_SUPPORTED = "not_supported"  # the charger does not implement the action
    TIMEOUT = "timeout"  # no answer in time
    OFFLINE = "offline"  # the charger is not connected
    INVALID = "invalid"  # the request or the reply broke the schema
