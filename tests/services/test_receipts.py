"""Receipts: numbered without gaps per year (across restarts and concurrent sessions),
frozen once issued, voided and reissued, and paid in cash, by card terminal or invoice."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from billing_helpers import D, Events, add_card, add_charger, energy_tariff, run_session
from sqlalchemy import select

from console.core.billing import BillingError, PaymentMethod, ReceiptStatus, SiteDetails
from console.core.events import ReceiptChanged
from console.core.model import Card
from console.services.engine import CentralSystem
from console.services.receipts import ReceiptService
from console.simulator.charger import SimulatedCharger
from console.storage import receipts as receipt_repo
from console.storage import tariffs as tariff_repo
from tests.actors import ADMIN, DESK

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

EngineFactory = Callable[..., Awaitable[CentralSystem]]
ChargerFactory = Callable[..., SimulatedCharger]
SITE = SiteDetails("St. Marien Hospital", "Car park P1\n10115 Berlin", "DE123456789")


def _at(hour: int, day: int = 5) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=UTC)


async def _billing_site(engine: CentralSystem, price: str = "0.40") -> None:
    default = await engine.billing.save_tariff(None, energy_tariff("Standard", price), actor=ADMIN)
    await engine.billing.set_default_tariff(default, actor=ADMIN)
    await engine.billing.save_site_details(SITE, actor=ADMIN)


async def _billed_sessions(engine: CentralSystem, count: int, start_hour: int = 0) -> list[int]:
    """``count`` sessions of 10 kWh each (4.00 at 0.40), billed."""
    await add_charger(engine, "CP-R")
    await add_card(engine, Card("RCPT-1", max_concurrent=0))
    events = Events(engine)
    ids = []
    for n in range(count):
        hour = start_hour + n
        readings = [(_at(hour), n * 10_000), (_at(hour) + timedelta(minutes=30), (n + 1) * 10_000)]
        ids.append(await run_session(engine, "CP-R", "RCPT-1", readings))
    for session_id in ids:
        await events.billed(session_id)
    return ids


async def test_receipts_are_numbered_without_gaps_and_continue_after_a_restart(
    make_engine: EngineFactory,
) -> None:
    engine = await make_engine()
    await _billing_site(engine)
    sessions = await _billed_sessions(engine, 4)
    issued = [await engine.receipts.issue(session_id, actor=ADMIN) for session_id in sessions[:3]]
    year = datetime.now(UTC).year
    assert [r.label for r in issued] == [f"{year}-00001", f"{year}-00002", f"{year}-00003"]
    assert (
        await engine.receipts.issue(sessions[0], actor=ADMIN) == issued[0]
    )  # one receipt per session
    content = issued[0].content
    assert content.site == SITE and content.charger_id == "CP-R" and content.connector_id == 1
    assert content.energy_kwh == D("10") and content.breakdown.gross_total == D("4.00")
    assert (content.started_at, content.stopped_at) == (_at(0), _at(0) + timedelta(minutes=30))
    assert content.customer == "card RCPT-1"
    assert issued[0].status is ReceiptStatus.UNPAID

    await engine.stop()
    again = await make_engine()
    fourth = await again.receipts.issue(sessions[3], actor=ADMIN)
    assert fourth.label == f"{year}-00004"


async def test_concurrently_stopping_sessions_get_consecutive_numbers(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    visitors = await engine.billing.save_tariff(
        None, energy_tariff("Visitors", "0.49"), actor=ADMIN
    )
    await engine.billing.set_visitor_tariff(visitors, actor=ADMIN)
    await add_card(engine, Card("LOAN-1", parent_id_tag="VISITOR", max_concurrent=0))
    events = Events(engine)
    charger = make_charger(engine, "CP-R20", connectors=20, meter_interval=1.0, speed=60.0)
    await charger.start()
    await charger.wait_booted()
    started = await asyncio.gather(*(charger.start_session(n, "LOAN-1") for n in range(1, 21)))
    assert all(tx is not None for tx in started)
    assert all(await asyncio.gather(*(charger.stop_session(n) for n in range(1, 21))))
    # Visitors' receipts are issued as soon as their sessions are billed.
    await events.wait(lambda: len(events.of(ReceiptChanged)) >= 20)
    receipts = await engine.writer.submit(lambda c: receipt_repo.list_receipts(c))
    assert sorted(r.number for r in receipts) == list(range(1, 21))
    assert sorted(r.content.session_id for r in receipts) == sorted(started)  # type: ignore[type-var]
    assert len({r.year for r in receipts}) == 1


async def test_concurrent_issues_never_share_or_skip_a_number(engine: CentralSystem) -> None:
    await _billing_site(engine)
    sessions = await _billed_sessions(engine, 12)
    issued = await asyncio.gather(
        *(engine.receipts.issue(s, actor=ADMIN) for s in sessions),
        *(engine.receipts.issue(s, actor=ADMIN) for s in sessions),
    )
    numbers = {r.content.session_id: r.number for r in issued}
    assert sorted(numbers.values()) == list(range(1, 13))
    assert all(numbers[r.content.session_id] == r.number for r in issued)


async def test_a_new_year_starts_at_one_in_the_sites_time_zone(engine: CentralSystem) -> None:
    await _billing_site(engine)
    await engine.writer.submit(lambda c: tariff_repo.set_site_timezone(c, "Europe/Berlin"))
    sessions = await _billed_sessions(engine, 3)
    moments = iter(
        [
            datetime(2026, 12, 31, 22, 0, tzinfo=UTC),  # 23:00 in Berlin: still 2026
            datetime(2026, 12, 31, 23, 30, tzinfo=UTC),  # 00:30 in Berlin: 2027 already
            datetime(2027, 1, 2, 9, 0, tzinfo=UTC),
        ]
    )
    desk = ReceiptService(engine.writer, engine.bus, lambda: next(moments))
    try:
        labels = [(await desk.issue(s, actor=ADMIN)).label for s in sessions]
    finally:
        await desk.close()
    assert labels == ["2026-00001", "2027-00001", "2027-00002"]


async def test_void_and_reissue_keeps_the_old_receipt_unchanged(engine: CentralSystem) -> None:
    await _billing_site(engine)
    [session] = await _billed_sessions(engine, 1)
    first = await engine.receipts.issue(session, actor=ADMIN)
    first = await engine.receipts.record_payment(
        first.id, PaymentMethod.CASH, D("1.50"), actor=DESK
    )
    assert [p.recorded_by for p in first.payments] == [DESK.name]  # the person logged in
    stored = receipt_repo.receipts.c
    before = await engine.writer.submit(
        lambda c: c.execute(select(stored.content).where(stored.id == first.id)).scalar_one()
    )
    await engine.billing.save_site_details(
        SiteDetails("St. Marien", "New address", "DE999"), actor=ADMIN
    )

    new = await engine.receipts.void(first.id, "wrong site address", actor=ADMIN)
    assert new is not None
    voided = await engine.receipts.receipt(first.id)
    assert voided is not None and voided.status is ReceiptStatus.VOID
    assert voided.void_reason == "wrong site address" and voided.voided_at is not None
    assert voided.voided_by == ADMIN.name
    after = await engine.writer.submit(
        lambda c: c.execute(select(stored.content).where(stored.id == first.id)).scalar_one()
    )
    assert after == before and json.loads(after)["site"]["address"] == SITE.address
    assert new.number == first.number + 1 and new.replaces_id == first.id
    assert new.content.replaces == first.label and new.content.site.address == "New address"
    # The cash received for the voided receipt paid for the same session: it carries over.
    assert new.paid == D("1.50") and new.status is ReceiptStatus.UNPAID
    assert [p.recorded_by for p in new.payments] == [DESK.name]
    assert await engine.receipts.issue(session, actor=ADMIN) == new  # the valid receipt now
    with pytest.raises(BillingError, match="already void"):
        await engine.receipts.void(first.id, "again", actor=ADMIN)
    with pytest.raises(BillingError, match="void"):
        await engine.receipts.record_payment(first.id, PaymentMethod.CASH, D("1.00"), actor=ADMIN)

    assert (
        await engine.receipts.void(new.id, "not charging this one", reissue=False, actor=ADMIN)
        is None
    )
    third = await engine.receipts.issue(session, actor=ADMIN)
    assert third.number == new.number + 1 and third.replaces_id is None


async def test_payments_by_cash_terminal_and_invoice(engine: CentralSystem) -> None:
    await _billing_site(engine)
    sessions = await _billed_sessions(engine, 2)
    events = Events(engine)
    receipt = await engine.receipts.issue(sessions[0], actor=ADMIN)  # 4.00
    with pytest.raises(BillingError, match="terminal's reference"):
        await engine.receipts.record_payment(
            receipt.id, PaymentMethod.TERMINAL, D("1.00"), actor=ADMIN
        )
    with pytest.raises(BillingError, match="more than"):
        await engine.receipts.record_payment(receipt.id, PaymentMethod.CASH, D("4.01"), actor=ADMIN)
    with pytest.raises(ValueError, match="whole number of cents"):
        await engine.receipts.record_payment(
            receipt.id, PaymentMethod.CASH, D("1.005"), actor=ADMIN
        )
    part = await engine.receipts.record_payment(
        receipt.id, PaymentMethod.CASH, D("1.00"), actor=ADMIN
    )
    assert part.status is ReceiptStatus.UNPAID and part.paid == D("1.00")
    paid = await engine.receipts.record_payment(
        receipt.id, PaymentMethod.TERMINAL, D("3.00"), reference=" TRM-0042 ", actor=ADMIN
    )
    assert paid.status is ReceiptStatus.PAID
    assert [(p.method, p.amount, p.reference) for p in paid.payments] == [
        (PaymentMethod.CASH, D("1.00"), None),
        (PaymentMethod.TERMINAL, D("3.00"), "TRM-0042"),
    ]
    with pytest.raises(BillingError, match="paid already"):
        await engine.receipts.record_payment(receipt.id, PaymentMethod.CASH, D("1.00"), actor=ADMIN)

    other = await engine.receipts.issue(sessions[1], actor=ADMIN)
    with pytest.raises(BillingError, match="cost centre"):
        await engine.receipts.record_payment(
            other.id, PaymentMethod.INVOICE, D("4.00"), actor=ADMIN
        )
    invoiced = await engine.receipts.record_payment(
        other.id,
        PaymentMethod.INVOICE,
        D("4.00"),
        reference="Radiology CC-1200",
        note="Monthly",
        actor=ADMIN,
    )
    assert invoiced.status is ReceiptStatus.PAID and invoiced.payments[0].note == "Monthly"
    assert {e.receipt_id for e in events.of(ReceiptChanged)} == {receipt.id, other.id}
    unpaid = await engine.writer.submit(
        lambda c: receipt_repo.list_receipts(c, status=ReceiptStatus.UNPAID)
    )
    assert unpaid == []


async def test_only_billed_finished_sessions_get_a_receipt(engine: CentralSystem) -> None:
    await add_charger(engine, "CP-R9")
    await add_card(engine, Card("RCPT-9"))
    unbilled = await run_session(engine, "CP-R9", "RCPT-9", [(_at(8), 0), (_at(9), 1_000)])
    with pytest.raises(BillingError, match="not been billed"):
        await engine.receipts.issue(unbilled, actor=ADMIN)
    await _billing_site(engine)
    running = await run_session(
        engine, "CP-R9", "RCPT-9", [(_at(10), 1_000), (_at(11), 2_000)], stop=False
    )
    with pytest.raises(BillingError, match="still running"):
        await engine.receipts.issue(running, actor=ADMIN)
    with pytest.raises(BillingError, match="no session"):
        await engine.receipts.issue(424242, actor=ADMIN)
