"""Tariff arithmetic on hand-computed examples; the arithmetic is written beside each."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from console.core.enums import ConnectorStatus
from console.core.money import CostBreakdown, CostKind, round_money, split_tax
from console.core.tariffs import (
    MeterReading,
    SessionUsage,
    StatusChange,
    Tariff,
    TariffWindow,
    active_window,
    choose_tariff,
    cost_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = frozenset(range(5))
EVERY_DAY = frozenset(range(7))
CHARGING = ConnectorStatus.CHARGING
D = Decimal


def tariff(**changes: Any) -> Tariff:
    """A visitors' tariff in Berlin, tax 0, prices gross; ``changes`` override."""
    values: dict[str, Any] = {"name": "Visitors", "currency": "EUR", "timezone": "Europe/Berlin"}
    values.update(changes)
    return Tariff(**values)


def berlin(day: str, clock: str) -> datetime:
    """A wall-clock time of the site (not on an ambiguous hour)."""
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=BERLIN)


def utc(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC)


def usage(
    *readings: tuple[datetime, int | str],
    statuses: tuple[tuple[datetime, ConnectorStatus], ...] = (),
    running: bool = False,
) -> SessionUsage:
    """A session from its first to its last reading (running: not stopped yet)."""
    return SessionUsage(
        started_at=readings[0][0],
        stopped_at=None if running else readings[-1][0],
        readings=tuple(MeterReading(at, D(wh)) for at, wh in readings),
        statuses=tuple(StatusChange(at, status) for at, status in statuses),
    )


def lines(breakdown: CostBreakdown) -> list[tuple[str, str | None, str, str, str]]:
    """(kind, window, quantity, unit price, amount) of each line, as text."""
    return [
        (line.kind.value, line.window, str(line.quantity), str(line.unit_price), str(line.amount))
        for line in breakdown.lines
    ]


def totals(breakdown: CostBreakdown) -> tuple[str, str, str]:
    return str(breakdown.net_total), str(breakdown.tax), str(breakdown.gross_total)


# --- energy, time and fees --------------------------------------------------------------------


def test_flat_energy_price_with_tax_included() -> None:
    # 23,456 Wh - 1,000 Wh = 22.456 kWh x 0.35 = 7.8596 -> 7.86 gross
    # tax = 7.86 x 0.19 / 1.19 = 1.25496 -> 1.25; net = 7.86 - 1.25 = 6.61
    rules = tariff(energy_price=D("0.35"), tax_rate=D("0.19"))
    session = usage((berlin("2026-03-02", "09:00"), 1000), (berlin("2026-03-02", "11:00"), 23456))
    breakdown = cost_of(rules, session)
    assert lines(breakdown) == [("energy", None, "22.456000", "0.35", "7.86")]
    assert totals(breakdown) == ("6.61", "1.25", "7.86")
    assert breakdown.energy_kwh == D("22.456")
    assert breakdown.currency == "EUR" and breakdown.tariff == "Visitors"


def test_energy_time_and_session_fee() -> None:
    # 20 kWh x 0.30 = 6.00; charging 09:00-11:00 = 2 h x 1.20 = 2.40 (SuspendedEV after it is
    # not charging, and costs nothing without an idle price); session fee 1.00 -> 9.40
    rules = tariff(energy_price=D("0.30"), time_price=D("1.20"), session_fee=D("1.00"))
    day = "2026-03-02"
    session = usage(
        (berlin(day, "09:00"), 0),
        (berlin(day, "11:30"), 20000),
        statuses=(
            (berlin(day, "08:58"), ConnectorStatus.PREPARING),
            (berlin(day, "09:00"), CHARGING),
            (berlin(day, "11:00"), ConnectorStatus.SUSPENDED_EV),
        ),
    )
    assert lines(cost_of(rules, session)) == [
        ("energy", None, "20.000000", "0.30", "6.00"),
        ("charging_time", None, "2.000000", "1.20", "2.40"),
        ("session_fee", None, "1", "1.00", "1.00"),
    ]
    assert totals(cost_of(rules, session)) == ("9.40", "0.00", "9.40")


# --- time windows ---------------------------------------------------------------------------

PEAK = TariffWindow("peak", WEEKDAYS, time(18), time(22), energy_price=D("0.40"))


def test_peak_boundary_with_readings_on_both_sides() -> None:
    # Monday: 15:00-18:00 off-peak 10 kWh x 0.30 = 3.00; 18:00-19:00 peak 5 kWh x 0.40 = 2.00
    rules = tariff(energy_price=D("0.30"), windows=(PEAK,))
    day = "2026-03-02"
    session = usage(
        (berlin(day, "15:00"), 0), (berlin(day, "18:00"), 10000), (berlin(day, "19:00"), 15000)
    )
    assert lines(cost_of(rules, session)) == [
        ("energy", None, "10.000000", "0.30", "3.00"),
        ("energy", "peak", "5.000000", "0.40", "2.00"),
    ]
    assert cost_of(rules, session).gross_total == D("5.00")


def test_reading_interval_straddling_the_boundary_is_split_by_time() -> None:
    # 17:30-18:30 with 6,000 Wh: half the time before 18:00 -> 3 kWh x 0.30 = 0.90,
    # half after -> 3 kWh x 0.40 = 1.20; total 2.10
    rules = tariff(energy_price=D("0.30"), windows=(PEAK,))
    day = "2026-03-02"
    session = usage((berlin(day, "17:30"), 0), (berlin(day, "18:30"), 6000))
    assert lines(cost_of(rules, session)) == [
        ("energy", None, "3.000000", "0.30", "0.90"),
        ("energy", "peak", "3.000000", "0.40", "1.20"),
    ]


def test_readings_at_one_instant_count_in_the_window_starting_then() -> None:
    # the 1 kWh jump stamped exactly 18:00 belongs to peak ([18:00, 22:00)): 1 x 0.40
    rules = tariff(energy_price=D("0.30"), windows=(PEAK,))
    day = "2026-03-02"
    session = usage(
        (berlin(day, "17:00"), 0), (berlin(day, "18:00"), 0), (berlin(day, "18:00"), 1000)
    )
    assert lines(cost_of(rules, session)) == [("energy", "peak", "1.000000", "0.40", "0.40")]


def test_uneven_split_rounds_the_register_to_a_milliwatt_hour() -> None:
    # 17:40-18:10 with 1,000 Wh: at 18:00 the register is 1000 x 20/30 = 666.6667 -> 666.667 Wh
    # off-peak 0.666667 kWh x 0.30 = 0.2000001 -> 0.20; peak 0.333333 kWh x 0.40 = 0.1333332 ->
    # 0.13; the two add up to exactly 1 kWh
    rules = tariff(energy_price=D("0.30"), windows=(PEAK,))
    day = "2026-03-02"
    session = usage((berlin(day, "17:40"), 0), (berlin(day, "18:10"), 1000))
    breakdown = cost_of(rules, session)
    assert lines(breakdown) == [
        ("energy", None, "0.666667", "0.30", "0.20"),
        ("energy", "peak", "0.333333", "0.40", "0.13"),
    ]
    assert breakdown.energy_kwh == 1


def test_charging_time_is_split_by_window() -> None:
    # charging 17:30-18:30: 0.5 h x 1.00 + 0.5 h x 2.00 (peak) = 1.50
    peak = TariffWindow("peak", WEEKDAYS, time(18), time(22), time_price=D("2.00"))
    rules = tariff(time_price=D("1.00"), windows=(peak,))
    day = "2026-03-02"
    session = usage(
        (berlin(day, "17:30"), 0),
        (berlin(day, "18:30"), 0),
        statuses=((berlin(day, "17:30"), CHARGING),),
    )
    assert lines(cost_of(rules, session)) == [
        ("charging_time", None, "0.500000", "1.00", "0.50"),
        ("charging_time", "peak", "0.500000", "2.00", "1.00"),
    ]


def test_window_wrapping_midnight() -> None:
    # night 22:00-06:00 at 0.20, base 0.35, Wednesday 21:00 to Thursday 07:00
    # 21:00-23:00 (4 kWh, straddles 22:00): 2 kWh base + 2 kWh night
    # 23:00-07:00 (8 kWh over 8 h): 23:00-06:00 7 kWh night + 06:00-07:00 1 kWh base
    # night 9 kWh x 0.20 = 1.80; base 3 kWh x 0.35 = 1.05; total 2.85
    night = TariffWindow("night", EVERY_DAY, time(22), time(6), energy_price=D("0.20"))
    rules = tariff(energy_price=D("0.35"), windows=(night,))
    session = usage(
        (berlin("2026-03-04", "21:00"), 0),
        (berlin("2026-03-04", "23:00"), 4000),
        (berlin("2026-03-05", "07:00"), 12000),
    )
    assert lines(cost_of(rules, session)) == [
        ("energy", None, "3.000000", "0.35", "1.05"),
        ("energy", "night", "9.000000", "0.20", "1.80"),
    ]


def test_wrapping_window_belongs_to_the_day_it_starts() -> None:
    # Friday-only 22:00-06:00 covers Saturday 01:00, but Saturday 23:00 is outside
    friday_night = TariffWindow("night", frozenset({4}), time(22), time(6))
    rules = tariff(windows=(friday_night,))
    assert active_window(rules, berlin("2026-03-07", "01:00")) == friday_night
    assert active_window(rules, berlin("2026-03-07", "23:00")) is None
    assert active_window(rules, berlin("2026-03-06", "21:59")) is None


def test_weekday_window_over_a_weekend() -> None:
    # peak Mon-Fri 08:00-20:00 at 0.50, base 0.30; Friday 19:00 to Saturday 09:00
    # Friday 19:00-20:00 peak 1 kWh x 0.50 = 0.50; then base 11 kWh x 0.30 = 3.30 (Saturday
    # 08:00-09:00 is no peak); total 3.80
    peak = TariffWindow("peak", WEEKDAYS, time(8), time(20), energy_price=D("0.50"))
    rules = tariff(energy_price=D("0.30"), windows=(peak,))
    session = usage(
        (berlin("2026-03-06", "19:00"), 0),
        (berlin("2026-03-06", "20:00"), 1000),
        (berlin("2026-03-07", "09:00"), 12000),
    )
    assert lines(cost_of(rules, session)) == [
        ("energy", "peak", "1.000000", "0.50", "0.50"),
        ("energy", None, "11.000000", "0.30", "3.30"),
    ]


def test_first_matching_window_wins_and_end_midnight_means_end_of_day() -> None:
    evening = TariffWindow("evening", EVERY_DAY, time(18), time(0), energy_price=D("0.40"))
    late = TariffWindow("late", EVERY_DAY, time(21), time(23), energy_price=D("0.10"))
    rules = tariff(windows=(evening, late))
    assert active_window(rules, berlin("2026-03-02", "22:00")) == evening
    assert active_window(rules, berlin("2026-03-02", "23:59")) == evening
    assert active_window(rules, berlin("2026-03-03", "00:00")) is None


# --- daylight saving --------------------------------------------------------------------------

EARLY = TariffWindow("early", EVERY_DAY, time(2, 30), time(6), energy_price=D("0.20"))


def test_spring_forward_boundary_at_a_time_that_does_not_exist() -> None:
    # 2026-03-29 Berlin: 02:00 CET jumps to 03:00 CEST at 01:00 UTC; 02:30 never happens, so
    # "early" starts at the jump. 1 kW from 00:00 to 03:00 UTC (01:00 CET to 05:00 CEST):
    # base 00:00-01:00 UTC 1 kWh x 0.40 = 0.40; early 01:00-03:00 UTC 2 kWh x 0.20 = 0.40
    rules = tariff(energy_price=D("0.40"), windows=(EARLY,))
    day = "2026-03-29"
    session = usage((utc(day, "00:00"), 0), (utc(day, "03:00"), 3000))
    assert lines(cost_of(rules, session)) == [
        ("energy", None, "1.000000", "0.40", "0.40"),
        ("energy", "early", "2.000000", "0.20", "0.40"),
    ]
    assert active_window(rules, utc(day, "00:59:59")) is None
    assert active_window(rules, utc(day, "01:00")) == EARLY
    assert active_window(rules, utc(day, "03:59:59")) == EARLY  # 05:59:59 CEST
    assert active_window(rules, utc(day, "04:00")) is None  # 06:00 CEST


def test_fall_back_boundary_at_a_time_that_happens_twice() -> None:
    # 2026-10-25 Berlin: 03:00 CEST goes back to 02:00 CET at 01:00 UTC; 02:30 happens at 00:30
    # and at 01:30 UTC. The first one counts: "early" runs 00:30 UTC to 06:00 CET (05:00 UTC),
    # the repeated half hour included. 1 kW from 00:00 to 02:00 UTC:
    # base 00:00-00:30 0.5 kWh x 0.40 = 0.20; early 00:30-02:00 1.5 kWh x 0.20 = 0.30
    rules = tariff(energy_price=D("0.40"), windows=(EARLY,))
    day = "2026-10-25"
    session = usage((utc(day, "00:00"), 0), (utc(day, "02:00"), 2000))
    assert lines(cost_of(rules, session)) == [
        ("energy", None, "0.500000", "0.40", "0.20"),
        ("energy", "early", "1.500000", "0.20", "0.30"),
    ]
    assert active_window(rules, utc(day, "01:15")) == EARLY  # 02:15 CET, the second time
    assert active_window(rules, utc(day, "05:00")) is None


def test_window_ending_at_a_repeated_time_ends_at_its_first_occurrence() -> None:
    small_hours = TariffWindow("small hours", EVERY_DAY, time(0), time(2, 30))
    rules = tariff(windows=(small_hours,))
    assert active_window(rules, utc("2026-10-25", "00:29")) == small_hours  # 02:29 CEST
    assert active_window(rules, utc("2026-10-25", "01:15")) is None  # 02:15 CET


@pytest.mark.parametrize(
    ("day", "start", "stop", "hours_on_sunday"),
    [
        # Sunday 2026-03-29 lasts 23 h: Sat 23:00 CET (22:00 UTC) to Mon 01:00 CEST (23:00 UTC)
        ("2026-03-29", utc("2026-03-28", "22:00"), utc("2026-03-29", "23:00"), "23.000000"),
        # Sunday 2026-10-25 lasts 25 h: Sat 23:00 CEST (21:00 UTC) to Mon 01:00 CET (00:00 UTC)
        ("2026-10-25", utc("2026-10-24", "21:00"), utc("2026-10-26", "00:00"), "25.000000"),
    ],
)
def test_daylight_saving_days_last_23_and_25_hours(
    day: str, start: datetime, stop: datetime, hours_on_sunday: str
) -> None:
    # a whole-Sunday window at 1.00/h, base 2.00/h; an hour on Saturday and one on Monday
    sunday = TariffWindow("sunday", frozenset({6}), time(0), time(0), time_price=D("1.00"))
    rules = tariff(time_price=D("2.00"), windows=(sunday,))
    session = usage((start, 0), (stop, 0), statuses=((start, CHARGING),))
    assert lines(cost_of(rules, session)) == [
        ("charging_time", None, "2.000000", "2.00", "4.00"),
        ("charging_time", "sunday", hours_on_sunday, "1.00", f"{hours_on_sunday[:2]}.00"),
    ]


# --- idle fee ---------------------------------------------------------------------------------


def idle_session(*statuses: tuple[str, ConnectorStatus], stop: str = "12:45") -> SessionUsage:
    day = "2026-03-02"
    return usage(
        (berlin(day, "10:00"), 0),
        (berlin(day, stop), 30000),
        statuses=tuple((berlin(day, clock), status) for clock, status in statuses),
    )


IDLE_TARIFF = tariff(idle_price=D("6.00"), idle_grace=timedelta(minutes=30))


def test_idle_fee_after_the_grace_period() -> None:
    # charging ends 12:00, plugged in until 12:45: 45 min - 30 min grace = 0.25 h x 6.00 = 1.50
    session = idle_session(("10:00", CHARGING), ("12:00", ConnectorStatus.FINISHING))
    assert lines(cost_of(IDLE_TARIFF, session)) == [
        ("energy", None, "30.000000", "0.00", "0.00"),
        ("idle", None, "0.250000", "6.00", "1.50"),
    ]


def test_no_idle_fee_within_the_grace_period() -> None:
    # 25 min plugged after charging < 30 min grace
    session = idle_session(("10:00", CHARGING), ("12:20", ConnectorStatus.SUSPENDED_EV))
    assert [line.kind for line in cost_of(IDLE_TARIFF, session).lines] == [CostKind.ENERGY]


def test_a_pause_before_charging_resumes_is_not_idle() -> None:
    # SuspendedEV 10:30-11:30 is followed by charging; idle is 12:00-12:45 only -> 1.50
    session = idle_session(
        ("10:00", CHARGING),
        ("10:30", ConnectorStatus.SUSPENDED_EV),
        ("11:30", CHARGING),
        ("12:00", ConnectorStatus.SUSPENDED_EV),
    )
    assert cost_of(IDLE_TARIFF, session).gross_total == D("1.50")


def test_idle_stops_when_unplugged_and_suspended_evse_is_never_idle() -> None:
    # Finishing 12:00-12:40 then Available: 40 - 30 = 10 min = 0.166667 h x 6.00 = 1.000002 -> 1.00
    unplugged = idle_session(
        ("10:00", CHARGING),
        ("12:00", ConnectorStatus.FINISHING),
        ("12:40", ConnectorStatus.AVAILABLE),
    )
    assert lines(cost_of(IDLE_TARIFF, unplugged))[-1] == ("idle", None, "0.166667", "6.00", "1.00")
    held_back = idle_session(("10:00", CHARGING), ("12:00", ConnectorStatus.SUSPENDED_EVSE))
    assert cost_of(IDLE_TARIFF, held_back).gross_total == 0


def test_running_idle_fee_is_withdrawn_when_charging_resumes() -> None:
    # a running session is priced as if it stopped now: idle so far counts, until the car
    # charges again (then it was only a pause): documented, the one non-monotonic case
    day = "2026-03-02"
    statuses = (
        (berlin(day, "10:00"), CHARGING),
        (berlin(day, "11:00"), ConnectorStatus.SUSPENDED_EV),
        (berlin(day, "12:00"), CHARGING),
    )
    session = usage((berlin(day, "10:00"), 0), statuses=statuses, running=True)
    assert cost_of(IDLE_TARIFF, session, berlin(day, "11:45")).gross_total == D("1.50")
    assert cost_of(IDLE_TARIFF, session, berlin(day, "12:15")).gross_total == 0


# --- minimum, maximum, tax ------------------------------------------------------------------


def test_minimum_raises_the_total() -> None:
    # 3 kWh x 0.30 = 0.90 < minimum 2.00: adjustment 1.10
    rules = tariff(energy_price=D("0.30"), minimum=D("2.00"))
    session = usage((berlin("2026-03-02", "10:00"), 0), (berlin("2026-03-02", "11:00"), 3000))
    breakdown = cost_of(rules, session)
    assert lines(breakdown)[-1] == ("minimum_adjustment", None, "1", "1.10", "1.10")
    assert breakdown.gross_total == D("2.00")


def test_maximum_caps_the_total() -> None:
    # 50 kWh x 0.30 = 15.00 > maximum 10.00: adjustment -5.00
    rules = tariff(energy_price=D("0.30"), maximum=D("10.00"), minimum=D("2.00"))
    session = usage((berlin("2026-03-02", "10:00"), 0), (berlin("2026-03-02", "15:00"), 50000))
    breakdown = cost_of(rules, session)
    assert lines(breakdown)[-1] == ("maximum_adjustment", None, "1", "-5.00", "-5.00")
    assert breakdown.gross_total == D("10.00")


def test_tax_included() -> None:
    # 34 kWh x 0.35 = 11.90 gross; tax 11.90 x 0.19 / 1.19 = 1.90; net 10.00
    rules = tariff(energy_price=D("0.35"), tax_rate=D("0.19"), prices_include_tax=True)
    session = usage((berlin("2026-03-02", "10:00"), 0), (berlin("2026-03-02", "14:00"), 34000))
    assert totals(cost_of(rules, session)) == ("10.00", "1.90", "11.90")


def test_tax_excluded() -> None:
    # 40 kWh x 0.25 = 10.00 net; tax 10.00 x 0.19 = 1.90; gross 11.90
    rules = tariff(energy_price=D("0.25"), tax_rate=D("0.19"), prices_include_tax=False)
    session = usage((berlin("2026-03-02", "10:00"), 0), (berlin("2026-03-02", "14:00"), 40000))
    breakdown = cost_of(rules, session)
    assert totals(breakdown) == ("10.00", "1.90", "11.90")
    assert breakdown.total == breakdown.net_total


def test_minimum_and_maximum_are_in_the_price_basis() -> None:
    # prices net: 3 kWh x 0.30 = 0.90 net, raised to the minimum 2.00 net; tax 0.38; gross 2.38
    rules = tariff(
        energy_price=D("0.30"), minimum=D("2.00"), tax_rate=D("0.19"), prices_include_tax=False
    )
    session = usage((berlin("2026-03-02", "10:00"), 0), (berlin("2026-03-02", "11:00"), 3000))
    assert totals(cost_of(rules, session)) == ("2.00", "0.38", "2.38")


def test_tax_rounding_is_half_up() -> None:
    # 0.50 x 0.05 = 0.025 -> 0.03 (half up; banker's rounding would give 0.02)
    assert split_tax(D("0.50"), D("0.05"), included=False) == (D("0.50"), D("0.03"), D("0.53"))
    # 0.99 included at 19%: 0.99 x 0.19 / 1.19 = 0.15807 -> 0.16, net 0.83
    assert split_tax(D("0.99"), D("0.19"), included=True) == (D("0.83"), D("0.16"), D("0.99"))
    assert round_money(D("-0.005")) == D("-0.01")  # halves go away from zero


# --- running and odd sessions -----------------------------------------------------------------


def test_running_session_cost_so_far() -> None:
    # at 10:45: 5 kWh read by 10:30 x 0.30 = 1.50, 0.75 h charging x 1.00 = 0.75 -> 2.25;
    # the reading stamped 11:00 is not known "so far" and is left out
    rules = tariff(energy_price=D("0.30"), time_price=D("1.00"))
    day = "2026-03-02"
    session = usage(
        (berlin(day, "10:00"), 0),
        (berlin(day, "10:30"), 5000),
        (berlin(day, "11:00"), 9000),
        statuses=((berlin(day, "10:00"), CHARGING),),
        running=True,
    )
    breakdown = cost_of(rules, session, now=berlin(day, "10:45"))
    assert lines(breakdown) == [
        ("energy", None, "5.000000", "0.30", "1.50"),
        ("charging_time", None, "0.750000", "1.00", "0.75"),
    ]
    with pytest.raises(ValueError, match="needs `now`"):
        cost_of(rules, session)


def test_running_session_without_readings_yet() -> None:
    # 6 minutes of charging at 1.00/h = 0.10; no energy known yet
    rules = tariff(energy_price=D("0.30"), time_price=D("1.00"))
    start = berlin("2026-03-02", "10:00")
    session = SessionUsage(start, None, (), (StatusChange(start, CHARGING),))
    breakdown = cost_of(rules, session, now=start + timedelta(minutes=6))
    assert lines(breakdown) == [("charging_time", None, "0.100000", "1.00", "0.10")]


def test_zero_energy_session_costs_only_its_fee() -> None:
    # no energy: no energy line, and the minimum is not applied; the session fee stays
    rules = tariff(energy_price=D("0.30"), session_fee=D("0.50"), minimum=D("2.00"))
    session = usage((berlin("2026-03-02", "10:00"), 1234), (berlin("2026-03-02", "10:05"), 1234))
    assert lines(cost_of(rules, session)) == [("session_fee", None, "1", "0.50", "0.50")]
    free = cost_of(tariff(energy_price=D("0.30")), session)
    assert free.lines == () and totals(free) == ("0.00", "0.00", "0.00")


def test_a_reading_below_an_earlier_one_is_skipped() -> None:
    # 1000 -> (500 skipped) -> 3000: 2 kWh x 0.30 = 0.60
    rules = tariff(energy_price=D("0.30"))
    day = "2026-03-02"
    session = usage(
        (berlin(day, "10:00"), 1000), (berlin(day, "10:30"), 500), (berlin(day, "11:00"), 3000)
    )
    assert cost_of(rules, session).gross_total == D("0.60")


def test_meter_reading_from_a_float_is_read_as_it_prints() -> None:
    reading = MeterReading.of(berlin("2026-03-02", "10:00"), 1234.1)
    assert reading.wh == D("1234.1")
    assert reading.at.tzinfo is UTC


# --- tariff choice and storage ----------------------------------------------------------------


def test_choose_tariff_by_group_case_insensitively() -> None:
    default, staff = tariff(), tariff(name="Staff")
    by_group = {"STAFF-GROUP": staff}
    assert choose_tariff("staff-group", by_group, default) is staff
    assert choose_tariff("visitors", by_group, default) is default
    assert choose_tariff(None, by_group, default) is default
    with pytest.raises(ValueError, match="more than one tariff"):
        choose_tariff("staff", {"staff": staff, "Staff": default}, default)


def test_breakdown_round_trips_through_json() -> None:
    rules = tariff(energy_price=D("0.3456"), session_fee=D("1.00"), tax_rate=D("0.19"))
    session = usage((berlin("2026-03-02", "10:00"), 0), (berlin("2026-03-02", "11:00"), 7777))
    breakdown = cost_of(rules, session)
    stored = breakdown.to_json()
    assert stored["gross_total"] == "3.69"  # 7.777 x 0.3456 = 2.6877 -> 2.69, + 1.00
    assert CostBreakdown.from_json(stored) == breakdown
    with pytest.raises(ValueError, match="format"):
        CostBreakdown.from_json({**stored, "format": 99})
    with pytest.raises(ValueError, match="strings"):
        CostBreakdown.from_json({**stored, "tax": 1.9})


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"energy_price": D("-0.01")}, "energy price must be a number of at least 0"),
        ({"tax_rate": D("1.5")}, "tax rate must be between 0 and 1"),
        ({"tax_rate": D("-0.1")}, "tax rate must be a number of at least 0"),
        ({"minimum": D("5.00"), "maximum": D("4.00")}, "maximum 4.00 is below minimum 5.00"),
        ({"session_fee": D("0.005")}, "session fee must be a whole number of cents"),
        ({"currency": "eur"}, "ISO 4217"),
        ({"timezone": "Mars/Olympus"}, "unknown timezone"),
        ({"idle_grace": timedelta(minutes=-1)}, "grace period must not be negative"),
        ({"name": " "}, "needs a name"),
    ],
)
def test_invalid_tariffs_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tariff(**changes)


def test_invalid_windows_and_usages_are_refused() -> None:
    with pytest.raises(ValueError, match="weekdays must be 0"):
        TariffWindow("peak", frozenset({7}), time(8), time(9))
    with pytest.raises(ValueError, match="without a timezone"):
        TariffWindow("peak", WEEKDAYS, time(8, tzinfo=UTC), time(9))
    with pytest.raises(ValueError, match="time price"):
        TariffWindow("peak", WEEKDAYS, time(8), time(9), time_price=D("-1"))
    with pytest.raises(TypeError, match="must be a Decimal, not float"):
        tariff(energy_price=0.3)
    with pytest.raises(ValueError, match="timezone-aware"):
        MeterReading(datetime(2026, 3, 2, 10), D(0))
    start = berlin("2026-03-02", "10:00")
    with pytest.raises(ValueError, match=r"stops .* before it starts"):
        SessionUsage(start, start - timedelta(seconds=1), ())
