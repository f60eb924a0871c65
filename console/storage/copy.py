"""Moving a site's database: copy every table to an empty, migrated database, then check.

The use: a site that outgrew SQLite moves to PostgreSQL (``chargedesk db copy --to
postgresql://...``). The target is migrated to the source's schema version and must be
empty. Tables are copied parent before child (foreign keys), each in primary-key order
and in batches (a year of meter samples does not fit in memory), all in one transaction
on the target: a failed copy leaves it as empty as it was. Sequences are moved past the
copied ids, so the next session, receipt or card gets a new one. Before the copy is
called done, each table's row count and a checksum of every row are compared between
source and target, and the audit chain is checked on the target.

Nothing is written to the source; stop ChargeDesk before copying, or what it writes
meanwhile is not in the copy.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, String, Table, func, inspect, select, text

from console.core.clock import as_utc
from console.core.staff import Actor
from console.storage import audit
from console.storage.database import create_db_engine, describe_url, migrate
from console.storage.tables import Base

log = logging.getLogger(__name__)

BATCH_ROWS = 2000
VERSION_TABLE = "alembic_version"


class CopyRefused(Exception):
    """The copy cannot start or did not check out; ``str()`` says why, for people."""


@dataclass(frozen=True)
class TableCopy:
    """One table's figures: rows in the source and the target, and their checksums."""

    name: str
    source_rows: int
    target_rows: int
    source_digest: str
    target_digest: str

    @property
    def matches(self) -> bool:
        """Same rows, same content."""
        return self.source_rows == self.target_rows and self.source_digest == self.target_digest


@dataclass
class CopyReport:
    """What was copied and what the checks found."""

    tables: list[TableCopy] = field(default_factory=list)
    audit_entries: int = 0
    audit_problems: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Rows copied, over all tables."""
        return sum(table.target_rows for table in self.tables)

    @property
    def ok(self) -> bool:
        """Every table matches and the audit chain is intact on the target."""
        return all(table.matches for table in self.tables) and not self.audit_problems


Progress = Callable[[str, int], None]  # (table, rows copied so far)


def copy_database(
    source_url: str,
    target_url: str,
    *,
    batch_rows: int = BATCH_ROWS,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy the site database at ``source_url`` into the empty database at ``target_url``
    and check the copy; raises CopyRefused when the target is not empty or the source is
    not at the newest schema, and returns the report (``ok`` says whether it checked out).
    """
    source = create_db_engine(source_url)
    target = create_db_engine(target_url)
    try:
        names = (describe_url(source_url), describe_url(target_url))
        return _copy(source, target, names, batch_rows, progress or (lambda _table, _rows: None))
    finally:
        source.dispose()
        target.dispose()


def _copy(
    source: Engine, target: Engine, names: tuple[str, str], batch_rows: int, progress: Progress
) -> CopyReport:
    tables = copied_tables()
    with source.connect() as reading:
        version = _version_of(reading)
        if version is None:
            raise CopyRefused(f"{names[0]} is not a ChargeDesk database")
    # The target gets the schema of this program; the source must have it too (it has
    # when this program opened it once), else the columns would not line up.
    migrate(target)
    with target.connect() as writing:
        target_version = _version_of(writing)
        filled = [table.name for table in tables if _count(writing, table)]
    if target_version != version:
        raise CopyRefused(
            f"the source database is at schema version {version} and this ChargeDesk at "
            f"{target_version}: start ChargeDesk once on the source to bring it up to date"
        )
    if filled:
        raise CopyRefused(
            f"the target database {names[1]} is not empty (rows in "
            f"{', '.join(filled[:5])}{'…' if len(filled) > 5 else ''}): copy only into an "
            "empty database"
        )
    with source.connect() as reading, target.begin() as writing:
        for table in tables:
            copied = 0
            for rows in _batches(reading, table, batch_rows):
                writing.execute(table.insert(), [_for_target(table, row) for row in rows])
                copied += len(rows)
                progress(table.name, copied)
            log.info("copied %d rows of %s", copied, table.name)
        reset_sequences(writing, tables)
    return check_copy(source, target, tables)


def copied_tables() -> list[Table]:
    """ChargeDesk's tables, parents before children (the migrations' own table is not
    copied: the target has its own, at the same version)."""
    return [table for table in Base.metadata.sorted_tables if table.name != VERSION_TABLE]


def check_copy(source: Engine, target: Engine, tables: list[Table]) -> CopyReport:
    """Compare every table's row count and row checksum, and check the audit chain on
    the target."""
    report = CopyReport()
    with source.connect() as before, target.connect() as after:
        for table in tables:
            source_rows, source_digest = table_digest(before, table)
            target_rows, target_digest = table_digest(after, table)
            report.tables.append(
                TableCopy(table.name, source_rows, target_rows, source_digest, target_digest)
            )
        chain = audit.check(after)
    report.audit_entries = chain.entries
    report.audit_problems = [f"entry {p.seq}: {p.problem}" for p in chain.problems]
    return report


def table_digest(connection: Connection, table: Table) -> tuple[int, str]:
    """(rows, SHA-256 of every row in primary-key order), the same for a table on SQLite
    and on PostgreSQL: times as UTC, numbers and text as JSON."""
    digest = hashlib.sha256()
    count = 0
    for rows in _batches(connection, table, BATCH_ROWS):
        for row in rows:
            digest.update(json.dumps([_plain(row[c.name]) for c in table.columns]).encode())
            digest.update(b"\n")
            count += 1
    return count, digest.hexdigest()


def reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """Move each PostgreSQL sequence behind an integer primary key past the copied ids
    (SQLite takes the next id from the rows themselves)."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        for column in table.primary_key.columns:
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            ).scalar()
            if sequence is None:
                continue
            # setval(seq, max, true): the next id is max + 1; an empty table starts at 1.
            connection.execute(
                text(
                    f'SELECT setval(:sequence, coalesce(max("{column.name}"), 1), '
                    f'max("{column.name}") IS NOT NULL) FROM "{table.name}"'
                ),
                {"sequence": sequence},
            )


def _batches(connection: Connection, table: Table, size: int) -> Iterator[list[dict[str, Any]]]:
    """The rows of ``table`` in primary-key order, ``size`` at a time (keyset paging)."""
    keys: list[Any] = list(table.primary_key.columns) or list(table.columns)
    if connection.dialect.name == "postgresql":
        # Text keys in byte order, as SQLite sorts them: a database made with a
        # language's collation puts "P1-b" before "P1-C", and the digests of two equal
        # tables would then differ.
        keys = [key.collate("C") if isinstance(key.type, String) else key for key in keys]
    query = select(table).order_by(*keys).execution_options(stream_results=True)
    result = connection.execute(query)
    for part in result.mappings().partitions(size):
        yield [dict(row) for row in part]


def _for_target(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    # SQLite hands times back without a zone; they were stored as UTC, and PostgreSQL
    # would read a zone-less time in the server's zone.
    for column in table.columns:
        value = row.get(column.name)
        if isinstance(value, datetime) and isinstance(column.type, DateTime):
            row[column.name] = as_utc(value)
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).astimezone(UTC).isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar() or 0)


def _version_of(connection: Connection) -> str | None:
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    version = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return None if version is None else str(version)


def record_copy(target_url: str, actor: Actor, source: str, report: CopyReport) -> CopyReport:
    """Note in the target's audit log that it was copied from ``source`` (after the checks:
    the entry is the target's own, not the source's), then check the chain again."""
    engine = create_db_engine(target_url)
    try:
        with engine.begin() as connection:
            audit.append(
                connection,
                actor,
                "database.copy",
                source,
                None,
                {"tables": len(report.tables), "rows": report.rows},
            )
        with engine.connect() as connection:
            chain = audit.check(connection)
    finally:
        engine.dispose()
    report.audit_entries = chain.entries
    report.audit_problems = [f"entry {p.seq}: {p.problem}" for p in chain.problems]
    return report
