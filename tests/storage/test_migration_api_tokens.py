"""Migration 0014: the api_tokens table comes and goes without touching the rest."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from console.storage.database import alembic_config, create_db_engine


def test_api_tokens_upgrade_and_downgrade(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config(engine)
    command.upgrade(config, "0014")
    tables = set(inspect(engine).get_table_names())
    columns = {column["name"] for column in inspect(engine).get_columns("api_tokens")}
    assert "api_tokens" in tables and "staff" in tables
    assert "digest" in columns and "secret" not in columns
    command.downgrade(config, "0013")
    after = set(inspect(engine).get_table_names())
    engine.dispose()
    assert after == tables - {"api_tokens"}
