"""Visitors without a card: a one-time token, a remote start, the visitor tariff, a receipt."""

from __future__ import annotations

from collections.abc import Callable

from billing_helpers import D, Events, add_card, energy_tariff
from sqlalchemy import func, select

from console.core.billing import ReceiptStatus
from console.core.enums import CardStatus, CommandResult
from console.core.events import CardsChanged, MeterSampled, ReceiptChanged, SessionStarted
from console.core.model import Card
from console.services.engine import CentralSystem
from console.services.visitors import new_token
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage import receipts as receipt_repo
from console.storage import visitors as visitor_repo
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]


async def _tariffs(engine: CentralSystem) -> int:
    visitors = await engine.billing.save_tariff(
        None, energy_tariff("Visitors", "0.49"), actor=ADMIN
    )
    default = await engine.billing.save_tariff(None, energy_tariff("Standard", "0.30"), actor=ADMIN)
    await engine.billing.set_visitor_tariff(visitors, actor=ADMIN)
    await engine.billing.set_default_tariff(default, actor=ADMIN)
    return visitors


async def _card(engine: CentralSystem, token: str) -> Card | None:
    return await engine.writer.submit(lambda c: card_repo.get_card(c, token))


def test_tokens_are_one_time_ids_a_charger_accepts() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert len(token) == 10 <= 20 and token.startswith("V") and token.isalnum()
        assert token == token.upper() and not set(token[1:]) & set("0189")


async def test_visitor_session_is_started_remotely_and_billed_at_the_visitor_tariff(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    visitor_tariff = await _tariffs(engine)
    events = Events(engine)
    charger = make_charger(engine, "CP-V1", kind="DC", meter_interval=0.05, speed=60.0)
    await charger.start()
    await charger.wait_booted()

    visitor, outcome = await engine.visitors.start(
        "CP-V1", 1, name="Anna Schulz", plate=" B-AS 123 ", email="anna@example.org", actor=ADMIN
    )
    assert outcome.accepted, outcome
    assert visitor.id is not None and visitor.plate == "B-AS 123" and visitor.phone is None
    starts = [c for c in charger.received if c.action == "RemoteStartTransaction"]
    assert [(c.payload["id_tag"], c.payload["connector_id"]) for c in starts] == [
        (visitor.token, 1)
    ]
    card = await _card(engine, visitor.token)
    assert card is not None and card.parent_id_tag == "VISITOR" and card.max_concurrent == 1
    assert any(visitor.token in e.id_tags for e in events.of(CardsChanged))

    def token_changes() -> int:
        return len([e for e in events.of(CardsChanged) if visitor.token in e.id_tags])

    await events.wait(lambda: events.of(SessionStarted))
    [started] = events.of(SessionStarted)
    assert started.session.id_tag == visitor.token
    tx = started.session.id
    await events.wait(lambda: token_changes() >= 2)  # linked: the token no longer expires
    await events.wait(lambda: len(events.of(MeterSampled)) >= 3)
    linked = await engine.writer.submit(lambda c: visitor_repo.get_visitor(c, visitor.id or 0))
    assert linked is not None and linked.session_id == tx
    card = await _card(engine, visitor.token)
    assert card is not None and card.expires_at is None

    assert await charger.stop_session(1)
    await events.billed(tx)
    bill = await engine.billing.bill(tx)
    assert bill is not None and bill.tariff_id == visitor_tariff
    assert bill.visitor_id == visitor.id and bill.group == "VISITOR"
    assert bill.breakdown.gross_total > 0

    # The receipt is ready at the desk, made out to the visitor; the token is spent.
    await events.wait(lambda: len(events.of(ReceiptChanged)) >= 1)
    receipts = await engine.writer.submit(lambda c: receipt_repo.receipts_of_session(c, tx))
    assert [r.status for r in receipts] == [ReceiptStatus.UNPAID]
    assert receipts[0].content.customer == "Anna Schulz, B-AS 123"
    assert receipts[0].total == bill.breakdown.gross_total
    await events.wait(lambda: token_changes() >= 3)
    card = await _card(engine, visitor.token)
    assert card is not None and card.status is CardStatus.RETIRED
    # A spent token starts nothing any more.
    assert await charger.start_session(1, visitor.token) is None


async def test_refused_or_unanswered_remote_start_retires_the_token(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _tariffs(engine)
    await add_card(engine, Card("BUSY-1"))
    charger = make_charger(engine, "CP-V2", connectors=1)
    await charger.start()
    await charger.wait_booted()
    assert await charger.start_session(1, "BUSY-1") is not None  # the connector is taken

    visitor, outcome = await engine.visitors.start("CP-V2", 1, name="Ben", actor=ADMIN)
    assert outcome.result is CommandResult.ANSWERED and outcome.status == "Rejected"
    card = await _card(engine, visitor.token)
    assert card is not None and card.status is CardStatus.RETIRED

    offline, outcome = await engine.visitors.start("NOT-CONNECTED", 1, actor=ADMIN)
    assert outcome.result is CommandResult.OFFLINE
    card = await _card(engine, offline.token)
    assert card is not None and card.status is CardStatus.RETIRED
    stored = await engine.writer.submit(lambda c: visitor_repo.list_visitors(c))
    assert {v.token for v in stored} == {visitor.token, offline.token}
    assert all(v.session_id is None for v in stored)


async def test_a_visitor_group_card_pays_the_visitor_tariff(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    visitor_tariff = await _tariffs(engine)
    await add_card(engine, Card("LOAN-7", parent_id_tag="visitor"))
    events = Events(engine)
    charger = make_charger(engine, "CP-V3", kind="DC", meter_interval=0.05, speed=60.0)
    await charger.start()
    await charger.wait_booted()
    tx = await charger.start_session(1, "LOAN-7")
    assert tx is not None
    await events.wait(lambda: len(events.of(MeterSampled)) >= 2)
    assert await charger.stop_session(1)
    await events.billed(tx)
    bill = await engine.billing.bill(tx)
    assert bill is not None and bill.tariff_id == visitor_tariff and bill.visitor_id is None
    kwh = bill.breakdown.energy_kwh
    assert bill.breakdown.lines[0].unit_price == D("0.49") and kwh > 0
    await events.wait(lambda: len(events.of(ReceiptChanged)) >= 1)
    count = await engine.writer.submit(
        lambda c: c.execute(select(func.count()).select_from(receipt_repo.receipts)).scalar()
    )
    assert count == 1
    # A loan card is not spent by a session: only one-time tokens are.
    card = await _card(engine, "LOAN-7")
    assert card is not None and card.status is CardStatus.ACTIVE
