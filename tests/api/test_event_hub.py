"""The event hub: filters, one serialization per event, slow clients dropped, a limit."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import orjson
import pytest

from console.api.event_hub import EventClient, EventHub, HubClosed, HubFull
from console.core import events as ev
from console.core.alarms import AlarmKind
from console.core.events import EventBus
from tests.api.event_samples import ALARM, AT, SAMPLES


def _meter(charger_id: str, n: int = 0) -> ev.MeterSampled:
    return ev.MeterSampled(charger_id, 1, None, AT, float(n), None, None)


def _taken(client: EventClient) -> list[dict[str, object]]:
    """Everything waiting in ``client``'s buffer, parsed (without waiting)."""
    out = []
    while client.backlog:
        out.append(orjson.loads(client._buffer.popleft()))
    return out


@pytest.fixture
def bus() -> EventBus:
    """A bare event bus, as the engine has."""
    return EventBus()


async def test_filters_by_charger_without_case_and_by_type(bus: EventBus) -> None:
    hub = EventHub(bus)
    hub.start()
    everything = hub.open_client(None, None)
    cp1 = hub.open_client(frozenset({"cp-1"}), None)
    alarms_of_cp2 = hub.open_client(frozenset({"CP-2"}), frozenset({"alarm_raised"}))
    disk = replace(ALARM, charger_id="database", kind=AlarmKind.DISK_LOW, connector_id=None)
    published = [
        _meter("CP-1"),
        _meter("CP-2"),
        ev.AlarmRaised(ALARM),  # about CP-1
        ev.AlarmRaised(disk),  # about no charger
        ev.CardsChanged(3, ("AB",)),  # no charger
        SAMPLES[ev.SessionStarted],  # CP-1, through its session
        ev.AlarmRaised(replace(ALARM, charger_id="cp-2")),
    ]
    for event in published:
        bus.publish(event)

    assert len(_taken(everything)) == len(published)
    assert [(e["type"], e["charger_id"]) for e in _taken(cp1)] == [
        ("meter_sampled", "CP-1"),
        ("alarm_raised", "CP-1"),
        ("alarm_raised", None),
        ("cards_changed", None),
        ("session_started", "CP-1"),
    ]
    assert [(e["type"], e["charger_id"]) for e in _taken(alarms_of_cp2)] == [
        ("alarm_raised", None),
        ("alarm_raised", "cp-2"),
    ]
    stats = hub.stats()
    assert stats.events_seen == len(published)
    assert stats.events_serialized == len(published)  # once each, however many clients
    assert stats.events_delivered == len(published) + 5 + 2
    hub.close()


async def test_nothing_is_serialized_for_nobody(bus: EventBus) -> None:
    hub = EventHub(bus)
    hub.start()
    bus.publish(_meter("CP-1"))
    only_cp9 = hub.open_client(frozenset({"CP-9"}), frozenset({"meter_sampled"}))
    bus.publish(_meter("CP-1"))
    bus.publish(ev.StaffChanged(1, "ada", "staff.login"))  # never streamed
    assert hub.stats().events_serialized == 0
    assert only_cp9.backlog == 0
    hub.close()
    bus.publish(_meter("CP-9"))
    assert hub.stats().events_seen == 3  # unsubscribed


async def test_slow_client_is_dropped_and_the_publisher_never_waits(bus: EventBus) -> None:
    hub = EventHub(bus)
    hub.start()
    slow = hub.open_client(None, None, queue_limit=100)  # never reads
    fast = hub.open_client(frozenset({"CP-1"}), None, queue_limit=100)
    received: list[bytes] = []
    arrived = asyncio.Event()

    async def read_fast() -> None:
        while (data := await fast.next()) is not None:
            received.append(data)
            arrived.set()

    reader = asyncio.create_task(read_fast())
    total, batch = 1000, 50
    slowest = 0.0
    for start in range(0, total, batch):
        for n in range(start, start + batch):
            began = time.perf_counter()
            bus.publish(_meter("CP-1", n))
            slowest = max(slowest, time.perf_counter() - began)
            assert slow.backlog <= 100  # bounded: never grows past its limit
        # The engine loop runs other work between events: let the fast reader catch up.
        async with asyncio.timeout(5):
            while len(received) < start + batch:
                arrived.clear()
                await arrived.wait()

    assert slow.dropped and slow.closed
    assert slow.reason == "too slow: 100 events waiting"
    assert slow.backlog == 0  # its buffer was freed
    assert await slow.next() is None
    assert [orjson.loads(data)["power_w"] for data in received] == [float(n) for n in range(total)]
    assert not fast.dropped
    # A publish is a few list appends: far below a millisecond, whatever the clients do.
    assert slowest < 0.05
    stats = hub.stats()
    assert stats.clients_dropped == 1
    assert stats.clients == 1
    assert stats.events_delivered == total + 100
    assert stats.events_serialized == total
    hub.close()
    async with asyncio.timeout(5):
        await reader
    assert fast.closed and not fast.dropped


async def test_client_limit(bus: EventBus) -> None:
    hub = EventHub(bus, max_clients=3)
    with pytest.raises(HubClosed):
        hub.open_client(None, None)
    hub.start()
    clients = [hub.open_client(None, None) for _ in range(3)]
    with pytest.raises(HubFull, match="already has 3 clients"):
        hub.open_client(None, None)
    assert hub.stats().clients_refused == 1
    hub.close_client(clients[0])
    hub.close_client(clients[0])  # twice is harmless
    clients.append(hub.open_client(None, None))
    assert hub.stats().clients == 3
    with pytest.raises(ValueError, match="unknown event types: nonsense"):
        hub.open_client(None, frozenset({"nonsense"}))
    hub.close()
    assert all(client.closed for client in clients)


async def test_next_times_out_when_idle_and_ends_on_close(bus: EventBus) -> None:
    hub = EventHub(bus)
    hub.start()
    client = hub.open_client(None, None)
    with pytest.raises(TimeoutError):
        await client.next(timeout=0.01)
    waiting = asyncio.create_task(client.next())
    bus.publish(_meter("CP-1"))
    async with asyncio.timeout(5):
        assert orjson.loads(await waiting)["type"] == "meter_sampled"
    waiting = asyncio.create_task(client.next())
    hub.close()
    async with asyncio.timeout(5):
        assert await waiting is None
    assert client.reason == "the API is stopping"
