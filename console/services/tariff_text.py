"""Tariff windows and amounts as people type them on the command line.

A window is written ``DAYS START-END PRICE...``, e.g. ``Mon-Fri 16:00-20:00 energy=0.59``
or ``Sat,Sun 00:00-00:00 energy=0.25 time=1.20 name=Weekend``. Days are English three-letter
names, lists and ranges (``Fri-Mon`` wraps), or ``daily``. Without ``name=`` the window is
named after its days and hours.
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal, InvalidOperation

from console.core.tariffs import TariffWindow

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_amount(text: str, what: str) -> Decimal:
    """A price or an amount of money (``0.30``); ValueError naming ``what`` otherwise."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"{what} '{text}' is not a number") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"{what} must be a number of at least 0, not '{text}'")
    return value


def _day(text: str) -> int:
    name = text.strip().lower()[:3]
    if name not in DAY_NAMES:
        raise ValueError(f"'{text}' is not a weekday (use Mon, Tue, ... Sun)")
    return DAY_NAMES.index(name)


def parse_days(text: str) -> frozenset[int]:
    """Weekdays (0 = Monday) from "Mon-Fri", "Sat,Sun", "Fri-Mon" or "daily"."""
    if text.strip().lower() in ("daily", "every", "all"):
        return frozenset(range(7))
    days: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.partition("-")
        start = _day(first)
        end = _day(last) if dash else start
        day = start
        days.add(day)
        while day != end:
            day = (day + 1) % 7
            days.add(day)
    return frozenset(days)


def _clock(text: str) -> time:
    try:
        hours, minutes = text.split(":")
        hour, minute = int(hours), int(minutes)
    except ValueError:
        raise ValueError(f"'{text}' is not a time of day (use HH:MM)") from None
    if hour == 24 and minute == 0:
        return time(0, 0)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"'{text}' is not a time of day (use HH:MM)")
    return time(hour, minute)


def parse_window(text: str) -> TariffWindow:
    """A tariff window from its text form (see the module); ValueError when it is not one."""
    words = text.split()
    if len(words) < 3:
        raise ValueError(
            f"window '{text}' needs days, hours and a price, e.g. 'Mon-Fri 16:00-20:00 energy=0.59'"
        )
    days = parse_days(words[0])
    start_text, dash, end_text = words[1].partition("-")
    if not dash:
        raise ValueError(f"window hours '{words[1]}' must be START-END, e.g. 16:00-20:00")
    prices: dict[str, Decimal] = {}
    name = f"{words[0]} {words[1]}"
    for word in words[2:]:
        key, equals, value = word.partition("=")
        key = key.lower()
        if not equals or key not in ("energy", "time", "name"):
            raise ValueError(f"'{word}' in window '{text}' is not energy=, time= or name=")
        if key == "name":
            name = value
        else:
            prices[key] = parse_amount(value, f"window {key} price")
    if not prices:
        raise ValueError(f"window '{text}' gives no energy= or time= price")
    return TariffWindow(
        name=name,
        weekdays=days,
        start=_clock(start_text),
        end=_clock(end_text),
        energy_price=prices.get("energy"),
        time_price=prices.get("time"),
    )


def describe_days(days: frozenset[int]) -> str:
    """Weekdays as written in a window: "Mon-Fri", "Sat,Sun", "daily"."""
    if len(days) == 7:
        return "daily"
    ordered = sorted(days)
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names = [name.capitalize() for name in DAY_NAMES]
    return ",".join(
        names[run[0]] if len(run) == 1 else f"{names[run[0]]}-{names[run[-1]]}" for run in runs
    )


def describe_window(window: TariffWindow) -> str:
    """A window as people read it: "Mon-Fri 16:00-20:00 energy=0.59 (Peak)"."""
    words = [describe_days(window.weekdays), f"{window.start:%H:%M}-{window.end:%H:%M}"]
    if window.energy_price is not None:
        words.append(f"energy={window.energy_price}")
    if window.time_price is not None:
        words.append(f"time={window.time_price}")
    return " ".join([*words, f"({window.name})"])
