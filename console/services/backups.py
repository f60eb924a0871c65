"""The daily backup in a running engine, and "back up now".

Once a day, at the site's chosen time (site time), the engine copies its SQLite
database to the chosen folder as ``chargedesk-YYYY-MM-DD-HHMM.db`` and removes the
oldest copies beyond the number kept (only files named like that: whatever else is in
the folder is not ChargeDesk's to delete). A day missed while the PC was off is made
up at the next check; a failed backup is tried again an hour later. The copy runs in a
worker thread with a connection of its own (console/storage/backup.py), so chargers are
answered while it runs.

The last backup's time, file, size and outcome are kept in the settings table; a failure
(folder missing, disk full, not writable) raises a BACKUP_FAILED alarm that clears at the
next success.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from console.core.alarms import AlarmKind
from console.core.clock import utcnow
from console.core.staff import ENGINE_ACTOR, Actor, Permission, PermissionDenied, require
from console.services.alarms import AlarmService
from console.services.audited import audited_write, record
from console.services.background import cancel_and_wait
from console.services.backup_settings import (
    BackupSettings,
    BackupStatus,
    read_backup_settings,
    read_backup_status,
    write_backup_settings,
    write_backup_status,
)
from console.services.formatting import to_local
from console.services.site_zone import configured_zone
from console.storage.backup import BackupError, copy_database, postgres_advice
from console.storage.database import ensure_private_dir, sqlite_file_of
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

BACKUP_ALARM_SOURCE = "backups"  # the "charger" of the backup alarm
FIRST_CHECK_DELAY = 600.0  # seconds after start: a start is busy enough without a copy
CHECK_INTERVAL = 60.0
RETRY_AFTER = timedelta(hours=1)
# The copies this feature makes, and nothing else, are counted and removed.
COPY_NAME = re.compile(r"^chargedesk-\d{4}-\d{2}-\d{2}-\d{4}\.db$")


def copy_name(local: datetime) -> str:
    """The file name of a copy made at the site's wall-clock time ``local``."""
    return f"chargedesk-{local:%Y-%m-%d-%H%M}.db"


def require_backup_right(actor: Actor) -> None:
    """A technician or an admin may back up now (a copy changes no data of the site)."""
    if not (actor.may(Permission.CONFIGURATION) or actor.may(Permission.SITE)):
        raise PermissionDenied(actor, Permission.CONFIGURATION)


def prune_copies(folder: Path, keep: int) -> list[Path]:
    """Remove the oldest of this feature's copies beyond ``keep``; the removed files."""
    copies = sorted(p for p in folder.iterdir() if COPY_NAME.match(p.name) and p.is_file())
    removed = copies[: max(0, len(copies) - max(1, keep))]  # never the copy just made
    for path in removed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return removed


def last_due(now: datetime, settings: BackupSettings, zone: Any) -> datetime:
    """The latest scheduled moment at or before ``now`` (UTC)."""
    local = to_local(now, zone)
    scheduled = local.replace(
        hour=settings.time_of_day.hour, minute=settings.time_of_day.minute, second=0, microsecond=0
    )
    if scheduled > local:
        scheduled -= timedelta(days=1)
    return scheduled.astimezone(now.tzinfo)


class BackupService:
    """The daily backup, its settings and "back up now", in a running engine."""

    def __init__(
        self,
        writer: StorageWriter,
        alarms: AlarmService,
        database_url: str,
        *,
        first_delay: float = FIRST_CHECK_DELAY,
        interval: float = CHECK_INTERVAL,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._writer = writer
        self._alarms = alarms
        self.database_url = database_url
        self.database = sqlite_file_of(database_url)
        self.first_delay = first_delay
        self.interval = interval
        self.clock = clock
        self._lock = asyncio.Lock()  # one copy at a time
        self._task: asyncio.Task[None] | None = None
        self._copying: asyncio.Future[BackupStatus] | None = None  # the copy's thread

    # -- reads -----------------------------------------------------------------------
    async def settings(self) -> BackupSettings:
        """The stored settings."""
        return await self._writer.submit(read_backup_settings)

    async def status(self) -> BackupStatus | None:
        """The last backup's facts, None before the first."""
        return await self._writer.submit(read_backup_status)

    # -- staff's operations ----------------------------------------------------------
    async def save_settings(self, settings: BackupSettings, *, actor: Actor) -> BackupSettings:
        """Store the folder, time and number of copies (admin); ValueError when wrong."""
        require(actor, Permission.SITE)
        settings.checked()

        def work(connection: Connection) -> BackupSettings:
            write_backup_settings(connection, settings)
            return settings

        return await audited_write(
            self._writer,
            actor,
            Permission.SITE,
            "backup.settings",
            "daily backup",
            work,
            lambda c: read_backup_settings(c).as_dict(),
        )

    async def back_up_now(self, *, actor: Actor) -> BackupStatus:
        """Make a copy now (technician or admin); its outcome, a failure included."""
        require_backup_right(actor)
        return await self._run(actor, automatic=False)

    # -- the daily run ---------------------------------------------------------------
    def start(self) -> None:
        """Check for a due backup every ``interval`` seconds, after ``first_delay``."""
        if self.database is not None:
            self._task = asyncio.get_running_loop().create_task(self._every_minute())

    async def close(self) -> None:
        """Stop checking (a copy under way finishes in its thread first)."""
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None
        if self._copying is not None:
            await asyncio.gather(self._copying, return_exceptions=True)
        async with self._lock:  # a "back up now" under way records its outcome
            pass

    async def _every_minute(self) -> None:
        await asyncio.sleep(self.first_delay)
        while True:
            try:
                await self.run_due(actor=ENGINE_ACTOR)
            except Exception:
                log.exception("the daily backup check failed")
            await asyncio.sleep(self.interval)

    async def run_due(self, now: datetime | None = None, *, actor: Actor) -> BackupStatus | None:
        """Make the daily copy when it is due at ``now`` (default: the clock); its
        outcome, None when none was due."""
        moment = now or self.clock()

        def read(connection: Connection) -> tuple[BackupSettings, BackupStatus | None, Any]:
            return (
                read_backup_settings(connection),
                read_backup_status(connection),
                configured_zone(connection),
            )

        settings, last, zone = await self._writer.submit(read)
        if last is not None:
            retry = not last.ok and moment - last.at >= RETRY_AFTER  # a failure, an hour on
            if not retry and last.at >= last_due(moment, settings, zone):
                return None
        return await self._run(actor, automatic=True, now=moment)

    async def _run(
        self, actor: Actor, *, automatic: bool, now: datetime | None = None
    ) -> BackupStatus:
        moment = now or self.clock()
        if self.database is None:  # PostgreSQL: its own tools, nothing failed here
            return BackupStatus(moment, "", 0, False, postgres_advice(self.database_url), automatic)
        async with self._lock:

            def read(connection: Connection) -> tuple[BackupSettings, Any]:
                return read_backup_settings(connection), configured_zone(connection)

            settings, zone = await self._writer.submit(read)
            # Shielded and kept: the engine stopping cancels the daily check, but a
            # thread cannot be stopped, and close() waits for it before the database
            # closes under it.
            self._copying = asyncio.ensure_future(
                asyncio.to_thread(self._copy, settings, zone, moment, automatic)
            )
            status = await asyncio.shield(self._copying)
            await self._record(status, actor)
            return status

    def _copy(
        self, settings: BackupSettings, zone: Any, moment: datetime, automatic: bool
    ) -> BackupStatus:
        """Make one copy and prune (in a worker thread); the outcome, never raises."""
        assert self.database is not None, "a SQLite file (checked by _run)"
        folder = settings.folder_for(self.database)
        target = folder / copy_name(to_local(moment, zone))
        try:
            if not settings.folder:
                ensure_private_dir(folder)  # the default folder is ours to make
            copy = copy_database(self.database, target)
            removed = prune_copies(folder, settings.keep)
        except (BackupError, OSError) as error:
            log.error("backup to %s failed: %s", target, error)
            reason = error.strerror if isinstance(error, OSError) else None
            return BackupStatus(moment, str(target), 0, False, str(reason or error), automatic)
        outcome = f"copied {copy.size} bytes"
        if removed:
            outcome += f", {len(removed)} older {'copy' if len(removed) == 1 else 'copies'} removed"
        return BackupStatus(moment, str(copy.path), copy.size, True, outcome, automatic)

    async def _record(self, status: BackupStatus, actor: Actor) -> None:
        def store(connection: Connection) -> None:
            write_backup_status(connection, status)
            facts = {"file": status.file, "size": status.size, "ok": status.ok}
            facts["outcome"] = status.outcome
            record(connection, actor, "backup.run", status.file, None, facts)

        await self._writer.submit(store)
        if status.ok:
            await self._alarms.clear_condition(BACKUP_ALARM_SOURCE, AlarmKind.BACKUP_FAILED)
            return
        folder = str(Path(status.file).parent) if status.file else ""
        details = {"at": status.at.isoformat(), "folder": folder, "reason": status.outcome}
        message = f"The backup of the database to {folder} failed: {status.outcome}"
        await self._alarms.raise_condition(
            BACKUP_ALARM_SOURCE, AlarmKind.BACKUP_FAILED, message, details
        )
