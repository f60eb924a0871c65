"""Shared fixtures. Qt runs offscreen for every GUI test."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.template_db import (
    NO_POSTGRES,
    empty_postgres_url,
    postgres_admin_url,
    postgres_template,
    postgres_url,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Log files of the programs the tests start (serve, the engine child) go to a folder of
# this run, not to the user's log folder.
os.environ.setdefault("CHARGEDESK_LOG_DIR", tempfile.mkdtemp(prefix="chargedesk-test-logs-"))
# Translations the console compiles at start go to a cache of this process (each xdist
# worker its own), not to the user's cache folder.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="chargedesk-test-cache-")
# Staff passwords hashed at a test-sized argon2 cost (read when the hashing module is
# imported, and inherited by programs the tests start): full cost is 0.1-0.3 s a hash.
os.environ.setdefault("CHARGEDESK_TEST_ARGON2", "1")


DATABASES = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    """The markers that choose the databases a test runs on."""
    config.addinivalue_line(
        "markers",
        "both_databases: run the test's database fixtures (db_url, site_url, make_engine) "
        "on SQLite and on PostgreSQL (ids sqlite/postgresql; tests/template_db.py)",
    )
    config.addinivalue_line("markers", "sqlite_only: SQLite only, in a both_databases module")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``both_databases`` that use a database run once per database."""
    marked = metafunc.definition.get_closest_marker("both_databases") is not None
    sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
    if "database_backend" in metafunc.fixturenames and marked and not sqlite_only:
        metafunc.parametrize("database_backend", DATABASES, indirect=True)


_POSTGRES_FIXTURES = {"postgres_template", "postgres_url", "empty_postgres_url"}


def _runs_on_postgresql(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "postgresql" in callspec.params.values():
        return True
    return not _POSTGRES_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL server its variants are left out, and said so once (at the end)
    rather than as a skip per test."""
    if postgres_admin_url() is not None:
        return
    left_out = [item for item in items if _runs_on_postgresql(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not _runs_on_postgresql(item)]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The one line that says the PostgreSQL variants did not run, and how to run them."""
    if postgres_admin_url() is None and not terminalreporter.config.getoption("collectonly"):
        terminalreporter.write_line(f"PostgreSQL variants not run: {NO_POSTGRES}", yellow=True)


@pytest.fixture
def database_backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: SQLite unless the test is parametrised with both."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_url(tmp_path: Path, database_backend: str, request: pytest.FixtureRequest) -> str:
    """A fresh database for one test: an empty SQLite file (migrated on first open), or
    a migrated PostgreSQL database in tests marked ``both_databases``."""
    if database_backend == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'chargedesk.db'}"


@pytest.fixture(autouse=True)
def _site_zone_of_one_test() -> Iterator[None]:
    """The zone times are shown in is the program's (a console sets it from its site):
    each test starts with none set, whatever an earlier test's console chose."""
    from console.services.formatting import set_site_zone

    set_site_zone(None)
    yield
    set_site_zone(None)


__all__ = ["empty_postgres_url", "postgres_template", "postgres_url"]  # fixtures for every test
