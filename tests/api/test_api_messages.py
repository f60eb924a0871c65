"""The message log over the API: search with filters, keyset pages, and the JSON lines
export streamed, compared with the console's own export of the same frames."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from console.core.enums import Direction
from console.core.model import Card
from console.core.staff import Role
from console.services.message_export import ExportProgress, FrameFilter
from tests.actors import ADMIN
from tests.api.api_helpers import ApiClient, ApiSite
from tests.api.conftest import ChargerFactory
from tests.api.polling import poll_until


async def _search(client: ApiClient, params: Any) -> dict[str, Any]:
    reply = await client.get("/api/messages", params=params)
    assert reply.status == 200, reply.body
    body: dict[str, Any] = reply.body
    return body


async def _export(client: ApiClient, params: Any) -> tuple[int, Any, bytes]:
    """The export's status, headers and body, read as bytes (it is JSON lines)."""
    headers = {"Authorization": f"Bearer {client.token}"}
    async with client.http.get(
        client.base + "/api/messages/export", params=params, headers=headers, ssl=client.tls
    ) as response:
        return response.status, response.headers, await response.read()


async def _charger_with_a_session(site: ApiSite, make_charger: ChargerFactory) -> None:
    """CP-LOG boots, charges a session and is stopped: its frames stay as they are."""
    await site.engine.cards.save_card(Card("LOG-CARD"), actor=ADMIN)
    charger = make_charger("CP-LOG")
    await charger.start()
    await charger.wait_booted()
    assert await charger.start_session(1, "LOG-CARD") is not None
    await charger.stop_session(1)
    await charger.wait_delivered()
    await charger.stop()
    viewer = await site.as_role(Role.VIEWER)
    await poll_until(
        lambda: _search(viewer, {"charger": "CP-LOG", "action": "StopTransaction"}),
        lambda body: len(body["items"]) == 2,  # the call and its reply
    )


async def test_search_filters_and_pages_by_frame_id(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    await _charger_with_a_session(api_site, make_charger)
    viewer = await api_site.as_role(Role.VIEWER)

    every = await _search(viewer, {"charger": "CP-LOG", "limit": "1000"})
    ids = [m["id"] for m in every["items"]]
    assert ids == sorted(ids, reverse=True) and every["next_before_id"] is None
    boots = await _search(
        viewer, {"charger": "CP-LOG", "action": "BootNotification", "direction": "in"}
    )
    assert [(m["kind"], m["direction"]) for m in boots["items"]] == [("CALL", "in")]
    assert json.loads(boots["items"][0]["payload"])[2] == "BootNotification"
    pair = await _search(
        viewer, [("action", "StartTransaction"), ("action", "StopTransaction"), ("kind", "CALL")]
    )
    assert sorted(m["action"] for m in pair["items"]) == ["StartTransaction", "StopTransaction"]
    card = await _search(viewer, {"text": "log-card"})  # any case
    assert "StartTransaction" in {m["action"] for m in card["items"]}
    assert all("log-card" in m["payload"].lower() for m in card["items"])

    # Pages of three, keyed on the id: together exactly the whole list, in order.
    seen: list[int] = []
    params: dict[str, str] = {"charger": "CP-LOG", "limit": "3"}
    while True:
        page = await _search(viewer, params)
        seen += [m["id"] for m in page["items"]]
        if page["next_before_id"] is None:
            break
        params["before_id"] = str(page["next_before_id"])
    assert seen == ids

    future = await _search(viewer, {"since": "2999-01-01T00:00:00+00:00"})
    assert future["items"] == []
    boot_at = boots["items"][0]["at"]
    window = await _search(viewer, {"charger": "CP-LOG", "until": boot_at, "limit": "1000"})
    assert all(m["id"] < boots["items"][0]["id"] for m in window["items"])


async def test_bad_filters_are_refused(api_site: ApiSite) -> None:
    viewer = await api_site.as_role(Role.VIEWER)
    for params in (
        {"since": "2026-01-01T00:00:00"},  # no offset: which zone?
        {"since": "2026-02-01T00:00:00Z", "until": "2026-01-01T00:00:00Z"},
        {"direction": "sideways"},
        {"limit": "0"},
        {"before_id": "-3"},
        {"kind": "PING"},
    ):
        reply = await viewer.get("/api/messages", params=params)
        assert reply.status == 422, (params, reply.body)
    unknown = await viewer.get("/api/messages", params={"page": "2"})
    assert unknown.status == 400
    assert (await viewer.get("/api/messages/export", params={"limit": "5"})).status == 400


async def test_export_streams_the_same_lines_as_the_console(
    api_site: ApiSite, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    await _charger_with_a_session(api_site, make_charger)
    viewer = await api_site.as_role(Role.VIEWER)
    status, headers, body = await _export(viewer, {"charger": "CP-LOG"})
    assert status == 200
    assert headers["Content-Type"].startswith("application/x-ndjson")
    assert "attachment" in headers["Content-Disposition"]
    assert headers["Cache-Control"] == "no-store"
    lines = [json.loads(line) for line in body.decode("utf-8").splitlines()]
    assert [line["id"] for line in lines] == sorted(line["id"] for line in lines)
    assert {line["zone"] for line in lines} == {"UTC"}
    assert all(line["at"].endswith("+00:00") for line in lines)

    # The console's Export (the Messages page) of the same filter, in UTC.
    queries = api_site.api.queries
    assert queries is not None
    where = FrameFilter(charger_id="CP-LOG")
    newest = await asyncio.to_thread(queries.search_frames, where, None, None, 1)
    target = tmp_path / "console.jsonl"
    written = await asyncio.to_thread(
        queries.export_frames, where, newest[0].id, target, ExportProgress(), True
    )
    assert written == len(lines)
    assert body == target.read_bytes()

    inbound = await _export(viewer, {"charger": "CP-LOG", "direction": "in"})
    inbound_lines = inbound[2].decode("utf-8").splitlines()
    assert inbound_lines and all(
        json.loads(line)["direction"] == Direction.IN.value for line in inbound_lines
    )
    nothing = await _export(viewer, {"charger": "NO-SUCH"})
    assert nothing[0] == 200 and nothing[2] == b""
    anonymous = await api_site.anonymous.get("/api/messages/export")
    assert anonymous.status == 401
