"""Connecting, booting, heartbeats and the handshake."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from ocpp.v16 import call

from console.simulator import SimulatedCharger

if TYPE_CHECKING:
    from conftest import MiniCentral

Factory = Callable[..., SimulatedCharger]


async def test_boot_pending_is_retried_until_accepted(
    central: MiniCentral, make_charger: Factory
) -> None:
    central.boot_statuses = ["Pending", "Pending", "Accepted"]
    charger = make_charger(vendor="Acme", model="Wallbox 11", serial="S-42", firmware="2.1")
    await charger.start()
    await charger.wait_booted()

    boots = central.of("BootNotification")
    assert len(boots) == 3
    assert boots[0]["charge_point_vendor"] == "Acme"
    assert boots[0]["charge_point_model"] == "Wallbox 11"
    assert boots[0]["charge_point_serial_number"] == "S-42"
    assert boots[0]["firmware_version"] == "2.1"
    assert charger.registration_status == "Accepted"
    assert charger.boot_count == 1
    # Statuses only once accepted: connector 0 and each connector, all Available.
    await central.wait_for(lambda: len(central.of("StatusNotification")) == 3)
    actions = central.actions()
    assert actions.index("StatusNotification") > max(
        i for i, a in enumerate(actions) if a == "BootNotification"
    )
    statuses = central.of("StatusNotification")
    assert [s["connector_id"] for s in statuses] == [0, 1, 2]
    assert {s["status"] for s in statuses} == {"Available"}
    assert {s["error_code"] for s in statuses} == {"NoError"}


async def test_rejected_boot_is_retried(central: MiniCentral, make_charger: Factory) -> None:
    central.boot_statuses = ["Rejected"]
    charger = make_charger()
    await charger.start()
    await charger.wait_booted()
    assert [b for b in central.actions() if b == "BootNotification"] == ["BootNotification"] * 2
    # Nothing but BootNotification was sent while Rejected.
    assert central.actions()[:2] == ["BootNotification", "BootNotification"]


async def test_heartbeats_follow_the_interval(central: MiniCentral, make_charger: Factory) -> None:
    charger = make_charger(heartbeat_interval=0.02)
    await charger.start()
    await central.wait_for(lambda: len(central.of("Heartbeat")) >= 3)
    assert charger.sent_count("Heartbeat") >= 3


async def test_heartbeat_interval_from_boot_reply(
    central: MiniCentral, make_charger: Factory
) -> None:
    central.heartbeat_interval = 123
    charger = make_charger(heartbeat_interval=None)
    await charger.start()
    await charger.wait_booted()
    assert charger.heartbeat_s == 123
    assert charger.configuration["HeartbeatInterval"] == "123"


async def test_url_path_and_subprotocol(central: MiniCentral, make_charger: Factory) -> None:
    charger = make_charger("CP 7/β")
    await charger.start()
    await charger.wait_booted()
    assert central.paths == ["/ocpp/CP%207%2F%CE%B2"]
    assert charger.subprotocol == "ocpp1.6"
    assert "Authorization" not in central.headers["CP%207%2F%CE%B2"]


async def test_basic_auth_header_sent_with_password(
    central: MiniCentral, make_charger: Factory
) -> None:
    central.password = "s3cret"
    charger = make_charger("CP-AUTH", password="s3cret")
    await charger.start()
    await charger.wait_booted()
    expected = "Basic " + base64.b64encode(b"CP-AUTH:s3cret").decode()
    assert central.headers["CP-AUTH"]["Authorization"] == expected


async def test_wrong_password_is_refused_at_handshake(
    central: MiniCentral, make_charger: Factory
) -> None:
    central.password = "right"
    charger = make_charger("CP-BAD", password="wrong", reconnect=False)
    await charger.start()
    await charger.wait_for(lambda: charger.refused_status is not None)
    assert charger.refused_status == 401
    assert charger.last_error is not None and "401" in charger.last_error
    assert not charger.accepted
    # Without reconnect it stays offline instead of hammering the server.
    await charger.wait_for(lambda: charger.offline)
    assert len(central.paths) == 1


async def test_reconnects_after_the_connection_drops(
    central: MiniCentral, make_charger: Factory
) -> None:
    charger = make_charger()
    await charger.start()
    await charger.wait_booted()
    await central.points["CP-1"]._connection.close()
    await charger.wait_for(lambda: charger.connect_count == 2 and charger.accepted)
    assert len(central.of("BootNotification")) == 2


async def test_stop_closes_the_connection(central: MiniCentral, booted: SimulatedCharger) -> None:
    await booted.stop()
    await central.wait_for(lambda: "CP-1" not in central.points)
    assert not booted.connected


async def test_raw_calls_and_bad_frames_for_protocol_tests(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    first = await booted.call(
        call.StartTransaction(
            connector_id=1, id_tag="T", meter_start=5, timestamp="2024-01-01T00:00:00Z"
        )
    )
    again = await booted.call(
        call.StartTransaction(
            connector_id=1, id_tag="T", meter_start=5, timestamp="2024-01-01T00:00:00Z"
        )
    )
    assert (first.transaction_id, again.transaction_id) == (1001, 1002)  # MiniCentral is naive
    await booted.send_raw("this is not OCPP")
    reply = await booted.call(call.DataTransfer(vendor_id="com.example", data="x"))
    assert reply.status == "UnknownVendorId" and booted.connected
    await booted.go_offline()
    with pytest.raises(ConnectionError):
        await booted.call(call.Heartbeat())
