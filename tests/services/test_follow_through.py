"""Remote start and stop followed to their effect, with simulated chargers over websockets."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from billing_helpers import add_card, energy_tariff

from console.core.clock import utcnow
from console.core.commands import FollowUpKind, OutcomeEffect
from console.core.enums import CardStatus, CommandResult
from console.core.model import Card, Person
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage import people as people_repo
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]


async def _owner(engine: CentralSystem, name: str) -> int:
    person = await engine.writer.submit(
        lambda c: people_repo.save_person(c, Person(None, name), utcnow())
    )
    assert person.id is not None
    return person.id


async def _charger(
    engine: CentralSystem, make_charger: ChargerFactory, charger_id: str, **options: Any
) -> SimulatedCharger:
    charger = make_charger(engine, charger_id, meter_interval=0.05, speed=60.0, **options)
    await charger.start()
    await charger.wait_booted()
    return charger


async def test_a_started_session_names_the_owner_and_its_stop_says_energy_and_cost(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    tariff = await engine.billing.save_tariff(None, energy_tariff("Standard", "0.50"), actor=ADMIN)
    await engine.billing.set_default_tariff(tariff, actor=ADMIN)
    anna = await _owner(engine, "Anna Hoffmann")
    await add_card(engine, Card("04A1B2C3", person_id=anna))
    charger = await _charger(engine, make_charger, "CP-F1", kind="DC")

    started = await engine.follow_through.start_session("CP-F1", 1, "04a1b2c3", actor=ADMIN)

    assert started.accepted and started.action == "RemoteStartTransaction"
    follow = started.follow_up
    assert follow is not None and follow.kind is FollowUpKind.STARTED, follow
    assert follow.person == "Anna Hoffmann" and follow.session is not None
    assert follow.session.connector_id == 1 and follow.session.running
    assert started.succeeded
    await charger.wait_for(
        lambda: charger.session(1) is not None and charger.sent_count("MeterValues") >= 3
    )

    stopped = await engine.follow_through.stop_session(follow.session.id, actor=ADMIN)

    end = stopped.follow_up
    assert stopped.accepted and end is not None and end.kind is FollowUpKind.STOPPED, end
    assert end.session is not None and not end.session.running
    assert end.person == "Anna Hoffmann"
    energy_wh = end.session.energy_wh
    assert energy_wh is not None and energy_wh > 0
    # 0.50 EUR/kWh, tax included: the cost the bill holds, to the cent, rounded half up
    # as every bill line is (0.13 kWh is EUR 0.07, not the banker's 0.06).
    assert end.currency == "EUR" and isinstance(end.cost, Decimal)
    exact = Decimal(energy_wh) / 1000 * Decimal("0.50")
    assert end.cost == exact.quantize(Decimal("0.01"), ROUND_HALF_UP)


async def test_a_blocked_card_is_reported_refused_not_started(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await add_card(engine, Card("04B7C8D9", status=CardStatus.BLOCKED))
    charger = await _charger(engine, make_charger, "CP-F2")

    outcome = await engine.follow_through.start_session("CP-F2", 1, "04B7C8D9", actor=ADMIN)

    assert outcome.accepted  # the charger accepted the request: only a promise
    follow = outcome.follow_up
    assert follow is not None and follow.kind is FollowUpKind.CARD_REFUSED, follow
    assert follow.refusal == "Blocked" and not outcome.succeeded
    await charger.wait_for(lambda: charger.session(1) is None)


async def test_a_card_refused_at_authorize_is_reported(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _charger(engine, make_charger, "CP-F3")
    charger.config.set("AuthorizeRemoteTxRequests", "true")

    outcome = await engine.follow_through.start_session("CP-F3", 1, "NO-SUCH-CARD", actor=ADMIN)

    follow = outcome.follow_up
    assert follow is not None and follow.kind is FollowUpKind.CARD_REFUSED, follow
    assert follow.refusal == "Invalid" and follow.session is None
    assert charger.sent_count("StartTransaction") == 0


async def test_a_charger_that_accepts_but_never_starts_is_reported_after_the_wait(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await add_card(engine, Card("04A1B2C3"))
    charger = await _charger(engine, make_charger, "CP-F4")

    async def never_start(*_args: Any) -> None:
        return None

    charger._remote_start = never_start  # type: ignore[method-assign, assignment]
    engine.follow_through.start_wait = 0.5

    outcome = await engine.follow_through.start_session("CP-F4", 1, "04A1B2C3", actor=ADMIN)

    assert outcome.accepted and not outcome.succeeded
    follow = outcome.follow_up
    assert follow is not None and follow.kind is FollowUpKind.NOT_STARTED
    assert follow.waited_s == 0.5 and follow.session is None
    assert charger.sent_count("StartTransaction") == 0


async def test_a_stop_that_never_comes_is_reported_after_the_wait(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await add_card(engine, Card("04A1B2C3"))
    charger = await _charger(engine, make_charger, "CP-F5")
    started = await engine.follow_through.start_session("CP-F5", 1, "04A1B2C3", actor=ADMIN)
    assert started.follow_up is not None and started.follow_up.session is not None

    async def never_stop(*_args: Any) -> bool:
        return False

    charger._stop = never_stop  # type: ignore[method-assign, assignment]
    engine.follow_through.stop_wait = 0.5

    outcome = await engine.follow_through.stop_session(started.follow_up.session.id, actor=ADMIN)

    assert outcome.accepted and not outcome.succeeded
    assert outcome.follow_up is not None
    assert outcome.follow_up.kind is FollowUpKind.NOT_STOPPED


async def test_a_rejected_start_is_not_followed(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _charger(engine, make_charger, "CP-F6", connectors=1)

    outcome = await engine.follow_through.start_session("CP-F6", 7, "04A1B2C3", actor=ADMIN)

    assert outcome.result is CommandResult.ANSWERED and outcome.status == "Rejected"
    assert outcome.effect is OutcomeEffect.REFUSED and outcome.follow_up is None


async def test_a_visitor_start_names_the_visitor(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _charger(engine, make_charger, "CP-F7")

    visitor, outcome = await engine.follow_through.start_visitor(
        "CP-F7", 2, name="Jonas Berg", actor=ADMIN
    )

    follow = outcome.follow_up
    assert follow is not None and follow.kind is FollowUpKind.STARTED, follow
    assert follow.person == "Jonas Berg" and follow.session is not None
    assert follow.session.id_tag == visitor.token and follow.session.connector_id == 2


async def test_outcomes_name_the_action_and_unlocked_is_success(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _charger(engine, make_charger, "CP-F8")

    unlocked = await engine.commands.unlock("CP-F8", 1, actor=ADMIN)

    assert unlocked.action == "UnlockConnector" and unlocked.status == "Unlocked"
    assert unlocked.effect is OutcomeEffect.DONE and unlocked.accepted
