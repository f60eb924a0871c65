"""Putting a copy back, and the copy taken before a migration changes the schema.

A restore checks the copy first (sound, ChargeDesk's, a schema this program knows: a
newer one would be opened by code that does not understand it; and exactly that schema,
nothing added or taken away), keeps the current database (with its ``-wal`` and
``-shm``, which belong to it) under the name ``<name>.before-restore-<time>.db`` and
only then renames a private, checked copy of the backup into place. Nothing is deleted:
the database restored over stays beside it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from functools import cache
from pathlib import Path

from alembic.script import ScriptDirectory

from console.storage.backup import (
    BackupCopy,
    BackupError,
    check_copy,
    copy_database,
    open_read_only,
    side_files,
)
from console.storage.database import MIGRATIONS_DIR, ensure_private_dir
from console.storage.schema_shape import differences, expected_shape, shape_of_file


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    """The newest schema revision this program knows."""
    head = _scripts().get_current_head()
    assert head is not None, "the migrations have one head"
    return head


@cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this program can open (and migrate from)."""
    return frozenset(script.revision for script in _scripts().walk_revisions())


def stamp(moment: datetime) -> str:
    """A moment as it appears in the names of kept files: 20261207-221500."""
    return moment.strftime("%Y%m%d-%H%M%S")


def kept_name(database: Path, what: str, moment: datetime) -> Path:
    """``chargedesk.before-restore-20261207-221500.db`` beside ``chargedesk.db``."""
    return database.with_name(f"{database.stem}.{what}-{stamp(moment)}.db")


def check_restorable(path: Path) -> str:
    """Check that ``path`` can be restored by this program; its schema revision.

    Raises BackupError: not a SQLite file, damaged, not ChargeDesk's, made by a newer
    ChargeDesk (an older schema is fine: it is migrated once restored), or its schema
    is not exactly what ChargeDesk makes at its revision (see storage/schema_shape.py).
    """
    if not path.is_file():
        raise BackupError(f"there is no file {path}")
    revision = check_copy(path)
    if revision not in known_revisions():
        raise BackupError(
            f"{path} was made by a newer ChargeDesk (schema {revision}; this one knows up "
            f"to {head_revision()}): restore it with that version or a newer one"
        )
    try:
        found = shape_of_file(path)
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    problems = differences(found, expected_shape(revision))
    if problems:
        raise BackupError(
            f"{path} is not a copy ChargeDesk made: its schema differs from what schema "
            f"{revision} has ({problems})"
        )
    return revision


def restore_copy(backup: Path, database: Path, moment: datetime) -> tuple[BackupCopy, Path | None]:
    """Put the copy ``backup`` in place of the SQLite file ``database`` (no engine may
    hold it: the caller makes sure). Returns the copy put in place and the name the
    database restored over is kept under (None when there was none).
    """
    check_restorable(backup)  # a plain refusal before anything is copied
    try:
        ensure_private_dir(database.parent)
    except OSError as error:
        raise BackupError(
            f"cannot create the folder {database.parent}: {error.strerror or error}"
        ) from error
    # A private copy next to the database first, and the checks run on that copy: the
    # file put in place is the one checked, whatever happens to ``backup`` (a shared
    # folder, a USB stick) meanwhile. The rename below is atomic on one file system.
    incoming = copy_database(backup, database.with_name(f".{database.name}.restoring"))
    kept: Path | None = None
    try:
        try:
            check_restorable(incoming.path)
        except BackupError as error:  # said of the file the person gave
            raise BackupError(str(error).replace(str(incoming.path), str(backup))) from error
        if database.exists():
            _checkpoint(database)
            kept = _unused(kept_name(database, "before-restore", moment))
            for old, new in zip(
                (database, *side_files(database)), (kept, *side_files(kept)), strict=True
            ):
                if old.exists():
                    os.replace(old, new)
        os.replace(incoming.path, database)
    except BackupError:
        incoming.path.unlink(missing_ok=True)
        raise
    except OSError as error:
        with contextlib.suppress(OSError):
            incoming.path.unlink()
        raise BackupError(
            f"cannot put the copy in place of {database}: {error.strerror or error}"
        ) from error
    return BackupCopy(database, incoming.size, incoming.revision), kept


def _unused(path: Path) -> Path:
    """``path``, or with "-2", "-3"… before its suffix when taken: two restores in one
    second must not put the second kept database over the first."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _checkpoint(database: Path) -> None:
    """Fold the database's WAL into it so the kept file stands alone (best effort: a
    damaged database keeps its -wal beside it under the kept name)."""
    try:
        connection = sqlite3.connect(str(database), timeout=1.0)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        pass


def revision_of(database: Path) -> str | None:
    """The schema revision of the SQLite file ``database``; None for a new (empty) one."""
    if not database.is_file() or database.stat().st_size == 0:
        return None
    connection = open_read_only(database, 10.0)
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return str(row[0]) if row and row[0] else None


def backup_before_migration(database: Path, moment: datetime) -> Path | None:
    """Copy ``database`` to ``<name>.before-migration-<revision>-<time>.db`` when its
    schema is older than this program's; the copy's path, or None when nothing is due
    (a new database, or one at the newest revision). Raises BackupError when the copy
    fails: the migration must not run then."""
    try:
        revision = revision_of(database)
    except sqlite3.Error as error:
        raise BackupError(
            f"cannot read the schema revision of {database} before migrating it: {error}"
        ) from error
    if revision is None or revision == head_revision() or revision not in known_revisions():
        return None  # new, current, or newer than this program (the migration says so)
    target = kept_name(database, f"before-migration-{revision}", moment)
    try:
        copy = copy_database(database, target)
    except BackupError as error:
        raise BackupError(
            f"the database was not migrated: the backup before the migration failed ({error})"
        ) from error
    return copy.path
