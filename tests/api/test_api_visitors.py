"""Visitors over the API: the quote, a session started for a visitor with a one-time
token on a simulated charger, the visitor list; roles and inputs."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from console.core.staff import Role
from console.services.price_quote import quote
from console.storage import audit
from tests.api.api_helpers import ApiSite
from tests.api.charging_helpers import booted, energy_tariff, set_prices
from tests.api.conftest import ChargerFactory


async def test_the_quote_is_the_visitor_dialogs(api_site: ApiSite) -> None:
    viewer = await api_site.as_role(Role.VIEWER)
    none = await viewer.get("/api/visitors/quote")
    assert none.status == 409 and none.problem["type"].endswith("no-tariff")

    await set_prices(api_site.engine, visitors="0.49")
    reply = await viewer.get("/api/visitors/quote")

    assert reply.status == 200, reply.body
    body = reply.body
    assert body["tariff"] == "Visitors" and body["currency"] == "EUR"
    assert Decimal(body["energy_price"]) == Decimal("0.49")
    # The same example as the console's quote (services/price_quote.py) for 20 kWh.
    at = datetime.fromisoformat(body["at"])
    expected = quote(energy_tariff("Visitors", "0.49"), at)
    assert Decimal(body["example_cost"]) == expected.example_cost
    assert Decimal(body["example_kwh"]) == Decimal(20)


async def test_a_visitor_session_starts_with_a_token_and_is_listed(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    await set_prices(api_site.engine)
    charger = await booted(make_charger, "CP-V1")
    desk = await api_site.as_role(Role.DESK)

    reply = await desk.post(
        "/api/visitors/start",
        json={"charger_id": "CP-V1", "connector_id": 1, "name": "Anna Schulz", "plate": "B-AS 1"},
    )

    assert reply.status == 200, reply.body
    visitor, outcome = reply.body["visitor"], reply.body["outcome"]
    token = visitor["token"]
    assert token.startswith("V") and len(token) == 10
    assert visitor["name"] == "Anna Schulz" and visitor["plate"] == "B-AS 1"
    assert outcome["effect"] == "done" and outcome["follow_up"]["kind"] == "started", outcome
    assert outcome["follow_up"]["person"] == "Anna Schulz"
    session = outcome["follow_up"]["session"]
    assert session["id_tag"] == token and session["running"]
    assert charger.session(1) is not None

    listed = await desk.get("/api/visitors")
    assert listed.status == 200
    [first] = listed.body["items"]
    assert first["token"] == token and first["name"] == "Anna Schulz"
    entries = await api_site.engine.writer.submit(lambda c: audit.entries(c, limit=None))
    entry = next(e for e in entries if e.action == "visitor.start")
    assert entry.origin == "api" and entry.actor == "desk" and entry.target == token


async def test_visitor_roles_inputs_and_paging(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    await booted(make_charger, "CP-V2")
    viewer = await api_site.as_role(Role.VIEWER)
    desk = await api_site.as_role(Role.DESK)
    body = {"charger_id": "CP-V2", "connector_id": 1}

    refused = await viewer.post("/api/visitors/start", json=body)
    assert refused.status == 403 and refused.problem["needs_role"] == "desk"
    assert (await viewer.get("/api/visitors")).status == 403
    extra = await desk.post("/api/visitors/start", json={**body, "card": "X"})
    assert extra.status == 422 and extra.problem["errors"][0]["field"] == "body.card"
    long_plate = await desk.post("/api/visitors/start", json={**body, "plate": "P" * 40})
    assert long_plate.status == 422
    unknown = await desk.post("/api/visitors/start", json={**body, "charger_id": "CP-NONE"})
    assert unknown.status == 404
    assert (await desk.get("/api/visitors", params={"limit": "0"})).status == 422
    empty = await desk.get("/api/visitors", params={"limit": "5"})
    assert empty.body == {"items": [], "next_offset": None}
