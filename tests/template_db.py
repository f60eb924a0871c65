"""Fixtures: a migrated database per test, copied from a migrated template.

SQLite: one template file per module, copied per test (migrating takes about a third of
a second; copying a file takes nothing). PostgreSQL (below): one template database per
xdist worker. Passwords are hashed at the tests' small argon2 cost.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import itertools
import os
import shutil
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from console.services import staff_passwords
from console.storage.database import open_database


@pytest.fixture(autouse=True)
def small_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash at the tests' small argon2 cost (milliseconds, not a tenth of a second)."""
    monkeypatch.setattr(staff_passwords, "_hasher", staff_passwords._TEST)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database file, made once per module."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def site_db(template_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the migrated database for one test."""
    path = tmp_path / "site.db"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def site_url(request: pytest.FixtureRequest, database_backend: str) -> str:
    """The URL of a fresh migrated database for one test: a SQLite copy (``site_db``), or
    a PostgreSQL one in tests marked ``both_databases``."""
    if database_backend == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{request.getfixturevalue('site_db')}"


# ---------------------------------------------------------------------------------------
# PostgreSQL: the same tests on a real server, where one answers.
#
# Convention: $CHARGEDESK_TEST_POSTGRES_URL, else DEFAULT_POSTGRES_URL (the role and
# database .ci/postgres.sh makes). The role needs CREATEDB: each xdist worker migrates one
# template database, and each test gets a fresh CREATE DATABASE ... TEMPLATE copy of it
# (tens of milliseconds), dropped when the test ends. Names carry the worker and the
# process id, so parallel runs on one server never meet.

POSTGRES_URL_ENV = "CHARGEDESK_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql://chargedesk_test:chargedesk_test@127.0.0.1:5432/chargedesk_test"
NO_POSTGRES = (
    "no PostgreSQL server for the tests: start one with `sudo .ci/postgres.sh` "
    f"or point ${POSTGRES_URL_ENV} at a role with CREATEDB"
)
_NAME_PREFIX = "cd_test_"
DROP_PATIENCE_S = 5.0

__all__ = ["site_db", "site_url", "small_argon2", "template_db"]  # fixtures for star imports


@functools.cache
def postgres_admin_url() -> str | None:
    """The tests' PostgreSQL URL when a server answers there (asked once per process)."""
    if importlib.util.find_spec("psycopg") is None:
        return None
    import psycopg

    url = os.environ.get(POSTGRES_URL_ENV) or DEFAULT_POSTGRES_URL
    try:
        psycopg.connect(_libpq(url), connect_timeout=3).close()
    except psycopg.Error:
        return None
    return url


def _libpq(url: str) -> str:
    """The URL as libpq takes it (no SQLAlchemy driver name)."""
    return str(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False))


def _admin(sql: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
    import psycopg

    url = postgres_admin_url()
    assert url is not None
    with psycopg.connect(_libpq(url), autocommit=True) as connection:
        connection.execute(sql)  # type: ignore[arg-type]


def _drop(name: str) -> None:
    """Drop a test database; an autovacuum worker (which FORCE may not end unless the role
    is a superuser) is waited out for a few seconds, then the database is left for the
    next run's clean-up rather than failing the test."""
    import psycopg

    deadline = time.monotonic() + DROP_PATIENCE_S
    while True:
        try:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            if time.monotonic() > deadline:
                warnings.warn(f"test database {name} left behind: still in use", stacklevel=2)
                return
            time.sleep(0.1)  # polling the server: no event tells when the worker is gone


def _database_url(name: str) -> str:
    url = postgres_admin_url()
    assert url is not None
    return str(make_url(url).set(database=name).render_as_string(hide_password=False))


def _drop_leftovers() -> None:
    """Drop test databases of runs that died without cleaning up (their process is gone)."""
    import psycopg

    url = postgres_admin_url()
    assert url is not None
    with psycopg.connect(_libpq(url), autocommit=True) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'cd\\_test\\_%'"
            )
        ]
    for name in names:
        pid = name.split("_")[2] if name.count("_") >= 3 else ""
        if pid.isdigit() and not _alive(int(pid)):
            _drop(name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated, empty PostgreSQL database made once per worker (skips without a server)."""
    if postgres_admin_url() is None:
        pytest.skip(NO_POSTGRES)
    _drop_leftovers()
    name = f"{_NAME_PREFIX}{os.getpid()}_{_worker()}_template"
    _drop(name)
    _admin(f'CREATE DATABASE "{name}"')
    open_database(_database_url(name)).dispose()
    yield name
    _drop(name)


_made = itertools.count()


@contextlib.contextmanager
def postgres_copy(template: str) -> Iterator[str]:
    """A fresh copy of the database ``template`` (its URL), dropped at the end; for
    fixtures of a wider scope than a test (take ``postgres_template`` for ``template``)."""
    name = f"{_NAME_PREFIX}{os.getpid()}_{_worker()}_{next(_made)}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield _database_url(name)
    finally:
        _drop(name)  # FORCE: an engine the test left open must not keep it alive


@pytest.fixture
def postgres_url(postgres_template: str) -> Iterator[str]:
    """A fresh copy of the migrated PostgreSQL database for one test, dropped after it."""
    with postgres_copy(postgres_template) as url:
        yield url


@pytest.fixture
def empty_postgres_url(postgres_template: str) -> Iterator[str]:
    """A fresh PostgreSQL database with no tables at all (migrations from empty)."""
    name = f"{_NAME_PREFIX}{os.getpid()}_{_worker()}_{next(_made)}"
    _admin(f'CREATE DATABASE "{name}"')
    yield _database_url(name)
    _drop(name)
