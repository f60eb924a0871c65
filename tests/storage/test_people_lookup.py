"""Who stands behind card ids: owners, visitors, unknown cards, any spelling, big batches."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, event

from console.core.billing import Visitor
from console.core.model import Card, Holder, Person
from console.storage import cards as card_repo
from console.storage import people as people_repo
from console.storage import visitors as visitor_repo
from console.storage.database import open_database
from console.storage.people_lookup import BATCH, holders_of

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def connection(db_url: str) -> Iterator[Connection]:
    engine = open_database(db_url)
    with engine.begin() as conn:
        yield conn
    engine.dispose()


def _owner(conn: Connection, name: str, department: str | None, *id_tags: str) -> None:
    person = people_repo.save_person(conn, Person(None, name, department), T0)
    for id_tag in id_tags:
        card_repo.save_card(conn, Card(id_tag, person_id=person.id), T0)


def test_owners_and_visitors_are_found_in_any_spelling(connection: Connection) -> None:
    _owner(connection, "Anna Hoffmann", "Radiology", "04A1B2C3")
    card_repo.save_card(connection, Card("NOBODY-1"), T0)  # a card without an owner
    visitor_repo.add_visitor(
        connection, Visitor(None, "VFMMWKYR6E", "CP1", 1, T0, "Jana Novak", "B-XY 1234")
    )
    visitor_repo.add_visitor(connection, Visitor(None, "VQQQQQQQQ1", "CP1", 1, T0))

    found = holders_of(
        connection, ["04a1b2c3", "NOBODY-1", "vfmmwkyr6e", "VQQQQQQQQ1", "UNKNOWN", ""]
    )

    assert found == {
        "04a1b2c3": Holder("04A1B2C3", "Anna Hoffmann", False, "Radiology"),
        "vfmmwkyr6e": Holder("VFMMWKYR6E", "Jana Novak", True, "B-XY 1234"),
        "vqqqqqqqq1": Holder("VQQQQQQQQ1", None, True, None),
    }
    assert found["04a1b2c3"].known and found["vfmmwkyr6e"].known
    assert not found["vqqqqqqqq1"].known  # a visitor who gave nothing: still a visitor


def test_the_visitors_loan_cards_say_so(connection: Connection) -> None:
    card_repo.save_card(connection, Card("VISITOR-02", parent_id_tag="visitor"), T0)
    card_repo.save_card(connection, Card("STAFF-9", parent_id_tag="STAFF"), T0)
    # A one-time token is a card of the same group: the visitor's own record wins.
    card_repo.save_card(connection, Card("VFMMWKYR6E", parent_id_tag="VISITOR"), T0)
    visitor_repo.add_visitor(connection, Visitor(None, "VFMMWKYR6E", "CP1", 1, T0, "Jana"))

    found = holders_of(connection, ["visitor-02", "STAFF-9", "VFMMWKYR6E"])

    assert found == {
        "visitor-02": Holder("VISITOR-02", None, True, loan_card=True),
        "vfmmwkyr6e": Holder("VFMMWKYR6E", "Jana", True),
    }


def test_a_retired_owner_is_marked(connection: Connection) -> None:
    person = people_repo.save_person(connection, Person(None, "Olaf Berg", None), T0)
    card_repo.save_card(connection, Card("CARD-OB", person_id=person.id), T0)
    people_repo.save_person(connection, Person(person.id, "Olaf Berg", None, retired=True), T0)

    assert holders_of(connection, ["card-ob"])["card-ob"].retired


def test_many_ids_are_read_in_few_batches(connection: Connection) -> None:
    tags = [f"C{n:05d}" for n in range(BATCH * 2 + 10)]
    for n in range(0, len(tags), 7):
        _owner(connection, f"Person {n}", None, tags[n])
    statements: list[str] = []
    event.listen(connection, "before_cursor_execute", lambda *args: statements.append(args[2]))

    found = holders_of(connection, tags + [t.lower() for t in tags])  # repeats count once

    assert len(found) == len(range(0, len(tags), 7))
    assert found["c00007"].name == "Person 7"
    # The visitors' group once, then three queries (owners, loan cards, visitors) per
    # batch of ids: three batches, not one query per id.
    assert len(statements) == 1 + 3 * 3
