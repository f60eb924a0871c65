"""CSV formula injection: every CSV writer escapes formula-looking cells in one place,
and a file ChargeDesk exported imports back unchanged."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from report_fixture import BERLIN, build_site
from sqlalchemy import Connection, update

from console.cli_reports import _emit
from console.core.enums import Approval
from console.core.model import Card, Person
from console.services.card_csv import export_cards_csv, plan_import
from console.services.card_history import card_history, person_history, write_history_csv
from console.services.csv_text import (
    CsvWriter,
    escape_cell,
    read_records,
    unescape_cell,
    write_rows,
)
from console.services.report_usage import ConnectorUtilisation, write_utilisation_csv
from console.services.reports import ReportRow, write_energy_report_csv
from console.services.statements import monthly_statement, write_statement_csv
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import people as people_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database
from console.storage.tables import PersonRow, table_of

EVIL = '=HYPERLINK("http://x","y")'
T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cells(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


def _no_formula(path: Path) -> list[str]:
    """Every cell, asserting none would start a formula in a spreadsheet."""
    cells = [cell for row in _cells(path) for cell in row]
    for cell in cells:
        if cell.startswith(FORMULA_STARTS):
            assert cell.lstrip("+-").replace(".", "", 1).isdigit(), cell
    return cells


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        (EVIL, "'" + EVIL),
        ("+49 30 1234567", "'+49 30 1234567"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (" =1+1", "' =1+1"),
        ("'=1", "''=1"),
        ("-5", "-5"),
        ("-12.50", "-12.50"),
        ("+1,5", "+1,5"),
        ("-1e3", "-1e3"),
        ("Ann Lee", "Ann Lee"),
        ("it's", "it's"),
        ("'quoted'", "'quoted'"),
        ("", ""),
    ],
)
def test_escape_cell_and_its_exact_inverse(value: str, escaped: str) -> None:
    assert escape_cell(value) == escaped
    assert unescape_cell(escape_cell(value)) == value


def test_write_rows_and_the_csv_writer_escape_every_cell(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    assert write_rows(path, [EVIL, "b"], [[EVIL, "-5"], ["@x", None]]) == 2  # type: ignore[list-item]
    assert _cells(path) == [["'" + EVIL, "b"], ["'" + EVIL, "-5"], ["'@x", ""]]
    with (tmp_path / "y.csv").open("w", newline="") as stream:
        CsvWriter(stream).writerows([[EVIL, 3]])
    assert _cells(tmp_path / "y.csv") == [["'" + EVIL, "3"]]
    # What ChargeDesk wrote reads back as it was.
    text = path.read_text(encoding="utf-8-sig")
    assert [record.fields for record in read_records(text)][1] == (EVIL, "-5")


@pytest.fixture
def connection(db_url: str) -> Iterator[Connection]:
    engine = open_database(db_url)
    with engine.begin() as conn:
        yield conn
    engine.dispose()


def test_cards_export_escapes_and_imports_back_unchanged(
    connection: Connection, tmp_path: Path
) -> None:
    owner = people_repo.save_person(
        connection, Person(None, EVIL, department="@ops", phone="+49 30 1234567"), T0
    )
    card_repo.save_card(connection, Card("C1", person_id=owner.id, note="-5 kWh left"), T0)
    card_repo.save_card(connection, Card("=SUM(A1)", note="-5"), T0)
    path = tmp_path / "cards.csv"
    assert export_cards_csv(connection, path) == 2
    cells = _no_formula(path)
    assert "'" + EVIL in cells and "'+49 30 1234567" in cells and "-5" in cells
    plan = plan_import(connection, path.read_bytes())
    assert plan.problems == [] and plan.warnings == []
    assert not plan.has_changes and plan.unchanged == 2


def _session_on(connection: Connection, charger_id: str, id_tag: str) -> None:
    session, _ = session_repo.start_session(
        connection,
        charger_id=charger_id,
        connector_id=1,
        id_tag=id_tag,
        meter_start=0,
        started_at=T0,
        received_at=T0,
        auth_status="Accepted",
        reservation_id=None,
        flags=(),
    )
    session_repo.stop_session(
        connection,
        transaction_id=session.id,
        meter_stop=1000,
        stopped_at=T0 + timedelta(minutes=5),
        received_at=T0,
        reason="-Other",
        id_tag=None,
        extra_flags=(),
    )


def test_card_and_person_history_csv_escape(connection: Connection, tmp_path: Path) -> None:
    charger_repo.add_charger(connection, EVIL, Approval.ACCEPTED, T0)
    owner = people_repo.save_person(connection, Person(None, "Ann"), T0)
    card_repo.save_card(connection, Card("+C1", person_id=owner.id), T0)
    _session_on(connection, EVIL, "+C1")
    for history, name in (
        (card_history(connection, "+C1"), "card.csv"),
        (person_history(connection, owner.id or 0), "person.csv"),
    ):
        assert history is not None
        path = tmp_path / name
        assert write_history_csv(history, path) == 1
        cells = _no_formula(path)
        assert "'" + EVIL in cells and "'+C1" in cells and "'-Other" in cells


def test_statement_energy_and_utilisation_csv_escape(tmp_path: Path) -> None:
    _url, engine = build_site(tmp_path)
    with engine.begin() as conn:
        conn.execute(
            update(table_of(PersonRow)).where(table_of(PersonRow).c.id == 2).values(name=EVIL)
        )
    with engine.connect() as conn:
        statement = monthly_statement(conn, 2026, 2, department="Radiology", tz=BERLIN)
    engine.dispose()
    path = tmp_path / "statement.csv"
    assert write_statement_csv(statement, path, BERLIN) == 3
    assert "'" + EVIL in _no_formula(path)

    report = [ReportRow(EVIL, 1, Decimal("-1.5"), {"EUR": Decimal("-2.00")}, 0)]
    path = tmp_path / "energy.csv"
    write_energy_report_csv(report, "charger", path)
    cells = _no_formula(path)
    assert "'" + EVIL in cells and "-2.00" in cells

    path = tmp_path / "utilisation.csv"
    write_utilisation_csv([ConnectorUtilisation(EVIL, 1, 0.5, 0.5, 1.0, 1.0)], path)
    assert "'" + EVIL in _no_formula(path)


def test_reports_on_the_terminal_escape(capsys: pytest.CaptureFixture[str]) -> None:
    _emit([["charger", "kWh"], [EVIL, "-5"]], "-", lambda _path: 0)
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["charger,kWh", f'"\'{EVIL.replace(chr(34), chr(34) * 2)}",-5']


def test_a_date_is_not_mangled() -> None:
    # Dates and times start with digits: never escaped, so spreadsheets still read them.
    assert escape_cell(date(2026, 1, 2).isoformat()) == "2026-01-02"
