"""What a session used, read from its stored meter samples and its connector's status history.

Only the energy register counts: Energy.Active.Import.Register of the whole connector (no
phase) in Wh or kWh. The session's meterStart and meterStop are its first and last
readings; samples outside the session's time are left out.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, Connection, func, select

from console.core.clock import as_utc
from console.core.enums import ConnectorStatus
from console.core.model import Session
from console.core.readings import BILLED_LOCATIONS, ENERGY_REGISTER
from console.core.tariffs import MeterReading, SessionUsage, StatusChange
from console.storage.chargers import status_history
from console.storage.samples import meter_samples

_SCALE = {None: Decimal(1), "": Decimal(1), "Wh": Decimal(1), "kWh": Decimal(1000)}
_LOCATIONS = BILLED_LOCATIONS


def _own_samples(session: Session) -> tuple[ColumnElement[bool], ...]:
    """The session's samples: its charger's, under its transaction id, of its connector.

    Never by transaction id alone: another charger cannot add to a bill. Samples its own
    charger sent for another connector are kept (flagged) but not counted.
    """
    return (
        meter_samples.c.charger_id == session.charger_id,
        meter_samples.c.session_key == session.id,
        meter_samples.c.connector_id == session.connector_id,
    )


def _reading_of(at: datetime, value: float, unit: str | None) -> MeterReading:
    # A float sample reads as it prints (12.345 kWh, not its binary neighbour).
    return MeterReading(at, Decimal(repr(float(value))) * _SCALE[unit])


def energy_readings(
    connection: Connection, session: Session, until: datetime | None
) -> list[MeterReading]:
    """The session's register readings in Wh, meterStart first (and meterStop last once
    stopped), up to ``until`` for a running session."""
    end = session.stopped_at or until
    query = (
        select(meter_samples.c.taken_at, meter_samples.c.value, meter_samples.c.unit)
        .where(
            *_own_samples(session),
            meter_samples.c.measurand == ENERGY_REGISTER,
            meter_samples.c.phase == "",
            meter_samples.c.location.in_(_LOCATIONS),
            meter_samples.c.value.is_not(None),
            meter_samples.c.taken_at > as_utc(session.started_at),
        )
        .order_by(meter_samples.c.taken_at, meter_samples.c.id)
    )
    if end is not None:
        query = query.where(meter_samples.c.taken_at < as_utc(end))
    readings = [MeterReading(session.started_at, Decimal(session.meter_start))]
    for taken_at, value, unit in connection.execute(query):
        if unit in _SCALE:
            readings.append(_reading_of(as_utc(taken_at), value, unit))
    if session.stopped_at is not None and session.meter_stop is not None:
        readings.append(MeterReading(session.stopped_at, Decimal(session.meter_stop)))
    return readings


def status_changes(
    connection: Connection, session: Session, until: datetime | None
) -> list[StatusChange]:
    """The connector's status at the start of the session and every change during it."""
    history = status_history
    at = func.coalesce(history.c.charger_time, history.c.received_at)
    start = as_utc(session.started_at)
    connector = (history.c.charger_id == session.charger_id) & (
        history.c.connector_id == session.connector_id
    )
    before = connection.execute(
        select(history.c.status, at.label("at"))
        .where(connector, at <= start)
        .order_by(at.desc(), history.c.id.desc())
        .limit(1)
    ).all()
    during = select(history.c.status, at.label("at")).where(connector, at > start)
    end = session.stopped_at or until
    if end is not None:
        during = during.where(at < as_utc(end))
    rows = [*before, *connection.execute(during.order_by(at, history.c.id))]
    changes = []
    for status, when in rows:
        moment = when if isinstance(when, datetime) else datetime.fromisoformat(str(when))
        changes.append(StatusChange(max(as_utc(moment), start), ConnectorStatus(status)))
    return changes


def usage_of(connection: Connection, session: Session, now: datetime) -> SessionUsage:
    """What the session used (so far, for a running session at ``now``)."""
    return SessionUsage(
        started_at=session.started_at,
        stopped_at=session.stopped_at,
        readings=tuple(energy_readings(connection, session, now)),
        statuses=tuple(status_changes(connection, session, now)),
    )


def last_sample_id(connection: Connection) -> int:
    """The newest meter sample's row id (0: none): new samples come after it."""
    return int(connection.execute(select(func.max(meter_samples.c.id))).scalar() or 0)


def last_status_id(connection: Connection) -> int:
    """The newest status history row id (0: none)."""
    return int(connection.execute(select(func.max(status_history.c.id))).scalar() or 0)


def energy_readings_after(
    connection: Connection, session: Session, after_id: int
) -> tuple[list[MeterReading], int]:
    """The session's register readings stored after row ``after_id``, and the last row id."""
    query = select(
        meter_samples.c.id, meter_samples.c.taken_at, meter_samples.c.value, meter_samples.c.unit
    ).where(
        *_own_samples(session),
        meter_samples.c.id > after_id,
        meter_samples.c.measurand == ENERGY_REGISTER,
        meter_samples.c.phase == "",
        meter_samples.c.location.in_(_LOCATIONS),
        meter_samples.c.value.is_not(None),
        meter_samples.c.taken_at > as_utc(session.started_at),
    )
    readings, last = [], after_id
    for row_id, taken_at, value, unit in connection.execute(query):
        last = max(last, row_id)
        if unit in _SCALE:
            readings.append(_reading_of(as_utc(taken_at), value, unit))
    return readings, last


def status_changes_after(
    connection: Connection, session: Session, after_id: int
) -> tuple[list[StatusChange], int]:
    """The connector's status changes stored after row ``after_id``, and the last row id."""
    history = status_history
    query = select(
        history.c.id, history.c.status, history.c.charger_time, history.c.received_at
    ).where(
        history.c.charger_id == session.charger_id,
        history.c.connector_id == session.connector_id,
        history.c.id > after_id,
    )
    start = as_utc(session.started_at)
    changes, last = [], after_id
    for row_id, status, charger_time, received_at in connection.execute(query):
        last = max(last, row_id)
        moment = as_utc(charger_time or received_at)
        if moment > start:  # the status at the start was read with the session
            changes.append(StatusChange(moment, ConnectorStatus(status)))
    return changes, last
