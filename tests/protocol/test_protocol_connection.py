"""Connections over time: replacement, the message log, the idle watchdog, shutdown, interop."""

from __future__ import annotations

import asyncio

from ocpp.routing import on
from ocpp.v16 import ChargePoint as LibraryChargePoint
from ocpp.v16 import call, call_result
from protocol_helpers import SUBPROTOCOL, WAIT, Ports, ScriptedCharger, exchange, open_ws, url
from websockets.asyncio.client import connect

from console.core import commands as c
from console.core.enums import CommandResult, Direction, FrameKind
from console.core.model import BootDecision
from console.protocol.server import CentralSystemServer


async def test_reconnect_replaces_old_connection(
    server: CentralSystemServer, ports: Ports, charger
) -> None:
    old = await charger("CP1")
    new = await charger("CP1")
    await asyncio.wait_for(old.ws.wait_closed(), WAIT)
    assert (old.ws.close_code, old.ws.close_reason) == (1000, "replaced by a new connection")
    assert server.connected_ids() == ["CP1"]
    # Commands go to the new connection.
    outcome = await server.send("CP1", c.ClearCache())
    assert outcome.accepted and len(new.received) == 1 and old.received == []
    assert (await new.request("Heartbeat", {}))[0] == 3
    assert ports.admission.online == {"CP1"}
    await new.close()
    await ports.admission.wait_disconnected("CP1")
    await server.stop()  # every handler has finished now, the old one's included
    # The old connection's end was never reported: only the new one's.
    assert [cid for cid, _ in ports.admission.connected] == ["CP1", "CP1"]
    assert [(cid, code) for cid, code, _ in ports.admission.disconnected] == [("CP1", 1000)]


async def test_replaced_connection_end_does_not_report_offline(
    server: CentralSystemServer, ports: Ports, charger
) -> None:
    old = await charger("CP1")
    await charger("CP1")
    await asyncio.wait_for(old.ws.wait_closed(), WAIT)
    # The server's side of the old connection ends after the close handshake; a round
    # trip on a third connection of another charger lets its handler finish first.
    other = await charger("CP2")
    await other.request("Heartbeat", {})
    assert ports.admission.disconnected == []
    assert ports.admission.online == {"CP1", "CP2"}
    assert server.is_connected("CP1")


async def test_message_log_in_and_out(server: CentralSystemServer, ports: Ports, charger) -> None:
    cp = await charger()
    await cp.request("Heartbeat", {})
    await server.send("CP1", c.Reset())
    frames = ports.log.frames
    assert [(f.direction, f.kind, f.action) for f in frames] == [
        (Direction.IN, FrameKind.CALL, "Heartbeat"),
        (Direction.OUT, FrameKind.RESULT, "Heartbeat"),
        (Direction.OUT, FrameKind.CALL, "Reset"),
        (Direction.IN, FrameKind.RESULT, "Reset"),
    ]
    heartbeat_in, heartbeat_out, reset_out, reset_in = frames
    assert heartbeat_in.message_id == heartbeat_out.message_id
    assert reset_out.message_id == reset_in.message_id
    assert heartbeat_in.latency_ms is None and reset_out.latency_ms is None
    assert heartbeat_out.latency_ms is not None and heartbeat_out.latency_ms >= 0
    assert reset_in.latency_ms is not None and reset_in.latency_ms >= 0
    assert all(f.charger_id == "CP1" and f.at.tzinfo is not None for f in frames)
    assert heartbeat_in.payload == f'[2, "{heartbeat_in.message_id}", "Heartbeat", {{}}]'
    assert reset_out.payload == f'[2,"{reset_out.message_id}","Reset",{{"type":"Soft"}}]'


async def test_error_replies_are_logged_with_action(
    server: CentralSystemServer, ports: Ports
) -> None:
    async with await open_ws(server) as ws:
        await exchange(ws, '[2, "u", "Authorize", {}]')
    out = ports.log.find(Direction.OUT, FrameKind.ERROR)
    assert [(f.message_id, f.action) for f in out] == [("u", "Authorize")]
    assert out[0].latency_ms is not None


async def test_idle_charger_is_closed(make_server, ports: Ports) -> None:
    server = await make_server(heartbeat_interval=0.1)  # silent for 3 x 0.1 s -> offline
    async with await open_ws(server) as ws:
        await asyncio.wait_for(ws.wait_closed(), WAIT)
        assert ws.close_code == 1001
    await ports.admission.wait_disconnected("CP1")
    ((_, code, reason),) = ports.admission.disconnected
    assert code == 1001 and "nothing received" in reason


async def test_boot_interval_sets_the_watchdog(make_server, ports: Ports) -> None:
    server = await make_server(idle_intervals=0.2)  # 300 s x 0.2 before the boot
    ports.messages.boot_decision = BootDecision(True, False, 1)  # then 1 s x 0.2
    async with await open_ws(server) as ws:
        boot = {"chargePointVendor": "V", "chargePointModel": "M"}
        assert (await exchange(ws, [2, "b", "BootNotification", boot]))[0] == 3
        await asyncio.wait_for(ws.wait_closed(), WAIT)
        assert ws.close_code == 1001


async def test_heartbeat_interval_change_moves_the_watchdog(make_server, ports: Ports) -> None:
    server = await make_server()
    async with await open_ws(server) as ws:
        cp = ScriptedCharger(ws)
        await ports.admission.wait_connected("CP1")
        outcome = await server.send("CP1", c.ChangeConfiguration("HeartbeatInterval", "0.1"))
        assert outcome.accepted
        await asyncio.wait_for(ws.wait_closed(), WAIT)
        assert ws.close_code == 1001
        await cp.close()


async def test_disconnect_by_staff(server: CentralSystemServer, ports: Ports, charger) -> None:
    cp = await charger()
    await server.disconnect("CP1", "maintenance")
    await asyncio.wait_for(cp.ws.wait_closed(), WAIT)
    assert (cp.ws.close_code, cp.ws.close_reason) == (1000, "maintenance")
    await ports.admission.wait_disconnected("CP1")
    assert ports.admission.disconnected == [("CP1", 1000, "maintenance")]
    assert not server.is_connected("CP1")
    await server.disconnect("NOBODY", "nothing happens")


async def test_stop_closes_every_connection(
    server: CentralSystemServer, ports: Ports, charger
) -> None:
    one, two = await charger("A"), await charger("B")
    assert sorted(server.connected_ids()) == ["A", "B"]
    await server.stop()
    assert one.ws.close_code == 1001 and two.ws.close_code == 1001
    assert sorted((cid, code) for cid, code, _ in ports.admission.disconnected) == [
        ("A", 1001),
        ("B", 1001),
    ]
    assert server.connected_ids() == []


class _LibraryCharger(LibraryChargePoint):  # type: ignore[misc]
    @on("Reset")  # type: ignore[misc]
    def on_reset(self, type: str, **_: object) -> call_result.Reset:
        return call_result.Reset(status="Accepted")


async def test_interoperates_with_the_ocpp_library(
    server: CentralSystemServer, ports: Ports
) -> None:
    async with connect(url(server, "LIB"), subprotocols=[SUBPROTOCOL]) as ws:  # type: ignore[list-item]
        library = _LibraryCharger("LIB", ws, response_timeout=WAIT)
        task = asyncio.create_task(library.start())
        boot = await library.call(
            call.BootNotification(charge_point_model="M", charge_point_vendor="V")
        )
        assert boot.status == "Accepted" and boot.interval == 300
        assert (await library.call(call.Heartbeat())).current_time.endswith("Z")
        meter = call.MeterValues(
            connector_id=1,
            transaction_id=42,
            meter_value=[
                {
                    "timestamp": "2025-03-01T10:00:00Z",
                    "sampledValue": [
                        {"value": "7.5", "measurand": "Power.Active.Import", "unit": "kW"}
                    ],
                }
            ],
        )
        await library.call(meter)
        outcome = await server.send("LIB", c.Reset(hard=True))
        assert (outcome.result, outcome.status) == (CommandResult.ANSWERED, "Accepted")
        task.cancel()
    report = ports.messages.last("meter_values")
    assert report.meter_values[0].samples[0].value == 7.5
    assert ports.messages.last("boot").vendor == "V"
