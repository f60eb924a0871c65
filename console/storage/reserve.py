"""A file of reserved space beside a SQLite database, given up when the disk is full.

When the disk runs full, the next commits fail whatever they hold. Keeping a few
megabytes reserved beside the database, and deleting that file at the first full-disk
failure, lets billing writes go on for a while longer (the alarm is raised meanwhile);
the reserve is made again once there is room.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from pathlib import Path

from sqlalchemy import Engine

log = logging.getLogger(__name__)

DEFAULT_RESERVE_BYTES = 8 * 1024 * 1024
CHUNK = 1 << 16


def reserve_path_of(engine: Engine) -> Path | None:
    """Where the reserve of a SQLite file database goes; None for other databases."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    database = Path(url.database)
    return database.with_name(database.name + ".reserve")


class DiskReserve:
    """The reserve file: made when there is plenty of room, released when there is none."""

    def __init__(self, path: Path, size: int = DEFAULT_RESERVE_BYTES) -> None:
        self.path = path
        self.size = size
        self._lock = threading.Lock()

    @property
    def held(self) -> bool:
        """Is the reserve in place?"""
        return self.path.exists()

    def ensure(self) -> bool:
        """Make the reserve unless it exists or the disk has less than four times its size
        free; returns whether it is in place. Blocking file I/O: not on an event loop."""
        with self._lock:
            if self.size <= 0:
                return False
            try:
                if self.path.exists() and self.path.stat().st_size >= self.size:
                    return True
                if shutil.disk_usage(self.path.parent).free < 4 * self.size:
                    return False
                # Real blocks, not a sparse file: they must be there to be given back.
                # (The file system accounts for them at write time; no fsync needed.)
                part = self.path.with_name(self.path.name + ".part")
                with part.open("wb") as out:
                    block = b"\0" * CHUNK
                    for _ in range(0, self.size, CHUNK):
                        out.write(block)
                os.replace(part, self.path)
            except OSError as error:
                log.warning("could not reserve disk space at %s: %s", self.path, error)
                self.path.with_name(self.path.name + ".part").unlink(missing_ok=True)
                return False
            return True

    def release(self, quietly: bool = False) -> bool:
        """Delete the reserve; returns whether there was one to give up."""
        with self._lock:
            try:
                self.path.unlink()
            except FileNotFoundError:
                return False
            except OSError as error:
                log.warning("could not release the disk reserve %s: %s", self.path, error)
                return False
            if not quietly:
                log.warning("the disk is full: released %d reserved bytes", self.size)
            return True
