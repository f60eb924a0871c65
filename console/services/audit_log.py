"""Reading, exporting and checking the audit log (admins: Permission.AUDIT).

Reads run in a worker thread on their own connection (WAL lets them read beside the
writer), never on the engine loop: a long log takes a while to page through or check.
An export is itself recorded in the log: who took a copy of it, and where.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from console.core.audit import AuditEntry, canonical, utc_text
from console.core.staff import Actor, Permission, require
from console.services.csv_text import CsvWriter
from console.services.formatting import iso_local, zone_label
from console.storage import audit
from console.storage.audit import AuditFilter, ChainReport
from console.storage.writer import StorageWriter

__all__ = [
    "AuditFilter",
    "AuditLogService",
    "ChainReport",
    "ExportFormat",
    "change_summary",
    "entry_dict",
]

ExportFormat = str  # "csv" or "jsonl"
EXPORT_FORMATS = ("csv", "jsonl")
EXPORT_BATCH = 2000
CSV_HEADER = (
    "seq",
    "time",
    "zone",
    "person",
    "staff_id",
    "from",
    "place",
    "action",
    "target",
    "before",
    "after",
    "hash",
)


def entry_dict(entry: AuditEntry) -> dict[str, Any]:
    """An entry as one JSON object: every hashed field (``at`` in UTC, as hashed) and
    the time in the site's zone, so an exported log can be checked again elsewhere."""
    return {
        "seq": entry.seq,
        "at": utc_text(entry.at),
        "at_local": iso_local(entry.at),
        "zone": zone_label(),
        "actor": entry.actor,
        "staff_id": entry.staff_id,
        "origin": entry.origin,
        "place": entry.place,
        "action": entry.action,
        "target": entry.target,
        "before": entry.before,
        "after": entry.after,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def _csv_row(entry: AuditEntry) -> list[object]:
    return [
        entry.seq,
        iso_local(entry.at),
        zone_label(),
        entry.actor,
        "" if entry.staff_id is None else entry.staff_id,
        entry.origin,
        entry.place,
        entry.action,
        entry.target,
        "" if entry.before is None else canonical(entry.before),
        "" if entry.after is None else canonical(entry.after),
        entry.hash,
    ]


def _oldest_first(connection: Connection, wanted: AuditFilter | None) -> Iterator[AuditEntry]:
    offset = 0
    while True:
        batch = audit.entries(
            connection, wanted, limit=EXPORT_BATCH, offset=offset, newest_first=False
        )
        yield from batch
        if len(batch) < EXPORT_BATCH:
            return
        offset += len(batch)


def write_export(
    connection: Connection, path: Path, wanted: AuditFilter | None, file_format: ExportFormat
) -> int:
    """Write the matching entries, oldest first, to ``path``; the number written.

    Written beside ``path`` and renamed at the end, so a failed export leaves no half
    file under the chosen name. CSV cells go through the spreadsheet-safe escaping.
    """
    if file_format not in EXPORT_FORMATS:
        raise ValueError(f"cannot export the audit log as '{file_format}': use csv or jsonl")
    partial = path.with_name(path.name + ".partial")
    count = 0
    try:
        if file_format == "csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as file:
                writer = CsvWriter(file)
                writer.writerow(CSV_HEADER)
                for entry in _oldest_first(connection, wanted):
                    writer.writerow(_csv_row(entry))
                    count += 1
        else:
            with partial.open("w", encoding="utf-8") as file:
                for entry in _oldest_first(connection, wanted):
                    file.write(json.dumps(entry_dict(entry), ensure_ascii=False) + "\n")
                    count += 1
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


class AuditLogService:
    """The audit log for admins: a page of entries, an export, the chain check."""

    def __init__(self, writer: StorageWriter) -> None:
        self._writer = writer

    def _read_connection(self) -> Connection:
        return self._writer.engine.connect()

    async def entries(
        self,
        wanted: AuditFilter | None = None,
        *,
        actor: Actor,
        limit: int | None = 200,
        offset: int = 0,
    ) -> list[AuditEntry]:
        """One page of the entries that match ``wanted``, newest first."""
        require(actor, Permission.AUDIT)

        def read() -> list[AuditEntry]:
            with self._read_connection() as connection:
                return audit.entries(connection, wanted, limit=limit, offset=offset)

        return await asyncio.to_thread(read)

    async def export(
        self,
        path: Path,
        wanted: AuditFilter | None = None,
        *,
        actor: Actor,
        file_format: ExportFormat = "csv",
    ) -> int:
        """Write the matching entries to ``path`` (CSV or JSON lines); the number written.

        The export is recorded in the log (who, which file, how many entries).
        """
        require(actor, Permission.AUDIT)

        def write() -> int:
            with self._read_connection() as connection:
                return write_export(connection, path, wanted, file_format)

        count = await asyncio.to_thread(write)
        after = {"format": file_format, "entries": count, "filter": _filter_dict(wanted)}
        await self._writer.submit(
            lambda c: audit.append(c, actor, "audit.export", str(path), None, after)
        )
        return count

    async def check(self) -> ChainReport:
        """Walk the whole chain: how many entries, and every changed or deleted one."""

        def read() -> ChainReport:
            with self._read_connection() as connection:
                return audit.check(connection)

        return await asyncio.to_thread(read)


def _filter_dict(wanted: AuditFilter | None) -> dict[str, Any] | None:
    if wanted is None:
        return None
    values = {
        "since": wanted.since,
        "until": wanted.until,
        "actor": wanted.actor,
        "action": wanted.action,
        "target": wanted.target,
        "origin": wanted.origin,
    }
    return {name: value for name, value in values.items() if value is not None} or None


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else canonical(value)
    return text if len(text) <= 60 else text[:57] + "..."


def change_summary(entry: AuditEntry) -> str:
    """What an entry changed, in one line: "roles: desk -> admin,desk; active: ..."."""
    before, after = entry.before, entry.after
    if isinstance(before, dict) and isinstance(after, dict):
        names = [name for name in {**before, **after} if before.get(name) != after.get(name)]
        return "; ".join(
            f"{name}: {_short(before.get(name))} -> {_short(after.get(name))}" for name in names
        )
    if before is None and isinstance(after, dict):
        return ", ".join(f"{name}={_short(value)}" for name, value in after.items())
    if before is None and after is None:
        return ""
    return f"{_short(before)} -> {_short(after)}"
