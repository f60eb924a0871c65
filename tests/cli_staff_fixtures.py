"""Fixtures for the ``staff`` and ``audit`` commands: a migrated database per test, the
tests' argon2 cost, and running ``chargedesk`` in-process with standard input."""

from __future__ import annotations

import getpass
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from console.cli import main
from tests.template_db import *  # noqa: F403 (the database fixtures)

Run = Callable[..., tuple[int, str, str]]
OS_ACCOUNT = getpass.getuser()


class _Terminal(io.StringIO):
    """Standard input as a person at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_login_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the environment running the tests says, no staff login is preset."""
    monkeypatch.delenv("CHARGEDESK_USER", raising=False)
    monkeypatch.delenv("CHARGEDESK_PASSWORD", raising=False)


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
