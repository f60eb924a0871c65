"""Alarms raised by simulated chargers over real websockets: faults, offline, reboots, security."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from ocpp.v16 import call

from console.core.alarms import Alarm, AlarmKind
from console.core.enums import ConnectorStatus
from console.core.events import AlarmChanged, AlarmRaised, Event
from console.services import alarm_words
from console.services.alarms import SECURITY_ALARMS_PER_HOUR
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage import alarms as alarm_repo
from tests.actors import named

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

ChargerFactory = Callable[..., SimulatedCharger]
EngineFactory = Callable[..., Awaitable[CentralSystem]]


class AlarmEvents:
    """Collects alarm events from the bus and waits for the ones a test expects."""

    def __init__(self, engine: CentralSystem) -> None:
        self.events: list[AlarmRaised | AlarmChanged] = []
        self._changed = asyncio.Event()
        engine.bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, AlarmRaised | AlarmChanged):
            self.events.append(event)
            self._changed.set()

    def raised(self, kind: AlarmKind | None = None) -> list[Alarm]:
        return [
            e.alarm
            for e in self.events
            if isinstance(e, AlarmRaised) and (kind is None or e.alarm.kind is kind)
        ]

    def changed(self) -> list[Alarm]:
        return [e.alarm for e in self.events if isinstance(e, AlarmChanged)]

    async def wait(self, predicate: Callable[[], object], timeout: float = 10.0) -> None:
        async def until() -> None:
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(until(), timeout)


async def _started(charger: SimulatedCharger, engine: CentralSystem) -> None:
    """Start and boot ``charger`` and wait until its first statuses are stored."""
    await charger.start()
    await charger.wait_booted()
    state = engine.site.charger(charger.charger_id)
    await charger.wait_for(
        lambda: all(
            state.connector(i).status is ConnectorStatus.AVAILABLE for i in charger.connector_ids
        )
    )


async def _stored(engine: CentralSystem, charger_id: str) -> list[Alarm]:
    return await engine.writer.submit(lambda c: alarm_repo.list_alarms(c, charger_id=charger_id))


def _status(connector_id: int, status: str, error_code: str = "NoError", **extra: str) -> object:
    return call.StatusNotification(
        connector_id=connector_id, error_code=error_code, status=status, **extra
    )


async def test_a_fault_raises_one_alarm_and_clearing_it_clears_the_alarm(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    alarms = AlarmEvents(engine)
    charger = make_charger(engine, "FAULT-1")
    await _started(charger, engine)
    await charger.call(
        _status(1, "Faulted", "GroundFailure", vendor_error_code="E42", info="RCD tripped")
    )
    await alarms.wait(lambda: alarms.raised(AlarmKind.FAULTED))
    # The same fault reported again while the alarm is open adds nothing.
    await charger.call(
        _status(1, "Faulted", "GroundFailure", vendor_error_code="E42", info="RCD tripped")
    )
    await charger.call(_status(1, "Available"))
    await alarms.wait(lambda: alarms.changed())
    [raised] = alarms.raised(AlarmKind.FAULTED)
    assert raised.connector_id == 1
    assert raised.details == {
        "error_code": "GroundFailure",
        "vendor_error_code": "E42",
        "info": "RCD tripped",
    }
    assert "GroundFailure" in raised.message and "E42" in raised.message
    [stored] = await _stored(engine, "FAULT-1")
    assert stored.id == raised.id and stored.cleared_at is not None
    assert stored.acknowledged_at is None
    assert engine.alarms.open_alarms() == []


async def test_acknowledging_records_who_and_when(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    alarms = AlarmEvents(engine)
    charger = make_charger(engine, "FAULT-2")
    await _started(charger, engine)
    await charger.fault(2, "HighTemperature", "Cable hot")
    await alarms.wait(lambda: alarms.raised(AlarmKind.FAULTED))
    [alarm] = alarms.raised()
    acknowledged = await engine.alarms.acknowledge(alarm.id, actor=named("Technician Tom"))
    assert acknowledged is not None
    assert acknowledged.acknowledged_by == "Technician Tom"
    assert acknowledged.acknowledged_at is not None
    assert acknowledged.cleared_at is None  # the connector is still faulted
    assert alarms.changed()[-1].acknowledged_by == "Technician Tom"
    # A second acknowledgement keeps the first one's name.
    again = await engine.alarms.acknowledge(alarm.id, actor=named("Someone else"))
    assert again is not None and again.acknowledged_by == "Technician Tom"
    assert await engine.alarms.acknowledge(10_000, actor=named("Nobody")) is None


async def test_offline_after_the_grace_period_and_cleared_when_back(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(alarm_offline_grace=0.3)
    alarms = AlarmEvents(engine)
    charger = make_charger(engine, "AWAY-1")
    await _started(charger, engine)
    await charger.go_offline()
    await alarms.wait(lambda: alarms.raised(AlarmKind.OFFLINE))
    [offline] = alarms.raised(AlarmKind.OFFLINE)
    assert offline.connector_id is None and offline.open
    await charger.come_back()
    await alarms.wait(lambda: alarms.changed())
    assert alarms.changed()[0].id == offline.id
    assert alarms.changed()[0].cleared_at is not None


async def test_a_quick_reconnect_raises_no_offline_alarm(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(alarm_offline_grace=30.0)
    alarms = AlarmEvents(engine)
    charger = make_charger(engine, "BLIP-1")
    await _started(charger, engine)
    await charger.go_offline()
    await charger.come_back()
    # A fault after the reconnect is handled after it (one worker, in order): once its
    # alarm is there, the reconnect has been handled too.
    await charger.fault(1)
    await alarms.wait(lambda: alarms.raised(AlarmKind.FAULTED))
    assert alarms.raised(AlarmKind.OFFLINE) == []
    assert engine.alarms._away == {}


async def test_three_reboots_raise_a_reboots_alarm(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    alarms = AlarmEvents(engine)
    charger = make_charger(engine, "LOOP-1")
    await _started(charger, engine)
    # A reboot is the first boot of a new connection (repeats on one connection are not:
    # tests/services/test_reboot_alarm.py).
    await charger.go_offline()
    await charger.come_back()
    assert alarms.raised(AlarmKind.REBOOTS) == []
    await charger.go_offline()
    await charger.come_back()
    await alarms.wait(lambda: alarms.raised(AlarmKind.REBOOTS))
    [alarm] = alarms.raised(AlarmKind.REBOOTS)
    assert alarm.details["boots"] == 3
    # A momentary alarm counts as dealt with once acknowledged.
    [acknowledged] = await engine.alarms.acknowledge_all(actor=named("Tom"))
    assert acknowledged.id == alarm.id and acknowledged.cleared_at is not None


async def test_a_security_event_raises_an_alarm(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    alarms = AlarmEvents(engine)
    charger = make_charger(engine, "SEC-1")
    await _started(charger, engine)
    await charger.call(
        call.SecurityEventNotification(
            type="TamperDetectionActivated",
            timestamp=datetime.now(UTC).isoformat(),
            tech_info="door opened",
        )
    )
    await alarms.wait(lambda: alarms.raised(AlarmKind.SECURITY))
    [alarm] = alarms.raised(AlarmKind.SECURITY)
    assert "TamperDetectionActivated" in alarm.message
    [stored] = await _stored(engine, "SEC-1")
    assert stored.kind is AlarmKind.SECURITY


async def test_a_charger_repeating_security_events_raises_a_bounded_number_of_alarms(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    alarms = AlarmEvents(engine)
    charger = make_charger(engine, "SEC-FLOOD")
    await _started(charger, engine)
    for n in range(SECURITY_ALARMS_PER_HOUR + 15):
        await charger.call(
            call.SecurityEventNotification(
                type="TamperDetectionActivated",
                timestamp=datetime.now(UTC).isoformat(),
                tech_info=f"door opened {n}",
            )
        )
    events = await engine.security.security_events("SEC-FLOOD")
    assert len(events) == SECURITY_ALARMS_PER_HOUR + 15  # every event is listed
    await alarms.wait(lambda: len(alarms.raised(AlarmKind.SECURITY)) >= SECURITY_ALARMS_PER_HOUR)
    # The worker takes events in order: a fault raised after them shows it caught up.
    await charger.call(_status(1, "Faulted", "GroundFailure"))
    await alarms.wait(lambda: alarms.raised(AlarmKind.FAULTED))
    assert len(alarms.raised(AlarmKind.SECURITY)) == SECURITY_ALARMS_PER_HOUR
    stored = await _stored(engine, "SEC-FLOOD")
    assert len([a for a in stored if a.kind is AlarmKind.SECURITY]) == SECURITY_ALARMS_PER_HOUR


async def test_open_alarms_survive_a_restart(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine()
    alarms = AlarmEvents(engine)
    charger = make_charger(engine, "KEEP-1", reconnect=False)
    await _started(charger, engine)
    await charger.fault(1, "OverCurrentFailure")
    await alarms.wait(lambda: alarms.raised(AlarmKind.FAULTED))
    [first] = alarms.raised()
    await charger.stop()
    await engine.stop()
    second = await make_engine()
    assert [a.id for a in second.alarms.open_alarms()] == [first.id]
    again = AlarmEvents(second)
    fresh = make_charger(second, "KEEP-1")
    await _started(fresh, second)  # connector 1 is Available now: the old alarm clears
    await again.wait(lambda: again.changed())
    assert again.changed()[0].id == first.id and again.changed()[0].cleared_at is not None
    assert again.raised() == []
    assert len(await _stored(second, "KEEP-1")) == 1


def test_stored_sentences_name_the_charger_and_give_site_time() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    until = datetime(2026, 1, 5, 11, 15, tzinfo=UTC)
    locked = {"peer": "10.0.0.7", "failures": 5, "locked_until": until.isoformat()}
    assert alarm_words.compose(AlarmKind.LOCKED_OUT, "CP-9", None, locked, berlin) == (
        "CP-9 is locked until 2026-01-05 12:15 CET after 5 wrong passwords from 10.0.0.7."
    )
    by_address = {**locked, "by_address": True}
    assert alarm_words.compose(AlarmKind.LOCKED_OUT, "CP-9", None, by_address, berlin) == (
        "Address 10.0.0.7 is locked until 2026-01-05 12:15 CET after 5 wrong passwords "
        "(last as CP-9)."
    )
    whole = {"error_code": "OtherError", "vendor_error_code": None, "info": None}
    assert alarm_words.compose(AlarmKind.FAULTED, "CP-9", 0, whole, berlin) == (
        "CP-9 is faulted: OtherError."
    )
    # A kind the words do not know, or details too thin: the given text, as a sentence.
    assert alarm_words.compose(AlarmKind.DISK_LOW, "database", None, {}, berlin, "Disk low") == (
        "Disk low."
    )
    # An alarm stored before: written again from its details, in the zone asked for.
    old = Alarm(
        1,
        "CP-9",
        None,
        AlarmKind.OFFLINE,
        "Offline since 2026-01-05 11:15:00 UTC",
        {"since": until.isoformat()},
        until,
    )
    assert alarm_words.sentence(old, berlin) == "CP-9 has been offline since 2026-01-05 12:15 CET."
    back = replace(old, cleared_at=until + timedelta(minutes=5))
    assert alarm_words.sentence(back, berlin) == (
        "CP-9 was offline from 2026-01-05 12:15 CET until 2026-01-05 12:20 CET."
    )
