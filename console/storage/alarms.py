"""Repository of alarms: raise, clear, acknowledge, list. Alarms are never deleted."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from console.core.alarms import Alarm, AlarmKind
from console.storage.rows import utc_or_none
from console.storage.tables import AlarmRow, table_of

alarms = table_of(AlarmRow)


def _alarm(row: Any) -> Alarm:
    return Alarm(
        id=row.id,
        charger_id=row.charger_id,
        connector_id=row.connector_id,
        kind=AlarmKind(row.kind),
        message=row.message,
        details=json.loads(row.details or "{}"),
        raised_at=utc_or_none(row.raised_at),  # type: ignore[arg-type]
        cleared_at=utc_or_none(row.cleared_at),
        acknowledged_at=utc_or_none(row.acknowledged_at),
        acknowledged_by=row.acknowledged_by,
    )


def get_alarm(connection: Connection, alarm_id: int) -> Alarm | None:
    """The alarm with this id, or None."""
    row = connection.execute(select(alarms).where(alarms.c.id == alarm_id)).first()
    return None if row is None else _alarm(row)


def raise_alarm(
    connection: Connection,
    charger_id: str,
    connector_id: int | None,
    kind: AlarmKind,
    message: str,
    details: dict[str, Any],
    at: datetime,
) -> Alarm:
    """Store a new alarm and return it."""
    result = connection.execute(
        alarms.insert().values(
            charger_id=charger_id,
            connector_id=connector_id,
            kind=kind.value,
            message=message,
            details=json.dumps(details, default=str),
            raised_at=at,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    alarm = get_alarm(connection, int(key[0]))
    assert alarm is not None
    return alarm


def open_alarm(
    connection: Connection, charger_id: str, connector_id: int | None, kind: AlarmKind
) -> Alarm | None:
    """The newest uncleared alarm of this kind for a charger (and connector), or None."""
    query = (
        select(alarms)
        .where(
            alarms.c.charger_id == charger_id,
            alarms.c.kind == kind.value,
            alarms.c.cleared_at.is_(None),
        )
        .order_by(alarms.c.id.desc())
    )
    if connector_id is None:
        query = query.where(alarms.c.connector_id.is_(None))
    else:
        query = query.where(alarms.c.connector_id == connector_id)
    row = connection.execute(query).first()
    return None if row is None else _alarm(row)


def clear_alarm(connection: Connection, alarm_id: int, at: datetime) -> Alarm | None:
    """Mark the condition of an alarm as ended; None when there is no such open alarm."""
    connection.execute(
        update(alarms)
        .where(alarms.c.id == alarm_id, alarms.c.cleared_at.is_(None))
        .values(cleared_at=at)
    )
    return get_alarm(connection, alarm_id)


def acknowledge(connection: Connection, alarm_id: int, who: str, at: datetime) -> Alarm | None:
    """Record that ``who`` has seen the alarm (the first acknowledgement stays)."""
    connection.execute(
        update(alarms)
        .where(alarms.c.id == alarm_id, alarms.c.acknowledged_at.is_(None))
        .values(acknowledged_at=at, acknowledged_by=who)
    )
    return get_alarm(connection, alarm_id)


def acknowledge_all(connection: Connection, who: str, at: datetime) -> list[Alarm]:
    """Acknowledge every unacknowledged alarm; returns those that changed."""
    ids = list(
        connection.execute(select(alarms.c.id).where(alarms.c.acknowledged_at.is_(None))).scalars()
    )
    if not ids:
        return []
    connection.execute(
        update(alarms).where(alarms.c.id.in_(ids)).values(acknowledged_at=at, acknowledged_by=who)
    )
    rows = connection.execute(select(alarms).where(alarms.c.id.in_(ids)).order_by(alarms.c.id))
    return [_alarm(row) for row in rows]


def list_alarms(
    connection: Connection,
    *,
    charger_id: str | None = None,
    open_only: bool = False,
    unacknowledged_only: bool = False,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = 500,
) -> list[Alarm]:
    """Alarms, newest first; filtered by charger, state and the time they were raised.

    ``since``/``until`` select alarms that were active at some point in the period.
    """
    query = select(alarms).order_by(alarms.c.raised_at.desc(), alarms.c.id.desc())
    if charger_id is not None:
        query = query.where(alarms.c.charger_id == charger_id)
    if open_only:
        query = query.where(alarms.c.cleared_at.is_(None))
    if unacknowledged_only:
        query = query.where(alarms.c.acknowledged_at.is_(None))
    if until is not None:
        query = query.where(alarms.c.raised_at < until)
    if since is not None:
        query = query.where((alarms.c.cleared_at.is_(None)) | (alarms.c.cleared_at >= since))
    if limit is not None:
        query = query.limit(limit)
    return [_alarm(row) for row in connection.execute(query)]
