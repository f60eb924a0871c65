"""Opening the database: the default location, SQLite pragmas, and migrations at start.

The database holds card owners and password hashes, so on POSIX its file (and the
``-wal``/``-shm`` files beside it) is readable by its owner only (0600), and folders
ChargeDesk creates for its data are 0700; an existing file that is too open is tightened.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import stat
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
POSTGRESQL_DRIVER = "postgresql+psycopg"  # psycopg 3: chargedesk[postgresql]

log = logging.getLogger(__name__)


def ensure_private_dir(path: Path, *, own: bool = False) -> Path:
    """Create ``path`` (and missing parents) readable by the owner only; return it.

    Folders created here are made 0700. An existing ``path`` is tightened only when it
    is ChargeDesk's ``own`` folder (its data or diagnostics folder): a folder someone
    chose for the database (``/tmp``, a shared ``/srv/data``) is not ours to change.
    No-op on Windows.
    """
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
    if own and os.name == "posix":
        _tighten(path, PRIVATE_DIR)
    return path


def secure_sqlite_file(path: Path) -> None:
    """Create the SQLite file ``path`` as 0600 when missing; tighten it and its side files.

    SQLite creates ``-wal`` and ``-shm`` with the database file's mode, so a private
    database file keeps them private too; existing ones are tightened all the same.
    """
    if os.name != "posix":
        return
    if not path.exists():
        try:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, PRIVATE_FILE))
        except FileExistsError:
            pass  # another process made it first: tightened below
        except OSError as error:  # SQLite will say why it cannot open the file either
            log.warning("cannot create %s: %s", path, error)
    for file in (path, *(path.with_name(path.name + side) for side in SQLITE_SIDE_FILES)):
        if file.is_file():
            _tighten(file, PRIVATE_FILE)


def _tighten(path: Path, mode: int) -> None:
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & ~mode:
            path.chmod(current & mode)
            log.info("%s was readable by others: now %o", path, current & mode)
    except OSError as error:  # not ours, or read-only: the checks at start say so
        log.warning("cannot restrict the permissions of %s: %s", path, error)


def default_data_dir() -> Path:
    """The platform's per-user data folder for ChargeDesk (created when missing, 0700)."""
    folder = Path(platformdirs.user_data_dir("ChargeDesk", appauthor=False))
    return ensure_private_dir(folder, own=True)


def default_database_url() -> str:
    """A SQLite file in the user data folder."""
    return f"sqlite:///{default_data_dir() / 'chargedesk.db'}"


def describe_url(url: str) -> str:
    """The database location for people: the file path for SQLite, the URL without password else."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the GUI read beside the engine's writer; FULL makes a commit durable
    # before the charger is answered; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class DriverMissing(RuntimeError):
    """The database driver a URL needs is not installed; ``str()`` says how to install it."""


def engine_url(url: str) -> URL:
    """``url`` as SQLAlchemy should open it: PostgreSQL URLs as people write them
    (``postgresql://``, ``postgres://``) go through psycopg 3, the driver ChargeDesk
    is tested with; a URL that names its driver (``postgresql+psycopg2://``) is kept."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername=POSTGRESQL_DRIVER)
    if parsed.drivername == POSTGRESQL_DRIVER and importlib.util.find_spec("psycopg") is None:
        raise DriverMissing(
            f"the database {describe_url(url)} is on PostgreSQL, and its driver is not "
            "installed: pip install 'chargedesk[postgresql]' (psycopg 3)"
        )
    return parsed


def create_db_engine(url: str) -> Engine:
    """An engine for ``url`` with ChargeDesk's settings; SQLite files get their folder made."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    if parsed.get_backend_name() != "sqlite":
        # A server that restarted leaves dead pooled connections: pre-ping replaces them.
        return create_engine(engine_url(url), pool_pre_ping=True)
    file = sqlite_file_of(url)
    if file is not None and parsed.query.get("mode") != "ro":
        ensure_private_dir(file.parent)
        secure_sqlite_file(file)
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def sqlite_file_of(url: str) -> Path | None:
    """The file of a SQLite URL (``sqlite:///x.db``, ``sqlite:///file:x.db?uri=true``)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if str(parsed.query.get("uri", "")).lower() in ("true", "1"):
        if database.startswith("file:"):
            database = database[len("file:") :]
        database = database.split("?", 1)[0]
        if not database or database == ":memory:" or "mode=memory" in str(parsed.query):
            return None
    return Path(database).expanduser()


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration that runs the packaged migrations on ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration; safe to call at every start.

    A SQLite file whose schema is older than this program's is copied first, beside it
    (``<name>.before-migration-<revision>-<time>.db``): a migration that goes wrong, or
    a new version given up, leaves the site its data. When that copy fails the schema
    is not touched and BackupError (one line) says why.
    """
    file = sqlite_file_of(engine.url.render_as_string(hide_password=False))
    if file is not None:
        # Imported here: the backup module builds on this one.
        from console.core.clock import utcnow
        from console.storage.restore import backup_before_migration

        copy = backup_before_migration(file, utcnow())
        if copy is not None:
            log.warning("the database's schema changes now; its copy before: %s", copy)
    command.upgrade(alembic_config(engine), "head")


def open_database(url: str) -> Engine:
    """Create the engine for ``url`` and apply pending migrations."""
    engine = create_db_engine(url)
    migrate(engine)
    return engine
