"""The GUI's way into the engine thread: awaitable calls with a timeout and an outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.core.staff import Actor, Origin
from console.services.engine import CentralSystem
from console.services.engine_thread import EngineThread
from console.services.queries import SiteQueries

T = TypeVar("T")

# A charger gets call_timeout (30 s by default) to answer; the GUI waits a little longer.
CALL_TIMEOUT = 40.0

#: The actor before anyone has logged in: may look, may not change anything.
NOBODY = Actor("nobody", frozenset(), Origin.CONSOLE)


class EngineClient:
    """Runs coroutines on the engine loop from the GUI loop (qasync), awaitably.

    Reads of history go through ``queries`` in a worker thread, never the engine.
    """

    def __init__(self, thread: EngineThread, queries: SiteQueries) -> None:
        self.thread = thread
        self.queries = queries
        # Who is at the desk: every change is asked for as this person. Nobody (no
        # roles) until someone logs in; the services refuse changes for nobody.
        self.actor: Actor = NOBODY

    @property
    def engine(self) -> CentralSystem:
        """The engine, for read-only facts such as its port. Never mutate it from the GUI."""
        return self.thread.engine

    async def call(
        self,
        factory: Callable[[CentralSystem], Coroutine[Any, Any, T]],
        timeout: float = CALL_TIMEOUT,
    ) -> T:
        """Await ``factory(engine)`` run on the engine loop."""
        future = self.thread.submit(factory)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            future.cancel()
            raise

    async def command(
        self, factory: Callable[[CentralSystem], Coroutine[Any, Any, CommandOutcome]]
    ) -> CommandOutcome:
        """Run a charger command; every failure becomes an outcome a person can read."""
        try:
            return await self.call(factory)
        except TimeoutError:
            return CommandOutcome(CommandResult.TIMEOUT)
        except Exception as error:  # shown to the person, never swallowed silently
            return CommandOutcome(CommandResult.INVALID, error=str(error))

    async def read(self, work: Callable[[SiteQueries], T]) -> T:
        """Run a database read in a worker thread."""
        return await asyncio.to_thread(work, self.queries)
