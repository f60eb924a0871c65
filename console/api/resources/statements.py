"""Monthly statements of a person or a department: JSON, a CSV file and a PDF.

The same statement as the console's Reports tab and ``chargedesk statements``: the same
service read in the site's time zone; the CSV is byte for byte what ``--csv FILE``
writes. Month-end export for every department, with an API token (any role)::

    for dept in $(curl -fsS -H "Authorization: Bearer $TOKEN" --cacert ca.pem \\
        "https://site:9444/api/statements/departments?month=2026-03" | jq -r '.departments[]')
    do curl -fsS -OJ -G -H "Authorization: Bearer $TOKEN" --cacert ca.pem \\
        --data-urlencode "month=2026-03" --data-urlencode "department=$dept" \\
        https://site:9444/api/statements.csv
    done
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import Any, Self

from aiohttp import web
from pydantic import Field, model_validator

from console.api.models import ApiModel, QueryModel
from console.api.resources._files import CSV, PDF, csv_response, pdf_response, read_on
from console.api.routing import ApiCall, ApiRouter
from console.services.api_reads_billing import read_departments, read_statement, statement_pdf
from console.services.formatting import zone_label
from console.services.report_reads import StatementRead
from console.services.statements import statement_table

router = ApiRouter(
    "statements",
    "Monthly statements per person or department (cost centre), as JSON, CSV or PDF",
)


class StatementQuery(QueryModel):
    """A month, and a person or a department (exactly one)."""

    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM (site's zone)")
    person: str | None = Field(
        None, min_length=1, max_length=200, description="A person's id or exact name"
    )
    department: str | None = Field(
        None, min_length=1, max_length=200, description="A department (cost centre), any case"
    )

    @model_validator(mode="after")
    def _one_subject(self) -> Self:
        if (self.person is None) == (self.department is None):
            raise ValueError("give a person or a department (one of them)")
        return self

    @property
    def year_month(self) -> tuple[int, int]:
        """The month as numbers."""
        year, month = self.month.split("-")
        return int(year), int(month)


class MonthQuery(QueryModel):
    """A month of the site."""

    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM (site's zone)")


class StatementLineOut(ApiModel):
    """One billed session on a statement."""

    session_id: int
    started_at: datetime
    stopped_at: datetime | None
    billed_at: datetime
    card: str
    charger_id: str
    connector_id: int
    energy_kwh: Decimal
    currency: str
    net: Decimal
    tax: Decimal
    gross: Decimal
    receipt: str | None = Field(description="The receipt number when one was issued")


class StatementTotalOut(ApiModel):
    """Net, tax and gross in one currency."""

    currency: str
    net: Decimal
    tax: Decimal
    gross: Decimal


class StatementSectionOut(ApiModel):
    """The sessions of one person on a statement."""

    person_id: int | None
    name: str
    lines: list[StatementLineOut]
    energy_kwh: Decimal
    totals: list[StatementTotalOut]


class StatementOut(ApiModel):
    """A month's statement of a person or a department, grouped by person."""

    month: str
    kind: str = Field(description="person or department")
    subject: str = Field(description="The person's name or the department")
    department: str | None
    zone: str = Field(description="The zone of the month's bounds (the site's)")
    sections: list[StatementSectionOut]
    energy_kwh: Decimal
    totals: list[StatementTotalOut] = Field(description="Per currency, the whole statement")


class StatementDepartmentsOut(ApiModel):
    """The departments with billed sessions in a month."""

    month: str
    departments: list[str] = Field(description="By name; ask for each one's statement")


async def _statement(call: ApiCall) -> StatementRead:
    query: StatementQuery = call.query
    year, month = query.year_month
    read: StatementRead = await read_on(
        call,
        lambda c: read_statement(c, year, month, person=query.person, department=query.department),
    )
    return read


def _statement_name(read: StatementRead, suffix: str) -> str:
    # ASCII only: a header cannot carry every name's letters (Łukasz, 王).
    subject = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in read.statement.subject)
    return f"statement-{read.statement.period}-{subject.strip('-') or 'unnamed'}.{suffix}"


def _totals(totals: Any) -> list[StatementTotalOut]:
    return [StatementTotalOut.model_validate(total) for total in totals]


@router.get(
    "/api/statements",
    summary="A month's statement of a person or department",
    query=StatementQuery,
    response=StatementOut,
    errors=(409,),
)
async def monthly_statement(call: ApiCall) -> StatementOut:
    """Every session billed to a person (`person`: id or exact name) or a department
    (`department`, any case) in the site's month, grouped by person, with totals per
    currency. 409 for a name nobody or several people have (give the id then). The
    departments with billed sessions in a month: GET /api/statements/departments."""
    read = await _statement(call)
    statement = read.statement
    return StatementOut(
        month=statement.period,
        kind=statement.kind,
        subject=statement.subject,
        department=statement.department,
        zone=zone_label(read.zone),
        sections=[
            StatementSectionOut(
                person_id=section.person_id,
                name=section.name,
                lines=[
                    StatementLineOut(
                        session_id=line.session_id,
                        started_at=line.started_at,
                        stopped_at=line.stopped_at,
                        billed_at=line.billed_at,
                        card=line.id_tag,
                        charger_id=line.charger_id,
                        connector_id=line.connector_id,
                        energy_kwh=line.energy_kwh,
                        currency=line.currency,
                        net=line.net,
                        tax=line.tax,
                        gross=line.gross,
                        receipt=line.receipt,
                    )
                    for line in section.lines
                ],
                energy_kwh=section.energy_kwh,
                totals=_totals(section.totals),
            )
            for section in statement.sections
        ],
        energy_kwh=statement.energy_kwh,
        totals=_totals(statement.totals),
    )


@router.get(
    "/api/statements.csv",
    summary="A month's statement as a CSV file",
    query=StatementQuery,
    response=str,
    response_media=CSV,
    errors=(409,),
)
async def monthly_statement_csv(call: ApiCall) -> web.Response:
    """The statement as CSV, a line per session and a total line per currency, times in
    the site's zone: the same bytes as `chargedesk statements department NAME --month
    YYYY-MM --csv FILE` (or `person`). Saved as `statement-<month>-<subject>.csv`.
    Month-end for every cost centre: GET /api/statements/departments?month=2026-03 lists
    the departments billed that month; fetch each one's file with `curl -fsS -OJ -G
    --cacert ca.pem -H "Authorization: Bearer %TOKEN%" --data-urlencode month=2026-03
    --data-urlencode "department=Radiology" https://SITE:9444/api/statements.csv`
    (`--data-urlencode` copes with spaces and accents in names; a viewer token is
    enough)."""
    read = await _statement(call)
    table = statement_table(read.statement, read.zone)
    return csv_response(table, _statement_name(read, "csv"))


@router.get(
    "/api/statements.pdf",
    summary="A month's statement as a PDF file",
    query=StatementQuery,
    response=bytes,
    response_media=PDF,
    errors=(409,),
)
async def monthly_statement_pdf(call: ApiCall) -> web.Response:
    """The statement as the console and `chargedesk statements ... --pdf` print it,
    with the site's letterhead."""
    read = await _statement(call)
    body = await asyncio.to_thread(statement_pdf, read)
    return pdf_response(body, _statement_name(read, "pdf"))


@router.get(
    "/api/statements/departments",
    summary="Departments billed in a month",
    query=MonthQuery,
    response=StatementDepartmentsOut,
)
async def billed_departments(call: ApiCall) -> StatementDepartmentsOut:
    """Every department (cost centre) with billed sessions in the site's month, by name:
    the list to fetch month-end statements for."""
    query: MonthQuery = call.query
    year, month = (int(part) for part in query.month.split("-"))
    names: list[str] = await read_on(call, lambda c: read_departments(c, year, month))
    return StatementDepartmentsOut(month=query.month, departments=names)
