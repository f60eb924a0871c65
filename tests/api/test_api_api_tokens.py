"""API tokens over the API: made with their secret once, listed without it, working as a
Bearer token with their own roles, refused once revoked; roles, validation, the audit
log and the same list as `chargedesk api-tokens list`."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
from datetime import UTC, datetime, timedelta

from console.cli import main as cli_main
from console.core.audit import AuditEntry
from console.core.staff import Role
from console.storage import audit
from tests.api.api_helpers import ApiSite


async def _entries(api_site: ApiSite, prefix: str) -> list[AuditEntry]:
    entries = await api_site.engine.writer.submit(
        lambda c: audit.entries(c, audit.AuditFilter(action=prefix), limit=None)
    )
    return list(reversed(entries))


async def test_a_token_works_with_its_roles_until_it_is_revoked(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    made = await admin.post("/api/api-tokens", json={"name": "Nightly export", "roles": ["desk"]})
    assert made.status == 201, made.body
    secret = made.body["secret"]
    token = made.body["token"]
    assert secret.startswith("cdk_") and secret.startswith(token["prefix"])
    assert token["roles"] == ["desk"] and token["state"] == "active"
    assert token["created_by"] == "admin" and token["expires_at"] is None

    script = api_site.anonymous.with_token(secret)
    me = await script.get("/api/me")
    assert me.status == 200, me.body
    assert me.body["name"] == "Nightly export (API token)" and me.body["roles"] == ["desk"]
    assert me.body["origin"] == "api" and me.body["address"] == "127.0.0.1"
    assert "cards" in me.body["permissions"] and "staff" not in me.body["permissions"]
    refused = await script.post(
        "/api/api-tokens", json={"name": "more", "roles": ["admin"]}
    )  # a desk token cannot make tokens
    assert refused.status == 403 and refused.problem["needs_role"] == "admin"

    listed = await admin.get("/api/api-tokens")
    assert listed.status == 200 and secret not in json.dumps(listed.body)
    [row] = listed.body
    assert row["id"] == token["id"] and row["last_used_from"] == "127.0.0.1"
    assert row["last_used_at"] is not None
    one = await admin.get(f"/api/api-tokens/{token['id']}")
    assert one.status == 200 and one.body == row

    revoked = await admin.post(f"/api/api-tokens/{token['id']}/revoke")
    assert revoked.status == 200, revoked.body
    assert revoked.body["state"] == "revoked" and revoked.body["revoked_by"] == "admin"
    after = await script.get("/api/me")
    assert after.status == 401 and "revoked" in after.problem["detail"]
    again = await admin.post(f"/api/api-tokens/{token['id']}/revoke")
    assert again.status == 422 and "revoked already" in again.problem["detail"]

    actions = [(e.action, e.target, e.origin, e.actor) for e in await _entries(api_site, "api_")]
    assert actions == [
        ("api_token.add", "Nightly export", "api", "admin"),
        ("api_token.revoke", "Nightly export", "api", "admin"),
    ]
    assert secret not in json.dumps([e.after for e in await _entries(api_site, "api_")])


async def test_a_change_made_with_a_token_is_audited_under_its_name(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    made = await admin.post("/api/api-tokens", json={"name": "provisioning", "roles": ["admin"]})
    script = api_site.anonymous.with_token(made.body["secret"])
    settings = (await script.get("/api/security-settings")).body
    saved = await script.put("/api/security-settings", json={**settings, "idle_lock_minutes": 7})
    assert saved.status == 200, saved.body
    [entry] = await _entries(api_site, "security.settings")
    assert (entry.actor, entry.origin, entry.place, entry.staff_id) == (
        "provisioning (API token)",
        "api",
        "127.0.0.1",
        None,
    )
    own = await script.post(
        "/api/me/password",
        json={"current_password": "whatever", "new_password": "a new long password"},
    )
    assert own.status == 422 and "not a staff account" in own.problem["detail"]


async def test_token_inputs_are_checked(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    later = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    made = await admin.post(
        "/api/api-tokens", json={"name": "backup", "roles": ["viewer"], "expires_at": later}
    )
    assert made.status == 201 and made.body["token"]["expires_at"] is not None
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    for wrong in (
        {"name": "x", "roles": []},
        {"name": "x", "roles": ["root"]},
        {"name": "", "roles": ["viewer"]},
        {"name": "x" * 65, "roles": ["viewer"]},
        {"name": "x", "roles": ["viewer"], "expires_at": "2030-01-01T00:00:00"},  # no zone
        {"name": "x", "roles": ["viewer"], "expires_at": past},
        {"name": "x", "roles": ["viewer"], "secret": "cdk_mine"},
        {"name": " BACKUP ", "roles": ["viewer"]},  # the name of a token not revoked
    ):
        reply = await admin.post("/api/api-tokens", json=wrong)
        assert reply.status == 422, (wrong, reply.body)
    viewer = await api_site.as_role(Role.VIEWER)
    assert (await viewer.get("/api/api-tokens")).status == 200
    refused = await viewer.post("/api/api-tokens", json={"name": "x", "roles": ["viewer"]})
    assert refused.status == 403 and refused.problem["needs_role"] == "admin"
    token_id = made.body["token"]["id"]
    assert (await viewer.post(f"/api/api-tokens/{token_id}/revoke")).status == 403
    assert (await admin.get("/api/api-tokens/999")).status == 404
    assert (await admin.post("/api/api-tokens/999/revoke")).status == 404
    assert len((await admin.get("/api/api-tokens")).body) == 1


async def test_the_list_is_the_command_lines(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    for name, roles in (("alpha", ["viewer"]), ("beta", ["desk", "technician"])):
        assert (
            await admin.post("/api/api-tokens", json={"name": name, "roles": roles})
        ).status == 201
    listed = (await admin.get("/api/api-tokens")).body
    out = io.StringIO()
    url = api_site.engine.config.database_url
    with contextlib.redirect_stdout(out):
        code = await asyncio.to_thread(cli_main, ["api-tokens", "list", "--json", "--db", url])
    assert code == 0
    cli = [json.loads(line) for line in out.getvalue().splitlines()]
    fields = ("id", "name", "prefix", "state", "created_by", "revoked_at")
    assert [[c[f] for f in fields] + [sorted(c["roles"])] for c in cli] == [
        [t[f] for f in fields] + [sorted(t["roles"])] for t in listed
    ]
