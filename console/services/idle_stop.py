"""Stopping an on-demand server a while after its last transfer ended."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from console.services.background import TaskSet


class IdleStop:
    """Runs ``stop`` ``delay`` seconds after ``schedule``, unless cancelled or still busy.

    The stop task is kept in ``tasks`` so its owner can wait for it when it closes.
    """

    def __init__(
        self,
        delay: float,
        busy: Callable[[], bool],
        stop: Callable[[], Coroutine[Any, Any, None]],
        tasks: TaskSet,
    ) -> None:
        self.delay = delay
        self._busy = busy
        self._stop = stop
        self._tasks = tasks
        self._handle: asyncio.TimerHandle | None = None

    def schedule(self) -> None:
        """Stop after the delay (a new schedule restarts it)."""
        self.cancel()
        self._handle = asyncio.get_running_loop().call_later(self.delay, self._due)

    def cancel(self) -> None:
        """Do not stop (a transfer began)."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _due(self) -> None:
        self._handle = None
        if self._busy():
            return
        self._tasks.spawn(self._stop())
