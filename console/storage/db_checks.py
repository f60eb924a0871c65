"""Checks at start: can the database be used, and if not, one line that says why.

A person starting ChargeDesk with a damaged, read-only, locked or full database, or a
path that is a folder or cannot be created, gets one sentence that says what is wrong
and what to do, never a traceback. ``check_database`` looks before anything starts;
``explain_database_error`` turns an error met later (a migration on a full disk) into
the same kind of sentence.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from console.storage.database import (
    DriverMissing,
    describe_url,
    ensure_private_dir,
    secure_sqlite_file,
    sqlite_file_of,
)

MIN_FREE_BYTES = 2 * 1024 * 1024  # below this a start would fail half-way through
CHECK_TIMEOUT_S = 3.0  # how long to wait for another program's lock at start


class DatabaseUnusable(Exception):
    """The database cannot be used; ``str()`` is one line: what is wrong, what to do."""


def check_database(url: str) -> None:
    """Raise DatabaseUnusable when the database of ``url`` cannot be opened for writing.

    SQLite files are looked at closely (path, permissions, free space, header, locks);
    other databases are left to ``explain_database_error`` when they fail to connect.
    A missing SQLite file is created (private, see ``secure_sqlite_file``).
    """
    file = sqlite_file_of(url)
    if file is None:
        return
    read_only = make_url(url).query.get("mode") == "ro"
    _check_path(file, create=not read_only)
    _check_free_space(file)
    _probe(url, file)


def _check_path(file: Path, create: bool) -> None:
    where = str(file)
    if file.is_dir():
        raise DatabaseUnusable(
            f"the database path {where} is a folder, not a file: give a file name, "
            f"for example --db sqlite:///{file / 'chargedesk.db'}"
        )
    if file.exists() and not file.is_file():
        raise DatabaseUnusable(
            f"the database path {where} is not a regular file: give the path of a database file"
        )
    folder = file.parent
    blocking = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise DatabaseUnusable(
            f"cannot create the folder of the database {where}: {blocking} is a file, "
            "not a folder; choose another place with --db"
        )
    if not folder.exists():
        if not create:
            raise DatabaseUnusable(f"the database {where} does not exist: check the --db path")
        try:
            ensure_private_dir(folder)
        except OSError as error:
            raise DatabaseUnusable(
                f"cannot create the folder {folder} for the database ({_reason(error)}): "
                "create it yourself or choose another place with --db"
            ) from None
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        raise DatabaseUnusable(
            f"no permission to write in the folder {folder} of the database {where} "
            "(SQLite keeps its journal beside the file): fix the folder's permissions "
            "or choose another place with --db"
        )
    if file.exists() and not os.access(file, os.R_OK | os.W_OK):
        raise DatabaseUnusable(
            f"the database {where} is read-only for this user: give write permission "
            "(chmod u+rw) or run ChargeDesk as the file's owner"
        )
    if not file.exists():
        if not create:
            raise DatabaseUnusable(f"the database {where} does not exist: check the --db path")
        secure_sqlite_file(file)


def _check_free_space(file: Path) -> None:
    try:
        free = shutil.disk_usage(file.parent).free
    except OSError:
        return  # nothing to say yet: the probe will tell
    if free < MIN_FREE_BYTES:
        raise DatabaseUnusable(
            f"the disk holding the database {file} is full ({free // 1024} KiB free): "
            "free some space and start again"
        )


def _probe(url: str, file: Path) -> None:
    """Read the header, take the write lock and try a write, then roll it back."""
    parsed = make_url(url)
    options = {k: str(v) for k, v in parsed.query.items() if k != "uri"}
    if str(parsed.query.get("uri", "")).lower() in ("true", "1") or options:
        target, uri = f"file:{file}" + (f"?{urlencode(options)}" if options else ""), True
    else:
        target, uri = str(file), False
    try:
        connection = sqlite3.connect(target, timeout=CHECK_TIMEOUT_S, uri=uri)
    except sqlite3.Error as error:
        raise DatabaseUnusable(explain_sqlite(str(error), url)) from None
    try:
        connection.isolation_level = None
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        connection.execute("BEGIN IMMEDIATE")
        # A read-only connection takes the lock all the same: only a write tells.
        connection.execute(f"PRAGMA user_version = {version}")
        connection.execute("ROLLBACK")
    except sqlite3.Error as error:
        raise DatabaseUnusable(explain_sqlite(str(error), url)) from None
    finally:
        connection.close()


def explain_sqlite(message: str, url: str) -> str:
    """One line for people from an SQLite error text (what is wrong, what to do)."""
    file = sqlite_file_of(url)
    where = str(file) if file is not None else describe_url(url)
    text = message.lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"the database {where} is damaged or is not a ChargeDesk database ({message}): "
            "restore it from a backup, or move it away to start with an empty one"
        )
    if "readonly" in text or "read-only" in text or "read only" in text:
        return (
            f"the database {where} is read-only ({message}): give this user write "
            "permission to the file and its folder, or open a writable copy with --db"
        )
    if "locked" in text or "busy" in text:
        return (
            f"the database {where} is locked by another program ({message}): close the "
            "other ChargeDesk or the program holding it, then start again"
        )
    if "full" in text or "no space" in text:
        return f"the disk holding the database {where} is full ({message}): free some space"
    if "disk i/o" in text:
        return (
            f"cannot read or write the database {where} ({message}): check the disk, "
            "its free space and the file's permissions"
        )
    if "unable to open" in text:
        return (
            f"cannot open the database {where} ({message}): check that the path is a file "
            "in a folder this user may write to, or choose another place with --db"
        )
    return f"cannot use the database {where} ({message})"


def explain_database_error(error: BaseException, url: str) -> str | None:
    """One line for a database error met at start, or None when it is not one."""
    if isinstance(error, DatabaseUnusable | DriverMissing):
        return str(error)
    if isinstance(error, sa_exc.DBAPIError):
        original = error.orig if error.orig is not None else error
        message = str(original).splitlines()[0] if str(original) else type(original).__name__
        if make_url(url).get_backend_name() == "sqlite":
            return explain_sqlite(message, url)
        return (
            f"cannot use the database {describe_url(url)} ({message}): check that the "
            "server runs and the URL, user and password are right"
        )
    if isinstance(error, sqlite3.Error):
        return explain_sqlite(str(error), url)
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return (
            f"the disk holding the database {describe_url(url)} is full ({_reason(error)}): "
            "free some space"
        )
    if isinstance(error, OSError) and error.filename is not None:
        return (
            f"cannot use {error.filename} ({_reason(error)}): check the path and its "
            "permissions, or choose another place for the database with --db"
        )
    return None


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
