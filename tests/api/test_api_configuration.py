"""Charger configuration through the API, against simulated chargers: read, change
key by key, secrets as ***, snapshots, baselines, roles and the audit log."""

from __future__ import annotations

from typing import Any

from console.core.staff import Role
from tests.actors import ADMIN
from tests.api.api_helpers import ApiSite
from tests.api.api_helpers import started_charger as _booted
from tests.api.conftest import ChargerFactory


async def _audit(api_site: ApiSite, action: str) -> list[Any]:
    entries = await api_site.engine.audit.entries(actor=ADMIN, limit=200)
    return [entry for entry in entries if entry.action == action]


async def test_a_viewer_reads_the_keys_as_the_service_does(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    await _booted(make_charger, "CP-1")
    viewer = await api_site.as_role(Role.VIEWER)
    reply = await viewer.get("/api/chargers/CP-1/configuration")
    assert reply.status == 200, reply.body
    assert reply.body["outcome"]["effect"] == "done"
    keys = {k["key"]: k for k in reply.body["keys"]}
    assert keys["NumberOfConnectors"] == {
        "key": "NumberOfConnectors",
        "value": "2",
        "readonly": True,
        "secret": False,
    }
    direct = await api_site.engine.configuration.read("CP-1")
    assert [k["key"] for k in reply.body["keys"]] == [e.key for e in direct.entries]
    assert [k["value"] for k in reply.body["keys"]] == [e.value for e in direct.entries]
    some = await viewer.get(
        "/api/chargers/CP-1/configuration", params=[("key", "HeartbeatInterval"), ("key", "Nope")]
    )
    assert [k["key"] for k in some.body["keys"]] == ["HeartbeatInterval"]
    assert some.body["unknown_keys"] == ["Nope"]


async def test_changes_give_one_outcome_per_key_and_hide_secrets(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    values = {
        "ConnectionTimeOut": "90",
        "NumberOfConnectors": "4",
        "WebSocketPingInterval": "30",
        "AuthorizationKey": "0123456789abcdef0123456789abcdef01234567",
    }
    reply = await tech.patch("/api/chargers/CP-1/configuration", json={"values": values})
    assert reply.status == 200, reply.body
    changes = {c["key"]: c for c in reply.body["changes"]}
    assert changes["ConnectionTimeOut"]["outcome"]["status"] == "Accepted"
    assert changes["ConnectionTimeOut"]["applied"] is True
    assert changes["NumberOfConnectors"]["outcome"]["effect"] == "refused"
    assert changes["WebSocketPingInterval"]["reboot_required"] is True
    assert reply.body["reboot_required"] == ["WebSocketPingInterval"]
    assert changes["AuthorizationKey"]["value"] == "***"
    assert charger.configuration["ConnectionTimeOut"] == "90"
    sent = await _audit(api_site, "command.send")
    assert len(sent) == 4 and {e.origin for e in sent} == {"api"}
    secret = next(e for e in sent if e.after["details"]["key"] == "AuthorizationKey")
    assert secret.after["details"]["value"] == "***"
    read = await tech.get("/api/chargers/CP-1/configuration", params={"key": "AuthorizationKey"})
    for key in read.body["keys"]:
        assert key["secret"] is True and key["value"] in (None, "***")


async def test_a_viewer_may_not_change_and_inputs_are_checked(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    viewer = await api_site.as_role(Role.VIEWER)
    refused = await viewer.patch(
        "/api/chargers/CP-1/configuration", json={"values": {"HeartbeatInterval": "60"}}
    )
    assert refused.status == 403 and refused.problem["needs_role"] == "technician"
    tech = await api_site.as_role(Role.TECHNICIAN)
    empty = await tech.patch("/api/chargers/CP-1/configuration", json={"values": {}})
    assert empty.status == 422 and empty.problem["errors"][0]["field"] == "body.values"
    long = await tech.patch(
        "/api/chargers/CP-1/configuration", json={"values": {"HeartbeatInterval": "9" * 501}}
    )
    assert long.status == 422
    unknown = await tech.get("/api/chargers/NOPE/configuration")
    assert unknown.status == 404
    assert [r for r in charger.received if r.action == "ChangeConfiguration"] == []


async def test_an_offline_charger_answers_no_keys(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    await charger.go_offline()
    tech = await api_site.as_role(Role.TECHNICIAN)
    reply = await tech.post("/api/chargers/CP-1/configuration/snapshots", json={"name": "x"})
    assert reply.status == 200
    assert reply.body["snapshot"] is None
    assert reply.body["outcome"]["effect"] == "no_answer"


async def test_snapshots_baselines_and_their_comparison(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    one = await _booted(make_charger, "CP-1")
    await _booted(make_charger, "CP-2")
    tech = await api_site.as_role(Role.TECHNICIAN)
    taken = await tech.post("/api/chargers/CP-1/configuration/snapshots", json={"name": "before"})
    assert taken.status == 200, taken.body
    first = taken.body["snapshot"]
    assert first["name"] == "before" and first["key_count"] == len(first["keys"]) > 5
    change = {"values": {"HeartbeatInterval": "123"}}
    assert (await tech.patch("/api/chargers/CP-1/configuration", json=change)).status == 200
    second = (
        await tech.post("/api/chargers/CP-1/configuration/snapshots", json={"name": "after"})
    ).body["snapshot"]

    viewer = await api_site.as_role(Role.VIEWER)
    listed = await viewer.get("/api/configuration/snapshots", params={"charger_id": "CP-1"})
    assert [s["id"] for s in listed.body] == [second["id"], first["id"]]
    one_snapshot = await viewer.get(f"/api/configuration/snapshots/{first['id']}")
    assert one_snapshot.body["keys"] == first["keys"]
    compared = await viewer.get(
        "/api/configuration/snapshots/compare",
        params={"left": first["id"], "right": second["id"]},
    )
    assert compared.status == 200
    assert [(d["key"], d["kind"], d["right"]) for d in compared.body] == [
        ("HeartbeatInterval", "different", "123")
    ]
    missing = await viewer.get(
        "/api/configuration/snapshots/compare", params={"left": 1, "right": 99}
    )
    assert missing.status == 404

    refused = await viewer.post(f"/api/configuration/snapshots/{first['id']}/baseline")
    assert refused.status == 403
    marked = await tech.post(f"/api/configuration/snapshots/{first['id']}/baseline")
    assert marked.status == 200 and marked.body["baseline"] is True
    (audited,) = await _audit(api_site, "configuration.baseline")
    assert audited.origin == "api"

    against = await viewer.get("/api/chargers/CP-1/configuration/baseline-comparison")
    assert against.status == 200, against.body
    assert against.body["baseline"]["id"] == first["id"]
    assert [d["key"] for d in against.body["differences"]] == ["HeartbeatInterval"]

    applied = await tech.post(
        f"/api/configuration/snapshots/{first['id']}/apply", json={"charger_ids": ["CP-1"]}
    )
    assert applied.status == 200, applied.body
    (result,) = applied.body
    assert result["problem"] is None
    assert [c["key"] for c in result["changes"]] == ["HeartbeatInterval"]
    assert one.configuration["HeartbeatInterval"] == first_value(first, "HeartbeatInterval")
    assert (await tech.post("/api/configuration/snapshots/999/baseline")).status == 404
    unknown = await tech.post(
        f"/api/configuration/snapshots/{first['id']}/apply", json={"charger_ids": ["NOPE"]}
    )
    assert unknown.status == 404


def first_value(snapshot: dict[str, Any], key: str) -> str:
    """The value ``key`` had in a snapshot's answer."""
    return next(k["value"] for k in snapshot["keys"] if k["key"] == key)
