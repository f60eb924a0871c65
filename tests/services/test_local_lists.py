"""Local authorization lists follow the cards, over real OCPP with simulated chargers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ocpp.exceptions import NotImplementedError as OcppNotImplemented
from ocpp.v16 import call_result
from websockets.asyncio.client import connect

from console.core.cards import local_list_entry
from console.core.clock import utcnow
from console.core.enums import AdmissionMode, CardStatus, CommandResult
from console.core.local_lists import (
    DEFAULT_MESSAGE_SIZE,
    ListLimits,
    LocalListState,
    fits_whole,
    full_list,
    limits_from_configuration,
    split_update,
)
from console.core.model import Card
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.simulator.clock import parse_time
from console.simulator.localauth import LocalAuthList
from console.storage import cards as card_repo
from console.storage.database import create_db_engine
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]
EngineFactory = Callable[..., Any]

EXPIRY = datetime(2031, 1, 1, 12, tzinfo=UTC)


async def _idle(engine: CentralSystem) -> None:
    """Wait until every sync asked for so far has run."""
    async with asyncio.timeout(10):
        await engine.local_lists.wait_idle()


async def _booted(
    engine: CentralSystem, make_charger: ChargerFactory, charger_id: str, **options: Any
) -> SimulatedCharger:
    charger = make_charger(engine, charger_id, **options)
    await charger.start()
    await charger.wait_booted()
    # The boot asked for a sync before it was answered: wait for it to finish.
    await _idle(engine)
    return charger


def _sent(charger: SimulatedCharger, action: str = "SendLocalList") -> list[dict[str, Any]]:
    return [command.payload for command in charger.received if command.action == action]


def _asked(charger: SimulatedCharger) -> int:
    return len(_sent(charger, "GetLocalListVersion"))


async def _state(engine: CentralSystem, charger_id: str) -> LocalListState:
    states = {state.charger_id: state for state in await engine.local_lists.states()}
    return states[charger_id]


async def _site_version(engine: CentralSystem) -> int:
    return await engine.writer.submit(card_repo.local_list_version)


async def _some_cards(engine: CentralSystem) -> None:
    await engine.cards.save_cards(
        [
            Card("04aB", expires_at=EXPIRY, parent_id_tag="STAFF"),
            Card("B1", status=CardStatus.BLOCKED),
            Card("gone", status=CardStatus.RETIRED),
        ],
        actor=ADMIN,
    )


async def test_a_booting_charger_gets_the_full_list(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _some_cards(engine)
    charger = await _booted(engine, make_charger, "CP-1")
    assert charger.local_list == {"04aB": "Accepted", "B1": "Blocked"}
    info = charger.local_auth.lookup("04AB")  # ids compare case-insensitively
    assert info is not None
    assert parse_time(info["expiry_date"]) == EXPIRY
    assert info["parent_id_tag"] == "STAFF"
    version = await _site_version(engine)
    assert charger.local_auth.version == version
    assert [sent["update_type"] for sent in _sent(charger)] == ["Full"]
    state = await _state(engine, "CP-1")
    assert (state.version, state.supported, state.max_length) == (version, True, 1000)
    assert state.last_result == "Full list sent: 2 cards"
    assert state.synced_at is not None


async def test_card_changes_reach_a_connected_charger_as_differentials(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _some_cards(engine)
    charger = await _booted(engine, make_charger, "CP-1")
    await engine.cards.save_card(Card("new1"), actor=ADMIN)
    await engine.cards.set_status("04ab", CardStatus.BLOCKED, actor=ADMIN)
    await engine.cards.set_status(
        "B1", CardStatus.RETIRED, actor=ADMIN
    )  # retiring removes the entry
    await _idle(engine)
    assert charger.local_list == {"04aB": "Blocked", "new1": "Accepted"}
    assert charger.local_auth.version == await _site_version(engine)
    later = _sent(charger)[1:]
    assert later and all(sent["update_type"] == "Differential" for sent in later)
    # Three changes in a row: one run, and at most one more folded from the others.
    assert len(later) <= 2
    assert (await _state(engine, "CP-1")).version == await _site_version(engine)


async def test_a_charger_that_reconnects_in_step_gets_only_what_changed(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _some_cards(engine)
    charger = await _booted(engine, make_charger, "CP-1")
    await charger.go_offline()
    await charger.come_back()
    await _idle(engine)
    assert _asked(charger) == 2
    assert len(_sent(charger)) == 1  # in step: nothing sent again

    await charger.go_offline()
    await engine.cards.save_card(Card("late"), actor=ADMIN)
    await charger.come_back()
    await _idle(engine)
    last = _sent(charger)[-1]
    assert last["update_type"] == "Differential"
    assert [entry["id_tag"] for entry in last["local_authorization_list"]] == ["late"]
    assert charger.local_list == {"04aB": "Accepted", "B1": "Blocked", "late": "Accepted"}


async def test_a_charger_that_lost_its_list_gets_a_full_one(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _some_cards(engine)
    charger = await _booted(engine, make_charger, "CP-1")
    await charger.go_offline()
    charger.local_auth = LocalAuthList()  # version 0: a reset or a new controller board
    await charger.come_back()
    await _idle(engine)
    assert [sent["update_type"] for sent in _sent(charger)] == ["Full", "Full"]
    assert charger.local_list == {"04aB": "Accepted", "B1": "Blocked"}


async def test_staff_can_force_a_full_update(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _some_cards(engine)
    charger = await _booted(engine, make_charger, "CP-1")
    state = await engine.local_lists.sync("CP-1", full=True, actor=ADMIN)
    assert state.version == await _site_version(engine)
    assert [sent["update_type"] for sent in _sent(charger)] == ["Full", "Full"]
    assert (await engine.local_lists.sync("CP-1", actor=ADMIN)).last_result == "Up to date"
    assert len(_sent(charger)) == 2


async def test_a_charger_without_local_lists_is_not_asked_again_until_it_boots(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _some_cards(engine)
    charger = await _booted(engine, make_charger, "CP-1", supports_local_list=False)
    state = await _state(engine, "CP-1")
    assert state.supported is False
    assert _asked(charger) == 1 and _sent(charger) == []

    await engine.cards.save_card(Card("new1"), actor=ADMIN)
    await engine.local_lists.reconcile()
    await _idle(engine)
    assert _asked(charger) == 1

    charger.supports_local_list = True  # new firmware; it boots again
    await charger.go_offline()
    await charger.come_back()
    await _idle(engine)
    assert charger.local_list == {"04aB": "Accepted", "B1": "Blocked", "new1": "Accepted"}
    assert (await _state(engine, "CP-1")).supported is True


async def test_a_call_error_not_implemented_also_means_no_local_list(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = make_charger(engine, "CP-1")

    def not_implemented(**_: Any) -> Any:
        raise OcppNotImplemented("no local list here")

    charger._cmd_get_local_list_version = not_implemented  # type: ignore[method-assign]
    await charger.start()
    await charger.wait_booted()
    await _idle(engine)
    await engine.cards.save_card(Card("new1"), actor=ADMIN)
    await _idle(engine)
    assert (await _state(engine, "CP-1")).supported is False
    assert _asked(charger) == 1


async def test_a_charger_that_reconnects_without_booting_is_synced_after_a_grace(
    engine: CentralSystem,
) -> None:
    await engine.admission.add_charger("CP-RAW", actor=ADMIN)
    engine.local_lists.connect_grace = 0.05
    url = f"ws://127.0.0.1:{engine.port}/ocpp/CP-RAW"
    async with connect(url, subprotocols=["ocpp1.6"]) as ws:  # type: ignore[list-item]
        async with asyncio.timeout(5):
            message_type, unique_id, action, payload = json.loads(await ws.recv())
        assert (message_type, action, payload) == (2, "GetLocalListVersion", {})
        await ws.send(json.dumps([3, unique_id, {"listVersion": -1}]))
        await _idle(engine)
    assert (await _state(engine, "CP-RAW")).supported is False


async def test_a_pending_charger_is_not_pushed_to(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine: CentralSystem = await make_engine(AdmissionMode.APPROVE)
    await _some_cards(engine)
    charger = make_charger(engine, "CP-1")
    await charger.start()
    await charger.wait_for(lambda: charger.registration_status == "Pending")
    await engine.cards.save_card(Card("new1"), actor=ADMIN)
    await _idle(engine)
    assert _asked(charger) == 0

    await engine.admission.set_approval("CP-1", True, actor=ADMIN)
    await charger.wait_booted()
    await _idle(engine)
    assert charger.local_list == {"04aB": "Accepted", "B1": "Blocked", "new1": "Accepted"}


async def test_a_failing_charger_is_not_retried_on_every_change(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    failing = make_charger(engine, "CP-BAD")

    def fail(**_: Any) -> Any:
        return call_result.SendLocalList(status="Failed"), None

    failing._cmd_send_local_list = fail  # type: ignore[method-assign]
    await _some_cards(engine)
    await failing.start()
    await failing.wait_booted()
    await _idle(engine)
    assert (await _state(engine, "CP-BAD")).last_result == "SendLocalList: Failed"
    healthy = await _booted(engine, make_charger, "CP-OK")

    await engine.cards.save_card(Card("new1"), actor=ADMIN)
    await engine.local_lists.reconcile()
    await _idle(engine)
    assert "new1" in healthy.local_list
    assert _asked(failing) == 1  # held back until the retry delay has passed
    # Staff can still ask at once.
    state = await engine.local_lists.sync("CP-BAD", actor=ADMIN)
    assert _asked(failing) == 2 and state.last_result == "SendLocalList: Failed"


async def test_a_long_list_is_sent_in_parts_the_charger_accepts(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await engine.cards.save_cards([Card(f"C{n}") for n in range(5)], actor=ADMIN)
    charger = await _booted(engine, make_charger, "CP-1", send_local_list_max_length=2)
    version = await _site_version(engine)
    sent = _sent(charger)
    assert [s["update_type"] for s in sent] == ["Full", "Differential", "Differential"]
    assert [s["list_version"] for s in sent] == [version - 2, version - 1, version]
    assert [len(s["local_authorization_list"]) for s in sent] == [2, 2, 1]
    assert charger.local_list == {f"C{n}": "Accepted" for n in range(5)}
    state = await _state(engine, "CP-1")
    assert state.version == version
    assert state.last_result == "Full list sent: 5 cards in 3 messages"


async def test_a_charger_that_goes_offline_half_way_gets_everything_later(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await engine.cards.save_cards([Card(f"C{n}") for n in range(8)], actor=ADMIN)
    charger = make_charger(engine, "CP-1", send_local_list_max_length=1)
    await charger.start()
    await charger.wait_for(lambda: len(_sent(charger)) >= 2)
    await charger.go_offline()
    await charger.come_back()
    await _idle(engine)
    assert charger.local_list == {f"C{n}": "Accepted" for n in range(8)}
    assert (await _state(engine, "CP-1")).version == await _site_version(engine)


async def test_a_charger_too_small_for_every_card_gets_the_usable_ones_first(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await engine.cards.save_cards(
        [
            Card("blocked", status=CardStatus.BLOCKED),
            Card("expired", expires_at=utcnow() - timedelta(days=1)),
            Card("A1"),
            Card("A2"),
        ],
        actor=ADMIN,
    )
    charger = await _booted(engine, make_charger, "CP-1", local_list_max_length=3)
    assert charger.local_list == {"A1": "Accepted", "A2": "Accepted", "blocked": "Blocked"}
    state = await _state(engine, "CP-1")
    assert state.max_length == 3
    assert state.last_result is not None and "1 of 4 cards left out" in state.last_result

    # Over its size, every change is a Full update, so the best cards stay on it.
    await engine.cards.set_status("A2", CardStatus.RETIRED, actor=ADMIN)
    await _idle(engine)
    assert _sent(charger)[-1]["update_type"] == "Full"
    assert charger.local_list == {"A1": "Accepted", "blocked": "Blocked", "expired": "Accepted"}


def _add_card_as_the_cli_does(url: str, card: Card) -> None:
    database = create_db_engine(url)
    try:
        with database.begin() as connection:
            card_repo.save_card(connection, card, utcnow())
    finally:
        database.dispose()


async def test_cards_changed_in_the_database_reach_the_charger_by_reconcile(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _some_cards(engine)
    charger = await _booted(engine, make_charger, "CP-1")
    await asyncio.to_thread(_add_card_as_the_cli_does, engine.config.database_url, Card("cli"))
    await engine.local_lists.reconcile()
    await _idle(engine)
    assert charger.local_list.get("cli") == "Accepted"
    assert _sent(charger)[-1]["update_type"] == "Differential"


async def test_the_periodic_reconcile_runs_by_itself(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine: CentralSystem = await make_engine(local_list_reconcile_interval=0.05)
    charger = await _booted(engine, make_charger, "CP-1")
    await asyncio.to_thread(_add_card_as_the_cli_does, engine.config.database_url, Card("cli"))
    await charger.wait_for(lambda: charger.local_list.get("cli") == "Accepted")


async def test_clear_cache_empties_the_chargers_cache(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(engine, make_charger, "CP-1")
    charger.auth_cache.remember("04AB", {"status": "Accepted"})
    outcome = await engine.local_lists.clear_cache("CP-1", actor=ADMIN)
    assert outcome.accepted
    assert len(charger.auth_cache) == 0
    offline = await engine.local_lists.clear_cache("nobody", actor=ADMIN)
    assert offline.result is CommandResult.OFFLINE


# ----------------------------------------------------------------- pure rules


def test_full_list_puts_usable_cards_first_and_leaves_retired_ones_out() -> None:
    now = utcnow()
    cards = [
        Card("b", status=CardStatus.BLOCKED),
        Card("e", expires_at=now - timedelta(seconds=1)),
        Card("r", status=CardStatus.RETIRED),
        Card("a"),
    ]
    listed = full_list(cards, 2, now)
    assert [entry.id_tag for entry in listed.entries] == ["a", "b"]
    assert listed.left_out == 1
    assert full_list(cards, None, now).left_out == 0


def test_a_differential_only_patches_a_list_that_held_every_card() -> None:
    changed = [Card("new"), Card("old", status=CardStatus.RETIRED)]
    assert fits_whole(3, changed, None)
    assert fits_whole(3, changed, 4)
    # "old" may have been on the list at the charger's version: 4 cards then, 3 fit.
    assert not fits_whole(3, changed, 3)


def test_split_update_counts_up_to_the_target_version() -> None:
    entries = [local_list_entry(Card(f"C{n}")) for n in range(5)]
    messages = split_update(entries, version=9, full=True, size=2)
    assert [(m.version, m.full, len(m.entries)) for m in messages] == [
        (7, True, 2),
        (8, False, 2),
        (9, False, 1),
    ]
    assert split_update([], version=3, full=True, size=2)[0].entries == ()
    # Not enough versions above the charger's own: sent whole, the charger decides.
    whole = split_update(entries, version=9, full=False, size=2, floor=8)
    assert [(m.version, len(m.entries)) for m in whole] == [(9, 5)]


@pytest.mark.parametrize(
    ("keys", "limits"),
    [
        ([], ListLimits(DEFAULT_MESSAGE_SIZE, None)),
        (
            [
                {"key": "SendLocalListMaxLength", "value": "20"},
                {"key": "localauthlistmaxlength", "value": "500"},
            ],
            ListLimits(20, 500),
        ),
        ([{"key": "SendLocalListMaxLength", "value": "lots"}], ListLimits()),
        ([{"key": "SendLocalListMaxLength", "value": "0"}], ListLimits()),
    ],
)
def test_limits_are_read_from_the_configuration(keys: list[Any], limits: ListLimits) -> None:
    assert limits_from_configuration(keys) == limits
