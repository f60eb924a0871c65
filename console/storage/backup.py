"""A consistent copy of a live SQLite database, and the checks a copy must pass.

The copy is taken with SQLite's online backup from a connection of its own that holds
one read transaction for the whole copy: in WAL mode the engine's writer goes on
committing beside it (readers never block the writer), and every page comes from the
same snapshot, so the copy is the database as it was at one moment, with every commit
made before the copy began. It is copied in steps of pages (the steps never restart,
since the snapshot does not change), written under a temporary name, checked
(``PRAGMA integrity_check``, the schema revision readable), made a single file (journal
mode DELETE), made private (0600) and renamed into place, so a half-written copy never
carries the final name.

PostgreSQL has its own tools: ``postgres_advice`` names them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from console.storage.database import PRIVATE_FILE, SQLITE_SIDE_FILES
from console.storage.db_checks import DatabaseUnusable

PAGES_PER_STEP = 1024  # 4 MiB with SQLite's default page size
BUSY_TIMEOUT_S = 10.0
SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every ChargeDesk database has since its first migration.
CHARGEDESK_TABLES = frozenset({"alembic_version", "chargers", "sessions", "settings"})


class BackupError(DatabaseUnusable):
    """A copy cannot be taken or used; ``str()`` is one line: what is wrong, what to do.

    A DatabaseUnusable, so a start that meets it (the backup before a migration) says
    this line instead of a traceback."""


@dataclass(frozen=True, slots=True)
class BackupCopy:
    """A finished copy: its file, its size in bytes and its schema revision."""

    path: Path
    size: int
    revision: str


def postgres_advice(url: str) -> str:
    """What to use instead for a PostgreSQL database (never the password)."""
    parsed = make_url(url)
    name = parsed.database or "chargedesk"
    options = []
    if parsed.host:
        options.append(f"-h {parsed.host}")
    if parsed.port:
        options.append(f"-p {parsed.port}")
    if parsed.username:
        options.append(f"-U {parsed.username}")
    where = " ".join(options)
    where = f"{where} " if where else ""
    return (
        "this database is PostgreSQL: back it up with "
        f"`pg_dump {where}-Fc -f chargedesk.dump {name}` and restore it with "
        f"`pg_restore {where}--clean --if-exists -d {name} chargedesk.dump` "
        "(stop ChargeDesk before restoring)"
    )


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit: the read transaction is opened and ended by hand.
    return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)


def copy_database(
    source: Path,
    target: Path,
    *,
    pages: int = PAGES_PER_STEP,
    progress: Callable[[int, int], None] | None = None,
) -> BackupCopy:
    """Copy the SQLite database ``source`` (live or not) to ``target`` (replaced).

    ``progress(remaining, total)`` is called after each step of ``pages`` pages. Raises
    BackupError (nothing left at ``target`` then) when the source cannot be read, the
    copy fails its checks, or the target's folder cannot be written.
    """
    if not source.is_file():
        raise BackupError(f"there is no database at {source}")
    if target.resolve() in {p.resolve() for p in (source, *side_files(source))}:
        # Its -wal holds commits not yet in the file: replacing it would lose them.
        raise BackupError(
            f"the copy cannot replace {target.name}, which is part of the database: "
            "choose another file"
        )
    folder = target.parent
    if not folder.is_dir():
        raise BackupError(f"the folder {folder} does not exist: create it or choose another")
    try:
        temporary = _private_temporary(folder, target.name)
    except OSError as error:
        raise BackupError(f"cannot write the copy {target}: {error.strerror or error}") from error
    try:
        _copy(source, temporary, pages, progress)
        revision = check_copy(temporary)
        _make_private(temporary)
        os.replace(temporary, target)
        _sync_folder(folder)
    except sqlite3.Error as error:
        _remove(temporary)
        raise BackupError(f"the copy of {source} to {target} failed: {error}") from error
    except OSError as error:
        _remove(temporary)
        reason = error.strerror or str(error)
        raise BackupError(f"cannot write the copy {target}: {reason}") from error
    except BackupError:
        _remove(temporary)
        raise
    return BackupCopy(target, target.stat().st_size, revision)


def _private_temporary(folder: Path, name: str) -> Path:
    """A new, empty file for the copy, private before SQLite writes a byte of card owners
    or password hashes. Its name is random and it is created exclusively: in a folder
    others can write to (a site may choose a shared one), nobody can put a link there
    in advance to make ChargeDesk write the copy over another file."""
    handle, path = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    os.close(handle)  # mkstemp creates it 0600 with O_EXCL, which never follows a link
    return Path(path)


def _copy(
    source: Path, temporary: Path, pages: int, progress: Callable[[int, int], None] | None
) -> None:
    reader = _connect(source)
    try:
        # One read transaction for every step: one snapshot, and the steps never restart.
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        writer = _connect(temporary)
        try:
            step = (lambda _status, left, total: progress(left, total)) if progress else None
            reader.backup(writer, pages=pages, progress=step)
            # One self-contained file: no -wal beside a copy that is moved around.
            writer.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            writer.close()
        reader.execute("COMMIT")
    finally:
        reader.close()
    with open(temporary, "rb+") as file:
        os.fsync(file.fileno())


def check_copy(path: Path) -> str:
    """Check that ``path`` is a sound ChargeDesk database; its schema revision.

    Raises BackupError saying what is wrong: not a SQLite file, damaged, not
    ChargeDesk's, no schema revision.
    """
    try:
        with open(path, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror or error}") from error
    if header != SQLITE_HEADER:
        raise BackupError(f"{path} is not a ChargeDesk database (not a SQLite file)")
    try:
        connection = open_read_only(path, BUSY_TIMEOUT_S)
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be opened: {error}") from error
    try:
        try:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is damaged: {error}") from error
        if problems != ["ok"]:
            raise BackupError(f"{path} is damaged: {problems[0]}")
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables >= CHARGEDESK_TABLES:
            raise BackupError(f"{path} is not a ChargeDesk database (its tables are others)")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    finally:
        connection.close()
    if row is None or not row[0]:
        raise BackupError(f"{path} has no schema revision: it is not a usable ChargeDesk copy")
    return str(row[0])


def open_read_only(path: Path, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A read-only connection to the SQLite file ``path``. The path goes in as a file
    URI, percent-encoded: a "#", "?" or "%" in a folder name ("Backups #2") would
    otherwise cut the name short or be read as the URI's own parts."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)


def side_files(path: Path) -> list[Path]:
    """The ``-wal``, ``-shm`` and ``-journal`` files of the SQLite file ``path``."""
    return [path.with_name(path.name + side) for side in SQLITE_SIDE_FILES]


def _make_private(path: Path) -> None:
    if os.name == "posix":
        path.chmod(PRIVATE_FILE)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk (POSIX).
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    for file in (path, *side_files(path)):
        with contextlib.suppress(FileNotFoundError):
            file.unlink()
