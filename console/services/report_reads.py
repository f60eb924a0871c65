"""Reports and statements read from a local database, for the command line.

Each read opens (and migrates) the database, reads in one connection in the site's time
zone and returns what it read with that zone, so the command line never touches storage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from console.core.billing import SiteDetails
from console.services import report_usage, reports
from console.services.report_usage import ConnectorUtilisation, HeatMap, HeatMapTotals
from console.services.reports import ReportRow
from console.services.statements import Statement, StatementError, monthly_statement
from console.storage import people as people_repo
from console.storage import tariffs as tariff_repo
from console.storage.database import open_database

T = TypeVar("T")


def _read(url: str, work: Callable[[Connection, ZoneInfo], T]) -> tuple[T, ZoneInfo]:
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            zone = tariff_repo.site_timezone(connection)
            return work(connection, zone), zone
    finally:
        engine.dispose()


def energy_report(url: str, since: date, until: date, by: str) -> tuple[list[ReportRow], ZoneInfo]:
    """The energy report of the sessions started in [since, until), days in the site's
    zone; and that zone."""
    return _read(url, lambda c, zone: reports.energy_report(c, since, until, by, zone))


def usage_heatmap_totals(
    url: str, since: date, until: date
) -> tuple[tuple[HeatMap, HeatMapTotals], ZoneInfo]:
    """The heat map of [since, until) with how it meets the energy report; the zone."""
    return _read(url, lambda c, zone: report_usage.usage_heatmap_totals(c, since, until, zone))


def utilisation(url: str, since: date, until: date) -> tuple[list[ConnectorUtilisation], ZoneInfo]:
    """Share of [since, until) each connector spent charging and occupied; the zone."""
    return _read(url, lambda c, zone: report_usage.utilisation(c, since, until, zone))


@dataclass(frozen=True, slots=True)
class StatementRead:
    """A month's statement with the site it is from and the site's zone."""

    statement: Statement
    site: SiteDetails
    zone: ZoneInfo


def statement_of(
    url: str, year: int, month: int, *, person: str | None = None, department: str | None = None
) -> StatementRead:
    """The month's statement of a person (a name or an id) or of a department.

    StatementError for a person nobody is, or a name several people have.
    """

    def read(connection: Connection, zone: ZoneInfo) -> tuple[Statement, SiteDetails]:
        person_id = None if person is None else person_id_of(connection, person)
        statement = monthly_statement(
            connection, year, month, person_id=person_id, department=department, tz=zone
        )
        return statement, tariff_repo.site_details(connection)

    (statement, site), zone = _read(url, read)
    return StatementRead(statement, site, zone)


def person_id_of(connection: Connection, who: str) -> int:
    """The id of the person numbered or named ``who`` (names compared without case)."""
    everyone = people_repo.list_people(connection, include_retired=True)
    if who.strip().isdigit():
        wanted = int(who)
        if any(person.id == wanted for person in everyone):
            return wanted
    matches = [p for p in everyone if p.name.casefold() == who.strip().casefold()]
    if not matches:
        raise StatementError(f"no person named or numbered '{who}'")
    if len(matches) > 1:
        ids = ", ".join(str(person.id) for person in matches)
        raise StatementError(f"several people are named '{who}' (ids {ids}): give the id")
    found = matches[0].id
    assert found is not None  # stored people have ids
    return found
