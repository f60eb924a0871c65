"""Alarms and technicians' notes over the API: alarms raised by a simulated charger's
faults and security event, filtered and paged, acknowledged one by one and all at once."""

from __future__ import annotations

import asyncio
from typing import Any

from console.core.staff import Role
from console.services.audit_log import AuditFilter
from tests.actors import ADMIN
from tests.api.api_helpers import ApiClient, ApiSite
from tests.api.conftest import ChargerFactory
from tests.api.polling import poll_until


async def _alarms(client: ApiClient, **params: Any) -> dict[str, Any]:
    reply = await client.get("/api/alarms", params=params)
    assert reply.status == 200, reply.body
    body: dict[str, Any] = reply.body
    return body


async def _raise_three(site: ApiSite, make_charger: ChargerFactory) -> ApiClient:
    """Two faulted connectors and a tamper event of CP-AL: three alarms."""
    charger = make_charger("CP-AL", connectors=2)
    await charger.start()
    await charger.wait_booted()
    await charger.fault(1)
    await charger.fault(2, "HighTemperature")
    charger.send_security_event("TamperDetectionActivated", "lid opened")
    viewer = await site.as_role(Role.VIEWER)
    await poll_until(lambda: _alarms(viewer, charger="CP-AL"), lambda body: len(body["items"]) == 3)
    return viewer


async def test_alarms_are_filtered_and_paged_like_the_console_reads_them(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    viewer = await _raise_three(api_site, make_charger)
    every = await _alarms(viewer)
    assert every["next_offset"] is None
    queries = api_site.api.queries
    assert queries is not None
    feed = await asyncio.to_thread(queries.alarms, False, 1000)  # the console's alarm feed
    assert [a["id"] for a in every["items"]] == [alarm.id for alarm in feed]

    faulted = await _alarms(viewer, kind="faulted")
    assert sorted(a["connector_id"] for a in faulted["items"]) == [1, 2]
    high = next(a for a in faulted["items"] if a["connector_id"] == 2)
    assert high["details"]["error_code"] == "HighTemperature" and high["open"] is True
    security = await _alarms(viewer, kind="security")
    assert [a["kind"] for a in security["items"]] == ["security"]
    both = await viewer.get("/api/alarms", params=[("kind", "faulted"), ("kind", "security")])
    assert len(both.body["items"]) == 3

    first = await _alarms(viewer, kind="faulted", limit=1)
    assert first["next_offset"] == 1 and first["items"] == faulted["items"][:1]
    second = await _alarms(viewer, kind="faulted", limit=1, offset=1)
    assert second["next_offset"] is None and second["items"] == faulted["items"][1:]
    assert (await _alarms(viewer, charger="CP-OTHER"))["items"] == []

    one = await viewer.get(f"/api/alarms/{high['id']}")
    assert one.status == 200 and one.body == high
    assert (await viewer.get("/api/alarms/999999")).status == 404
    assert (await viewer.get("/api/alarms", params={"kind": "flood"})).status == 422
    assert (await viewer.get("/api/alarms", params={"limit": "1001"})).status == 422


async def test_acknowledging_one_and_then_all(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    viewer = await _raise_three(api_site, make_charger)
    security = (await _alarms(viewer, kind="security"))["items"][0]
    refused = await viewer.post(f"/api/alarms/{security['id']}/acknowledge")
    assert refused.status == 403 and refused.problem["needs_role"] == "desk"

    desk = await api_site.as_role(Role.DESK)
    done = await desk.post(f"/api/alarms/{security['id']}/acknowledge")
    assert done.status == 200
    assert done.body["acknowledged_by"] == "desk" and done.body["acknowledged_at"]
    # A momentary alarm is cleared by its acknowledgement; a fault stays open.
    assert done.body["open"] is False
    assert (await desk.post("/api/alarms/424242/acknowledge")).status == 404
    waiting = await _alarms(viewer, unacknowledged_only="true")
    assert {a["kind"] for a in waiting["items"]} == {"faulted"}

    assert (await viewer.post("/api/alarms/acknowledge-all")).status == 403
    tech = await api_site.as_role(Role.TECHNICIAN)
    everything = await tech.post("/api/alarms/acknowledge-all")
    assert everything.status == 200
    assert sorted(a["connector_id"] for a in everything.body) == [1, 2]
    assert {a["acknowledged_by"] for a in everything.body} == {"tech"}
    assert (await _alarms(viewer, unacknowledged_only="true"))["items"] == []
    assert (await tech.post("/api/alarms/acknowledge-all")).body == []
    still_open = await _alarms(viewer, open_only="true")
    assert sorted(a["connector_id"] for a in still_open["items"]) == [1, 2]

    entries = await api_site.engine.audit.entries(
        AuditFilter(action="alarm.acknowledge"), actor=ADMIN
    )
    assert sorted((e.actor, e.origin) for e in entries) == [
        ("desk", "api"),
        ("tech", "api"),
        ("tech", "api"),
    ]


async def test_technician_notes(api_site: ApiSite, make_charger: ChargerFactory) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    await tech.post("/api/chargers", json={"id": "CP-NOTE"})
    added = await tech.post("/api/chargers/cp-note/notes", json={"text": " Replaced the RCD. "})
    assert added.status == 201, added.body
    assert added.body["charger_id"] == "CP-NOTE" and added.body["author"] == "tech"
    assert added.body["text"] == "Replaced the RCD."

    assert (await tech.post("/api/chargers/CP-NOTE/notes", json={"text": "   "})).status == 422
    extra = await tech.post("/api/chargers/CP-NOTE/notes", json={"text": "x", "pin": True})
    assert extra.status == 422
    viewer = await api_site.as_role(Role.VIEWER)
    assert (await viewer.post("/api/chargers/CP-NOTE/notes", json={"text": "x"})).status == 403
    assert (await tech.post("/api/chargers/NOPE/notes", json={"text": "x"})).status == 404
    assert (await viewer.get("/api/chargers/NOPE/notes")).status == 404

    listed = await viewer.get("/api/chargers/CP-NOTE/notes")
    stored = await api_site.engine.notes.list("CP-NOTE")  # what the service report prints
    assert [(n["id"], n["text"]) for n in listed.body] == [(n.id, n.text) for n in stored]
    entries = await api_site.engine.audit.entries(AuditFilter(action="note.add"), actor=ADMIN)
    assert [(e.target, e.origin) for e in entries] == [("CP-NOTE", "api")]
