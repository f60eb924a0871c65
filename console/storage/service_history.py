"""Reads for a charger's service report: its events and faults in a period."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from console.storage.rows import utc_or_none
from console.storage.tables import ChargerEventRow, StatusHistoryRow, table_of

charger_events = table_of(ChargerEventRow)
status_history = table_of(StatusHistoryRow)


@dataclass(frozen=True, slots=True)
class ChargerEvent:
    """One entry of a charger's history (connected, disconnected, boot, firmware…)."""

    at: datetime
    kind: str
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class FaultRecord:
    """A Faulted StatusNotification as stored."""

    at: datetime  # when we received it
    connector_id: int
    error_code: str
    vendor_error_code: str | None
    info: str | None
    charger_time: datetime | None


def events_between(
    connection: Connection,
    charger_id: str,
    since: datetime,
    until: datetime,
    kinds: tuple[str, ...] | None = None,
) -> list[ChargerEvent]:
    """A charger's events in ``[since, until)``, oldest first."""
    query = (
        select(charger_events)
        .where(
            charger_events.c.charger_id == charger_id,
            charger_events.c.at >= since,
            charger_events.c.at < until,
        )
        .order_by(charger_events.c.at, charger_events.c.id)
    )
    if kinds is not None:
        query = query.where(charger_events.c.kind.in_(kinds))
    return [
        ChargerEvent(utc_or_none(r.at), r.kind, json.loads(r.details or "{}"))  # type: ignore[arg-type]
        for r in connection.execute(query)
    ]


def faults_between(
    connection: Connection, charger_id: str, since: datetime, until: datetime
) -> list[FaultRecord]:
    """The Faulted statuses a charger reported in ``[since, until)``, oldest first."""
    query = (
        select(status_history)
        .where(
            status_history.c.charger_id == charger_id,
            status_history.c.status == "Faulted",
            status_history.c.received_at >= since,
            status_history.c.received_at < until,
        )
        .order_by(status_history.c.received_at, status_history.c.id)
    )
    return [
        FaultRecord(
            at=utc_or_none(r.received_at),  # type: ignore[arg-type]
            connector_id=r.connector_id,
            error_code=r.error_code,
            vendor_error_code=r.vendor_error_code,
            info=r.info,
            charger_time=utc_or_none(r.charger_time),
        )
        for r in connection.execute(query)
    ]
