"""Reboots are reboots: only the first BootNotification of a new connection counts.

A Pending charger repeating its boot (on one connection or reconnecting), and a boot
ChargeDesk asked for with TriggerMessage, and restarts staff asked for (Reset, firmware,
a new security profile) raise no "rebooted 3 times" alarm; three real
reconnect-and-boot cycles of an accepted charger do. Real websockets on 127.0.0.1: raw
frames and the simulator.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from ocpp.v16 import call
from websockets.asyncio.client import connect

from console.core.alarms import Alarm, AlarmKind
from console.core.clock import utcnow
from console.core.commands import TriggerMessage
from console.core.enums import AdmissionMode, ConnectorStatus
from console.core.events import AlarmRaised, ChargerNotice, Event
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage.tariffs import set_site_timezone
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]
EngineFactory = Callable[..., Awaitable[CentralSystem]]
BOOT = {"chargePointVendor": "ChargeDesk", "chargePointModel": "Loop"}
TAMPERED_AT = "2026-07-01T12:05:00+00:00"  # summer: 14:05 CEST at the site


class Raised:
    """Collects AlarmRaised events; waits for a marker alarm to know the worker caught up."""

    def __init__(self, engine: CentralSystem) -> None:
        self.engine = engine
        self.alarms: list[Alarm] = []
        self._changed = asyncio.Event()
        engine.bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, AlarmRaised):
            self.alarms.append(event.alarm)
            self._changed.set()

    def of(self, kind: AlarmKind) -> list[Alarm]:
        return [a for a in self.alarms if a.kind is kind]

    async def wait(self, predicate: Callable[[], object], timeout: float = 10.0) -> None:
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    async def settled(self, charger_id: str) -> None:
        """Every event published so far has been handled: the alarm worker takes them in
        order, so once a security notice published now has its alarm, the boots before it
        have been counted."""
        self.engine.bus.publish(ChargerNotice(charger_id, "security", "type=Marker", utcnow()))
        await self.wait(lambda: any("Marker" in a.message for a in self.of(AlarmKind.SECURITY)))


async def _started(charger: SimulatedCharger, engine: CentralSystem) -> None:
    await charger.start()
    await charger.wait_booted()
    state = engine.site.charger(charger.charger_id)
    await charger.wait_for(
        lambda: all(
            state.connector(i).status is ConnectorStatus.AVAILABLE for i in charger.connector_ids
        )
    )


async def test_a_pending_charger_repeating_its_boot_raises_no_reboot_alarm(
    make_engine: EngineFactory,
) -> None:
    engine = await make_engine(AdmissionMode.APPROVE)
    raised = Raised(engine)
    await _boot_pending(engine, times=5)  # one connection, five boots
    await raised.settled("CP-PENDING")
    assert raised.of(AlarmKind.REBOOTS) == []
    # Waiting chargers that reconnect for each retry are only asking to be let in too.
    for _ in range(3):
        await _boot_pending(engine, times=1)
    await raised.settled("CP-PENDING")
    assert raised.of(AlarmKind.REBOOTS) == []


async def _boot_pending(engine: CentralSystem, times: int) -> None:
    async with connect(
        f"ws://127.0.0.1:{engine.port}/ocpp/CP-PENDING",
        subprotocols=["ocpp1.6"],  # type: ignore[list-item]
        open_timeout=10,
    ) as ws:
        for number in range(times):
            await ws.send(json.dumps([2, f"boot-{number}", "BootNotification", BOOT]))
            reply = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert reply[0] == 3 and reply[2]["status"] == "Pending"


async def test_a_boot_asked_for_with_trigger_message_is_no_reboot(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    raised = Raised(engine)
    charger = make_charger(engine, "CP-TRIGGER")
    await _started(charger, engine)
    for _ in range(3):
        before = charger.sent_count("BootNotification")
        outcome = await engine.commands.send(
            "CP-TRIGGER", TriggerMessage("BootNotification"), actor=ADMIN
        )
        assert outcome.status == "Accepted", outcome
        await charger.wait_for(lambda b=before: charger.sent_count("BootNotification") > b)  # type: ignore[misc]
    assert charger.sent_count("BootNotification") == 4
    assert charger.connect_count == 1  # never disconnected: these boots are no reboots
    await raised.settled("CP-TRIGGER")
    assert raised.of(AlarmKind.REBOOTS) == []


async def test_restarts_staff_asked_for_are_no_reboots(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    raised = Raised(engine)
    charger = make_charger(engine, "CP-RESET")
    await _started(charger, engine)  # boot 1, counted
    for _ in range(2):  # two resets staff asked for: each reconnects and boots
        before = charger.connect_count
        outcome = await engine.commands.reset("CP-RESET", actor=ADMIN)
        assert outcome.status == "Accepted", outcome
        await charger.wait_for(lambda b=before: charger.connect_count > b)  # type: ignore[misc]
        await charger.wait_booted()
    await charger.go_offline()  # and one reboot nobody asked for: boot 2 of the count
    await charger.come_back()
    await raised.settled("CP-RESET")
    assert charger.connect_count == 4
    assert raised.of(AlarmKind.REBOOTS) == []  # 4 boots, but only 2 were reboots


async def test_three_reconnects_with_a_boot_each_raise_one_reboot_alarm_in_site_words(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await engine.writer.submit(lambda c: set_site_timezone(c, "Europe/Berlin"))
    raised = Raised(engine)
    charger = make_charger(engine, "CP-LOOP")
    await _started(charger, engine)  # boot 1
    for _ in range(2):  # boots 2 and 3, each on a new connection
        await charger.go_offline()
        await charger.come_back()
    await raised.wait(lambda: raised.of(AlarmKind.REBOOTS))
    [alarm] = raised.of(AlarmKind.REBOOTS)
    assert alarm.charger_id == "CP-LOOP" and alarm.details["boots"] == 3
    assert alarm.message == "CP-LOOP rebooted 3 times within 30 minutes."
    assert charger.connect_count == 3


async def test_every_stored_alarm_sentence_names_its_charger_and_uses_site_time(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(alarm_offline_grace=0.2)
    await engine.writer.submit(lambda c: set_site_timezone(c, "Europe/Berlin"))
    raised = Raised(engine)
    charger = make_charger(engine, "CP-AWAY", reconnect=False)
    await _started(charger, engine)
    await charger.fault(1, "GroundFailure", "RCD tripped")
    await raised.wait(lambda: raised.of(AlarmKind.FAULTED))
    await charger.go_offline()
    await raised.wait(lambda: raised.of(AlarmKind.OFFLINE))
    [fault] = raised.of(AlarmKind.FAULTED)
    assert fault.message == "Connector 1 of CP-AWAY is faulted: GroundFailure, RCD tripped."
    [offline] = raised.of(AlarmKind.OFFLINE)
    assert offline.message == f"CP-AWAY has been offline since {_berlin(offline.details['since'])}."
    assert "UTC" not in offline.message
    await charger.come_back()
    await charger.call(
        call.SecurityEventNotification(
            type="TamperDetectionActivated", timestamp=TAMPERED_AT, tech_info="door opened"
        )
    )
    await raised.wait(lambda: raised.of(AlarmKind.SECURITY))
    [security] = raised.of(AlarmKind.SECURITY)
    assert security.message == (
        "CP-AWAY reported a security event: TamperDetectionActivated (door opened) "
        "at 2026-07-01 14:05 CEST."
    )


def _berlin(iso: str) -> str:
    local = datetime.fromisoformat(iso).astimezone(ZoneInfo("Europe/Berlin"))
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"
