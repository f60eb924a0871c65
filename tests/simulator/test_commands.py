"""Every central-system command of OCPP 1.6 is answered, and acted on as a charger would."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from ocpp.v16 import call
from sim_helpers import iso, profile

from console.simulator import COMMANDS, SimulatedCharger

if TYPE_CHECKING:
    from conftest import MiniCentral

Factory = Callable[..., SimulatedCharger]


def arrived(central: MiniCentral, action: str, since: int) -> bool:
    return action in central.actions()[since:]


def last_status(central: MiniCentral, connector_id: int) -> str | None:
    found = [s for s in central.of("StatusNotification") if s["connector_id"] == connector_id]
    return found[-1]["status"] if found else None


async def test_every_command_is_answered(central: MiniCentral, booted: SimulatedCharger) -> None:
    cid = booted.charger_id
    expected: list[tuple[Any, dict[str, Any]]] = [
        (call.GetConfiguration(key=["HeartbeatInterval", "NoSuchKey"]), {}),
        (call.ChangeConfiguration(key="HeartbeatInterval", value="120"), {"status": "Accepted"}),
        (call.ClearCache(), {"status": "Accepted"}),
        (call.DataTransfer(vendor_id="com.example"), {"status": "UnknownVendorId"}),
        (call.GetLocalListVersion(), {"list_version": 0}),
        (
            call.SendLocalList(
                list_version=1,
                update_type="Full",
                local_authorization_list=[{"id_tag": "L1", "id_tag_info": {"status": "Accepted"}}],
            ),
            {"status": "Accepted"},
        ),
        (
            call.ReserveNow(connector_id=2, expiry_date=iso(60), id_tag="R2", reservation_id=7),
            {"status": "Accepted"},
        ),
        (call.CancelReservation(reservation_id=7), {"status": "Accepted"}),
        (
            call.SetChargingProfile(
                connector_id=0, cs_charging_profiles=profile("ChargePointMaxProfile", 20_000.0)
            ),
            {"status": "Accepted"},
        ),
        (call.GetCompositeSchedule(connector_id=1, duration=600), {"status": "Accepted"}),
        (call.ClearChargingProfile(id=1), {"status": "Accepted"}),
        (call.RemoteStartTransaction(id_tag="R1", connector_id=1), {"status": "Accepted"}),
        (call.RemoteStopTransaction(transaction_id=4242), {"status": "Rejected"}),
        (call.UnlockConnector(connector_id=2), {"status": "Unlocked"}),
        (call.ChangeAvailability(connector_id=2, type="Inoperative"), {"status": "Accepted"}),
        (call.TriggerMessage(requested_message="Heartbeat"), {"status": "Accepted"}),
        (call.GetDiagnostics(location="ftp://diag.invalid/upload"), {}),
        (call.UpdateFirmware(location="http://fw.invalid/fw-2.0.bin", retrieve_date=iso()), {}),
        (call.Reset(type="Soft"), {"status": "Accepted"}),
    ]
    assert sorted(type(p).__name__ for p, _ in expected) == sorted(COMMANDS)
    assert len(COMMANDS) == 19

    replies = {}
    for payload, fields in expected:
        reply = await central.call(cid, payload)
        replies[type(payload).__name__] = reply
        for name, wanted in fields.items():
            assert getattr(reply, name) == wanted, (type(payload).__name__, reply)

    assert [r.action for r in booted.received] == [type(p).__name__ for p, _ in expected]
    assert booted.received[-1].payload == {"type": "Soft"}
    config = replies["GetConfiguration"]
    assert [k["key"] for k in config.configuration_key] == ["HeartbeatInterval"]
    assert config.unknown_key == ["NoSuchKey"]
    assert replies["GetDiagnostics"].file_name.endswith(".log")
    composite = replies["GetCompositeSchedule"]
    assert composite.charging_schedule["charging_schedule_period"][0]["limit"] == 11_000


async def test_remote_start_starts_a_session_and_remote_stop_ends_it(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    reply = await central.call("CP-1", call.RemoteStartTransaction(id_tag="R1"))
    assert reply.status == "Accepted"
    await booted.wait_for(lambda: booted.transaction_id(1) is not None)
    session = booted.session(1)
    assert session is not None and session.remote and session.id_tag == "R1"
    assert central.of("StartTransaction")[0]["id_tag"] == "R1"
    assert central.of("Authorize") == []  # AuthorizeRemoteTxRequests is false
    await booted.wait_for(lambda: booted.status(1) == "Charging")

    # Connector 2 takes the next one; then there is no free connector left.
    assert (await central.call("CP-1", call.RemoteStartTransaction(id_tag="R2"))).status == (
        "Accepted"
    )
    await booted.wait_for(lambda: booted.transaction_id(2) is not None)
    third = await central.call("CP-1", call.RemoteStartTransaction(id_tag="R3"))
    assert third.status == "Rejected"

    tx = booted.transaction_id(1)
    stop = await central.call("CP-1", call.RemoteStopTransaction(transaction_id=tx))
    assert stop.status == "Accepted"
    await central.wait_for(lambda: central.of("StopTransaction"))
    assert central.of("StopTransaction")[0]["reason"] == "Remote"
    assert central.of("StopTransaction")[0]["transaction_id"] == tx
    await booted.wait_for(lambda: booted.status(1) == "Available")


async def test_remote_start_authorizes_when_configured(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    await central.call(
        "CP-1", call.ChangeConfiguration(key="AuthorizeRemoteTxRequests", value="true")
    )
    central.invalid_tags = {"BLOCKED"}
    reply = await central.call("CP-1", call.RemoteStartTransaction(id_tag="BLOCKED"))
    assert reply.status == "Accepted"  # the answer comes before the check
    await central.wait_for(lambda: central.of("Authorize"))
    await booted.wait_for(lambda: booted.connector(1).free)
    assert central.of("StartTransaction") == []


async def test_reset_stops_sessions_and_boots_again(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    await booted.start_session(1, "CARD")
    assert (await central.call("CP-1", call.Reset(type="Hard"))).status == "Accepted"
    await booted.wait_for(lambda: booted.boot_count == 2 and booted.accepted)
    assert central.of("StopTransaction")[0]["reason"] == "HardReset"
    assert booted.connect_count == 2
    assert len(central.of("BootNotification")) == 2
    assert booted.session(1) is None


async def test_change_availability_is_scheduled_while_charging(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    await booted.start_session(1, "CARD")
    reply = await central.call("CP-1", call.ChangeAvailability(connector_id=1, type="Inoperative"))
    assert reply.status == "Scheduled"
    assert booted.status(1) == "Charging"
    await booted.stop_session(1)
    assert last_status(central, 1) == "Unavailable"
    assert await booted.start_session(1, "CARD") is None

    reply = await central.call("CP-1", call.ChangeAvailability(connector_id=0, type="Inoperative"))
    assert reply.status == "Accepted"
    await central.wait_for(lambda: last_status(central, 0) == "Unavailable")
    await central.wait_for(lambda: last_status(central, 2) == "Unavailable")
    reply = await central.call("CP-1", call.ChangeAvailability(connector_id=0, type="Operative"))
    assert reply.status == "Accepted"
    await central.wait_for(lambda: all(last_status(central, c) == "Available" for c in (0, 1, 2)))
    bad = await central.call("CP-1", call.ChangeAvailability(connector_id=5, type="Operative"))
    assert bad.status == "Rejected"


async def test_trigger_message_sends_the_message(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    tx = await booted.start_session(1, "CARD")
    booted.meter_interval = 3600.0  # only triggered readings from here on
    before = len(central.messages)
    for requested, connector in [
        ("BootNotification", None),
        ("Heartbeat", None),
        ("StatusNotification", 2),
        ("MeterValues", 1),
        ("DiagnosticsStatusNotification", None),
        ("FirmwareStatusNotification", None),
    ]:
        reply = await central.call(
            "CP-1", call.TriggerMessage(requested_message=requested, connector_id=connector)
        )
        assert reply.status == "Accepted"
        await central.wait_for(partial(arrived, central, requested, before))
    triggered = [m for m in central.messages[before:] if m.action == "MeterValues"]
    assert any(
        m.payload["transaction_id"] == tx
        and m.payload["meter_value"][0]["sampled_value"][0]["context"] == "Trigger"
        for m in triggered
    )
    assert central.of("DiagnosticsStatusNotification")[-1]["status"] == "Idle"
    assert central.of("FirmwareStatusNotification")[-1]["status"] == "Idle"
    bad = await central.call(
        "CP-1", call.TriggerMessage(requested_message="Heartbeat", connector_id=9)
    )
    assert bad.status == "Rejected"


async def test_reservations(central: MiniCentral, booted: SimulatedCharger) -> None:
    reply = await central.call(
        "CP-1", call.ReserveNow(connector_id=1, expiry_date=iso(60), id_tag="R", reservation_id=5)
    )
    assert reply.status == "Accepted"
    await central.wait_for(lambda: last_status(central, 1) == "Reserved")
    assert await booted.start_session(1, "SOMEONE-ELSE") is None
    assert await booted.start_session(1, "r") is not None  # card ids ignore case
    assert central.of("StartTransaction")[0]["reservation_id"] == 5

    occupied = await central.call(
        "CP-1", call.ReserveNow(connector_id=1, expiry_date=iso(60), id_tag="X", reservation_id=6)
    )
    assert occupied.status == "Occupied"
    zero = await central.call(
        "CP-1", call.ReserveNow(connector_id=0, expiry_date=iso(60), id_tag="X", reservation_id=6)
    )
    assert zero.status == "Rejected"
    assert (await central.call("CP-1", call.CancelReservation(reservation_id=99))).status == (
        "Rejected"
    )
    # A reservation expires on its own.
    await central.call(
        "CP-1", call.ReserveNow(connector_id=2, expiry_date=iso(0.2), id_tag="X", reservation_id=8)
    )
    await central.wait_for(lambda: last_status(central, 2) == "Reserved")
    await central.wait_for(lambda: last_status(central, 2) == "Available")


async def test_unlock_connector(central: MiniCentral, make_charger: Factory) -> None:
    charger = make_charger()
    await charger.start()
    await charger.start_session(1, "CARD")
    assert (await central.call("CP-1", call.UnlockConnector(connector_id=1))).status == "Unlocked"
    await central.wait_for(lambda: central.of("StopTransaction"))
    assert central.of("StopTransaction")[0]["reason"] == "UnlockCommand"
    assert (await central.call("CP-1", call.UnlockConnector(connector_id=0))).status == (
        "NotSupported"
    )


async def test_unlock_not_supported(central: MiniCentral, make_charger: Factory) -> None:
    charger = make_charger(unlock_supported=False)
    await charger.start()
    reply = await central.call("CP-1", call.UnlockConnector(connector_id=1))
    assert reply.status == "NotSupported"
