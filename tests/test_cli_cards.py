"""``chargedesk cards``: each action on a real SQLite file, and a person's mistakes as exit 1."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from console.cli import main
from console.core.cards import expiry_at_end_of
from console.core.enums import Approval, CardStatus
from console.core.model import Card, Person
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import people as people_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
Capture = pytest.CaptureFixture[str]


def _cards(db_url: str) -> dict[str, Card]:
    engine = open_database(db_url)
    with engine.connect() as conn:
        cards = {card.id_tag: card for card in card_repo.list_cards(conn)}
    engine.dispose()
    return cards


def _people(db_url: str) -> list[Person]:
    engine = open_database(db_url)
    with engine.connect() as conn:
        people = people_repo.list_people(conn)
    engine.dispose()
    return people


def _run(capsys: Capture, db_url: str, *args: str) -> tuple[int, str, str]:
    code = main(["cards", *args, "--db", db_url])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_add_registers_a_card_with_a_new_owner(db_url: str, capsys: Capture) -> None:
    code, out, _ = _run(
        capsys,
        db_url,
        "add",
        "04ab12",
        "--group",
        "STAFF",
        "--expires",
        "2027-06-30",
        "--owner",
        "Ann Lee",
        "--department",
        "Radiology",
        "--email",
        "ann@x.org",
        "--phone",
        "555",
        "--max-sessions",
        "2",
        "--note",
        "desk 3",
    )
    assert (code, out) == (0, "card 04ab12 registered\n")
    [ann] = _people(db_url)
    assert (ann.name, ann.department, ann.email, ann.phone) == (
        "Ann Lee",
        "Radiology",
        "ann@x.org",
        "555",
    )
    assert _cards(db_url)["04ab12"] == Card(
        "04ab12",
        CardStatus.ACTIVE,
        expiry_at_end_of(date(2027, 6, 30)),
        "STAFF",
        2,
        ann.id,
        "desk 3",
    )


def test_adding_an_existing_card_changes_only_what_is_given(db_url: str, capsys: Capture) -> None:
    _run(capsys, db_url, "add", "C1", "--group", "STAFF", "--expires", "2027-06-30")
    _run(capsys, db_url, "add", "C1", "--owner", "Bob")
    code, out, _ = _run(capsys, db_url, "add", "c1", "--note", "spare", "--department", "IT")
    assert (code, out) == (0, "card C1 updated\n")
    card = _cards(db_url)["C1"]
    [bob] = _people(db_url)
    assert (card.parent_id_tag, card.note, card.person_id, bob.department) == (
        "STAFF",
        "spare",
        bob.id,
        "IT",
    )
    assert card.expires_at is not None
    _run(capsys, db_url, "add", "C1", "--expires", "never", "--group", "", "--owner", "")
    card = _cards(db_url)["C1"]
    assert (card.expires_at, card.parent_id_tag, card.person_id) == (None, None, None)
    _run(capsys, db_url, "add", "C2", "--owner", "bob")
    assert len(_people(db_url)) == 1  # the name in any case is the same person


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "04 AB"], "card '04 AB': the card id may only hold printable ASCII"),
        (["add", "A" * 21], "OCPP allows at most 20"),
        (["add", "C1", "--group", "TWO WORDS"], "group: the card id may only hold"),
        (["add", "C1", "--expires", "2027-02-30"], "expiry date '2027-02-30' is not a date"),
        (["add", "C1", "--expires", "30/06/2027"], "(use YYYY-MM-DD)"),
        (["add", "C1", "--max-sessions", "-1"], "--max-sessions '-1' is not a whole number"),
        (["add", "C1", "--department", "IT"], "card C1 has no owner: give --owner too"),
        (["block", "NOPE"], "no card NOPE"),
        (["unblock", "NOPE"], "no card NOPE"),
        (["retire", "NOPE"], "no card NOPE"),
        (["history", "NOPE"], "no card NOPE"),
        (["import", "missing.csv"], "missing.csv: No such file or directory"),
    ],
)
def test_a_mistake_is_one_line_on_stderr_and_exit_1(
    db_url: str, capsys: Capture, args: list[str], message: str
) -> None:
    code, out, err = _run(capsys, db_url, *args)
    assert code == 1 and out == ""
    assert err.startswith("chargedesk: ") and message in err and err.count("\n") == 1
    assert _cards(db_url) == {}


def test_block_unblock_retire_and_list(db_url: str, capsys: Capture) -> None:
    for id_tag in ("C1", "C2", "C3"):
        _run(capsys, db_url, "add", id_tag)
    _run(capsys, db_url, "add", "C1", "--owner", "Ann Lee", "--note", "two\nlines")
    assert _run(capsys, db_url, "block", "c1")[:2] == (0, "card C1 blocked\n")
    assert _run(capsys, db_url, "retire", "C2")[:2] == (0, "card C2 retired\n")
    assert _run(capsys, db_url, "block", "C3")[0] == 0
    assert _run(capsys, db_url, "unblock", "C3")[:2] == (0, "card C3 active again\n")
    _, out, _ = _run(capsys, db_url, "list")
    lines = out.splitlines()
    assert lines[0].split() == [
        "CARD",
        "STATUS",
        "GROUP",
        "EXPIRES",
        "AT",
        "ONCE",
        "OWNER",
        "DEPARTMENT",
        "NOTE",
    ]
    assert [line.split()[:2] for line in lines[1:]] == [["C1", "blocked"], ["C3", "active"]]
    assert "Ann Lee" in lines[1] and "two / lines" in lines[1]
    _, out, _ = _run(capsys, db_url, "list", "--all", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(row["card"], row["status"]) for row in rows] == [
        ("C1", "blocked"),
        ("C2", "retired"),
        ("C3", "active"),
    ]
    assert rows[0]["owner"] == "Ann Lee" and rows[0]["max_sessions"] == 1
    assert rows[0]["expires_at"] is None


def test_list_says_when_there_are_no_cards(db_url: str, capsys: Capture) -> None:
    _, out, _ = _run(capsys, db_url, "list")
    assert out.splitlines()[-1] == "no cards (retired ones are shown with --all)"


def _csv(tmp_path: Path, text: str) -> str:
    path = tmp_path / "cards.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_with_problems_writes_nothing_unless_told(
    db_url: str, capsys: Capture, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "card;owner;expires;colour\nC1;Ann;;red\nC2;;31/02/2027;\nc1;;;\n")
    code, out, err = _run(capsys, db_url, "import", path, "--dry-run")
    assert code == 2
    assert "1 to add, 0 to change, 0 unchanged, 1 new person" in out
    assert "2 rows with problems" in out
    assert "problem: line 3: expiry date '31/02/2027' is not a date (use YYYY-MM-DD)" in out
    assert "problem: line 4: card c1 is already on line 2" in out
    assert "warning: line 1: ignored unknown columns 'colour'" in out
    assert out.splitlines()[-1] == "dry run: nothing written" and err == ""
    code, out, err = _run(capsys, db_url, "import", path)
    assert code == 2 and "--skip-bad-rows" in err
    assert _cards(db_url) == {}
    code, out, _ = _run(capsys, db_url, "import", path, "--skip-bad-rows")
    assert code == 0
    assert out.splitlines()[-1] == (
        "written: 1 added, 0 changed, 1 person added, 0 people updated, 2 rows skipped"
    )
    assert list(_cards(db_url)) == ["C1"] and [p.name for p in _people(db_url)] == ["Ann"]


def test_import_shows_what_changes_and_export_round_trips(
    db_url: str, capsys: Capture, tmp_path: Path
) -> None:
    _run(capsys, db_url, "add", "C1", "--owner", "Ann", "--department", "IT")
    path = _csv(tmp_path, "card,status,owner,department\nC1,blocked,Ann,Ops\nC2,,,\n")
    code, out, _ = _run(capsys, db_url, "import", path, "--dry-run")
    assert code == 0
    assert "  add     C2 (line 3)" in out
    assert "  change  C1 (line 2): status active -> blocked" in out
    assert "  update person  Ann (line 2): department IT -> Ops" in out
    assert _run(capsys, db_url, "import", path)[0] == 0
    assert _cards(db_url)["C1"].status is CardStatus.BLOCKED
    export = tmp_path / "export.csv"
    assert _run(capsys, db_url, "export", str(export))[:2] == (0, f"wrote 2 cards to {export}\n")
    code, out, _ = _run(capsys, db_url, "import", str(export))
    assert code == 0
    assert "0 to add, 0 to change, 2 unchanged, 0 new people, 0 people updated" in out


def test_history_lists_sessions_and_writes_csv(
    db_url: str, capsys: Capture, tmp_path: Path
) -> None:
    _run(capsys, db_url, "add", "C1", "--owner", "Ann", "--group", "STAFF")
    engine = open_database(db_url)
    with engine.begin() as conn:
        charger_repo.add_charger(conn, "CP1", Approval.ACCEPTED, T0)
        for day, tag in ((0, "C1"), (1, "c1"), (2, "OTHER")):
            session, _ = session_repo.start_session(
                conn,
                charger_id="CP1",
                connector_id=1,
                id_tag=tag,
                meter_start=0,
                started_at=T0 + timedelta(days=day),
                received_at=T0,
                auth_status="Accepted",
                reservation_id=None,
                flags=(),
            )
            session_repo.stop_session(
                conn,
                transaction_id=session.id,
                meter_stop=2_500,
                stopped_at=T0 + timedelta(days=day, minutes=45),
                received_at=T0,
                reason="Local",
                id_tag=None,
                extra_flags=(),
            )
    engine.dispose()
    target = tmp_path / "history.csv"
    code, out, _ = _run(capsys, db_url, "history", "c1", "--csv", str(target))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "card C1: active, group STAFF, Ann"
    assert lines[1].startswith("2 sessions, 5.000 kWh, first ")
    assert lines[2].split()[:3] == ["SESSION", "CHARGER", "CONN"]
    assert [line.split()[0] for line in lines[3:5]] == ["2", "1"]
    assert lines[3].split()[-3:] == ["45", "2.500", "Local"]
    assert lines[-1] == f"wrote 2 sessions to {target}"
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 3
    code, out, _ = _run(capsys, db_url, "history", "OTHER")
    assert code == 0 and out.splitlines()[0] == "card OTHER is not registered"
