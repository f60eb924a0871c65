"""An asyncio loop in a thread of its own that starts something, runs until told to
stop, and stops it again: the console's engine thread and an attached console's link.

Other threads call into it with ``submit`` (a concurrent future) and ``call_soon``.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class LoopThread:
    """Subclasses say what to start (``_begin``) and stop (``_end``) on the loop."""

    start_timeout = 60.0

    def __init__(self, name: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = threading.Event()
        self._start_error: BaseException | None = None
        self._stop_requested: asyncio.Event | None = None

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The thread's event loop."""
        return self._loop

    async def _begin(self) -> None:
        """Start what runs on the loop; an exception ends the thread and reaches start()."""
        raise NotImplementedError

    async def _end(self) -> None:
        """Stop what ``_begin`` started."""
        raise NotImplementedError

    def _timed_out(self) -> Exception:
        return TimeoutError(f"{self._thread.name} did not start in {self.start_timeout:.0f} s")

    def start(self) -> None:
        """Start the thread and wait until ``_begin`` is done; re-raise its failure."""
        self._thread.start()
        if not self._started.wait(self.start_timeout):
            raise self._timed_out()
        if self._start_error is not None:
            self._thread.join()
            raise self._start_error

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._main())
        finally:
            self._loop.close()

    async def _main(self) -> None:
        self._stop_requested = asyncio.Event()
        try:
            await self._begin()
        except BaseException as error:
            self._start_error = error
            self._started.set()
            return
        self._started.set()
        try:
            await self._stop_requested.wait()
        finally:
            await self._end()

    def run_on_loop(self, work: Coroutine[Any, Any, T]) -> Future[T]:
        """Run ``work`` on the loop; thread-safe."""
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    def call_soon(self, callback: Callable[[], None]) -> None:
        """Run a plain callback on the loop; thread-safe."""
        self._loop.call_soon_threadsafe(callback)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop what runs on the loop cleanly and join the thread."""
        if not self._thread.is_alive():
            return
        stop = self._stop_requested
        if stop is not None:
            self._loop.call_soon_threadsafe(stop.set)
        self._thread.join(timeout)
