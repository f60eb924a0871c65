"""Chargers over the API: live state from simulated chargers, registration, approval,
passwords, lock-outs and security profiles, with roles, validation and the audit log."""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any

import pytest

from console.cli import main as cli_main
from console.core.model import Card
from console.core.staff import Role
from console.services.audit_log import AuditFilter
from tests.actors import ADMIN
from tests.api.api_helpers import ApiClient, ApiSite
from tests.api.conftest import ChargerFactory
from tests.api.polling import poll_until


async def _audit(site: ApiSite, action: str) -> list[Any]:
    return await site.engine.audit.entries(AuditFilter(action=action), actor=ADMIN)


async def _live(client: ApiClient, charger_id: str) -> dict[str, Any]:
    reply = await client.get(f"/api/chargers/{charger_id}/live")
    assert reply.status == 200, reply.body
    body: dict[str, Any] = reply.body
    return body


def _connector(live: dict[str, Any], number: int) -> dict[str, Any]:
    return next((c for c in live["connectors"] if c["connector_id"] == number), {})


async def test_live_state_follows_a_charging_session(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    await api_site.engine.cards.save_card(Card("LIVE-CARD"), actor=ADMIN)
    charger = make_charger("CP-LIVE", connectors=2, vendor="Acme", model="Wallbox 22")
    await charger.start()
    await charger.wait_booted()
    viewer = await api_site.as_role(Role.VIEWER)

    assert await charger.start_session(1, "LIVE-CARD") is not None
    await charger.send_meter_values(1)
    live = await poll_until(
        lambda: _live(viewer, "CP-LIVE"),
        lambda body: (
            _connector(body, 1).get("status") == "Charging"
            and _connector(body, 1).get("session") is not None
            and (_connector(body, 1).get("power_w") or 0) > 0
        ),
    )
    one = _connector(live, 1)
    assert live["online"] is True and live["last_seen"] is not None
    assert one["session"]["id_tag"] == "LIVE-CARD" and one["session"]["running"] is True
    assert one["session"]["id"] == charger.transaction_id(1)
    assert _connector(live, 2)["status"] == "Available" and _connector(live, 2)["session"] is None
    # The same numbers as the engine's site state the console mirrors.
    state = api_site.engine.site.chargers["CP-LIVE"]
    assert one["power_w"] == state.connectors[1].power_w
    assert live["power_w"] == pytest.approx(state.power_w)

    detail = await viewer.get("/api/chargers/CP-LIVE")
    assert detail.status == 200
    assert detail.body["approval"] == "accepted"
    assert detail.body["boot"]["vendor"] == "Acme" and detail.body["boot"]["model"] == "Wallbox 22"
    connectors = await viewer.get("/api/chargers/CP-LIVE/connectors")
    assert [c["connector_id"] for c in connectors.body] == [0, 1, 2]
    single = await viewer.get("/api/chargers/CP-LIVE/connectors/1")
    assert single.status == 200 and single.body["session"]["id_tag"] == "LIVE-CARD"
    assert (await viewer.get("/api/chargers/CP-LIVE/connectors/9")).status == 404
    history = await viewer.get("/api/chargers/CP-LIVE/status-history", params={"limit": "50"})
    assert {"Charging", "Available"} <= {change["status"] for change in history.body}

    listed = await viewer.get("/api/chargers", params={"online": "true"})
    assert [c["id"] for c in listed.body] == ["CP-LIVE"]
    assert (await viewer.get("/api/chargers", params={"online": "false"})).body == []


async def test_a_technician_registers_a_charger_with_a_generated_password(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    viewer = await api_site.as_role(Role.VIEWER)
    refused = await viewer.post("/api/chargers", json={"id": "CP-NEW", "generate_password": True})
    assert refused.status == 403 and refused.problem["needs_role"] == "technician"

    added = await tech.post("/api/chargers", json={"id": "CP-NEW", "generate_password": True})
    assert added.status == 201, added.body
    password = added.body["password"]
    assert 16 <= len(password) <= 40
    assert added.body["charger"]["has_password"] is True
    assert added.body["charger"]["approval"] == "accepted"
    # The generated password is the one stored: a charger using it gets in.
    charger = make_charger("CP-NEW", password=password)
    await charger.start()
    await charger.wait_booted()

    entries = await _audit(api_site, "charger.add")
    assert [(e.target, e.origin, e.actor) for e in entries] == [("CP-NEW", "api", "tech")]
    assert password not in json.dumps([e.after for e in entries])


async def test_registering_refuses_bad_input(api_site: ApiSite) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    both = await tech.post(
        "/api/chargers",
        json={"id": "CP-X", "password": "a-password-long-enough", "generate_password": True},
    )
    assert both.status == 422
    unknown = await tech.post("/api/chargers", json={"id": "CP-X", "colour": "red"})
    assert unknown.status == 422 and unknown.problem["errors"][0]["field"] == "body.colour"
    short = await tech.post("/api/chargers", json={"id": "CP-X", "password": "short"})
    assert short.status == 422 and "16 to 40" in short.problem["detail"]
    bad_id = await tech.post("/api/chargers", json={"id": "CP X/1"})
    assert bad_id.status == 422
    assert (await tech.get("/api/chargers")).body == []


async def test_accept_and_reject_as_the_command_line_lists_them(api_site: ApiSite) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    for charger_id in ("CP-A", "CP-B"):
        assert (await tech.post("/api/chargers", json={"id": charger_id})).status == 201
    rejected = await tech.post("/api/chargers/cp-b/reject")
    assert rejected.status == 200 and rejected.body["approval"] == "rejected"
    assert rejected.body["id"] == "CP-B"
    desk = await api_site.as_role(Role.DESK)
    assert (await desk.post("/api/chargers/CP-B/accept")).status == 403

    listed = await tech.get("/api/chargers", params={"approval": "rejected"})
    assert [c["id"] for c in listed.body] == ["CP-B"]
    everything = (await tech.get("/api/chargers")).body
    url = api_site.engine.config.database_url
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli_main(["chargers", "list", "--json", "--db", url]) == 0
    cli = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(c["id"], c["approval"], c["password"]) for c in cli] == [
        (c["id"], c["approval"], c["has_password"]) for c in everything
    ]

    accepted = await tech.post("/api/chargers/CP-B/accept")
    assert accepted.body["approval"] == "accepted"
    actions = [(e.action, e.target, e.origin) for e in await _audit(api_site, "charger.")]
    assert ("charger.reject", "CP-B", "api") in actions
    assert ("charger.accept", "CP-B", "api") in actions


async def test_unknown_chargers_are_404(api_site: ApiSite) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    for method, path, body in (
        ("GET", "/api/chargers/NOPE", None),
        ("GET", "/api/chargers/NOPE/live", None),
        ("GET", "/api/chargers/NOPE/connectors", None),
        ("POST", "/api/chargers/NOPE/accept", None),
        ("POST", "/api/chargers/NOPE/reject", None),
        ("PUT", "/api/chargers/NOPE/password", {"generate_password": True}),
        ("DELETE", "/api/chargers/NOPE/password", None),
        ("POST", "/api/chargers/NOPE/unlock", None),
        ("POST", "/api/chargers/NOPE/security/move-up", {"target": 2}),
        ("GET", "/api/chargers/NOPE/connections", None),
    ):
        reply = await tech.request(method, path, json=body)
        assert reply.status == 404, (method, path, reply.body)
        assert "NOPE" in reply.problem["detail"]


async def test_passwords_are_set_generated_and_cleared(api_site: ApiSite) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    await tech.post("/api/chargers", json={"id": "CP-PW"})
    given = await tech.put("/api/chargers/CP-PW/password", json={"password": "x" * 20})
    assert given.status == 200 and given.body == {
        "charger_id": "CP-PW",
        "has_password": True,
        "password": None,
    }
    made = await tech.put("/api/chargers/CP-PW/password", json={"generate_password": True})
    assert made.status == 200 and len(made.body["password"]) >= 16
    neither = await tech.put("/api/chargers/CP-PW/password", json={})
    assert neither.status == 422
    desk = await api_site.as_role(Role.DESK)
    assert (await desk.delete("/api/chargers/CP-PW/password")).status == 403
    cleared = await tech.delete("/api/chargers/CP-PW/password")
    assert cleared.status == 200 and cleared.body["has_password"] is False
    entries = await _audit(api_site, "charger.password")
    assert [e.after for e in entries] == [
        {"password": False},
        {"password": True},
        {"password": True},
    ]
    assert {e.origin for e in entries} == {"api"}


async def test_unlock_says_whether_a_lock_held(api_site: ApiSite) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    await tech.post("/api/chargers", json={"id": "CP-LOCK"})
    viewer = await api_site.as_role(Role.VIEWER)
    assert (await viewer.post("/api/chargers/CP-LOCK/unlock")).status == 403
    reply = await tech.post("/api/chargers/CP-LOCK/unlock")
    assert reply.status == 200 and reply.body == {"charger_id": "CP-LOCK", "unlocked": False}


async def test_the_guided_move_up_to_profile_2(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    password = "old-password-0123456"
    await tech.post("/api/chargers", json={"id": "CP-UP", "password": password})
    await api_site.engine.admission.set_security_profile("CP-UP", 1, actor=ADMIN)
    charger = make_charger(
        "CP-UP", password=password, security_profile=1, tls_port=api_site.engine.tls_port
    )
    await charger.start()
    await charger.wait_booted()
    desk = await api_site.as_role(Role.DESK)
    path = "/api/chargers/CP-UP/security/move-up"
    assert (await desk.post(path, json={"target": 2})).status == 403
    assert (await tech.post(path, json={"target": 1})).status == 422
    assert (
        await tech.post("/api/chargers/NOPE/security/move-up", json={"target": 2})
    ).status == 404

    moved = await tech.post(path, json={"target": 2, "timeout_s": 10})
    assert moved.status == 200, moved.body
    assert moved.body["succeeded"] is True and moved.body["profile"] == 2
    assert [s["key"] for s in moved.body["steps"] if s["state"] == "done"] == [
        "install_ca",
        "password",
        "profile",
        "reconnect",
    ]
    detail = await tech.get("/api/chargers/CP-UP")
    assert detail.body["security_profile"] == 2
    assert detail.body["live"]["connection_profile"] == 2
    upgrades = await _audit(api_site, "charger.security_upgrade")
    assert [(e.actor, e.origin, e.after["succeeded"]) for e in upgrades] == [("tech", "api", True)]


async def test_a_retired_charger_is_disconnected_refused_and_kept(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = make_charger("CP-RET", reconnect_delay=30.0)
    await charger.start()
    await charger.wait_booted()
    viewer = await api_site.as_role(Role.VIEWER)
    refused = await viewer.post("/api/chargers/CP-RET/retire")
    assert refused.status == 403 and refused.problem["needs_role"] == "technician"
    tech = await api_site.as_role(Role.TECHNICIAN)
    retired = await tech.post("/api/chargers/cp-ret/retire")
    assert retired.status == 200, retired.body
    engine = api_site.engine
    await charger.wait_for(lambda: "CP-RET" not in engine.site.chargers)
    listed = await viewer.get("/api/chargers")
    assert "CP-RET" not in [c["id"] for c in listed.body]
    kept = await viewer.get("/api/chargers", params={"include_retired": "true"})
    assert "CP-RET" in [c["id"] for c in kept.body]
    assert (await tech.post("/api/chargers/NOPE/retire")).status == 404
