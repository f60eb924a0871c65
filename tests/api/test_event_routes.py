"""The event stream's transports over a real aiohttp server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import orjson
import pytest
from aiohttp import web

from console.api import event_routes
from console.api.event_hub import EventHub
from console.core import events as ev
from console.core.events import EventBus
from console.services.event_json import event_from_json
from tests.actors import VIEWER
from tests.api.event_samples import AT, SAMPLES


@dataclass
class StreamSite:
    """A bare web application serving the two transports with a fixed viewer."""

    bus: EventBus
    hub: EventHub
    base: str
    http: aiohttp.ClientSession


async def _serve(hub: EventHub) -> tuple[web.AppRunner, str]:
    async def websocket(request: web.Request) -> web.StreamResponse:
        return await event_routes.websocket_events(request, hub, VIEWER)

    async def stream(request: web.Request) -> web.StreamResponse:
        return await event_routes.sse_events(request, hub, VIEWER)

    app = web.Application()
    app.router.add_get("/api/events", websocket)
    app.router.add_get("/api/events/stream", stream)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server: Any = site._server
    port = server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}"


@pytest.fixture
async def make_site() -> AsyncIterator[Any]:
    """Start stream sites with hubs made with ``options`` (stopped at the end)."""
    runners: list[web.AppRunner] = []
    hubs: list[EventHub] = []
    async with aiohttp.ClientSession() as http:

        async def make(**options: Any) -> StreamSite:
            bus = EventBus()
            hub = EventHub(bus, **options)
            hub.start()
            runner, base = await _serve(hub)
            runners.append(runner)
            hubs.append(hub)
            return StreamSite(bus, hub, base, http)

        yield make
        for hub in hubs:
            hub.close()
        for runner in runners:
            await runner.cleanup()


def _meter(charger_id: str, n: int) -> ev.MeterSampled:
    return ev.MeterSampled(charger_id, 1, None, AT, float(n), None, None)


async def test_websocket_sends_hello_then_filtered_events(make_site: Any) -> None:
    site: StreamSite = await make_site()
    url = f"{site.base}/api/events?charger=CP-1&charger=cp-3&type=meter_sampled,alarm_raised"
    async with site.http.ws_connect(url) as ws:
        hello = await ws.receive_json(timeout=5)
        assert hello["type"] == "hello"
        assert hello["chargers"] == ["CP-1", "cp-3"]
        assert hello["types"] == ["alarm_raised", "meter_sampled"]
        assert hello["queue_limit"] == 2000
        assert hello["viewer"] == VIEWER.name
        site.bus.publish(_meter("CP-2", 1))  # another charger
        site.bus.publish(SAMPLES[ev.ChargerStatusChanged])  # CP-1, but another type
        site.bus.publish(_meter("cp-1", 2))  # letter case does not matter
        site.bus.publish(SAMPLES[ev.AlarmRaised])
        site.bus.publish(_meter("CP-3", 3))
        got = [await ws.receive_json(timeout=5) for _ in range(3)]
        assert [(e["type"], e["charger_id"]) for e in got] == [
            ("meter_sampled", "cp-1"),
            ("alarm_raised", "CP-1"),
            ("meter_sampled", "CP-3"),
        ]
        assert event_from_json(got[1]) == SAMPLES[ev.AlarmRaised]
        # The hub closing (the API stopping) ends the stream with "going away".
        site.hub.close()
        message = await ws.receive(timeout=5)
        assert message.type is aiohttp.WSMsgType.CLOSE
        assert message.data == aiohttp.WSCloseCode.GOING_AWAY
        assert message.extra == "the API is stopping"


async def test_a_slow_websocket_client_is_closed_with_1008(make_site: Any) -> None:
    site: StreamSite = await make_site(queue_limit=20)
    fast_url = f"{site.base}/api/events?charger=CP-2"
    async with (
        site.http.ws_connect(f"{site.base}/api/events") as slow,
        site.http.ws_connect(fast_url) as fast,
    ):
        assert (await slow.receive_json(timeout=5))["type"] == "hello"
        assert (await fast.receive_json(timeout=5))["type"] == "hello"
        # Big notices fill the socket buffers quickly; the slow client reads nothing.
        notice = ev.ChargerNotice("CP-1", "log", "x" * 64_000, AT)
        for n in range(5000):
            site.bus.publish(notice)
            site.bus.publish(_meter("CP-2", n))
            # The fast client keeps up: it has its meter sample before the next event.
            assert (await fast.receive_json(timeout=5))["power_w"] == float(n)
            if site.hub.stats().clients_dropped:
                break
        stats = site.hub.stats()
        assert stats.clients_dropped == 1
        assert stats.clients == 1  # the fast one
        # The slow client now reads what reached it, then the closing frame and its reason.
        async with asyncio.timeout(10):
            while (message := await slow.receive()).type is aiohttp.WSMsgType.TEXT:
                assert orjson.loads(message.data)["type"] in ("charger_notice", "meter_sampled")
        assert message.type is aiohttp.WSMsgType.CLOSE
        assert message.data == aiohttp.WSCloseCode.POLICY_VIOLATION
        assert message.extra == "too slow: 20 events waiting"
        site.bus.publish(_meter("CP-2", -1))
        assert (await fast.receive_json(timeout=5))["power_w"] == -1.0


async def test_websocket_refuses_bad_filters_as_problems(make_site: Any) -> None:
    site: StreamSite = await make_site(max_clients=1)
    cases = {
        "type=meter_sampled&type=charger_exploded": "Unknown event type 'charger_exploded'",
        "charger=CP%201": "is not a charger id",
        "chargers=CP-1": "Unknown query parameter chargers",
    }
    for query, detail in cases.items():
        for path in ("/api/events", "/api/events/stream"):
            async with site.http.get(f"{site.base}{path}?{query}") as response:
                assert response.status == 400
                assert response.content_type == "application/problem+json"
                problem = await response.json(content_type=None)
                assert problem["status"] == 400
                assert problem["title"] == "Bad request"
                assert detail in problem["detail"]
                assert "type" in problem
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await site.http.ws_connect(f"{site.base}/api/events?{query}")
        assert refused.value.status == 400
    async with site.http.get(f"{site.base}/api/events") as response:
        assert response.status == 400
        assert "This address is a WebSocket" in (await response.json(content_type=None))["detail"]
    # The client limit: the second watcher at once is refused with the reason.
    async with site.http.ws_connect(f"{site.base}/api/events") as first:
        assert (await first.receive_json(timeout=5))["type"] == "hello"
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await site.http.ws_connect(f"{site.base}/api/events")
        assert refused.value.status == 503
        async with site.http.get(f"{site.base}/api/events/stream") as response:
            assert response.status == 503
            problem = await response.json(content_type=None)
            assert "already has 1 clients" in problem["detail"]


async def _sse_events(response: aiohttp.ClientResponse) -> AsyncIterator[tuple[str, str]]:
    """(event, data) pairs of a server-sent event stream; comments as ("", text)."""
    kind, data = "", ""
    while line := (await response.content.readline()).decode():
        line = line.rstrip("\n")
        if line.startswith(":"):
            yield "", line
        elif line.startswith("event: "):
            kind = line.removeprefix("event: ")
        elif line.startswith("data: "):
            data = line.removeprefix("data: ")
        elif not line:
            yield kind, data
            kind, data = "", ""


async def test_server_sent_events(make_site: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_routes, "KEEPALIVE_S", 0.05)
    site: StreamSite = await make_site()
    url = f"{site.base}/api/events/stream?charger=CP-1&type=meter_sampled&type=session_started"
    async with asyncio.timeout(10), site.http.get(url) as response:
        assert response.status == 200
        assert response.content_type == "text/event-stream"
        events = _sse_events(response)
        kind, data = await anext(events)
        assert kind == "hello"
        assert orjson.loads(data)["types"] == ["meter_sampled", "session_started"]
        # Nothing to send: a comment line keeps the connection open.
        assert await anext(events) == ("", ": keep-alive")
        site.bus.publish(_meter("CP-2", 1))
        site.bus.publish(SAMPLES[ev.SessionStarted])
        site.bus.publish(_meter("CP-1", 2))
        got = []
        while len(got) < 2:
            kind, data = await anext(events)
            if kind:
                got.append((kind, orjson.loads(data)))
        assert [kind for kind, _ in got] == ["session_started", "meter_sampled"]
        assert event_from_json(got[0][1]) == SAMPLES[ev.SessionStarted]
        assert got[1][1]["power_w"] == 2.0
        site.hub.close()
        kind = ""
        while not kind:
            kind, data = await anext(events)
        assert kind == "closing"
        assert orjson.loads(data)["reason"] == "the API is stopping"


async def test_a_slow_event_stream_client_gets_a_last_dropped_event(make_site: Any) -> None:
    site: StreamSite = await make_site(queue_limit=20)
    base = f"{site.base}/api/events/stream"
    async with (
        asyncio.timeout(20),
        site.http.get(base) as slow,
        site.http.get(f"{base}?charger=CP-2") as fast,
    ):
        slow_events, fast_events = _sse_events(slow), _sse_events(fast)
        assert (await anext(slow_events))[0] == "hello"
        assert (await anext(fast_events))[0] == "hello"
        # The slow client reads nothing while big notices fill the buffers on the way.
        notice = ev.ChargerNotice("CP-1", "log", "x" * 64_000, AT)
        for n in range(5000):
            site.bus.publish(notice)
            site.bus.publish(_meter("CP-2", n))
            # The fast client keeps up: it has its meter sample before the next event.
            kind, data = await anext(fast_events)
            assert (kind, orjson.loads(data)["power_w"]) == ("meter_sampled", float(n))
            if site.hub.stats().clients_dropped:
                break
        assert site.hub.stats().clients_dropped == 1
        kind = "charger_notice"
        while kind in ("charger_notice", "meter_sampled"):
            kind, data = await anext(slow_events)
        assert kind == "dropped"
        assert orjson.loads(data) == {"type": "dropped", "reason": "too slow: 20 events waiting"}
        assert await slow.content.read() == b""  # the stream ended
