"""A database that cannot be used gives one readable line and a non-zero exit (issue 10).

Each case runs the real command in a subprocess: ``serve``, the console (no sub-command;
the check runs before any window) and admin sub-commands. The tests run as root here,
and root may write a file whatever its mode, so "read-only" is made three ways that
hold for root too: SQLite's own read-only mode (``?mode=ro`` URL), an immutable file or
folder (``chattr +i``, skipped where the file system has no such flag), and a "full
disk" is a small tmpfs mounted for the test and filled up (skipped where mounting is not
permitted).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.storage.database import open_database

ROOT = Path(__file__).resolve().parents[1]
# No fixed port (wss:// 9443, the API's 9444): a test beside them on another worker
# would find it taken and fail for the wrong reason.
SERVE = ["serve", "--port", "0", "--host", "127.0.0.1", "--no-tls", "--no-api"]
GUI: list[str] = ["--port", "0", "--no-tls", "--no-api"]
ADMIN = ["chargers", "list"]


def _run(db: str, command: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # A command that wrongly starts would run for ever: the timeout makes the test fail.
    return subprocess.run(
        [sys.executable, "-m", "console.cli", *command, "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )


def _one_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("chargedesk: "), line
    assert "cannot listen" not in line
    for word in words:
        assert word in line, line
    return line


def _database(path: Path) -> Path:
    engine = open_database(f"sqlite:///{path}")
    engine.dispose()
    return path


def test_a_corrupt_database_for_serve_gui_and_admin(tmp_path: Path) -> None:
    bad = tmp_path / "corrupt.db"
    bad.write_bytes(b"this is not SQLite " * 500)
    for command in (SERVE, GUI, ["cards", "list"]):
        _one_line(_run(f"sqlite:///{bad}", command), "damaged", str(bad), "backup")
    assert bad.read_bytes() == b"this is not SQLite " * 500  # nothing was written


def test_a_folder_given_as_the_database(tmp_path: Path) -> None:
    for command in (SERVE, ADMIN):
        _one_line(_run(f"sqlite:///{tmp_path}", command), "is a folder", "--db")


def test_a_missing_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    _one_line(_run(f"sqlite:///{blocker / 'sub' / 'x.db'}", SERVE), "is a file")
    _one_line(_run("sqlite:////proc/chargedesk-none/x.db", ADMIN), "cannot create the folder")


def test_a_read_only_database_url(tmp_path: Path) -> None:
    path = _database(tmp_path / "site.db")
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    for command in (SERVE, GUI):
        _one_line(_run(url, command), "read-only", str(path))
    missing = f"sqlite:///file:{tmp_path / 'none.db'}?mode=ro&uri=true"
    _one_line(_run(missing, SERVE), "does not exist")


@contextlib.contextmanager
def _immutable(path: Path) -> Iterator[None]:
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {done.stderr!r}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_file_and_folder(tmp_path: Path) -> None:
    path = _database(tmp_path / "site.db")
    with _immutable(path):
        _one_line(_run(f"sqlite:///{path}", SERVE), "read-only", str(path))
        _one_line(_run(f"sqlite:///{path}", ADMIN), "read-only")
    folder = tmp_path / "locked-folder"
    folder.mkdir()
    with _immutable(folder):
        _one_line(_run(f"sqlite:///{folder / 'new.db'}", SERVE), "permission", str(folder))


def test_a_database_locked_by_another_process(tmp_path: Path) -> None:
    path = _database(tmp_path / "site.db")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        _one_line(_run(f"sqlite:///{path}", SERVE), "locked", "another program")
        _one_line(_run(f"sqlite:///{path}", ADMIN), "locked")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    # Once the lock is gone the same database works.
    assert _run(f"sqlite:///{path}", ADMIN).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small-disk"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {done.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk(small_disk: Path) -> None:
    filler = small_disk / "filler"
    with filler.open("wb") as stream, contextlib.suppress(OSError):
        while True:  # to the last byte: ENOSPC ends it
            stream.write(b"\0" * 65536)
            stream.flush()
    _one_line(_run(f"sqlite:///{small_disk / 'site.db'}", SERVE), "full", "free some space")
    _one_line(_run(f"sqlite:///{small_disk / 'site.db'}", ADMIN), "full")


def test_sqlite_errors_met_later_are_one_line_too() -> None:
    from console.services.startup import explain_startup_error

    error = sqlite3.OperationalError("database or disk is full")
    line = explain_startup_error(error, "sqlite:////x/site.db")
    assert line is not None and "full" in line and "/x/site.db" in line
    assert explain_startup_error(ValueError("other"), "sqlite:////x/site.db") is None
