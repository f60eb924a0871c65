"""Events the engine publishes after it has committed a change, and the bus that carries them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from console.core.alarms import Alarm
from console.core.enums import AuthorizationStatus, ConnectorStatus
from console.core.model import BootInfo, RefusedConnection, Session
from console.core.staff_accounts import SecuritySettings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChargerConnected:
    """A charger opened its websocket."""

    charger_id: str
    peer: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class ChargerDisconnected:
    """A charger's websocket closed or went silent."""

    charger_id: str
    at: datetime
    close_code: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class ChargerBooted:
    """A charger sent BootNotification."""

    charger_id: str
    boot: BootInfo
    accepted: bool
    at: datetime


@dataclass(frozen=True, slots=True)
class ChargerAwaitingApproval:
    """An unknown charger connected and waits for a person to accept or reject it."""

    charger_id: str
    at: datetime


@dataclass(frozen=True, slots=True)
class ChargerApprovalChanged:
    """Staff accepted or rejected a charger."""

    charger_id: str
    accepted: bool


@dataclass(frozen=True, slots=True)
class ChargerStatusChanged:
    """A connector (0: the charger) reported a status."""

    charger_id: str
    connector_id: int
    status: ConnectorStatus
    error_code: str
    info: str | None
    at: datetime
    vendor_error_code: str | None = None


@dataclass(frozen=True, slots=True)
class MeterSampled:
    """New meter readings of a connector: present power and energy, when reported."""

    charger_id: str
    connector_id: int
    transaction_id: int | None
    at: datetime
    power_w: float | None
    energy_wh: float | None
    soc_percent: float | None


@dataclass(frozen=True, slots=True)
class SessionStarted:
    """A session was stored."""

    session: Session


@dataclass(frozen=True, slots=True)
class SessionStopped:
    """A session was closed."""

    session: Session


@dataclass(frozen=True, slots=True)
class SessionFlagsChanged:
    """A session's flags changed: readings to review, a staff decision on them."""

    session: Session


@dataclass(frozen=True, slots=True)
class ConnectionRefused:
    """A handshake was refused; technicians see why."""

    refusal: RefusedConnection


@dataclass(frozen=True, slots=True)
class ChargerLockedOut:
    """Repeated wrong passwords locked a charger id (or the address it came from)."""

    charger_id: str
    peer: str | None  # host the failures came from
    failures: int
    locked_until: datetime
    by_address: bool  # True: the address is locked, not (only) the charger id
    at: datetime


@dataclass(frozen=True, slots=True)
class ChargerNotice:
    """A notification that needs no state of its own: firmware, diagnostics, security."""

    charger_id: str
    kind: str  # "firmware", "diagnostics", "security", "log", "data_transfer"
    text: str
    at: datetime


@dataclass(frozen=True, slots=True)
class CardRefused:
    """A charger presented a card (Authorize or StartTransaction) and we did not accept it."""

    charger_id: str
    id_tag: str
    status: AuthorizationStatus
    known: bool  # False: no card with this id is registered
    at: datetime


@dataclass(frozen=True, slots=True)
class CardsChanged:
    """Cards were added or changed; ``version`` is the site's new local list version."""

    version: int
    id_tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SessionBilled:
    """A finished session was billed; ``gross_total`` is what it cost, tax included."""

    session_id: int
    gross_total: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class ReceiptChanged:
    """A receipt was issued, paid or voided."""

    receipt_id: int


@dataclass(frozen=True, slots=True)
class AlarmRaised:
    """A new alarm was stored."""

    alarm: Alarm

    @property
    def charger_id(self) -> str:
        """The charger the alarm is about."""
        return self.alarm.charger_id


@dataclass(frozen=True, slots=True)
class AlarmChanged:
    """An alarm was cleared or acknowledged."""

    alarm: Alarm

    @property
    def charger_id(self) -> str:
        """The charger the alarm is about."""
        return self.alarm.charger_id


@dataclass(frozen=True, slots=True)
class StaffChanged:
    """A staff account was added or changed, logged in or was locked out.

    ``action`` is the audit action (``staff.add``, ``staff.roles``, ``staff.login``…).
    """

    staff_id: int
    username: str
    action: str


@dataclass(frozen=True, slots=True)
class SecuritySettingsChanged:
    """An admin saved the site's security settings (idle lock, command-line login...)."""

    settings: SecuritySettings


@dataclass(frozen=True, slots=True)
class TariffsChanged:
    """Staff added, changed or retired a tariff, or changed who pays it.

    ``action`` is the audit action (``tariff.add``, ``tariff.change``, ``tariff.group``…);
    ``tariff_id`` is None for a change that names no one tariff (a default cleared).
    """

    tariff_id: int | None
    action: str


Event = (
    ChargerConnected
    | ChargerDisconnected
    | ChargerBooted
    | ChargerAwaitingApproval
    | ChargerApprovalChanged
    | ChargerStatusChanged
    | MeterSampled
    | SessionStarted
    | SessionStopped
    | SessionFlagsChanged
    | ConnectionRefused
    | ChargerLockedOut
    | ChargerNotice
    | CardRefused
    | CardsChanged
    | SessionBilled
    | ReceiptChanged
    | AlarmRaised
    | AlarmChanged
    | StaffChanged
    | SecuritySettingsChanged
    | TariffsChanged
)

Subscriber = Callable[[Event], None]


class EventBus:
    """Synchronous publish/subscribe on the engine loop.

    Subscribers must be quick and must not raise: the console's bridge only queues the
    event for the GUI thread. A failing subscriber is logged and never stops the others.
    """

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add a subscriber; returns a function that removes it again."""
        self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            if subscriber in self._subscribers:
                self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, event: Event) -> None:
        """Hand ``event`` to every subscriber in order of subscription."""
        for subscriber in list(self._subscribers):
            try:
                subscriber(event)
            except Exception:
                log.exception("event subscriber failed on %r", event)
