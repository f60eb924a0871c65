"""How reports, statements, receipts and the command line write money, energy and times.

Times are stored in UTC and shown in the site's zone. ``tz=None`` means the site's zone
once the program knows it (``set_site_zone``: the console and the command line set it
from the database when they start), else this computer's zone, read through the C library
so that daylight saving time is honoured without knowing the zone's name.

Files name the zone of their times in the column titles ("started (Europe/Berlin)",
``with_zone``), so a spreadsheet read elsewhere cannot be taken for another zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

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


# The site's zone for every time shown without a zone of its own. One site per program:
# set once at start (and when staff change the site's zone), read from any thread.
_site_zone: tzinfo | None = None


def set_site_zone(zone: tzinfo | None) -> None:
    """Show times in ``zone`` from now on (None: this computer's zone)."""
    global _site_zone
    _site_zone = zone


def site_zone() -> tzinfo | None:
    """The zone times are shown in when none is given (None: this computer's)."""
    return _site_zone


def shown_zone(tz: tzinfo | None = None) -> tzinfo | None:
    """``tz``, else the site's zone, else None (this computer's)."""
    return tz if tz is not None else _site_zone


def zone_label(tz: tzinfo | None = None) -> str:
    """The name of the zone times are shown in: "Europe/Berlin", "UTC", else the
    abbreviation this computer uses now ("CET") when its zone has no known name."""
    zone = shown_zone(tz)
    if zone is UTC:
        return "UTC"
    if isinstance(zone, ZoneInfo):
        return zone.key
    now = datetime.now(UTC)
    return (now.astimezone(zone) if zone is not None else now.astimezone()).tzname() or "local"


def with_zone(title: str, tz: tzinfo | None = None) -> str:
    """A column title naming the zone of its times: "started (Europe/Berlin)"."""
    return f"{title} ({zone_label(tz)})"


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
    zone = shown_zone(tz)
    try:
        return utc.astimezone(zone) if zone is not None else utc.astimezone()
    except (OverflowError, ValueError):
        return utc


def local_start_of(day: date, tz: tzinfo | None = None) -> datetime:
    """The first instant of a local day, aware, in UTC (clamped to the calendar's ends)."""
    wall = datetime.combine(day, time())
    zone = shown_zone(tz)
    try:
        if zone is None:
            return as_utc(wall.astimezone())  # naive -> this computer's zone (mktime)
        return as_utc(wall.replace(tzinfo=zone))
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


def iso_local(instant: datetime | None, tz: tzinfo | None = None, timespec: str = "seconds") -> str:
    """A time for files: ISO 8601 in the shown zone with its UTC offset; "" for None."""
    return "" if instant is None else to_local(instant, tz).isoformat(timespec=timespec)


def local_today(tz: tzinfo | None = None, now: datetime | None = None) -> date:
    """Today's date at the site (``now`` for tests)."""
    return to_local(now or datetime.now(UTC), tz).date()


def format_seconds(instant: datetime | None, tz: tzinfo | None = None) -> str:
    """A time in the shown zone to the second, "2026-03-02 09:14:05"; "" for None."""
    if instant is None:
        return ""
    local = to_local(instant, tz)
    return f"{local.year:04d}-{local:%m-%d %H:%M:%S}"


def format_with_zone(instant: datetime | None, tz: tzinfo | None = None) -> str:
    """A time to the second with the zone's abbreviation then in force (DST shows):
    "2026-03-02 09:14:05 CET"; "" for None."""
    if instant is None:
        return ""
    name = to_local(instant, tz).tzname() or zone_label(tz)
    return f"{format_seconds(instant, tz)} {name}"
