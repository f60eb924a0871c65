"""Repository of meter samples: a charger's own readings, and those kept aside.

A sample is stored with everything that tells it apart from another sample at the same
instant (reading context, measurand, phase, location, unit and the reading itself), so no
reading is dropped and a repeated MeterValues stores nothing new. Samples that name
another charger's transaction or an unknown one go to ``aside_samples`` instead: staff
can see them there, and no bill, report or live figure reads that table.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from console.core.model import AsideSample, MeterValue
from console.core.readings import MAX_POWER_W
from console.storage.logs import get_setting, set_setting
from console.storage.rows import (
    insert_ignoring_duplicates,
    keep_newest_of_charger,
    utc_or_none,
)
from console.storage.tables import AsideSampleRow, MeterSampleRow, SessionRow, table_of

meter_samples = table_of(MeterSampleRow)
aside_samples = table_of(AsideSampleRow)
_sessions = table_of(SessionRow)

RAW_KEPT = 60  # signed data longer than this is keyed by its digest, not copied into the key
ASIDE_KEPT_PER_CHARGER = 5000  # a charger sending others' readings cannot grow storage for ever
POWER_CEILING_KEY = "max_connector_power_w"


def power_ceiling_w(connection: Connection) -> float:
    """The most power (W) any connector of the site can deliver: readings rising faster
    are implausible. The generous default fits the fastest DC chargers; a site of 22 kW
    wallboxes may set less, a simulator running its meters fast sets more."""
    text = get_setting(connection, POWER_CEILING_KEY)
    try:
        watts = float(text) if text else MAX_POWER_W
    except ValueError:
        return MAX_POWER_W
    return watts if math.isfinite(watts) and watts > 0 else MAX_POWER_W


def set_power_ceiling_w(connection: Connection, watts: float) -> None:
    """Set the site's power ceiling (W); it applies to readings judged from now on."""
    if not (math.isfinite(watts) and watts > 0):
        raise ValueError(f"a power ceiling must be a positive number of watts, not {watts!r}")
    set_setting(connection, POWER_CEILING_KEY, repr(float(watts)))


def reading_key(value: float | None, raw_value: str | None) -> str:
    """The reading as text for the uniqueness key: the same sample gives the same text.

    A number is keyed by its exact float text; signed or other non-numeric data by its
    text, or its SHA-256 when long (a bounded key, and the data itself is in raw_value).
    """
    if raw_value is not None:
        if len(raw_value) <= RAW_KEPT:
            return "raw:" + raw_value
        return "sha256:" + hashlib.sha256(raw_value.encode()).hexdigest()
    if value is None or math.isnan(value):
        return ""
    return repr(float(value))


def _sample_columns(meter_values: tuple[MeterValue, ...]) -> list[dict[str, Any]]:
    rows = []
    for meter_value in meter_values:
        for sample in meter_value.samples:
            value = None if sample.raw_value is not None else sample.value
            rows.append(
                {
                    "taken_at": meter_value.timestamp,
                    "measurand": sample.measurand,
                    "phase": sample.phase or "",
                    "location": sample.location or "",
                    "unit": sample.unit or "",
                    "context": sample.context or "",
                    "reading": reading_key(value, sample.raw_value),
                    "value": value,
                    "raw_value": sample.raw_value,
                }
            )
    return rows


def sample_rows(
    charger_id: str,
    connector_id: int,
    transaction_id: int | None,
    meter_values: tuple[MeterValue, ...],
    received_at: datetime,
) -> list[dict[str, Any]]:
    """The meter_samples rows of some meter values (built off the writer thread)."""
    common = {
        "charger_id": charger_id,
        "connector_id": connector_id,
        "session_key": transaction_id or 0,
        "received_at": received_at,
    }
    return [common | row for row in _sample_columns(meter_values)]


def add_samples(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Store meter samples, skipping any already stored (a repeated MeterValues)."""
    if rows:
        connection.execute(insert_ignoring_duplicates(connection, meter_samples), rows)


def aside_rows(
    charger_id: str,
    connector_id: int,
    transaction_id: int,
    why: str,
    meter_values: tuple[MeterValue, ...],
    received_at: datetime,
) -> list[dict[str, Any]]:
    """The aside_samples rows of meter values that named a transaction not the charger's."""
    common = {
        "charger_id": charger_id,
        "connector_id": connector_id,
        "transaction_id": transaction_id,
        "reason": why,
        "received_at": received_at,
    }
    return [common | row for row in _sample_columns(meter_values)]


def add_aside_samples(
    connection: Connection, rows: list[dict[str, Any]], keep: int = ASIDE_KEPT_PER_CHARGER
) -> None:
    """Keep samples aside (a repeat is stored once); each charger keeps its newest ``keep``."""
    if not rows:
        return
    connection.execute(insert_ignoring_duplicates(connection, aside_samples), rows)
    for charger_id in {row["charger_id"] for row in rows}:
        keep_newest_of_charger(connection, aside_samples, charger_id, keep)


def list_aside_samples(
    connection: Connection, charger_id: str | None = None, limit: int = 1000
) -> list[AsideSample]:
    """Samples kept aside, newest first (of one charger when given)."""
    query = select(aside_samples).order_by(aside_samples.c.id.desc()).limit(limit)
    if charger_id is not None:
        query = query.where(aside_samples.c.charger_id == charger_id)
    return [
        AsideSample(
            charger_id=row.charger_id,
            connector_id=row.connector_id,
            transaction_id=row.transaction_id,
            why_kept_aside=row.reason,
            taken_at=utc_or_none(row.taken_at),  # type: ignore[arg-type]
            received_at=utc_or_none(row.received_at),  # type: ignore[arg-type]
            measurand=row.measurand,
            value=row.value,
            unit=row.unit,
            context=row.context,
            phase=row.phase,
            location=row.location,
            raw_value=row.raw_value,
        )
        for row in connection.execute(query)
    ]


def count_aside_samples(connection: Connection) -> int:
    """How many samples are kept aside."""
    return int(connection.execute(select(func.count()).select_from(aside_samples)).scalar_one())


def samples_of_session(
    connection: Connection, transaction_id: int, charger_id: str | None = None
) -> list[dict[str, Any]]:
    """Every stored sample of a session, oldest first, read by (charger, transaction).

    Without ``charger_id`` the session's own charger is looked up: a sample another
    charger stored under the same transaction id is never one of the session's.
    """
    if charger_id is None:
        charger_id = connection.execute(
            select(_sessions.c.charger_id).where(_sessions.c.id == transaction_id)
        ).scalar()
        if charger_id is None:
            return []
    rows = connection.execute(
        select(meter_samples)
        .where(
            meter_samples.c.charger_id == charger_id,
            meter_samples.c.session_key == transaction_id,
        )
        .order_by(meter_samples.c.taken_at, meter_samples.c.id)
    )
    return [dict(row._mapping) for row in rows]
