"""Opening, migrating and the SQLite settings that make commits durable."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from console.storage.database import describe_url, open_database


def test_migrations_create_every_table_and_are_repeatable(db_url: str) -> None:
    engine = open_database(db_url)
    tables = set(inspect(engine).get_table_names())
    assert {
        "chargers",
        "connectors",
        "status_history",
        "sessions",
        "meter_samples",
        "cards",
        "message_log",
        "refused_connections",
        "settings",
        "orphan_stops",
        "charger_events",
        "alembic_version",
    } <= tables
    engine.dispose()
    open_database(db_url).dispose()  # a second start applies nothing and fails nothing


def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(db_url: str) -> None:
    engine = open_database(db_url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
    engine.dispose()


def test_database_folder_is_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'deep' / 'er' / 'site.db'}"
    open_database(url).dispose()
    assert (tmp_path / "deep" / "er" / "site.db").exists()
    assert describe_url(url).endswith("site.db")
