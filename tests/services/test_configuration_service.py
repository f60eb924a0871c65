"""Configuration, snapshots, baselines and raw calls over real websockets with the simulator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from console.core.configuration import ConfigEntry, DifferenceKind, compare
from console.core.enums import CommandResult
from console.services.engine import CentralSystem
from console.services.raw_calls import check_raw_call, raw_actions
from console.simulator.charger import SimulatedCharger
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]


async def _booted(
    engine: CentralSystem, make_charger: ChargerFactory, charger_id: str, **options: Any
) -> SimulatedCharger:
    charger = make_charger(engine, charger_id, **options)
    await charger.start()
    await charger.wait_booted()
    return charger


async def test_read_configuration(engine: CentralSystem, make_charger: ChargerFactory) -> None:
    await _booted(engine, make_charger, "CFG-1")
    read = await engine.configuration.read("CFG-1")
    assert read.outcome.result is CommandResult.ANSWERED
    keys = {entry.key: entry for entry in read.entries}
    assert keys["HeartbeatInterval"].readonly is False
    assert keys["NumberOfConnectors"] == ConfigEntry("NumberOfConnectors", "2", True)


async def test_change_keys_gives_one_outcome_per_key(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(engine, make_charger, "CFG-2")
    changes = await engine.configuration.change(
        "CFG-2",
        {
            "ConnectionTimeOut": "90",
            "NumberOfConnectors": "4",
            "NoSuchKey": "1",
            "WebSocketPingInterval": "30",
        },
        actor=ADMIN,
    )
    statuses = {change.key: change.outcome.status for change in changes}
    assert statuses == {
        "ConnectionTimeOut": "Accepted",
        "NumberOfConnectors": "Rejected",
        "NoSuchKey": "NotSupported",
        "WebSocketPingInterval": "RebootRequired",
    }
    reboot = [change.key for change in changes if change.reboot_required]
    assert reboot == ["WebSocketPingInterval"]
    assert charger.configuration["ConnectionTimeOut"] == "90"
    assert charger.configuration["NumberOfConnectors"] == "2"
    sent = [c.payload["key"] for c in charger.received if c.action == "ChangeConfiguration"]
    assert sent == ["ConnectionTimeOut", "NumberOfConnectors", "NoSuchKey", "WebSocketPingInterval"]


async def test_offline_charger_outcome(engine: CentralSystem) -> None:
    read = await engine.configuration.read("NOBODY")
    assert read.outcome.result is CommandResult.OFFLINE
    changes = await engine.configuration.change("NOBODY", {"HeartbeatInterval": "30"}, actor=ADMIN)
    assert changes[0].outcome.result is CommandResult.OFFLINE


async def test_snapshots_compare_and_baseline_apply(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    model = {"vendor": "Acme", "model": "Wallbox-11"}
    ref = await _booted(engine, make_charger, "REF", **model)
    one = await _booted(engine, make_charger, "ONE", **model)
    two = await _booted(engine, make_charger, "TWO", **model)
    other = await _booted(engine, make_charger, "OTHER", vendor="Acme", model="Pillar-50")
    await engine.configuration.change(
        "REF", {"ConnectionTimeOut": "120", "ResetRetries": "5"}, actor=ADMIN
    )

    outcome, first = await engine.configuration.save_snapshot("REF", "reference", actor=ADMIN)
    assert outcome.result is CommandResult.ANSWERED and first is not None
    assert first.model == "Wallbox-11" and first.vendor == "Acme" and not first.baseline
    await engine.configuration.change("REF", {"ResetRetries": "7"}, actor=ADMIN)
    _, second = await engine.configuration.save_snapshot("REF", actor=ADMIN)
    assert second is not None
    differences = await engine.configuration.compare_snapshots(first.id, second.id)
    assert [(d.key, d.kind, d.left, d.right) for d in differences] == [
        ("ResetRetries", DifferenceKind.DIFFERENT, "5", "7")
    ]
    assert [s.id for s in await engine.configuration.snapshots("REF")] == [second.id, first.id]

    baseline = await engine.configuration.mark_baseline(first.id, actor=ADMIN)
    assert baseline is not None and baseline.baseline
    # Marking another snapshot of the model moves the baseline to it, and back.
    await engine.configuration.mark_baseline(second.id, actor=ADMIN)
    assert not (await engine.configuration.snapshot(first.id)).baseline  # type: ignore[union-attr]
    await engine.configuration.mark_baseline(first.id, actor=ADMIN)
    assert (await engine.configuration.baseline_for("ONE")).id == first.id  # type: ignore[union-attr]

    versus = await engine.configuration.compare_with_baseline("ONE")
    assert {d.key for d in versus.differences} == {"ConnectionTimeOut", "ResetRetries"}
    assert all(d.kind is DifferenceKind.DIFFERENT for d in versus.differences)
    none = await engine.configuration.compare_with_baseline("OTHER")
    assert none.baseline is None and none.read.outcome.result is CommandResult.INVALID

    two.received.clear()
    results = await engine.configuration.apply_baseline(
        first.id, ["ONE", "TWO", "OTHER"], actor=ADMIN
    )
    by_charger = {result.charger_id: result for result in results}
    for charger_id in ("ONE", "TWO"):
        result = by_charger[charger_id]
        assert result.problem is None
        assert {(c.key, c.value, c.outcome.status) for c in result.changes} == {
            ("ConnectionTimeOut", "120", "Accepted"),
            ("ResetRetries", "5", "Accepted"),
        }
    assert by_charger["OTHER"].problem is not None
    assert by_charger["OTHER"].problem.result is CommandResult.INVALID
    assert one.configuration["ResetRetries"] == "5"
    assert two.configuration["ConnectionTimeOut"] == "120"
    # Only writable keys that differ were sent; nothing reached the other model.
    assert sorted(c.payload["key"] for c in two.received if c.action == "ChangeConfiguration") == [
        "ConnectionTimeOut",
        "ResetRetries",
    ]
    assert not [c for c in other.received if c.action == "ChangeConfiguration"]
    assert (await engine.configuration.compare_with_baseline("ONE")).differences == ()
    # A second run has nothing left to change.
    again = await engine.configuration.apply_baseline(first.id, ["ONE"], actor=ADMIN)
    assert again[0].changes == ()
    del ref


def test_compare_added_removed_different() -> None:
    left = [ConfigEntry("A", "1"), ConfigEntry("B", "2"), ConfigEntry("c", "3")]
    right = [ConfigEntry("B", "2"), ConfigEntry("C", "4"), ConfigEntry("D", "5")]
    assert [(d.key, d.kind) for d in compare(left, right)] == [
        ("A", DifferenceKind.REMOVED),
        ("c", DifferenceKind.DIFFERENT),
        ("D", DifferenceKind.ADDED),
    ]


def test_raw_call_check() -> None:
    actions = raw_actions()
    assert "Reset" in actions and "ChangeConfiguration" in actions
    assert "BootNotification" not in actions and "Heartbeat" not in actions
    assert check_raw_call("Reset", '{"type": "Soft"}').payload == {"type": "Soft"}
    assert "Hard" in (check_raw_call("Reset", '{"type": "Warm"}').problem or "")
    assert "not JSON" in (check_raw_call("Reset", '{"type":').problem or "")
    assert check_raw_call("Reset", "[1]").problem is not None
    assert check_raw_call("StartTransaction", "{}").problem is not None
    assert check_raw_call("NoSuchAction", "{}").problem is not None


async def test_raw_call_refused_before_sending(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(engine, make_charger, "RAW-1")
    charger.received.clear()
    bad = await engine.raw_calls.send(
        "RAW-1", "ChangeAvailability", '{"connectorId": "x", "type": "Inoperative"}', actor=ADMIN
    )
    assert bad.result is CommandResult.INVALID and "connectorId" in (bad.error or "")
    assert not [c for c in charger.received if c.action == "ChangeAvailability"]
    good = await engine.raw_calls.send(
        "RAW-1", "ChangeAvailability", '{"connectorId": 1, "type": "Inoperative"}', actor=ADMIN
    )
    assert good.accepted
    assert [c.action for c in charger.received if c.action == "ChangeAvailability"] == [
        "ChangeAvailability"
    ]
