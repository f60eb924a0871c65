"""Sessions: the message sequence, the meter, the DC charging curve, faults."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from console.simulator import SimulatedCharger

if TYPE_CHECKING:
    from conftest import MiniCentral

Factory = Callable[..., SimulatedCharger]


def samples(meter_values: dict[str, Any], measurand: str) -> list[dict[str, Any]]:
    """The sampled values of one measurand in a MeterValues payload (snake_case keys)."""
    return [
        s
        for mv in meter_values["meter_value"]
        for s in mv["sampled_value"]
        if s["measurand"] == measurand
    ]


def value(meter_values: dict[str, Any], measurand: str) -> float:
    (sample,) = samples(meter_values, measurand)
    return float(sample["value"])


def statuses(central: MiniCentral, connector_id: int) -> list[str]:
    return [
        s["status"] for s in central.of("StatusNotification") if s["connector_id"] == connector_id
    ]


async def test_full_ac_session(central: MiniCentral, booted: SimulatedCharger) -> None:
    tx = await booted.start_session(1, "CARD-1")

    start = central.of("StartTransaction")[0]
    assert tx == 1001 and booted.transaction_id(1) == 1001
    assert start["connector_id"] == 1 and start["id_tag"] == "CARD-1"
    assert booted.status(1) == "Charging"
    await central.wait_for(lambda: len(central.of("MeterValues")) >= 5)
    assert await booted.stop_session(1)
    await central.wait_for(lambda: statuses(central, 1)[-1] == "Available")

    meter_values = central.of("MeterValues")
    assert {m["transaction_id"] for m in meter_values} == {1001}
    assert {m["connector_id"] for m in meter_values} == {1}
    energy = [value(m, "Energy.Active.Import.Register") for m in meter_values]
    assert energy == sorted(energy) and energy[-1] > energy[0] >= start["meter_start"]
    for m in meter_values:
        (sample,) = samples(m, "Power.Active.Import")
        assert sample["unit"] == "W" and sample["context"] == "Sample.Periodic"
        # AC: steady at the rated 11 kW with a little jitter.
        assert 0.97 * 11_000 <= float(sample["value"]) <= 11_000
        assert samples(m, "Energy.Active.Import.Register")[0]["unit"] == "Wh"
        assert not samples(m, "SoC")
    times = [datetime.fromisoformat(m["meter_value"][0]["timestamp"]) for m in meter_values]
    assert times == sorted(times) and times[0] >= datetime.fromisoformat(start["timestamp"])

    stop = central.of("StopTransaction")[0]
    assert stop["transaction_id"] == 1001 and stop["reason"] == "Local"
    assert stop["id_tag"] == "CARD-1"
    assert stop["meter_stop"] >= energy[-1]
    begin, end = stop["transaction_data"]
    assert begin["sampled_value"][0]["context"] == "Transaction.Begin"
    assert int(begin["sampled_value"][0]["value"]) == start["meter_start"]
    assert end["sampled_value"][0]["context"] == "Transaction.End"
    assert int(end["sampled_value"][0]["value"]) == stop["meter_stop"]

    assert statuses(central, 1) == ["Available", "Preparing", "Charging", "Finishing", "Available"]
    flow = [a for a in central.actions() if a not in ("MeterValues", "Heartbeat")][4:]
    assert flow == [
        "Authorize",
        "StatusNotification",  # Preparing
        "StartTransaction",
        "StatusNotification",  # Charging
        "StopTransaction",
        "StatusNotification",  # Finishing
        "StatusNotification",  # Available
    ]
    assert booted.session(1) is None and booted.status(1) == "Available"


async def test_refused_card_starts_nothing(central: MiniCentral, booted: SimulatedCharger) -> None:
    central.invalid_tags = {"STOLEN"}
    assert await booted.start_session(1, "STOLEN") is None
    assert central.of("StartTransaction") == []
    assert booted.status(1) == "Available" and booted.session(1) is None
    # The connector is free again.
    assert await booted.start_session(1, "GOOD") == 1001


async def test_busy_or_unknown_connector_refuses(booted: SimulatedCharger) -> None:
    assert await booted.start_session(1, "A") is not None
    assert await booted.start_session(1, "B") is None
    assert await booted.start_session(9, "B") is None
    assert not await booted.stop_session(2)


async def test_start_without_authorize(central: MiniCentral, booted: SimulatedCharger) -> None:
    assert await booted.start_session(2, "X", authorize=False) == 1001
    assert central.of("Authorize") == []


async def test_invalid_at_start_transaction_stops_with_deauthorized(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    central.invalid_on_start = {"ODD"}
    assert await booted.start_session(1, "ODD", authorize=False) is None
    await central.wait_for(lambda: central.of("StopTransaction"))
    stop = central.of("StopTransaction")[0]
    assert stop["reason"] == "DeAuthorized" and stop["transaction_id"] == 1001
    await booted.wait_for(lambda: booted.status(1) == "Available")


async def test_dc_soc_rises_and_power_tapers(central: MiniCentral, make_charger: Factory) -> None:
    charger = make_charger("DC-1", kind="DC", connectors=1, soc_start=70, speed=3600.0)
    await charger.start()
    await charger.wait_booted()
    assert charger.power_kw == 50
    await charger.start_session(1, "CARD-DC")
    await central.wait_for(
        lambda: any(value(m, "SoC") >= 95 for m in central.of("MeterValues")), timeout=10
    )
    await charger.stop_session(1)

    meter_values = central.of("MeterValues")
    soc = [value(m, "SoC") for m in meter_values]
    power = [value(m, "Power.Active.Import") for m in meter_values]
    energy = [value(m, "Energy.Active.Import.Register") for m in meter_values]
    assert soc == sorted(soc) and soc[0] >= 70
    assert energy == sorted(energy)
    (soc_sample,) = samples(meter_values[0], "SoC")
    assert soc_sample["unit"] == "Percent" and soc_sample["location"] == "EV"
    full = [p for s, p in zip(soc, power, strict=True) if s < 80]
    tapered = [p for s, p in zip(soc, power, strict=True) if s >= 90]
    assert full and tapered
    assert min(full) >= 0.95 * 50_000
    assert max(tapered) <= 0.5 * 50_000
    assert power[-1] < power[0]


async def test_send_meter_values_now(central: MiniCentral, make_charger: Factory) -> None:
    charger = make_charger(meter_interval=3600.0)
    await charger.start()
    await charger.wait_booted()
    tx = await charger.start_session(1, "CARD")
    assert await charger.send_meter_values(1)
    (reading,) = central.of("MeterValues")
    assert reading["transaction_id"] == tx
    assert (
        value(reading, "Energy.Active.Import.Register")
        >= central.of("StartTransaction")[0]["meter_start"]
    )
    # Outside a session a reading carries no transactionId.
    assert await charger.send_meter_values(2)
    assert "transaction_id" not in central.of("MeterValues")[1]


async def test_fault_suspends_power_and_clears(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    await booted.start_session(1, "CARD")
    await booted.fault(1, "GroundFailure", info="RCD tripped")
    fault = central.of("StatusNotification")[-1]
    assert fault["status"] == "Faulted" and fault["error_code"] == "GroundFailure"
    assert fault["info"] == "RCD tripped"
    n = len(central.of("MeterValues"))
    await central.wait_for(lambda: len(central.of("MeterValues")) >= n + 2)
    assert value(central.of("MeterValues")[-1], "Power.Active.Import") == 0
    await booted.clear_fault(1)
    cleared = central.of("StatusNotification")[-1]
    assert cleared["status"] == "Charging" and cleared["error_code"] == "NoError"
    assert booted.session(1) is not None


async def test_fault_can_end_the_session(central: MiniCentral, booted: SimulatedCharger) -> None:
    await booted.start_session(1, "CARD")
    await booted.fault(1, "PowerMeterFailure", end_session=True)
    assert central.of("StopTransaction")[0]["reason"] == "Other"
    assert statuses(central, 1)[-1] == "Faulted"
    assert await booted.start_session(1, "CARD") is None  # a faulted connector stays shut
    await booted.clear_fault(1)
    assert statuses(central, 1)[-1] == "Available"
