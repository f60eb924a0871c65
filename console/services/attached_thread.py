"""An attached console's link to a site's engine, on a loop and thread of its own.

It has the shape of ``EngineThread`` (``engine``, ``loop``, ``submit``, ``call_soon``,
``start``, ``stop``), so the console's bridge and client work with it unchanged: the
GUI thread never waits for the network.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from console.services.attached_engine import AttachedEngine, SiteFacts
from console.services.attached_link import SiteLink
from console.services.attached_queries import AttachedQueries
from console.services.loop_thread import LoopThread

T = TypeVar("T")

START_TIMEOUT = 30.0


class VersionMismatch(RuntimeError):
    """The site runs another version of ChargeDesk than this console."""


class AttachedThread(LoopThread):
    """Owns the link's thread: connect, call into, stop."""

    start_timeout = START_TIMEOUT

    def __init__(
        self,
        base_url: str,
        tls: ssl.SSLContext | None,
        local_folder: Path,
        version: str,
    ) -> None:
        super().__init__("chargedesk-link")
        self.base_url = base_url.rstrip("/")
        self.link = SiteLink(self.base_url, tls)
        self.local_folder = local_folder
        self.version = version
        self._engine: AttachedEngine | None = None
        self.queries: AttachedQueries | None = None

    @property
    def engine(self) -> AttachedEngine:
        """The site's engine as this console sees it."""
        assert self._engine is not None, "not attached"
        return self._engine

    def _timed_out(self) -> Exception:
        return TimeoutError(f"{self.base_url} did not answer in {START_TIMEOUT:.0f} s")

    async def _begin(self) -> None:
        """Reach the site and read its facts (raises what went wrong, in words)."""
        await self.link.open()
        try:
            facts = await self._hello()
            self.local_folder.mkdir(parents=True, exist_ok=True)
            engine = AttachedEngine(self.link, facts, self.local_folder)
            engine.install(self.loop, self.local_folder)
        except BaseException:
            await self.link.close()
            raise
        self._engine = engine
        self.queries = AttachedQueries(self.link, self.loop, facts.site_zone)

    async def _end(self) -> None:
        if self._engine is not None:
            await self._engine.close()
        await self.link.close()

    async def _hello(self) -> SiteFacts:
        # The hello needs no login: the site's facts are what the login dialog shows.
        answer: dict[str, Any] = await self.link.request("GET", "/api/console/hello")
        if answer["version"] != self.version:
            raise VersionMismatch(
                f"the site runs ChargeDesk {answer['version']}, this console is {self.version}: "
                "install the same version on both"
            )
        return SiteFacts(
            base_url=self.base_url,
            version=answer["version"],
            host=answer["host"],
            plain_port=answer["plain_port"],
            tls_port=answer["tls_port"],
            charger_urls=tuple(answer["charger_urls"]),
            heartbeat_interval=answer["heartbeat_interval"],
            site_zone=answer["site_zone"],
        )

    def submit(self, factory: Callable[[Any], Coroutine[Any, Any, T]]) -> Future[T]:
        """Run ``factory(engine)`` on the link's loop; thread-safe."""
        return self.run_on_loop(factory(self.engine))

    def stop_waiting(self) -> None:
        """The window closed: calls still waiting for a login end now; thread-safe."""
        self.call_soon(self.link.stop_waiting)

    def stop(self, timeout: float = 10.0) -> None:
        """Log out, close the link and join the thread."""
        super().stop(timeout)
