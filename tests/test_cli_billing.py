"""The billing command line: tariffs, session costs, receipts, reports and statements."""

from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from console.cli import main
from console.core.billing import SiteDetails
from console.core.enums import Approval
from console.core.model import Card, Person
from console.services.billing_plan import bill_of
from console.storage import audit
from console.storage import bills as bill_repo
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import people as people_repo
from console.storage import receipts as receipt_repo
from console.storage import sessions as session_repo
from console.storage import tariffs as tariff_repo
from console.storage.database import open_database

START = datetime(2026, 1, 13, 9, 0, tzinfo=UTC)  # a Tuesday, 10:00 in Berlin: off-peak
STOP = datetime(2026, 1, 13, 10, 0, tzinfo=UTC)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A site in Berlin with the Staff tariff (added through the CLI) and one session."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = open_database(url)
    with engine.begin() as connection:
        tariff_repo.set_site_timezone(connection, "Europe/Berlin")
        tariff_repo.save_site_details(
            connection, SiteDetails("Klinikum Süd", "Hauptstraße 1", "DE123")
        )
        charger_repo.add_charger(connection, "CP-1", Approval.ACCEPTED, START)
        person = people_repo.save_person(
            connection, Person(None, "Jürgen Groß", department="Radiology"), START
        )
        card_repo.save_card(
            connection, Card("STAFF1", parent_id_tag="STAFF", person_id=person.id), START
        )
        session, _new = session_repo.start_session(
            connection,
            charger_id="CP-1",
            connector_id=1,
            id_tag="STAFF1",
            meter_start=1000,
            started_at=START,
            received_at=START,
            auth_status="Accepted",
            reservation_id=None,
            flags=(),
        )
        session_repo.stop_session(
            connection,
            transaction_id=session.id,
            meter_stop=11000,
            stopped_at=STOP,
            received_at=STOP,
            reason="Local",
            id_tag=None,
            extra_flags=(),
        )
    engine.dispose()
    code, out, err = run(
        capsys,
        "tariffs", "add", "Staff", "--currency", "EUR", "--energy-price", "0.30",
        "--session-fee", "0.50", "--tax-rate", "0.19",
        "--window", "Mon-Fri 16:00-20:00 energy=0.59 name=Peak",
        "--group", "STAFF", "--default", "--db", url,
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    assert "tariff 1 'Staff' added" in out
    return url


def _bill_and_issue(url: str) -> None:
    engine = open_database(url)
    with engine.begin() as connection:
        session = session_repo.get_session(connection, 1)
        assert session is not None
        bill = bill_of(connection, session, STOP)
        assert bill is not None
        bill_repo.add_bill(connection, bill)
        receipt_repo.issue_receipt(connection, 1, STOP)
    engine.dispose()


def test_tariffs_list(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "tariffs", "list", "--json", "--db", db)
    assert code == 0
    tariff = json.loads(out.splitlines()[0])
    assert (tariff["name"], tariff["currency"], tariff["timezone"]) == (
        "Staff",
        "EUR",
        "Europe/Berlin",
    )
    assert tariff["energy_price"] == "0.30"
    assert len(tariff["windows"]) == 1
    assert any("STAFF" in use for use in tariff["uses"])
    code, out, _err = run(capsys, "tariffs", "list", "--db", db)
    assert "Staff" in out and "Mon-Fri 16:00-20:00 energy=0.59 (Peak)" in out


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--energy-price", "abc"], "energy price 'abc' is not a number"),
        (["--window", "Mon-Fri 16-20 energy=1"], "not a time of day"),
        (["--window", "Xyz 16:00-20:00 energy=1"], "not a weekday"),
        (["--currency", "euro"], "currency"),
        (["--tax-rate", "19"], "tax rate"),
    ],
)
def test_tariffs_add_refuses_mistakes(
    db: str, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    code, out, err = run(capsys, "tariffs", "add", "Other", *options, "--db", db)
    assert code == 1 and out == ""
    assert err.startswith("chargedesk: ") and message in err
    assert "Traceback" not in err and len(err.splitlines()) == 1


def test_a_tariff_name_is_taken_once(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "tariffs", "add", "staff", "--db", db)
    assert code == 1 and "already a tariff" in err


def test_tariffs_add_is_one_audited_change_or_none(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The console's Save and ``tariffs add`` are one operation: one audit entry naming
    where the tariff applies; a group that cannot be stored leaves no tariff behind."""
    code, _out, err = run(
        capsys, "tariffs", "add", "Guests", "--group", "G" * 21, "--visitor", "--db", db
    )
    assert code == 1 and "1 to 20 characters" in err and len(err.splitlines()) == 1
    code, out, err = run(capsys, "tariffs", "add", "Guests", "--visitor", "--db", db)
    assert (code, err) == (0, "") and "tariff 2 'Guests' added (the visitor tariff)" in out
    engine = open_database(db)
    with engine.connect() as connection:
        names = [item.tariff.name for item in tariff_repo.list_tariffs(connection)]
        entries = audit.entries(connection, limit=None, newest_first=False)
    engine.dispose()
    assert names == ["Guests", "Staff"]
    assert [(e.action, e.target) for e in entries] == [("tariff.add", "1"), ("tariff.add", "2")]
    assert entries[0].after["uses"] == ["the site default", "group STAFF"]
    assert entries[1].before is None and entries[1].after["uses"] == ["the visitor tariff"]


def test_session_cost_before_and_after_billing(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "sessions", "cost", "1", "--json", "--db", db)
    assert code == 0
    cost = json.loads(out)
    assert (cost["billed"], cost["state"]) == (False, "not billed")
    assert [(line["label"], line["amount"]) for line in cost["lines"]] == [
        ("Energy", "3.00"),
        ("Session fee", "0.50"),
    ]
    assert (cost["net_total"], cost["tax"], cost["gross_total"]) == ("2.94", "0.56", "3.50")
    _bill_and_issue(db)
    code, out, _err = run(capsys, "sessions", "cost", "1", "--db", db)
    assert code == 0
    assert "session 1 (billed), tariff Staff" in out
    assert "Energy" in out and "10" in out and "EUR 0.30" in out
    assert out.splitlines()[-1].split()[-2:] == ["EUR", "3.50"]
    code, _out, err = run(capsys, "sessions", "cost", "99", "--db", db)
    assert code == 1 and err == "chargedesk: no session 99\n"


def test_receipts_list_and_pdf(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _bill_and_issue(db)
    code, out, _err = run(capsys, "receipts", "list", "--json", "--unpaid", "--db", db)
    assert code == 0
    receipt = json.loads(out)
    assert (receipt["number"], receipt["total"], receipt["status"]) == (
        "2026-00001",
        "3.50",
        "unpaid",
    )
    assert receipt["customer"].startswith("Jürgen Groß")
    code, out, _err = run(capsys, "receipts", "list", "--year", "2025", "--db", db)
    assert code == 0 and "2026-00001" not in out
    pdf = tmp_path / "receipt.pdf"
    code, out, _err = run(capsys, "receipts", "pdf", "2026-00001", str(pdf), "--db", db)
    assert code == 0 and "written" in out
    document = pdfium.PdfDocument(str(pdf))
    text = document[0].get_textpage().get_text_range().replace("\r\n", " ").replace("\n", " ")
    document.close()
    assert "Receipt 2026-00001" in text and "Total EUR 3.50" in text
    assert "2026-01-13 10:00" in text  # the start in Berlin time
    code, _out, err = run(capsys, "receipts", "pdf", "2026-00099", str(pdf), "--db", db)
    assert code == 1 and err == "chargedesk: no receipt 2026-00099\n"


def test_reports(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _bill_and_issue(db)
    span = ["--from", "2026-01-01", "--to", "2026-02-01", "--db", db]
    code, out, _err = run(capsys, "report", "energy", *span, "--by", "month", "--csv", "-")
    assert code == 0
    assert out.splitlines() == [
        "month (Europe/Berlin),sessions,unbilled sessions,energy kWh,revenue EUR",
        "2026-01,1,0,10.000,3.50",
        "Total,1,0,10.000,3.50",
    ]
    path = tmp_path / "days.csv"
    code, out, _err = run(capsys, "report", "energy", *span, "--csv", str(path))
    assert code == 0 and out == "32 rows written to " + str(path) + "\n"
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    code, out, _err = run(capsys, "report", "heatmap", *span)
    tuesday = next(line for line in out.splitlines() if line.startswith("Tue"))
    assert tuesday.split()[11] == "10.000"  # 10:00-11:00 Berlin time
    # As in the Reports tab: how the heat map's total meets the energy report's.
    assert out.splitlines()[-1].startswith("total 10.000 kWh; the energy report")
    assert out.splitlines()[-1].endswith(": 10.000 kWh (the same)")
    code, out, _err = run(capsys, "report", "utilisation", *span)
    assert code == 0 and out.startswith("charger")
    code, _out, err = run(capsys, "report", "energy", "--from", "2026-13-01", "--to",
                          "2026-02-01", "--db", db)  # fmt: skip
    assert code == 1 and "is not a date" in err
    code, _out, err = run(capsys, "report", "heatmap", "--from", "2026-02-01", "--to",
                          "2026-01-01", "--db", db)  # fmt: skip
    assert code == 1 and "--to must be after --from" in err


def test_statements(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _bill_and_issue(db)
    pdf, csv_file = tmp_path / "statement.pdf", tmp_path / "statement.csv"
    code, out, err = run(
        capsys, "statements", "person", "jürgen groß", "--month", "2026-01",
        "--pdf", str(pdf), "--csv", str(csv_file), "--db", db,
    )  # fmt: skip
    assert code == 0, err
    lines = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[-1] == "Total,,,,,,,10.000,EUR,2.94,0.56,3.50,"
    assert "2026-00001" in lines[1]
    document = pdfium.PdfDocument(str(pdf))
    text = document[0].get_textpage().get_text_range()
    document.close()
    assert "Klinikum Süd" in text and "Jürgen Groß" in text and "EUR 3.50" in text
    code, out, _err = run(
        capsys, "statements", "department", "Radiology", "--month", "2026-01", "--db", db
    )
    assert code == 0 and "Jürgen Groß" in out and "3.50" in out
    code, _out, err = run(capsys, "statements", "person", "Nobody", "--month", "2026-01",
                          "--db", db)  # fmt: skip
    assert code == 1 and "no person" in err
    code, _out, err = run(capsys, "statements", "person", "1", "--month", "2026-1x",
                          "--db", db)  # fmt: skip
    assert code == 1 and "is not a month" in err


def test_times_are_the_sites_and_named_or_utc_when_asked(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The session started 09:00 UTC: 10:00 in Berlin (issue 11: CSV and listings in the
    # site's zone, with the zone named, unless --utc).
    code, out, err = run(capsys, "sessions", "list", "--db", db)
    assert code == 0, err
    assert "STARTED (Europe/Berlin)" in out and "2026-01-13 10:00:00" in out
    code, out, err = run(capsys, "sessions", "list", "--utc", "--db", db)
    assert code == 0, err
    assert "STARTED (UTC)" in out and "2026-01-13 09:00:00" in out
    _bill_and_issue(db)
    site, utc = tmp_path / "site.csv", tmp_path / "utc.csv"
    for target, extra in ((site, ()), (utc, ("--utc",))):
        code, _out, err = run(
            capsys, "statements", "person", "jürgen groß", "--month", "2026-01",
            "--csv", str(target), "--db", db, *extra,
        )  # fmt: skip
        assert code == 0, err
    site_rows = site.read_text(encoding="utf-8-sig").splitlines()
    utc_rows = utc.read_text(encoding="utf-8-sig").splitlines()
    assert "started (Europe/Berlin),stopped (Europe/Berlin)" in site_rows[0]
    assert "2026-01-13T10:00+01:00" in site_rows[1]
    assert "started (UTC),stopped (UTC)" in utc_rows[0]
    assert "2026-01-13T09:00+00:00" in utc_rows[1]
