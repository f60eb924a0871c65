"""Raw handshakes for the identity, refusal and lock-out tests."""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass

from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from console.core.events import ConnectionRefused, Event
from console.services.engine import CentralSystem


@dataclass(frozen=True)
class Answer:
    """What an outsider sees of a handshake."""

    status: int
    body: bytes
    authenticate: str | None


def basic(username: str, password: str) -> dict[str, str]:
    """An Authorization header."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


async def handshake(
    engine: CentralSystem,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    subprotocols: tuple[str, ...] = ("ocpp1.6",),
    local_host: str | None = None,
) -> Answer:
    """Open (and at once close) a websocket on ``path``; what the server answered."""
    options: dict[str, object] = {}
    if local_host is not None:
        options["local_addr"] = (local_host, 0)
    try:
        async with connect(
            f"ws://127.0.0.1:{engine.port}{path}",
            subprotocols=list(subprotocols),  # type: ignore[arg-type]
            additional_headers=headers,
            open_timeout=10,
            **options,  # type: ignore[arg-type]
        ):
            return Answer(101, b"", None)
    except InvalidStatus as refused:
        response = refused.response
        return Answer(
            response.status_code,
            bytes(response.body or b""),
            response.headers.get("WWW-Authenticate"),
        )


class Refusals:
    """Collects the engine's ConnectionRefused events; a test waits for a number of them."""

    def __init__(self, engine: CentralSystem) -> None:
        self.events: list[ConnectionRefused] = []
        self._changed = asyncio.Event()
        engine.bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, ConnectionRefused):
            self.events.append(event)
            self._changed.set()

    async def wait(self, count: int, timeout: float = 30.0) -> None:
        """Until ``count`` refusals have been published in all."""
        async with asyncio.timeout(timeout):
            while len(self.events) < count:
                self._changed.clear()
                await self._changed.wait()
