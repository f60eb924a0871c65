"""The GUI's way into the engine thread: awaitable calls with a timeout and an outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar, cast

from PySide6.QtCore import QObject, Signal

from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.core.staff import Actor, Origin
from console.services.attached_queries import AttachedQueries
from console.services.attached_thread import AttachedThread
from console.services.engine import CentralSystem
from console.services.engine_thread import EngineThread
from console.services.queries import SiteQueries

T = TypeVar("T")

# A charger gets call_timeout (30 s by default) to answer; the GUI waits a little longer.
CALL_TIMEOUT = 40.0

#: The actor before anyone has logged in: may look, may not change anything.
NOBODY = Actor("nobody", frozenset(), Origin.CONSOLE)


class ActorSignal(QObject):
    """Says who is at the desk now: emitted with the new Actor after a login, a switch
    of user or a lock that ends with someone else (views re-check what they allow)."""

    changed = Signal(object)


class EngineClient:
    """Runs coroutines on the engine loop from the GUI loop (qasync), awaitably.

    Reads of history go through ``queries`` in a worker thread, never the engine. A
    console at another desk gives an ``AttachedThread`` and its queries instead: the
    same calls then reach the site's engine through its API.
    ``actor`` is who is at the desk; setting it emits ``actor_changed.changed``.
    """

    def __init__(
        self, thread: EngineThread | AttachedThread, queries: SiteQueries | AttachedQueries
    ) -> None:
        self.thread = thread
        self.queries = queries
        # Who is at the desk: every change is asked for as this person. Nobody (no
        # roles) until someone logs in; the services refuse changes for nobody.
        self._actor: Actor = NOBODY
        self.actor_changed = ActorSignal()

    @property
    def actor(self) -> Actor:
        """The person at the desk (NOBODY before a login)."""
        return self._actor

    @actor.setter
    def actor(self, actor: Actor) -> None:
        changed = actor != self._actor
        self._actor = actor
        if changed:
            self.actor_changed.changed.emit(actor)

    @property
    def engine(self) -> CentralSystem:
        """The engine, for read-only facts such as its port. Never mutate it from the GUI.

        An attached console's engine stands for the site's: it has the same services."""
        return cast(CentralSystem, self.thread.engine)

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
        return await asyncio.to_thread(work, cast(SiteQueries, self.queries))
