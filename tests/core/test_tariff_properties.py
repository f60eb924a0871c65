"""Properties of the tariff arithmetic that must hold for any tariff and any session."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.core.enums import ConnectorStatus
from console.core.money import CostBreakdown, CostKind, split_tax
from console.core.tariffs import (
    MeterReading,
    SessionUsage,
    StatusChange,
    Tariff,
    TariffWindow,
    _local_to_utc,
    cost_of,
)

PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]
# daylight-saving days of those zones in 2026 (Lord Howe moves by half an hour), and others
DAYS = [
    date(2026, 3, 29),
    date(2026, 10, 25),
    date(2026, 3, 8),
    date(2026, 11, 1),
    date(2026, 4, 5),
    date(2026, 10, 4),
    date(2026, 6, 15),
    date(2026, 12, 31),
]
# Charging listed twice: it is what a session mostly does
STATUSES = [ConnectorStatus.CHARGING, *ConnectorStatus]


def decimals(most: int, places: int) -> st.SearchStrategy[Decimal]:
    """Decimals from 0 to most / 10**places, with ``places`` decimals."""
    return st.integers(0, most).map(lambda n: Decimal(f"{n}E-{places}"))


prices = decimals(2000, 3)  # 0.000 .. 2.000
cents = decimals(5000, 2)  # 0.00 .. 50.00
maybe_prices = st.sampled_from([True, True, True, False]).flatmap(
    lambda priced: prices if priced else st.none()
)
clock_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 10, 15, 30, 45, 59]))


# seconds between two readings: a few typical spans plus anything up to half an hour more
# (plain integers would mostly be tiny, and sessions would rarely cross a boundary)
durations = st.builds(
    lambda typical, more: typical + more,
    st.sampled_from([0, 60, 900, 3600, 7200, 18000]),
    st.integers(0, 1800),
)


@st.composite
def windows(draw: st.DrawFn) -> TariffWindow:
    return TariffWindow(
        name=draw(st.sampled_from(["peak", "off-peak", "night", "weekend"])),
        weekdays=draw(st.just(frozenset(range(7))) | st.frozensets(st.integers(0, 6), min_size=1)),
        start=draw(clock_times),
        end=draw(clock_times),
        energy_price=draw(maybe_prices),
        time_price=draw(maybe_prices),
    )


@st.composite
def tariffs(draw: st.DrawFn) -> Tariff:
    limits = sorted(draw(st.lists(cents, min_size=2, max_size=2)))
    return Tariff(
        name="Visitors",
        currency="EUR",
        timezone=draw(st.sampled_from(ZONES)),
        energy_price=draw(prices),
        time_price=draw(prices),
        idle_price=draw(prices),
        idle_grace=timedelta(minutes=draw(st.integers(0, 60))),
        session_fee=draw(decimals(300, 2)),
        minimum=draw(st.none() | st.just(limits[0])),
        maximum=draw(st.none() | st.just(limits[1])),
        tax_rate=draw(decimals(30, 2)),
        prices_include_tax=draw(st.booleans()),
        windows=tuple(draw(windows()) for _ in range(draw(st.integers(0, 3)))),
    )


@dataclass(frozen=True)
class Interval:
    """Constant power over ``seconds``: ``rate`` mWh per second (so readings are exact)."""

    seconds: int
    rate: int


@st.composite
def sessions(draw: st.DrawFn, *, settle: bool = False) -> tuple[SessionUsage, list[Interval]]:
    """A finished session built from constant-power intervals, with a status timeline.

    ``settle``: the car never charges again once it stopped charging (no resumed charging).
    """
    start = datetime.combine(draw(st.sampled_from(DAYS)), time(), UTC) + timedelta(
        seconds=draw(st.integers(-12 * 3600, 36 * 3600))
    )
    intervals = draw(
        st.lists(
            st.builds(Interval, durations, st.integers(0, 7000)),
            min_size=2,
            max_size=6,
        )
    )
    readings = [MeterReading(start, Decimal(draw(st.integers(0, 10**7))))]
    for interval in intervals:
        previous = readings[-1]
        added = Decimal(f"{interval.rate * max(interval.seconds, 1)}E-3")
        readings.append(
            MeterReading(previous.at + timedelta(seconds=interval.seconds), previous.wh + added)
        )
    stop = readings[-1].at + timedelta(minutes=draw(st.integers(0, 120)))
    span = int((stop - start).total_seconds())
    offsets = sorted(draw(st.lists(st.integers(-600, span), max_size=6)))
    if settle:
        split = draw(st.integers(0, len(offsets)))
        active = [ConnectorStatus.CHARGING, ConnectorStatus.SUSPENDED_EVSE]
        rest = [s for s in STATUSES if s is not ConnectorStatus.CHARGING]
        kinds = [draw(st.sampled_from(active)) for _ in offsets[:split]]
        kinds += [draw(st.sampled_from(rest)) for _ in offsets[split:]]
    else:
        kinds = [draw(st.sampled_from(STATUSES)) for _ in offsets]
    statuses = tuple(
        StatusChange(start + timedelta(seconds=offset), kind)
        for offset, kind in zip(offsets, kinds, strict=True)
    )
    return SessionUsage(start, stop, tuple(readings), statuses), intervals


def energy_lines(breakdown: CostBreakdown) -> list[tuple[str | None, Decimal, Decimal]]:
    return [
        (line.window, line.quantity, line.amount)
        for line in breakdown.lines
        if line.kind is CostKind.ENERGY
    ]


@PROPERTIES
@given(tariffs(), sessions(), st.data())
def test_an_extra_reading_at_constant_power_changes_nothing(
    tariff: Tariff, built: tuple[SessionUsage, list[Interval]], data: st.DataObject
) -> None:
    session, intervals = built
    n = data.draw(st.integers(0, len(intervals) - 1))
    interval = intervals[n]
    if interval.seconds < 2:
        return
    seconds = data.draw(st.integers(1, interval.seconds - 1))
    before = session.readings[n]
    extra = MeterReading(
        before.at + timedelta(seconds=seconds),
        before.wh + Decimal(f"{interval.rate * seconds}E-3"),
    )
    finer = replace(session, readings=(*session.readings, extra))
    assert cost_of(tariff, finer) == cost_of(tariff, session)


@PROPERTIES
@given(tariffs(), sessions(settle=True), st.lists(st.integers(0, 12 * 3600), min_size=2))
def test_cost_so_far_never_decreases(
    tariff: Tariff, built: tuple[SessionUsage, list[Interval]], offsets: list[int]
) -> None:
    session, _ = built
    running = replace(session, stopped_at=None)
    costs = [
        cost_of(tariff, running, session.started_at + timedelta(seconds=offset)).gross_total
        for offset in sorted(offsets)
    ]
    assert costs == sorted(costs)


@PROPERTIES
@given(tariffs(), sessions())
def test_any_breakdown_adds_up(tariff: Tariff, built: tuple[SessionUsage, list[Interval]]) -> None:
    # energy: the lines add up exactly to the metered energy, whatever the windows
    session, _ = built
    breakdown = cost_of(tariff, session)
    metered = (session.readings[-1].wh - session.readings[0].wh) / 1000
    assert sum(quantity for _, quantity, _ in energy_lines(breakdown)) == metered
    assert all(quantity > 0 for _, quantity, _ in energy_lines(breakdown))
    # money: whole cents, net + tax == gross, limits respected, stored exactly
    assert breakdown.net_total + breakdown.tax == breakdown.gross_total
    assert sum(line.amount for line in breakdown.lines) == breakdown.total
    assert all(line.amount == line.amount.quantize(Decimal("0.01")) for line in breakdown.lines)
    delivered = any(line.kind is CostKind.ENERGY for line in breakdown.lines)
    if tariff.minimum is not None and delivered:
        assert breakdown.total >= tariff.minimum
    if tariff.maximum is not None:
        assert breakdown.total <= tariff.maximum
    assert CostBreakdown.from_json(json.loads(json.dumps(breakdown.to_json()))) == breakdown


@PROPERTIES
@given(cents, decimals(100, 3), st.booleans())
def test_net_plus_tax_is_gross(total: Decimal, rate: Decimal, included: bool) -> None:
    net, tax, gross = split_tax(total, rate, included=included)
    assert net + tax == gross
    assert (gross if included else net) == total
    exact = Fraction(net) * Fraction(rate)
    assert abs(Fraction(tax) - exact) <= Fraction(1, 100)  # within a cent of net x rate


@PROPERTIES
@given(tariffs(), sessions())
def test_no_windows_equals_a_window_all_week_at_the_base_prices(
    tariff: Tariff, built: tuple[SessionUsage, list[Interval]]
) -> None:
    plain = replace(tariff, windows=())
    all_week = TariffWindow(
        "all week",
        frozenset(range(7)),
        time(0),
        time(0),
        energy_price=tariff.energy_price,
        time_price=tariff.time_price,
    )
    windowed = replace(tariff, windows=(all_week,))

    def essentials(breakdown: CostBreakdown) -> list[tuple[CostKind, Decimal, Decimal]]:
        return [(line.kind, line.quantity, line.amount) for line in breakdown.lines]

    first, second = cost_of(plain, built[0]), cost_of(windowed, built[0])
    assert essentials(first) == essentials(second)
    assert first.gross_total == second.gross_total and first.tax == second.tax


@PROPERTIES
@given(st.sampled_from(ZONES), st.sampled_from(DAYS), clock_times)
def test_a_boundary_is_the_first_instant_the_clock_reads_its_time(
    zone_name: str, day: date, wall: time
) -> None:
    zone = ZoneInfo(zone_name)
    wanted = datetime.combine(day, wall)
    instant = _local_to_utc(day, wall, zone)

    def clock(at: datetime) -> datetime:
        return at.astimezone(zone).replace(tzinfo=None)

    assert clock(instant) >= wanted
    assert clock(instant - timedelta(microseconds=1)) < wanted
    assert clock(instant) - wanted <= timedelta(hours=1)  # at most the jump of a skipped hour
