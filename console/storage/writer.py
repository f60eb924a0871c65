"""The engine's single database writer, with group commit.

Every change goes through one thread that owns the writing connection. Operations
queued while a commit is running are applied together in the next transaction and
committed once: with ``synchronous=FULL`` a commit costs an fsync, so grouping is what
lets a busy site be answered quickly while every answer still waits for its commit.
Rows that need no answer (the message log) are appended to the next transaction.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table

from console.storage.rows import insert_ignoring_duplicates

log = logging.getLogger(__name__)

T = TypeVar("T")
Operation = Callable[[Connection], Any]

MAX_BATCH = 500


@dataclass(slots=True)
class _Job:
    operation: Operation
    future: Future[Any] = field(default_factory=Future)


@dataclass(slots=True)
class _RowsJob:
    """Rows to insert, skipping duplicates; merged with other jobs for the same table."""

    table: Table
    rows: list[dict[str, Any]]
    future: Future[Any] = field(default_factory=Future)

    def operation(self, connection: Connection) -> None:
        """Insert just these rows (used when a shared batch has to be retried alone)."""
        if self.rows:
            connection.execute(insert_ignoring_duplicates(connection, self.table), self.rows)


_STOP = object()


class StorageWriter:
    """Runs database operations on one thread, grouping them into shared commits.

    ``submit`` is awaited by the services: it returns the operation's result once the
    transaction that applied it is committed, so a charger is answered only after that.
    A failing operation fails alone: the batch is retried one operation at a time.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending_rows: dict[Table, list[dict[str, Any]]] = {}
        self._rows_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="chargedesk-db-writer", daemon=True)
        self._started = False
        self.commits = 0
        self.operations = 0

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

    async def submit(self, operation: Callable[[Connection], T]) -> T:
        """Run ``operation`` in the next transaction and return its result after the commit."""
        job = _Job(operation)
        self._queue.put(job)
        return await asyncio.wrap_future(job.future)

    async def insert_rows(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Insert ``rows`` (rows already stored are skipped) and return after the commit.

        Rows of every caller waiting on the same commit go into one multi-row INSERT:
        far cheaper than one statement per message on a busy site.
        """
        job = _RowsJob(table, rows)
        self._queue.put(job)
        await asyncio.wrap_future(job.future)

    def submit_nowait(self, operation: Operation) -> Future[Any]:
        """Queue ``operation`` from any thread; the returned future resolves after commit."""
        job = _Job(operation)
        self._queue.put(job)
        return job.future

    def append_rows(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Insert ``rows`` into ``table`` with the next commit; nobody waits for them."""
        with self._rows_lock:
            self._pending_rows.setdefault(table, []).extend(rows)
        self._queue.put(None)  # wake the thread

    def _run(self) -> None:
        stopping = False
        while not stopping:
            jobs: list[_Job | _RowsJob] = []
            item = self._queue.get()
            while True:
                if item is _STOP:
                    stopping = True
                elif item is not None:
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

    def _apply(self, jobs: list[_Job | _RowsJob], rows: dict[Table, list[dict[str, Any]]]) -> None:
        results: list[Any] = []
        merged: dict[Table, list[dict[str, Any]]] = {}
        for job in jobs:
            if isinstance(job, _RowsJob):
                merged.setdefault(job.table, []).extend(job.rows)
        try:
            with self.engine.begin() as connection:
                for table, table_rows in rows.items():
                    connection.execute(table.insert(), table_rows)
                for table, table_rows in merged.items():
                    if not table_rows:
                        continue
                    statement = insert_ignoring_duplicates(connection, table)
                    connection.execute(statement, table_rows)
                for job in jobs:
                    is_rows = isinstance(job, _RowsJob)
                    results.append(None if is_rows else job.operation(connection))
        except Exception:
            log.exception("group commit failed; retrying its %d operations one by one", len(jobs))
            self._apply_one_by_one(jobs, rows)
            return
        self.commits += 1
        self.operations += len(jobs)
        for job, result in zip(jobs, results, strict=True):
            job.future.set_result(result)

    def _apply_one_by_one(
        self, jobs: list[_Job | _RowsJob], rows: dict[Table, list[dict[str, Any]]]
    ) -> None:
        # Log rows are not worth losing a charger's data over: retried once, then dropped.
        try:
            with self.engine.begin() as connection:
                for table, table_rows in rows.items():
                    connection.execute(table.insert(), table_rows)
        except Exception:
            log.exception("dropping %d log rows that could not be stored", len(rows))
        for job in jobs:
            try:
                with self.engine.begin() as connection:
                    result = job.operation(connection)
            except Exception as error:
                job.future.set_exception(error)
            else:
                self.commits += 1
                self.operations += 1
                job.future.set_result(result)
