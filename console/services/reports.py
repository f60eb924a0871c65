"""Site reports: energy, sessions and revenue by period, charger or card group.

Rules of every report here:
- A range is ``[since, until)``. A ``date`` is a local day of the site (its first instant
  in the site's zone), an aware ``datetime`` is an instant. ``tz=None`` is the zone times
  are shown in: the site's once the program follows it, else this computer's (see
  ``console.services.formatting``).
- A finished session belongs wholly to the period (day, ISO week, month) in which it
  *started*, in local time: its revenue cannot be split, so neither is its energy. The
  usage heat map (``report_usage``) is where energy is spread over the hours it flowed.
- Energy is the session's meter delta (stop - start, never below 0). Revenue is the gross
  total of the session's bill, per currency; a session without a bill adds no revenue and
  is counted as unbilled. Running sessions are left out until they stop.
- Rows are fetched with one SQL query (sessions joined to their bills and cards) and summed
  here, because local periods depend on the zone's daylight-saving rules, which SQLite
  does not know. A year of a 20-charger site is some 30,000 sessions: well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from console.core.clock import as_utc
from console.services.csv_text import write_rows
from console.services.formatting import format_kwh, local_start_of, to_local
from console.storage.tables import CardRow, SessionBillRow, SessionRow, table_of

sessions = table_of(SessionRow)
bills = table_of(SessionBillRow)
cards = table_of(CardRow)

NO_GROUP = "(no group)"
_CENT = Decimal("0.01")
_WH_PER_KWH = Decimal(1000)


class ReportBy(StrEnum):
    """How the energy report groups sessions."""

    DAY = "day"
    WEEK = "week"  # ISO week, Monday to Sunday: "2026-W09"
    MONTH = "month"
    CHARGER = "charger"
    GROUP = "group"  # the card group (parent idTag) billed, else the card's current group


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One line of the energy report.

    ``key`` is the period ("2026-03-01", "2026-W09", "2026-03"), the charger id or the
    group name. ``revenue`` holds the gross billed per currency; ``unbilled`` counts the
    sessions (among ``sessions``) that have no bill.
    """

    key: str
    sessions: int = 0
    energy_kwh: Decimal = Decimal("0.000")
    revenue: dict[str, Decimal] = field(default_factory=dict)
    unbilled: int = 0


@dataclass(slots=True)
class _Sum:
    sessions: int = 0
    energy_wh: int = 0
    revenue_cents: dict[str, int] = field(default_factory=dict)
    unbilled: int = 0

    def add(self, energy_wh: int, currency: str | None, gross_cents: int | None) -> None:
        self.sessions += 1
        self.energy_wh += energy_wh
        if currency is None or gross_cents is None:
            self.unbilled += 1
        else:
            self.revenue_cents[currency] = self.revenue_cents.get(currency, 0) + gross_cents

    def row(self, key: str) -> ReportRow:
        return ReportRow(
            key=key,
            sessions=self.sessions,
            energy_kwh=(Decimal(self.energy_wh) / _WH_PER_KWH).quantize(Decimal("0.001")),
            revenue={
                currency: (Decimal(cents) * _CENT).quantize(_CENT)
                for currency, cents in sorted(self.revenue_cents.items())
            },
            unbilled=self.unbilled,
        )


def utc_bound(moment: date | datetime, tz: tzinfo | None = None) -> datetime:
    """A range bound as an aware UTC instant: a date is its local midnight."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            raise ValueError(f"give an aware time or a date, not {moment.isoformat()}")
        return as_utc(moment)
    return local_start_of(moment, tz)


def period_key(local_day: date, by: ReportBy) -> str:
    """The key of the period a local day falls in."""
    if by is ReportBy.DAY:
        return local_day.isoformat()
    if by is ReportBy.WEEK:
        year, week, _weekday = local_day.isocalendar()
        return f"{year}-W{week:02d}"
    if by is ReportBy.MONTH:
        return f"{local_day.year}-{local_day.month:02d}"
    raise ValueError(f"{by} is not a period")


def _period_keys(start: datetime, end: datetime, by: ReportBy, tz: tzinfo | None) -> list[str]:
    """Every period touched by [start, end), in order (empty periods show as zeros)."""
    first = to_local(start, tz).date()
    last = to_local(end - timedelta(microseconds=1), tz).date()
    keys: dict[str, None] = {}
    day = first
    while day <= last:
        keys[period_key(day, by)] = None
        day += timedelta(days=1)
    return list(keys)


def finished_sessions(connection: Connection, start: datetime, end: datetime) -> Iterator[Any]:
    """The rows the energy report counts: sessions started in ``[start, end)`` with a stop
    and a meter stop, with their bill's currency and gross and their group."""
    group = func.coalesce(bills.c.group_name, cards.c.parent_id_tag)
    query = (
        select(
            sessions.c.charger_id,
            sessions.c.started_at,
            sessions.c.meter_start,
            sessions.c.meter_stop,
            bills.c.currency,
            bills.c.gross_cents,
            group.label("group_name"),
        )
        .select_from(
            sessions.outerjoin(bills, bills.c.session_id == sessions.c.id).outerjoin(
                cards, cards.c.id_key == sessions.c.id_tag_key
            )
        )
        .where(
            sessions.c.started_at >= start,
            sessions.c.started_at < end,
            sessions.c.stopped_at.is_not(None),
            sessions.c.meter_stop.is_not(None),
        )
    )
    yield from connection.execute(query)


def energy_report(
    connection: Connection,
    since: date | datetime,
    until: date | datetime,
    by: ReportBy | str = ReportBy.DAY,
    tz: tzinfo | None = None,
) -> list[ReportRow]:
    """Sessions, energy and revenue of the sessions started in ``[since, until)``.

    Periods come in time order, every period of the range included (zeros when empty);
    chargers and groups come in name order, only those with sessions.
    """
    by = ReportBy(by)
    start, end = utc_bound(since, tz), utc_bound(until, tz)
    if end <= start:
        raise ValueError("the end of a report must come after its start")
    sums: dict[str, _Sum] = {}
    periodic = by in (ReportBy.DAY, ReportBy.WEEK, ReportBy.MONTH)
    for row in finished_sessions(connection, start, end):
        if periodic:
            key = period_key(to_local(row.started_at, tz).date(), by)
        elif by is ReportBy.CHARGER:
            key = row.charger_id
        else:
            key = row.group_name or NO_GROUP
        energy = max(0, int(row.meter_stop) - int(row.meter_start))
        sums.setdefault(key, _Sum()).add(energy, row.currency, row.gross_cents)
    keys = _period_keys(start, end, by, tz) if periodic else sorted(sums, key=str.casefold)
    return [sums.get(key, _Sum()).row(key) for key in keys]


def report_total(rows: Iterable[ReportRow], key: str = "Total") -> ReportRow:
    """The sum of some report rows."""
    revenue: dict[str, Decimal] = {}
    sessions_count = unbilled = 0
    energy = Decimal("0.000")
    for row in rows:
        sessions_count += row.sessions
        unbilled += row.unbilled
        energy += row.energy_kwh
        for currency, amount in row.revenue.items():
            revenue[currency] = revenue.get(currency, Decimal("0.00")) + amount
    return ReportRow(key, sessions_count, energy, dict(sorted(revenue.items())), unbilled)


def currencies_of(rows: Sequence[ReportRow]) -> list[str]:
    """The currencies that appear in some rows, sorted."""
    return sorted({currency for row in rows for currency in row.revenue})


def energy_report_table(
    rows: Sequence[ReportRow], by: ReportBy | str, zone: str | None = None
) -> list[list[str]]:
    """The report as text cells, header first, with a total line (for CSV and the CLI).

    ``zone`` names the zone of the days, weeks or months: "day (Europe/Berlin)".
    """
    currencies = currencies_of(rows)
    key = ReportBy(by).value
    if zone and ReportBy(by) in (ReportBy.DAY, ReportBy.WEEK, ReportBy.MONTH):
        key = f"{key} ({zone})"
    header = [key, "sessions", "unbilled sessions", "energy kWh"]
    header += [f"revenue {currency}" for currency in currencies]
    table = [header]
    for row in [*rows, report_total(rows)]:
        cells = [row.key, str(row.sessions), str(row.unbilled), format_kwh(row.energy_kwh)]
        cells += [f"{row.revenue.get(currency, Decimal('0.00')):.2f}" for currency in currencies]
        table.append(cells)
    return table


def write_energy_report_csv(
    rows: Sequence[ReportRow], by: ReportBy | str, path: Path, zone: str | None = None
) -> int:
    """Write the energy report (with its total line) as CSV for spreadsheets; the rows.

    ``zone`` names the zone of the periods in the header."""
    table = energy_report_table(rows, by, zone)
    return write_rows(path, table[0], table[1:])
