"""Card CSV import and export: the formats spreadsheets write, problems with their lines,
owners matched or created, and export -> import changing nothing."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection

from console.core.cards import expiry_at_end_of
from console.core.enums import CardStatus
from console.core.events import CardsChanged, Event
from console.core.model import Card, Person
from console.services.card_csv import (
    COLUMNS,
    CsvProblem,
    ImportPlan,
    apply_import,
    export_cards_csv,
    plan_import,
)
from console.services.engine import CentralSystem
from console.services.queries import SiteQueries
from console.storage import cards as card_repo
from console.storage import people as people_repo
from console.storage.database import open_database
from tests.actors import ADMIN

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def connection(db_url: str) -> Iterator[Connection]:
    engine = open_database(db_url)
    with engine.begin() as conn:
        yield conn
    engine.dispose()


def _plan(connection: Connection, text: str, encoding: str = "utf-8") -> ImportPlan:
    return plan_import(connection, text.encode(encoding))


def _problems(plan: ImportPlan) -> list[str]:
    return [str(problem) for problem in plan.problems]


def _ann(connection: Connection) -> Person:
    return people_repo.save_person(
        connection, Person(None, "Ann Lee", department="Radiology", email="ann@x.org"), T0
    )


def test_a_new_card_gets_the_defaults_of_empty_cells(connection: Connection) -> None:
    plan = _plan(connection, "card,status,group,expires,max_sessions,note\n04AB12,,,,,\n")
    assert plan.problems == [] and plan.unchanged == 0
    assert [change.after for change in plan.added] == [Card("04AB12")]
    assert plan.added[0].line == 2 and plan.added[0].before is None


def test_values_are_read_with_their_meaning(connection: Connection) -> None:
    text = (
        "Card, Status , GROUP,Expires,Max Sessions,Note\n"
        " 04ab12 , Blocked, STAFF, 2027-06-30, 0, lost in the car park \n"
        "C2,retired,,30.06.2027,3,\n"
    )
    plan = _plan(connection, text)
    assert plan.problems == []
    first, second = (change.after for change in plan.added)
    assert first == Card(
        "04ab12",
        CardStatus.BLOCKED,
        expiry_at_end_of(date(2027, 6, 30)),
        "STAFF",
        0,
        note="lost in the car park",
    )
    assert second.expires_at == expiry_at_end_of(date(2027, 6, 30))
    assert (second.status, second.max_concurrent) == (CardStatus.RETIRED, 3)


def test_bad_values_are_problems_of_their_line(connection: Connection) -> None:
    text = (
        "card,status,group,expires,max_sessions\n"
        "A1,,,2027-06-30,1\n"
        "A2,lost,,,\n"
        "A3,,,31/02/2027,\n"
        "A4,,,2027-02-31,\n"
        "A5,,,,many\n"
        "A 6,,,,\n"
        "A7,,BAD GROUP,,\n"
        ",,STAFF,,\n"
    )
    plan = _plan(connection, text)
    assert _problems(plan) == [
        "line 3: status 'lost' is not one of active, blocked, retired",
        "line 4: expiry date '31/02/2027' is not a date (use YYYY-MM-DD)",
        "line 5: expiry date '2027-02-31' is not a date (use YYYY-MM-DD)",
        "line 6: max_sessions 'many' is not a whole number (0 means no limit, empty 1)",
        "line 7: card 'A 6': the card id may only hold printable ASCII without spaces",
        "line 8: group 'BAD GROUP': the card id may only hold printable ASCII without spaces",
        "line 9: the card id is empty",
    ]
    assert [change.id_tag for change in plan.added] == ["A1"]
    assert plan.skipped_rows == 7


def test_a_row_with_several_problems_lists_each_and_counts_once(connection: Connection) -> None:
    plan = _plan(connection, "card,status,expires\nA1,gone,tomorrow\n")
    assert _problems(plan) == [
        "line 2: status 'gone' is not one of active, blocked, retired",
        "line 2: expiry date 'tomorrow' is not a date (use YYYY-MM-DD)",
    ]
    assert plan.skipped_rows == 1


def test_a_duplicate_id_in_any_case_is_a_problem_of_the_later_line(
    connection: Connection,
) -> None:
    plan = _plan(connection, "card\n04AB12\nC2\n04ab12\nc2\n")
    assert _problems(plan) == [
        "line 4: card 04ab12 is already on line 2",
        "line 5: card c2 is already on line 3",
    ]
    assert [change.id_tag for change in plan.added] == ["04AB12", "C2"]


def test_utf8_with_bom_and_windows_line_endings(connection: Connection) -> None:
    data = codecs.BOM_UTF8 + "card,owner\r\nC1,Zoë Müller\r\n".encode()
    plan = plan_import(connection, data)
    assert plan.problems == [] and plan.new_people == ["Zoë Müller"]


def test_windows_1252_is_read_when_the_file_is_not_utf8(connection: Connection) -> None:
    department = "Kardiologie \u2013 Süd"  # the dash is byte 0x96, never valid UTF-8
    plan = _plan(connection, f"card;owner;department\nC1;Jürgen Groß;{department}\n", "cp1252")
    assert plan.problems == []
    assert plan.person_changes[0].after == Person(None, "Jürgen Groß", department)


def test_utf16_from_excel_unicode_text(connection: Connection) -> None:
    data = codecs.BOM_UTF16_LE + "card\towner\r\nC1\tÅsa\r\n".encode("utf-16-le")
    plan = plan_import(connection, data)
    assert plan.problems == [] and plan.new_people == ["Åsa"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_taken_from_the_header(connection: Connection, delimiter: str) -> None:
    header = delimiter.join(["card", "group", "note"])
    row = delimiter.join(["C1", "STAFF", '"a, b; c\td"'])
    plan = _plan(connection, f"{header}\n{row}\n")
    assert plan.problems == []
    assert plan.added[0].after == Card("C1", parent_id_tag="STAFF", note="a, b; c\td")


def test_empty_lines_are_skipped_but_counted(connection: Connection) -> None:
    text = "card,expires\n\nC1,\n  \n,\nC2,bad\n"
    plan = _plan(connection, text)
    assert [change.line for change in plan.added] == [3]
    assert _problems(plan) == ["line 6: expiry date 'bad' is not a date (use YYYY-MM-DD)"]


def test_quoted_fields_may_hold_delimiters_and_line_breaks(connection: Connection) -> None:
    text = (
        'card,note,expires\r\n"C1","first line\r\nsecond, line\r\n""quoted""",\r\n'
        "C2,,30-06-2027\r\n"
    )
    plan = _plan(connection, text)
    assert plan.added[0].after.note == 'first line\nsecond, line\n"quoted"'
    # C2 starts on line 5: the note of C1 spans lines 2 to 4.
    assert _problems(plan) == ["line 5: expiry date '30-06-2027' is not a date (use YYYY-MM-DD)"]


def test_an_unclosed_quote_stops_the_import_at_its_line(connection: Connection) -> None:
    plan = _plan(connection, 'card,note\nC1,fine\nC2,"never closed\nC3,x\n')
    assert _problems(plan) == ["line 3: a quoted field is not closed (a '\"' is missing)"]
    assert plan.added == [] and not plan.has_changes


def test_unknown_columns_are_one_warning(connection: Connection) -> None:
    plan = _plan(connection, "card,Colour,size,,\nC1,red,L,,\n")
    assert plan.problems == []
    assert plan.warnings == ["line 1: ignored unknown columns 'Colour', 'size'"]
    assert len(plan.added) == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id,owner\nC1,Ann\n", "line 1: no 'card' column"),
        ("04AB12,active\n", "line 1: no 'card' column"),
        ("card,group,Group\nC1,A,B\n", "line 1: the column 'Group' appears twice"),
        ("", "line 1: the file is empty"),
        ("\n\n", "line 1: the file is empty"),
    ],
)
def test_a_file_without_a_usable_header_imports_nothing(
    connection: Connection, text: str, problem: str
) -> None:
    plan = _plan(connection, text)
    assert len(plan.problems) == 1 and str(plan.problems[0]).startswith(problem)
    assert not plan.has_changes


def test_a_row_longer_than_the_header_is_a_problem(connection: Connection) -> None:
    plan = _plan(connection, "card,note\nC1,a,b\nC2,ok,\n")
    assert _problems(plan) == [
        "line 2: the row has 3 fields but the header names 2 "
        "(a value holding the delimiter needs quotes)"
    ]
    assert [change.id_tag for change in plan.added] == ["C2"]


def test_owners_are_matched_by_name_or_created(connection: Connection) -> None:
    ann = _ann(connection)
    text = (
        "card,owner,department,email,phone\n"
        "C1,ann lee,,,\n"
        "C2,  Bob   Stone ,IT,bob@x.org,\n"
        "C3,BOB STONE,,,555\n"
        "C4,,,,\n"
    )
    plan = _plan(connection, text)
    assert plan.problems == []
    assert plan.new_people == ["Bob Stone"]
    assert plan.person_changes[0].after == Person(None, "Bob Stone", "IT", "bob@x.org", "555")
    assert [(c.after.person_id, c.owner) for c in plan.added] == [
        (ann.id, "Ann Lee"),
        (None, "Bob Stone"),
        (None, "Bob Stone"),
        (None, None),
    ]
    result = apply_import(connection, plan, T0)
    assert (result.added, result.people_added) == (4, 1)
    bob = people_repo.find_person_by_name(connection, "bob stone")
    assert bob is not None and bob.phone == "555"
    assert [card.id_tag for card in card_repo.cards_of_person(connection, bob.id or 0)] == [
        "C2",
        "C3",
    ]


def test_an_existing_person_is_updated_and_the_plan_says_so(connection: Connection) -> None:
    ann = _ann(connection)
    plan = _plan(connection, "card,owner,department,email\nC1,Ann Lee,Cardiology,\n")
    assert plan.new_people == []
    [change] = plan.changed_people
    assert (change.before, change.fields, change.line) == (ann, ("department",), 2)
    apply_import(connection, plan, T0)
    # An empty email cell does not clear what is known.
    assert people_repo.get_person(connection, ann.id or 0) == Person(
        ann.id, "Ann Lee", "Cardiology", "ann@x.org"
    )


def test_a_person_change_and_a_problem_name_the_card_of_their_row(connection: Connection) -> None:
    ann = _ann(connection)
    card_repo.save_card(connection, Card("C1", person_id=ann.id), T0)
    text = "card,owner,department\nC9,,\nC1,Ann Lee,Cardiology\nC 2,Ann Lee,\n"
    plan = _plan(connection, text)
    [change] = plan.changed_people
    assert (change.line, change.card, change.fields) == (3, "C1", ("department",))
    assert plan.new_people == []
    [problem] = plan.problems
    assert (problem.line, problem.card) == (4, "C 2")


def test_contradicting_owner_details_are_a_problem_of_the_later_line(
    connection: Connection,
) -> None:
    plan = _plan(connection, "card,owner,department\nC1,Bob,IT\nC2,bob,Ops\nC3,Bob,IT\n")
    assert _problems(plan) == ["line 3: owner bob has department 'IT' on line 2 but 'Ops' here"]
    assert plan.person_changes[0].after.department == "IT"


def test_owner_details_need_an_owner(connection: Connection) -> None:
    plan = _plan(connection, "card,owner,email\nC1,,a@b.c\n")
    assert _problems(plan) == ["line 2: department, email or phone given without an owner"]


def test_changes_list_the_columns_that_change(connection: Connection) -> None:
    ann = _ann(connection)
    card_repo.save_card(connection, Card("C1", parent_id_tag="STAFF", person_id=ann.id), T0)
    card_repo.save_card(connection, Card("C2"), T0)
    text = "card,status,group,owner\nc1,blocked,STAFF,Ann Lee\nC2,,,\nC3,,,\n"
    plan = _plan(connection, text)
    [change] = plan.changed
    assert change.before is not None and change.before.id_tag == "C1"
    assert change.after.id_tag == "C1"  # the stored spelling is kept
    assert (change.fields, change.owner, change.owner_before) == (
        ("status",),
        "Ann Lee",
        "Ann Lee",
    )
    assert plan.unchanged == 1 and len(plan.added) == 1


def test_a_missing_column_keeps_what_is_stored(connection: Connection) -> None:
    ann = _ann(connection)
    stored = Card("C1", CardStatus.BLOCKED, T0, "STAFF", 2, ann.id, "note")
    card_repo.save_card(connection, stored, T0)
    plan = _plan(connection, "card\nC1\n")
    assert plan.unchanged == 1 and not plan.has_changes


def test_applying_skips_bad_rows_and_moves_the_version_once_per_change(
    connection: Connection,
) -> None:
    card_repo.save_card(connection, Card("C1"), T0)
    version = card_repo.local_list_version(connection)
    plan = _plan(connection, "card,status,expires\nC1,,\nC2,blocked,\nC3,,never\n")
    result = apply_import(connection, plan, T0)
    assert (result.added, result.changed, result.unchanged, result.skipped_rows) == (1, 0, 1, 1)
    assert result.id_tags == ("C2",)
    assert card_repo.local_list_version(connection) == version + 1
    assert card_repo.get_card(connection, "C3") is None


def test_export_then_import_changes_nothing(connection: Connection, tmp_path: Path) -> None:
    ann = _ann(connection)
    bob = people_repo.save_person(connection, Person(None, "Bob", phone="+41 1"), T0)
    twin = people_repo.save_person(connection, Person(None, "bob"), T0)  # same name, other person
    cards = [
        Card("04AB12", expires_at=expiry_at_end_of(date(2027, 6, 30)), person_id=ann.id),
        Card("C2", CardStatus.BLOCKED, parent_id_tag="STAFF", max_concurrent=0, person_id=bob.id),
        Card("C3", CardStatus.RETIRED, note='line one\nline "two", with comma; and semicolon'),
        Card("C4", expires_at=datetime(2027, 1, 1, 13, 37, tzinfo=UTC), person_id=twin.id),
        Card("=SUM(A1)", note="  "),
    ]
    for card in cards:
        card_repo.save_card(connection, card, T0)
    path = tmp_path / "cards.csv"
    assert export_cards_csv(connection, path) == 5
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)
    plan = plan_import(connection, data)
    assert plan.problems == [] and plan.warnings == []
    assert not plan.has_changes and plan.unchanged == 5


async def test_the_card_service_applies_a_plan_and_announces_it(
    engine: CentralSystem, tmp_path: Path
) -> None:
    events: list[Event] = []
    engine.bus.subscribe(events.append)
    path = tmp_path / "cards.csv"
    path.write_text("card,owner\nC1,Ann\nC2,Ann\nbad card,\n", encoding="utf-8")
    queries = SiteQueries(engine.config.database_url)
    try:
        plan = queries.plan_card_import(path)
        assert plan.problems == [CsvProblem(4, plan.problems[0].message, "bad card")]
        result = await engine.cards.import_cards(plan, actor=ADMIN)
        assert (result.added, result.people_added, result.skipped_rows) == (2, 1, 1)
        again = await engine.cards.import_cards(queries.plan_card_import(path), actor=ADMIN)
        assert (again.added, again.unchanged) == (0, 2)
        assert queries.export_cards(tmp_path / "out.csv") == 2
        assert {card.person_id for card in queries.cards()} == {queries.people()[0].id}
    finally:
        queries.close()
    changes = [event for event in events if isinstance(event, CardsChanged)]
    assert [(change.version, change.id_tags) for change in changes] == [(2, ("C1", "C2"))]
