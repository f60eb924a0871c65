"""Repository of the message log and of refused connections."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, select

from console.core.enums import Direction, FrameKind, RefusalReason
from console.core.model import LoggedFrame, RefusedConnection
from console.storage.rows import utc_or_none
from console.storage.tables import MessageLogRow, RefusedConnectionRow, SettingRow, table_of

message_log = table_of(MessageLogRow)
refused_connections = table_of(RefusedConnectionRow)
settings = table_of(SettingRow)


def frame_row(frame: LoggedFrame) -> dict[str, Any]:
    """The message_log row of a frame."""
    return {
        "at": frame.at,
        "charger_id": frame.charger_id,
        "direction": frame.direction.value,
        "kind": frame.kind.value,
        "message_id": frame.message_id,
        "action": frame.action,
        "payload": frame.payload,
        "latency_ms": frame.latency_ms,
    }


def prune_message_log(connection: Connection, keep_rows: int) -> int:
    """Delete the oldest frames beyond ``keep_rows``; returns how many were deleted."""
    newest = connection.execute(select(func.max(message_log.c.id))).scalar() or 0
    cutoff = newest - keep_rows
    if cutoff <= 0:
        return 0
    return connection.execute(delete(message_log).where(message_log.c.id <= cutoff)).rowcount


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


def add_refusal(connection: Connection, refusal: RefusedConnection) -> None:
    """Record a refused handshake."""
    connection.execute(
        refused_connections.insert().values(
            at=refusal.at,
            charger_id=refusal.charger_id,
            reason=refusal.reason.name,
            peer=refusal.peer,
            path=refusal.path,
            http_status=refusal.http_status,
        )
    )


def list_refusals(connection: Connection, limit: int = 500) -> list[RefusedConnection]:
    """The newest refused handshakes, newest first."""
    rows = connection.execute(
        select(refused_connections).order_by(refused_connections.c.id.desc()).limit(limit)
    )
    return [
        RefusedConnection(
            at=utc_or_none(r.at),  # type: ignore[arg-type]
            charger_id=r.charger_id,
            reason=RefusalReason[r.reason],
            peer=r.peer,
            path=r.path,
            http_status=r.http_status,
        )
        for r in rows
    ]


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
