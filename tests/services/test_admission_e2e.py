"""Admission modes, Basic auth and refusals, with simulated chargers over real websockets."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from console.core.enums import AdmissionMode, Approval, RefusalReason
from console.core.events import ChargerAwaitingApproval, ConnectionRefused, Event
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from console.storage import chargers as charger_repo
from console.storage import logs as log_repo
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]
EngineFactory = Callable[..., Awaitable[CentralSystem]]


async def _refusals(engine: CentralSystem) -> list[RefusalReason]:
    refusals = await engine.writer.submit(log_repo.list_refusals)
    assert all(r.peer and r.peer.startswith("127.0.0.1") for r in refusals)
    return [r.reason for r in refusals]


async def test_approve_mode_holds_unknown_chargers_until_accepted(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(AdmissionMode.APPROVE)
    events: list[Event] = []
    engine.bus.subscribe(events.append)
    charger = make_charger(engine, "NEW-1")
    await charger.start()
    await charger.wait_for(lambda: charger.registration_status == "Pending")
    assert not charger.accepted
    assert any(isinstance(e, ChargerAwaitingApproval) for e in events)
    assert engine.site.chargers["NEW-1"].approval is Approval.PENDING
    # Accepting triggers a new BootNotification at once: no wait for the Pending interval.
    assert await engine.admission.set_approval("NEW-1", accepted=True, actor=ADMIN)
    await charger.wait_booted()
    assert charger.registration_status == "Accepted"


async def test_rejected_charger_is_disconnected_and_refused(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(AdmissionMode.APPROVE)
    charger = make_charger(engine, "NEW-2", reconnect_max_delay=0.2)
    await charger.start()
    await charger.wait_for(lambda: charger.registration_status == "Pending")
    assert await engine.admission.set_approval("NEW-2", accepted=False, actor=ADMIN)
    # 401 like every other refusal of an identity: the true reason is in the record.
    await charger.wait_for(lambda: charger.refused_status == 401)
    assert RefusalReason.REJECTED_CHARGER in await _refusals(engine)


async def test_closed_mode_refuses_unknown_ids_with_401(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(AdmissionMode.CLOSED)
    events: list[Event] = []
    engine.bus.subscribe(events.append)
    await engine.admission.add_charger("KNOWN", actor=ADMIN)
    stranger = make_charger(engine, "STRANGER", reconnect=False)
    await stranger.start()
    await stranger.wait_for(lambda: stranger.refused_status == 401)
    known = make_charger(engine, "KNOWN")
    await known.start()
    await known.wait_booted()
    assert await _refusals(engine) == [RefusalReason.UNKNOWN_CHARGER]
    assert any(isinstance(e, ConnectionRefused) for e in events)


async def test_open_mode_registers_unknown_chargers_as_accepted(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = make_charger(engine, "ANYONE")
    await charger.start()
    await charger.wait_booted()
    record = await engine.writer.submit(lambda c: charger_repo.get_charger(c, "ANYONE"))
    assert record is not None and record.approval is Approval.ACCEPTED


async def test_basic_auth_password_is_checked_against_its_hash(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(AdmissionMode.CLOSED)
    await engine.admission.add_charger("SECURE", password="correct horse 123", actor=ADMIN)
    stored = await engine.writer.submit(lambda c: charger_repo.password_hash(c, "SECURE"))
    assert stored is not None and "correct horse" not in stored

    wrong = make_charger(engine, "SECURE", password="wrong password!!", reconnect=False)
    await wrong.start()
    await wrong.wait_for(lambda: wrong.refused_status == 401)
    await wrong.stop()
    missing = make_charger(engine, "SECURE", reconnect=False)
    await missing.start()
    await missing.wait_for(lambda: missing.refused_status == 401)
    await missing.stop()
    right = make_charger(engine, "SECURE", password="correct horse 123")
    await right.start()
    await right.wait_booted()
    assert await _refusals(engine) == [RefusalReason.MISSING_PASSWORD, RefusalReason.WRONG_PASSWORD]
