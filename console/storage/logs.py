"""Repository of the message log, charger-event pruning and refused connections."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select

from console.core.enums import Direction, FrameKind, RefusalReason
from console.core.model import LoggedFrame, RefusedConnection
from console.storage.rows import utc_or_none
from console.storage.tables import (
    ChargerEventRow,
    MessageLogRow,
    RefusedConnectionRow,
    SettingRow,
    table_of,
)

message_log = table_of(MessageLogRow)
charger_events = table_of(ChargerEventRow)
refused_connections = table_of(RefusedConnectionRow)
settings = table_of(SettingRow)


ROW_OVERHEAD = 100  # bytes a row costs besides its payload (columns, indexes), roughly
PRUNE_SCAN = 5_000  # rows read per step when looking for where to cut


def payload_size(payload: str) -> int:
    """Bytes of a payload as stored (UTF-8)."""
    return len(payload) if payload.isascii() else len(payload.encode("utf-8"))


def frame_row(frame: LoggedFrame, omitted: int = 0) -> dict[str, Any]:
    """The message_log row of a frame (whose payload may already be cut: ``omitted`` bytes)."""
    return {
        "at": frame.at,
        "charger_id": frame.charger_id,
        "direction": frame.direction.value,
        "kind": frame.kind.value,
        "message_id": frame.message_id,
        "action": frame.action,
        "payload": frame.payload,
        "latency_ms": frame.latency_ms,
        "size": payload_size(frame.payload) + ROW_OVERHEAD,
        "omitted": omitted,
    }


def prune_message_log(connection: Connection, keep_rows: int) -> int:
    """Delete the oldest frames beyond ``keep_rows``; returns how many were deleted."""
    newest = connection.execute(select(func.max(message_log.c.id))).scalar() or 0
    cutoff = newest - keep_rows
    if cutoff <= 0:
        return 0
    return connection.execute(delete(message_log).where(message_log.c.id <= cutoff)).rowcount


def message_log_bytes(connection: Connection) -> int:
    """What the message log holds, in bytes (read from the covering size index)."""
    return int(connection.execute(select(func.sum(message_log.c.size))).scalar() or 0)


def prune_oldest_frames(
    connection: Connection, excess: int, max_rows: int | None = None
) -> tuple[int, int]:
    """Delete the oldest frames holding at least ``excess`` bytes, at most ``max_rows``.

    Returns (rows deleted, bytes deleted). Walks the (id, size) index from the oldest
    row, so no payload is read; ``max_rows`` keeps one transaction short.
    """
    cutoff: int | None = None
    after = 0
    rows_seen = freed = 0
    while freed < excess and (max_rows is None or rows_seen < max_rows):
        step = PRUNE_SCAN if max_rows is None else min(PRUNE_SCAN, max_rows - rows_seen)
        rows = connection.execute(
            select(message_log.c.id, message_log.c.size)
            .where(message_log.c.id > after)
            .order_by(message_log.c.id)
            .limit(step)
        ).all()
        if not rows:
            break
        for row_id, size in rows:
            freed += size
            rows_seen += 1
            cutoff = row_id
            if freed >= excess:
                break
        after = rows[-1][0]
    if cutoff is None:
        return 0, 0
    deleted = connection.execute(delete(message_log).where(message_log.c.id <= cutoff)).rowcount
    return deleted, freed


def prune_message_log_bytes(connection: Connection, budget: int) -> tuple[int, int]:
    """Delete the oldest frames until the log holds at most ``budget`` bytes.

    Returns (rows deleted, bytes the log holds afterwards).
    """
    total = message_log_bytes(connection)
    if total <= budget:
        return 0, total
    deleted, freed = prune_oldest_frames(connection, total - budget)
    return deleted, total - freed


def prune_by_age_and_count(
    connection: Connection, table: Table, time_column: str, before: datetime, keep_rows: int
) -> int:
    """Delete rows of a log ``table`` older than ``before`` and the oldest beyond ``keep_rows``.

    Rows are appended in time order, so the id is the age: one cut by id covers both.
    Returns how many rows were deleted.
    """
    ids = table.c.id
    newest = connection.execute(select(func.max(ids))).scalar() or 0
    cutoff = newest - keep_rows
    too_old = connection.execute(
        select(func.max(ids)).where(table.c[time_column] < before)
    ).scalar()
    if too_old is not None:
        cutoff = max(cutoff, too_old)
    if cutoff <= 0:
        return 0
    return connection.execute(delete(table).where(ids <= cutoff)).rowcount


def prune_charger_events(connection: Connection, before: datetime, keep_rows: int) -> int:
    """Delete charger events older than ``before`` and the oldest beyond ``keep_rows``."""
    return prune_by_age_and_count(connection, charger_events, "at", before, keep_rows)


def recent_frames(
    connection: Connection, charger_id: str | None = None, limit: int = 500
) -> list[LoggedFrame]:
    """The newest frames (of one charger, or of all), newest first."""
    query = select(message_log).order_by(message_log.c.id.desc()).limit(limit)
    if charger_id is not None:
        query = query.where(message_log.c.charger_id == charger_id)
    return [
        LoggedFrame(
            at=utc_or_none(r.at),  # type: ignore[arg-type]
            charger_id=r.charger_id,
            direction=Direction(r.direction),
            kind=FrameKind(r.kind),
            message_id=r.message_id,
            action=r.action,
            payload=r.payload,
            latency_ms=r.latency_ms,
        )
        for r in connection.execute(query)
    ]


REFUSAL_ID_CHARS = 64  # a charger id is 48 at most: longer ones are kept as a sample
REFUSAL_PATH_CHARS = 255
REFUSAL_TEXT_CHARS = 64
REFUSAL_KEEP_ROWS = 5000
REFUSAL_KEEP_AGE = timedelta(days=90)
REFUSAL_PRUNE_EVERY = 100  # new records between two prunes (the bound is keep + this)


def cut_text(text: str | None, length: int) -> str | None:
    """``text`` cut to ``length`` characters, marked with "…" when it was longer."""
    if text is None or len(text) <= length:
        return text
    return text[: length - 1] + "…"


def add_refusal(
    connection: Connection,
    refusal: RefusedConnection,
    key: str,
    *,
    keep_rows: int = REFUSAL_KEEP_ROWS,
    keep_age: timedelta = REFUSAL_KEEP_AGE,
) -> int:
    """Record a refused handshake; a repeat of ``key`` for the same reason is counted.

    ``key`` names who was refused: the charger's id key, or ``@host`` when it gave no
    usable id. Every ``REFUSAL_PRUNE_EVERY`` new records, those older than ``keep_age``
    and those beyond the newest ``keep_rows`` are deleted. Returns the record's count.
    """
    key = cut_text(key, 80) or ""
    offer = {
        "at": refusal.at,
        "charger_id": cut_text(refusal.charger_id, REFUSAL_ID_CHARS),
        "peer": cut_text(refusal.peer, REFUSAL_TEXT_CHARS),
        "path": cut_text(refusal.path, REFUSAL_PATH_CHARS) or "",
        "http_status": refusal.http_status,
        "subprotocols": cut_text(",".join(refusal.subprotocols), REFUSAL_PATH_CHARS) or None,
        "username": cut_text(refusal.username, REFUSAL_TEXT_CHARS),
    }
    same = (refused_connections.c.refusal_key == key) & (
        refused_connections.c.reason == refusal.reason.name
    )
    row = connection.execute(
        select(refused_connections.c.id, refused_connections.c.count).where(same).limit(1)
    ).first()
    if row is not None:
        record_id, count = int(row[0]), int(row[1]) + 1
        connection.execute(
            refused_connections.update()
            .where(refused_connections.c.id == record_id)
            .values(count=count, **offer)
        )
        return count
    inserted = connection.execute(
        refused_connections.insert().values(
            refusal_key=key,
            reason=refusal.reason.name,
            first_at=refusal.first_at or refusal.at,
            count=refusal.count,
            **offer,
        )
    )
    new_id = inserted.inserted_primary_key[0] if inserted.inserted_primary_key else 0
    if new_id and new_id % REFUSAL_PRUNE_EVERY == 0:
        prune_refusals(connection, refusal.at - keep_age, keep_rows)
    return refusal.count


def prune_refusals(connection: Connection, older_than: datetime, keep_rows: int) -> int:
    """Delete refusal records last seen before ``older_than``, and all but the newest
    ``keep_rows``; returns how many were deleted."""
    deleted = connection.execute(
        delete(refused_connections).where(refused_connections.c.at < older_than)
    ).rowcount
    beyond = (
        select(refused_connections.c.id).order_by(refused_connections.c.at.desc()).offset(keep_rows)
    )
    extra = [row.id for row in connection.execute(beyond)]
    if extra:
        connection.execute(delete(refused_connections).where(refused_connections.c.id.in_(extra)))
    return deleted + len(extra)


def list_refusals(connection: Connection, limit: int = 500) -> list[RefusedConnection]:
    """The newest refusal records, newest first."""
    rows = connection.execute(
        select(refused_connections).order_by(refused_connections.c.at.desc()).limit(limit)
    )
    return [_refusal(r) for r in rows]


def _refusal(r: Any) -> RefusedConnection:
    at = utc_or_none(r.at)
    return RefusedConnection(
        at=at,  # type: ignore[arg-type]
        charger_id=r.charger_id,
        reason=RefusalReason[r.reason],
        peer=r.peer,
        path=r.path,
        http_status=r.http_status,
        count=r._mapping["count"],
        first_at=utc_or_none(r.first_at) if r._mapping["count"] > 1 else None,
        subprotocols=tuple(r.subprotocols.split(",")) if r.subprotocols else (),
        username=r.username,
    )


def get_setting(connection: Connection, key: str) -> str | None:
    """A site setting, or None when it was never set."""
    return connection.execute(select(settings.c.value).where(settings.c.key == key)).scalar()


def set_setting(connection: Connection, key: str, value: str) -> None:
    """Set a site setting."""
    if (
        connection.execute(
            settings.update().where(settings.c.key == key).values(value=value)
        ).rowcount
        == 0
    ):
        connection.execute(settings.insert().values(key=key, value=value))
