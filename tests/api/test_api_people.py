"""People over the API: add, change, one with their cards and history, list, retire."""

from __future__ import annotations

from console.core.model import Person
from console.core.staff import Role
from console.storage import audit
from tests.actors import ADMIN
from tests.api.api_helpers import ApiSite
from tests.api.charging_helpers import booted
from tests.api.conftest import ChargerFactory


async def test_a_person_is_added_changed_shown_with_cards_and_history_and_retired(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    desk = await api_site.as_role(Role.DESK)

    created = await desk.post(
        "/api/people", json={"name": "  Anna   Hoffmann ", "department": "ICU", "phone": ""}
    )

    assert created.status == 201, created.body
    anna = created.body
    assert anna["name"] == "Anna Hoffmann" and anna["phone"] is None and not anna["retired"]
    person_id = anna["id"]
    await desk.post("/api/cards", json={"id_tag": "04A1", "person_id": person_id})
    charger = await booted(make_charger, "CP-P1")
    session_id = await charger.start_session(1, "04a1")
    assert session_id
    await charger.stop_session(1)

    changed = await desk.patch(f"/api/people/{person_id}", json={"email": "anna@example.org"})
    assert changed.status == 200 and changed.body["email"] == "anna@example.org"
    assert changed.body["department"] == "ICU"  # not sent: unchanged
    detail = await desk.get(f"/api/people/{person_id}")
    assert detail.status == 200, detail.body
    assert [c["id_tag"] for c in detail.body["cards"]] == ["04A1"]
    assert detail.body["cards"][0]["owner"] == "Anna Hoffmann"
    history = detail.body["history"]
    assert [s["id"] for s in history["sessions"]] == [session_id]
    assert history["session_count"] == 1
    # The same history as the console reads for the person.
    assert api_site.api.queries is not None
    console = api_site.api.queries.person_history(person_id)
    assert console is not None and history["energy_wh"] == console.energy_wh

    retired = await desk.post(f"/api/people/{person_id}/retire")
    assert retired.status == 200 and retired.body["retired"]
    assert (await desk.get("/api/people")).body["items"] == []
    listed = await desk.get("/api/people", params={"include_retired": "true"})
    assert [p["id"] for p in listed.body["items"]] == [person_id]
    entries = await api_site.engine.writer.submit(lambda c: audit.entries(c, limit=None))
    people = [(e.action, e.origin, e.actor) for e in reversed(entries) if e.action[:7] == "person."]
    change = ("person.change", "api", "desk")
    assert people == [("person.add", "api", "desk"), change, change]  # add, email, retire


async def test_the_list_filters_and_pages(api_site: ApiSite) -> None:
    engine = api_site.engine
    for name, department in (("Bea", "ICU"), ("Carl", "Radiology"), ("Dora", "ICU")):
        await engine.cards.save_person(Person(None, name, department=department), actor=ADMIN)
    viewer = await api_site.as_role(Role.VIEWER)

    icu = await viewer.get("/api/people", params={"department": "icu"})
    assert [p["name"] for p in icu.body["items"]] == ["Bea", "Dora"]
    found = await viewer.get("/api/people", params={"search": "car"})
    assert [p["name"] for p in found.body["items"]] == ["Carl"]
    page = await viewer.get("/api/people", params={"limit": "2"})
    assert [p["name"] for p in page.body["items"]] == ["Bea", "Carl"]
    assert page.body["next_offset"] == 2


async def test_roles_inputs_and_unknown_people(api_site: ApiSite) -> None:
    viewer = await api_site.as_role(Role.VIEWER)
    desk = await api_site.as_role(Role.DESK)

    refused = await viewer.post("/api/people", json={"name": "Eve"})
    assert refused.status == 403 and refused.problem["needs_role"] == "desk"
    assert (await viewer.post("/api/people/1/retire")).status == 403
    assert (await desk.post("/api/people", json={"name": "   "})).status == 422
    assert (await desk.post("/api/people", json={})).status == 422
    extra = await desk.post("/api/people", json={"name": "Eve", "age": 30})
    assert extra.status == 422 and extra.problem["errors"][0]["field"] == "body.age"
    eve = (await desk.post("/api/people", json={"name": "Eve"})).body
    assert (await desk.patch(f"/api/people/{eve['id']}", json={"name": None})).status == 422
    assert (await viewer.get("/api/people/999")).status == 404
    assert (await desk.patch("/api/people/999", json={"note": "x"})).status == 404
    assert (await desk.post("/api/people/999/retire")).status == 404
