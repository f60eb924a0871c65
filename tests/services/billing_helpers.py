"""Helpers of the billing, receipt and visitor tests: events to wait for, sessions to bill."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import TypeVar

from console.core.clock import utcnow
from console.core.enums import Approval, ConnectorStatus
from console.core.events import Event, SessionBilled
from console.core.model import (
    Card,
    MeterReport,
    MeterValue,
    SampledValue,
    StartRequest,
    StatusReport,
    StopRequest,
)
from console.core.tariffs import Tariff, TariffWindow
from console.services.engine import CentralSystem
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo

T = TypeVar("T")
WAIT = 10.0

D = Decimal
ZONE = "Europe/Berlin"


class Events:
    """Every event the engine publishes from now on, and a way to wait for one."""

    def __init__(self, engine: CentralSystem) -> None:
        self.seen: list[Event] = []
        self._changed = asyncio.Event()
        engine.bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        self.seen.append(event)
        self._changed.set()

    def of(self, kind: type[T]) -> list[T]:
        """The events of one kind, in order."""
        return [event for event in self.seen if isinstance(event, kind)]

    async def wait(self, predicate: Callable[[], object], timeout: float = WAIT) -> None:
        """Wait until ``predicate()`` is truthy, re-checked after every event."""
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    async def billed(self, session_id: int) -> SessionBilled:
        """Wait for the bill of a session."""
        await self.wait(lambda: any(e.session_id == session_id for e in self.of(SessionBilled)))
        return next(e for e in self.of(SessionBilled) if e.session_id == session_id)


def visitor_tariff() -> Tariff:
    """The demo's visitor tariff: energy, time, an idle fee and a peak window."""
    return Tariff(
        name="Visitors",
        currency="EUR",
        timezone=ZONE,
        energy_price=D("0.49"),
        time_price=D("1.20"),
        idle_price=D("6.00"),
        idle_grace=timedelta(minutes=30),
        tax_rate=D("0.19"),
        windows=(
            TariffWindow("Peak", frozenset(range(5)), time(16), time(20), energy_price=D("0.59")),
        ),
    )


def energy_tariff(name: str, price: str, fee: str = "0") -> Tariff:
    """A tariff of energy only (and a session fee), 19 % tax included."""
    return Tariff(
        name=name,
        currency="EUR",
        timezone=ZONE,
        energy_price=D(price),
        session_fee=D(fee),
        tax_rate=D("0.19"),
    )


async def add_card(engine: CentralSystem, card: Card) -> None:
    """Register a card directly."""
    await engine.writer.submit(lambda c: card_repo.save_card(c, card, utcnow()))


async def add_charger(engine: CentralSystem, charger_id: str) -> None:
    """Register a charger directly (for sessions driven through the charging service)."""
    await engine.writer.submit(
        lambda c: charger_repo.add_charger(c, charger_id, Approval.ACCEPTED, utcnow())
    )


def _report(connector_id: int, status: ConnectorStatus, at: datetime) -> StatusReport:
    return StatusReport(connector_id, status, "NoError", timestamp=at)


async def run_session(
    engine: CentralSystem,
    charger_id: str,
    id_tag: str,
    readings: Sequence[tuple[datetime, int]],
    statuses: Sequence[tuple[datetime, ConnectorStatus]] = (),
    connector_id: int = 1,
    stop: bool = True,
) -> int:
    """A session as a charger reports it: statuses, StartTransaction at the first reading,
    MeterValues at the middle ones and StopTransaction at the last (unless not ``stop``).
    Returns the transaction id."""
    charging = engine.charging
    for at, status in statuses:
        if at <= readings[0][0]:
            await charging.status(
                charger_id, StatusReport(connector_id, status, "NoError", timestamp=at)
            )
    start_at, meter_start = readings[0]
    decision = await charging.start_transaction(
        charger_id, StartRequest(connector_id, id_tag, meter_start, start_at)
    )
    tx = decision.transaction_id
    last = len(readings) - 1 if stop else len(readings)
    for at, wh in readings[1:last]:
        sample = SampledValue(float(wh), "Energy.Active.Import.Register", "Wh")
        await charging.meter_values(
            charger_id, MeterReport(connector_id, tx, (MeterValue(at, (sample,)),))
        )
    end = readings[-1][0] if stop else None
    for at, status in statuses:
        if at > readings[0][0] and (end is None or at <= end):
            await charging.status(
                charger_id, StatusReport(connector_id, status, "NoError", timestamp=at)
            )
    if stop:
        stop_at, meter_stop = readings[-1]
        await charging.stop_transaction(charger_id, StopRequest(tx, meter_stop, stop_at))
    return tx
