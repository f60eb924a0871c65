"""Numbers and times as a person at the desk reads them."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Hashable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from console.core.enums import ConnectorStatus
from console.core.site import ConnectorState
from console.services.formatting import to_local
from console.ui.locale_format import format_seconds, number_text, short_date_time

RELATIVE_UP_TO = 3600  # seconds; older times are shown as a local clock time
# A running session drawing less than this is drawing nothing (meters idle at a few W).
ZERO_POWER_W = 100.0
# "Charging" at zero power is normal for a few seconds (ramping up, a pause between
# phases); after this long the car is not taking energy and the desk should know.
NOT_DRAWING_AFTER_S = 60.0
FULL_SOC_PERCENT = 99.5


def translate(text: str) -> str:
    """Translate a string of the overview outside a QObject."""
    return QCoreApplication.translate("Overview", text)


def kilowatts(watts: float | None) -> str:
    """'11.0' for 11,000 W ('11,0' in German); empty when unknown."""
    return "" if watts is None else number_text(watts / 1000, 1)


def kilowatt_hours(watt_hours: float | None) -> str:
    """'3.25' for 3,250 Wh; empty when unknown."""
    return "" if watt_hours is None else number_text(watt_hours / 1000, 2)


def duration_text(seconds: float) -> str:
    """'45 s', '12 min', '1 h 05 min' (hours go past 24 rather than turning into days)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    if hours:
        return translate("%1 h %2 min").replace("%1", str(hours)).replace("%2", f"{rest // 60:02d}")
    if rest >= 60:
        return translate("%1 min").replace("%1", str(rest // 60))
    return translate("%1 s").replace("%1", str(rest))


class PowerWatch:
    """Remembers since when each running session's connector has drawn (about) nothing.

    ``observe`` is called with every update of a connector; ``zero_for`` says for how
    many seconds the power has stayed under ``ZERO_POWER_W`` (0 while it draws power,
    is not known, or no session runs). ``clock`` is any steady clock in seconds.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._since: dict[Hashable, float] = {}

    def observe(self, key: Hashable, connector: ConnectorState | None) -> None:
        """Note the connector's present power."""
        idle = (
            connector is not None
            and connector.transaction_id is not None
            and connector.power_w is not None
            and connector.power_w < ZERO_POWER_W
        )
        if idle:
            self._since.setdefault(key, self.clock())
        else:
            self._since.pop(key, None)

    @property
    def watching(self) -> bool:
        """True while some running session draws nothing (its words may change alone)."""
        return bool(self._since)

    def zero_for(self, key: Hashable) -> float:
        """Seconds the connector's session has drawn nothing until now."""
        since = self._since.get(key)
        return 0.0 if since is None else max(0.0, self.clock() - since)


def drawing_words(connector: ConnectorState | None, zero_for_s: float) -> tuple[str, str] | None:
    """What a running session really does when its status would mislead: ("Car full",
    why) or ("Not drawing power", why); None when the status says it truly.

    A DC car at 100 % often stays "Charging" at 0 kW for many minutes: the status is
    the charger's, the words must be the car's.
    """
    if connector is None or connector.transaction_id is None:
        return None
    soc = connector.soc_percent
    status = connector.status
    full = soc is not None and soc >= FULL_SOC_PERCENT
    if status is ConnectorStatus.SUSPENDED_EV and (soc is None or full):
        return translate("Car full"), translate(
            "The car stopped taking energy (the charger reports Suspended by car)."
        )
    if status is ConnectorStatus.CHARGING and full and (connector.power_w or 0.0) < ZERO_POWER_W:
        return translate("Car full"), translate(
            "The battery is at %1 % and the car takes no more energy."
        ).replace("%1", f"{soc:.0f}")
    if status is ConnectorStatus.CHARGING and zero_for_s >= NOT_DRAWING_AFTER_S:
        return translate("Not drawing power"), translate(
            "The charger reports Charging, but the car has drawn no power for %1."
        ).replace("%1", duration_text(zero_for_s))
    return None


def site_clock(at: datetime) -> str:
    """Date and time to the second in the site's zone, for tooltips."""
    return format_seconds(at)


def relative_time(at: datetime | None, now: datetime | None = None) -> str:
    """'just now', '12 s ago', '5 min ago', then the site's clock ('14:02', '3 Mar 14:02')."""
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
    """Clock time in the site's zone, with the date when it is not today there."""
    local = to_local(at)
    today = to_local(now or datetime.now(UTC)).date()
    if local.date() == today:
        return local.strftime("%H:%M")
    return short_date_time(local, with_year=local.year != today.year)


_NUMBER = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts CP-2 before CP-10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _NUMBER.split(text)
        if part
    )
