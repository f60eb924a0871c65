"""Domain dataclasses shared by every layer. Plain values: no ORM, no Qt, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from console.core.commands import FollowUpKind, OutcomeEffect, status_effect
from console.core.enums import (
    Approval,
    AuthorizationStatus,
    BlockReason,
    CardStatus,
    CommandResult,
    ConnectorStatus,
    Direction,
    FrameKind,
    RefusalReason,
)


@dataclass(frozen=True, slots=True)
class BootInfo:
    """What a charger tells about itself in BootNotification."""

    vendor: str
    model: str
    serial: str | None = None
    firmware_version: str | None = None
    charge_box_serial: str | None = None
    iccid: str | None = None
    imsi: str | None = None
    meter_type: str | None = None
    meter_serial: str | None = None
    # False for a BootNotification repeated on the same connection (a pending charger
    # retrying, a TriggerMessage): only the first one on a connection is a reboot.
    reboot: bool = field(default=True, compare=False)


@dataclass(frozen=True, slots=True)
class BootDecision:
    """Our answer to a BootNotification."""

    accepted: bool  # False: Pending (waiting for a person) or Rejected
    rejected: bool
    heartbeat_interval: int


@dataclass(frozen=True, slots=True)
class ChargerRecord:
    """A charger as stored: identity, approval and the last boot details."""

    id: str
    approval: Approval
    has_password: bool
    boot: BootInfo | None
    registered_at: datetime
    last_seen: datetime | None
    retired: bool = False
    security_profile: int = 0  # required: 0 none, 1 Basic auth, 2 TLS, 3 client certificate


@dataclass(frozen=True, slots=True)
class StatusReport:
    """One StatusNotification of a connector."""

    connector_id: int
    status: ConnectorStatus
    error_code: str
    info: str | None = None
    vendor_id: str | None = None
    vendor_error_code: str | None = None
    timestamp: datetime | None = None


@dataclass(frozen=True, slots=True)
class SampledValue:
    """One measurand reading of a meter value, its value already parsed."""

    value: float
    measurand: str = "Energy.Active.Import.Register"
    unit: str | None = None
    phase: str | None = None
    context: str | None = None
    location: str | None = None
    raw_value: str | None = None  # the text when the value is not a number (signed data)


@dataclass(frozen=True, slots=True)
class MeterValue:
    """Sampled values taken at one instant."""

    timestamp: datetime
    samples: tuple[SampledValue, ...]
    # The charger's time was unusable or implausible: ``timestamp`` is our receipt time.
    timestamp_unusable: bool = False


@dataclass(frozen=True, slots=True)
class MeterReport:
    """One MeterValues message."""

    connector_id: int
    transaction_id: int | None
    meter_values: tuple[MeterValue, ...]


@dataclass(frozen=True, slots=True)
class StartRequest:
    """One StartTransaction message."""

    connector_id: int
    id_tag: str
    meter_start: int
    timestamp: datetime
    reservation_id: int | None = None
    # The charger's time was unusable or implausible: ``timestamp`` is our receipt time.
    timestamp_unusable: bool = False


@dataclass(frozen=True, slots=True)
class StopRequest:
    """One StopTransaction message."""

    transaction_id: int
    meter_stop: int
    timestamp: datetime
    id_tag: str | None = None
    reason: str | None = None
    transaction_data: tuple[MeterValue, ...] = ()
    # The charger's time was unusable or implausible: ``timestamp`` is our receipt time.
    timestamp_unusable: bool = False


@dataclass(frozen=True, slots=True)
class IdTagInfo:
    """The authorization verdict sent back to a charger."""

    status: AuthorizationStatus
    expiry_date: datetime | None = None
    parent_id_tag: str | None = None


@dataclass(frozen=True, slots=True)
class StartDecision:
    """Our answer to a StartTransaction: the transaction id and the card's verdict."""

    transaction_id: int
    id_tag_info: IdTagInfo


@dataclass(frozen=True, slots=True)
class Card:
    """An RFID card (idTag). Ids compare case-insensitively; ``id_tag`` keeps the spelling."""

    id_tag: str
    status: CardStatus = CardStatus.ACTIVE
    expires_at: datetime | None = None
    parent_id_tag: str | None = None
    max_concurrent: int = 1  # sessions the card may run at once; 0 means no limit
    person_id: int | None = None  # the owner (a Person), if known
    note: str | None = None
    # Why and since when it is blocked; set only while the status is BLOCKED.
    block_reason: BlockReason | None = None
    block_detail: str | None = None  # the text given with the reason (required for OTHER)
    blocked_at: datetime | None = None

    @property
    def group(self) -> str | None:
        """The card's group: its OCPP parent idTag."""
        return self.parent_id_tag


@dataclass(frozen=True, slots=True)
class CardStatusChange:
    """One change of a card's status, kept for its history (blocked because lost…)."""

    id_tag: str
    at: datetime
    status: CardStatus
    reason: BlockReason | None = None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who owns cards: an employee, a student, a regular visitor.

    ``department`` is a department or cost centre, used to charge staff charging back.
    """

    id: int | None
    name: str
    department: str | None = None
    email: str | None = None
    phone: str | None = None
    note: str | None = None
    retired: bool = False


@dataclass(frozen=True, slots=True)
class Holder:
    """Who a card id stands for, as people think of them: its owner, or the visitor a
    one-time token was made for. A read model: looked up by card id for display only."""

    id_tag: str
    name: str | None  # the owner's or the visitor's name; None when nobody is known
    visitor: bool = False  # a one-time token of a visitor, not a registered card
    detail: str | None = None  # a person's department, a visitor's number plate
    retired: bool = False  # the owner was retired (left): shown, marked
    loan_card: bool = False  # a card of the visitors' group lent at the desk, no owner

    @property
    def known(self) -> bool:
        """True when there is a name or (for a visitor) a plate to show for the card."""
        return bool(self.name or (self.visitor and self.detail))


@dataclass(frozen=True, slots=True)
class RefusedCard:
    """A card a charger presented and we did not accept, counted per card."""

    id_tag: str
    status: AuthorizationStatus  # the last answer given
    charger_id: str  # where it was presented last
    first_at: datetime
    last_at: datetime
    count: int
    registered: bool  # a card with this id exists (perhaps blocked or expired)


@dataclass(frozen=True, slots=True)
class Session:
    """A charging session (an OCPP 1.6 transaction), running or finished."""

    id: int
    charger_id: str
    connector_id: int
    id_tag: str
    started_at: datetime
    meter_start: int
    stopped_at: datetime | None = None
    meter_stop: int | None = None
    stop_reason: str | None = None
    stop_id_tag: str | None = None
    flags: tuple[str, ...] = ()
    received_at: datetime | None = None
    # True while the stop is ChargeDesk's estimate (the session was ended without the
    # charger's StopTransaction); a late StopTransaction replaces it with the true one.
    stop_estimated: bool = False
    end_note: str | None = None  # why staff (or ChargeDesk) ended the session

    @property
    def running(self) -> bool:
        """True until a StopTransaction has been stored."""
        return self.stopped_at is None

    @property
    def energy_wh(self) -> int | None:
        """Energy delivered according to the meter readings, when the session has stopped."""
        if self.meter_stop is None:
            return None
        return max(0, self.meter_stop - self.meter_start)


@dataclass(frozen=True, slots=True)
class OrphanStop:
    """A StopTransaction we could not match to a session, kept aside for staff."""

    charger_id: str
    transaction_id: int
    meter_stop: int
    timestamp: datetime
    id_tag: str | None
    reason: str | None
    received_at: datetime
    why_kept_aside: str = ""  # an AsideReason: whose transaction it named


@dataclass(frozen=True, slots=True)
class AsideSample:
    """A meter sample naming a transaction that is not the charger's own: kept, never counted."""

    charger_id: str
    connector_id: int
    transaction_id: int
    why_kept_aside: str  # an AsideReason
    taken_at: datetime
    received_at: datetime
    measurand: str
    value: float | None
    unit: str
    context: str
    phase: str = ""
    location: str = ""
    raw_value: str | None = None


@dataclass(frozen=True, slots=True)
class LoggedFrame:
    """One websocket frame in or out, for the message log."""

    at: datetime
    charger_id: str
    direction: Direction
    kind: FrameKind
    message_id: str | None
    action: str | None
    payload: str  # the frame as text, exactly as it crossed the wire
    latency_ms: float | None = None  # for a reply: time since the call it answers


@dataclass(frozen=True, slots=True)
class RefusedConnection:
    """A handshake the server refused, with the reason shown to technicians.

    Repeated refusals of one charger (or of one address, when the charger gave no usable
    id) for one reason are one record: ``at`` is the newest, ``first_at`` the oldest
    (None while ``count`` is 1), and the offer is the newest one's. Passwords never
    appear here, only the Basic-auth user name.
    """

    at: datetime
    charger_id: str | None
    reason: RefusalReason
    peer: str | None
    path: str
    http_status: int
    count: int = 1
    first_at: datetime | None = None
    subprotocols: tuple[str, ...] = ()
    username: str | None = None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What came of a charger's promise: the session it started or stopped, or why not.

    ``person`` is who the session is for (the card's owner or the visitor), when known;
    ``refusal`` the card's authorization status when it was refused; ``cost`` and
    ``currency`` the bill of a stopped session, when it was billed.
    """

    kind: FollowUpKind
    waited_s: float  # how long ChargeDesk waited (the whole limit when nothing came)
    session: Session | None = None
    person: str | None = None
    refusal: str | None = None
    cost: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class CommandOutcome:
    """What became of a command sent to a charger: shown to the person who clicked.

    ``action`` is the OCPP action it was sent as (the words shown depend on it);
    ``follow_up`` is what came of an accepted promise (remote start or stop), if followed.
    """

    result: CommandResult
    status: str | None = None  # the status the charger answered (Accepted, Rejected…)
    details: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # the CALLERROR code or our own explanation
    action: str | None = None
    follow_up: FollowUp | None = None

    @property
    def effect(self) -> OutcomeEffect:
        """What the answer means: done, later, refused, not supported, no answer, error."""
        if self.result is CommandResult.ANSWERED:
            return status_effect(self.status)
        if self.result is CommandResult.NOT_SUPPORTED:
            return OutcomeEffect.NOT_SUPPORTED
        if self.result in (CommandResult.TIMEOUT, CommandResult.OFFLINE):
            return OutcomeEffect.NO_ANSWER
        return OutcomeEffect.ERROR

    @property
    def accepted(self) -> bool:
        """True when the charger answered that it did (or will do) what was asked:
        Accepted, Unlocked, or an answer without a status."""
        return self.effect is OutcomeEffect.DONE

    @property
    def succeeded(self) -> bool:
        """True when the effect the person wanted happened: accepted and, where followed,
        the session started or stopped."""
        if not self.accepted:
            return False
        follow = self.follow_up
        return follow is None or follow.kind in (FollowUpKind.STARTED, FollowUpKind.STOPPED)

    def describe(self) -> str:
        """One line for a person: 'Accepted', 'Rejected', 'No answer in time'…

        The console shows sentences from console/ui/command_words.py; this is the plain,
        untranslated form for logs and the command line.
        """
        if self.result is CommandResult.ANSWERED:
            return self.status or "Done"
        texts = {
            CommandResult.CALL_ERROR: f"Charger reported an error: {self.error}",
            CommandResult.NOT_SUPPORTED: "Not supported by this charger",
            CommandResult.TIMEOUT: "No answer in time",
            CommandResult.OFFLINE: "Charger is offline",
            CommandResult.INVALID: f"Invalid: {self.error}",
        }
        return texts[self.result]
