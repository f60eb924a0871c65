"""Numbers and times as a person at the desk reads them."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

RELATIVE_UP_TO = 3600  # seconds; older times are shown as a local clock time


def translate(text: str) -> str:
    """Translate a string of the overview outside a QObject."""
    return QCoreApplication.translate("Overview", text)


def kilowatts(watts: float | None) -> str:
    """'11.0' for 11,000 W; empty when unknown."""
    return "" if watts is None else f"{watts / 1000:.1f}"


def kilowatt_hours(watt_hours: float | None) -> str:
    """'3.25' for 3,250 Wh; empty when unknown."""
    return "" if watt_hours is None else f"{watt_hours / 1000:.2f}"


def relative_time(at: datetime | None, now: datetime | None = None) -> str:
    """'just now', '12 s ago', '5 min ago', then the local time ('14:02', '3 Mar 14:02')."""
    if at is None:
        return translate("never")
    now = now or datetime.now(UTC)
    seconds = (now - at).total_seconds()
    if seconds < 2:
        return translate("just now")
    if seconds < 60:
        return translate("%1 s ago").replace("%1", f"{seconds:.0f}")
    if seconds < RELATIVE_UP_TO:
        return translate("%1 min ago").replace("%1", f"{seconds // 60:.0f}")
    return local_time(at, now)


def local_time(at: datetime, now: datetime | None = None) -> str:
    """Clock time in the desk's zone, with the date when it is not today."""
    local = at.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    if local.date() == today:
        return local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%d %b %H:%M").lstrip("0")
    return local.strftime("%d %b %Y %H:%M").lstrip("0")


_NUMBER = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts CP-2 before CP-10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _NUMBER.split(text)
        if part
    )
