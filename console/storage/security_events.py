"""Repository of the security events chargers report (bounded like the other logs)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from console.core.charger_security import SecurityEvent
from console.storage.logs import prune_by_age_and_count
from console.storage.rows import utc_or_none
from console.storage.tables import table_of
from console.storage.tables_security import SecurityEventRow

security_events = table_of(SecurityEventRow)

KEEP_DAYS = 90  # security events older than this are pruned
KEEP_ROWS = 10_000  # and the oldest beyond this many, for the whole site
TECH_INFO_LIMIT = 255  # characters kept of a techInfo (the extension allows 255)
KIND_LIMIT = 64


def add_security_event(
    connection: Connection,
    charger_id: str | None,
    kind: str,
    severity: str,
    at: datetime,
    received_at: datetime,
    tech_info: str | None = None,
    *,
    keep_days: int = KEEP_DAYS,
    keep_rows: int = KEEP_ROWS,
) -> int:
    """Store one event and prune the list to its bounds; returns the new row's id.

    Whatever a charger sends is cut to the column sizes: a charger cannot grow storage
    beyond ``keep_rows`` events of bounded size.
    """
    result = connection.execute(
        security_events.insert().values(
            charger_id=charger_id,
            kind=kind[:KIND_LIMIT],
            severity=severity,
            at=at,
            received_at=received_at,
            tech_info=None if tech_info is None else tech_info[:TECH_INFO_LIMIT],
        )
    )
    (new_id,) = result.inserted_primary_key or (0,)
    prune_by_age_and_count(
        connection,
        security_events,
        "received_at",
        received_at - timedelta(days=keep_days),
        keep_rows,
    )
    return int(new_id)


def list_security_events(
    connection: Connection, charger_id: str | None = None, limit: int = 200
) -> list[SecurityEvent]:
    """The newest events (of one charger, or of all), newest first."""
    query = select(security_events).order_by(security_events.c.id.desc()).limit(limit)
    if charger_id is not None:
        query = query.where(security_events.c.charger_id == charger_id)
    return [
        SecurityEvent(
            id=row.id,
            charger_id=row.charger_id,
            at=utc_or_none(row.at) or row.at,
            received_at=utc_or_none(row.received_at) or row.received_at,
            kind=row.kind,
            severity=row.severity,
            tech_info=row.tech_info,
        )
        for row in connection.execute(query)
    ]
