"""Says that an engine has a SQLite database open: a lock file beside it.

Every running engine (``serve``, the console's engine thread or child process) holds a
shared lock on ``<database>.engine-lock`` for as long as it runs; ``chargedesk restore``
takes it exclusively for the swap, so a restore never pulls the file from under a
running engine and no engine starts half-way through a restore. The operating system
lets go of the lock when the process ends, even after kill -9, so a crash leaves no
stale lock behind. On Windows (no shared locks) the first engine holds it alone; a
second engine on the same file runs without it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import IO

from console.storage.database import PRIVATE_FILE, sqlite_file_of
from console.storage.db_checks import DatabaseUnusable

log = logging.getLogger(__name__)

SUFFIX = ".engine-lock"


class DatabaseInUse(DatabaseUnusable):
    """An engine holds the database (or a restore does); ``str()`` says what to do."""


def lock_path(database: Path) -> Path:
    """The lock file of the SQLite file ``database``."""
    return database.with_name(database.name + SUFFIX)


def _open(path: Path) -> IO[bytes]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    return os.fdopen(descriptor, "r+b")


def _try_lock(file: IO[bytes], shared: bool) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            file.seek(0)
            msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        fcntl.flock(file.fileno(), mode | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class DatabaseLock:
    """A held lock on a database's lock file; ``release`` (or process exit) lets go."""

    def __init__(self, file: IO[bytes] | None) -> None:
        self._file = file

    @property
    def held(self) -> bool:
        """True while the lock is held."""
        return self._file is not None

    def release(self) -> None:
        """Let go of the lock (the file stays: removing it would race the next holder)."""
        if self._file is not None:
            self._file.close()  # closing the descriptor releases flock and msvcrt locks
            self._file = None

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def hold_for_engine(database_url: str) -> DatabaseLock:
    """The shared lock a running engine holds (nothing for PostgreSQL or in memory).

    Raises DatabaseInUse while a restore holds the database; a lock file that cannot be
    made (a read-only folder) is logged and the engine runs without it.
    """
    file = sqlite_file_of(database_url)
    if file is None:
        return DatabaseLock(None)
    try:
        handle = _open(lock_path(file))
    except OSError as error:
        log.warning("cannot create the engine lock beside %s: %s", file, error)
        return DatabaseLock(None)
    if not _try_lock(handle, shared=True):
        handle.close()
        if sys.platform != "win32":  # only a restore holds it exclusively
            raise DatabaseInUse(
                f"the database {file} is being restored (`chargedesk restore`): start "
                "ChargeDesk again when the restore has finished"
            )
        log.warning("another engine holds %s: running without the engine lock", file)
        return DatabaseLock(None)
    return DatabaseLock(handle)


def in_use_words(database: Path) -> str:
    """The sentence for a database an engine holds."""
    return (
        f"the database {database} is in use by a running ChargeDesk (`chargedesk serve`, "
        "its service, or the console): stop it, then run the command again"
    )


def hold_exclusively(database: Path) -> DatabaseLock:
    """The lock for a change no engine may see (restore); DatabaseInUse when one runs."""
    try:
        handle = _open(lock_path(database))
    except OSError as error:
        raise DatabaseInUse(
            f"cannot create the lock file beside {database}: {error.strerror or error}"
        ) from error
    if not _try_lock(handle, shared=False):
        handle.close()
        raise DatabaseInUse(in_use_words(database))
    return DatabaseLock(handle)
