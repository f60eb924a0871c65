"""The audit log over the API: a change made through the API is in it with origin "api"
and the client's address; filters and paging; the CSV and JSON-lines exports (the same
file as `chargedesk audit export`); the chain check, intact and broken; admins only."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from console.cli import main as cli_main
from console.core.audit import AuditEntry, hash_of
from console.core.staff import Role
from console.services.audit_log import CSV_HEADER
from tests.api.api_helpers import ApiClient, ApiSite, Reply

PASSWORD = "a long enough password"


async def _add_people(admin: ApiClient, *names: str) -> None:
    for name in names:
        body = {"username": name, "password": PASSWORD, "roles": ["desk"]}
        assert (await admin.post("/api/staff", json=body)).status == 201


async def _raw_get(client: ApiClient, path: str, params: dict[str, str]) -> Reply:
    """GET without parsing the body (the shared client parses any "json" media type
    as one JSON document; JSON lines are many)."""
    async with client.http.get(
        client.base + path,
        params=params,
        headers={"Authorization": f"Bearer {client.token}"},
        ssl=client.tls,
    ) as response:
        raw = await response.read()
        return Reply(response.status, response.headers, raw, raw)


async def test_a_change_through_the_api_is_logged_with_origin_and_address(
    api_site: ApiSite,
) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    before = datetime.now(UTC) - timedelta(seconds=1)
    await _add_people(admin, "anna")

    page = await admin.get("/api/audit", params={"action": "staff.add", "person": "ADMIN"})
    assert page.status == 200, page.body
    [entry] = page.body["items"]
    assert entry["action"] == "staff.add" and entry["target"] == "anna"
    assert entry["person"] == "admin" and entry["origin"] == "api"
    assert entry["place"] == "127.0.0.1" and entry["staff_id"] == 1
    assert entry["before"] is None and entry["after"]["roles"] == "desk"
    assert "roles=desk" in entry["summary"]
    assert datetime.fromisoformat(entry["at"]) >= before
    assert page.body["next_offset"] is None

    checked = await admin.get("/api/audit/check")
    assert checked.status == 200
    assert checked.body["intact"] and checked.body["problems"] == []
    assert checked.body["entries"] >= 6  # four demo accounts, a login, anna

    # The entry as the API shows it is the entry as stored: its hash still matches.
    stored = AuditEntry(
        seq=entry["seq"],
        at=datetime.fromisoformat(entry["at"]),
        actor=entry["person"],
        staff_id=entry["staff_id"],
        origin=entry["origin"],
        place=entry["place"],
        action=entry["action"],
        target=entry["target"],
        before=entry["before"],
        after=entry["after"],
        prev_hash=entry["prev_hash"],
        hash=entry["hash"],
    )
    assert hash_of(stored) == entry["hash"]


async def test_filters_and_paging(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    await _add_people(admin, "anna", "bo", "cy")
    first = await admin.get("/api/audit", params={"action": "staff.add", "limit": "2"})
    assert [e["target"] for e in first.body["items"]] == ["cy", "bo"]  # newest first
    assert first.body["next_offset"] == 2
    second = await admin.get(
        "/api/audit", params={"action": "staff.add", "limit": "2", "offset": "2"}
    )
    assert [e["target"] for e in second.body["items"]] == ["anna", "viewer"]
    by_origin = await admin.get("/api/audit", params={"origin": "api", "action": "staff.add"})
    assert len(by_origin.body["items"]) == 3
    by_target = await admin.get("/api/audit", params={"target": "bo"})
    assert [e["action"] for e in by_target.body["items"]] == ["staff.add"]
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert (await admin.get("/api/audit", params={"since": future})).body["items"] == []
    until_now = await admin.get("/api/audit", params={"until": future, "person": "nobody"})
    assert until_now.body["items"] == []

    for params, status in (
        ({"since": "2026-12-07T10:00:00"}, 422),  # no offset
        ({"since": "yesterday"}, 422),
        ({"limit": "0"}, 422),
        ({"limit": "1001"}, 422),
        ({"actor": "admin"}, 400),  # the filter is called person
    ):
        reply = await admin.get("/api/audit", params=params)
        assert reply.status == status, (params, reply.body)


async def test_only_admins_read_the_log(api_site: ApiSite) -> None:
    for role in (Role.VIEWER, Role.DESK, Role.TECHNICIAN):
        client = await api_site.as_role(role)
        for path in ("/api/audit", "/api/audit.csv", "/api/audit.jsonl", "/api/audit/check"):
            reply = await client.get(path)
            assert reply.status == 403, (role, path)
            assert reply.problem["needs_role"] == "admin"
    assert (await api_site.anonymous.get("/api/audit")).status == 401


async def test_exports_are_the_command_lines_files(api_site: ApiSite, tmp_path: Path) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    await _add_people(admin, "anna", "bo")
    url = api_site.engine.config.database_url

    jsonl = await _raw_get(admin, "/api/audit.jsonl", {"action": "staff."})
    assert jsonl.status == 200
    assert jsonl.headers["Content-Type"].startswith("application/x-ndjson")
    assert 'filename="audit-log.jsonl"' in jsonl.headers["Content-Disposition"]
    lines = [json.loads(line) for line in jsonl.raw.decode("utf-8").splitlines()]
    assert [line["target"] for line in lines][-2:] == ["anna", "bo"]  # oldest first
    assert all(line["action"].startswith("staff.") for line in lines)

    cli_file = tmp_path / "cli.jsonl"
    args = ["audit", "export", str(cli_file), "--action", "staff.", "--db", url]
    assert await asyncio.to_thread(cli_main, args) == 0
    assert cli_file.read_bytes() == jsonl.raw

    csv = await admin.get("/api/audit.csv", params={"action": "staff.add", "person": "admin"})
    assert csv.status == 200 and csv.headers["Content-Type"].startswith("text/csv")
    text = csv.raw.decode("utf-8-sig")
    rows = text.splitlines()
    assert rows[0] == ",".join(CSV_HEADER)
    assert [row.split(",")[8] for row in rows[1:]] == ["anna", "bo"]
    cli_csv = tmp_path / "cli.csv"
    args = ["audit", "export", str(cli_csv), "--action", "staff.add", "--actor", "admin"]
    assert await asyncio.to_thread(cli_main, [*args, "--db", url]) == 0
    assert cli_csv.read_bytes() == csv.raw

    exports = await admin.get("/api/audit", params={"action": "audit.export"})
    api_exports = [e for e in exports.body["items"] if e["origin"] == "api"]
    assert [e["after"]["format"] for e in api_exports] == ["csv", "jsonl"]
    assert api_exports[0]["after"]["entries"] == 2 and api_exports[0]["place"] == "127.0.0.1"


async def test_the_check_finds_a_changed_entry(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    await _add_people(admin, "anna")
    database = api_site.engine.config.database_url.removeprefix("sqlite:///")
    with contextlib.closing(sqlite3.connect(database)) as plain:
        plain.execute("UPDATE audit_log SET target = 'mallory' WHERE seq = 2")
        plain.commit()
    checked = await admin.get("/api/audit/check")
    assert checked.status == 200
    assert not checked.body["intact"]
    assert checked.body["problems"] == [{"seq": 2, "problem": "changed after it was written"}]
