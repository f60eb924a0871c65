"""Small helpers shared by the repositories."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Insert, Table
from sqlalchemy.dialects import postgresql, sqlite

from console.core.clock import as_utc


def insert_ignoring_duplicates(connection: Connection, table: Table) -> Insert:
    """An INSERT that skips rows whose unique key already exists (SQLite and PostgreSQL)."""
    if connection.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if connection.dialect.name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"database {connection.dialect.name} is not supported")


def utc_or_none(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite hands back naive values)."""
    return None if value is None else as_utc(value)


def values(row: Any) -> dict[str, Any]:
    """A result row as a dict."""
    return dict(row._mapping)
