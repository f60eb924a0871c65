"""Quantities as people read them on receipts and other documents.

Bills keep their exact figures (0.012213 h, 23.246002 kWh) in the data and in exports for
machines; what a person reads is rounded once, here: durations in minutes ("44 min",
"1 h 02 min", "38 s" below a minute) and energy to three decimals of kWh ("23.246 kWh").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from console.core.money import CostKind, CostLine

_SECONDS_PER_HOUR = Decimal(3600)
_KWH_PLACES = Decimal("0.001")
_TIME_KINDS = frozenset({CostKind.CHARGING_TIME, CostKind.IDLE})
MAX_PRICE_PLACES = 4  # a unit price worked out by division is rounded for reading


@dataclass(frozen=True, slots=True)
class DurationWords:
    """How a duration is written; the console passes translated templates (%1 = number)."""

    seconds: str = "%1 s"
    minutes: str = "%1 min"
    hours_minutes: str = "%1 h %2 min"


ENGLISH = DurationWords()


def duration_parts(hours: Decimal | float) -> tuple[int, int, int]:
    """(hours, minutes, seconds) of a duration, rounded half up to what is shown.

    Below a minute the seconds are kept (rounded); from a minute on, the duration is
    rounded to the whole minute and seconds are 0.
    """
    seconds = (Decimal(str(hours)) * _SECONDS_PER_HOUR).quantize(Decimal(1), ROUND_HALF_UP)
    total = max(0, int(seconds))
    if total < 60:
        return 0, 0, total
    minutes = (Decimal(total) / 60).quantize(Decimal(1), ROUND_HALF_UP)
    whole = int(minutes)
    return whole // 60, whole % 60, 0


def format_duration(hours: Decimal | float, words: DurationWords = ENGLISH) -> str:
    """A duration given in hours as people read it: "38 s", "44 min", "1 h 02 min"."""
    whole_hours, minutes, seconds = duration_parts(hours)
    if whole_hours:
        return words.hours_minutes.replace("%1", str(whole_hours)).replace("%2", f"{minutes:02d}")
    if minutes:
        return words.minutes.replace("%1", str(minutes))
    return words.seconds.replace("%1", str(seconds))


def format_energy(kwh: Decimal | float, unit: str = "kWh") -> str:
    """Energy to three decimals of kWh, rounded half up: "23.246 kWh" (no unit for "")."""
    rounded = Decimal(str(kwh)).quantize(_KWH_PLACES, ROUND_HALF_UP)
    return f"{rounded:f} {unit}" if unit else f"{rounded:f}"


def format_line_quantity(line: CostLine, words: DurationWords = ENGLISH) -> str:
    """A bill line's quantity with its unit, as printed: "23.246 kWh", "44 min", "1"."""
    if line.kind is CostKind.ENERGY:
        return format_energy(line.quantity)
    if line.kind in _TIME_KINDS:
        return format_duration(line.quantity, words)
    normal = line.quantity.normalize()
    return f"{normal:f}" if normal != normal.to_integral_value() else f"{normal:.0f}"


def format_unit_price(price: Decimal, currency: str, unit: str) -> str:
    """A unit price with its unit: "EUR 0.39 / kWh", "EUR 1.20 / h", "EUR 0.50" (a fee).

    Two decimals at least, more when the price has them (EUR 0.295), four at most: a
    price worked out by division (0.39666…) is rounded for reading, not printed whole.
    """
    exponent = price.normalize().as_tuple().exponent
    places = min(MAX_PRICE_PLACES, max(2, -exponent)) if isinstance(exponent, int) else 2
    text = f"{currency} {price:.{places}f}"
    return f"{text} / {unit}" if unit else text
