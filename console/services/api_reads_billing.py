"""Billing reads the HTTP API needs beyond ``SiteQueries``: receipts by id, the site's
zone, reports and statements read together with that zone, and their CSV and PDF bytes.

Each ``read_*`` function takes a connection and runs in a worker thread (``run_read``).
Reports are read exactly as the command line reads them (``report_reads``) and the
Reports tab (``SiteQueries``): the same service functions in the site's zone, so the
numbers and the CSV files are the same everywhere.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from console.core.billing import Receipt, ReceiptStatus
from console.core.model import Session
from console.services import report_usage, reports
from console.services.csv_text import CsvWriter
from console.services.pdf import render_receipt_pdf, render_statement_pdf
from console.services.queries import SiteQueries
from console.services.report_reads import StatementRead, person_id_of
from console.services.report_usage import ConnectorUtilisation, HeatMap, HeatMapTotals
from console.services.reports import ReportBy, ReportRow
from console.services.statements import billed_departments, monthly_statement
from console.storage import receipts as receipt_repo
from console.storage import sessions as session_repo
from console.storage import tariffs as tariff_repo

T = TypeVar("T")
BOM = "\ufeff"  # files for spreadsheets start with it (csv_text.write_rows: utf-8-sig)


def run_read(queries: SiteQueries, work: Callable[[Connection], T]) -> T:
    """Run ``work`` on one of the read connections of ``queries`` (blocking).

    SiteQueries has no public way to run a read of our own; its private runner is used
    here, in this one place, until it gets one.
    """
    return queries.run(work)


# --- receipts and sessions ------------------------------------------------------------------


def read_receipt(connection: Connection, receipt_id: int) -> Receipt | None:
    """A receipt with its payments, or None."""
    return receipt_repo.get_receipt(connection, receipt_id)


def read_session(connection: Connection, session_id: int) -> Session | None:
    """A session, or None."""
    return session_repo.get_session(connection, session_id)


def read_receipts(
    connection: Connection,
    *,
    year: int | None,
    status: ReceiptStatus | None,
    session_id: int | None,
    number: str | None,
    limit: int,
) -> list[Receipt]:
    """Receipts newest first, at most ``limit``, filtered by each condition given."""
    if number is not None:
        found = receipt_repo.receipt_by_label(connection, number.strip())
        candidates = [] if found is None else [found]
    elif session_id is not None:
        candidates = list(reversed(receipt_repo.receipts_of_session(connection, session_id)))
    else:
        return receipt_repo.list_receipts(connection, year=year, status=status, limit=limit)
    return [
        receipt
        for receipt in candidates
        if (year is None or receipt.year == year)
        and (status is None or receipt.status is status)
        and (session_id is None or receipt.content.session_id == session_id)
    ][:limit]


def site_zone(connection: Connection) -> ZoneInfo:
    """The site's time zone (as receipts, reports and statements use it)."""
    return tariff_repo.site_timezone(connection)


def receipt_pdf(receipt: Receipt, zone: ZoneInfo) -> bytes:
    """The receipt's PDF, as the console and ``chargedesk receipts pdf`` write it
    (blocking: rendered in a temporary folder, then read)."""
    with tempfile.TemporaryDirectory(prefix="chargedesk-api-") as folder:
        path = Path(folder) / "receipt.pdf"
        render_receipt_pdf(receipt, path, zone)
        return path.read_bytes()


# --- reports --------------------------------------------------------------------------------


def read_energy_report(
    connection: Connection, since: date, until: date, by: ReportBy
) -> tuple[list[ReportRow], ZoneInfo]:
    """The energy report of [since, until) in the site's zone, and that zone."""
    zone = site_zone(connection)
    return reports.energy_report(connection, since, until, by, zone), zone


def read_heatmap(
    connection: Connection, since: date, until: date
) -> tuple[HeatMap, HeatMapTotals, ZoneInfo]:
    """The usage heat map of [since, until), how its total meets the energy report's,
    and the site's zone."""
    zone = site_zone(connection)
    matrix, totals = report_usage.usage_heatmap_totals(connection, since, until, zone)
    return matrix, totals, zone


def read_utilisation(
    connection: Connection, since: date, until: date
) -> tuple[list[ConnectorUtilisation], ZoneInfo]:
    """Connector utilisation over [since, until) in the site's zone, and that zone."""
    zone = site_zone(connection)
    return report_usage.utilisation(connection, since, until, zone), zone


def read_statement(
    connection: Connection,
    year: int,
    month: int,
    *,
    person: str | None = None,
    department: str | None = None,
) -> StatementRead:
    """The month's statement of a person (a name or an id) or a department, as the
    command line reads it (StatementError for nobody, or a name several people have)."""
    zone = site_zone(connection)
    person_id = None if person is None else person_id_of(connection, person)
    statement = monthly_statement(
        connection, year, month, person_id=person_id, department=department, tz=zone
    )
    return StatementRead(statement, tariff_repo.site_details(connection), zone)


def read_departments(connection: Connection, year: int, month: int) -> list[str]:
    """The departments with billed sessions in the site's month."""
    return billed_departments(connection, year, month, site_zone(connection))


@dataclass(frozen=True, slots=True)
class CsvFile:
    """A CSV file's text, exactly as ``csv_text.write_rows`` writes it to disk."""

    text: str
    rows: int


def csv_file(table: list[list[str]]) -> CsvFile:
    """``table`` (header first) as a spreadsheet CSV: byte order mark, commas, CRLF, cells
    that look like formulas escaped. Encoded as UTF-8 it is byte for byte the file the
    command line writes with ``--csv FILE``."""
    buffer = io.StringIO(newline="")
    CsvWriter(buffer).writerows(table)
    return CsvFile(BOM + buffer.getvalue(), len(table) - 1)


def statement_pdf(read: StatementRead) -> bytes:
    """The statement's PDF, as ``chargedesk statements ... --pdf`` writes it (blocking)."""
    with tempfile.TemporaryDirectory(prefix="chargedesk-api-") as folder:
        path = Path(folder) / "statement.pdf"
        render_statement_pdf(read.statement, path, read.site if read.site.name else None, read.zone)
        return path.read_bytes()
