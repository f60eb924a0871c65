"""Monthly statements: what a person, or a department, was billed for charging in a month.

Staff charging is charged back to departments, so a statement lists billed sessions. A
session belongs to the month (in the site's local time) in which it *stopped*: that is when
it became billable, and unlike the billing time it does not move when bills are made late
(after the server was down over the month end). The person and department are those copied
onto the bill when it was made: someone who moved department later still shows in the old
one for the old months.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, and_, func, select

from console.core.billing import ReceiptStatus, receipt_label
from console.core.clock import as_utc, utcnow
from console.services.csv_text import write_rows
from console.services.formatting import format_kwh, local_start_of, to_local, with_zone
from console.storage.rows import utc_or_none
from console.storage.tables import (
    PersonRow,
    ReceiptRow,
    SessionBillRow,
    SessionRow,
    table_of,
)

bills = table_of(SessionBillRow)
sessions = table_of(SessionRow)
people = table_of(PersonRow)
receipts = table_of(ReceiptRow)

_CENT = Decimal("0.01")
NO_PERSON = "(no person)"


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One billed session; amounts are the bill's, in ``currency``."""

    session_id: int
    started_at: datetime  # UTC
    stopped_at: datetime | None
    billed_at: datetime
    id_tag: str
    charger_id: str
    connector_id: int
    energy_kwh: Decimal
    currency: str
    net: Decimal
    tax: Decimal
    gross: Decimal
    receipt: str | None  # the receipt number ("2026-00042") when one was issued


@dataclass(frozen=True, slots=True)
class CurrencyTotal:
    """Totals of some lines in one currency."""

    currency: str
    net: Decimal
    tax: Decimal
    gross: Decimal


@dataclass(frozen=True, slots=True)
class StatementSection:
    """The lines of one person (``person_id`` None: bills not tied to a person)."""

    person_id: int | None
    name: str
    lines: tuple[StatementLine, ...]

    @property
    def energy_kwh(self) -> Decimal:
        """Energy of the section's sessions."""
        return sum((line.energy_kwh for line in self.lines), Decimal("0.000"))

    @property
    def totals(self) -> tuple[CurrencyTotal, ...]:
        """Net, tax and gross per currency."""
        return totals_of(self.lines)


@dataclass(frozen=True, slots=True)
class Statement:
    """A month's statement for one person or one department, grouped by person."""

    year: int
    month: int
    kind: str  # "person" or "department"
    subject: str  # the person's name or the department
    department: str | None  # the department (of a person: their current one)
    sections: tuple[StatementSection, ...]
    issued_at: datetime
    tz: tzinfo | None = None  # the zone of the month's bounds: its times are shown in it

    @property
    def period(self) -> str:
        """The month as "2026-03"."""
        return f"{self.year}-{self.month:02d}"

    @property
    def lines(self) -> tuple[StatementLine, ...]:
        """Every line of every section."""
        return tuple(line for section in self.sections for line in section.lines)

    @property
    def energy_kwh(self) -> Decimal:
        """Energy of every session on the statement."""
        return sum((section.energy_kwh for section in self.sections), Decimal("0.000"))

    @property
    def totals(self) -> tuple[CurrencyTotal, ...]:
        """Net, tax and gross per currency, over the whole statement."""
        return totals_of(self.lines)


def totals_of(lines: Sequence[StatementLine]) -> tuple[CurrencyTotal, ...]:
    """Net, tax and gross of some lines per currency, in currency order."""
    sums: dict[str, list[Decimal]] = {}
    for line in lines:
        total = sums.setdefault(line.currency, [Decimal("0.00")] * 3)
        total[0] += line.net
        total[1] += line.tax
        total[2] += line.gross
    return tuple(
        CurrencyTotal(currency, net, tax, gross)
        for currency, (net, tax, gross) in sorted(sums.items())
    )


class StatementError(ValueError):
    """The statement cannot be made (no such person, a bad month)."""


def month_bounds(year: int, month: int, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The first instant of a local month and of the next one, in UTC."""
    if not 1 <= month <= 12:
        raise StatementError(f"month must be 1 to 12, not {month}")
    following = date(year + month // 12, month % 12 + 1, 1)
    return local_start_of(date(year, month, 1), tz), local_start_of(following, tz)


def _cents(value: int) -> Decimal:
    return (Decimal(value) * _CENT).quantize(_CENT)


def _line(row: Any) -> StatementLine:
    receipt = receipt_label(row.receipt_year, row.receipt_number) if row.receipt_year else None
    return StatementLine(
        session_id=row.session_id,
        started_at=as_utc(row.started_at),
        stopped_at=utc_or_none(row.stopped_at),
        billed_at=as_utc(row.billed_at),
        id_tag=row.id_tag,
        charger_id=row.charger_id,
        connector_id=row.connector_id,
        energy_kwh=(Decimal(repr(float(row.energy_wh))) / 1000).quantize(Decimal("0.001")),
        currency=row.currency,
        net=_cents(row.net_cents),
        tax=_cents(row.tax_cents),
        gross=_cents(row.gross_cents),
        receipt=receipt,
    )


def _bill_rows(connection: Connection, start: datetime, end: datetime, condition: Any) -> list[Any]:
    # The newest receipt of the session that is not void: a corrected bill shows its
    # replacement's number.
    latest = (
        select(receipts.c.session_id, func.max(receipts.c.id).label("receipt_id"))
        .where(receipts.c.status != ReceiptStatus.VOID.value)
        .group_by(receipts.c.session_id)
        .subquery()
    )
    query = (
        select(
            bills.c.session_id,
            bills.c.billed_at,
            bills.c.energy_wh,
            bills.c.id_tag,
            bills.c.currency,
            bills.c.net_cents,
            bills.c.tax_cents,
            bills.c.gross_cents,
            bills.c.person_id,
            people.c.name.label("person_name"),
            sessions.c.started_at,
            sessions.c.stopped_at,
            sessions.c.charger_id,
            sessions.c.connector_id,
            receipts.c.year.label("receipt_year"),
            receipts.c.number.label("receipt_number"),
        )
        .select_from(
            bills.join(sessions, sessions.c.id == bills.c.session_id)
            .outerjoin(people, people.c.id == bills.c.person_id)
            .outerjoin(latest, latest.c.session_id == bills.c.session_id)
            .outerjoin(receipts, receipts.c.id == latest.c.receipt_id)
        )
        .where(and_(sessions.c.stopped_at >= start, sessions.c.stopped_at < end, condition))
        .order_by(sessions.c.stopped_at, bills.c.session_id)
    )
    return list(connection.execute(query))


def billed_departments(
    connection: Connection, year: int, month: int, tz: tzinfo | None = None
) -> list[str]:
    """Every department (cost centre) with billed sessions in the local month, in name order.

    Read from the bills, as the statements are: a cost centre nobody belongs to any more
    (the person left or moved) still has its month. Spellings that differ only in case are
    one department (statements compare them so); the most recent bill's spelling is shown.
    """
    start, end = month_bounds(year, month, tz)
    query = (
        select(bills.c.department)
        .select_from(bills.join(sessions, sessions.c.id == bills.c.session_id))
        .where(
            sessions.c.stopped_at >= start,
            sessions.c.stopped_at < end,
            bills.c.department.is_not(None),
        )
        .order_by(sessions.c.stopped_at, bills.c.session_id)
    )
    names: dict[str, str] = {}
    for (department,) in connection.execute(query):
        name = str(department).strip()
        if name:
            names[name.casefold()] = name  # later bills win: the spelling in use now
    return sorted(names.values(), key=str.casefold)


def monthly_statement(
    connection: Connection,
    year: int,
    month: int,
    person_id: int | None = None,
    department: str | None = None,
    tz: tzinfo | None = None,
    issued_at: datetime | None = None,
) -> Statement:
    """The statement of one person (``person_id``) or one department for a local month.

    Give exactly one of ``person_id`` and ``department`` (compared case-insensitively).
    Raises StatementError for an unknown person or a bad month.
    """
    if (person_id is None) == (department is None):
        raise StatementError("give a person or a department")
    start, end = month_bounds(year, month, tz)
    issued = issued_at or utcnow()
    if person_id is not None:
        person = connection.execute(select(people).where(people.c.id == person_id)).first()
        if person is None:
            raise StatementError(f"no person with id {person_id}")
        rows = _bill_rows(connection, start, end, bills.c.person_id == person_id)
        section = StatementSection(person_id, person.name, tuple(_line(r) for r in rows))
        return Statement(
            year, month, "person", person.name, person.department, (section,), issued, tz
        )
    assert department is not None
    wanted = department.strip()
    rows = _bill_rows(connection, start, end, func.lower(bills.c.department) == wanted.casefold())
    grouped: dict[int | None, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.person_id, []).append(row)
    sections = [
        StatementSection(key, group[0].person_name or NO_PERSON, tuple(_line(row) for row in group))
        for key, group in grouped.items()
    ]
    sections.sort(key=lambda s: (s.person_id is None, s.name.casefold(), s.person_id or 0))
    return Statement(year, month, "department", wanted, wanted, tuple(sections), issued, tz)


STATEMENT_COLUMNS = (
    "person",
    "session",
    "started",
    "stopped",
    "card",
    "charger",
    "connector",
    "energy kWh",
    "currency",
    "net",
    "tax",
    "gross",
    "receipt",
)
TIME_COLUMNS = frozenset({"started", "stopped"})


def statement_table(statement: Statement, tz: tzinfo | None = None) -> list[list[str]]:
    """The statement's lines as text cells, header first.

    Times are in ``tz``, else the statement's own zone (the site's), and the start and
    stop columns name it: "started (Europe/Berlin)".
    """
    tz = tz if tz is not None else statement.tz
    header = [
        with_zone(column, tz) if column in TIME_COLUMNS else column for column in STATEMENT_COLUMNS
    ]
    table = [header]
    for section in statement.sections:
        for line in section.lines:
            table.append(
                [
                    section.name,
                    str(line.session_id),
                    to_local(line.started_at, tz).isoformat(timespec="minutes"),
                    to_local(line.stopped_at, tz).isoformat(timespec="minutes")
                    if line.stopped_at
                    else "",
                    line.id_tag,
                    line.charger_id,
                    str(line.connector_id),
                    format_kwh(line.energy_kwh),
                    line.currency,
                    f"{line.net:.2f}",
                    f"{line.tax:.2f}",
                    f"{line.gross:.2f}",
                    line.receipt or "",
                ]
            )
    for total in statement.totals:
        table.append(
            [
                "Total",
                *([""] * 6),
                format_kwh(statement.energy_kwh),
                total.currency,
                f"{total.net:.2f}",
                f"{total.tax:.2f}",
                f"{total.gross:.2f}",
                "",
            ]
        )
    return table


def write_statement_csv(statement: Statement, path: Path, tz: tzinfo | None = None) -> int:
    """Write a statement as CSV for spreadsheets (with total lines); returns the rows.

    Times in ``tz`` (UTC when a technician asks), else in the statement's zone."""
    table = statement_table(statement, tz)
    return write_rows(path, table[0], table[1:])
