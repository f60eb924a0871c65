"""Which energy register readings of a session can be true.

A meter register never runs backwards, and a connector cannot deliver more energy than
its power allows in the time between two readings. A reading that breaks either rule is
implausible: a faulty meter, a firmware bug or a charger lying about a session. Such
readings are left out of every bill and live figure until staff decide what they are.

The check walks the readings in time order and compares each with the last plausible
one, so one wild reading does not make the honest readings after it look wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from console.core.tariffs import MeterReading

ENERGY_REGISTER = "Energy.Active.Import.Register"
BILLED_LOCATIONS = ("", "Outlet")  # the register at the cable; not "EV" or "Inlet"
# Generous on purpose: the fastest DC chargers deliver about 400 kW. A per-charger
# maximum, when one is known, is tighter.
MAX_POWER_W = 400_000
# Register resolution and timestamps rounded to the second must never raise a flag.
SLACK_WH = Decimal(100)
_SLACK_WH_FLOAT = float(SLACK_WH)


@dataclass(frozen=True, slots=True)
class ReadingCheck:
    """The readings that can be true, and those that cannot (both in time order)."""

    plausible: tuple[MeterReading, ...]
    implausible: tuple[MeterReading, ...]


def plausible_next(last: MeterReading, reading: MeterReading, max_power_w: float) -> bool:
    """True when ``reading`` can follow ``last`` (an earlier plausible reading)."""
    return plausible_step(last.at, float(last.wh), reading.at, float(reading.wh), max_power_w)


def plausible_step(
    last_at: datetime, last_wh: float, at: datetime, wh: float, max_power_w: float
) -> bool:
    """``plausible_next`` on plain numbers (Wh), for the path every MeterValues takes.

    Floats are exact enough here: a reading converted on the two paths (a kWh sample
    scaled as float here, as Decimal for the bill) differs by far less than a
    millionth of a Wh, against a bound with 100 Wh of slack.
    """
    if wh < last_wh:
        return False
    seconds = max(0.0, (at - last_at).total_seconds())
    return wh - last_wh <= max_power_w * seconds / 3600.0 + _SLACK_WH_FLOAT


def check_readings(
    readings: Sequence[MeterReading], max_power_w: float = MAX_POWER_W
) -> ReadingCheck:
    """Split a session's readings (meterStart first) into plausible and implausible.

    The first reading in time order (the session's meterStart) is the anchor and always
    plausible: the charger stated it before any energy flowed.
    """
    ordered = sorted(readings, key=lambda reading: reading.at)
    if not ordered:
        return ReadingCheck((), ())
    kept = [ordered[0]]
    flagged: list[MeterReading] = []
    for reading in ordered[1:]:
        if plausible_next(kept[-1], reading, max_power_w):
            kept.append(reading)
        else:
            flagged.append(reading)
    return ReadingCheck(tuple(kept), tuple(flagged))
