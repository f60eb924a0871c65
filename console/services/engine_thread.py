"""Runs the central system on its own asyncio loop in a dedicated thread.

The console's GUI thread runs Qt's loop; the engine must keep answering chargers while
the GUI repaints or shows a modal dialog, so it gets a loop and a thread of its own.
Calls from other threads go through ``submit``, which returns a concurrent future.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Future
from typing import Any, TypeVar

from console.services.engine import CentralSystem, EngineConfig, EngineExtension
from console.services.loop_thread import LoopThread

T = TypeVar("T")

START_TIMEOUT = 60.0


class EngineThread(LoopThread):
    """Owns the engine thread: start, call into, stop."""

    start_timeout = START_TIMEOUT

    def __init__(self, config: EngineConfig, extensions: Sequence[EngineExtension] = ()) -> None:
        super().__init__("chargedesk-engine")
        self.engine = CentralSystem(config, extensions)

    def _timed_out(self) -> Exception:
        return TimeoutError("the engine did not start in time")

    async def _begin(self) -> None:
        await self.engine.start()

    async def _end(self) -> None:
        await self.engine.stop()

    def submit(self, factory: Callable[[CentralSystem], Coroutine[Any, Any, T]]) -> Future[T]:
        """Run ``factory(engine)`` on the engine loop; thread-safe."""
        return self.run_on_loop(factory(self.engine))

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the engine cleanly (chargers see the socket close) and join the thread."""
        super().stop(timeout)
