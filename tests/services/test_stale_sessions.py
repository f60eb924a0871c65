"""Stale sessions end: superseded, stopped by reboot, ended without a stop or by staff;
ConcurrentTx counts only sessions really running; a late StopTransaction still counts.

Every test talks to a real engine over a real websocket with raw 1.6 frames.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from decimal import Decimal

import pytest
from billing_helpers import Events, energy_tariff
from stale_helpers import RawCharger, Stops

from console.core.clock import utcnow
from console.core.enums import SessionFlag
from console.core.events import SessionBilled
from console.core.model import Card, Session
from console.services.engine import CentralSystem
from console.services.sessions import SessionError
from console.storage import cards as card_repo
from console.storage import sessions as session_repo
from tests.actors import ADMIN

EngineFactory = Callable[..., Awaitable[CentralSystem]]


async def _card(engine: CentralSystem, id_tag: str, max_concurrent: int = 1) -> None:
    card = Card(id_tag, max_concurrent=max_concurrent)
    await engine.writer.submit(lambda c: card_repo.save_card(c, card, utcnow()))


async def _session(engine: CentralSystem, tx: int) -> Session:
    session = await engine.writer.submit(lambda c: session_repo.get_session(c, tx))
    assert session is not None
    return session


async def _running_on(engine: CentralSystem, charger_id: str, connector: int) -> list[int]:
    running = await engine.writer.submit(
        lambda c: session_repo.running_on_connector(c, charger_id, connector)
    )
    return [s.id for s in running]


async def _booted(engine: CentralSystem, charger_id: str) -> RawCharger:
    charger = await RawCharger.connect(engine, charger_id)
    assert (await charger.boot())["status"] == "Accepted"
    return charger


async def test_authorize_never_answers_concurrent_tx(engine: CentralSystem) -> None:
    await _card(engine, "ONE")
    charger = await _booted(engine, "ST-AUTH")
    t0 = utcnow() - timedelta(minutes=5)
    first = await charger.start(1, "ONE", 100, t0)
    assert first["idTagInfo"]["status"] == "Accepted"
    # The card charges on connector 1; at the reader 1.6 knows no ConcurrentTx.
    answer = await charger.call("Authorize", {"idTag": "one"})
    assert answer["idTagInfo"]["status"] == "Accepted"
    # StartTransaction on another connector is where a really running session counts.
    second = await charger.start(2, "ONE", 0, t0 + timedelta(minutes=1))
    assert second["idTagInfo"]["status"] == "ConcurrentTx"
    # The first session ends; the refused one (never stopped by this charger) is no
    # session of the card's, so the card is welcome again.
    await charger.stop(first["transactionId"], 900, t0 + timedelta(minutes=2))
    third = await charger.start(3, "ONE", 0, t0 + timedelta(minutes=3))
    assert third["idTagInfo"]["status"] == "Accepted"
    await charger.close()


async def test_a_start_on_a_busy_connector_supersedes_the_stale_session(
    engine: CentralSystem,
) -> None:
    await _card(engine, "CARD-S")
    stops = Stops(engine)
    charger = await _booted(engine, "ST-SUP")
    t0 = utcnow() - timedelta(minutes=30)
    old_tx = (await charger.start(1, "CARD-S", 1000, t0))["transactionId"]
    await charger.energy(1, old_tx, 1400, t0 + timedelta(minutes=5))
    await charger.energy(1, old_tx, 1800, t0 + timedelta(minutes=10))
    # The charger lost the session (no StopTransaction) and starts a new one, same card.
    t1 = t0 + timedelta(minutes=20)
    new = await charger.start(1, "CARD-S", 1900, t1)
    assert new["idTagInfo"]["status"] == "Accepted"  # the stale one is no concurrency
    new_tx = new["transactionId"]
    assert new_tx != old_tx

    stopped = await stops.wait_for(lambda s: s.id == old_tx)
    assert SessionFlag.SUPERSEDED.value in stopped.flags
    old = await _session(engine, old_tx)
    assert old.meter_stop == 1800  # the last energy-register reading stored
    assert old.stopped_at == t0 + timedelta(minutes=10)  # the time of that reading
    assert old.stop_estimated
    # A connector never holds two running sessions; the live state shows the new one.
    assert await _running_on(engine, "ST-SUP", 1) == [new_tx]
    assert engine.site.chargers["ST-SUP"].connector(1).transaction_id == new_tx

    # A retried StartTransaction of the new session finds it again and supersedes nothing.
    again = await charger.start(1, "CARD-S", 1900, t1)
    assert again["transactionId"] == new_tx
    assert await _running_on(engine, "ST-SUP", 1) == [new_tx]
    assert [s.id for s in stops.sessions] == [old_tx]
    await charger.close()


async def test_a_superseded_session_without_readings_stops_at_its_start(
    engine: CentralSystem,
) -> None:
    await _card(engine, "CARD-N")
    charger = await _booted(engine, "ST-NOREAD")
    t0 = utcnow() - timedelta(minutes=30)
    old_tx = (await charger.start(2, "CARD-N", 5000, t0))["transactionId"]
    t1 = t0 + timedelta(minutes=15)
    await charger.start(2, "OTHER-CARD", 5000, t1)
    old = await _session(engine, old_tx)
    assert old.meter_stop == 5000 and old.energy_wh == 0
    assert old.stopped_at == t1  # no reading: the new start's time
    await charger.close()


async def test_a_late_stop_fills_in_the_true_meter_stop_and_keeps_the_flag(
    engine: CentralSystem,
) -> None:
    await _card(engine, "CARD-L")
    stops = Stops(engine)
    charger = await _booted(engine, "ST-LATE")
    t0 = utcnow() - timedelta(minutes=40)
    old_tx = (await charger.start(1, "CARD-L", 0, t0))["transactionId"]
    await charger.energy(1, old_tx, 700, t0 + timedelta(minutes=5))
    new_tx = (await charger.start(1, "CARD-L", 3000, t0 + timedelta(minutes=30)))["transactionId"]
    await stops.wait_for(lambda s: s.id == old_tx and s.stop_estimated)

    # The charger's queued StopTransaction of the old session arrives at last.
    true_stop = t0 + timedelta(minutes=25)
    reply = await charger.stop(old_tx, 2900, true_stop)
    assert reply.get("idTagInfo", {}).get("status", "Accepted") == "Accepted"
    late = await stops.wait_for(lambda s: s.id == old_tx and not s.stop_estimated)
    assert late.meter_stop == 2900 and late.stopped_at == true_stop
    assert late.stop_reason == "Local"
    assert SessionFlag.SUPERSEDED.value in late.flags  # staff still see what happened
    # A repeat of that stop changes nothing, and the new session runs on.
    await charger.stop(old_tx, 9999, true_stop + timedelta(minutes=1))
    assert (await _session(engine, old_tx)).meter_stop == 2900
    assert await _running_on(engine, "ST-LATE", 1) == [new_tx]
    assert engine.site.chargers["ST-LATE"].connector(1).transaction_id == new_tx
    await charger.close()


async def test_after_a_real_reboot_a_free_connector_ends_its_session(
    engine: CentralSystem,
) -> None:
    await _card(engine, "CARD-B")
    stops = Stops(engine)
    charger = await _booted(engine, "ST-BOOT")
    t0 = utcnow() - timedelta(minutes=20)
    tx = (await charger.start(1, "CARD-B", 200, t0))["transactionId"]
    await charger.energy(1, tx, 900, t0 + timedelta(minutes=10))
    # A BootNotification repeated on the same connection (TriggerMessage) is no reboot.
    await charger.boot()
    await charger.status(1, "Available")
    assert await _running_on(engine, "ST-BOOT", 1) == [tx]
    await charger.close()

    # A new connection's first BootNotification is a reboot. Charging keeps the session;
    # a status with no transaction ends it.
    rebooted = await _booted(engine, "ST-BOOT")
    await rebooted.status(1, "Charging")
    assert await _running_on(engine, "ST-BOOT", 1) == [tx]
    await rebooted.status(1, "Faulted")
    stopped = await stops.wait_for(lambda s: s.id == tx)
    assert SessionFlag.STOPPED_BY_CHARGER_BOOT.value in stopped.flags
    assert stopped.meter_stop == 900
    assert await _running_on(engine, "ST-BOOT", 1) == []
    assert engine.site.chargers["ST-BOOT"].connector(1).transaction_id is None

    # A session started after the reboot is not touched by it.
    later = (await rebooted.start(1, "CARD-B", 900, utcnow()))["transactionId"]
    await rebooted.status(1, "Available")
    assert await _running_on(engine, "ST-BOOT", 1) == [later]
    await rebooted.close()


async def test_available_too_long_ends_the_session_without_a_stop(
    make_engine: EngineFactory,
) -> None:
    engine = await make_engine(stale_session_timeout=0.3)
    await _card(engine, "CARD-A")
    stops = Stops(engine)
    charger = await _booted(engine, "ST-AVAIL")
    t0 = utcnow() - timedelta(minutes=20)
    tx = (await charger.start(1, "CARD-A", 0, t0))["transactionId"]
    other = (await charger.start(2, "CARD-A2", 0, t0))["transactionId"]
    await charger.status(1, "Charging")
    await charger.status(2, "Charging")
    await charger.energy(1, tx, 4200, t0 + timedelta(minutes=15))
    await charger.status(1, "Available")  # unplugged, and no StopTransaction ever comes

    stopped = await stops.wait_for(lambda s: s.id == tx)
    assert SessionFlag.ENDED_WITHOUT_STOP.value in stopped.flags
    assert stopped.meter_stop == 4200 and stopped.stop_estimated
    # The connector still charging keeps its session.
    assert await _running_on(engine, "ST-AVAIL", 2) == [other]
    # The card is free again: a start elsewhere is not ConcurrentTx.
    again = await charger.start(1, "CARD-A", 4200, utcnow())
    assert again["idTagInfo"]["status"] == "Accepted"
    await charger.close()


async def test_staff_end_a_session_with_a_reason(engine: CentralSystem) -> None:
    await _card(engine, "CARD-H")
    stops = Stops(engine)
    charger = await _booted(engine, "ST-HAND")
    t0 = utcnow() - timedelta(minutes=20)
    tx = (await charger.start(1, "CARD-H", 50, t0))["transactionId"]
    await charger.energy(1, tx, 650, t0 + timedelta(minutes=10))
    refused = await charger.start(2, "CARD-H", 0, utcnow())
    assert refused["idTagInfo"]["status"] == "ConcurrentTx"

    with pytest.raises(SessionError, match="reason"):
        await engine.sessions.end_session(tx, "   ", actor=ADMIN)
    ended = await engine.sessions.end_session(tx, "charger hung after a power cut", actor=ADMIN)
    assert SessionFlag.ENDED_BY_STAFF.value in ended.flags
    assert ended.end_note == "charger hung after a power cut"
    assert ended.meter_stop == 650
    assert (await stops.wait_for(lambda s: s.id == tx)) == ended
    assert engine.site.chargers["ST-HAND"].connector(1).transaction_id is None
    with pytest.raises(SessionError, match="already ended"):
        await engine.sessions.end_session(tx, "twice", actor=ADMIN)
    with pytest.raises(SessionError, match="no session"):
        await engine.sessions.end_session(999_999, "unknown", actor=ADMIN)
    # Only sessions really running count for ConcurrentTx.
    again = await charger.start(2, "CARD-H", 0, utcnow() + timedelta(seconds=1))
    assert again["idTagInfo"]["status"] == "Accepted"
    await charger.close()


async def test_a_late_stop_updates_the_bill_made_from_the_estimate(
    engine: CentralSystem,
) -> None:
    tariff_id = await engine.billing.save_tariff(None, energy_tariff("Site", "0.50"), actor=ADMIN)
    await engine.billing.set_default_tariff(tariff_id, actor=ADMIN)
    await _card(engine, "CARD-BILL")
    events = Events(engine)
    charger = await _booted(engine, "ST-BILL")
    t0 = utcnow() - timedelta(minutes=40)
    old_tx = (await charger.start(1, "CARD-BILL", 0, t0))["transactionId"]
    await charger.energy(1, old_tx, 1000, t0 + timedelta(minutes=5))
    await charger.start(1, "CARD-BILL", 5000, t0 + timedelta(minutes=30))
    first = await events.billed(old_tx)
    assert first.gross_total == Decimal("0.50")  # 1 kWh, the estimate

    await charger.stop(old_tx, 3000, t0 + timedelta(minutes=25))
    await events.wait(
        lambda: len([e for e in events.of(SessionBilled) if e.session_id == old_tx]) == 2
    )
    bill = await engine.billing.bill(old_tx)
    assert bill is not None and bill.energy_wh == 3000
    assert bill.breakdown.gross_total == Decimal("1.50")
    await charger.close()


async def test_a_session_left_on_an_available_connector_ends_after_a_restart_too(
    make_engine: EngineFactory,
) -> None:
    first = await make_engine()  # the default timeout: nothing ends while it runs
    await _card(first, "CARD-R")
    charger = await _booted(first, "ST-RESTART")
    tx = (await charger.start(1, "CARD-R", 0, utcnow() - timedelta(minutes=5)))["transactionId"]
    await charger.status(1, "Available")
    await charger.close()
    await first.stop()
    assert (await _session_after_restart(make_engine, tx)).running is False


async def _session_after_restart(make_engine: EngineFactory, tx: int) -> Session:
    engine = await make_engine(stale_session_timeout=0.3)
    stops = Stops(engine)
    # The stored status says Available: the timer starts with the engine.
    stopped = await stops.wait_for(lambda s: s.id == tx)
    assert SessionFlag.ENDED_WITHOUT_STOP.value in stopped.flags
    return stopped
