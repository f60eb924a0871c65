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


class BlockReason(StrEnum):
    """Why staff blocked a card; ``OTHER`` comes with a text."""

    LOST = "lost"
    STOLEN = "stolen"
    LEFT = "left"  # the holder left the company, the school, the hospital
    OTHER = "other"


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
    TLS_FAILURE = "TLS failure: the charger sent wss:// to the ws:// port"
    INVALID_ID = "charger id breaks the OCPP rules (48 characters of A-Z a-z 0-9 - . _ ~)"
    RETIRED_CHARGER = "charger was retired by staff"
    LOCKED = "locked after repeated wrong passwords"
    TOO_MANY_WAITING = "too many unknown chargers are waiting for approval"
    TOO_MANY_WAITING_FROM_PEER = "too many unknown chargers waiting from this address"
    # Security profiles: the required profile is never silently downgraded.
    NEEDS_TLS_2 = "needs TLS (wss://): security profile 2 is required"
    NEEDS_TLS_3 = "needs TLS (wss://): security profile 3 is required"
    NO_CLIENT_CERTIFICATE = "no client certificate: security profile 3 is required"
    CERTIFICATE_MISMATCH = "client certificate is for another charger (CN is not the charger id)"
    NO_PASSWORD_SET = "its security profile needs a password, and none is set here"
    # A TLS handshake on the wss:// port that failed, and why.
    TLS_UNKNOWN_CA = "TLS: the charger's certificate is from an unknown CA"
    TLS_EXPIRED = "TLS: the charger's certificate has expired"
    TLS_BAD_CERTIFICATE = "TLS: the charger's certificate is not valid (not yet valid or damaged)"
    TLS_NOT_TRUSTED = "TLS: the charger does not trust the site CA"
    TLS_HUNG_UP = "TLS: the charger broke off the handshake"
    TLS_VERSION = "TLS: version too old (TLS 1.0/1.1) or no common cipher"
    TLS_NOT_TLS = "not TLS: plain ws:// sent to the wss:// port"
    TLS_TIMEOUT = "TLS handshake timed out"
    TLS_TOO_MANY = "too many TLS handshakes at once (idle connections dropped)"
    TLS_HANDSHAKE = "TLS handshake failed"


class AsideReason(StrEnum):
    """Why data a charger sent is kept aside instead of being counted."""

    OTHER_CHARGER = "another charger's transaction"
    UNKNOWN_TRANSACTION = "unknown transaction"


class SessionFlag(StrEnum):
    """Oddities recorded on a session for staff to look at; the data is kept."""

    INVALID_CARD = "invalid_card"  # started with a card we would not have accepted
    METER_BACKWARDS = "meter_backwards"  # meterStop below meterStart
    SUSPECT_TIMESTAMP = "suspect_timestamp"  # far in the future or before the epoch of sanity
    STOPPED_BY_CHARGER_BOOT = "stopped_by_boot"  # closed because the charger rebooted
    # Readings that cannot be true (register backwards, more energy than the connector can
    # deliver in the time): left out of every figure until staff decide.
    READINGS_NEED_REVIEW = "readings_need_review"
    READINGS_KEPT = "readings_kept"  # staff looked at them and count them
    READINGS_LEFT_OUT = "readings_left_out"  # staff looked at them and leave them out
    CONNECTOR_MISMATCH = "connector_mismatch"  # readings named another connector of it
    SUPERSEDED = "superseded"  # closed because a new session started on its connector
    ENDED_WITHOUT_STOP = "ended_without_stop"  # connector Available too long, no stop came
    ENDED_BY_STAFF = "ended_by_staff"  # closed by hand, with a reason


class CommandResult(StrEnum):
    """Outcome of a command sent to a charger, as shown to the person who asked."""

    ANSWERED = "answered"  # the charger replied; see the status it gave
    CALL_ERROR = "call_error"  # the charger replied with a CALLERROR
    NOT_SUPPORTED = "not_supported"  # the charger does not implement the action
    TIMEOUT = "timeout"  # no answer in time
    OFFLINE = "offline"  # the charger is not connected
    INVALID = "invalid"  # the request or the reply broke the schema
