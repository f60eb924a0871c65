"""Repository of sessions, meter samples and StopTransactions kept aside.

Every write here is idempotent, because chargers retry: a repeated StartTransaction finds
its session again, a repeated StopTransaction changes nothing, a repeated sample is skipped.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from console.core.authorization import normalize_id_tag
from console.core.clock import as_utc
from console.core.enums import AuthorizationStatus
from console.core.model import MeterValue, OrphanStop, Session
from console.storage.rows import insert_ignoring_duplicates, keep_newest_of_charger, utc_or_none
from console.storage.samples import add_samples as add_samples  # re-exported
from console.storage.samples import meter_samples as meter_samples
from console.storage.samples import sample_rows as sample_rows
from console.storage.samples import samples_of_session as samples_of_session
from console.storage.tables import OrphanStopRow, SessionRow, table_of

sessions = table_of(SessionRow)
orphan_stops = table_of(OrphanStopRow)

MAX_TRANSACTION_ID = 2**31 - 1  # OCPP transactionId is a signed 32-bit integer
ORPHAN_STOPS_KEPT = 1000  # per charger: stops naming others' transactions, newest kept
ENERGY_REGISTER = "Energy.Active.Import.Register"
_WH_PER_UNIT = {"Wh": 1.0, "kWh": 1000.0}
_READINGS_LOOKED_AT = 20  # newest register readings tried before meterStart is used


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
        stop_estimated=bool(row.stop_estimated),
        end_note=row.end_note,
    )


def get_session(connection: Connection, transaction_id: int) -> Session | None:
    """The session with this transaction id, or None."""
    row = connection.execute(select(sessions).where(sessions.c.id == transaction_id)).first()
    return None if row is None else _session(row)


def get_sessions(connection: Connection, transaction_ids: list[int]) -> list[Session]:
    """The sessions with these transaction ids, in the order of ``transaction_ids``."""
    if not transaction_ids:
        return []
    rows = connection.execute(select(sessions).where(sessions.c.id.in_(transaction_ids)))
    found = {row.id: _session(row) for row in rows}
    return [found[i] for i in transaction_ids if i in found]


def find_repeated_start(
    connection: Connection,
    *,
    charger_id: str,
    connector_id: int,
    id_tag: str,
    started_at: datetime,
    meter_start: int,
) -> Session | None:
    """The session a StartTransaction with these values already created, or None."""
    row = connection.execute(
        select(sessions).where(
            sessions.c.charger_id == charger_id,
            sessions.c.connector_id == connector_id,
            sessions.c.id_tag_key == normalize_id_tag(id_tag),
            sessions.c.started_at == started_at,
            sessions.c.meter_start == meter_start,
        )
    ).first()
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
    existing = find_repeated_start(
        connection,
        charger_id=charger_id,
        connector_id=connector_id,
        id_tag=id_tag,
        started_at=started_at,
        meter_start=meter_start,
    )
    if existing is not None:
        return existing, False
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
    """Close a running session; returns it and whether this call changed it.

    A session already closed is returned unchanged: a repeated StopTransaction is a no-op.
    A session ChargeDesk ended with an estimated stop (superseded, stopped by reboot,
    ended without a stop or by staff) takes the charger's true stop once, keeping its
    flags and note so staff still see what happened.
    """
    session = get_session(connection, transaction_id)
    if session is None:
        raise KeyError(transaction_id)
    if session.stopped_at is not None and not session.stop_estimated:
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
            stop_estimated=False,
        )
    )
    stopped = get_session(connection, transaction_id)
    assert stopped is not None
    return stopped, True


def running_on_connector(
    connection: Connection, charger_id: str, connector_id: int
) -> list[Session]:
    """The sessions in progress on one connector, oldest first (normally none or one)."""
    rows = connection.execute(
        select(sessions)
        .where(
            sessions.c.charger_id == charger_id,
            sessions.c.connector_id == connector_id,
            sessions.c.stopped_at.is_(None),
        )
        .order_by(sessions.c.id)
    )
    return [_session(row) for row in rows]


def last_energy_reading(
    connection: Connection, charger_id: str, transaction_id: int
) -> tuple[int, datetime] | None:
    """The newest energy-register reading (Wh) this charger stored for the session, and
    when it was taken; None when there is none."""
    rows = connection.execute(
        select(meter_samples.c.value, meter_samples.c.unit, meter_samples.c.taken_at)
        .where(
            meter_samples.c.session_key == transaction_id,
            meter_samples.c.charger_id == charger_id,
            meter_samples.c.measurand == ENERGY_REGISTER,
            meter_samples.c.phase == "",
            meter_samples.c.value.is_not(None),
        )
        .order_by(meter_samples.c.taken_at.desc(), meter_samples.c.id.desc())
        .limit(_READINGS_LOOKED_AT)
    )
    for value, unit, taken_at in rows:
        wh = float(value) * _WH_PER_UNIT.get(unit or "Wh", 1.0)
        # A reading that is no number of watt-hours or overflows BigInteger cannot be a stop.
        if math.isfinite(wh) and 0 <= wh < 2**63:
            return round(wh), as_utc(taken_at)
    return None


def end_session(
    connection: Connection,
    transaction_id: int,
    *,
    flag: str,
    received_at: datetime,
    fallback_at: datetime,
    note: str | None = None,
) -> Session | None:
    """End a running session without the charger's StopTransaction; None if not running.

    The stop is an estimate: the last energy-register reading stored for the session and
    its time (meterStart and ``fallback_at`` without one). A late StopTransaction
    replaces it (see ``stop_session``).
    """
    session = get_session(connection, transaction_id)
    if session is None or session.stopped_at is not None:
        return None
    reading = last_energy_reading(connection, session.charger_id, session.id)
    meter_stop, stopped_at = (session.meter_start, fallback_at) if reading is None else reading
    flags = tuple(dict.fromkeys((*session.flags, flag)))
    connection.execute(
        update(sessions)
        .where(sessions.c.id == transaction_id)
        .values(
            # Never below the start: the estimate must not invent a backwards meter.
            stopped_at=max(as_utc(stopped_at), session.started_at),
            stop_received_at=received_at,
            meter_stop=max(meter_stop, session.meter_start),
            flags=",".join(flags),
            stop_estimated=True,
            end_note=note,
        )
    )
    return get_session(connection, transaction_id)


def end_running_on_connector(
    connection: Connection,
    charger_id: str,
    connector_id: int,
    *,
    flag: str,
    received_at: datetime,
    fallback_at: datetime,
    started_before: datetime | None = None,
    keep: int | None = None,
) -> list[Session]:
    """End every session in progress on a connector (but ``keep``, and only those received
    before ``started_before`` when given); returns the sessions ended."""
    ended = []
    for session in running_on_connector(connection, charger_id, connector_id):
        if session.id == keep:
            continue
        received = session.received_at
        if started_before is not None and received is not None and received >= started_before:
            continue
        stopped = end_session(
            connection,
            session.id,
            flag=flag,
            received_at=received_at,
            fallback_at=fallback_at,
        )
        if stopped is not None:
            ended.append(stopped)
    return ended


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
            why_kept_aside=orphan.why_kept_aside,
            received_at=orphan.received_at,
            # transactionData stays with the orphan stop: it never reaches meter_samples.
            transaction_data=json.dumps([asdict(value) for value in data], default=str),
        )
    )
    keep_newest_of_charger(connection, orphan_stops, orphan.charger_id, ORPHAN_STOPS_KEPT)


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
            why_kept_aside=r.why_kept_aside,
        )
        for r in rows
    ]


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
    """How many sessions of this card are really in progress (for ConcurrentTx).

    Sessions ChargeDesk ended (superseded, by reboot, without a stop, by staff) have a
    stop and are not counted; nor are sessions whose start we refused (the charger was
    told to stop them), or one refusal would refuse the card everywhere after it.
    """
    return connection.execute(
        select(func.count())
        .select_from(sessions)
        .where(
            sessions.c.stopped_at.is_(None),
            sessions.c.id_tag_key == normalize_id_tag(id_tag),
            sessions.c.auth_status == AuthorizationStatus.ACCEPTED.value,
        )
    ).scalar_one()


def stored_auth_status(connection: Connection, transaction_id: int) -> str:
    """The verdict the card got when the session was started."""
    return connection.execute(  # type: ignore[no-any-return]
        select(sessions.c.auth_status).where(sessions.c.id == transaction_id)
    ).scalar_one()


def change_flags(
    connection: Connection,
    transaction_id: int,
    add: tuple[str, ...] = (),
    remove: tuple[str, ...] = (),
) -> Session | None:
    """Add and remove flags of a session; returns it (None when unknown).

    Written only when something changes, so asking twice costs one read.
    """
    session = get_session(connection, transaction_id)
    if session is None:
        return None
    flags = tuple(flag for flag in dict.fromkeys(session.flags + add) if flag not in remove)
    if flags == session.flags:
        return session
    connection.execute(
        update(sessions).where(sessions.c.id == transaction_id).values(flags=",".join(flags))
    )
    return get_session(connection, transaction_id)
