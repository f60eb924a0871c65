"""Migration 0007: charger id keys and counted refusals, from a database that has both."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from console.storage.database import alembic_config, create_db_engine


def test_ids_differing_in_case_keep_one_key_and_refusals_are_counted(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config(engine)
    command.upgrade(config, "0006")
    with engine.begin() as connection:
        for charger_id, registered in (("CP1", "2026-01-02"), ("cp1", "2026-01-01"), ("X", "2026")):
            connection.execute(
                text(
                    "INSERT INTO chargers (id, approval, registered_at, retired)"
                    " VALUES (:id, 'accepted', :at, 0)"
                ),
                {"id": charger_id, "at": registered},
            )
        connection.execute(
            text(
                "INSERT INTO refused_connections (at, charger_id, reason, peer, path, http_status)"
                " VALUES ('2026-01-01', :id, 'UNKNOWN_CHARGER', '10.0.0.5:1', :path, 404)"
            ),
            {"id": "Z" * 300, "path": "/ocpp/" + "Z" * 300},
        )
    command.upgrade(config, "0007")
    with engine.connect() as connection:
        keys = dict(connection.execute(text("SELECT id, id_key FROM chargers")).all())
        refusal = connection.execute(
            text("SELECT refusal_key, count, first_at, length(charger_id) FROM refused_connections")
        ).one()
    # The oldest registration keeps the key; the other stays on record, unreachable.
    assert keys["cp1"] == "cp1" and keys["CP1"].startswith("cp1#") and keys["X"] == "x"
    assert refusal[1] == 1 and refusal[2] is not None and refusal[3] == 64
    command.downgrade(config, "0006")
    with engine.connect() as connection:
        columns = [row[1] for row in connection.execute(text("PRAGMA table_info(chargers)"))]
    engine.dispose()
    assert "id_key" not in columns
