"""Reports: energy, the usage heat map and utilisation, as JSON and as CSV files.

Every report has a JSON operation and the same path ending in ``.csv`` for the file (the
statements, statements.py, too). The numbers are those of the console's Reports tab and of
``chargedesk report``: the same service reads in the site's time zone. The CSV is byte
for byte what ``--csv FILE`` writes.

A month-end export on a server PC, with an API token an admin made (a viewer token is
enough: reports change nothing)::

    export TOKEN=cds_...
    curl -fsS -OJ -H "Authorization: Bearer $TOKEN" --cacert ca.pem \\
      "https://site:9444/api/reports/energy.csv?since=2026-03-01&until=2026-04-01&by=charger"
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Self

from aiohttp import web
from pydantic import Field, model_validator

from console.api.models import ApiModel, QueryModel
from console.api.resources._files import CSV, csv_response, read_on
from console.api.routing import ApiCall, ApiRouter
from console.services import report_usage, reports
from console.services.api_reads_billing import (
    read_energy_report,
    read_heatmap,
    read_utilisation,
)
from console.services.formatting import zone_label
from console.services.reports import ReportBy, ReportRow

router = ApiRouter(
    "reports",
    "Energy, usage heat map and connector utilisation reports, as JSON or CSV files",
)

# --- inputs ---------------------------------------------------------------------------------


class RangeQuery(QueryModel):
    """A range of the site's days: [since, until)."""

    since: date = Field(description="The first day, YYYY-MM-DD (site's zone)")
    until: date = Field(description="The day after the last, YYYY-MM-DD (not included)")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.until <= self.since:
            raise ValueError("until must be after since (it is the first day not included)")
        if (self.until - self.since).days > 3660:
            raise ValueError("a report covers at most ten years")
        return self


class EnergyQuery(RangeQuery):
    """The range, and how sessions are grouped."""

    by: ReportBy = Field(
        ReportBy.DAY, description="day, week (ISO), month, charger, or group (card group)"
    )


# --- outputs --------------------------------------------------------------------------------


class ReportEnergyRowOut(ApiModel):
    """One line of the energy report."""

    key: str = Field(description="The day, week (2026-W09), month, charger id or group")
    sessions: int = Field(description="Finished sessions started in it")
    unbilled: int = Field(description="Of those, sessions without a bill")
    energy_kwh: Decimal
    revenue: dict[str, Decimal] = Field(description="Gross billed, by currency")


class ReportEnergyOut(ApiModel):
    """Sessions, energy and revenue of the finished sessions started in the range."""

    since: date
    until: date
    by: ReportBy
    zone: str = Field(description="The time zone of the days (the site's)")
    rows: list[ReportEnergyRowOut]
    total: ReportEnergyRowOut = Field(description="The sum of the rows (key 'Total')")


class ReportHeatmapTotalsOut(ApiModel):
    """How the heat map's total meets the energy report's (kWh):
    heatmap = report + running + before - after - ignored."""

    heatmap_kwh: float
    report_kwh: float
    running_kwh: float
    before_kwh: float
    after_kwh: float
    ignored_kwh: float
    agree: bool


class ReportHeatmapOut(ApiModel):
    """kWh by the site's weekday and hour of day, where the energy flowed."""

    since: date
    until: date
    zone: str
    weekdays: list[str] = Field(description="Row names: Mon … Sun")
    kwh: list[list[float]] = Field(description="7 rows (Monday first) of 24 hours, kWh")
    totals: ReportHeatmapTotalsOut


class ReportConnectorOut(ApiModel):
    """How much of the range a connector spent charging and occupied."""

    charger_id: str
    connector_id: int
    charging_share: float = Field(description="0 to 1")
    occupied_share: float = Field(description="0 to 1")
    charging_hours: float
    occupied_hours: float


class ReportUtilisationOut(ApiModel):
    """Utilisation per connector (connectors with no status at all are left out)."""

    since: date
    until: date
    zone: str
    connectors: list[ReportConnectorOut]


# --- helpers --------------------------------------------------------------------------------


def _energy_row(row: ReportRow) -> ReportEnergyRowOut:
    return ReportEnergyRowOut(
        key=row.key,
        sessions=row.sessions,
        unbilled=row.unbilled,
        energy_kwh=row.energy_kwh,
        revenue=dict(row.revenue),
    )


def _span(query: RangeQuery) -> str:
    return f"{query.since.isoformat()}_{query.until.isoformat()}"


# --- energy ---------------------------------------------------------------------------------


@router.get(
    "/api/reports/energy", summary="Energy report", query=EnergyQuery, response=ReportEnergyOut
)
async def energy_report(call: ApiCall) -> ReportEnergyOut:
    """Sessions, energy (kWh) and revenue (gross, per currency) of the finished sessions
    that started in the range, by day, ISO week, month, charger or card group, with the
    total. A session belongs wholly to the period it started in; running sessions count
    once they stop. Every period of the range is listed (zeros when empty); chargers and
    groups only when they had sessions. Days are the site's; `until` is the first day
    NOT included (`since=2026-03-01&until=2026-04-01` is March)."""
    query: EnergyQuery = call.query
    rows, zone = await read_on(
        call, lambda c: read_energy_report(c, query.since, query.until, query.by)
    )
    return ReportEnergyOut(
        since=query.since,
        until=query.until,
        by=query.by,
        zone=zone_label(zone),
        rows=[_energy_row(row) for row in rows],
        total=_energy_row(reports.report_total(rows)),
    )


@router.get(
    "/api/reports/energy.csv",
    summary="Energy report as a CSV file",
    query=EnergyQuery,
    response=str,
    response_media=CSV,
)
async def energy_report_csv(call: ApiCall) -> web.Response:
    """The energy report as a CSV file for spreadsheets, with its total line: the same
    bytes as `chargedesk report energy --from SINCE --to UNTIL --by BY --csv FILE`
    (UTF-8 with a byte order mark, commas, CRLF line ends). Saved as
    `energy-<by>-<since>_<until>.csv` (Content-Disposition).
    Month-end on a server PC: an admin makes a token once (`chargedesk api-tokens add
    "month-end export" --roles viewer`; reports change nothing, so viewer is enough) and
    exports the site CA (`chargedesk ca export ca.pem`); the scheduled job then runs
    `curl -fsS -OJ --cacert ca.pem -H "Authorization: Bearer %TOKEN%"
    "https://SITE:9444/api/reports/energy.csv?since=2026-03-01&until=2026-04-01&by=charger"`
    (`curl.exe` on Windows). `-f` makes curl fail on an error, whose problem details say
    what to fix."""
    query: EnergyQuery = call.query
    rows, zone = await read_on(
        call, lambda c: read_energy_report(c, query.since, query.until, query.by)
    )
    table = reports.energy_report_table(rows, query.by, zone_label(zone))
    return csv_response(table, f"energy-{query.by.value}-{_span(query)}.csv")


# --- heat map -------------------------------------------------------------------------------


@router.get(
    "/api/reports/heatmap", summary="Usage heat map", query=RangeQuery, response=ReportHeatmapOut
)
async def usage_heatmap(call: ApiCall) -> ReportHeatmapOut:
    """kWh by the site's weekday and hour of day, placed in the hours the energy flowed
    (from the meter readings), and how its total meets the energy report of the same
    range (the console shows the same sentence under its heat map). `until` is the first
    day not included."""
    query: RangeQuery = call.query
    matrix, totals, zone = await read_on(call, lambda c: read_heatmap(c, query.since, query.until))
    return ReportHeatmapOut(
        since=query.since,
        until=query.until,
        zone=zone_label(zone),
        weekdays=list(report_usage.WEEKDAYS),
        kwh=matrix,
        totals=ReportHeatmapTotalsOut(
            heatmap_kwh=totals.heatmap_kwh,
            report_kwh=totals.report_kwh,
            running_kwh=totals.running_kwh,
            before_kwh=totals.before_kwh,
            after_kwh=totals.after_kwh,
            ignored_kwh=totals.ignored_kwh,
            agree=totals.agree,
        ),
    )


@router.get(
    "/api/reports/heatmap.csv",
    summary="Usage heat map as a CSV file",
    query=RangeQuery,
    response=str,
    response_media=CSV,
)
async def usage_heatmap_csv(call: ApiCall) -> web.Response:
    """The heat map as CSV (a line per weekday, a column per hour, kWh with 3 decimals):
    the same bytes as `chargedesk report heatmap --from SINCE --to UNTIL --csv FILE`."""
    query: RangeQuery = call.query
    matrix, _totals, zone = await read_on(call, lambda c: read_heatmap(c, query.since, query.until))
    table = report_usage.heatmap_table(matrix, zone_label(zone))
    return csv_response(table, f"heatmap-{_span(query)}.csv")


# --- utilisation ----------------------------------------------------------------------------


@router.get(
    "/api/reports/utilisation",
    summary="Connector utilisation",
    query=RangeQuery,
    response=ReportUtilisationOut,
)
async def utilisation_report(call: ApiCall) -> ReportUtilisationOut:
    """The share of the range each connector spent charging and occupied, from the
    connectors' status history. A range reaching into the future counts up to now.
    `until` is the first day not included."""
    query: RangeQuery = call.query
    used, zone = await read_on(call, lambda c: read_utilisation(c, query.since, query.until))
    return ReportUtilisationOut(
        since=query.since,
        until=query.until,
        zone=zone_label(zone),
        connectors=[ReportConnectorOut.model_validate(row) for row in used],
    )


@router.get(
    "/api/reports/utilisation.csv",
    summary="Connector utilisation as a CSV file",
    query=RangeQuery,
    response=str,
    response_media=CSV,
)
async def utilisation_report_csv(call: ApiCall) -> web.Response:
    """Utilisation as CSV (percentages with one decimal, hours with two): the same bytes
    as `chargedesk report utilisation --from SINCE --to UNTIL --csv FILE`."""
    query: RangeQuery = call.query
    used, _zone = await read_on(call, lambda c: read_utilisation(c, query.since, query.until))
    return csv_response(report_usage.utilisation_table(used), f"utilisation-{_span(query)}.csv")
