"""Small helpers shared by the repositories."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Insert, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from console.core.clock import as_utc


def insert_ignoring_duplicates(connection: Connection, table: Table) -> Insert:
    """An INSERT that skips rows whose unique key already exists (SQLite and PostgreSQL).

    Its ``rowcount`` says how many rows were inserted: psycopg's is gone once SQLAlchemy
    closes the cursor of a statement without rows unless it is asked to keep it.
    """
    if connection.dialect.name == "postgresql":
        statement = postgresql.insert(table).on_conflict_do_nothing()
        return statement.execution_options(preserve_rowcount=True)
    if connection.dialect.name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"database {connection.dialect.name} is not supported")


def utc_or_none(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite hands back naive values)."""
    return None if value is None else as_utc(value)


def values(row: Any) -> dict[str, Any]:
    """A result row as a dict."""
    return dict(row._mapping)


def keep_newest_of_charger(
    connection: Connection, table: Table, charger_id: str, keep: int
) -> None:
    """Delete a charger's oldest rows of ``table`` beyond its newest ``keep`` (by id).

    What a charger sends that is kept aside must not grow storage for ever.
    """
    oldest_kept = (
        select(table.c.id)
        .where(table.c.charger_id == charger_id)
        .order_by(table.c.id.desc())
        .offset(keep - 1)
        .limit(1)
        .scalar_subquery()
    )
    connection.execute(
        delete(table).where(table.c.charger_id == charger_id, table.c.id < oldest_kept)
    )
