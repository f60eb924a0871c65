"""Tariffs and the cost of a charging session: pure, exact arithmetic.

Rounding rule (the one rule of ChargeDesk's billing)
  1. Inputs are used exactly: meter readings in Wh (Decimal), times to the microsecond,
     prices as Decimals with any number of decimals.
  2. Quantities. Energy is split between tariff windows by the actual readings. The only
     assumption is constant power between two consecutive readings (finer readings give
     exact splits): where a window boundary falls strictly inside a reading interval, the
     register value at the boundary is interpolated and rounded to 0.001 Wh, half up, and
     kept between the two readings. So each energy line is an exact Decimal, the energy lines
     add up exactly to the metered energy, and an extra reading consistent with constant
     power changes nothing. Time lines (charging, idle) are hours rounded to 0.000001 h
     (3.6 ms), half up.
  3. Each line amount is quantity x unit price, computed exactly and rounded once to the cent,
     ROUND_HALF_UP (halves away from zero). Line amounts are in the tariff's price basis:
     gross when its prices include tax, net otherwise.
  4. The minimum and maximum apply to the sum of the line amounts, in that same basis, as an
     adjustment line. The minimum is not applied to a session that delivered no energy (a
     car that never charged must not cost the minimum).
  5. Tax. Prices include tax: tax = total - total / (1 + rate), rounded to the cent (half up),
     net = total - tax. Prices exclude tax: tax = net x rate, rounded likewise, gross = net +
     tax. So net + tax == gross, exactly.

Time windows are wall-clock times of the site, in the tariff's timezone. A window starts on
each of its weekdays at ``start`` and ends at ``end`` that day, or the next day when
``end <= start`` (22:00-06:00 wraps midnight, an end of 00:00 is midnight, start == end is a
whole day). On daylight-saving days a boundary takes effect at the first instant the site's
clock reads that time or later: the first occurrence of a time that happens twice (clocks go
back), the moment of the jump for a time that does not exist (clocks go forward).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation, localcontext
from fractions import Fraction
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from console.core.authorization import normalize_id_tag
from console.core.enums import ConnectorStatus
from console.core.money import (
    ZERO,
    CostBreakdown,
    CostKind,
    CostLine,
    check_amount,
    quantize,
    round_money,
    total_up,
)

ENERGY_PLACES = 3  # decimals of an interpolated register value in Wh (0.001 Wh)
KWH_PLACES = 6  # decimals shown of an energy quantity in kWh (more only if readings have more)
HOUR_PLACES = 6  # decimals of a time quantity in hours (0.000001 h = 3.6 ms)
_MICROSECONDS_PER_HOUR = 3_600_000_000
# Idle means the car stays plugged in and is not charging because of itself. SuspendedEVSE
# is never idle: then the site, not the driver, is holding energy back.
_IDLE_STATUSES = frozenset({ConnectorStatus.SUSPENDED_EV, ConnectorStatus.FINISHING})
# Decimal arithmetic inside cost_of is exact or raises: nothing is rounded silently.
_EXACT = Context(prec=64, traps=[InvalidOperation, DivisionByZero, Inexact])


def _utc(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, not {moment.isoformat()}")
    return moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class TariffWindow:
    """A time window with its own prices, e.g. peak hours on weekdays.

    ``weekdays`` (0 = Monday .. 6 = Sunday) name the days on which the window *starts*;
    22:00-06:00 on Friday covers Friday 22:00 to Saturday 06:00. A price of None keeps the
    tariff's base price while inside the window.
    """

    name: str
    weekdays: frozenset[int]
    start: time
    end: time
    energy_price: Decimal | None = None  # per kWh
    time_price: Decimal | None = None  # per hour of charging

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a tariff window needs a name")
        days = frozenset(self.weekdays)
        object.__setattr__(self, "weekdays", days)
        if not days or not days <= frozenset(range(7)):
            raise ValueError(
                f"window {self.name!r}: weekdays must be 0 (Monday) to 6 (Sunday), "
                f"at least one, not {sorted(days)}"
            )
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError(f"window {self.name!r}: give wall-clock times without a timezone")
        check_amount(f"window {self.name!r} energy price", self.energy_price)
        check_amount(f"window {self.name!r} time price", self.time_price)


@dataclass(frozen=True, slots=True, kw_only=True)
class Tariff:
    """The price rules that turn a session's energy and time into money.

    Prices are per kWh (energy), per hour of charging (time) and per hour of idling after
    the grace period (idle); ``minimum``, ``maximum`` and ``session_fee`` are whole-cent
    amounts. All are in the same basis: gross when ``prices_include_tax``, else net.
    ``timezone`` is the site's IANA zone, in which the windows are read.
    """

    name: str
    currency: str  # ISO 4217 code, e.g. "EUR"
    timezone: str  # IANA name, e.g. "Europe/Berlin"
    energy_price: Decimal = ZERO
    time_price: Decimal = ZERO
    idle_price: Decimal = ZERO
    idle_grace: timedelta = timedelta(0)
    session_fee: Decimal = ZERO
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    tax_rate: Decimal = ZERO  # e.g. Decimal("0.19")
    prices_include_tax: bool = True
    windows: tuple[TariffWindow, ...] = ()  # the first window that matches wins

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a tariff needs a name")
        code = self.currency
        if not (len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()):
            raise ValueError(f"currency must be an ISO 4217 code like 'EUR', not {code!r}")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown timezone {self.timezone!r}") from error
        for what, price in (
            ("energy price", self.energy_price),
            ("time price", self.time_price),
            ("idle price", self.idle_price),
        ):
            check_amount(what, price)
        for what, amount in (
            ("session fee", self.session_fee),
            ("minimum", self.minimum),
            ("maximum", self.maximum),
        ):
            check_amount(what, amount, whole_cents=True)
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            raise ValueError(f"maximum {self.maximum} is below minimum {self.minimum}")
        check_amount("tax rate", self.tax_rate)
        if self.tax_rate > 1:
            raise ValueError(
                f"tax rate must be between 0 and 1 (0.19 for 19%), not {self.tax_rate}"
            )
        if self.idle_grace < timedelta(0):
            raise ValueError(f"idle grace period must not be negative, not {self.idle_grace}")
        object.__setattr__(self, "windows", tuple(self.windows))
        if not all(isinstance(window, TariffWindow) for window in self.windows):
            raise TypeError("windows must be TariffWindow values")

    @property
    def zone(self) -> ZoneInfo:
        """The site's timezone."""
        return ZoneInfo(self.timezone)


def choose_tariff(
    group: str | None, tariffs_by_group: Mapping[str, Tariff], default: Tariff
) -> Tariff:
    """The tariff of a card group (its parent idTag, compared case-insensitively).

    Cards without a group, or of a group without a tariff, get the site ``default``.
    """
    if group is None:
        return default
    wanted = normalize_id_tag(group)
    found = [
        tariff for name, tariff in tariffs_by_group.items() if normalize_id_tag(name) == wanted
    ]
    if len(found) > 1:
        raise ValueError(f"group {group!r} has more than one tariff (names differ only in case)")
    return found[0] if found else default


@dataclass(frozen=True, slots=True)
class MeterReading:
    """The energy register (Energy.Active.Import.Register) at one instant, in Wh."""

    at: datetime
    wh: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", _utc(self.at, "a meter reading's time"))
        if not isinstance(self.wh, Decimal) or not self.wh.is_finite():
            raise TypeError(f"a meter reading must be a finite Decimal, not {self.wh!r}")

    @classmethod
    def of(cls, at: datetime, wh: Decimal | int | float | str) -> MeterReading:
        """A reading from a number as a charger sends it; a float is read as it prints."""
        return cls(at, Decimal(str(wh)) if isinstance(wh, float) else Decimal(wh))


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A connector status that holds from ``at`` until the next change."""

    at: datetime
    status: ConnectorStatus

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", _utc(self.at, "a status change's time"))


@dataclass(frozen=True, slots=True)
class SessionUsage:
    """What a session used: its times, meter readings and connector status timeline.

    ``readings`` include meter_start at the start and, once stopped, meter_stop. Charging
    time is the time in Charging; idle time is the time in SuspendedEV or Finishing after the
    last Charging period ended (from the start if the car never charged). Status before the
    start or after the stop is not counted. Readings and changes may come in any order.
    """

    started_at: datetime
    stopped_at: datetime | None
    readings: tuple[MeterReading, ...]
    statuses: tuple[StatusChange, ...] = ()

    def __post_init__(self) -> None:
        started = _utc(self.started_at, "started_at")
        object.__setattr__(self, "started_at", started)
        if self.stopped_at is not None:
            stopped = _utc(self.stopped_at, "stopped_at")
            if stopped < started:
                raise ValueError(f"session stops ({stopped}) before it starts ({started})")
            object.__setattr__(self, "stopped_at", stopped)
        object.__setattr__(self, "readings", tuple(sorted(self.readings, key=_time_of)))
        object.__setattr__(self, "statuses", tuple(sorted(self.statuses, key=_time_of)))

    @property
    def running(self) -> bool:
        """True until the session has stopped."""
        return self.stopped_at is None


def _time_of(item: MeterReading | StatusChange) -> datetime:
    return item.at


def cost_of(tariff: Tariff, usage: SessionUsage, now: datetime | None = None) -> CostBreakdown:
    """What the session costs under ``tariff``; for a running session, its cost so far.

    A running session counts readings up to ``now`` and status up to ``now``; ``now`` is
    ignored once the session has stopped. The idle fee of a running session is as if it
    stopped now: if the car starts charging again, the idle time before is no longer idle.
    A reading below an earlier one is skipped (a meter never runs backwards).
    """
    if usage.stopped_at is not None:
        end, readings = usage.stopped_at, _usable_readings(usage.readings, None)
    elif now is None:
        raise ValueError("a running session needs `now` to compute its cost so far")
    else:
        end = max(_utc(now, "now"), usage.started_at)
        readings = _usable_readings(usage.readings, end)
    periods = _status_periods(usage, end)
    first = min([usage.started_at, *(reading.at for reading in readings[:1])])
    last = max([end, *(reading.at for reading in readings[-1:])])
    windows = _windows_over(tariff, first, last)
    with localcontext(_EXACT):
        lines = [
            *_energy_lines(tariff, readings, windows),
            *_charging_lines(tariff, periods, windows),
            *_idle_lines(tariff, periods),
        ]
    if tariff.session_fee:
        fee = tariff.session_fee
        lines.append(CostLine(CostKind.SESSION_FEE, None, Decimal(1), fee, fee))
    return total_up(
        lines,
        tariff=tariff.name,
        currency=tariff.currency,
        tax_rate=tariff.tax_rate,
        prices_include_tax=tariff.prices_include_tax,
        minimum=tariff.minimum,
        maximum=tariff.maximum,
        apply_minimum=any(line.kind is CostKind.ENERGY for line in lines),
    )


def active_window(tariff: Tariff, instant: datetime) -> TariffWindow | None:
    """The window whose prices apply at ``instant`` (None: the base prices)."""
    moment = _utc(instant, "instant")
    index = _windows_over(tariff, moment, moment).at(moment)
    return None if index is None else tariff.windows[index]


def window_changes(tariff: Tariff, first: datetime, last: datetime) -> tuple[datetime, ...]:
    """The instants in (first, last] at which other prices start to apply (window edges)."""
    return _windows_over(tariff, _utc(first, "first"), _utc(last, "last")).starts[1:]


# --- time windows ---------------------------------------------------------------------------


def _local_to_utc(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The first instant at which the site's clock reads ``wall`` or later on ``day``."""
    local = datetime.combine(day, wall, tzinfo=zone)  # fold=0: the first of a repeated time
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None):
        return instant
    # ``wall`` was skipped: the clock jumped between the instants read with the offsets
    # after (fold=1, earlier) and before (fold=0, later) the jump. Find the jump.
    low, high = local.replace(fold=1).astimezone(UTC), instant
    offset_after = high.astimezone(zone).utcoffset()
    while high - low > timedelta(microseconds=1):
        middle = low + (high - low) // 2
        if middle.astimezone(zone).utcoffset() == offset_after:
            high = middle
        else:
            low = middle
    return high


def _occurrences(
    tariff: Tariff, first: datetime, last: datetime
) -> list[tuple[datetime, datetime, int]]:
    """(start, end, window index), in UTC, of every window on the days from first to last."""
    zone = tariff.zone
    found = []
    day = first.astimezone(zone).date() - timedelta(days=1)  # yesterday's may run past midnight
    while day <= last.astimezone(zone).date():
        for index, window in enumerate(tariff.windows):
            if day.weekday() in window.weekdays:
                start = _local_to_utc(day, window.start, zone)
                end_day = day + timedelta(days=1) if window.end <= window.start else day
                found.append((start, _local_to_utc(end_day, window.end, zone), index))
        day += timedelta(days=1)
    return found


@dataclass(frozen=True, slots=True)
class _Windows:
    """Which window applies when over a span of time: ``indexes[k]`` from ``starts[k]``."""

    starts: tuple[datetime, ...]
    indexes: tuple[int | None, ...]

    def at(self, instant: datetime) -> int | None:
        return self.indexes[max(bisect_right(self.starts, instant) - 1, 0)]

    def split(self, start: datetime, end: datetime) -> Iterator[tuple[datetime, int | None]]:
        """(piece end, window index) of the pieces of [start, end) in one window each."""
        k = max(bisect_right(self.starts, start) - 1, 0)
        while start < end:
            stop = end if k + 1 == len(self.starts) else min(end, self.starts[k + 1])
            yield stop, self.indexes[k]
            start, k = stop, k + 1


def _windows_over(tariff: Tariff, first: datetime, last: datetime) -> _Windows:
    spans = _occurrences(tariff, first, last)
    points = sorted({first, *(p for s, e, _ in spans for p in (s, e) if first < p <= last)})
    starts: list[datetime] = []
    indexes: list[int | None] = []
    for point in points:
        index = min((i for s, e, i in spans if s <= point < e), default=None)
        if not starts or indexes[-1] != index:
            starts.append(point)
            indexes.append(index)
    return _Windows(tuple(starts), tuple(indexes))


def _price(tariff: Tariff, index: int | None, kind: CostKind) -> tuple[str | None, Decimal]:
    """(window name, unit price): the window is named only when it sets that price."""
    energy = kind is CostKind.ENERGY
    if index is not None:
        window = tariff.windows[index]
        override = window.energy_price if energy else window.time_price
        if override is not None:
            return window.name, override
    return None, tariff.energy_price if energy else tariff.time_price


# --- energy and time ------------------------------------------------------------------------


def _usable_readings(
    readings: Sequence[MeterReading], until: datetime | None
) -> list[MeterReading]:
    kept: list[MeterReading] = []
    for reading in readings:
        if until is not None and reading.at > until:
            break
        if not kept or reading.wh >= kept[-1].wh:
            kept.append(reading)
    return kept


def _register_at(before: MeterReading, after: MeterReading, instant: datetime) -> Decimal:
    """The register at ``instant`` inside (before, after), at constant power, to 0.001 Wh."""
    share = Fraction(_microseconds(instant - before.at), _microseconds(after.at - before.at))
    exact = Fraction(before.wh) + (Fraction(after.wh) - Fraction(before.wh)) * share
    return min(max(quantize(exact, ENERGY_PLACES), before.wh), after.wh)


def _energy_lines(
    tariff: Tariff, readings: Sequence[MeterReading], windows: _Windows
) -> list[CostLine]:
    wh: dict[tuple[str | None, Decimal], Decimal] = {}
    for before, after in pairwise(readings):
        if after.wh == before.wh:
            continue
        if after.at == before.at:  # two readings at one instant: the energy flowed then
            pieces = [(after.at, windows.at(before.at))]
        else:
            pieces = list(windows.split(before.at, after.at))
        register = before.wh
        for stop, index in pieces:
            value = after.wh if stop == after.at else _register_at(before, after, stop)
            if value > register:
                key = _price(tariff, index, CostKind.ENERGY)
                wh[key] = wh.get(key, Decimal(0)) + (value - register)
            register = value
    lines = []
    for (name, price), energy in wh.items():
        kwh = energy / 1000
        if _places(kwh) < KWH_PLACES:  # a steady scale for receipts; never drops a digit
            kwh = kwh.quantize(Decimal(1).scaleb(-KWH_PLACES))
        lines.append(CostLine(CostKind.ENERGY, name, kwh, price, round_money(kwh * price)))
    return lines


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


def _microseconds(span: timedelta) -> int:
    return span // timedelta(microseconds=1)


def _hours(microseconds: int) -> Decimal:
    return quantize(Fraction(microseconds, _MICROSECONDS_PER_HOUR), HOUR_PLACES)


def _status_periods(
    usage: SessionUsage, end: datetime
) -> list[tuple[datetime, datetime, ConnectorStatus]]:
    """(start, end, status) of each status period within the session up to ``end``."""
    changes = usage.statuses
    periods = []
    for n, change in enumerate(changes):
        following = changes[n + 1].at if n + 1 < len(changes) else end
        start, stop = max(change.at, usage.started_at), min(following, end)
        if start < stop:
            periods.append((start, stop, change.status))
    return periods


def _charging_lines(
    tariff: Tariff, periods: Sequence[tuple[datetime, datetime, ConnectorStatus]], windows: _Windows
) -> list[CostLine]:
    spent: dict[tuple[str | None, Decimal], int] = {}
    for start, stop, status in periods:
        if status is not ConnectorStatus.CHARGING:
            continue
        for piece_stop, index in windows.split(start, stop):
            key = _price(tariff, index, CostKind.CHARGING_TIME)
            spent[key] = spent.get(key, 0) + _microseconds(piece_stop - start)
            start = piece_stop
    lines = []
    for (name, price), microseconds in spent.items():
        hours = _hours(microseconds)
        if hours and price:
            lines.append(
                CostLine(CostKind.CHARGING_TIME, name, hours, price, round_money(hours * price))
            )
    return lines


def _idle_lines(
    tariff: Tariff, periods: Sequence[tuple[datetime, datetime, ConnectorStatus]]
) -> list[CostLine]:
    charged_until = max(
        (stop for _, stop, status in periods if status is ConnectorStatus.CHARGING), default=None
    )
    idle = timedelta(0)
    for start, stop, status in periods:
        if status in _IDLE_STATUSES and (charged_until is None or start >= charged_until):
            idle += stop - start
    hours = _hours(_microseconds(max(idle - tariff.idle_grace, timedelta(0))))
    if not hours or not tariff.idle_price:
        return []
    price = tariff.idle_price
    return [CostLine(CostKind.IDLE, None, hours, price, round_money(hours * price))]
