"""``chargedesk backup`` and ``chargedesk restore`` on a local database.

A backup works beside a running engine (its copy reads one snapshot through a
connection of its own); its audit entry is written to the live database. A restore
refuses while an engine holds the database (console/services/engine_lock.py), keeps the
database it replaces beside it, migrates an older copy, and records itself in the
restored database's audit log (the replaced one keeps its own history).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from console.core.clock import utcnow
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.services.backups import require_backup_right
from console.services.engine_lock import DatabaseInUse, hold_exclusively, lock_path
from console.storage.backup import BackupCopy, BackupError, copy_database, postgres_advice
from console.storage.database import (
    create_db_engine,
    ensure_private_dir,
    open_database,
    sqlite_file_of,
)
from console.storage.restore import restore_copy

__all__ = ["BackupError", "DatabaseInUse", "Restored", "back_up", "restore"]


@dataclass(frozen=True, slots=True)
class Restored:
    """What a restore did: the copy now in use, its schema revision as restored, and
    the name the replaced database is kept under (None when there was none)."""

    database: Path
    size: int
    revision: str
    kept: Path | None


def _database_file(url: str) -> Path:
    file = sqlite_file_of(url)
    if file is None:
        raise BackupError(postgres_advice(url))
    return file


def _audit(
    url: str,
    actor: Actor,
    action: str,
    target: str,
    facts: dict[str, object],
    *,
    migrate: bool = False,
) -> None:
    # Only a restore migrates (no engine can run then). A backup runs beside a live
    # engine: changing the schema under it is not a backup's business.
    engine = open_database(url) if migrate else create_db_engine(url)
    try:
        with engine.begin() as connection:
            record(connection, actor, action, target, None, facts)
    finally:
        engine.dispose()


def back_up(url: str, target: Path, *, actor: Actor) -> BackupCopy:
    """Copy the database at ``url`` to ``target`` (technician or admin); BackupError
    says why not. Works while an engine runs on the database."""
    require_backup_right(actor)
    database = _database_file(url)
    target = target.expanduser().resolve()
    if target == lock_path(database).resolve():
        raise BackupError("the copy cannot replace the engine's lock file: choose another file")
    copy = copy_database(database, target)  # refuses the database and its side files
    facts: dict[str, object] = {"file": str(copy.path), "size": copy.size}
    facts["revision"] = copy.revision
    _audit(url, actor, "backup.run", str(copy.path), facts)
    return copy


def restore(url: str, source: Path, *, actor: Actor) -> Restored:
    """Put the copy ``source`` in place of the database at ``url`` (admin).

    Raises DatabaseInUse while an engine runs on it, BackupError when the copy is not a
    sound ChargeDesk database of a schema this program knows.
    """
    require(actor, Permission.SITE)
    database = _database_file(url)
    source = source.expanduser().resolve()
    if source == database.resolve():
        raise BackupError("that file is the database itself: give a backup copy")
    try:
        ensure_private_dir(database.parent)  # a new place (a new PC): its lock file too
    except OSError as error:
        raise BackupError(f"cannot create the folder {database.parent}: {error}") from error
    with hold_exclusively(database):
        copy, kept = restore_copy(source, database, utcnow())
        # An older schema is brought up to date now, while no engine can start.
        facts: dict[str, object] = {"from": str(source), "revision": copy.revision}
        facts["kept"] = str(kept) if kept is not None else None
        _audit(url, actor, "backup.restore", str(database), facts, migrate=True)
    return Restored(database, copy.size, copy.revision, kept)
