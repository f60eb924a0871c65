"""A simulated charger's life against the real engine: boot, sessions, meter values, storage."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from console.core.clock import utcnow
from console.core.enums import Approval, ConnectorStatus, SessionFlag
from console.core.events import Event, MeterSampled, SessionStarted, SessionStopped
from console.core.model import Card
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from tests.actors import ADMIN

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

ChargerFactory = Callable[..., SimulatedCharger]


async def _add_card(engine: CentralSystem, card: Card) -> None:
    await engine.writer.submit(lambda c: card_repo.save_card(c, card, utcnow()))


async def test_boot_is_stored_and_the_site_shows_the_charger(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = make_charger(engine, "CP-1", vendor="Acme", model="Wallbox 22", connectors=2)
    await charger.start()
    await charger.wait_booted()
    record = await engine.writer.submit(lambda c: charger_repo.get_charger(c, "CP-1"))
    assert record is not None and record.approval is Approval.ACCEPTED
    assert record.boot is not None and record.boot.model == "Wallbox 22"
    state = engine.site.chargers["CP-1"]
    assert state.online
    await charger.wait_for(
        lambda: engine.site.chargers["CP-1"].connector(2).status is ConnectorStatus.AVAILABLE
    )


async def test_session_with_meter_values_is_stored_and_published(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _add_card(engine, Card("CARD-1"))
    events: list[Event] = []
    engine.bus.subscribe(events.append)
    charger = make_charger(engine, "CP-2", kind="DC", meter_interval=0.05, speed=60.0)
    await charger.start()
    await charger.wait_booted()
    tx = await charger.start_session(1, "card-1")  # another spelling of the same card
    assert tx is not None and tx > 0
    await charger.wait_for(lambda: sum(isinstance(e, MeterSampled) for e in events) >= 3)
    assert await charger.stop_session(1)
    await charger.wait_for(lambda: any(isinstance(e, SessionStopped) for e in events))

    session = await engine.writer.submit(lambda c: session_repo.get_session(c, tx))
    assert session is not None and not session.running
    assert session.flags == ()
    assert session.energy_wh is not None and session.energy_wh > 0
    samples = await engine.writer.submit(lambda c: session_repo.samples_of_session(c, tx))
    measurands = {s["measurand"] for s in samples}
    assert {"Power.Active.Import", "Energy.Active.Import.Register", "SoC"} <= measurands
    started = [e for e in events if isinstance(e, SessionStarted)]
    assert [e.session.id for e in started] == [tx]
    connector = engine.site.chargers["CP-2"].connector(1)
    assert connector.transaction_id is None


async def test_invalid_card_session_is_recorded_and_flagged(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    # The charger authorizes offline/unknown cards itself; we still store the session.
    charger = make_charger(engine, "CP-3", authorize_before_start=False)
    await charger.start()
    await charger.wait_booted()
    # The answer says Invalid, so the charger ends the session at once; it stays on record.
    assert await charger.start_session(1, "UNKNOWN-CARD") is None
    sessions = await engine.writer.submit(lambda c: session_repo.list_sessions(c))
    assert [s.id_tag for s in sessions] == ["UNKNOWN-CARD"]
    assert SessionFlag.INVALID_CARD.value in sessions[0].flags


async def test_concurrent_sessions_of_one_card_are_refused(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _add_card(engine, Card("ONE"))
    first = await engine.charging.authorize("X", "ONE")
    assert first.status.value == "Accepted"
    charger = make_charger(engine, "CP-4")
    await charger.start()
    await charger.wait_booted()
    assert await charger.start_session(1, "ONE") is not None
    # The same card on a second connector: Authorize accepts (1.6 has no ConcurrentTx
    # there), StartTransaction answers ConcurrentTx and the charger gives up.
    assert (await engine.charging.authorize("CP-4", "one")).status.value == "Accepted"
    assert await charger.start_session(2, "one") is None


async def test_staff_commands_reach_the_charger(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _add_card(engine, Card("DESK"))
    charger = make_charger(engine, "CP-5", meter_interval=0.05)
    await charger.start()
    await charger.wait_booted()
    outcome = await engine.commands.start_session("CP-5", 1, "DESK", actor=ADMIN)
    assert outcome.accepted, outcome
    tx = await charger.wait_for(lambda: charger.transaction_id(1))
    await charger.wait_for(lambda: engine.site.chargers["CP-5"].connector(1).transaction_id == tx)
    stop = await engine.commands.stop_session(tx, actor=ADMIN)
    assert stop.accepted, stop
    await charger.wait_for(lambda: charger.transaction_id(1) is None)
    offline = await engine.commands.reset("NOT-CONNECTED", actor=ADMIN)
    assert offline.describe() == "Charger is offline"


async def test_meter_samples_are_never_double_counted_on_retry(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _add_card(engine, Card("ANY"))
    charger = make_charger(engine, "CP-6", meter_interval=3600)
    await charger.start()
    await charger.wait_booted()
    tx = await charger.start_session(1, "ANY")
    assert tx is not None
    from console.core.model import MeterReport, MeterValue, SampledValue

    report = MeterReport(1, tx, (MeterValue(utcnow(), (SampledValue(1234.0),)),))
    await asyncio.gather(*(engine.charging.meter_values("CP-6", report) for _ in range(5)))
    table = session_repo.meter_samples
    count = await engine.writer.submit(
        lambda c: c.execute(
            select(func.count()).select_from(table).where(table.c.value == 1234.0)
        ).scalar()
    )
    assert count == 1
