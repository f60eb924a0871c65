"""Fixtures of the protocol tests: fake ports and a server on 127.0.0.1, port 0."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from protocol_helpers import (
    FakeAdmission,
    FakeMessageLog,
    FakeMessages,
    Ports,
    ScriptedCharger,
    open_ws,
)

from console.protocol.server import CentralSystemServer

ServerFactory = Callable[..., Awaitable[CentralSystemServer]]
ChargerFactory = Callable[..., Awaitable[ScriptedCharger]]


@pytest.fixture
def ports() -> Ports:
    return Ports(FakeMessages(), FakeAdmission(), FakeMessageLog())


@pytest.fixture
async def make_server(ports: Ports) -> AsyncIterator[ServerFactory]:
    """Start servers with test settings (overridable); all are stopped afterwards."""
    servers: list[CentralSystemServer] = []

    async def make(**options: Any) -> CentralSystemServer:
        options.setdefault("call_timeout", 2)
        server = CentralSystemServer(
            ports.messages, ports.admission, ports.log, "127.0.0.1", 0, **options
        )
        await server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        await server.stop()


@pytest.fixture
async def server(make_server: ServerFactory) -> CentralSystemServer:
    return await make_server()


@pytest.fixture
async def charger(server: CentralSystemServer, ports: Ports) -> AsyncIterator[ChargerFactory]:
    """Connect scripted chargers to ``server``; returns once the server has registered one."""
    opened: list[ScriptedCharger] = []

    async def make(charger_id: str = "CP1", answer: Any = None) -> ScriptedCharger:
        times = [c for c, _ in ports.admission.connected].count(charger_id) + 1
        client = ScriptedCharger(await open_ws(server, charger_id), answer)
        opened.append(client)
        await ports.admission.wait_connected(charger_id, times)
        return client

    yield make
    for client in opened:
        await client.close()
