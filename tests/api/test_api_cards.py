"""Cards over the API: register, edit, block, unblock, retire, history, refused cards,
the CSV export (the same file as the command line's) and import with a dry run."""

from __future__ import annotations

import asyncio

from console.cli import main
from console.core.staff import Role
from console.storage import audit
from tests.api.api_helpers import ApiClient, ApiSite
from tests.api.charging_helpers import booted
from tests.api.conftest import ChargerFactory

CSV = {"Content-Type": "text/csv"}


async def _actions(api_site: ApiSite) -> list[tuple[str, str, str, str]]:
    entries = await api_site.engine.writer.submit(lambda c: audit.entries(c, limit=None))
    return [(e.action, e.target, e.origin, e.actor) for e in reversed(entries)]


async def _ids(client: ApiClient, **params: str) -> list[str]:
    reply = await client.get("/api/cards", params=params)
    assert reply.status == 200, reply.body
    return [card["id_tag"] for card in reply.body["items"]]


async def test_a_card_is_registered_edited_blocked_unblocked_and_retired(
    api_site: ApiSite,
) -> None:
    desk = await api_site.as_role(Role.DESK)

    created = await desk.post(
        "/api/cards",
        json={"id_tag": " 04A1B2C3 ", "group": "STAFF", "valid_until": "2030-12-31", "note": "x"},
    )

    assert created.status == 201, created.body
    card = created.body
    assert card["id_tag"] == "04A1B2C3" and card["status"] == "active"
    assert card["group"] == "STAFF" and card["valid_until"] == "2030-12-31"
    assert card["max_concurrent"] == 1
    twice = await desk.post("/api/cards", json={"id_tag": "04a1b2c3"})
    assert twice.status == 409 and "already registered" in twice.problem["detail"]
    assert (await desk.get("/api/cards/04a1b2c3")).body == card

    edited = await desk.patch("/api/cards/04a1b2c3", json={"valid_until": None, "note": "desk"})
    assert edited.status == 200, edited.body
    assert edited.body["valid_until"] is None and edited.body["note"] == "desk"
    assert edited.body["group"] == "STAFF"  # not sent: unchanged

    no_detail = await desk.post("/api/cards/04A1B2C3/block", json={"reason": "other"})
    assert no_detail.status == 422
    blocked = await desk.post("/api/cards/04A1B2C3/block", json={"reason": "lost"})
    assert blocked.status == 200 and blocked.body["status"] == "blocked"
    assert blocked.body["block_reason"] == "lost" and blocked.body["blocked_at"]
    unblocked = await desk.post("/api/cards/04A1B2C3/unblock")
    assert unblocked.body["status"] == "active" and unblocked.body["block_reason"] is None
    retired = await desk.post("/api/cards/04A1B2C3/retire")
    assert retired.body["status"] == "retired"

    history = await desk.get("/api/cards/04a1b2c3/history")
    assert history.status == 200 and history.body["session_count"] == 0
    changes = [(c["status"], c["reason"]) for c in history.body["status_changes"]]
    assert changes[:3] == [("retired", None), ("active", None), ("blocked", "lost")]
    actions = [a for a in await _actions(api_site) if a[0].startswith("card.")]
    assert actions == [
        (action, "04A1B2C3", "api", "desk")
        for action in ("card.add", "card.change", "card.block", "card.unblock", "card.retire")
    ]


async def test_the_list_filters_and_pages(api_site: ApiSite) -> None:
    desk = await api_site.as_role(Role.DESK)
    person = await desk.post("/api/people", json={"name": "Anna Hoffmann"})
    anna = person.body["id"]
    for body in (
        {"id_tag": "CARD-A", "person_id": anna},
        {"id_tag": "CARD-B", "group": "STUDENTS"},
        {"id_tag": "CARD-C", "note": "spare for Anna"},
    ):
        assert (await desk.post("/api/cards", json=body)).status == 201
    await desk.post("/api/cards/CARD-C/block", json={"reason": "stolen"})

    assert await _ids(desk) == ["CARD-A", "CARD-B", "CARD-C"]
    assert await _ids(desk, status="blocked") == ["CARD-C"]
    assert await _ids(desk, group="students") == ["CARD-B"]
    assert await _ids(desk, person_id=str(anna)) == ["CARD-A"]
    assert await _ids(desk, search="anna") == ["CARD-A", "CARD-C"]
    page = await desk.get("/api/cards", params={"limit": "2", "offset": "1"})
    assert [c["id_tag"] for c in page.body["items"]] == ["CARD-B", "CARD-C"]
    assert page.body["next_offset"] is None
    first = await desk.get("/api/cards", params={"limit": "2"})
    assert first.body["next_offset"] == 2
    assert first.body["items"][0]["owner"] == "Anna Hoffmann"
    multi = await desk.get("/api/cards", params=[("status", "active"), ("status", "blocked")])
    assert len(multi.body["items"]) == 3


async def test_roles_inputs_and_unknown_cards(api_site: ApiSite) -> None:
    viewer = await api_site.as_role(Role.VIEWER)
    desk = await api_site.as_role(Role.DESK)

    refused = await viewer.post("/api/cards", json={"id_tag": "04A1"})
    assert refused.status == 403 and refused.problem["needs_role"] == "desk"
    blocked = await viewer.post("/api/cards/04A1/block", json={"reason": "lost"})
    assert blocked.status == 403
    assert (await viewer.post("/api/cards/04A1/retire")).status == 403
    extra = await desk.post("/api/cards", json={"id_tag": "04A1", "colour": "red"})
    assert extra.status == 422 and extra.problem["errors"][0]["field"] == "body.colour"
    spaces = await desk.post("/api/cards", json={"id_tag": "04 A1"})
    assert spaces.status == 422 and spaces.problem["type"].endswith("card-id")
    no_owner = await desk.post("/api/cards", json={"id_tag": "04A1", "person_id": 77})
    assert no_owner.status == 422
    assert (
        await desk.post("/api/cards", json={"id_tag": "04A1", "max_concurrent": -1})
    ).status == 422
    bad_day = await desk.post("/api/cards", json={"id_tag": "04A1", "valid_until": "31.12.2030"})
    assert bad_day.status == 422
    assert (await desk.get("/api/cards", params={"status": "lost"})).status == 422
    assert (await viewer.get("/api/cards/NOPE")).status == 404
    assert (await viewer.get("/api/cards/NOPE/history")).status == 404
    assert (await desk.patch("/api/cards/NOPE", json={"note": "x"})).status == 404
    for action in ("block", "unblock", "retire"):
        body = {"reason": "lost"} if action == "block" else None
        assert (await desk.post(f"/api/cards/NOPE/{action}", json=body)).status == 404


async def test_a_refused_card_is_listed_and_has_a_history(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await booted(make_charger, "CP-C1")
    assert await charger.start_session(1, "UNKNOWN-7") is None
    viewer = await api_site.as_role(Role.VIEWER)

    reply = await viewer.get("/api/refused-cards")

    assert reply.status == 200
    [refused] = reply.body["items"]
    assert refused["id_tag"] == "UNKNOWN-7" and refused["charger_id"] == "CP-C1"
    assert refused["status"] == "Invalid" and not refused["registered"]
    assert refused["count"] >= 1


async def test_the_export_is_the_command_lines_file(api_site: ApiSite) -> None:
    desk = await api_site.as_role(Role.DESK)
    anna = (await desk.post("/api/people", json={"name": "Anna", "department": "ICU"})).body
    await desk.post("/api/cards", json={"id_tag": "04A1", "person_id": anna["id"]})
    await desk.post("/api/cards", json={"id_tag": "=FORMULA", "note": "+1 spare"})
    viewer = await api_site.as_role(Role.VIEWER)

    reply = await viewer.get("/api/cards.csv")

    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/csv")
    assert "cards.csv" in reply.headers["Content-Disposition"]
    path = api_site.folder / "cli-cards.csv"
    url = f"sqlite:///{api_site.folder / 'engine.db'}"
    code = await asyncio.to_thread(main, ["cards", "export", str(path), "--db", url])
    assert code == 0
    assert reply.raw == path.read_bytes()
    assert reply.raw.startswith(b"\xef\xbb\xbfcard,status,group")
    assert b"'=FORMULA" in reply.raw


async def test_import_dry_run_changes_nothing_and_the_real_import_applies(
    api_site: ApiSite,
) -> None:
    desk = await api_site.as_role(Role.DESK)
    await desk.post("/api/cards", json={"id_tag": "04A1", "note": "old"})
    before = await desk.get("/api/cards")
    text = (
        "card,status,group,owner,department,note\r\n"
        "04A1,active,,,,new\r\n"
        "NEW-1,active,STAFF,Bea Berg,ICU,\r\n"
        "BAD CARD,active,,,,\r\n"
    )

    dry = await desk.post("/api/cards.csv", data=text, params={"dry_run": "true"}, headers=CSV)

    assert dry.status == 200, dry.body
    plan = dry.body
    assert plan["dry_run"] and plan["result"] is None
    assert [c["id_tag"] for c in plan["added"]] == ["NEW-1"]
    assert [(c["id_tag"], c["fields"]) for c in plan["changed"]] == [("04A1", ["note"])]
    assert plan["new_people"] == ["Bea Berg"]
    [problem] = plan["problems"]
    assert problem["line"] == 4 and problem["card"] == "BAD CARD"
    assert (await desk.get("/api/cards")).body == before.body
    assert (await desk.get("/api/people")).body["items"] == []

    refused = await desk.post("/api/cards.csv", data=text, headers=CSV)
    assert refused.status == 422 and refused.problem["problems"][0]["line"] == 4
    assert (await desk.get("/api/cards")).body == before.body

    applied = await desk.post(
        "/api/cards.csv", data=text, params={"skip_bad_rows": "true"}, headers=CSV
    )

    assert applied.status == 200, applied.body
    result = applied.body["result"]
    assert not applied.body["dry_run"]
    assert (result["added"], result["changed"], result["people_added"]) == (1, 1, 1)
    assert result["skipped_rows"] == 1
    assert await _ids(desk) == ["04A1", "NEW-1"]
    new = (await desk.get("/api/cards/new-1")).body
    assert new["owner"] == "Bea Berg" and new["group"] == "STAFF"
    assert ("card.import", "", "api", "desk") in await _actions(api_site)
    # The export imported again changes nothing.
    exported = (await desk.get("/api/cards.csv")).raw
    again = await desk.post(
        "/api/cards.csv", data=exported, params={"dry_run": "true"}, headers=CSV
    )
    assert again.body["added"] == [] and again.body["changed"] == []
    assert again.body["unchanged"] == 2 and again.body["problems"] == []


async def test_import_inputs(api_site: ApiSite) -> None:
    desk = await api_site.as_role(Role.DESK)
    viewer = await api_site.as_role(Role.VIEWER)
    text = "card\r\n04A1\r\n"

    assert (await viewer.post("/api/cards.csv", data=text, headers=CSV)).status == 403
    as_json = await desk.post("/api/cards.csv", json={"card": "04A1"})
    assert as_json.status == 415
    unknown = await desk.post("/api/cards.csv", data=text, params={"dry": "1"}, headers=CSV)
    assert unknown.status == 400
    no_header = await desk.post("/api/cards.csv", data="", params={"dry_run": "true"}, headers=CSV)
    assert no_header.status == 200 and no_header.body["problems"]
