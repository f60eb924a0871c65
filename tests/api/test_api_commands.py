"""Commands to simulated chargers through the API: outcomes, roles, the raw call's
schema check (nothing reaches the charger), and the audit log's record of each."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from console.core.staff import Role
from console.services.message_export import FrameFilter
from console.simulator.charger import SimulatedCharger
from tests.actors import ADMIN, TECHNICIAN
from tests.api.api_helpers import ApiSite
from tests.api.api_helpers import started_charger as _booted
from tests.api.conftest import ChargerFactory


async def _until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for ``condition`` with a deadline (polling the engine's state)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def _received(charger: SimulatedCharger, action: str) -> list[dict[str, Any]]:
    return [r.payload for r in charger.received if r.action == action]


async def _audit(api_site: ApiSite, action: str) -> list[Any]:
    entries = await api_site.engine.audit.entries(actor=ADMIN, limit=100)
    return [entry for entry in entries if entry.action == action]


async def _frames(api_site: ApiSite, charger_id: str, action: str) -> list[Any]:
    queries = api_site.api.queries
    assert queries is not None
    where = FrameFilter(charger_id=charger_id, actions=(action,))
    return await asyncio.to_thread(queries.search_frames, where)


async def test_a_technician_resets_a_charger_and_the_audit_log_says_api(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    reply = await tech.post("/api/chargers/cp-1/commands/reset", json={"type": "Soft"})
    assert reply.status == 200, reply.body
    assert reply.body["effect"] == "done" and reply.body["status"] == "Accepted"
    assert reply.body["action"] == "Reset"
    assert reply.body["message"] == "CP-1 accepted Reset."
    assert _received(charger, "Reset") == [{"type": "Soft"}]
    (sent,) = await _audit(api_site, "command.send")
    assert sent.origin == "api" and sent.actor == "tech" and sent.place == "127.0.0.1"
    assert sent.target == "CP-1" and sent.after["action"] == "Reset"
    (answer,) = await _audit(api_site, "command.outcome")
    assert answer.after["status"] == "Accepted"


async def test_the_api_answers_what_the_console_s_service_call_answers(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    # Not a reset: the charger restarts after one, and the second call would race it.
    body = {"connector_id": 1, "type": "Inoperative"}
    through_api = await tech.post("/api/chargers/CP-1/commands/change-availability", json=body)
    direct = await api_site.engine.commands.set_available("CP-1", 1, False, actor=TECHNICIAN)
    assert direct.status == "Accepted"
    assert through_api.body["effect"] == direct.effect.value
    assert through_api.body["status"] == direct.status
    assert through_api.body["reply"] == direct.details


async def test_an_offline_charger_gives_no_answer_in_words(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    await charger.go_offline()
    await _until(lambda: not api_site.engine.site.chargers["CP-1"].online)
    tech = await api_site.as_role(Role.TECHNICIAN)
    reply = await tech.post("/api/chargers/CP-1/commands/clear-cache")
    assert reply.status == 200, reply.body
    assert reply.body["effect"] == "no_answer" and reply.body["result"] == "offline"
    assert reply.body["message"] == "CP-1 is not connected: ClearCache was not sent."


async def test_a_desk_clerk_and_a_viewer_are_refused(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    desk = await api_site.as_role(Role.DESK)
    refused = await desk.post("/api/chargers/CP-1/commands/reset", json={})
    assert refused.status == 403
    assert refused.problem["needs_role"] == "technician"
    viewer = await api_site.as_role(Role.VIEWER)
    raw = await viewer.post(
        "/api/chargers/CP-1/raw-call", json={"action": "ClearCache", "payload": {}}
    )
    assert raw.status == 403 and raw.problem["needs_role"] == "technician"
    # A read-only command is open to every role.
    version = await viewer.post("/api/chargers/CP-1/commands/get-local-list-version")
    assert version.status == 200 and version.body["effect"] == "done"
    assert "listVersion" in version.body["reply"]
    assert _received(charger, "Reset") == [] and _received(charger, "ClearCache") == []


async def test_a_raw_call_that_breaks_the_schema_is_refused_and_never_sent(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    bad = await tech.post(
        "/api/chargers/CP-1/raw-call",
        json={"action": "Reset", "payload": {"type": "Sideways"}},
    )
    assert bad.status == 422
    assert bad.problem["errors"][0]["field"] == "body.payload.type"
    assert "Hard" in bad.problem["detail"] and "Nothing was sent" in bad.problem["detail"]
    missing = await tech.post(
        "/api/chargers/CP-1/raw-call",
        json={"action": "ChangeAvailability", "payload": {"type": "Operative"}},
    )
    assert missing.status == 422 and missing.problem["errors"][0]["field"] == "body.payload"
    unknown = await tech.post(
        "/api/chargers/CP-1/raw-call", json={"action": "Heartbeat", "payload": {}}
    )
    assert unknown.status == 422 and unknown.problem["errors"][0]["field"] == "body.action"
    # A good call afterwards: once it is in the message log, the bad ones would be too.
    good = await tech.post(
        "/api/chargers/CP-1/raw-call",
        json={"action": "DataTransfer", "payload": {"vendorId": "com.example"}},
    )
    assert good.status == 200 and good.body["action"] == "DataTransfer"
    assert good.body["reply"]["status"] in ("Accepted", "UnknownVendorId", "Rejected")
    assert good.body["effect"] in ("done", "refused")
    frames: list[Any] = []

    async def logged() -> bool:
        frames[:] = await _frames(api_site, "CP-1", "DataTransfer")
        return len(frames) >= 2  # our CALL and the charger's CALLRESULT

    deadline = asyncio.get_running_loop().time() + 10
    while not await logged():
        assert asyncio.get_running_loop().time() < deadline
        await asyncio.sleep(0.05)
    assert await _frames(api_site, "CP-1", "Reset") == []
    assert await _frames(api_site, "CP-1", "ChangeAvailability") == []
    assert _received(charger, "Reset") == [] and _received(charger, "ChangeAvailability") == []
    (sent,) = await _audit(api_site, "raw_call.send")
    assert sent.origin == "api" and sent.after["action"] == "DataTransfer"


async def test_a_raw_call_answers_the_charger_s_reply(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    reply = await tech.post(
        "/api/chargers/CP-1/raw-call",
        json={"action": "GetConfiguration", "payload": {"key": ["HeartbeatInterval"]}},
    )
    assert reply.status == 200, reply.body
    keys = reply.body["reply"]["configurationKey"]
    assert [k["key"] for k in keys] == ["HeartbeatInterval"]


async def test_each_command_reaches_the_charger(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    base = "/api/chargers/CP-1/commands"
    expiry = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    calls: list[tuple[str, dict[str, Any] | None, str]] = [
        ("unlock-connector", {"connector_id": 1}, "UnlockConnector"),
        ("change-availability", {"connector_id": 2, "type": "Inoperative"}, "ChangeAvailability"),
        ("trigger-message", {"requested_message": "StatusNotification"}, "TriggerMessage"),
        (
            "extended-trigger-message",
            {"requested_message": "Heartbeat"},
            "ExtendedTriggerMessage",
        ),
        ("clear-cache", None, "ClearCache"),
        ("data-transfer", {"vendor_id": "com.example", "data": "hi"}, "DataTransfer"),
        (
            "reserve-now",
            {"connector_id": 1, "expiry_date": expiry, "id_tag": "CARD-1", "reservation_id": 7},
            "ReserveNow",
        ),
        ("cancel-reservation", {"reservation_id": 7}, "CancelReservation"),
        ("clear-charging-profile", {}, "ClearChargingProfile"),
        ("get-composite-schedule", {"connector_id": 1, "duration": 600}, "GetCompositeSchedule"),
    ]
    for path, body, action in calls:
        reply = await tech.post(f"{base}/{path}", json=body)
        assert reply.status == 200, (path, reply.body)
        assert reply.body["action"] == action, reply.body
        assert reply.body["effect"] != "no_answer", reply.body
        assert _received(charger, action), action
    assert _received(charger, "ChangeAvailability") == [{"connector_id": 2, "type": "Inoperative"}]


async def test_charging_profiles_are_checked_against_the_schema(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    profile = {
        "chargingProfileId": 1,
        "stackLevel": 0,
        "chargingProfilePurpose": "TxDefaultProfile",
        "chargingProfileKind": "Absolute",
        "chargingSchedule": {
            "chargingRateUnit": "W",
            "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 7000}],
        },
    }
    path = "/api/chargers/CP-1/commands/set-charging-profile"
    broken = {**profile, "stackLevel": "top"}
    bad = await tech.post(path, json={"connector_id": 1, "cs_charging_profiles": broken})
    assert bad.status == 422
    assert bad.problem["errors"][0]["field"] == "body.cs_charging_profiles.stackLevel"
    assert _received(charger, "SetChargingProfile") == []
    good = await tech.post(path, json={"connector_id": 1, "cs_charging_profiles": profile})
    assert good.status == 200 and good.body["effect"] == "done", good.body


async def test_the_local_list_is_sent_and_its_state_read(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    sent = await tech.post("/api/chargers/CP-1/commands/send-local-list", json={"full": True})
    assert sent.status == 200, sent.body
    assert sent.body["charger_id"] == "CP-1" and sent.body["synced_at"] is not None
    viewer = await api_site.as_role(Role.VIEWER)
    state = await viewer.get("/api/chargers/CP-1/local-list")
    assert state.status == 200 and state.body["version"] == sent.body["version"]
    (entry,) = await _audit(api_site, "local_list.sync")
    assert entry.origin == "api"


async def test_bad_inputs_and_unknown_chargers(api_site: ApiSite) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    unknown = await tech.post("/api/chargers/NOPE/commands/reset", json={})
    assert unknown.status == 404 and "NOPE" in unknown.problem["detail"]
    extra = await tech.post("/api/chargers/NOPE/commands/reset", json={"type": "Soft", "x": 1})
    assert extra.status == 422 and extra.problem["errors"][0]["field"] == "body.x"
    wrong = await tech.post(
        "/api/chargers/NOPE/commands/change-availability",
        json={"connector_id": -1, "type": "Operative"},
    )
    assert wrong.status == 422 and wrong.problem["errors"][0]["field"] == "body.connector_id"
    trigger = await tech.post(
        "/api/chargers/NOPE/commands/trigger-message", json={"requested_message": "Authorize"}
    )
    assert trigger.status == 422
