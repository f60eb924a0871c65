"""Repository of sessions, meter samples and StopTransactions kept aside.

Every write here is idempotent, because chargers retry: a repeated StartTransaction finds
its session again, a repeated StopTransaction changes nothing, a repeated sample is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from console.core.authorization import normalize_id_tag
from console.core.clock import as_utc
from console.core.model import MeterValue, OrphanStop, Session
from console.storage.rows import insert_ignoring_duplicates, utc_or_none
from console.storage.tables import MeterSampleRow, OrphanStopRow, SessionRow, table_of

sessions = table_of(SessionRow)
meter_samples = table_of(MeterSampleRow)
orphan_stops = table_of(OrphanStopRow)

MAX_TRANSACTION_ID = 2**31 - 1  # OCPP transactionId is a signed 32-bit integer


def _session(row: Any) -> Session:
    return Session(
        id=row.id,
        charger_id=row.charger_id,
        connector_id=row.connector_id,
        id_tag=row.id_tag,
        started_at=utc_or_none(row.started_at),  # type: ignore[arg-type]
        meter_start=row.meter_start,
        stopped_at=utc_or_none(row.stopped_at),
        meter_stop=row.meter_stop,
        stop_reason=row.stop_reason,
        stop_id_tag=row.stop_id_tag,
        flags=tuple(flag for flag in row.flags.split(",") if flag),
        received_at=utc_or_none(row.start_received_at),
    )


def get_session(connection: Connection, transaction_id: int) -> Session | None:
    """The session with this transaction id, or None."""
    row = connection.execute(select(sessions).where(sessions.c.id == transaction_id)).first()
    return None if row is None else _session(row)


def start_session(
    connection: Connection,
    *,
    charger_id: str,
    connector_id: int,
    id_tag: str,
    meter_start: int,
    started_at: datetime,
    received_at: datetime,
    auth_status: str,
    reservation_id: int | None,
    flags: tuple[str, ...],
) -> tuple[Session, bool]:
    """Store a StartTransaction; returns the session and whether it is new.

    A repeat of a StartTransaction already stored (same charger, connector, card, time and
    meter reading) returns the stored session, so the charger gets the same transactionId.
    """
    key = normalize_id_tag(id_tag)
    existing = connection.execute(
        select(sessions).where(
            sessions.c.charger_id == charger_id,
            sessions.c.connector_id == connector_id,
            sessions.c.id_tag_key == key,
            sessions.c.started_at == started_at,
            sessions.c.meter_start == meter_start,
        )
    ).first()
    if existing is not None:
        return _session(existing), False
    # The writer is the only thread that inserts sessions, so max+1 cannot race; ids are
    # never reused because sessions are never deleted.
    last = connection.execute(select(func.max(sessions.c.id))).scalar() or 0
    if last >= MAX_TRANSACTION_ID:
        raise OverflowError("transaction ids exhausted")
    connection.execute(
        sessions.insert().values(
            id=last + 1,
            charger_id=charger_id,
            connector_id=connector_id,
            id_tag=id_tag,
            id_tag_key=key,
            auth_status=auth_status,
            reservation_id=reservation_id,
            started_at=started_at,
            start_received_at=received_at,
            meter_start=meter_start,
            flags=",".join(flags),
        )
    )
    session = get_session(connection, last + 1)
    assert session is not None
    return session, True


def stop_session(
    connection: Connection,
    *,
    transaction_id: int,
    meter_stop: int,
    stopped_at: datetime,
    received_at: datetime,
    reason: str | None,
    id_tag: str | None,
    extra_flags: tuple[str, ...],
) -> tuple[Session, bool]:
    """Close a running session; returns it and whether this call closed it.

    A session already closed is returned unchanged: a repeated StopTransaction is a no-op.
    """
    session = get_session(connection, transaction_id)
    if session is None:
        raise KeyError(transaction_id)
    if session.stopped_at is not None:
        return session, False
    flags = tuple(dict.fromkeys(session.flags + extra_flags))
    connection.execute(
        update(sessions)
        .where(sessions.c.id == transaction_id)
        .values(
            stopped_at=stopped_at,
            stop_received_at=received_at,
            meter_stop=meter_stop,
            stop_reason=reason,
            stop_id_tag=id_tag,
            flags=",".join(flags),
        )
    )
    stopped = get_session(connection, transaction_id)
    assert stopped is not None
    return stopped, True


def add_orphan_stop(
    connection: Connection, orphan: OrphanStop, data: tuple[MeterValue, ...]
) -> None:
    """Keep a StopTransaction we could not match; a repeat of it is stored once."""
    connection.execute(
        insert_ignoring_duplicates(connection, orphan_stops).values(
            charger_id=orphan.charger_id,
            transaction_id=orphan.transaction_id,
            meter_stop=orphan.meter_stop,
            stopped_at=orphan.timestamp,
            id_tag=orphan.id_tag,
            reason=orphan.reason,
            received_at=orphan.received_at,
            transaction_data=json.dumps([asdict(value) for value in data], default=str),
        )
    )


def list_orphan_stops(connection: Connection) -> list[OrphanStop]:
    """Every StopTransaction kept aside, oldest first."""
    rows = connection.execute(select(orphan_stops).order_by(orphan_stops.c.id))
    return [
        OrphanStop(
            charger_id=r.charger_id,
            transaction_id=r.transaction_id,
            meter_stop=r.meter_stop,
            timestamp=utc_or_none(r.stopped_at),  # type: ignore[arg-type]
            id_tag=r.id_tag,
            reason=r.reason,
            received_at=utc_or_none(r.received_at),  # type: ignore[arg-type]
        )
        for r in rows
    ]


def sample_rows(
    charger_id: str,
    connector_id: int,
    transaction_id: int | None,
    meter_values: tuple[MeterValue, ...],
    received_at: datetime,
) -> list[dict[str, Any]]:
    """The meter_samples rows of some meter values (built off the writer thread)."""
    return [
        {
            "charger_id": charger_id,
            "connector_id": connector_id,
            "session_key": transaction_id or 0,
            "taken_at": value.timestamp,
            "received_at": received_at,
            "measurand": sample.measurand,
            "phase": sample.phase or "",
            "location": sample.location or "",
            "unit": sample.unit,
            "context": sample.context,
            "value": None if sample.raw_value is not None else sample.value,
            "raw_value": sample.raw_value,
        }
        for value in meter_values
        for sample in value.samples
    ]


def add_samples(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Store meter samples, skipping any already stored (a repeated MeterValues)."""
    if rows:
        connection.execute(insert_ignoring_duplicates(connection, meter_samples), rows)


def list_sessions(
    connection: Connection,
    *,
    running_only: bool = False,
    charger_id: str | None = None,
    limit: int | None = None,
    started_since: datetime | None = None,
    started_before: datetime | None = None,
    id_tags: Sequence[str] | None = None,
) -> list[Session]:
    """Sessions, newest first; optionally only those started in [since, before), or only
    those of the cards ``id_tags`` (in any spelling)."""
    query = select(sessions).order_by(sessions.c.id.desc())
    if id_tags is not None:
        query = query.where(sessions.c.id_tag_key.in_([normalize_id_tag(t) for t in id_tags]))
    # Stored times are UTC text in SQLite: bounds in another zone would shift.
    if started_since is not None:
        query = query.where(sessions.c.started_at >= as_utc(started_since))
    if started_before is not None:
        query = query.where(sessions.c.started_at < as_utc(started_before))
    if running_only:
        query = query.where(sessions.c.stopped_at.is_(None))
    if charger_id is not None:
        query = query.where(sessions.c.charger_id == charger_id)
    if limit is not None:
        query = query.limit(limit)
    return [_session(row) for row in connection.execute(query)]


def count_running_for_card(connection: Connection, id_tag: str) -> int:
    """How many sessions of this card are in progress."""
    return connection.execute(
        select(func.count())
        .select_from(sessions)
        .where(sessions.c.stopped_at.is_(None), sessions.c.id_tag_key == normalize_id_tag(id_tag))
    ).scalar_one()


def samples_of_session(connection: Connection, transaction_id: int) -> list[dict[str, Any]]:
    """Every stored sample of a session, oldest first."""
    rows = connection.execute(
        select(meter_samples)
        .where(meter_samples.c.session_key == transaction_id)
        .order_by(meter_samples.c.taken_at, meter_samples.c.id)
    )
    return [dict(row._mapping) for row in rows]


def stored_auth_status(connection: Connection, transaction_id: int) -> str:
    """The verdict the card got when the session was started."""
    return connection.execute(  # type: ignore[no-any-return]
        select(sessions.c.auth_status).where(sessions.c.id == transaction_id)
    ).scalar_one()
