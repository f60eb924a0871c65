"""The event stream carries a real engine's events faithfully: a client rebuilds them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from console.api import event_routes
from console.api.event_hub import EventHub
from console.core.clock import utcnow
from console.core.enums import AdmissionMode
from console.core.events import Event, SessionStopped
from console.core.model import Card
from console.services.engine import CentralSystem, EngineConfig
from console.services.event_json import charger_of, event_from_json, is_streamed
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage.samples import set_power_ceiling_w
from tests.actors import VIEWER


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[CentralSystem]:
    """A real engine admitting every charger, with a card CARD-1."""
    config = EngineConfig(
        database_url=f"sqlite:///{tmp_path / 'engine.db'}",
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
    )
    engine = CentralSystem(config)
    await engine.start()
    # Simulated meters run faster than their timestamps: allow for it.
    await engine.writer.submit(lambda c: set_power_ceiling_w(c, 40_000_000.0))
    await engine.writer.submit(lambda c: card_repo.save_card(c, Card("CARD-1"), utcnow()))
    yield engine
    await engine.stop()


async def test_stream_rebuilds_the_engines_events(engine: CentralSystem) -> None:
    seen: list[Event] = []
    engine.bus.subscribe(seen.append)
    hub = EventHub(engine.bus)
    hub.start()

    async def websocket(request: web.Request) -> web.StreamResponse:
        return await event_routes.websocket_events(request, hub, VIEWER)

    app = web.Application()
    app.router.add_get("/api/events", websocket)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server: Any = site._server
    url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/api/events?charger=cp-e1"
    url_of = f"ws://127.0.0.1:{engine.port}/ocpp/"
    chargers = [
        SimulatedCharger(name, url_of, meter_interval=0.05, speed=60.0, boot_retry_floor=0.05)
        for name in ("CP-E1", "CP-E2")
    ]
    try:
        async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:
            assert (await ws.receive_json(timeout=5))["type"] == "hello"
            for charger in chargers:
                await charger.start()
                await charger.wait_booted()
            one = chargers[0]
            assert await one.start_session(1, "card-1") is not None
            await one.wait_for(lambda: sum(charger_of(e) == "CP-E1" for e in seen) >= 12)
            assert await one.stop_session(1)
            streamed: list[Event] = []
            while not streamed or not isinstance(streamed[-1], SessionStopped):
                streamed.append(event_from_json(await ws.receive_json(timeout=10)))
    finally:
        for charger in chargers:
            await charger.stop()
        hub.close()
        await runner.cleanup()

    wanted = [
        event for event in seen if charger_of(event) in (None, "CP-E1") and is_streamed(event)
    ]
    # In the same order, equal field by field, up to the session's end.
    assert len(streamed) >= 10
    assert streamed == wanted[: len(streamed)]
    kinds = {type(event).__name__ for event in streamed}
    assert {"ChargerConnected", "ChargerBooted", "ChargerStatusChanged", "MeterSampled"} <= kinds
    assert {"SessionStarted", "SessionStopped"} <= kinds
    assert all(charger_of(event) != "CP-E2" for event in streamed)
