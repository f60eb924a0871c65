"""Cards through the engine: validation, versions, refusals, tap-to-learn, over real OCPP."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from ocpp.v16 import call

from console.core.cards import InvalidCardId
from console.core.clock import utcnow
from console.core.enums import AuthorizationStatus, CardStatus, SessionFlag
from console.core.events import CardRefused, CardsChanged, Event
from console.core.model import Card, Person
from console.services.cards import CardNotFound
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage import sessions as session_repo
from tests.actors import ADMIN

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

ChargerFactory = Callable[..., SimulatedCharger]


async def _booted(engine: CentralSystem, make_charger: ChargerFactory, charger_id: str) -> Any:
    charger = make_charger(engine, charger_id)
    await charger.start()
    await charger.wait_booted()
    return charger


async def _authorize(charger: SimulatedCharger, id_tag: str) -> str:
    reply = await charger.call(call.Authorize(id_tag=id_tag))
    return str(reply.id_tag_info["status"])


@pytest.mark.parametrize(
    ("id_tag", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("A" * 21, "at most 20"),
        ("04 A1", "printable ASCII"),
        ("CAFÉ", "printable ASCII"),
    ],
)
async def test_a_card_id_a_charger_could_not_send_is_refused(
    engine: CentralSystem, id_tag: str, message: str
) -> None:
    with pytest.raises(InvalidCardId, match=message):
        await engine.cards.save_card(Card(id_tag), actor=ADMIN)


async def test_each_change_moves_the_list_version_and_is_announced(engine: CentralSystem) -> None:
    events: list[Event] = []
    engine.bus.subscribe(events.append)
    await engine.cards.save_card(Card(" 04ab ", parent_id_tag="STAFF"), actor=ADMIN)
    await engine.cards.save_card(Card("04ab", parent_id_tag="STAFF"), actor=ADMIN)  # no change
    await engine.cards.set_status("04ab", CardStatus.BLOCKED, actor=ADMIN)
    changes = [event for event in events if isinstance(event, CardsChanged)]
    assert [(change.version, change.id_tags) for change in changes] == [
        (1, ("04ab",)),
        (2, ("04ab",)),
    ]
    with pytest.raises(CardNotFound):
        await engine.cards.set_status("nobody", CardStatus.BLOCKED, actor=ADMIN)


async def test_an_owner_must_exist(engine: CentralSystem) -> None:
    person = await engine.cards.save_person(
        Person(None, "Ann Lee", department="Radiology"), actor=ADMIN
    )
    assert person.id is not None
    saved = await engine.cards.save_card(Card("C1", person_id=person.id), actor=ADMIN)
    assert saved.person_id == person.id
    with pytest.raises(InvalidCardId, match="does not exist"):
        await engine.cards.save_card(Card("C2", person_id=person.id + 100), actor=ADMIN)
    with pytest.raises(ValueError, match="name"):
        await engine.cards.save_person(Person(None, "  "), actor=ADMIN)


async def test_block_expire_and_retire_change_the_answer_at_the_charger(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(engine, make_charger, "CP-A")
    await engine.cards.save_card(Card("04A1B2", parent_id_tag="STAFF"), actor=ADMIN)
    reply = await charger.call(call.Authorize(id_tag="04a1b2"))
    assert reply.id_tag_info == {"status": "Accepted", "parent_id_tag": "STAFF"}

    await engine.cards.set_status("04A1B2", CardStatus.BLOCKED, actor=ADMIN)
    assert await _authorize(charger, "04A1B2") == "Blocked"
    past = utcnow() - timedelta(minutes=1)
    await engine.cards.save_card(Card("04A1B2", expires_at=past), actor=ADMIN)
    assert await _authorize(charger, "04A1B2") == "Expired"
    await engine.cards.set_status("04A1B2", CardStatus.RETIRED, actor=ADMIN)
    assert await _authorize(charger, "04A1B2") == "Invalid"
    # Retired, not deleted: the card and its refusals stay.
    card = await engine.writer.submit(lambda c: card_repo.get_card(c, "04a1b2"))
    assert card is not None and card.status is CardStatus.RETIRED


async def test_refused_cards_are_counted_with_charger_and_time(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(engine, make_charger, "CP-R")
    await engine.cards.save_card(Card("BLOCKED-1", status=CardStatus.BLOCKED), actor=ADMIN)
    for id_tag in ("UNKNOWN-1", "unknown-1", "BLOCKED-1"):
        await _authorize(charger, id_tag)
    refused = await engine.writer.submit(card_repo.list_refused_cards)
    by_id = {card.id_tag.upper(): card for card in refused}
    assert by_id["UNKNOWN-1"].count == 2
    assert by_id["UNKNOWN-1"].charger_id == "CP-R"
    assert not by_id["UNKNOWN-1"].registered
    assert by_id["BLOCKED-1"].status is AuthorizationStatus.BLOCKED
    assert by_id["BLOCKED-1"].registered


async def test_a_session_started_with_an_unknown_card_is_kept_flagged_and_listed(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    """A charger may start from a stale cache or while offline: the session counts."""
    charger = await _booted(engine, make_charger, "CP-S")
    reply = await charger.call(
        call.StartTransaction(
            connector_id=1, id_tag="STALE-9", meter_start=100, timestamp=utcnow().isoformat()
        )
    )
    assert reply.id_tag_info["status"] == "Invalid"
    session = await engine.writer.submit(
        lambda c: session_repo.get_session(c, reply.transaction_id)
    )
    assert session is not None and SessionFlag.INVALID_CARD in session.flags
    refused = await engine.writer.submit(card_repo.list_refused_cards)
    assert [card.id_tag for card in refused] == ["STALE-9"]


async def test_tap_to_learn_takes_the_next_unknown_card_at_that_charger(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    here = await _booted(engine, make_charger, "CP-HERE")
    elsewhere = await _booted(engine, make_charger, "CP-ELSEWHERE")
    await engine.cards.save_card(Card("KNOWN-B", status=CardStatus.BLOCKED), actor=ADMIN)
    learning = asyncio.ensure_future(engine.cards.next_unknown_card("CP-HERE"))
    await _authorize(elsewhere, "NEW-ELSEWHERE")  # another charger: not this one
    await _authorize(here, "KNOWN-B")  # registered (blocked): not unknown
    assert not learning.done()
    await _authorize(here, "NEW-CARD-7")
    tapped = await asyncio.wait_for(learning, 10)
    assert (tapped.charger_id, tapped.id_tag) == ("CP-HERE", "NEW-CARD-7")

    await engine.cards.save_card(Card(tapped.id_tag), actor=ADMIN)
    assert await _authorize(here, "new-card-7") == "Accepted"


async def test_tap_to_learn_at_any_charger_and_a_start_counts_too(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(engine, make_charger, "CP-ANY")
    events: list[Event] = []
    engine.bus.subscribe(events.append)
    learning = asyncio.ensure_future(engine.cards.next_unknown_card(None))
    await charger.start_session(1, "FRESH-1", authorize=False)
    tapped = await asyncio.wait_for(learning, 10)
    assert tapped.id_tag == "FRESH-1"
    assert any(isinstance(event, CardRefused) for event in events)


async def test_a_cancelled_wait_leaves_nothing_behind(engine: CentralSystem) -> None:
    learning = asyncio.ensure_future(engine.cards.next_unknown_card("CP-X"))
    await asyncio.sleep(0)
    learning.cancel()
    with pytest.raises(asyncio.CancelledError):
        await learning
    assert engine.cards.waiting_for_taps == 0
