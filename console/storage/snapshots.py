"""Repository of configuration snapshots and the baseline of each charger model."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from console.core.clock import as_utc
from console.core.configuration import ConfigEntry, ConfigSnapshot
from console.core.model import BootInfo
from console.storage.tables import ConfigSnapshotRow, table_of

config_snapshots = table_of(ConfigSnapshotRow)


def add_snapshot(
    connection: Connection,
    charger_id: str,
    name: str,
    boot: BootInfo | None,
    taken_at: datetime,
    entries: list[ConfigEntry] | tuple[ConfigEntry, ...],
) -> int:
    """Store a configuration; returns the new snapshot's id."""
    content = json.dumps(
        [{"key": e.key, "value": e.value, "readonly": e.readonly} for e in entries]
    )
    result = connection.execute(
        config_snapshots.insert().values(
            charger_id=charger_id,
            name=name,
            vendor=None if boot is None else boot.vendor,
            model=None if boot is None else boot.model,
            firmware_version=None if boot is None else boot.firmware_version,
            taken_at=taken_at,
            baseline=False,
            content=content,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def get_snapshot(connection: Connection, snapshot_id: int) -> ConfigSnapshot | None:
    """The snapshot with this id, or None."""
    row = connection.execute(
        select(config_snapshots).where(config_snapshots.c.id == snapshot_id)
    ).first()
    return None if row is None else _snapshot(row)


def list_snapshots(
    connection: Connection,
    charger_id: str | None = None,
    vendor: str | None = None,
    model: str | None = None,
) -> list[ConfigSnapshot]:
    """Snapshots (of one charger, or of one model), newest first."""
    query = select(config_snapshots).order_by(
        config_snapshots.c.taken_at.desc(), config_snapshots.c.id.desc()
    )
    if charger_id is not None:
        query = query.where(config_snapshots.c.charger_id == charger_id)
    if vendor is not None:
        query = query.where(config_snapshots.c.vendor == vendor)
    if model is not None:
        query = query.where(config_snapshots.c.model == model)
    return [_snapshot(row) for row in connection.execute(query)]


def mark_baseline(connection: Connection, snapshot_id: int) -> ConfigSnapshot | None:
    """Make a snapshot the baseline of its model (the model's previous one stops being).

    Returns the snapshot, or None when there is no such snapshot.
    """
    snapshot = get_snapshot(connection, snapshot_id)
    if snapshot is None:
        return None
    connection.execute(
        update(config_snapshots)
        .where(
            _same(config_snapshots.c.vendor, snapshot.vendor),
            _same(config_snapshots.c.model, snapshot.model),
            config_snapshots.c.baseline.is_(True),
        )
        .values(baseline=False)
    )
    connection.execute(
        update(config_snapshots).where(config_snapshots.c.id == snapshot_id).values(baseline=True)
    )
    return get_snapshot(connection, snapshot_id)


def baseline_of(
    connection: Connection, vendor: str | None, model: str | None
) -> ConfigSnapshot | None:
    """The baseline of a charger model, or None when none is marked."""
    row = connection.execute(
        select(config_snapshots)
        .where(
            _same(config_snapshots.c.vendor, vendor),
            _same(config_snapshots.c.model, model),
            config_snapshots.c.baseline.is_(True),
        )
        .order_by(config_snapshots.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _snapshot(row)


def _same(column: Any, value: str | None) -> Any:
    return column.is_(None) if value is None else column == value


def _snapshot(row: Any) -> ConfigSnapshot:
    raw = json.loads(row.content or "[]")
    entries = tuple(
        ConfigEntry(
            str(item.get("key", "")),
            None if item.get("value") is None else str(item["value"]),
            bool(item.get("readonly", False)),
        )
        for item in raw
        if isinstance(item, dict)
    )
    return ConfigSnapshot(
        id=row.id,
        charger_id=row.charger_id,
        name=row.name,
        vendor=row.vendor,
        model=row.model,
        firmware_version=row.firmware_version,
        taken_at=as_utc(row.taken_at),
        baseline=bool(row.baseline),
        entries=entries,
    )
