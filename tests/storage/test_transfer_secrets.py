"""Transfer secrets: never stored in plain text; migration 0009 rewrites older records."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import text

from console.core.redaction import secret_digest
from console.core.transfers import TransferKind
from console.storage import file_transfers as transfer_repo
from console.storage.database import alembic_config, create_db_engine, migrate, open_database

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
FTP_URL = "ftp://t7-1a2b3c4d:S3cr3tPassw0rdS3cr3tPassw0rd@192.0.2.1:2121/"
HTTP_URL = "http://192.0.2.1:8080/upload/AbCdEfGhIjKlMnOpQrStUvWxYz012345/"


def test_migration_0009_rewrites_plain_secrets(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0008")
    with engine.begin() as connection:
        for url in (FTP_URL, HTTP_URL, "http://192.0.2.1/firmware.bin"):
            connection.execute(
                text(
                    "INSERT INTO file_transfers (charger_id, kind, requested_at, url, status,"
                    " status_at) VALUES ('CP1', 'diagnostics', :at, :url, 'Requested', :at)"
                ),
                {"at": T0, "url": url},
            )
        connection.execute(
            text(
                "INSERT INTO message_log (at, charger_id, direction, kind, action, payload)"
                " VALUES (:at, 'CP1', 'out', 'call', 'GetDiagnostics', :payload)"
            ),
            {"at": T0, "payload": f'{{"location": "{FTP_URL}"}}'},
        )
    migrate(engine)
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT url, secret_hash FROM file_transfers ORDER BY id")
        ).all()
        payload = connection.execute(text("SELECT payload FROM message_log")).scalar_one()
    engine.dispose()
    assert stored == [
        ("ftp://t7-1a2b3c4d:***@192.0.2.1:2121/", secret_digest("S3cr3tPassw0rdS3cr3tPassw0rd")),
        ("http://192.0.2.1:8080/upload/***/", secret_digest("AbCdEfGhIjKlMnOpQrStUvWxYz012345")),
        ("http://192.0.2.1/firmware.bin", None),
    ]
    assert "S3cr3t" not in payload and "t7-1a2b3c4d:***@" in payload


def test_the_repository_never_stores_a_url_secret(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'new.db'}")
    with engine.begin() as connection:
        first = transfer_repo.add_transfer(
            connection, "CP1", TransferKind.LOG, T0, FTP_URL, "Requested"
        )
        second = transfer_repo.add_transfer(connection, "CP1", TransferKind.LOG, T0, "", "x")
        transfer_repo.update_transfer(connection, second, url=HTTP_URL)
        urls = [transfer_repo.get_transfer(connection, tid) for tid in (first, second)]
    engine.dispose()
    assert [t.url for t in urls if t is not None] == [
        "ftp://t7-1a2b3c4d:***@192.0.2.1:2121/",
        "http://192.0.2.1:8080/upload/***/",
    ]
    assert b"S3cr3t" not in (tmp_path / "new.db").read_bytes()
