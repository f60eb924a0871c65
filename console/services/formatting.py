"""How reports, statements, receipts and the command line write money, energy and times.

Times are stored in UTC and shown in the site's zone. ``tz=None`` means this computer's
zone (the console runs on the site's PC), read through the C library so that daylight
saving time is honoured without knowing the zone's name.
"""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo
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
    """``instant`` (UTC when naive, as SQLite hands it back) in the site's zone."""
    utc = as_utc(instant)
    return utc.astimezone(tz) if tz is not None else utc.astimezone()


def local_start_of(day: date, tz: tzinfo | None = None) -> datetime:
    """The first instant of a local day, aware, in UTC."""
    wall = datetime.combine(day, time())
    if tz is None:
        return as_utc(wall.astimezone())  # naive -> this computer's zone (mktime)
    return as_utc(wall.replace(tzinfo=tz))


def format_local(instant: datetime | None, tz: tzinfo | None = None) -> str:
    """A time as people read it in the site's zone, to the minute; "" for None."""
    if instant is None:
        return ""
    return to_local(instant, tz).strftime("%Y-%m-%d %H:%M")
