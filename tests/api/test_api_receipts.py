"""Receipts over HTTPS: issue, list and page, PDF, payments, void and reissue, with the
roles of the Billing tab and the audit log's record of each change from the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from console.core.billing import SiteDetails
from console.core.model import Card
from console.core.staff import Role
from tests.actors import ADMIN
from tests.api.api_helpers import ApiSite
from tests.services.billing_helpers import (
    Events,
    add_card,
    add_charger,
    energy_tariff,
    run_session,
)

SITE = SiteDetails("St. Marien Hospital", "Car park P1\n10115 Berlin", "DE123456789")


def _at(hour: int) -> datetime:
    return datetime(2025, 3, 5, hour, tzinfo=UTC)


async def _billed_sessions(api_site: ApiSite, count: int) -> list[int]:
    """``count`` finished sessions of 10 kWh each at 0.40 (4.00 each), billed."""
    engine = api_site.engine
    default = await engine.billing.save_tariff(None, energy_tariff("Standard", "0.40"), actor=ADMIN)
    await engine.billing.set_default_tariff(default, actor=ADMIN)
    await engine.billing.save_site_details(SITE, actor=ADMIN)
    await add_charger(engine, "CP-R")
    await add_card(engine, Card("RCPT-1", max_concurrent=0))
    events = Events(engine)
    ids = []
    for n in range(count):
        readings = [(_at(n), n * 10_000), (_at(n) + timedelta(minutes=30), (n + 1) * 10_000)]
        ids.append(await run_session(engine, "CP-R", "RCPT-1", readings))
    for session_id in ids:
        await events.billed(session_id)
    return ids


async def _audit(api_site: ApiSite, action: str) -> list[Any]:
    entries = await api_site.engine.audit.entries(actor=ADMIN, limit=50)
    return [entry for entry in entries if entry.action == action]


async def test_the_desk_issues_a_receipt_once_and_everyone_reads_it(api_site: ApiSite) -> None:
    (session_id,) = await _billed_sessions(api_site, 1)
    viewer = await api_site.as_role(Role.VIEWER)
    refused = await viewer.post("/api/receipts", json={"session_id": session_id})
    assert refused.status == 403 and refused.problem["needs_role"] == "desk"

    desk = await api_site.as_role(Role.DESK)
    issued = await desk.post("/api/receipts", json={"session_id": session_id})
    assert issued.status == 200, issued.body
    receipt = issued.body
    year = datetime.now(UTC).year
    assert receipt["number"] == f"{year}-00001" and receipt["status"] == "unpaid"
    assert receipt["total"] == "4.00" and receipt["outstanding"] == "4.00"
    assert receipt["customer"] == "card RCPT-1" and receipt["energy_kwh"] == "10.000000"
    assert receipt["lines"][0]["kind"] == "energy" and receipt["lines"][0]["unit"] == "kWh"

    # Asking again (anyone) gives the same receipt; the service has it the same way.
    assert (await desk.post("/api/receipts", json={"session_id": session_id})).body == receipt
    assert (await viewer.post("/api/receipts", json={"session_id": session_id})).body == receipt
    stored = await api_site.engine.receipts.receipt(receipt["id"])
    assert stored is not None and stored.label == receipt["number"]
    assert (await viewer.get(f"/api/receipts/{receipt['id']}")).body == receipt
    (entry,) = await _audit(api_site, "receipt.issue")
    assert entry.origin == "api" and entry.actor == "desk" and entry.target == receipt["number"]


async def test_a_receipt_needs_a_known_finished_billed_session(api_site: ApiSite) -> None:
    await _billed_sessions(api_site, 1)
    running = await run_session(
        api_site.engine, "CP-R", "RCPT-1", [(_at(8), 50_000), (_at(9), 60_000)], stop=False
    )
    desk = await api_site.as_role(Role.DESK)
    unknown = await desk.post("/api/receipts", json={"session_id": 999})
    assert unknown.status == 404 and unknown.problem["detail"] == "There is no session 999."
    busy = await desk.post("/api/receipts", json={"session_id": running})
    assert busy.status == 409 and "running" in busy.problem["detail"]
    bad = await desk.post("/api/receipts", json={"session_id": 0})
    assert bad.status == 422
    assert (await desk.get("/api/receipts/999")).status == 404


async def test_receipts_are_listed_filtered_and_paged(api_site: ApiSite) -> None:
    sessions = await _billed_sessions(api_site, 3)
    desk = await api_site.as_role(Role.DESK)
    issued = [
        (await desk.post("/api/receipts", json={"session_id": s})).body["id"] for s in sessions
    ]
    viewer = await api_site.as_role(Role.VIEWER)
    year = datetime.now(UTC).year
    first = await viewer.get("/api/receipts", params={"limit": "2"})
    assert [r["id"] for r in first.body["items"]] == issued[::-1][:2]
    assert first.body["next_offset"] == 2
    rest = await viewer.get("/api/receipts", params={"limit": "2", "offset": "2"})
    assert [r["id"] for r in rest.body["items"]] == [issued[0]]
    assert rest.body["next_offset"] is None

    by_session = await viewer.get("/api/receipts", params={"session": str(sessions[1])})
    assert [r["id"] for r in by_session.body["items"]] == [issued[1]]
    by_number = await viewer.get("/api/receipts", params={"number": f"{year}-00003"})
    assert [r["id"] for r in by_number.body["items"]] == [issued[2]]
    this_year = await viewer.get("/api/receipts", params={"year": str(year), "status": "unpaid"})
    assert len(this_year.body["items"]) == 3
    last_year = await viewer.get("/api/receipts", params={"year": str(year - 1)})
    assert last_year.body["items"] == []
    paid = await viewer.get("/api/receipts", params={"status": "paid"})
    assert paid.body["items"] == []

    assert (await viewer.get("/api/receipts", params={"status": "lost"})).status == 422
    assert (await viewer.get("/api/receipts", params={"limit": "0"})).status == 422
    assert (await viewer.get("/api/receipts", params={"page": "2"})).status == 400


async def test_the_pdf_of_a_receipt(api_site: ApiSite) -> None:
    (session_id,) = await _billed_sessions(api_site, 1)
    desk = await api_site.as_role(Role.DESK)
    receipt = (await desk.post("/api/receipts", json={"session_id": session_id})).body
    viewer = await api_site.as_role(Role.VIEWER)
    pdf = await viewer.get(f"/api/receipts/{receipt['id']}.pdf")
    assert pdf.status == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.raw.startswith(b"%PDF")
    assert f'filename="receipt-{receipt["number"]}.pdf"' in pdf.headers["Content-Disposition"]
    assert (await viewer.get("/api/receipts/999.pdf")).status == 404


async def test_payments_are_recorded_until_the_receipt_is_paid(api_site: ApiSite) -> None:
    (session_id,) = await _billed_sessions(api_site, 1)
    desk = await api_site.as_role(Role.DESK)
    receipt_id = (await desk.post("/api/receipts", json={"session_id": session_id})).body["id"]
    path = f"/api/receipts/{receipt_id}/payments"

    viewer = await api_site.as_role(Role.VIEWER)
    refused = await viewer.post(path, json={"method": "cash", "amount": "1.00"})
    assert refused.status == 403 and refused.problem["needs_role"] == "desk"
    for body in (
        {"method": "cash", "amount": "0"},
        {"method": "cash", "amount": "1.005"},
        {"method": "cheque", "amount": "1.00"},
        {"method": "cash", "amount": "1.00", "tip": "1"},
    ):
        assert (await desk.post(path, json=body)).status == 422, body
    no_reference = await desk.post(path, json={"method": "terminal", "amount": "1.00"})
    assert no_reference.status == 409 and "reference" in no_reference.problem["detail"]
    too_much = await desk.post(path, json={"method": "cash", "amount": "5.00"})
    assert too_much.status == 409

    part = await desk.post(path, json={"method": "cash", "amount": "1.50", "note": "coins"})
    assert part.status == 201, part.body
    assert part.body["status"] == "unpaid" and part.body["outstanding"] == "2.50"
    rest = await desk.post(
        path, json={"method": "terminal", "amount": "2.50", "reference": "T-0042"}
    )
    assert rest.body["status"] == "paid" and rest.body["outstanding"] == "0.00"
    assert [p["amount"] for p in rest.body["payments"]] == ["1.50", "2.50"]
    assert rest.body["payments"][1]["recorded_by"] == "desk"
    paid_already = await desk.post(path, json={"method": "cash", "amount": "0.01"})
    assert paid_already.status == 409
    cash = {"method": "cash", "amount": "1.00"}
    assert (await desk.post("/api/receipts/999/payments", json=cash)).status == 404
    entries = await _audit(api_site, "receipt.payment")
    assert len(entries) == 2 and {entry.origin for entry in entries} == {"api"}


async def test_only_an_admin_voids_and_the_correction_takes_the_payments(
    api_site: ApiSite,
) -> None:
    (session_id,) = await _billed_sessions(api_site, 1)
    desk = await api_site.as_role(Role.DESK)
    receipt = (await desk.post("/api/receipts", json={"session_id": session_id})).body
    path = f"/api/receipts/{receipt['id']}/void"
    await desk.post(
        f"/api/receipts/{receipt['id']}/payments", json={"method": "cash", "amount": "1.00"}
    )

    refused = await desk.post(path, json={"reason": "wrong customer"})
    assert refused.status == 403 and refused.problem["needs_role"] == "admin"
    admin = await api_site.as_role(Role.ADMIN)
    assert (await admin.post(path, json={"reason": ""})).status == 422

    voided = await admin.post(path, json={"reason": "wrong customer"})
    assert voided.status == 200, voided.body
    old, new = voided.body["voided"], voided.body["reissued"]
    assert old["status"] == "void" and old["void_reason"] == "wrong customer"
    assert old["voided_by"] == "admin" and old["outstanding"] == "0.00"
    assert new["replaces"] == receipt["number"] and new["replaces_id"] == receipt["id"]
    assert new["paid"] == "1.00" and new["outstanding"] == "3.00"
    (entry,) = await _audit(api_site, "receipt.void")
    assert entry.origin == "api" and entry.after["reissued_as"] == new["number"]

    again = await admin.post(path, json={"reason": "twice"})
    assert again.status == 409 and "already void" in again.problem["detail"]
    only = await admin.post(
        f"/api/receipts/{new['id']}/void", json={"reason": "refunded", "reissue": False}
    )
    assert only.body["reissued"] is None and only.body["voided"]["status"] == "void"
    pdf = await admin.get(f"/api/receipts/{new['id']}.pdf")
    assert pdf.raw.startswith(b"%PDF") and "-void.pdf" in pdf.headers["Content-Disposition"]
    assert (await admin.post("/api/receipts/999/void", json={"reason": "x"})).status == 404
