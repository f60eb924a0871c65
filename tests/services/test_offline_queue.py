"""A charger that loses its connection delivers its queued transaction messages later."""

from __future__ import annotations

from collections.abc import Callable

from console.core.clock import utcnow
from console.core.events import ChargerDisconnected, Event
from console.core.model import Card
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage import sessions as session_repo

ChargerFactory = Callable[..., SimulatedCharger]


async def test_session_run_offline_is_stored_with_its_own_timestamps(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await engine.writer.submit(lambda c: card_repo.save_card(c, Card("LATE"), utcnow()))
    events: list[Event] = []
    engine.bus.subscribe(events.append)
    charger = make_charger(engine, "CP-OFF", meter_interval=0.05, speed=60.0)
    await charger.start()
    await charger.wait_booted()
    tx = await charger.start_session(1, "LATE")
    assert tx is not None and tx > 0
    await charger.go_offline()
    await charger.wait_for(lambda: any(isinstance(e, ChargerDisconnected) for e in events))
    assert not engine.site.chargers["CP-OFF"].online
    await charger.wait_for(lambda: len(charger.queued) >= 3)  # meter values pile up
    assert await charger.stop_session(1)
    stopped_at_charger = utcnow()
    await charger.come_back()

    session = await engine.writer.submit(lambda c: session_repo.get_session(c, tx))
    assert session is not None and session.stopped_at is not None
    # The charger's time is kept (before it came back), and our receipt time beside it.
    assert session.stopped_at <= stopped_at_charger
    samples = await engine.writer.submit(lambda c: session_repo.samples_of_session(c, tx))
    late = [s for s in samples if s["received_at"] > s["taken_at"]]
    assert late, "queued samples arrive after they were taken"
    assert engine.site.chargers["CP-OFF"].online


async def test_session_started_offline_gets_a_real_transaction_id_later(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = make_charger(engine, "CP-OFF2", meter_interval=3600)
    await charger.start()
    await charger.wait_booted()
    await charger.go_offline()
    placeholder = await charger.start_session(1, "WHOEVER")
    assert placeholder is not None and placeholder < 0
    assert await charger.stop_session(1)
    await charger.come_back()
    sessions = await engine.writer.submit(lambda c: session_repo.list_sessions(c))
    assert len(sessions) == 1 and sessions[0].id > 0
    assert not sessions[0].running


async def test_reconnect_replaces_the_old_connection(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    first = make_charger(engine, "CP-TWIN", reconnect=False)
    await first.start()
    await first.wait_booted()
    second = make_charger(engine, "CP-TWIN")
    await second.start()
    await second.wait_booted()
    await first.wait_for(lambda: not first.connected)
    assert engine.server.connected_ids() == ["CP-TWIN"]
    assert engine.site.chargers["CP-TWIN"].online
