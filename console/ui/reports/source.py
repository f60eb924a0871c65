"""The database reads behind each report, as functions run in a worker thread.

Kept in one place so the reports ask the queries the same way everywhere (and tests can
swap the queries for slow or failing fakes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from console.core.billing import SiteDetails
from console.core.model import Person
from console.services.queries import SiteQueries
from console.services.report_usage import ConnectorUtilisation, HeatMap, HeatMapTotals
from console.services.reports import ReportBy, ReportRow
from console.services.statements import Statement


def energy_read(first: date, last: date, by: ReportBy) -> Callable[[SiteQueries], list[ReportRow]]:
    """The energy report of the local days ``first`` to ``last`` (both included)."""
    return lambda q: q.energy_report(first, last + timedelta(days=1), by)


def heatmap_read(first: date, last: date) -> Callable[[SiteQueries], tuple[HeatMap, HeatMapTotals]]:
    """kWh by weekday and hour over the local days ``first`` to ``last``, and how the
    total meets the energy report's."""
    return lambda q: q.usage_heatmap_totals(first, last + timedelta(days=1))


def utilisation_read(
    first: date, last: date
) -> Callable[[SiteQueries], list[ConnectorUtilisation]]:
    """Charging and occupied shares per connector over the local days ``first`` to ``last``."""
    return lambda q: q.utilisation(first, last + timedelta(days=1))


def statement_read(
    year: int, month: int, person_id: int | None, department: str | None
) -> Callable[[SiteQueries], Statement]:
    """The monthly statement of a person or a department."""
    return lambda q: q.monthly_statement(year, month, person_id=person_id, department=department)


def departments_read(year: int, month: int) -> Callable[[SiteQueries], list[str]]:
    """The departments (cost centres) with billed sessions in the site's month."""
    return lambda q: q.billed_departments(year, month)


def people_read() -> Callable[[SiteQueries], list[Person]]:
    """Everyone who owns cards (retired people too: old months still name them)."""
    return lambda q: q.people(include_retired=True)


def site_read() -> Callable[[SiteQueries], SiteDetails]:
    """The site's name and address, for the statement's letterhead."""
    return lambda q: q.site_details()
