"""The daily backup's settings and its last outcome, kept in the settings table.

One row per field ("backup.folder", "backup.time", "backup.keep", "backup.last_at"…),
so no migration is needed. A value never saved, or unreadable, is the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from console.storage.logs import get_setting, set_setting

DEFAULT_TIME = time(2, 30)  # at night: few sessions start, the copy meets little load
DEFAULT_KEEP = 14
MAX_KEEP = 366
DEFAULT_FOLDER_NAME = "backups"  # beside the database
_PREFIX = "backup."


@dataclass(frozen=True, slots=True)
class BackupSettings:
    """Where and when the daily backup is made, and how many copies are kept.

    ``folder`` "" means the default: a ``backups`` folder beside the database.
    """

    folder: str = ""
    time_of_day: time = DEFAULT_TIME
    keep: int = DEFAULT_KEEP

    def checked(self) -> BackupSettings:
        """These settings, or ValueError saying what is wrong with them."""
        if not 1 <= self.keep <= MAX_KEEP:
            raise ValueError(f"keep between 1 and {MAX_KEEP} copies")
        if self.folder and not Path(self.folder).expanduser().is_absolute():
            raise ValueError("give the backup folder as a full path")
        return self

    def folder_for(self, database: Path) -> Path:
        """The folder copies go to, for the SQLite file ``database``."""
        if self.folder:
            return Path(self.folder).expanduser()
        return database.parent / DEFAULT_FOLDER_NAME

    def as_dict(self) -> dict[str, Any]:
        """The settings as the audit log keeps them."""
        return {
            "folder": self.folder,
            "time_of_day": self.time_of_day.strftime("%H:%M"),
            "keep": self.keep,
        }


@dataclass(frozen=True, slots=True)
class BackupStatus:
    """The last backup: when (UTC), its file and size, and its outcome.

    ``ok`` False: ``outcome`` says why it failed (``file`` is the one it meant to write).
    """

    at: datetime
    file: str
    size: int
    ok: bool
    outcome: str
    automatic: bool = True


def _key(name: str) -> str:
    return _PREFIX + name


def read_backup_settings(connection: Connection) -> BackupSettings:
    """The stored settings, defaults for what was never saved."""
    default = BackupSettings()
    folder = get_setting(connection, _key("folder")) or ""
    try:
        moment = time.fromisoformat(get_setting(connection, _key("time")) or "")
    except ValueError:
        moment = default.time_of_day
    try:
        keep = int(get_setting(connection, _key("keep")) or default.keep)
    except ValueError:
        keep = default.keep
    stored = BackupSettings(folder, moment.replace(second=0, microsecond=0), keep)
    try:
        return stored.checked()
    except ValueError:  # changed by hand in the database: the defaults, not a surprise
        return default


def write_backup_settings(connection: Connection, settings: BackupSettings) -> None:
    """Store ``settings`` (checked first)."""
    settings.checked()
    set_setting(connection, _key("folder"), settings.folder)
    set_setting(connection, _key("time"), settings.time_of_day.strftime("%H:%M"))
    set_setting(connection, _key("keep"), str(settings.keep))


def read_backup_status(connection: Connection) -> BackupStatus | None:
    """The last backup, or None when none was made yet."""
    at_text = get_setting(connection, _key("last_at"))
    if not at_text:
        return None
    try:
        at = datetime.fromisoformat(at_text)
        size = int(get_setting(connection, _key("last_size")) or 0)
    except ValueError:
        return None
    return BackupStatus(
        at=at,
        file=get_setting(connection, _key("last_file")) or "",
        size=size,
        ok=get_setting(connection, _key("last_ok")) == "true",
        outcome=get_setting(connection, _key("last_outcome")) or "",
        automatic=get_setting(connection, _key("last_automatic")) != "false",
    )


def write_backup_status(connection: Connection, status: BackupStatus) -> None:
    """Store the last backup's facts."""
    set_setting(connection, _key("last_at"), status.at.isoformat())
    set_setting(connection, _key("last_file"), status.file)
    set_setting(connection, _key("last_size"), str(status.size))
    set_setting(connection, _key("last_ok"), "true" if status.ok else "false")
    set_setting(connection, _key("last_outcome"), status.outcome)
    set_setting(connection, _key("last_automatic"), "true" if status.automatic else "false")
