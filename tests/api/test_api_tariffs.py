"""Tariffs and the site details over HTTPS: the console's one-transaction Save, roles,
strict inputs, retiring, and the audit log's record of who changed what from the API."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal
from typing import Any

from console.core.billing import SiteDetails
from console.core.staff import Role
from console.core.tariffs import Tariff, TariffWindow
from tests.actors import ADMIN
from tests.api.api_helpers import ApiSite

STAFF: dict[str, Any] = {
    "name": "Staff",
    "currency": "EUR",
    "timezone": "Europe/Berlin",
    "energy_price": "0.30",
    "session_fee": "0.50",
    "tax_rate": "0.19",
    "idle_price": "6",
    "idle_grace_minutes": 30,
    "minimum": "1.00",
    "windows": [
        {
            "name": "Peak",
            "weekdays": [0, 1, 2, 3, 4],
            "start": "16:00",
            "end": "20:00",
            "energy_price": "0.59",
        }
    ],
    "groups": ["STAFF", "doctors"],
    "default": True,
}


async def _audit(api_site: ApiSite, action: str) -> list[Any]:
    entries = await api_site.engine.audit.entries(actor=ADMIN, limit=50)
    return [entry for entry in entries if entry.action == action]


async def test_an_admin_adds_a_tariff_with_its_groups_in_one_audited_step(
    api_site: ApiSite,
) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    added = await admin.post("/api/tariffs", json=STAFF)
    assert added.status == 201, added.body
    tariff = added.body
    assert tariff["name"] == "Staff" and tariff["retired"] is False
    assert tariff["groups"] == ["doctors", "STAFF"]
    assert tariff["default"] is True and tariff["visitor"] is False
    assert tariff["energy_price"] == "0.30" and tariff["idle_grace_minutes"] == 30
    assert tariff["windows"][0]["start"] == "16:00:00"

    # The same tariff the console's service stores and reads back.
    engine = api_site.engine
    (stored,) = await engine.billing.tariffs()
    assert stored.id == tariff["id"]
    assert stored.tariff == Tariff(
        name="Staff",
        currency="EUR",
        timezone="Europe/Berlin",
        energy_price=Decimal("0.30"),
        idle_price=Decimal("6"),
        idle_grace=timedelta(minutes=30),
        session_fee=Decimal("0.50"),
        minimum=Decimal("1.00"),
        tax_rate=Decimal("0.19"),
        windows=(
            TariffWindow(
                "Peak", frozenset(range(5)), time(16), time(20), energy_price=Decimal("0.59")
            ),
        ),
    )
    queries = api_site.api.queries
    assert queries is not None
    assert queries.default_tariff_id() == stored.id
    assert set(queries.tariff_groups()) == {"STAFF", "doctors"}

    (entry,) = await _audit(api_site, "tariff.add")
    assert entry.origin == "api" and entry.actor == "admin"
    assert "group STAFF" in entry.after["uses"]

    listed = await (await api_site.as_role(Role.VIEWER)).get("/api/tariffs")
    assert listed.status == 200 and listed.body == [tariff]
    one = await admin.get(f"/api/tariffs/{tariff['id']}")
    assert one.body == tariff


async def test_only_an_admin_changes_tariffs_and_the_site(api_site: ApiSite) -> None:
    for role in (Role.VIEWER, Role.DESK, Role.TECHNICIAN):
        client = await api_site.as_role(role)
        refused = await client.post("/api/tariffs", json=STAFF)
        assert refused.status == 403, role
        assert refused.problem["needs_role"] == "admin"
        site = await client.put("/api/site/details", json={"name": "Elsewhere"})
        assert site.status == 403 and site.problem["needs_role"] == "admin"
    assert await api_site.engine.billing.tariffs() == []
    assert await _audit(api_site, "tariff.add") == []


async def test_inputs_are_checked_before_anything_is_stored(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"colour": "red"}, "body.colour"),
        ({"currency": "eur"}, "body.currency"),
        ({"energy_price": "-1"}, "body.energy_price"),
        ({"session_fee": "0.005"}, "body.session_fee"),
        ({"tax_rate": "19"}, "body.tax_rate"),
        ({"windows": [{"name": "x", "weekdays": [], "start": "16:00", "end": "20:00"}]}, ""),
    ]
    for change, field in cases:
        reply = await admin.post("/api/tariffs", json=STAFF | change)
        assert reply.status == 422, (change, reply.body)
        assert field in reply.problem["detail"]
    # What only the tariff rules know is refused as an input too, in their words.
    for change, words in (
        ({"minimum": "5.00", "maximum": "2.00"}, "below minimum"),
        ({"timezone": "Mars/Olympus"}, "unknown timezone"),
        (
            {"windows": [{"name": "x", "weekdays": [7], "start": "16:00", "end": "20:00"}]},
            "weekdays",
        ),
    ):
        reply = await admin.post("/api/tariffs", json=STAFF | change)
        assert reply.status == 422 and words in reply.problem["detail"], reply.body
    assert await api_site.engine.billing.tariffs() == []


async def test_a_change_replaces_the_tariff_and_where_it_applies(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    tariff_id = (await admin.post("/api/tariffs", json=STAFF)).body["id"]
    changed = await admin.put(
        f"/api/tariffs/{tariff_id}",
        json=STAFF | {"energy_price": "0.35", "groups": ["STAFF"], "default": False},
    )
    assert changed.status == 200, changed.body
    assert changed.body["energy_price"] == "0.35"
    assert changed.body["groups"] == ["STAFF"] and changed.body["default"] is False
    queries = api_site.api.queries
    assert queries is not None
    assert queries.default_tariff_id() is None and queries.tariff_groups() == {"STAFF": tariff_id}
    (entry,) = await _audit(api_site, "tariff.change")
    assert entry.origin == "api"

    assert (await admin.put("/api/tariffs/999", json=STAFF)).status == 404
    taken = await admin.post("/api/tariffs", json=STAFF | {"groups": [], "default": False})
    assert taken.status == 409  # the name is taken


async def test_a_tariff_in_use_is_not_retired(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    tariff_id = (await admin.post("/api/tariffs", json=STAFF)).body["id"]
    in_use = await admin.post(f"/api/tariffs/{tariff_id}/retire")
    assert in_use.status == 409 and "site default" in in_use.problem["detail"]

    await admin.put(f"/api/tariffs/{tariff_id}", json=STAFF | {"groups": [], "default": False})
    retired = await admin.post(f"/api/tariffs/{tariff_id}/retire")
    assert retired.status == 200 and retired.body["retired"] is True
    assert (await admin.get("/api/tariffs")).body == []
    everything = await admin.get("/api/tariffs", params={"include_retired": "true"})
    assert [t["id"] for t in everything.body] == [tariff_id]
    again = await admin.put(f"/api/tariffs/{tariff_id}", json=STAFF | {"groups": []})
    assert again.status == 409 and "retired" in again.problem["detail"]
    assert (await admin.post("/api/tariffs/999/retire")).status == 404
    (entry,) = await _audit(api_site, "tariff.retire")
    assert entry.origin == "api"


async def test_a_tariff_without_a_zone_takes_the_sites(api_site: ApiSite) -> None:
    await api_site.engine.billing.set_site_timezone("Europe/Vienna", actor=ADMIN)
    admin = await api_site.as_role(Role.ADMIN)
    body = {k: v for k, v in STAFF.items() if k != "timezone"}
    added = await admin.post("/api/tariffs", json=body)
    assert added.status == 201 and added.body["timezone"] == "Europe/Vienna"


async def test_the_site_details_are_read_and_saved_like_the_console(api_site: ApiSite) -> None:
    admin = await api_site.as_role(Role.ADMIN)
    details = {"name": "St. Marien", "address": "Car park P1\n10115 Berlin", "tax_number": "DE1"}
    saved = await admin.put("/api/site/details", json=details)
    assert saved.status == 200 and saved.body == details
    queries = api_site.api.queries
    assert queries is not None
    assert queries.site_details() == SiteDetails("St. Marien", "Car park P1\n10115 Berlin", "DE1")
    viewer = await api_site.as_role(Role.VIEWER)
    assert (await viewer.get("/api/site/details")).body == details
    (entry,) = await _audit(api_site, "site.details")
    assert entry.origin == "api" and entry.after["name"] == "St. Marien"

    empty = await admin.put("/api/site/details", json={"name": ""})
    assert empty.status == 422
    blank = await admin.put("/api/site/details", json={"name": "   "})
    assert blank.status == 409 and "name" in blank.problem["detail"]
