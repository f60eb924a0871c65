"""The API's view of a charger: what is stored about it and what it is doing now.

Stored facts (approval, password, boot details, security profile) come from the
database; live facts (online, status of each connector, power, running sessions) from
the engine's site state, read on the engine loop at the moment of the request.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from console.api.models import ApiModel, Timestamped
from console.api.problems import not_found
from console.api.resources._common import SessionOut, session_out
from console.api.routing import ApiCall
from console.core.clock import utcnow
from console.core.enums import Approval, ConnectorStatus
from console.core.model import ChargerRecord, Session
from console.core.site import ChargerState, ConnectorState
from console.services import api_reads_chargers as reads


class ChargerBootOut(ApiModel):
    """What the charger said about itself in its last BootNotification."""

    vendor: str
    model: str
    serial: str | None = None
    firmware_version: str | None = None
    charge_box_serial: str | None = None
    iccid: str | None = None
    imsi: str | None = None
    meter_type: str | None = None
    meter_serial: str | None = None


class ConnectorOut(ApiModel):
    """A connector as last reported, with its running session (connector 0 is the
    charger as a whole and never has one)."""

    connector_id: int
    status: ConnectorStatus | None = Field(
        None, description="The last StatusNotification's status; null before the first"
    )
    error_code: str = Field(description="NoError unless the charger reports a fault")
    info: str | None = None
    status_at: datetime | None = Field(None, description="When the status was reported")
    power_w: float | None = Field(None, description="Present power, W (last meter sample)")
    meter_wh: float | None = Field(None, description="The meter register, Wh")
    soc_percent: float | None = Field(None, description="The car's state of charge (DC)")
    session_energy_wh: float | None = Field(
        None, description="Energy of the running session so far, Wh"
    )
    session: SessionOut | None = Field(None, description="The session running here, if any")


class ChargerLiveOut(Timestamped):
    """What a charger is doing now, as the engine sees it at ``read_at``."""

    charger_id: str
    online: bool = Field(description="It has an open connection now")
    connected_at: datetime | None = None
    last_seen: datetime | None = Field(None, description="When it last sent anything")
    peer: str | None = Field(None, description="The address of its connection")
    heartbeat_interval: int = Field(description="Seconds between heartbeats we asked for")
    connection_profile: int | None = Field(
        None, description="The security profile its open connection met; null when offline"
    )
    power_w: float = Field(description="Present power of all its connectors, W")
    connectors: list[ConnectorOut]


class ChargerOut(ApiModel):
    """A registered charger: what is stored about it and its live state."""

    id: str = Field(description="The charge point id (the last segment of its URL)")
    approval: Approval
    has_password: bool = Field(description="It must send a Basic auth password")
    security_profile: int = Field(description="The security profile it is required to use")
    registered_at: datetime
    retired: bool
    boot: ChargerBootOut | None = None
    live: ChargerLiveOut


def connector_out(connector: ConnectorState, session: Session | None) -> ConnectorOut:
    """The API form of a connector's live state."""
    return ConnectorOut(
        connector_id=connector.connector_id,
        status=connector.status,
        error_code=connector.error_code,
        info=connector.info,
        status_at=connector.status_at,
        power_w=connector.power_w,
        meter_wh=connector.energy_wh,
        soc_percent=connector.soc_percent,
        session_energy_wh=connector.session_energy_wh if session is not None else None,
        session=session_out(session) if session is not None else None,
    )


def live_out(
    charger_id: str,
    state: ChargerState | None,
    running: list[Session],
    connection_profile: int | None,
    last_seen: datetime | None = None,
) -> ChargerLiveOut:
    """The live state of ``charger_id`` (``state`` None: the engine has not heard of it)
    with the sessions running on it among ``running``."""
    sessions = {s.connector_id: s for s in running if s.charger_id == charger_id}
    connectors = [] if state is None else sorted(state.connectors.values(), key=_number)
    seen = [t for t in (last_seen, state.last_seen if state else None) if t is not None]
    return ChargerLiveOut(
        read_at=utcnow(),
        charger_id=charger_id,
        online=bool(state and state.online),
        connected_at=state.connected_at if state else None,
        last_seen=max(seen) if seen else None,
        peer=state.peer if state and state.online else None,
        heartbeat_interval=state.heartbeat_interval if state else 300,
        connection_profile=connection_profile if state and state.online else None,
        power_w=state.power_w if state else 0.0,
        connectors=[connector_out(c, sessions.get(c.connector_id)) for c in connectors],
    )


def charger_out(record: ChargerRecord, live: ChargerLiveOut) -> ChargerOut:
    """The API form of a stored charger with its live state."""
    return ChargerOut(
        id=record.id,
        approval=record.approval,
        has_password=record.has_password,
        security_profile=record.security_profile,
        registered_at=record.registered_at,
        retired=record.retired,
        boot=ChargerBootOut.model_validate(record.boot) if record.boot else None,
        live=live,
    )


def _number(connector: ConnectorState) -> int:
    return connector.connector_id


async def charger_record_of(call: ApiCall, charger_id: str) -> ChargerRecord:
    """The stored charger of ``charger_id`` (any case; retired too), else a 404 problem."""
    record = await call.read(lambda q: reads.charger_record(q, charger_id))
    if record is None:
        raise not_found(f"charger {charger_id}")
    return record


async def live_of(call: ApiCall, record: ChargerRecord) -> ChargerLiveOut:
    """The live state of a stored charger, read from the engine now."""
    engine = call.engine
    state = engine.site.chargers.get(record.id)
    snapshot = state.snapshot() if state is not None else None  # taken on the engine loop
    profile = engine.admission.connection_profile(record.id)
    return await call.read(
        lambda q: live_out(record.id, snapshot, q.running_sessions(), profile, record.last_seen)
    )


async def charger_of(call: ApiCall, charger_id: str) -> ChargerOut:
    """A charger with its live state, else a 404 problem."""
    record = await charger_record_of(call, charger_id)
    return charger_out(record, await live_of(call, record))
