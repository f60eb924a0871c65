"""Which register readings can be true: backwards and impossible jumps are flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.core.readings import check_readings
from console.core.tariffs import MeterReading

T0 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def _r(minutes: float, wh: int) -> MeterReading:
    return MeterReading.of(T0 + timedelta(minutes=minutes), wh)


def test_honest_readings_are_all_plausible() -> None:
    readings = [_r(0, 1000), _r(10, 51_000), _r(20, 51_000), _r(30, 100_000)]
    check = check_readings(readings)
    assert check.plausible == tuple(readings) and check.implausible == ()


def test_a_jump_beyond_the_ceiling_is_flagged_and_later_honest_readings_stay() -> None:
    # 10 minutes at 400 kW is 66.7 kWh: 70 kWh cannot be true; the next reading can.
    check = check_readings([_r(0, 0), _r(10, 70_000), _r(20, 20_000)])
    assert check.implausible == (_r(10, 70_000),)
    assert check.plausible == (_r(0, 0), _r(20, 20_000))


def test_a_register_going_backwards_is_flagged() -> None:
    check = check_readings([_r(0, 5000), _r(10, 8000), _r(20, 6000), _r(30, 9000)])
    assert check.implausible == (_r(20, 6000),)


def test_readings_are_judged_in_time_order_and_a_tighter_ceiling_applies() -> None:
    late_first = [_r(20, 22_000), _r(0, 0), _r(10, 11_000)]
    assert check_readings(late_first).implausible == ()
    assert check_readings(late_first, max_power_w=11_000).implausible == (
        _r(10, 11_000),
        _r(20, 22_000),
    )
