"""Connection attempts and a charger's connection history over the API, from real
handshakes of simulated chargers (accepted, and refused for a wrong password)."""

from __future__ import annotations

import asyncio
from typing import Any

from console.core.staff import Role
from tests.api.api_helpers import ApiClient, ApiSite
from tests.api.conftest import ChargerFactory
from tests.api.polling import poll_until


async def _attempts(client: ApiClient, **params: str) -> dict[str, Any]:
    reply = await client.get("/api/connections", params=params)
    assert reply.status == 200, reply.body
    body: dict[str, Any] = reply.body
    return body


async def test_refused_and_accepted_handshakes_are_listed(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    added = await tech.post("/api/chargers", json={"id": "CP-PASS", "password": "p" * 20})
    assert added.status == 201
    wrong = make_charger("CP-PASS", password="w" * 20, reconnect=False)
    await wrong.start()
    await wrong.wait_for(lambda: wrong.refused_status == 401)
    right = make_charger("CP-OPEN")
    await right.start()
    await right.wait_booted()

    viewer = await api_site.as_role(Role.VIEWER)
    refused = await poll_until(
        lambda: _attempts(viewer, refused="true", charger="CP-PASS"),
        lambda body: bool(body["items"]),
    )
    first = refused["items"][0]
    assert first["accepted"] is False and first["reason_code"] == "wrong_password"
    assert first["reason"] == "wrong password" and first["username"] == "CP-PASS"
    assert first["http_status"] == 401
    accepted = await poll_until(
        lambda: _attempts(viewer, refused="false"), lambda body: bool(body["items"])
    )
    assert [a["charger_id"] for a in accepted["items"]] == ["CP-OPEN"]
    assert accepted["items"][0]["http_status"] == 101

    # One attempt a page: the newest first, then the other; the same as the console reads.
    every = await _attempts(viewer)
    page = await _attempts(viewer, limit="1")
    assert page["next_offset"] == 1 and page["items"] == every["items"][:1]
    rest = await _attempts(viewer, limit="1", offset="1")
    assert rest["items"] == every["items"][1:2]
    stored = await _read_attempts(api_site)
    assert [(a["charger_id"], a["accepted"]) for a in every["items"]] == stored

    bad = await viewer.get("/api/connections", params={"limit": "0"})
    assert bad.status == 422
    assert (await viewer.get("/api/connections", params={"who": "x"})).status == 400


async def _read_attempts(site: ApiSite) -> list[tuple[str | None, bool]]:
    """The attempts as the console's Connections page reads them."""
    queries = site.api.queries
    assert queries is not None
    attempts = await asyncio.to_thread(queries.connection_attempts, 500)
    return [(a.charger_id, a.accepted) for a in attempts]


async def test_a_chargers_connection_history(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = make_charger("CP-HIST", firmware="9.9.1")
    await charger.start()
    await charger.wait_booted()
    viewer = await api_site.as_role(Role.VIEWER)

    async def read() -> dict[str, Any]:
        reply = await viewer.get("/api/chargers/cp-hist/connections")
        assert reply.status == 200, reply.body
        body: dict[str, Any] = reply.body
        return body

    history = await poll_until(
        read, lambda body: {"connected", "boot"} <= {e["kind"] for e in body["entries"]}
    )
    assert history["charger_id"] == "CP-HIST"
    boot = next(e for e in history["entries"] if e["kind"] == "boot")
    assert boot["firmware"] == "9.9.1"
    assert history["heartbeat_interval"] > 0
