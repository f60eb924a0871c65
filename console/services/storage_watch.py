"""Keeps storage bounded: logs pruned by age and count, and a watch on free disk space.

Two periodic jobs on the engine loop:
- maintenance (every ``maintenance_interval``): charger events and refused cards older
  than their retention, or beyond their row limit, are deleted (oldest first);
- the disk watch (every ``disk_check_interval``, SQLite files only): when the free space
  of the database's file system falls below the threshold, or a commit failed because
  the disk was full, a DISK_LOW alarm is raised and the writer stops keeping bulk logs
  (message log frames, charger notices). Billing writes go on as long as anything can be
  written. Bulk logs resume, and the alarm clears, once space is back above the
  threshold with a margin (so it does not flap at the edge).
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, make_url

from console.core.alarms import AlarmKind
from console.core.clock import utcnow
from console.services.alarms import AlarmService
from console.services.background import cancel_and_wait
from console.storage import cards as card_repo
from console.storage import logs as log_repo
from console.storage.reserve import DEFAULT_RESERVE_BYTES
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

GIB = 1024**3
MB = 1000**2
DISK_ALARM_SOURCE = "database"  # alarms name a charger; this one is about the database
RESUME_MARGIN = 1.2  # bulk logs resume above this multiple of the threshold


@dataclass(frozen=True, slots=True)
class StorageLimits:
    """How long and how much is kept, and how much free disk space is enough."""

    charger_event_days: int = 400
    charger_event_rows: int = 500_000
    refused_card_days: int = 180
    refused_card_rows: int = 10_000
    # Low means below both: 1 GiB on a big disk, 5 % of a small one (an 8 GB card: 400 MB).
    min_free_bytes: int = GIB
    min_free_ratio: float = 0.05
    # kept free beside the database, given up at the first full-disk failure
    reserve_bytes: int = DEFAULT_RESERVE_BYTES
    maintenance_interval: float = 600.0
    disk_check_interval: float = 30.0


DiskUsage = Callable[[Path], tuple[int, int]]  # folder -> (total bytes, free bytes)


def disk_usage(folder: Path) -> tuple[int, int]:
    """Total and free bytes of the file system holding ``folder``."""
    usage = shutil.disk_usage(folder)
    return usage.total, usage.free


def sqlite_folder(database_url: str) -> Path | None:
    """The folder of a SQLite database file; None for other databases and in-memory ones."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).resolve().parent


def threshold_of(total: int, limits: StorageLimits) -> int:
    """Free bytes below which the disk counts as low."""
    return int(min(limits.min_free_bytes, total * limits.min_free_ratio))


def prune_logs(connection: Connection, limits: StorageLimits) -> tuple[int, int]:
    """Delete charger events and refused cards beyond their limits; (events, cards) deleted."""
    now = utcnow()
    events = log_repo.prune_charger_events(
        connection, now - timedelta(days=limits.charger_event_days), limits.charger_event_rows
    )
    refused = card_repo.prune_refused_cards(
        connection, now - timedelta(days=limits.refused_card_days), limits.refused_card_rows
    )
    return events, refused


class StorageWatch:
    """Runs log maintenance and the disk watch; owns the writer's ``bulk_paused`` flag."""

    def __init__(
        self,
        writer: StorageWriter,
        alarms: AlarmService,
        database_url: str,
        limits: StorageLimits | None = None,
        usage: DiskUsage = disk_usage,
    ) -> None:
        self._writer = writer
        self._alarms = alarms
        self.limits = limits or StorageLimits()
        self.usage = usage
        self.folder = sqlite_folder(database_url)
        self.low = False
        self.free_bytes: int | None = None
        self._unraised: tuple[str, dict[str, Any]] | None = None  # alarm still to store
        self._full_failures_seen = writer.disk_full_failures
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        """Start both periodic jobs on the running loop."""
        loop = asyncio.get_running_loop()
        self._tasks = [
            loop.create_task(self._every(self.limits.maintenance_interval, self.maintain)),
            loop.create_task(self._every(self.limits.disk_check_interval, self.check_disk)),
        ]

    async def close(self) -> None:
        """Stop the periodic jobs."""
        await cancel_and_wait(*self._tasks)
        self._tasks = []

    async def _every(self, interval: float, job: Callable[[], object]) -> None:
        while True:
            try:
                result = job()
                if asyncio.iscoroutine(result):
                    await result
            except Exception:
                log.exception("storage maintenance failed")
            await asyncio.sleep(interval)

    async def maintain(self) -> tuple[int, int]:
        """Prune charger events and refused cards now; returns (events, cards) deleted."""
        limits = self.limits
        deleted = await self._writer.submit(lambda c: prune_logs(c, limits))
        if any(deleted):
            log.info("pruned %d charger events and %d refused cards", *deleted)
        return deleted

    async def check_disk(self) -> bool:
        """Look at free space (and at full-disk commits) now; returns whether it is low."""
        full_commits = self._writer.disk_full_failures > self._full_failures_seen
        free: int | None = None
        threshold = 0
        if self.folder is not None:
            total, free = await asyncio.to_thread(self.usage, self.folder)
            threshold = threshold_of(total, self.limits)
            self.free_bytes = free
        if self.low:
            back = free is None or free >= threshold * RESUME_MARGIN
            if back and not full_commits:
                await self._resume(free)
            elif self._unraised is not None:  # the alarm could not be stored: try again
                await self._raise_alarm(*self._unraised)
        elif full_commits or (free is not None and free < threshold):
            await self._pause(free, threshold, full_commits)
        reserve = self._writer.reserve
        if not self.low and reserve is not None and not reserve.held:
            await asyncio.to_thread(reserve.ensure)  # room again: reserve it for next time
        # Seen only now: the alarm's own write may have failed for want of space.
        self._full_failures_seen = self._writer.disk_full_failures
        return self.low

    async def _pause(self, free: int | None, threshold: int, full_commits: bool) -> None:
        self.low = True
        self._writer.bulk_paused = True
        if full_commits and (free is None or free >= threshold):
            message = "The database could not grow: message log and notices are not kept"
        else:
            message = (
                f"Only {(free or 0) / MB:.0f} MB free on the database's disk "
                f"(threshold {threshold / MB:.0f} MB): message log and notices are not kept"
            )
        log.warning("%s", message)
        details = {"free_bytes": free, "threshold_bytes": threshold, "folder": str(self.folder)}
        await self._raise_alarm(message, details)

    async def _raise_alarm(self, message: str, details: dict[str, Any]) -> None:
        # Raising is a write too, and the disk may be too full for it just now.
        self._unraised = (message, details)
        try:
            await self._alarms.raise_condition(
                DISK_ALARM_SOURCE, AlarmKind.DISK_LOW, message, details
            )
        except Exception as error:
            log.warning("could not store the disk space alarm yet: %s", error)
            return
        self._unraised = None

    async def _resume(self, free: int | None) -> None:
        self.low = False
        if self._unraised is not None:  # never stored while full: staff still hear of it
            await self._raise_alarm(*self._unraised)
        self._writer.bulk_paused = False
        log.warning("disk space is back (%s bytes free): logs are kept again", free)
        await self._alarms.clear_condition(DISK_ALARM_SOURCE, AlarmKind.DISK_LOW)
