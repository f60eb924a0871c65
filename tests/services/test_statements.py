"""Monthly statements against the hand-built site of report_fixture."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from report_fixture import BERLIN, _bill, _session, build_site, utc
from sqlalchemy import Connection

from console.services.statements import (
    CurrencyTotal,
    StatementError,
    billed_departments,
    monthly_statement,
    write_statement_csv,
)


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[Connection]:
    _url, engine = build_site(tmp_path)
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def test_person_statement_lists_the_bills_of_the_month(connection: Connection) -> None:
    january = monthly_statement(connection, 2026, 1, person_id=1, tz=BERLIN)
    assert (january.kind, january.subject, january.department) == (
        "person",
        "Jürgen Groß",
        "Radiology",
    )
    # Session 3 stopped 2026-01-31 23:30 UTC, 00:30 on 1 February in Berlin.
    assert [line.session_id for line in january.lines] == [1]
    line = january.lines[0]
    assert (line.id_tag, line.charger_id, line.connector_id) == ("STAFF1", "CP-A", 1)
    assert line.energy_kwh == Decimal("10.000")
    assert line.started_at == utc("2026-01-10 09:00")
    assert line.receipt is None
    assert january.totals == (
        CurrencyTotal("EUR", Decimal("2.94"), Decimal("0.56"), Decimal("3.50")),
    )
    february = monthly_statement(connection, 2026, 2, person_id=1, tz=BERLIN)
    assert [(line.session_id, line.receipt) for line in february.lines] == [(3, "2026-00001")]
    assert february.period == "2026-02"


def test_department_statement_groups_by_person(connection: Connection) -> None:
    statement = monthly_statement(connection, 2026, 2, department=" RADIOLOGY ", tz=BERLIN)
    assert statement.kind == "department"
    assert [section.name for section in statement.sections] == ["Anna Weiß", "Jürgen Groß"]
    anna, jurgen = statement.sections
    # Receipt 2026-00002 was voided and replaced by 2026-00003.
    assert [(line.session_id, line.receipt) for line in anna.lines] == [(8, "2026-00003")]
    assert [line.session_id for line in jurgen.lines] == [3]
    assert statement.totals == (
        CurrencyTotal("EUR", Decimal("2.76"), Decimal("0.53"), Decimal("3.29")),
    )
    assert statement.energy_kwh == Decimal("9.000")
    assert anna.totals[0].gross == Decimal("1.19")


def test_empty_and_bad_statements(connection: Connection) -> None:
    assert monthly_statement(connection, 2026, 5, department="Radiology", tz=BERLIN).lines == ()
    with pytest.raises(StatementError, match="no person"):
        monthly_statement(connection, 2026, 1, person_id=99)
    with pytest.raises(StatementError, match="month"):
        monthly_statement(connection, 2026, 13, person_id=1)
    with pytest.raises(StatementError):
        monthly_statement(connection, 2026, 1)


def test_statement_csv(connection: Connection, tmp_path: Path) -> None:
    statement = monthly_statement(connection, 2026, 2, department="Radiology", tz=BERLIN)
    path = tmp_path / "statement.csv"
    assert write_statement_csv(statement, path, BERLIN) == 3
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    lines = data.decode("utf-8-sig").splitlines()
    # The time columns name their zone (issue 11).
    assert lines[0].startswith(
        "person,session,started (Europe/Berlin),stopped (Europe/Berlin),card,charger"
    )
    assert lines[1] == (
        "Anna Weiß,8,2026-02-10T11:00+01:00,2026-02-10T12:00+01:00,STAFF2,CP-B,2,"
        "3.000,EUR,1.00,0.19,1.19,2026-00003"
    )
    assert lines[-1] == "Total,,,,,,,9.000,EUR,2.76,0.53,3.29,"


def test_departments_come_from_the_bills_of_the_month_not_from_todays_people(
    connection: Connection,
) -> None:
    # Jürgen Groß worked for Pharmacy CC-2300 when session 9 was billed; he is in
    # Radiology now and nobody belongs to the pharmacy's cost centre any more.
    _session(connection, 9, "CP-B", 2, "STAFF1", "2026-02-20 08:00", "2026-02-20 09:00", (0, 1000))
    pharmacy = {"group": "STAFF", "person": 1, "department": "Pharmacy CC-2300"}
    _bill(connection, 9, (84, 16, 100), "EUR", "2026-02-20 09:00", 1000, "STAFF1", **pharmacy)
    # Session 3 stopped 23:30 UTC on 31 January: 1 February in Berlin, so February's.
    # "Radiology" and "radiology" are one department; the later bill's spelling is shown.
    assert billed_departments(connection, 2026, 2, BERLIN) == ["Pharmacy CC-2300", "radiology"]
    assert billed_departments(connection, 2026, 1, BERLIN) == ["Radiology"]
    assert billed_departments(connection, 2026, 3, BERLIN) == []  # a visitor: no department
    statement = monthly_statement(connection, 2026, 2, department="Pharmacy CC-2300", tz=BERLIN)
    assert [line.session_id for line in statement.lines] == [9]
