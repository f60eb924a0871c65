"""Migrations: an older database is brought up to date without losing what it held."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from console.storage.database import alembic_config, create_db_engine, migrate, open_database
from console.storage.tables import Base


def test_card_owners_become_people(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as connection:
        for key, owner in (("a1", "Ann Lee"), ("b2", "Ann Lee"), ("c3", None)):
            connection.execute(
                text(
                    "INSERT INTO cards (id_key, id_tag, status, max_concurrent, owner, created_at)"
                    " VALUES (:key, :key, 'active', 1, :owner, CURRENT_TIMESTAMP)"
                ),
                {"key": key, "owner": owner},
            )
    migrate(engine)
    with engine.connect() as connection:
        people = connection.execute(text("SELECT id, name FROM people")).all()
        owners = dict(connection.execute(text("SELECT id_key, person_id FROM cards")).all())
    engine.dispose()
    assert [name for _id, name in people] == ["Ann Lee"]
    assert owners == {"a1": people[0][0], "b2": people[0][0], "c3": None}


@pytest.mark.both_databases
def test_the_newest_migration_matches_the_tables(db_url: str) -> None:
    engine = open_database(db_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []
