"""Log files: the console and ``serve`` keep a rotating log in the platform's log folder.

One file per program (``console.log``, ``serve.log``, ``engine.log`` for the console's
engine process), so two processes never rotate the same file. Rotation keeps the folder
bounded (5 files of 5 MB each by default); files are private to the user (0600) because
they name cards and chargers. Standard error keeps its lines too: under systemd it is
what journald records.

Where: ``--log-file``/``--log-dir`` when given, else ``$CHARGEDESK_LOG_DIR`` (tests, a
site's choice), else ``$LOGS_DIRECTORY`` (set by systemd's ``LogsDirectory=``), else
platformdirs' ``user_log_dir("ChargeDesk")``.

No Qt and no layer of ours: the command line, the console and the engine use it alike.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import TextIO

import platformdirs

MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
ENV_LOG_DIR = "CHARGEDESK_LOG_DIR"
SYSTEMD_LOG_DIR = "LOGS_DIRECTORY"


def default_log_dir() -> Path:
    """The folder log files go to when no option names one (not created here)."""
    for variable in (ENV_LOG_DIR, SYSTEMD_LOG_DIR):
        value = os.environ.get(variable, "").split(":")[0]  # systemd may list several
        if value:
            return Path(value).expanduser()
    return Path(platformdirs.user_log_dir("ChargeDesk", appauthor=False))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only their owner can read (0600)."""

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed: returns a text stream
        """Create the file with mode 0600 before the handler writes to it."""
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.close(descriptor)
        # A file made by an older version, or under another umask, is made private too.
        os.chmod(self.baseFilename, 0o600)
        return super()._open()


class CurrentStderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time of the record (as logging's last
    resort does), so a replaced stderr (a test's capture) never receives a stale write."""

    @property
    def stream(self) -> TextIO:
        """Today's standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass  # StreamHandler.__init__ sets it; the property decides


def remove_log_handlers() -> None:
    """Take away (and close) the handlers ``setup_logging`` added."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "chargedesk", False)]:
        root.removeHandler(handler)
        handler.close()


def add_log_options(parser: argparse.ArgumentParser) -> None:
    """``--log-file`` and ``--log-dir`` (for ``serve``)."""
    parser.add_argument(
        "--log-file",
        type=Path,
        metavar="PATH",
        help="write the log to this file (rotated at 5 MB, 5 kept)",
    )
    parser.add_argument(
        "--log-dir",
        type=Path,
        metavar="DIR",
        help="write the log into this folder (default: the platform's log folder)",
    )


def setup_logging(
    name: str,
    verbose: bool = False,
    log_file: Path | None = None,
    log_dir: Path | None = None,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
) -> Path | None:
    """Log to standard error and to ``<log folder>/<name>.log``; return the file's path.

    Standard error shows warnings (everything with ``verbose``), the file also our own
    informational lines. A folder that cannot be written is said once on standard error
    and the program runs on without a file (None). Calling it again replaces the
    handlers it added before (commands run in one process, as in the tests).
    """
    root = logging.getLogger()
    remove_log_handlers()
    formatter = logging.Formatter(LOG_FORMAT)
    console_level = logging.INFO if verbose else logging.WARNING
    stderr = CurrentStderrHandler()
    stderr.setLevel(console_level)
    stderr.setFormatter(formatter)
    _add(root, stderr)
    root.setLevel(console_level)
    # Our own informational lines (refused chargers, transfers) belong in the file even
    # when third-party libraries stay at warnings.
    logging.getLogger("console").setLevel(logging.INFO)
    path = log_file or (log_dir or default_log_dir()) / f"{name}.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
        )
    except OSError as error:
        print(f"chargedesk: no log file ({path}: {error.strerror or error})", file=sys.stderr)
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(formatter)
    _add(root, handler)
    return path


def _add(root: logging.Logger, handler: logging.Handler) -> None:
    handler.chargedesk = True  # type: ignore[attr-defined]  # ours, replaced on a new setup
    root.addHandler(handler)


def current_log_file() -> Path | None:
    """The file the last ``setup_logging`` writes to (None: no file, e.g. in tests)."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, "chargedesk", False) and isinstance(
            handler, logging.handlers.RotatingFileHandler
        ):
            return Path(handler.baseFilename)
    return None


def log_folder() -> Path:
    """The folder of the current log file, else the default one."""
    current = current_log_file()
    return current.parent if current is not None else default_log_dir()
