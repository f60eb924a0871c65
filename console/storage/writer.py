"""The engine's single database writer, with group commit.

Every change goes through one thread that owns the writing connection. Operations
queued while a commit is running are applied together in the next transaction and
committed once: with ``synchronous=FULL`` a commit costs an fsync, so grouping is what
lets a busy site be answered quickly while every answer still waits for its commit.
Rows that need no answer (the message log) are appended to the next transaction.

A full disk must not cost billing data: bulk rows are the first thing given up. When a
commit fails because the disk (or the database's size limit) is full, the bulk rows are
dropped and the awaited operations are retried alone, each in its own transaction; for a
while after that, and whenever ``bulk_paused`` is set (the disk watch), bulk rows are not
kept at all. An operation whose commit fails raises to its caller, so the charger is
never acknowledged for something that is not stored.

Waiters on an event loop are woken with one call per loop per commit, not one per
operation: waking a loop costs a write to its self-pipe, and a full pipe drops wake-ups
(signals included).
"""

from __future__ import annotations

import asyncio
import errno
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table

from console.storage.reserve import DEFAULT_RESERVE_BYTES, DiskReserve, reserve_path_of
from console.storage.rows import insert_ignoring_duplicates

log = logging.getLogger(__name__)

T = TypeVar("T")
Operation = Callable[[Connection], Any]

MAX_BATCH = 500
FULL_BACKOFF = 5.0  # seconds bulk rows are dropped after the disk was found full


def is_disk_full(error: BaseException) -> bool:
    """Did this commit fail because the disk (or the database's page limit) is full?"""
    original = getattr(error, "orig", None) or error
    if getattr(original, "sqlite_errorcode", None) == 13:  # SQLITE_FULL
        return True
    if getattr(original, "pgcode", None) == "53100" or getattr(original, "sqlstate", None) == (
        "53100"
    ):  # PostgreSQL disk_full
        return True
    if isinstance(original, OSError) and original.errno == errno.ENOSPC:
        return True
    text = str(original).lower()
    return "database or disk is full" in text or "no space left on device" in text


@dataclass(slots=True)
class _Job:
    """An operation and who waits for it: an asyncio future on ``loop``, or a thread future."""

    operation: Operation
    future: asyncio.Future[Any] | Future[Any]
    loop: asyncio.AbstractEventLoop | None = None
    rows: tuple[Table, list[dict[str, Any]]] | None = None  # set for merged row inserts


def _insert_rows(table: Table, rows: list[dict[str, Any]]) -> Operation:
    def insert(connection: Connection) -> None:
        if rows:
            connection.execute(insert_ignoring_duplicates(connection, table), rows)

    return insert


def _resolve(outcomes: list[tuple[asyncio.Future[Any], Any, BaseException | None]]) -> None:
    for future, result, error in outcomes:
        if future.cancelled():
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)


_STOP = object()
_WAKE = None


class StorageWriter:
    """Runs database operations on one thread, grouping them into shared commits.

    ``submit`` is awaited by the services: it returns the operation's result once the
    transaction that applied it is committed, so a charger is answered only after that.
    A failing operation fails alone: the batch is retried one operation at a time.
    """

    def __init__(self, engine: Engine, reserve_bytes: int = DEFAULT_RESERVE_BYTES) -> None:
        self.engine = engine
        path = reserve_path_of(engine)
        # Space given up at the first full-disk failure, so billing writes go on a while.
        self.reserve = DiskReserve(path, reserve_bytes) if path and reserve_bytes > 0 else None
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending_rows: dict[Table, list[dict[str, Any]]] = {}
        self._rows_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="chargedesk-db-writer", daemon=True)
        self._started = False
        self.commits = 0
        self.operations = 0
        # Set by the disk watch while free space is low: bulk rows are not kept.
        self.bulk_paused = False
        self.dropped_rows = 0  # bulk rows given up (paused, or the disk was full)
        self.disk_full_failures = 0  # commits that failed because the disk was full
        self._full_until = 0.0  # monotonic time until which bulk rows are dropped

    def start(self) -> None:
        """Start the writer thread."""
        if not self._started:
            self._started = True
            self._thread.start()

    def stop(self) -> None:
        """Apply everything queued, commit, and end the thread."""
        if self._started:
            self._queue.put(_STOP)
            self._thread.join()
            self._started = False
            if self.reserve is not None:  # made again at the next start
                self.reserve.release(quietly=True)

    async def submit(self, operation: Callable[[Connection], T]) -> T:
        """Run ``operation`` in the next transaction and return its result after the commit."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Job(operation, future, loop))
        return await future

    async def insert_rows(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Insert ``rows`` (rows already stored are skipped) and return after the commit.

        Rows of every caller waiting on the same commit go into one multi-row INSERT:
        far cheaper than one statement per message on a busy site.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._queue.put(_Job(_insert_rows(table, rows), future, loop, (table, rows)))
        await future

    def submit_nowait(self, operation: Operation) -> Future[Any]:
        """Queue ``operation`` from any thread; the returned future resolves after commit."""
        job = _Job(operation, Future())
        self._queue.put(job)
        return job.future  # type: ignore[return-value]

    @property
    def keeping_bulk(self) -> bool:
        """Are bulk rows (logs nobody waits for) being kept just now?"""
        return not self.bulk_paused and time.monotonic() >= self._full_until

    def append_rows(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Insert ``rows`` into ``table`` with the next commit; nobody waits for them.

        Dropped (and counted) while bulk rows are not kept: see ``keeping_bulk``.
        """
        if not self.keeping_bulk:
            self.dropped_rows += len(rows)
            return
        with self._rows_lock:
            wake = not self._pending_rows
            self._pending_rows.setdefault(table, []).extend(rows)
        if wake:  # one wake-up is enough until the writer takes the rows
            self._queue.put(_WAKE)

    def _run(self) -> None:
        if self.reserve is not None:
            self.reserve.ensure()
        stopping = False
        while not stopping:
            jobs: list[_Job] = []
            item = self._queue.get()
            while True:
                if item is _STOP:
                    stopping = True
                elif item is not _WAKE:
                    jobs.append(item)
                if len(jobs) >= MAX_BATCH:
                    break
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            with self._rows_lock:
                rows, self._pending_rows = self._pending_rows, {}
            if jobs or rows:
                self._apply(jobs, rows)

    def _apply(self, jobs: list[_Job], rows: dict[Table, list[dict[str, Any]]]) -> None:
        merged: dict[Table, list[dict[str, Any]]] = {}
        for job in jobs:
            if job.rows is not None and job.rows[1]:
                merged.setdefault(job.rows[0], []).extend(job.rows[1])
        results: list[Any] = []
        try:
            with self.engine.begin() as connection:
                for table, table_rows in rows.items():
                    connection.execute(table.insert(), table_rows)
                for table, table_rows in merged.items():
                    connection.execute(insert_ignoring_duplicates(connection, table), table_rows)
                for job in jobs:
                    results.append(None if job.rows is not None else job.operation(connection))
        except Exception as error:
            if is_disk_full(error):
                self._on_disk_full(rows)
                rows = {}
            else:
                log.exception(
                    "group commit failed; retrying its %d operations one by one", len(jobs)
                )
            self._apply_one_by_one(jobs, rows)
            return
        self.commits += 1
        self.operations += len(jobs)
        self._settle([(job, result, None) for job, result in zip(jobs, results, strict=True)])

    def _on_disk_full(self, rows: dict[Table, list[dict[str, Any]]]) -> None:
        # The bulk rows go first, and stay away for a while: what little space is left
        # (free pages in the file, a WAL that can be reused) is for the awaited operations.
        self.disk_full_failures += 1
        dropped = sum(len(table_rows) for table_rows in rows.values())
        self.dropped_rows += dropped
        self._full_until = time.monotonic() + FULL_BACKOFF
        log.warning("the disk is full: dropped %d log rows, retrying the operations alone", dropped)
        if self.reserve is not None:
            self.reserve.release()

    def _apply_one_by_one(self, jobs: list[_Job], rows: dict[Table, list[dict[str, Any]]]) -> None:
        # Log rows are not worth losing a charger's data over: retried once, then dropped.
        if rows:
            try:
                with self.engine.begin() as connection:
                    for table, table_rows in rows.items():
                        connection.execute(table.insert(), table_rows)
            except Exception as error:
                if is_disk_full(error):
                    self._on_disk_full(rows)
                else:
                    log.exception("dropping %d log rows that could not be stored", len(rows))
                    self.dropped_rows += sum(len(table_rows) for table_rows in rows.values())
        self._settle([self._apply_alone(job) for job in jobs])

    def _apply_alone(self, job: _Job) -> tuple[_Job, Any, BaseException | None]:
        # A full disk gets one more try once the reserve is given up; the operation runs
        # again from the start, as in any retry of a rolled-back transaction.
        retried = False
        while True:
            try:
                with self.engine.begin() as connection:
                    result = job.operation(connection)
            except Exception as error:
                if not is_disk_full(error):
                    return job, None, error
                self.disk_full_failures += 1
                self._full_until = time.monotonic() + FULL_BACKOFF
                if retried or self.reserve is None or not self.reserve.release():
                    return job, None, error
                retried = True
            else:
                self.commits += 1
                self.operations += 1
                return job, result, None

    def _settle(self, outcomes: list[tuple[_Job, Any, BaseException | None]]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[Any]] = {}
        for job, result, error in outcomes:
            if job.loop is None:
                future: Any = job.future
                if error is not None:
                    future.set_exception(error)
                else:
                    future.set_result(result)
            else:
                by_loop.setdefault(job.loop, []).append((job.future, result, error))
        for loop, settled in by_loop.items():
            try:
                loop.call_soon_threadsafe(_resolve, settled)
            except RuntimeError:  # the loop is closed: nobody is waiting any more
                log.debug("dropping %d results for a closed loop", len(settled))
