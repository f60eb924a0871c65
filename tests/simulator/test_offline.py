"""Offline operation: transaction messages are queued and delivered in order, never lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from console.simulator import SimulatedCharger

if TYPE_CHECKING:
    from conftest import MiniCentral

Factory = Callable[..., SimulatedCharger]
TRANSACTION = ("StartTransaction", "MeterValues", "StopTransaction")


def timestamp(action: str, payload: dict[str, Any]) -> datetime:
    raw = (
        payload["meter_value"][0]["timestamp"] if action == "MeterValues" else payload["timestamp"]
    )
    return datetime.fromisoformat(raw)


def queued_count(charger: SimulatedCharger, action: str, connector_id: int) -> int:
    return sum(
        1
        for m in charger.queued
        if m.action == action and m.session is not None and m.session.connector_id == connector_id
    )


async def test_offline_messages_are_delivered_in_order_with_real_transaction_id(
    central: MiniCentral, make_charger: Factory
) -> None:
    charger = make_charger(meter_interval=0.03)
    await charger.start()
    await charger.wait_booted()
    tx1 = await charger.start_session(1, "ONLINE")
    assert tx1 == 1001
    await central.wait_for(lambda: central.of("MeterValues"))

    await charger.go_offline()
    assert not charger.connected and not charger.accepted
    await central.wait_for(lambda: "CP-1" not in central.points)
    seen_before = len(central.messages)
    # The session on connector 1 keeps running; a second one starts while offline.
    await charger.wait_for(lambda: queued_count(charger, "MeterValues", 1) >= 2)
    tx2 = await charger.start_session(2, "OFFLINE")
    assert tx2 is not None and tx2 < 0  # a local placeholder until the server answers
    assert charger.status(2) == "Charging"
    await charger.wait_for(lambda: queued_count(charger, "MeterValues", 2) >= 2)
    assert await charger.stop_session(1)
    assert await charger.stop_session(2)
    queued = [(m.action, m.session.connector_id if m.session else None) for m in charger.queued]
    assert central.messages[seen_before:] == []  # nothing was sent meanwhile
    back_at = datetime.now(UTC)

    await charger.come_back()

    delivered = [m for m in central.messages[seen_before:] if m.action in TRANSACTION]
    connector_of_tx = {1001: 1, 1002: 2}
    assert [
        (m.action, m.payload.get("connector_id") or connector_of_tx[m.payload["transaction_id"]])
        for m in delivered
    ] == queued
    # Original timestamps, not the time of delivery.
    assert all(timestamp(m.action, m.payload) < back_at for m in delivered)
    # The placeholder never reaches the server: the StartTransaction's real id does.
    start2 = next(m.payload for m in delivered if m.action == "StartTransaction")
    assert start2["id_tag"] == "OFFLINE" and start2["connector_id"] == 2
    meter_ids = {
        (m.payload["connector_id"], m.payload["transaction_id"])
        for m in delivered
        if m.action == "MeterValues"
    }
    assert meter_ids == {(1, 1001), (2, 1002)}
    stops = [m.payload for m in delivered if m.action == "StopTransaction"]
    assert [s["transaction_id"] for s in stops] == [1001, 1002]
    assert all(s["meter_stop"] > 0 for s in stops)
    # Booted again before anything was delivered; the queue is empty now.
    after = central.actions()[seen_before:]
    assert after[0] == "BootNotification"
    assert after.index("StartTransaction") > after.index("BootNotification")
    assert charger.queued == []
    assert charger.boot_count == 2


async def test_connection_lost_mid_call_is_retried_after_reconnect(
    central: MiniCentral, make_charger: Factory
) -> None:
    charger = make_charger(meter_interval=3600.0)
    await charger.start()
    await charger.wait_booted()
    central.drop_next = {"StartTransaction": 1}
    tx = await charger.start_session(1, "CARD")
    # The answer was lost with the connection: the placeholder is returned for now.
    assert tx is not None and tx < 0
    await charger.wait_delivered()
    assert charger.transaction_id(1) == 1001
    assert charger.sent_count("StartTransaction") == 2
    assert central.actions().count("dropped:StartTransaction") == 1
    assert len(central.of("StartTransaction")) == 1

    central.drop_next = {"StopTransaction": 1}
    assert await charger.send_meter_values(1)
    assert central.of("MeterValues")[-1]["transaction_id"] == 1001
    await charger.stop_session(1)
    await charger.wait_delivered()
    assert central.of("StopTransaction")[0]["transaction_id"] == 1001
    assert charger.sent_count("StopTransaction") == 2


async def test_unanswered_message_is_sent_again(
    central: MiniCentral, make_charger: Factory
) -> None:
    charger = make_charger(meter_interval=3600.0, response_timeout=0.3)
    await charger.start()
    await charger.wait_booted()
    await charger.start_session(1, "CARD")
    central.ignore_next = {"MeterValues": 1}
    assert await charger.send_meter_values(1)
    assert central.actions().count("ignored:MeterValues") == 1
    assert len(central.of("MeterValues")) == 1
    assert charger.sent_count("MeterValues") == 2
    assert charger.connected  # a timeout alone does not drop the connection


async def test_call_error_is_retried_then_given_up(
    central: MiniCentral, make_charger: Factory
) -> None:
    charger = make_charger(meter_interval=3600.0)
    await charger.start()
    await charger.wait_booted()
    await charger.start_session(1, "CARD")
    central.error_next = {"MeterValues": 1}
    await charger.send_meter_values(1)
    await charger.wait_delivered()
    assert len(central.of("MeterValues")) == 1 and charger.sent_count("MeterValues") == 2

    # TransactionMessageAttempts (3) CALLERRORs in a row: the message is dropped.
    central.error_next = {"MeterValues": 3}
    await charger.send_meter_values(1)
    await charger.wait_delivered()
    assert len(central.of("MeterValues")) == 1 and charger.sent_count("MeterValues") == 5
    assert [r.error is not None for r in charger.replies if r.action == "MeterValues"][-3:] == [
        True,
        True,
        True,
    ]


async def test_without_reconnect_it_waits_for_come_back(
    central: MiniCentral, make_charger: Factory
) -> None:
    charger = make_charger(reconnect=False)
    await charger.start()
    await charger.wait_booted()
    await central.points["CP-1"]._connection.close()
    await charger.wait_for(lambda: charger.offline)
    assert charger.connect_count == 1
    await charger.come_back()
    assert charger.connect_count == 2 and charger.accepted


async def test_power_cut_ends_sessions_with_power_loss_on_restart(
    central: MiniCentral, make_charger: Factory
) -> None:
    charger = make_charger(meter_interval=3600.0)
    await charger.start()
    await charger.wait_booted()
    tx = await charger.start_session(1, "CARD")
    await charger.stop()  # the power is cut: nothing more is sent
    await central.wait_for(lambda: "CP-1" not in central.points)
    assert central.of("StopTransaction") == []

    await charger.start()
    await charger.wait_for(lambda: charger.boot_count == 2)
    await charger.wait_delivered()
    stop = central.of("StopTransaction")[0]
    assert stop["reason"] == "PowerLoss" and stop["transaction_id"] == tx
    assert charger.session(1) is None
