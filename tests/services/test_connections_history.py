"""A charger's connection history, heartbeat gaps, clock drift and the port check."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import Connection

from console.core.clock import utcnow
from console.core.enums import Direction, FrameKind
from console.core.model import LoggedFrame
from console.services.connections import (
    ConnectionHistory,
    HistoryKind,
    Reachability,
    check_port,
    check_ports,
    clock_drift,
    connection_history,
    heartbeat_gaps,
    interface_urls,
)
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage import chargers as charger_repo
from console.storage import logs as log_repo

ChargerFactory = Callable[..., SimulatedCharger]
EngineFactory = Callable[..., Awaitable[CentralSystem]]


async def _history(engine: CentralSystem, charger_id: str, interval: float) -> ConnectionHistory:
    return await engine.writer.submit(lambda c: connection_history(c, charger_id, interval))


async def _history_until(
    engine: CentralSystem,
    charger_id: str,
    ready: Callable[[ConnectionHistory], bool],
    timeout: float = 10.0,
) -> ConnectionHistory:
    """Re-read the history until ``ready`` (frames ride along with the next commit)."""
    deadline = time.monotonic() + timeout
    while True:
        history = await _history(engine, charger_id, 300)
        if ready(history):
            return history
        assert time.monotonic() < deadline, f"history never got ready: {history}"
        await asyncio.sleep(0.05)


async def test_history_shows_connect_boot_and_disconnect_with_close_code(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = make_charger(engine, "CP-H")
    await charger.start()
    await charger.wait_booted()
    await engine.server.disconnect("CP-H", "closed by staff")
    await charger.wait_for(lambda: charger.connect_count >= 2)

    def ready(history: ConnectionHistory) -> bool:
        return [e.kind for e in history.entries].count(HistoryKind.CONNECTED) >= 2

    history = await _history_until(engine, "CP-H", ready)
    kinds = [e.kind for e in reversed(history.entries)]
    assert kinds[:4] == [
        HistoryKind.CONNECTED,
        HistoryKind.BOOT,
        HistoryKind.DISCONNECTED,
        HistoryKind.CONNECTED,
    ]
    disconnected = next(e for e in history.entries if e.kind is HistoryKind.DISCONNECTED)
    assert disconnected.close_code == 1000
    assert disconnected.close_reason == "closed by staff"
    boot = next(e for e in history.entries if e.kind is HistoryKind.BOOT)
    assert boot.firmware == "1.4.2"
    connected = next(e for e in history.entries if e.kind is HistoryKind.CONNECTED)
    assert connected.peer is not None and connected.peer.startswith("127.0.0.1:")


async def test_a_silence_longer_than_two_heartbeats_is_a_gap(engine: CentralSystem) -> None:
    start = utcnow() - timedelta(hours=1)

    def frame(seconds: float) -> dict[str, object]:
        at = start + timedelta(seconds=seconds)
        text = f'[2,"m{seconds}","Heartbeat",{{}}]'
        logged = LoggedFrame(at, "CP-G", Direction.IN, FrameKind.CALL, "m", "Heartbeat", text)
        return log_repo.frame_row(logged)

    def store(connection: Connection) -> None:
        charger_repo.add_event(connection, "CP-G", "connected", start, {"peer": "10.0.0.9:5"})
        # Heartbeats every 60 s, then 200 s of silence, then an outage with a reconnect.
        times = [1, 61, 121, 321, 381]
        connection.execute(log_repo.message_log.insert(), [frame(s) for s in times])
        reconnect = start + timedelta(seconds=900)
        charger_repo.add_event(connection, "CP-G", "disconnected", reconnect, {"close_code": 1006})
        charger_repo.add_event(connection, "CP-G", "connected", reconnect, {"peer": "10.0.0.9:6"})
        connection.execute(log_repo.message_log.insert(), [frame(901)])

    await engine.writer.submit(store)
    history = await _history(engine, "CP-G", 60)
    gaps = [e for e in history.entries if e.kind is HistoryKind.HEARTBEAT_GAP]
    assert len(gaps) == 1
    assert gaps[0].gap_seconds == 200
    assert gaps[0].at == start + timedelta(seconds=121)
    # With a longer interval the same silence is normal.
    assert not [
        e
        for e in (await _history(engine, "CP-G", 120)).entries
        if e.kind is HistoryKind.HEARTBEAT_GAP
    ]


def test_gaps_and_drift_from_plain_values() -> None:
    start = utcnow()
    times = [start + timedelta(seconds=s) for s in (0, 10, 50, 60)]
    assert [g.gap_seconds for g in heartbeat_gaps(times, 10, [])] == [40]
    assert heartbeat_gaps(times, 10, [start + timedelta(seconds=20)]) == []
    assert heartbeat_gaps(times, 0, []) == []
    stamp = (start - timedelta(seconds=30)).isoformat().replace("+00:00", "Z")
    frames = [
        (start, "StatusNotification", f'[2,"1","StatusNotification",{{"timestamp":"{stamp}"}}]'),
        (start, "Heartbeat", '[2,"2","Heartbeat",{}]'),
        (start, "StatusNotification", '[2,"3","StatusNotification",{"timestamp":"garbage"}]'),
    ]
    drift = clock_drift(frames)
    assert drift is not None and drift.samples == 1 and round(drift.median_seconds) == -30
    assert clock_drift([]) is None


async def test_clock_drift_of_a_charger_whose_clock_is_behind(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = make_charger(engine, "CP-SLOW", clock_offset=-120.0)
    await charger.start()
    await charger.wait_booted()

    def ready(history: ConnectionHistory) -> bool:
        return history.drift is not None and history.drift.samples >= 3

    history = await _history_until(engine, "CP-SLOW", ready)
    assert history.drift is not None
    assert -125 < history.drift.median_seconds < -115


async def test_port_check_finds_the_server_and_a_closed_port(engine: CentralSystem) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    reachable = await asyncio.to_thread(check_port, "127.0.0.1", engine.port)
    assert reachable.result is Reachability.REACHABLE
    refused = await asyncio.to_thread(check_port, "127.0.0.1", closed_port)
    assert refused.result is Reachability.REFUSED
    both = await asyncio.to_thread(check_ports, ["127.0.0.1", "127.0.0.1"], engine.port)
    assert [c.result for c in both] == [Reachability.REACHABLE] * 2


def test_interface_urls_name_every_address_with_the_port() -> None:
    urls = interface_urls("0.0.0.0", 9000)
    assert any(u.address == "127.0.0.1" for u in urls)
    assert all(u.url == f"ws://{u.address}:9000/ocpp/<charger id>" for u in urls)
    assert [u.address for u in interface_urls("192.0.2.7", 9100)] == ["192.0.2.7"]
