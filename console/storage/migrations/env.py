"""Alembic environment: runs migrations on the engine ChargeDesk hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine

from console.storage.tables import Base

config = context.config
target_metadata = Base.metadata


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is None:  # run from the alembic command line (to write a new migration)
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    return engine


def run_migrations() -> None:
    """Apply migrations inside one transaction; batch mode lets SQLite alter tables."""
    with _engine().connect() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
