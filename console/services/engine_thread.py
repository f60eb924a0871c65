"""Runs the central system on its own asyncio loop in a dedicated thread.

The console's GUI thread runs Qt's loop; the engine must keep answering chargers while
the GUI repaints or shows a modal dialog, so it gets a loop and a thread of its own.
Calls from other threads go through ``submit``, which returns a concurrent future.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

from console.services.engine import CentralSystem, EngineConfig

T = TypeVar("T")

START_TIMEOUT = 60.0


class EngineThread:
    """Owns the engine thread: start, call into, stop."""

    def __init__(self, config: EngineConfig) -> None:
        self.engine = CentralSystem(config)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="chargedesk-engine", daemon=True)
        self._started = threading.Event()
        self._start_error: BaseException | None = None
        self._stop_requested: asyncio.Event | None = None

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The engine's event loop."""
        return self._loop

    def start(self) -> None:
        """Start the thread and wait until the engine listens; re-raise a startup failure."""
        self._thread.start()
        if not self._started.wait(START_TIMEOUT):
            raise TimeoutError("the engine did not start in time")
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
            await self.engine.start()
        except BaseException as error:
            self._start_error = error
            self._started.set()
            return
        self._started.set()
        try:
            await self._stop_requested.wait()
        finally:
            await self.engine.stop()

    def submit(self, factory: Callable[[CentralSystem], Coroutine[Any, Any, T]]) -> Future[T]:
        """Run ``factory(engine)`` on the engine loop; thread-safe."""
        return asyncio.run_coroutine_threadsafe(factory(self.engine), self._loop)

    def call_soon(self, callback: Callable[[], None]) -> None:
        """Run a plain callback on the engine loop; thread-safe."""
        self._loop.call_soon_threadsafe(callback)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the engine cleanly (chargers see the socket close) and join the thread."""
        if not self._thread.is_alive():
            return
        stop = self._stop_requested
        if stop is not None:
            self._loop.call_soon_threadsafe(stop.set)
        self._thread.join(timeout)
