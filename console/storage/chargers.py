"""Repository of chargers, their connectors, status history and connection events."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from console.core.charger_ids import charger_key
from console.core.enums import Approval, ConnectorStatus
from console.core.model import BootInfo, ChargerRecord, StatusReport
from console.storage.rows import utc_or_none
from console.storage.tables import (
    ChargerEventRow,
    ChargerRow,
    ConnectorRow,
    RefusedConnectionRow,
    StatusHistoryRow,
    table_of,
)

chargers = table_of(ChargerRow)
connectors = table_of(ConnectorRow)
status_history = table_of(StatusHistoryRow)
charger_events = table_of(ChargerEventRow)
refused_connections = table_of(RefusedConnectionRow)

_BOOT_FIELDS = (
    "vendor",
    "model",
    "serial",
    "firmware_version",
    "charge_box_serial",
    "iccid",
    "imsi",
    "meter_type",
    "meter_serial",
)


def _record(row: Any) -> ChargerRecord:
    boot = None
    if row.vendor is not None:
        boot = BootInfo(**{name: getattr(row, name) for name in _BOOT_FIELDS})
    return ChargerRecord(
        id=row.id,
        approval=Approval(row.approval),
        has_password=row.password_hash is not None,
        boot=boot,
        registered_at=utc_or_none(row.registered_at),  # type: ignore[arg-type]
        last_seen=utc_or_none(row.last_seen),
        retired=bool(row.retired),
        security_profile=int(row.security_profile or 0),
    )


def _same_charger(charger_id: str) -> Any:
    """The condition that finds a charger by its id compared without case."""
    return chargers.c.id_key == charger_key(charger_id)


def get_charger(connection: Connection, charger_id: str) -> ChargerRecord | None:
    """The charger with this id (compared without case), or None."""
    row = connection.execute(select(chargers).where(_same_charger(charger_id))).first()
    return None if row is None else _record(row)


def password_hash(connection: Connection, charger_id: str) -> str | None:
    """The stored password hash of a charger (None: no password set)."""
    return connection.execute(
        select(chargers.c.password_hash).where(_same_charger(charger_id))
    ).scalar()


def count_waiting(connection: Connection, since: datetime, host: str | None = None) -> int:
    """Chargers waiting for approval that were heard of since ``since`` (from ``host``)."""
    query = (
        select(func.count())
        .select_from(chargers)
        .where(chargers.c.approval == Approval.PENDING.value)
        .where(chargers.c.retired.is_(False))
        .where(func.coalesce(chargers.c.last_seen, chargers.c.registered_at) >= since)
    )
    if host is not None:
        query = query.where(chargers.c.registered_from == host)
    return int(connection.execute(query).scalar() or 0)


def list_chargers(connection: Connection, include_retired: bool = False) -> list[ChargerRecord]:
    """Every charger, ordered by id."""
    query = select(chargers).order_by(chargers.c.id)
    if not include_retired:
        query = query.where(chargers.c.retired.is_(False))
    return [_record(row) for row in connection.execute(query)]


def add_charger(
    connection: Connection,
    charger_id: str,
    approval: Approval,
    at: datetime,
    password_hash: str | None = None,
    registered_from: str | None = None,
) -> ChargerRecord:
    """Register a charger; an existing one keeps its row and gets the new approval/password.

    An existing charger keeps the spelling of its id it was first registered with, even
    when ``charger_id`` differs from it in case.
    """
    existing = get_charger(connection, charger_id)
    if existing is None:
        connection.execute(
            chargers.insert().values(
                id=charger_id,
                id_key=charger_key(charger_id),
                approval=approval.value,
                password_hash=password_hash,
                registered_at=at,
                retired=False,
                registered_from=registered_from,
            )
        )
    else:
        changes: dict[str, Any] = {"approval": approval.value, "retired": False}
        if password_hash is not None:
            changes["password_hash"] = password_hash
        connection.execute(update(chargers).where(_same_charger(charger_id)).values(**changes))
    record = get_charger(connection, charger_id)
    assert record is not None
    return record


def set_approval(connection: Connection, charger_id: str, approval: Approval) -> bool:
    """Accept or reject a charger; False when there is no such charger."""
    result = connection.execute(
        update(chargers).where(_same_charger(charger_id)).values(approval=approval.value)
    )
    return result.rowcount > 0


def set_retired(connection: Connection, charger_id: str) -> bool:
    """Retire a charger (kept, never deleted: its sessions name it); False when unknown."""
    result = connection.execute(
        update(chargers).where(_same_charger(charger_id)).values(retired=True)
    )
    return result.rowcount > 0


def set_password_hash(connection: Connection, charger_id: str, hashed: str | None) -> bool:
    """Set or clear a charger's password; False when there is no such charger."""
    result = connection.execute(
        update(chargers).where(_same_charger(charger_id)).values(password_hash=hashed)
    )
    return result.rowcount > 0


def set_security_profile(connection: Connection, charger_id: str, profile: int) -> bool:
    """Set the security profile a charger is required to connect with (0 to 3); False when
    there is no such charger."""
    result = connection.execute(
        update(chargers).where(_same_charger(charger_id)).values(security_profile=profile)
    )
    return result.rowcount > 0


def record_boot(connection: Connection, charger_id: str, boot: BootInfo, at: datetime) -> None:
    """Store the details of a BootNotification."""
    details = {name: getattr(boot, name) for name in _BOOT_FIELDS}
    connection.execute(
        update(chargers)
        .where(chargers.c.id == charger_id)
        .values(booted_at=at, last_seen=at, **details)
    )
    add_event(connection, charger_id, "boot", at, details)


def touch_last_seen(connection: Connection, seen: dict[str, datetime]) -> None:
    """Store when each charger was last heard from (written in batches, not per frame)."""
    for charger_id, at in seen.items():
        connection.execute(update(chargers).where(chargers.c.id == charger_id).values(last_seen=at))


def save_status(
    connection: Connection, charger_id: str, report: StatusReport, received_at: datetime
) -> None:
    """Store a StatusNotification: the history row and the connector's present status."""
    connection.execute(
        status_history.insert().values(
            charger_id=charger_id,
            connector_id=report.connector_id,
            status=report.status.value,
            error_code=report.error_code,
            info=report.info,
            vendor_id=report.vendor_id,
            vendor_error_code=report.vendor_error_code,
            charger_time=report.timestamp,
            received_at=received_at,
        )
    )
    present = {
        "status": report.status.value,
        "error_code": report.error_code,
        "info": report.info,
        "status_at": report.timestamp or received_at,
    }
    key = (connectors.c.charger_id == charger_id) & (
        connectors.c.connector_id == report.connector_id
    )
    if connection.execute(update(connectors).where(key).values(**present)).rowcount == 0:
        connection.execute(
            connectors.insert().values(
                charger_id=charger_id, connector_id=report.connector_id, **present
            )
        )


def connector_statuses(connection: Connection) -> list[tuple[str, int, StatusReport]]:
    """The last status of every connector of every charger."""
    rows = connection.execute(select(connectors))
    return [
        (
            row.charger_id,
            row.connector_id,
            StatusReport(
                connector_id=row.connector_id,
                status=ConnectorStatus(row.status),
                error_code=row.error_code,
                info=row.info,
                timestamp=utc_or_none(row.status_at),
            ),
        )
        for row in rows
    ]


def add_event(
    connection: Connection, charger_id: str, kind: str, at: datetime, details: dict[str, Any]
) -> None:
    """Append to a charger's history (connected, disconnected, boot, firmware…)."""
    connection.execute(
        charger_events.insert().values(
            charger_id=charger_id, kind=kind, at=at, details=json.dumps(details, default=str)
        )
    )


def charger_events_of(
    connection: Connection, charger_id: str, limit: int = 200
) -> list[tuple[datetime, str, dict[str, Any]]]:
    """The newest events of a charger, newest first."""
    rows = connection.execute(
        select(charger_events)
        .where(charger_events.c.charger_id == charger_id)
        .order_by(charger_events.c.id.desc())
        .limit(limit)
    )
    return [(utc_or_none(r.at), r.kind, json.loads(r.details)) for r in rows]  # type: ignore[misc]
