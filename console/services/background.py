"""Work a service runs on the engine's loop beside the requests it answers, and how it ends.

asyncio holds a running task only by a weak reference, so a task nobody keeps may be
collected part-way; and a service that closes must not leave its tasks running into a
closed database. Every service keeps its tasks in a :class:`TaskSet` (or, for one
long-running task, ends it with :func:`cancel_and_wait`) instead of repeating that.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterator
from typing import Any


class TaskSet:
    """The tasks a service started: each is held until it ends, and closing ends them all.

    Nobody awaits these tasks, so what one raises is logged here with ``failure`` as the
    message, on the owner's ``log``, rather than lost as "Task exception was never
    retrieved" when the task is collected.
    """

    def __init__(self, log: logging.Logger, failure: str) -> None:
        self._log = log
        self._failure = failure
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, object]) -> asyncio.Task[None]:
        """Run ``work`` on the running loop; held until it ends."""

        async def guarded() -> None:
            try:
                await work
            except Exception:
                self._log.exception(self._failure)

        task = asyncio.get_running_loop().create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def __len__(self) -> int:
        return len(self._tasks)

    def __iter__(self) -> Iterator[asyncio.Task[None]]:
        return iter(list(self._tasks))

    async def close(self, grace: float = 0.0) -> None:
        """Give the running tasks ``grace`` seconds to finish, then cancel the rest and
        wait until every one has ended."""
        if grace > 0 and self._tasks:
            await asyncio.wait(list(self._tasks), timeout=grace)
        await cancel_and_wait(*self._tasks)


async def cancel_and_wait(*tasks: asyncio.Future[Any] | None) -> None:
    """Cancel ``tasks`` (``None`` stands for one never started) and wait until each has
    ended. What they raise is dropped: they are being stopped, and a failure before this
    was logged where it happened."""
    running = [task for task in tasks if task is not None]
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
