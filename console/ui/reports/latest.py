"""Database reads in a worker thread where only the newest request's answer counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from console.services.queries import SiteQueries

T = TypeVar("T")


class Reader(Protocol):
    """What the reports need of the engine client: a read run in a worker thread."""

    async def read(self, work: Callable[[SiteQueries], T]) -> T:
        """Run ``work`` with the site's queries off the GUI thread."""
        ...


class Superseded(Exception):
    """A newer request was made while this read ran; its answer is thrown away."""


class LatestRead(QObject):
    """Runs reads through ``client.read``; an answer that arrives after a newer request
    is discarded (the caller gets ``Superseded``), so a slow old report never replaces a
    newer one. ``busy`` is true while any read runs, so the screen can say it is working.
    """

    busyChanged = Signal(bool)

    def __init__(self, client: Reader, parent: Any = None) -> None:
        super().__init__(parent)
        self.client = client
        self._generation = 0
        self._running = 0

    @property
    def busy(self) -> bool:
        """True while a read is running (also an obsolete one: it still holds a thread)."""
        return self._running > 0

    def supersede(self) -> None:
        """Make every read now running obsolete, without starting another."""
        self._generation += 1

    async def read(self, work: Callable[[SiteQueries], T]) -> T:
        """The answer of ``work``; raises Superseded when a newer read was asked for meanwhile.

        An error of an obsolete read is not reported either: nobody waits for that answer.
        """
        self._generation += 1
        generation = self._generation
        self._running += 1
        if self._running == 1:
            self.busyChanged.emit(True)
        try:
            result = await self.client.read(work)
        except Exception:
            if generation != self._generation:
                raise Superseded from None
            raise
        finally:
            self._running -= 1
            if self._running == 0:
                self.busyChanged.emit(False)
        if generation != self._generation:
            raise Superseded
        return result
