"""Fixtures for the ``staff`` and ``audit`` commands: a migrated database per test, the
tests' argon2 cost, and running ``chargedesk`` in-process with standard input."""

from __future__ import annotations

import getpass
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from console.cli import main
from console.services import staff_passwords
from console.storage.database import open_database

Run = Callable[..., tuple[int, str, str]]
OS_ACCOUNT = getpass.getuser()


class _Terminal(io.StringIO):
    """Standard input as a person at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def small_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash at the tests' small argon2 cost."""
    monkeypatch.setattr(staff_passwords, "_hasher", staff_passwords._TEST)


@pytest.fixture(autouse=True)
def no_login_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the environment running the tests says, no staff login is preset."""
    monkeypatch.delenv("CHARGEDESK_USER", raising=False)
    monkeypatch.delenv("CHARGEDESK_PASSWORD", raising=False)


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
def run(site_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``chargedesk ARGS --db site`` in-process: (exit code, stdout, stderr).

    ``stdin`` is what the command reads from standard input, a terminal when
    ``terminal`` is True.
    """

    def run_command(*args: str, stdin: str = "", terminal: bool = False) -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", _Terminal(stdin) if terminal else io.StringIO(stdin))
        try:
            code = main([*args, "--db", f"sqlite:///{site_db}"])
        except SystemExit as stop:
            code = int(stop.code or 0)
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run_command
