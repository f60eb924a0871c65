"""The backup taken while simulated chargers run sessions, restored to a new file: every
session the engine had answered before the backup began is in it, meter values agree."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from console.cli import main
from console.core.clock import utcnow
from console.core.model import Card, Session
from console.services.backup_local import restore
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage import sessions as session_repo
from console.storage.database import create_db_engine
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]
CHARGERS = 6
CONNECTORS = 2
ENERGY = "Energy.Active.Import.Register"


@dataclass
class Acknowledged:
    """What the chargers were answered, as they saw it, and when."""

    backup_began: bool = False
    started: set[int] = field(default_factory=set)  # StartTransaction answered before
    stopped: set[int] = field(default_factory=set)  # StopTransaction answered before
    sessions: int = 0


async def _drive(charger: SimulatedCharger, connector: int, seen: Acknowledged) -> None:
    """Sessions one after another on one connector until cancelled."""
    while True:
        tx = await charger.start_session(connector, _card(charger, connector))
        assert tx is not None and tx > 0
        # Recorded after the answer arrived: before the backup began means answered before.
        if not seen.backup_began:
            seen.started.add(tx)
        seen.sessions += 1
        await charger.send_meter_values(connector)
        await charger.send_meter_values(connector)
        assert await charger.stop_session(connector)
        if not seen.backup_began:
            seen.stopped.add(tx)


def _begin_backup_mid_session(seen: Acknowledged) -> bool:
    """Mark the backup as begun once enough sessions ended and one is running now."""
    if not seen.backup_began and len(seen.stopped) >= 3 * CHARGERS * CONNECTORS:
        seen.backup_began = bool(seen.started - seen.stopped)
    return seen.backup_began


def _card(charger: SimulatedCharger, connector: int) -> str:
    """One card per connector: a card has one session at a time."""
    return f"{charger.charger_id}-{connector}"


def _read(path: Path, work: Callable[[Connection], object]) -> object:
    engine = create_db_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return work(connection)
    finally:
        engine.dispose()


async def test_a_backup_under_load_restores_every_acknowledged_session(
    engine: CentralSystem, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    chargers = [
        make_charger(
            engine,
            f"LOAD-{n}",
            connectors=CONNECTORS,
            meter_interval=0.05,
            speed=60.0,
            seed=n,
            authorize_before_start=False,
            response_timeout=30.0,  # a busy test machine answers late, not never
        )
        for n in range(CHARGERS)
    ]
    cards = [Card(_card(charger, n)) for charger in chargers for n in range(1, CONNECTORS + 1)]

    def add_cards(connection: Connection) -> None:
        for card in cards:
            card_repo.save_card(connection, card, utcnow())

    await engine.writer.submit(add_cards)
    await asyncio.gather(*(charger.start() for charger in chargers))
    await asyncio.gather(*(charger.wait_booted() for charger in chargers))
    seen = Acknowledged()
    drivers = [
        asyncio.create_task(_drive(charger, connector, seen))
        for charger in chargers
        for connector in range(1, CONNECTORS + 1)
    ]
    try:
        # The backup begins once some sessions ended and at least one is running: the
        # predicate flips the flag itself, so no answer slips in between check and flag.
        await chargers[0].wait_for(lambda: _begin_backup_mid_session(seen), 60)
        before_backup = seen.sessions
        # The command line's backup, in a thread, while the connectors go on charging.
        copy = tmp_path / "copy.db"
        database = engine.config.database_url.removeprefix("sqlite:///")
        code = await asyncio.to_thread(main, ["backup", str(copy), "--db", database])
        assert code == 0
        # The chargers went on while the copy was made.
        await chargers[0].wait_for(lambda: seen.sessions >= before_backup + CHARGERS, 60)
    finally:
        for driver in drivers:
            driver.cancel()
        results = await asyncio.gather(*drivers, return_exceptions=True)
    assert all(isinstance(r, asyncio.CancelledError) for r in results), results
    await asyncio.gather(*(charger.stop() for charger in chargers))
    await engine.stop()

    # Restored to a new file, as a site moving to a new PC would.
    restored = restore(f"sqlite:///{tmp_path / 'new' / 'site.db'}", copy, actor=ADMIN)
    assert restored.kept is None

    def sessions_of(ids: set[int]) -> Callable[[Connection], dict[int, Session]]:
        return lambda c: {s.id: s for s in session_repo.get_sessions(c, sorted(ids))}

    answered = seen.started | seen.stopped
    in_copy = _read(restored.database, sessions_of(answered))
    live = _read(Path(database), sessions_of(answered))
    assert isinstance(in_copy, dict) and isinstance(live, dict)
    assert set(in_copy) == answered  # every acknowledged start is there
    for tx in seen.stopped:  # every acknowledged stop, exactly as the engine kept it
        copied, kept = in_copy[tx], live[tx]
        assert copied.meter_stop is not None and copied.stopped_at is not None
        assert (copied.meter_start, copied.meter_stop) == (kept.meter_start, kept.meter_stop)
        assert copied.energy_wh == kept.energy_wh
    for tx in answered:
        copied = in_copy[tx]
        assert (copied.charger_id, copied.id_tag) == (live[tx].charger_id, live[tx].id_tag)
        assert copied.meter_start == live[tx].meter_start
        # Meter values agree with the session: the register lies between start and stop.
        samples = _read(restored.database, lambda c, tx=tx: session_repo.samples_of_session(c, tx))
        assert isinstance(samples, list)
        registers = [float(s["value"]) for s in samples if s["measurand"] == ENERGY]
        top = copied.meter_stop if copied.meter_stop is not None else float("inf")
        assert all(copied.meter_start <= value <= top for value in registers), (tx, registers)
    assert len(seen.stopped) >= 3 * CHARGERS * CONNECTORS
