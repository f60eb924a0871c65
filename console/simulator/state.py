"""Plain state of a simulated charger: connectors, sessions, reservations, records."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from console.simulator.meter import ConnectorMeter


class ReceivedCommand(NamedTuple):
    """A command the central system sent us; ``payload`` has snake_case keys."""

    action: str
    payload: dict[str, Any]


class CallReply(NamedTuple):
    """The outcome of a call we sent: the reply dataclass, or ``error`` when it failed."""

    action: str
    payload: Any
    error: str | None = None


@dataclass(eq=False)
class Session:
    """A transaction on one connector, as the charger knows it.

    ``local_id`` is a negative placeholder used while the StartTransaction has not
    been answered (offline); ``transaction_id`` is the central system's id once known.
    """

    connector_id: int
    id_tag: str
    local_id: int
    meter_start: int
    started_at: datetime
    reservation_id: int | None = None
    remote: bool = False
    transaction_id: int | None = None
    id_tag_status: str | None = None
    ended: bool = False
    meter_task: asyncio.Task[None] | None = None

    @property
    def wire_id(self) -> int:
        """The id to put in a message now: the real one when known, else the placeholder."""
        return self.transaction_id if self.transaction_id is not None else self.local_id


@dataclass(eq=False)
class Reservation:
    """A reservation made by ReserveNow."""

    reservation_id: int
    id_tag: str
    parent_id_tag: str | None
    expiry: datetime
    task: asyncio.Task[None] | None = None

    def matches(self, id_tag: str) -> bool:
        """Whether ``id_tag`` may use the reserved connector (card ids ignore case)."""
        tags = {self.id_tag.casefold()}
        if self.parent_id_tag:
            tags.add(self.parent_id_tag.casefold())
        return id_tag.casefold() in tags


@dataclass(eq=False)
class ConnectorState:
    """One connector (0 is the charger as a whole)."""

    connector_id: int
    meter: ConnectorMeter
    status: str = "Available"
    error_code: str = "NoError"  # as last reported in a StatusNotification
    info: str | None = None
    operative: bool = True
    # A ChangeAvailability answered Scheduled: applied when the session ends.
    scheduled_operative: bool | None = None
    faulted: bool = False
    fault_code: str = "NoError"
    fault_info: str | None = None
    # Set between accepting a start (local or remote) and the session existing,
    # so two starts cannot race for one connector.
    claimed: bool = False
    session: Session | None = None
    reservation: Reservation | None = None

    @property
    def free(self) -> bool:
        """Whether a new session could start here."""
        return (
            self.operative
            and not self.faulted
            and not self.claimed
            and self.session is None
            and self.connector_id > 0
        )
