"""Sessions over the API with a real simulated charger: start for a card, running, live
cost, stop, the bill; the list's filters; ending a stale session; roles and inputs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from console.core.model import Card
from console.core.staff import Role
from console.storage import audit
from tests.actors import ADMIN
from tests.api.api_helpers import ApiSite
from tests.api.charging_helpers import booted, set_prices
from tests.api.conftest import ChargerFactory


async def test_start_for_a_card_runs_costs_stops_and_is_billed(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    engine = api_site.engine
    await set_prices(engine, default="0.50")
    await engine.cards.save_card(Card("04A1B2C3"), actor=ADMIN)
    charger = await booted(make_charger, "CP-S1", kind="DC")
    desk = await api_site.as_role(Role.DESK)

    started = await desk.post(
        "/api/sessions/start", json={"charger_id": "CP-S1", "connector_id": 1, "card": "04a1b2c3"}
    )

    assert started.status == 200, started.body
    assert started.body["effect"] == "done" and started.body["action"] == "RemoteStartTransaction"
    follow = started.body["follow_up"]
    assert follow["kind"] == "started", started.body
    assert "the session started" in started.body["message"]
    session = follow["session"]
    assert session["running"] and session["charger_id"] == "CP-S1"
    session_id = session["id"]

    running = await desk.get("/api/sessions", params={"running": "true", "charger": "CP-S1"})
    assert [s["id"] for s in running.body["items"]] == [session_id]
    detail = await desk.get(f"/api/sessions/{session_id}")
    assert detail.status == 200 and detail.body["running"] and detail.body["bill"] is None

    await charger.wait_for(lambda: charger.sent_count("MeterValues") >= 3)
    live = await desk.get(f"/api/sessions/{session_id}/cost")
    assert live.status == 200 and live.body["running"] is True
    assert live.body["cost"]["currency"] == "EUR" and live.body["cost"]["tariff"] == "Standard"
    assert Decimal(live.body["cost"]["gross_total"]) >= 0

    stopped = await desk.post(f"/api/sessions/{session_id}/stop")

    assert stopped.status == 200, stopped.body
    end = stopped.body["follow_up"]
    assert end["kind"] == "stopped" and not end["session"]["running"], stopped.body
    energy_wh = end["session"]["energy_wh"]
    assert energy_wh > 0 and end["currency"] == "EUR"
    billed = await desk.get(f"/api/sessions/{session_id}")
    bill = billed.body["bill"]
    assert bill is not None and not billed.body["running"]
    # The same figure as the service's own bill, and as the stop's follow-up said.
    stored = await engine.billing.bill(session_id)
    assert stored is not None
    assert Decimal(bill["cost"]["gross_total"]) == stored.breakdown.gross_total
    assert Decimal(end["cost"]) == stored.breakdown.gross_total
    finished = await desk.get(f"/api/sessions/{session_id}/cost")
    assert finished.body["running"] is False
    assert finished.body["cost"] == bill["cost"]
    assert (await desk.get("/api/sessions", params={"running": "true"})).body["items"] == []


async def test_the_list_filters_by_card_charger_time_and_pages(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    engine = api_site.engine
    for tag in ("CARD-A", "CARD-B"):
        await engine.cards.save_card(Card(tag), actor=ADMIN)
    charger = await booted(make_charger, "CP-S2")
    first = await charger.start_session(1, "CARD-A")
    second = await charger.start_session(2, "card-b")
    assert first and second
    await charger.stop_session(1)
    viewer = await api_site.as_role(Role.VIEWER)

    by_card = await viewer.get("/api/sessions", params={"card": "card-a"})
    assert [s["id"] for s in by_card.body["items"]] == [first]
    finished = await viewer.get("/api/sessions", params={"running": "false"})
    assert [s["id"] for s in finished.body["items"]] == [first]
    page = await viewer.get("/api/sessions", params={"charger": "CP-S2", "limit": "1"})
    assert [s["id"] for s in page.body["items"]] == [second] and page.body["next_offset"] == 1
    rest = await viewer.get(
        "/api/sessions", params={"charger": "CP-S2", "limit": "1", "offset": "1"}
    )
    assert [s["id"] for s in rest.body["items"]] == [first] and rest.body["next_offset"] is None
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert (await viewer.get("/api/sessions", params={"since": later})).body["items"] == []
    both = await viewer.get(
        "/api/sessions", params={"until": later, "since": "2020-01-01T00:00:00+00:00"}
    )
    assert {s["id"] for s in both.body["items"]} == {first, second}
    # The same sessions, in the same order, as the console's read.
    assert api_site.api.queries is not None
    console = api_site.api.queries.sessions(charger_id="CP-S2")
    listed = await viewer.get("/api/sessions", params={"charger": "CP-S2"})
    assert [s["id"] for s in listed.body["items"]] == [s.id for s in console]
    assert (await viewer.get("/api/sessions", params={"charger": "CP-9"})).body["items"] == []


async def test_a_stale_session_is_ended_with_a_reason_by_the_api_and_audited(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    engine = api_site.engine
    await engine.cards.save_card(Card("04STALE1"), actor=ADMIN)
    charger = await booted(make_charger, "CP-S3")
    session_id = await charger.start_session(1, "04STALE1")
    assert session_id
    tech = await api_site.as_role(Role.TECHNICIAN)

    missing = await tech.post(f"/api/sessions/{session_id}/end", json={})
    assert missing.status == 422 and missing.problem["errors"][0]["field"] == "body.reason"
    ended = await tech.post(
        f"/api/sessions/{session_id}/end", json={"reason": "charger lost power"}
    )

    assert ended.status == 200, ended.body
    assert not ended.body["running"] and "ended_by_staff" in ended.body["flags"]
    assert ended.body["end_note"] == "charger lost power"
    again = await tech.post(f"/api/sessions/{session_id}/end", json={"reason": "again"})
    assert again.status == 409 and "already ended" in again.problem["detail"]
    stop = await tech.post(f"/api/sessions/{session_id}/stop")
    assert stop.status == 409
    entries = await engine.writer.submit(lambda c: audit.entries(c, limit=None))
    entry = next(e for e in entries if e.action == "session.end")
    assert entry.origin == "api" and entry.actor == "tech" and entry.target == str(session_id)


async def test_roles_inputs_and_unknown_ids(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    await booted(make_charger, "CP-S4")
    viewer = await api_site.as_role(Role.VIEWER)
    desk = await api_site.as_role(Role.DESK)
    body = {"charger_id": "CP-S4", "connector_id": 1, "card": "04A1B2C3"}

    refused = await viewer.post("/api/sessions/start", json=body)
    assert refused.status == 403 and refused.problem["needs_role"] == "desk"
    assert (await viewer.post("/api/sessions/1/end", json={"reason": "x"})).status == 403
    unknown_field = await desk.post("/api/sessions/start", json={**body, "tariff": 1})
    assert unknown_field.status == 422
    assert unknown_field.problem["errors"][0]["field"] == "body.tariff"
    bad_connector = await desk.post("/api/sessions/start", json={**body, "connector_id": 0})
    assert bad_connector.status == 422
    too_long = await desk.post("/api/sessions/start", json={**body, "card": "X" * 21})
    assert too_long.status == 422
    bad_wait = await desk.post("/api/sessions/1/stop", params={"wait_s": "500"})
    assert bad_wait.status == 422
    no_charger = await desk.post("/api/sessions/start", json={**body, "charger_id": "CP-NONE"})
    assert no_charger.status == 404
    bad_time = await viewer.get("/api/sessions", params={"since": "2026-01-01T10:00:00"})
    assert bad_time.status == 422  # a time without an offset is ambiguous
    assert (await viewer.get("/api/sessions", params={"running": "maybe"})).status == 422
    for path in ("/api/sessions/999", "/api/sessions/999/cost"):
        assert (await viewer.get(path)).status == 404
    assert (await desk.post("/api/sessions/999/stop")).status == 404
    assert (await desk.post("/api/sessions/999/end", json={"reason": "gone"})).status == 404


async def test_a_refused_card_is_an_outcome_not_an_error(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await booted(make_charger, "CP-S5")
    charger.config.set("AuthorizeRemoteTxRequests", "true")
    desk = await api_site.as_role(Role.DESK)

    reply = await desk.post(
        "/api/sessions/start",
        json={"charger_id": "CP-S5", "connector_id": 1, "card": "NO-SUCH-CARD", "wait_s": 5},
    )

    assert reply.status == 200
    assert reply.body["follow_up"]["kind"] == "card_refused"
    assert reply.body["follow_up"]["refusal"] == "Invalid"
    assert "the card was refused (Invalid)" in reply.body["message"]
