"""Sessions are billed when they stop, at the tariff of their card's group, exactly once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from billing_helpers import (
    D,
    Events,
    add_card,
    add_charger,
    energy_tariff,
    run_session,
    visitor_tariff,
)

from console.core.billing import SessionBill
from console.core.enums import AdmissionMode, ConnectorStatus
from console.core.events import MeterSampled, SessionBilled, SessionStopped
from console.core.model import Card, StopRequest
from console.core.money import CostKind, round_money
from console.core.tariffs import MeterReading
from console.services.engine import CentralSystem, EngineConfig
from console.simulator.charger import SimulatedCharger
from console.storage import bills as bill_repo
from console.storage import sessions as session_repo
from console.storage import usage as usage_repo
from console.storage.database import create_db_engine
from tests.actors import ADMIN

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

ChargerFactory = Callable[..., SimulatedCharger]


def _at(hour: int, minute: int = 0, day: int = 5) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=UTC)  # 5 March 2025 is a Wednesday


async def _staff_and_default(engine: CentralSystem) -> tuple[int, int]:
    staff = await engine.billing.save_tariff(
        None, energy_tariff("Staff", "0.30", fee="0.50"), actor=ADMIN
    )
    default = await engine.billing.save_tariff(None, energy_tariff("Standard", "0.60"), actor=ADMIN)
    await engine.billing.assign_group("STAFF", staff, actor=ADMIN)
    await engine.billing.set_default_tariff(default, actor=ADMIN)
    return staff, default


async def test_simulated_session_is_billed_at_its_group_tariff(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    staff, _default = await _staff_and_default(engine)
    await add_card(engine, Card("STAFF-1", parent_id_tag="staff"))  # group in another case
    events = Events(engine)
    charger = make_charger(engine, "CP-B1", kind="DC", meter_interval=0.05, speed=60.0)
    await charger.start()
    await charger.wait_booted()
    tx = await charger.start_session(1, "STAFF-1")
    assert tx is not None and tx > 0
    await events.wait(lambda: len(events.of(MeterSampled)) >= 3)
    assert await charger.stop_session(1)
    billed = await events.billed(tx)

    session = await engine.writer.submit(lambda c: session_repo.get_session(c, tx))
    bill = await engine.billing.bill(tx)
    assert session is not None and session.meter_stop is not None and bill is not None
    # By hand: the metered energy at 0.30 per kWh plus the 0.50 session fee, tax included.
    kwh = Decimal(session.meter_stop - session.meter_start) / 1000
    assert kwh > 0
    total = round_money(kwh * D("0.30")) + D("0.50")
    tax = round_money(total * D("0.19") / D("1.19"))
    breakdown = bill.breakdown
    assert [line.kind for line in breakdown.lines] == [CostKind.ENERGY, CostKind.SESSION_FEE]
    assert breakdown.energy_kwh == kwh
    assert (breakdown.gross_total, breakdown.tax, breakdown.net_total) == (total, tax, total - tax)
    assert (billed.gross_total, billed.currency) == (total, "EUR")
    assert bill.tariff_id == staff and breakdown.tariff == "Staff"
    assert (bill.id_tag, bill.group) == ("STAFF-1", "staff")
    assert bill.energy_wh == float(kwh * 1000)


async def test_energy_time_idle_and_peak_window_are_billed_exactly(engine: CentralSystem) -> None:
    tariff_id = await engine.billing.save_tariff(None, visitor_tariff(), actor=ADMIN)
    await engine.billing.set_default_tariff(tariff_id, actor=ADMIN)
    await add_charger(engine, "CP-B2")
    await add_card(engine, Card("GUEST-1"))
    events = Events(engine)
    tx = await run_session(
        engine,
        "CP-B2",
        "GUEST-1",
        readings=[
            (_at(14), 10_000),
            (_at(15), 21_000),
            (_at(15, 30), 26_000),
            (_at(16, 30), 26_000),
        ],
        statuses=[
            (_at(13, 59), ConnectorStatus.PREPARING),
            (_at(14), ConnectorStatus.CHARGING),
            (_at(15, 30), ConnectorStatus.SUSPENDED_EV),
            (_at(16, 30), ConnectorStatus.FINISHING),
        ],
    )
    await events.billed(tx)
    bill = await engine.billing.bill(tx)
    assert bill is not None
    lines = [(line.kind, line.window, line.quantity, line.amount) for line in bill.breakdown.lines]
    # 15:00 UTC is 16:00 in Berlin: the peak window starts. Charging 14:00-15:30 (1.5 h at
    # the base time price; the window sets none), idle 15:30-16:30 minus 30 min grace.
    assert lines == [
        (CostKind.ENERGY, None, D("11"), D("5.39")),  # 11 kWh x 0.49
        (CostKind.ENERGY, "Peak", D("5"), D("2.95")),  # 5 kWh x 0.59
        (CostKind.CHARGING_TIME, None, D("1.5"), D("1.80")),  # 1.5 h x 1.20
        (CostKind.IDLE, None, D("0.5"), D("3.00")),  # 0.5 h x 6.00
    ]
    # 13.14 gross; tax 13.14 x 0.19 / 1.19 = 2.0979... -> 2.10; net 11.04.
    breakdown = bill.breakdown
    assert (breakdown.gross_total, breakdown.tax, breakdown.net_total) == (
        D("13.14"),
        D("2.10"),
        D("11.04"),
    )


async def test_group_without_tariff_pays_the_default_and_tariff_changes_leave_bills(
    engine: CentralSystem,
) -> None:
    _staff, default = await _staff_and_default(engine)
    await add_charger(engine, "CP-B3")
    await add_card(engine, Card("STUDENT-1", parent_id_tag="STUDENTS"))
    events = Events(engine)
    tx = await run_session(engine, "CP-B3", "STUDENT-1", [(_at(9), 1_000), (_at(10), 11_000)])
    await events.billed(tx)
    bill = await engine.billing.bill(tx)
    assert bill is not None and bill.tariff_id == default
    assert bill.breakdown.gross_total == D("6.00")  # 10 kWh x 0.60

    await engine.billing.save_tariff(default, energy_tariff("Standard", "0.99"), actor=ADMIN)
    again = await engine.billing.bill_session(tx)
    assert again == bill
    assert await engine.billing.bill(tx) == bill
    # A repeated StopTransaction is acknowledged and changes nothing: billed once.
    await engine.charging.stop_transaction("CP-B3", StopRequest(tx, 11_000, _at(10)))
    assert await engine.billing.bill_backlog() == 0
    assert [e.session_id for e in events.of(SessionBilled)] == [tx]
    assert len(events.of(SessionStopped)) == 1


async def test_no_tariff_means_no_bill_noted_once(
    engine: CentralSystem, caplog: pytest.LogCaptureFixture
) -> None:
    await add_charger(engine, "CP-B4")
    await add_card(engine, Card("ANY-1"))
    caplog.set_level(logging.INFO, logger="console.services.billing")
    first = await run_session(engine, "CP-B4", "ANY-1", [(_at(9), 0), (_at(10), 5_000)])
    second = await run_session(engine, "CP-B4", "ANY-1", [(_at(11), 5_000), (_at(12), 7_000)])
    assert await engine.billing.bill_session(first) is None
    assert await engine.billing.bill_session(second) is None
    assert await engine.billing.bill(first) is None
    notes = [r for r in caplog.records if "no tariff" in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.INFO


async def test_unbilled_finished_sessions_are_billed_at_start(
    make_engine: Callable[..., object], engine_db_url: str
) -> None:
    first: CentralSystem = await make_engine()  # type: ignore[misc]
    await add_charger(first, "CP-B5")
    await add_card(first, Card("ANY-2"))
    # Two sessions end before any tariff exists: the program "crashed" before billing.
    one = await run_session(first, "CP-B5", "ANY-2", [(_at(9), 0), (_at(10), 4_000)])
    two = await run_session(first, "CP-B5", "ANY-2", [(_at(11), 4_000), (_at(12), 6_000)])
    default = await first.billing.save_tariff(None, energy_tariff("Standard", "0.50"), actor=ADMIN)
    await first.billing.set_default_tariff(default, actor=ADMIN)
    assert await first.billing.bill(one) is None
    await first.stop()
    # The bill the first engine tried at a stop may run late, after the tariff was set
    # (a busy machine): the second engine must bill what the first left unbilled.
    unbilled = [s for s in (one, two) if await _stored_bill(engine_db_url, s) is None]
    assert unbilled

    config = EngineConfig(
        database_url=engine_db_url,
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
    )
    second = CentralSystem(config)
    events = Events(second)
    await second.start()
    try:
        for session_id in unbilled:
            await events.billed(session_id)
        bill = await second.billing.bill(one)
        assert bill is not None and bill.breakdown.gross_total == D("2.00")  # 4 kWh x 0.50
        assert await second.billing.bill(two) is not None
    finally:
        await second.stop()


async def _stored_bill(url: str, session_id: int) -> SessionBill | None:
    def read() -> SessionBill | None:
        database = create_db_engine(url)
        try:
            with database.connect() as connection:
                return bill_repo.get_bill(connection, session_id)
        finally:
            database.dispose()

    return await asyncio.to_thread(read)


async def test_cost_so_far_of_a_running_session_grows(
    engine: CentralSystem, make_charger: ChargerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GUI asks again and again while a session runs: after the first answer, only
    what was stored since is read. (How long an answer takes on a busy machine is measured
    by ``python -m benchmarks.gui_timings cost``, docs/benchmarks.md.)"""
    full_reads: list[int] = []  # readings returned by each read from the session's start
    new_reads: list[int] = []  # readings returned by each read of what came since
    read_all, read_since = usage_repo.energy_readings, usage_repo.energy_readings_after

    def counted_all(*args: Any) -> list[MeterReading]:
        readings = read_all(*args)
        full_reads.append(len(readings))
        return readings

    def counted_since(*args: Any) -> tuple[list[MeterReading], int]:
        readings, last = read_since(*args)
        new_reads.append(len(readings))
        return readings, last

    monkeypatch.setattr(usage_repo, "energy_readings", counted_all)
    monkeypatch.setattr(usage_repo, "energy_readings_after", counted_since)
    default = await engine.billing.save_tariff(None, energy_tariff("Standard", "0.60"), actor=ADMIN)
    await engine.billing.set_default_tariff(default, actor=ADMIN)
    await add_card(engine, Card("LIVE-1"))
    events = Events(engine)
    charger = make_charger(engine, "CP-B6", kind="DC", meter_interval=0.05, speed=120.0)
    await charger.start()
    await charger.wait_booted()
    tx = await charger.start_session(1, "LIVE-1")
    assert tx is not None
    await events.wait(lambda: len(events.of(MeterSampled)) >= 3)
    first = await engine.billing.cost_so_far(tx)
    assert first is not None
    assert len(full_reads) == 1 and full_reads[0] >= 3  # the first answer reads it all
    seen = len(events.of(MeterSampled))
    await events.wait(lambda: len(events.of(MeterSampled)) >= seen + 5)
    full_reads.clear()
    new_reads.clear()
    later = await engine.billing.cost_so_far(tx)
    assert later is not None
    assert later.energy_kwh > first.energy_kwh
    assert later.gross_total >= first.gross_total
    # Nothing is read from the start again: only the readings stored since the last answer.
    assert full_reads == []
    assert len(new_reads) == 1 and new_reads[0] >= 5
    assert await engine.billing.bill(tx) is None  # running: not billed
    assert await engine.billing.cost_so_far(999_999) is None


async def test_tariff_names_are_unique_and_tariffs_in_use_cannot_be_retired(
    engine: CentralSystem,
) -> None:
    from console.core.billing import BillingError

    staff, default = await _staff_and_default(engine)
    with pytest.raises(BillingError, match="already a tariff named"):
        await engine.billing.save_tariff(None, energy_tariff("staff", "0.10"), actor=ADMIN)
    with pytest.raises(BillingError, match="group STAFF"):
        await engine.billing.retire_tariff(staff, actor=ADMIN)
    await engine.billing.assign_group("staff", None, actor=ADMIN)
    retired = await engine.billing.retire_tariff(staff, actor=ADMIN)
    assert retired.retired
    names = [t.tariff.name for t in await engine.billing.tariffs(include_retired=False)]
    assert names == ["Standard"]
    with pytest.raises(BillingError, match="retired"):
        await engine.billing.assign_group("STAFF", staff, actor=ADMIN)
    renamed = replace(energy_tariff("Site standard", "0.60"))
    assert await engine.billing.save_tariff(default, renamed, actor=ADMIN) == default
