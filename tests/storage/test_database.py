"""Opening, migrating and the SQLite settings that make commits durable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from console.storage import database
from console.storage.database import DriverMissing, describe_url, engine_url, open_database

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)


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


@pytest.mark.sqlite_only
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


def test_migrations_run_on_an_empty_postgresql_database(empty_postgres_url: str) -> None:
    engine = open_database(empty_postgres_url)
    with engine.connect() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert head is not None
    assert {"sessions", "receipts", "audit_log"} <= set(inspect(engine).get_table_names())
    engine.dispose()


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_postgresql_urls_as_people_write_them_use_psycopg(scheme: str) -> None:
    url = engine_url(f"{scheme}://desk:secret@db.example:5432/chargedesk")
    assert url.drivername == "postgresql+psycopg"
    assert url.database == "chargedesk"
    assert describe_url(f"{scheme}://desk:secret@db.example/chargedesk").count("secret") == 0
    # A driver named by the user is the user's choice.
    assert engine_url("postgresql+psycopg2://h/db").drivername == "postgresql+psycopg2"


def test_a_missing_postgresql_driver_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(database.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(DriverMissing, match=r"pip install 'chargedesk\[postgresql\]'"):
        database.create_db_engine("postgresql://desk@127.0.0.1/chargedesk")


def test_a_postgresql_server_that_does_not_answer_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from console.cli import main

    assert main(["sessions", "list", "--db", "postgresql://desk:secret@127.0.0.1:1/x"]) == 3
    error = capsys.readouterr().err
    assert "check that the server runs" in error and "secret" not in error
    assert len(error.strip().splitlines()) == 1
