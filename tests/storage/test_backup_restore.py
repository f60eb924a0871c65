"""Copies of a live SQLite database, and putting one back: round trip and refusals."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import threading
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from console.storage import backup as backup_module
from console.storage.backup import BackupError, check_copy, copy_database, postgres_advice
from console.storage.database import alembic_config, create_db_engine, open_database
from console.storage.logs import get_setting, set_setting
from console.storage.restore import (
    check_restorable,
    head_revision,
    restore_copy,
    revision_of,
)
from console.storage.schema_shape import expected_shape, shape_of_file

MOMENT = datetime(2026, 12, 7, 22, 15, tzinfo=UTC)
UNIQUE_DIGEST_DROPPED = "api_tokens without UNIQUE (digest)"


def _database(folder: Path, name: str = "site.db") -> Path:
    """A migrated ChargeDesk database with one setting in it."""
    path = folder / name
    engine = open_database(f"sqlite:///{path}")
    with engine.begin() as connection:
        set_setting(connection, "site.name", "Hospital")
    engine.dispose()
    return path


def _setting(path: Path, key: str) -> str | None:
    engine = create_db_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return get_setting(connection, key)
    finally:
        engine.dispose()


def test_a_copy_is_checked_private_and_restores_in_place(tmp_path: Path) -> None:
    database = _database(tmp_path)
    copy = copy_database(database, tmp_path / "copy.db")
    assert copy.revision == head_revision() and copy.size == copy.path.stat().st_size
    assert stat.S_IMODE(copy.path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".*partial*"))  # the temporary name is gone
    # One self-contained file: no WAL beside it, and it reads without one.
    assert not Path(f"{copy.path}-wal").exists()
    assert check_copy(copy.path) == head_revision()

    # The site changes after the copy; restoring brings the copy's state back.
    engine = create_db_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        set_setting(connection, "site.name", "Changed")
    engine.dispose()
    restored, kept = restore_copy(copy.path, database, MOMENT)
    assert restored.path == database and kept is not None
    assert kept.name == "site.before-restore-20261207-221500.db"
    assert _setting(database, "site.name") == "Hospital"
    assert _setting(kept, "site.name") == "Changed"  # nothing was thrown away
    assert copy.path.exists()  # the backup itself stays as it was


def test_a_link_planted_in_a_shared_backup_folder_is_not_written_through(
    tmp_path: Path,
) -> None:
    """In a folder others can write to, no name the copy will use is known in advance."""
    database = _database(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("the engine user's own file")
    for name in (".copy.db.partial", ".copy.db.partial-journal"):
        (shared / name).symlink_to(victim)
    copy = copy_database(database, shared / "copy.db")
    assert victim.read_text() == "the engine user's own file"
    # The copy went through a name of its own: a name it could have guessed (and had to
    # delete first, leaving a moment to plant the link again) was not used at all.
    assert (shared / ".copy.db.partial").is_symlink()
    assert not copy.path.is_symlink() and check_copy(copy.path) == head_revision()


def test_restore_to_a_new_file_keeps_nothing_aside(tmp_path: Path) -> None:
    copy = copy_database(_database(tmp_path), tmp_path / "copy.db")
    restored, kept = restore_copy(copy.path, tmp_path / "new" / "site.db", MOMENT)
    assert kept is None and _setting(restored.path, "site.name") == "Hospital"


def test_the_copy_is_one_moment_while_a_writer_goes_on(tmp_path: Path) -> None:
    database = _database(tmp_path)
    writer = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    writer.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)")
    writer.executemany("INSERT INTO filler (data) VALUES (?)", [(os.urandom(800),)] * 3000)
    stop = threading.Event()
    written = [0]

    def write() -> None:
        while not stop.is_set():
            writer.execute("INSERT INTO filler (data) VALUES (?)", (os.urandom(800),))
            written[0] += 1

    thread = threading.Thread(target=write)
    thread.start()
    steps: list[int] = []
    try:
        copy = copy_database(
            database, tmp_path / "copy.db", pages=20, progress=lambda left, _t: steps.append(left)
        )
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert len(steps) > 10  # copied in steps, and never started over
    assert all(later <= earlier for earlier, later in pairwise(steps))
    check = sqlite3.connect(copy.path)
    rows = check.execute("SELECT count(*), max(id) FROM filler").fetchone()
    check.close()
    assert rows[0] == rows[1] >= 3000  # a prefix of the writes, none half-way


def test_restore_refuses_a_file_that_is_not_chargedesks(tmp_path: Path) -> None:
    database = _database(tmp_path)
    text_file = tmp_path / "notes.db"
    text_file.write_text("not a database")
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()
    for path, words in ((text_file, "not a SQLite file"), (other, "its tables are others")):
        with pytest.raises(BackupError, match=words):
            restore_copy(path, database, MOMENT)
    assert _setting(database, "site.name") == "Hospital"
    assert not list(tmp_path.glob("*before-restore*"))


def test_restore_refuses_a_damaged_copy(tmp_path: Path) -> None:
    database = _database(tmp_path)
    copy = copy_database(database, tmp_path / "copy.db").path
    data = bytearray(copy.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # trample b-tree pages
        data[start + 8 : start + 200] = b"\xff" * 192
    copy.write_bytes(bytes(data))
    with pytest.raises(BackupError, match=r"damaged|cannot be read|not a ChargeDesk"):
        check_restorable(copy)
    assert _setting(database, "site.name") == "Hospital"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            "CREATE TRIGGER zero AFTER INSERT ON sessions "
            "BEGIN UPDATE sessions SET meter_start = 0 WHERE id = new.id; END",
            "unexpected trigger zero",
        ),
        ("CREATE VIEW everything AS SELECT * FROM sessions", "unexpected view everything"),
        ("ALTER TABLE sessions ADD COLUMN note TEXT", "unexpected column sessions.note"),
        ("DROP INDEX ix_alarms_open", "missing index ix_alarms_open"),
        (UNIQUE_DIGEST_DROPPED, r"missing index on api_tokens u digest \(\(digest\) unique=1"),
    ],
)
def test_restore_refuses_a_copy_whose_schema_was_changed(
    tmp_path: Path, change: str, words: str
) -> None:
    database = _database(tmp_path)
    copy = copy_database(database, tmp_path / "copy.db").path
    connection = sqlite3.connect(copy)
    if change == UNIQUE_DIGEST_DROPPED:
        # The table rebuilt as before, less its UNIQUE: two tokens could share a digest.
        (table,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'api_tokens'"
        ).fetchone()
        loose = table.replace("api_tokens", "loose").replace(", \n\tUNIQUE (digest)", "")
        assert "UNIQUE" not in loose
        change = (
            f"{loose}; INSERT INTO loose SELECT * FROM api_tokens; DROP TABLE api_tokens; "
            "ALTER TABLE loose RENAME TO api_tokens"
        )
    connection.executescript(change)
    connection.close()
    with pytest.raises(BackupError, match=f"not a copy ChargeDesk made.*{words}"):
        restore_copy(copy, database, MOMENT)
    assert _setting(database, "site.name") == "Hospital"
    assert not list(tmp_path.glob("*before-restore*"))


def test_a_copy_migrated_from_the_first_schema_has_the_shape_of_a_new_one(
    tmp_path: Path,
) -> None:
    """Sites upgraded version after version restore as well as new ones."""
    old = tmp_path / "old.db"
    engine = create_db_engine(f"sqlite:///{old}")
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    open_database(f"sqlite:///{old}").dispose()  # the start's own migration, step by step
    assert shape_of_file(old) == expected_shape(head_revision())
    assert check_restorable(copy_database(old, tmp_path / "copy.db").path) == head_revision()


def test_restore_refuses_a_newer_schema(tmp_path: Path) -> None:
    database = _database(tmp_path)
    copy = copy_database(database, tmp_path / "copy.db").path
    connection = sqlite3.connect(copy)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    with pytest.raises(BackupError, match="newer ChargeDesk"):
        restore_copy(copy, database, MOMENT)


def test_an_older_copy_is_restored_and_migrated_at_the_next_open(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    engine = create_db_engine(f"sqlite:///{old}")
    command.upgrade(alembic_config(engine), "0013")
    engine.dispose()
    database = _database(tmp_path)
    restore_copy(old, database, MOMENT)
    assert revision_of(database) == "0013"
    open_database(f"sqlite:///{database}").dispose()
    assert revision_of(database) == head_revision()


def test_a_backup_is_taken_before_a_migration(tmp_path: Path) -> None:
    database = tmp_path / "site.db"
    engine = create_db_engine(f"sqlite:///{database}")
    command.upgrade(alembic_config(engine), "0013")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('site.name', 'Old')"))
    engine.dispose()

    open_database(f"sqlite:///{database}").dispose()
    copies = list(tmp_path.glob("site.before-migration-0013-*.db"))
    assert len(copies) == 1 and revision_of(copies[0]) == "0013"
    assert _setting(copies[0], "site.name") == "Old"
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    # At the newest schema nothing more is copied; a new database is not copied at all.
    open_database(f"sqlite:///{database}").dispose()
    open_database(f"sqlite:///{tmp_path / 'fresh.db'}").dispose()
    assert len(list(tmp_path.glob("*before-migration*"))) == 1


def test_a_failed_backup_stops_the_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "site.db"
    engine = create_db_engine(f"sqlite:///{database}")
    command.upgrade(alembic_config(engine), "0013")
    engine.dispose()

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "_copy", disk_full)
    with pytest.raises(BackupError, match=r"not migrated.*No space left"):
        open_database(f"sqlite:///{database}")
    assert revision_of(database) == "0013"  # untouched
    assert not list(tmp_path.glob("*before-migration*"))
    assert not list(tmp_path.glob(".*partial*"))


def test_postgresql_gets_the_pg_dump_commands_without_its_password() -> None:
    advice = postgres_advice("postgresql://desk:s3cret@db.local:5433/site")
    assert "pg_dump -h db.local -p 5433 -U desk -Fc -f chargedesk.dump site" in advice
    assert "pg_restore" in advice and "s3cret" not in advice


def test_a_copy_never_replaces_the_databases_own_side_files(tmp_path: Path) -> None:
    """Its -wal holds commits not yet in the file: a copy over it would lose them."""
    database = _database(tmp_path)
    for side in ("-wal", "-shm", "-journal"):
        with pytest.raises(BackupError, match="part of the database"):
            copy_database(database, tmp_path / f"site.db{side}")
    with pytest.raises(BackupError, match="part of the database"):
        copy_database(database, database)
    assert _setting(database, "site.name") == "Hospital"


def test_folders_with_uri_characters_in_their_names_work(tmp_path: Path) -> None:
    """ "Backups #2" or "50% off?" must not cut the file name short or open another."""
    database = _database(tmp_path)
    odd = tmp_path / "Backups #2 50% ?"
    odd.mkdir()
    copy = copy_database(database, odd / "copy.db")
    assert check_restorable(copy.path) == head_revision()
    restored, _kept = restore_copy(copy.path, odd / "site.db", MOMENT)
    assert revision_of(restored.path) == head_revision()


def test_two_restores_in_one_second_keep_both_replaced_databases(tmp_path: Path) -> None:
    database = _database(tmp_path)
    copy = copy_database(database, tmp_path / "copy.db").path
    _first, kept_first = restore_copy(copy, database, MOMENT)
    _second, kept_second = restore_copy(copy, database, MOMENT)
    assert kept_first is not None and kept_second is not None
    assert kept_first != kept_second and kept_first.exists() and kept_second.exists()
    assert kept_second.name == "site.before-restore-20261207-221500-2.db"
