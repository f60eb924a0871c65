"""Compacting a running session's readings never changes its cost."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest

from console.core.enums import ConnectorStatus
from console.core.live_cost import compact_readings
from console.core.tariffs import (
    MeterReading,
    SessionUsage,
    StatusChange,
    Tariff,
    TariffWindow,
    cost_of,
)

TARIFF = Tariff(
    name="Windows",
    currency="EUR",
    timezone="Europe/Berlin",
    energy_price=Decimal("0.49"),
    time_price=Decimal("1.20"),
    tax_rate=Decimal("0.19"),
    windows=(
        TariffWindow("Peak", frozenset(range(5)), time(16), time(20), Decimal("0.59")),
        TariffWindow("Night", frozenset(range(7)), time(22), time(6), Decimal("0.29")),
        TariffWindow("Lunch", frozenset({2}), time(12, 0), time(12, 7), Decimal("0.99")),
    ),
)


@pytest.mark.parametrize("seed", range(25))
def test_compacted_readings_cost_the_same(seed: int) -> None:
    rng = random.Random(seed)
    start = datetime(2025, 3, 3, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 7 * 24 * 60))
    at, wh = start, Decimal(rng.randrange(0, 100_000))
    readings = [MeterReading(at, wh)]
    for _ in range(rng.randrange(1, 400)):
        at += timedelta(seconds=rng.choice([0, 1, 10, 60, 600, 3600]))
        step = rng.choice(["0", "3", "17.5", "250", "-40", "1234.125"])
        wh += Decimal(step)
        readings.append(MeterReading(at, wh))
    statuses = (StatusChange(start, ConnectorStatus.CHARGING),)
    now = at + timedelta(minutes=5)
    full = cost_of(TARIFF, SessionUsage(start, None, tuple(readings), statuses), now)
    compact = compact_readings(TARIFF, readings)
    assert len(compact) <= len(readings)
    same = cost_of(TARIFF, SessionUsage(start, None, compact, statuses), now)
    assert same == full
    assert compact_readings(TARIFF, compact) == compact  # compacting again changes nothing


def test_a_long_steady_session_keeps_only_a_few_readings() -> None:
    start = datetime(2025, 3, 5, 13, 0, tzinfo=UTC)  # Wednesday, 14:00 in Berlin
    readings = [
        MeterReading(start + timedelta(seconds=10 * k), Decimal(30 * k)) for k in range(1440)
    ]
    compact = compact_readings(TARIFF, readings)
    # First and last, and the reading taken just as the peak window starts (16:00 Berlin).
    assert [r.at for r in compact] == [start, start + timedelta(hours=2), readings[-1].at]
