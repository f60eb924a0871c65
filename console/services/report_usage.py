"""When the site is used: an hour-of-day by weekday heat map and connector utilisation.

Ranges and zones follow ``console.services.reports``: ``[since, until)``, a date is a local
day, ``tz=None`` is the zone times are shown in (the site's once followed).

Heat map. Energy is placed where it flowed, from the meter readings: each session's
readings are its meter start, the last Energy.Active.Import.Register reading of every
clock hour (picked in SQL, so a year of one-minute samples is not read row by row) and its
meter stop. Between two consecutive readings the power is taken as constant (the rule the
tariffs use), so the energy between them is shared among the hours they span in
proportion to time. A session without register samples is thus spread evenly over its
whole duration. Readings that go backwards, beyond the meter stop, or further than a
connector can deliver in the time (unless staff kept them), are ignored. Hours
are UTC hours placed at the local weekday and hour of their start; for zones whose offset
is not whole hours this shifts energy by the odd half hour.

Heat map and energy report. The energy report counts each finished session whole, in the
period it started (its revenue cannot be split); the heat map counts energy in the hours
it flowed. For one period they differ by what only one of them counts, and
``usage_heatmap_totals`` says by how much: ``heat map = report + running + before - after
- ignored`` (see ``HeatMapTotals``). The console shows that sum under the heat map.

Utilisation. From the connectors' status history (the charger's timestamp, else the time
we received it): Charging counts as charging; Preparing, Charging, SuspendedEV,
SuspendedEVSE and Finishing count as occupied. A status lasts until the next one; the
time before the first status in the range has the last status before the range, and the
last status lasts to the end of the range, or to ``now`` when the range reaches into the
future (shares are of the time that has passed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, case, func, select, type_coerce

from console.core.clock import as_utc, utcnow
from console.core.enums import ConnectorStatus, SessionFlag
from console.core.readings import BILLED_LOCATIONS, ENERGY_REGISTER, SLACK_WH
from console.services.csv_text import write_rows
from console.services.reports import finished_sessions as _finished_sessions
from console.services.reports import utc_bound
from console.storage.samples import power_ceiling_w
from console.storage.tables import MeterSampleRow, SessionRow, StatusHistoryRow, table_of

sessions = table_of(SessionRow)
samples = table_of(MeterSampleRow)
history = table_of(StatusHistoryRow)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CHARGING = frozenset({ConnectorStatus.CHARGING.value})
OCCUPIED = frozenset(
    {
        ConnectorStatus.PREPARING.value,
        ConnectorStatus.CHARGING.value,
        ConnectorStatus.SUSPENDED_EV.value,
        ConnectorStatus.SUSPENDED_EVSE.value,
        ConnectorStatus.FINISHING.value,
    }
)
_EPOCH = datetime(1970, 1, 1)

HeatMap = list[list[float]]  # [weekday 0 = Monday][hour 0..23] -> kWh
AGREE_KWH = 0.0005  # below half a Wh two totals are the same figure


@dataclass(frozen=True, slots=True)
class HeatMapTotals:
    """The heat map's total for a period, and how it meets the energy report's (kWh).

    ``heatmap_kwh == report_kwh + running_kwh + before_kwh - after_kwh - ignored_kwh``:
    - ``report_kwh``: finished sessions started in the period, whole (the energy report);
    - ``running_kwh``: flowed in the period in sessions not finished yet (the report
      counts them once they stop);
    - ``before_kwh``: flowed in the period in finished sessions started before it;
    - ``after_kwh``: flowed after the period's end in sessions started in it;
    - ``ignored_kwh``: of the report's sessions, energy the heat map does not place
      because its readings cannot be true (the report takes meter stop - meter start).
    """

    heatmap_kwh: float
    report_kwh: float
    running_kwh: float = 0.0
    before_kwh: float = 0.0
    after_kwh: float = 0.0
    ignored_kwh: float = 0.0

    @property
    def agree(self) -> bool:
        """True when both totals are the same figure."""
        return abs(self.heatmap_kwh - self.report_kwh) < AGREE_KWH


def _hour_bucket(connection: Connection, column: ColumnElement[Any]) -> ColumnElement[Any]:
    if connection.dialect.name == "sqlite":
        # Stored as "YYYY-MM-DD HH:MM:SS.ffffff" (UTC): the hour is the first 13 characters,
        # several times cheaper than strftime over a million samples.
        return func.substr(column, 1, 13)
    if connection.dialect.name == "postgresql":
        return func.date_trunc("hour", column)
    return column  # no grouping: every reading is kept (correct, only slower)


def _epoch(moment: datetime | str) -> float:
    """Seconds since 1970 of a stored time (naive values are UTC, as SQLite returns them)."""
    if isinstance(moment, str):  # SQLite's text, read raw: fromisoformat is far quicker
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        return (moment - _EPOCH).total_seconds()
    return moment.timestamp()


def _raw_time(connection: Connection, column: ColumnElement[Any]) -> ColumnElement[Any]:
    """SQLite's stored text as is, not parsed by SQLAlchemy (``_epoch`` reads it)."""
    if connection.dialect.name == "sqlite":
        return type_coerce(column, String)
    return column


def _session_readings(
    connection: Connection, start: datetime, end: datetime
) -> dict[int, list[tuple[float, float]]]:
    """The last register reading (Wh) of each hour of each session overlapping the range.

    A session's samples are those its own charger stored for its connector: samples are
    matched by (charger, transaction, connector), never by transaction id alone.
    """
    wh = case((samples.c.unit == "kWh", samples.c.value * 1000), else_=samples.c.value)
    bucket = _hour_bucket(connection, samples.c.taken_at)
    own = samples.join(
        sessions,
        (sessions.c.id == samples.c.session_key)
        & (sessions.c.charger_id == samples.c.charger_id)
        & (sessions.c.connector_id == samples.c.connector_id),
    )
    query = (
        select(
            samples.c.session_key, _raw_time(connection, func.max(samples.c.taken_at)), func.max(wh)
        )
        .select_from(own)
        .where(
            sessions.c.started_at < end,
            (sessions.c.stopped_at.is_(None)) | (sessions.c.stopped_at > start),
            samples.c.measurand == ENERGY_REGISTER,
            samples.c.phase == "",
            samples.c.location.in_(BILLED_LOCATIONS),
            samples.c.value.is_not(None),
        )
        .group_by(samples.c.session_key, bucket)
    )
    readings: dict[int, list[tuple[float, float]]] = {}
    for session_key, taken_at, value in connection.execute(query):
        readings.setdefault(session_key, []).append((_epoch(taken_at), float(value)))
    return readings


class _Cells:
    """Adds energy to the heat map cell of a UTC hour (each hour's place computed once)."""

    def __init__(self, tz: tzinfo | None) -> None:
        self.matrix: HeatMap = [[0.0] * 24 for _ in range(7)]
        self._tz = tz
        self._places: dict[int, list[float]] = {}
        self._hours: dict[int, int] = {}

    def add(self, hour: int, kwh: float) -> None:
        row = self._places.get(hour)
        if row is None:
            local = datetime.fromtimestamp(hour * 3600, self._tz)
            row = self._places[hour] = self.matrix[local.weekday()]
            self._hours[hour] = local.hour
        row[self._hours[hour]] += kwh

    def spread(
        self, first: tuple[float, float], second: tuple[float, float], window: tuple[float, float]
    ) -> float:
        """Share the energy between two readings among the hours between them; the kWh
        placed (the part inside ``window``)."""
        (t0, v0), (t1, v1) = first, second
        if t1 <= t0 or v1 <= v0:
            return 0.0
        power = (v1 - v0) / (t1 - t0) / 1000  # kWh per second
        at, stop = max(t0, window[0]), min(t1, window[1])
        placed = 0.0
        while at < stop:
            hour = int(at // 3600)
            upto = min((hour + 1) * 3600.0, stop)
            kwh = power * (upto - at)
            self.add(hour, kwh)
            placed += kwh
            at = upto
        return placed


def _share_after(first: tuple[float, float], second: tuple[float, float], end: float) -> float:
    """kWh between two readings that flowed at or after ``end`` (constant power between)."""
    (t0, v0), (t1, v1) = first, second
    if t1 <= t0 or v1 <= v0 or t1 <= end:
        return 0.0
    return (v1 - v0) / 1000 * (t1 - max(t0, end)) / (t1 - t0)


def usage_heatmap(
    connection: Connection,
    since: date | datetime,
    until: date | datetime,
    tz: tzinfo | None = None,
) -> HeatMap:
    """kWh delivered in ``[since, until)`` by local weekday (0 = Monday) and hour of day."""
    return usage_heatmap_totals(connection, since, until, tz)[0]


def usage_heatmap_totals(
    connection: Connection,
    since: date | datetime,
    until: date | datetime,
    tz: tzinfo | None = None,
) -> tuple[HeatMap, HeatMapTotals]:
    """The heat map of ``[since, until)`` and how its total meets the energy report's."""
    start, end = utc_bound(since, tz), utc_bound(until, tz)
    first_instant, last_instant = start.timestamp(), end.timestamp()
    report_wh = 0
    for row in _finished_sessions(connection, start, end):
        report_wh += max(0, int(row.meter_stop) - int(row.meter_start))
    running = before = after = placed_of_report = 0.0
    cells = _Cells(tz)
    window = (start.timestamp(), end.timestamp())
    hourly = _session_readings(connection, start, end)
    ceiling_w = power_ceiling_w(connection)
    query = select(
        sessions.c.id,
        sessions.c.started_at,
        sessions.c.meter_start,
        sessions.c.stopped_at,
        sessions.c.meter_stop,
        sessions.c.flags,
    ).where(
        sessions.c.started_at < end,
        (sessions.c.stopped_at.is_(None)) | (sessions.c.stopped_at > start),
    )
    for row in connection.execute(query):
        points = [(_epoch(row.started_at), float(row.meter_start))]
        inner = sorted(hourly.get(row.id, ()))
        stopped = row.stopped_at is not None and row.meter_stop is not None
        if stopped:
            last = (_epoch(row.stopped_at), float(row.meter_stop))
            inner = [p for p in inner if p[0] <= last[0] and p[1] <= last[1]] + [last]
        # Readings that cannot be true count only where staff chose to keep them.
        believe_all = SessionFlag.READINGS_KEPT.value in row.flags.split(",")
        for at, value in inner:
            forward = at >= points[-1][0] and value >= points[-1][1]
            if forward and (believe_all or _plausible_step(points[-1], (at, value), ceiling_w)):
                points.append((at, value))
        placed = sum(cells.spread(a, b, window) for a, b in pairwise(points))
        started = _epoch(row.started_at)
        if not stopped:
            running += placed
        elif started < first_instant:
            before += placed
        elif started < last_instant:  # a session of the energy report
            placed_of_report += placed
            after += sum(_share_after(a, b, last_instant) for a, b in pairwise(points))
    report = report_wh / 1000
    totals = HeatMapTotals(
        heatmap_kwh=sum(map(sum, cells.matrix)),
        report_kwh=report,
        running_kwh=running,
        before_kwh=before,
        after_kwh=after,
        # What the report counts of its sessions and the heat map places nowhere.
        ignored_kwh=max(0.0, report - placed_of_report - after),
    )
    return cells.matrix, totals


def _plausible_step(
    last: tuple[float, float], reading: tuple[float, float], ceiling_w: float
) -> bool:
    """True when the register can have moved from ``last`` to ``reading`` (see core.readings)."""
    most = ceiling_w * max(0.0, reading[0] - last[0]) / 3600 + float(SLACK_WH)
    return reading[1] - last[1] <= most


def heatmap_table(matrix: HeatMap, zone: str | None = None) -> list[list[str]]:
    """The heat map as text cells: a header of hours, one line per weekday (kWh, 3 places).

    ``zone`` names the zone of the weekdays and hours: "weekday (Europe/Berlin)".
    """
    first = f"weekday ({zone})" if zone else "weekday"
    header = [first, *(f"{hour:02d}" for hour in range(24)), "total"]
    table = [header]
    for day, hours in zip(WEEKDAYS, matrix, strict=True):
        table.append([day, *(f"{kwh:.3f}" for kwh in hours), f"{sum(hours):.3f}"])
    return table


def write_heatmap_csv(matrix: HeatMap, path: Path, zone: str | None = None) -> int:
    """Write the heat map as CSV for spreadsheets; returns the rows (7)."""
    table = heatmap_table(matrix, zone)
    return write_rows(path, table[0], table[1:])


@dataclass(frozen=True, slots=True)
class ConnectorUtilisation:
    """How much of a period a connector spent charging and occupied (shares 0..1)."""

    charger_id: str
    connector_id: int
    charging_share: float
    occupied_share: float
    charging_hours: float
    occupied_hours: float


def _status_rows(
    connection: Connection, start: datetime, end: datetime
) -> list[tuple[str, int, float, int, str]]:
    """(charger, connector, time, id, status) of each connector's last status before the
    range and of every status in it, in connector and time order."""
    at = func.coalesce(history.c.charger_time, history.c.received_at)
    columns = (history.c.id, history.c.charger_id, history.c.connector_id, history.c.status)
    ranked = (
        select(
            *columns,
            at.label("at"),
            func.row_number()
            .over(
                partition_by=(history.c.charger_id, history.c.connector_id),
                order_by=(at.desc(), history.c.id.desc()),
            )
            .label("rank"),
        )
        .where(at < start, history.c.connector_id > 0)
        .subquery()
    )
    before = select(
        ranked.c.id, ranked.c.charger_id, ranked.c.connector_id, ranked.c.status, ranked.c.at
    ).where(ranked.c.rank == 1)
    inside = select(*columns, at.label("at")).where(
        at >= start, at < end, history.c.connector_id > 0
    )
    rows = [
        (charger, connector, _epoch(moment), sid, status)
        for query in (before, inside)
        for sid, charger, connector, status, moment in connection.execute(query)
    ]
    rows.sort()
    return rows


def utilisation(
    connection: Connection,
    since: date | datetime,
    until: date | datetime,
    tz: tzinfo | None = None,
    now: datetime | None = None,
) -> list[ConnectorUtilisation]:
    """Share of ``[since, until)`` each connector spent charging and occupied.

    Connectors come in charger and connector order; those with no status at all before
    the end of the range are left out (nothing is known of them).
    """
    start, end = utc_bound(since, tz), utc_bound(until, tz)
    end = min(end, as_utc(now) if now is not None else utcnow())
    if end <= start:
        return []
    first, last = start.timestamp(), end.timestamp()
    totals: dict[tuple[str, int], list[float]] = {}
    rows = _status_rows(connection, start, end)
    for index, (charger, connector, moment, _sid, status) in enumerate(rows):
        seconds = totals.setdefault((charger, connector), [0.0, 0.0])
        ends = last
        if index + 1 < len(rows):
            following = rows[index + 1]
            if following[0] == charger and following[1] == connector:
                ends = following[2]
        length = max(0.0, min(ends, last) - max(moment, first))
        if status in CHARGING:
            seconds[0] += length
        if status in OCCUPIED:
            seconds[1] += length
    span = last - first
    return [
        ConnectorUtilisation(
            charger, connector, charging / span, occupied / span, charging / 3600, occupied / 3600
        )
        for (charger, connector), (charging, occupied) in totals.items()
    ]


def utilisation_table(rows: Sequence[ConnectorUtilisation]) -> list[list[str]]:
    """Utilisation as text cells, header first (shares as percentages, one decimal)."""
    table = [["charger", "connector", "charging %", "occupied %", "charging h", "occupied h"]]
    for row in rows:
        table.append(
            [
                row.charger_id,
                str(row.connector_id),
                f"{row.charging_share * 100:.1f}",
                f"{row.occupied_share * 100:.1f}",
                f"{row.charging_hours:.2f}",
                f"{row.occupied_hours:.2f}",
            ]
        )
    return table


def write_utilisation_csv(rows: Sequence[ConnectorUtilisation], path: Path) -> int:
    """Write the utilisation report as CSV for spreadsheets; returns the rows."""
    table = utilisation_table(rows)
    return write_rows(path, table[0], table[1:])
