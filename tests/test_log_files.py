"""Log files: the console and serve write a private, rotating log in the log folder."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from console import log_files
from console.log_files import current_log_file, default_log_dir, setup_logging


@pytest.fixture(autouse=True)
def _no_log_file_left() -> Iterator[None]:
    """Each test's handlers go with it (the root logger is the process's)."""
    yield
    log_files.remove_log_handlers()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_log_file_appears_private_with_our_info_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file holds our informational lines; stderr only warnings (without -v)."""
    path = setup_logging("console", log_dir=tmp_path / "logs")
    assert path == tmp_path / "logs" / "console.log" == current_log_file()
    logging.getLogger("console.test").info("charger CP-1 refused")
    logging.getLogger("console.test").warning("database slow")
    logging.getLogger("some.library").info("library chatter")
    text = path.read_text(encoding="utf-8")
    assert "charger CP-1 refused" in text and "database slow" in text
    assert "library chatter" not in text
    err = capsys.readouterr().err
    assert "database slow" in err and "charger CP-1 refused" not in err
    if os.name == "posix":
        assert _mode(path) == 0o600
        assert _mode(path.parent) == 0o700


def test_log_file_rotates_and_every_file_stays_private(tmp_path: Path) -> None:
    """Past its size the file rotates; only ``backup_count`` old files are kept."""
    path = setup_logging("serve", log_dir=tmp_path, max_bytes=2_000, backup_count=2)
    assert path is not None
    log = logging.getLogger("console.rotation")
    for number in range(200):
        log.info("line %d of a busy day at the charging site", number)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["serve.log", "serve.log.1", "serve.log.2"]
    assert all(p.stat().st_size <= 2_100 for p in tmp_path.iterdir())
    if os.name == "posix":
        assert {_mode(p) for p in tmp_path.iterdir()} == {0o600}


def test_an_existing_readable_log_is_made_private(tmp_path: Path) -> None:
    """A log file left readable by others (older version, umask) is closed to them."""
    old = tmp_path / "console.log"
    old.write_text("old line\n")
    old.chmod(0o644)
    setup_logging("console", log_file=old)
    if os.name == "posix":
        assert _mode(old) == 0o600
    assert old.read_text().startswith("old line")


def test_a_log_folder_that_cannot_be_made_is_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file where the folder should be: no log file, one line, the program goes on."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    assert setup_logging("console", log_dir=blocker / "logs") is None
    assert "no log file" in capsys.readouterr().err
    assert current_log_file() is None


def test_default_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """CHARGEDESK_LOG_DIR wins, then systemd's LOGS_DIRECTORY, then the platform's."""
    monkeypatch.delenv("CHARGEDESK_LOG_DIR", raising=False)
    monkeypatch.delenv("LOGS_DIRECTORY", raising=False)
    assert "ChargeDesk" in str(default_log_dir())
    monkeypatch.setenv("LOGS_DIRECTORY", "/var/log/chargedesk")
    assert default_log_dir() == Path("/var/log/chargedesk")
    monkeypatch.setenv("CHARGEDESK_LOG_DIR", "/srv/logs")
    assert default_log_dir() == Path("/srv/logs")


def test_serve_writes_its_log_file(tmp_path: Path) -> None:
    """``chargedesk serve --log-dir`` writes serve.log there (and still talks on stdout)."""
    env = {**os.environ, "CHARGEDESK_LOG_DIR": str(tmp_path / "elsewhere")}
    command = [sys.executable, "-m", "console.cli", "serve", "--host", "127.0.0.1"]
    # --no-tls: the default wss:// port may be taken by a test on another worker.
    command += ["--port", "0", "--no-tls", "--no-api", "--db", str(tmp_path / "site.db")]
    command += ["--log-dir", str(tmp_path / "logs")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # blocks until serve is up (or has died)
        assert "listening" in first, first
        assert (tmp_path / "logs" / "serve.log").is_file()
        assert not (tmp_path / "elsewhere").exists()
    finally:
        process.terminate()
        process.wait(timeout=30)
