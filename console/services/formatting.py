"""How reports, statements, receipts and the command line write money, energy and times.

Times are stored in UTC and shown in the site's zone. ``tz=None`` means this computer's
zone (the console runs on the site's PC), read through the C library so that daylight
saving time is honoured without knowing the zone's name.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal

from console.core.clock import as_utc
from console.core.money import round_money


def format_money(amount: Decimal, currency: str) -> str:
    """An amount as printed everywhere: currency code and two decimals, "EUR 12.34"."""
    return f"{currency} {round_money(amount):.2f}"


def format_kwh(energy_kwh: Decimal, places: int = 3) -> str:
    """Energy in kWh with a fixed number of decimals (no unit)."""
    return f"{energy_kwh:.{places}f}"


def format_rate(rate: Decimal) -> str:
    """A tax rate as a percentage without trailing zeros: 0.19 -> "19%", 0.077 -> "7.7%"."""
    percent = (rate * 100).normalize()
    text = f"{percent:f}"
    return f"{text}%"


def to_local(instant: datetime, tz: tzinfo | None = None) -> datetime:
    """``instant`` (UTC when naive, as SQLite hands it back) in the site's zone.

    Never raises: a time at the very edge of the calendar (year 1 or 9999, stored from
    a charger with a broken clock) may have no local date, and is then returned in UTC.
    """
    try:
        utc = as_utc(instant)
    except (OverflowError, ValueError):
        # Naive year 1 read as this computer's zone: take it as UTC, as stored.
        utc = instant.replace(tzinfo=UTC)
    try:
        return utc.astimezone(tz) if tz is not None else utc.astimezone()
    except (OverflowError, ValueError):
        return utc


def local_start_of(day: date, tz: tzinfo | None = None) -> datetime:
    """The first instant of a local day, aware, in UTC (clamped to the calendar's ends)."""
    wall = datetime.combine(day, time())
    try:
        if tz is None:
            return as_utc(wall.astimezone())  # naive -> this computer's zone (mktime)
        return as_utc(wall.replace(tzinfo=tz))
    except (OverflowError, ValueError):
        edge = datetime.min if day.year == datetime.min.year else datetime.max
        return edge.replace(tzinfo=UTC)


def format_local(instant: datetime | None, tz: tzinfo | None = None) -> str:
    """A time as people read it in the site's zone, to the minute; "" for None."""
    if instant is None:
        return ""
    local = to_local(instant, tz)
    # %Y is not zero-padded for years before 1000 on every platform.
    return f"{local.year:04d}-{local:%m-%d %H:%M}"
