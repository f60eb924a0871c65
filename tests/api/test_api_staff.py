"""Staff accounts and security settings over the API: list, add, roles, disable and
enable, reset and change passwords, unlock, the settings; roles, validation, 404s, the
audit log, and the same list as `chargedesk staff list`."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
from typing import Any

import pytest

from console.cli import main as cli_main
from console.core.audit import AuditEntry
from console.core.staff import Origin, Role
from console.services.staff_login import LoginRefused
from console.storage import audit
from tests.api.api_helpers import ApiClient, ApiSite

PASSWORD = "a long enough password"


async def _entries(api_site: ApiSite, prefix: str) -> list[AuditEntry]:
    entries = await api_site.engine.writer.submit(
        lambda c: audit.entries(c, audit.AuditFilter(action=prefix), limit=None)
    )
    return list(reversed(entries))


async def _login(api_site: ApiSite, username: str, password: str) -> Any:
    return await api_site.anonymous.post(
        "/api/login", json={"username": username, "password": password}
    )


async def _id_of(client: ApiClient, username: str) -> int:
    listed = await client.get("/api/staff")
    assert listed.status == 200, listed.body
    return int(next(a["id"] for a in listed.body if a["username"] == username))


async def test_every_role_lists_the_accounts_like_the_command_line(api_site: ApiSite) -> None:
    viewer = await api_site.as_role(Role.VIEWER)
    listed = await viewer.get("/api/staff")
    assert listed.status == 200
    assert [a["username"] for a in listed.body] == ["admin", "desk", "tech", "viewer"]
    admin = listed.body[0]
    assert admin["roles"] == ["viewer", "desk", "technician", "admin"]
    assert admin["active"] and not admin["locked"] and admin["last_login_at"] is None
    assert "argon2" not in json.dumps(listed.body) and "-password" not in json.dumps(listed.body)
    one = await viewer.get(f"/api/staff/{admin['id']}")
    assert one.status == 200 and one.body == admin
    assert (await viewer.get("/api/staff/999")).status == 404

    out = io.StringIO()
    url = api_site.engine.config.database_url
    with contextlib.redirect_stdout(out):
        code = await asyncio.to_thread(cli_main, ["staff", "list", "--json", "--db", url])
    assert code == 0
    cli = [json.loads(line) for line in out.getvalue().splitlines()]
    fields = ("id", "username", "display_name", "active", "locked", "must_change_password")
    assert [[c[f] for f in fields] + [sorted(c["roles"])] for c in cli] == [
        [a[f] for f in fields] + [sorted(a["roles"])] for a in listed.body
    ]


async def test_an_admin_adds_an_account_others_are_refused(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    body = {"username": "lena", "display_name": "Lena Ward", "password": PASSWORD}
    added = await admin.post("/api/staff", json={**body, "roles": ["desk", "technician"]})
    assert added.status == 201, added.body
    assert added.body["username"] == "lena" and added.body["display_name"] == "Lena Ward"
    assert added.body["roles"] == ["desk", "technician"]
    assert not added.body["must_change_password"]
    me = await api_site.anonymous.with_token(
        (await _login(api_site, "lena", PASSWORD)).body["token"]
    ).get("/api/me")
    assert me.body["roles"] == ["desk", "technician"]

    again = await admin.post("/api/staff", json={**body, "username": "LENA", "roles": ["desk"]})
    assert again.status == 409 and "taken" in again.problem["detail"]
    for wrong in (
        {**body, "username": "bo", "roles": []},
        {**body, "username": "bo", "roles": ["boss"]},
        {**body, "username": "bo", "password": "short", "roles": ["desk"]},
        {**body, "username": "bo", "roles": ["desk"], "admin": True},
        {**body, "username": "no spaces", "roles": ["desk"]},
    ):
        reply = await admin.post("/api/staff", json=wrong)
        assert reply.status == 422, (wrong, reply.body)
    desk = await api_site.as_role(Role.DESK)
    refused = await desk.post("/api/staff", json={**body, "username": "bo", "roles": ["desk"]})
    assert refused.status == 403 and refused.problem["needs_role"] == "admin"

    added_entries = await _entries(api_site, "staff.add")
    last = added_entries[-1]
    assert (last.target, last.origin, last.place, last.actor) == (
        "lena",
        Origin.API.value,
        "127.0.0.1",
        "admin",
    )
    assert PASSWORD not in json.dumps(last.after)
    assert [e.target for e in added_entries].count("bo") == 0


async def test_roles_change_and_the_changed_login_ends(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    desk = await api_site.as_role(Role.DESK)
    desk_id = await _id_of(admin, "desk")
    changed = await admin.put(f"/api/staff/{desk_id}/roles", json={"roles": ["viewer"]})
    assert changed.status == 200 and changed.body["roles"] == ["viewer"]
    assert (await desk.get("/api/me")).status == 401  # logs in again with its new roles

    admin_id = await _id_of(admin, "admin")
    last = await admin.put(f"/api/staff/{admin_id}/roles", json={"roles": ["desk"]})
    assert last.status == 409 and "last enabled admin" in last.problem["detail"]
    assert (await admin.put(f"/api/staff/{desk_id}/roles", json={"roles": []})).status == 422
    assert (await admin.put("/api/staff/999/roles", json={"roles": ["desk"]})).status == 404
    viewer = await api_site.as_role(Role.VIEWER)
    refused = await viewer.put(f"/api/staff/{desk_id}/roles", json={"roles": ["admin"]})
    assert refused.status == 403 and refused.problem["needs_role"] == "admin"
    roles = [(e.before, e.after, e.origin) for e in await _entries(api_site, "staff.roles")]
    assert roles == [({"roles": "desk"}, {"roles": "viewer"}, "api")]


async def test_disable_enable_reset_and_unlock(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    tech = await api_site.as_role(Role.TECHNICIAN)
    tech_id = await _id_of(admin, "tech")

    disabled = await admin.post(f"/api/staff/{tech_id}/disable")
    assert disabled.status == 200 and not disabled.body["active"]
    assert (await tech.get("/api/me")).status == 401
    assert (await _login(api_site, "tech", "tech-password")).status == 401
    enabled = await admin.post(f"/api/staff/{tech_id}/enable")
    assert enabled.status == 200 and enabled.body["active"]

    reset = await admin.post(f"/api/staff/{tech_id}/password", json={"password": PASSWORD})
    assert reset.status == 200 and reset.body["must_change_password"]
    assert PASSWORD not in json.dumps(reset.body)
    assert (await _login(api_site, "tech", PASSWORD)).status == 200
    short = await admin.post(f"/api/staff/{tech_id}/password", json={"password": "x"})
    assert short.status == 422

    # Five failed logins lock the account; the login gate's growing delays are skipped.
    async def no_wait(_seconds: float) -> None:
        return None

    gate = api_site.engine.staff._gate
    gate._sleep = no_wait
    for _ in range(5):
        with pytest.raises(LoginRefused):
            await api_site.engine.staff.login(
                "tech", "wrong password", origin=Origin.API, place="x"
            )
    listed = await admin.get(f"/api/staff/{tech_id}")
    assert listed.body["locked"] and listed.body["locked_until"]
    unlocked = await admin.post(f"/api/staff/{tech_id}/unlock")
    assert unlocked.status == 200 and not unlocked.body["locked"]
    assert (await _login(api_site, "tech", PASSWORD)).status == 200

    admin_id = await _id_of(admin, "admin")
    last = await admin.post(f"/api/staff/{admin_id}/disable")
    assert last.status == 409 and last.problem["type"].endswith("last-admin")
    for path in ("disable", "enable", "unlock"):
        assert (await admin.post(f"/api/staff/999/{path}")).status == 404
        refused = await tech.with_token(None).post(f"/api/staff/{tech_id}/{path}")
        assert refused.status == 401
    viewer = await api_site.as_role(Role.VIEWER)
    assert (await viewer.post(f"/api/staff/{tech_id}/unlock")).status == 403
    actions = [(e.action, e.origin) for e in await _entries(api_site, "staff.")]
    for action in ("staff.disable", "staff.enable", "staff.password_reset", "staff.unlock"):
        assert (action, "api") in actions


async def test_a_person_changes_their_own_password(api_site: ApiSite) -> None:
    desk = await api_site.as_role(Role.DESK)
    wrong = await desk.post(
        "/api/me/password",
        json={"current_password": "not my password", "new_password": PASSWORD},
    )
    assert wrong.status == 422 and "current password is wrong" in wrong.problem["detail"]
    short = await desk.post(
        "/api/me/password", json={"current_password": "desk-password", "new_password": "x"}
    )
    assert short.status == 422
    changed = await desk.post(
        "/api/me/password",
        json={"current_password": "desk-password", "new_password": PASSWORD},
    )
    assert changed.status == 200 and changed.body["username"] == "desk"
    assert (await desk.get("/api/me")).status == 401  # log in again with the new password
    assert (await _login(api_site, "desk", "desk-password")).status == 401
    assert (await _login(api_site, "desk", PASSWORD)).status == 200
    entry = (await _entries(api_site, "staff.password_changed"))[-1]
    assert (entry.actor, entry.origin, entry.place) == ("desk", "api", "127.0.0.1")


async def test_security_settings_are_read_by_all_and_changed_by_an_admin(
    api_site: ApiSite,
) -> None:
    viewer = await api_site.as_role(Role.VIEWER)
    read = await viewer.get("/api/security-settings")
    assert read.status == 200
    assert read.body == {
        "idle_lock_minutes": 10,
        "cli_requires_login": False,
        "plain_port_enabled": True,
        "api_plain_local": False,
    }
    wanted = {**read.body, "idle_lock_minutes": 5, "api_plain_local": True}
    refused = await viewer.put("/api/security-settings", json=wanted)
    assert refused.status == 403 and refused.problem["needs_role"] == "admin"
    admin = await api_site.as_role(Role.ADMIN)
    for wrong in (
        {**wanted, "idle_lock_minutes": 0},
        {key: value for key, value in wanted.items() if key != "api_plain_local"},
        {**wanted, "plain_port": False},
    ):
        assert (await admin.put("/api/security-settings", json=wrong)).status == 422
    saved = await admin.put("/api/security-settings", json=wanted)
    assert saved.status == 200 and saved.body == wanted
    assert (await viewer.get("/api/security-settings")).body == wanted
    stored = await api_site.engine.staff.settings()
    assert stored.api_plain_local and stored.idle_lock_minutes == 5
    [entry] = await _entries(api_site, "security.settings")
    assert entry.origin == "api" and entry.before["api_plain_local"] is False
    assert entry.after["api_plain_local"] is True
