"""Charging history of a card and of a person: sessions newest first, totals, CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Connection

from console.core.billing import SessionBill
from console.core.enums import Approval
from console.core.model import Card, Person, Session
from console.core.money import CostBreakdown
from console.services.card_history import (
    HISTORY_COLUMNS,
    card_history,
    person_history,
    write_history_csv,
)
from console.services.formatting import with_zone
from console.services.queries import SiteQueries
from console.storage import bills as bill_repo
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import people as people_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def connection(db_url: str) -> Iterator[Connection]:
    engine = open_database(db_url)
    with engine.begin() as conn:
        charger_repo.add_charger(conn, "CP1", Approval.ACCEPTED, T0)
        yield conn
    engine.dispose()


def _session(
    conn: Connection,
    id_tag: str,
    start: datetime,
    minutes: int | None,
    wh: int = 0,
    flags: tuple[str, ...] = (),
) -> Session:
    session, _ = session_repo.start_session(
        conn,
        charger_id="CP1",
        connector_id=2,
        id_tag=id_tag,
        meter_start=1000,
        started_at=start,
        received_at=start,
        auth_status="Accepted",
        reservation_id=None,
        flags=flags,
    )
    if minutes is None:
        return session
    stopped, _ = session_repo.stop_session(
        conn,
        transaction_id=session.id,
        meter_stop=1000 + wh,
        stopped_at=start + timedelta(minutes=minutes),
        received_at=start,
        reason="EVDisconnected",
        id_tag=None,
        extra_flags=(),
    )
    return stopped


def test_a_card_history_is_newest_first_with_totals(connection: Connection) -> None:
    card_repo.save_card(connection, Card("04AB12"), T0)
    _session(connection, "04ab12", T0, 60, 7_500)
    _session(connection, "OTHER", T0 + timedelta(hours=1), 30, 1_000)
    _session(connection, "04AB12", T0 + timedelta(days=2), 90, 12_250)
    running = _session(connection, "04Ab12", T0 + timedelta(days=3), None)
    history = card_history(connection, "04ab12")
    assert history.card == Card("04AB12") and history.person is None
    assert [s.started_at for s in history.sessions] == [
        T0 + timedelta(days=3),
        T0 + timedelta(days=2),
        T0,
    ]
    assert history.sessions[0] == running
    assert history.session_count == 3
    assert history.energy_wh == 19_750 and history.energy_kwh == pytest.approx(19.75)
    assert (history.first_use, history.last_use) == (T0, T0 + timedelta(days=3))
    assert history.costs == {}


def test_a_card_without_sessions_or_registration(connection: Connection) -> None:
    card_repo.save_card(connection, Card("NEW"), T0)
    empty = card_history(connection, "new")
    assert (empty.session_count, empty.energy_kwh, empty.first_use, empty.last_use) == (
        0,
        0,
        None,
        None,
    )
    _session(connection, "STRANGER", T0, 5, 100)
    stranger = card_history(connection, "stranger")
    assert stranger.card is None and stranger.cards == () and stranger.session_count == 1


def test_a_person_history_covers_all_their_cards(connection: Connection) -> None:
    ann = people_repo.save_person(connection, Person(None, "Ann"), T0)
    bob = people_repo.save_person(connection, Person(None, "Bob"), T0)
    assert ann.id is not None and bob.id is not None
    card_repo.save_card(connection, Card("A1", person_id=ann.id), T0)
    card_repo.save_card(connection, Card("A2", person_id=ann.id), T0)
    card_repo.save_card(connection, Card("B1", person_id=bob.id), T0)
    _session(connection, "A1", T0, 10, 1_000)
    _session(connection, "B1", T0 + timedelta(hours=1), 10, 5_000)
    _session(connection, "a2", T0 + timedelta(hours=2), 10, 2_000)
    history = person_history(connection, ann.id)
    assert history is not None and history.person == ann
    assert [card.id_tag for card in history.cards] == ["A1", "A2"]
    assert [s.id_tag for s in history.sessions] == ["a2", "A1"]
    assert history.energy_wh == 3_000
    carol = people_repo.save_person(connection, Person(None, "Carol"), T0)
    assert carol.id is not None
    nobody = person_history(connection, carol.id)
    assert nobody is not None and nobody.sessions == () and nobody.cards == ()
    assert person_history(connection, 999) is None


def test_the_history_csv_has_one_row_per_session(connection: Connection, tmp_path: Path) -> None:
    _session(connection, "C1", T0, 95, 12_345, flags=("suspect_timestamp", "invalid_card"))
    _session(connection, "C1", T0 + timedelta(days=1), None)
    path = tmp_path / "history.csv"
    assert write_history_csv(card_history(connection, "C1"), path) == 2
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    # The time columns name the zone of their times (issue 11).
    assert rows[0] == [
        with_zone(name) if name in ("start", "stop") else name for name in HISTORY_COLUMNS
    ]
    running, done = rows[1], rows[2]
    assert running[5:8] == ["", "", ""]
    assert done[1:4] == ["C1", "CP1", "2"]
    assert datetime.fromisoformat(done[4]) == T0
    assert datetime.fromisoformat(done[4]).utcoffset() == T0.astimezone().utcoffset()
    assert datetime.fromisoformat(done[5]) == T0 + timedelta(minutes=95)
    assert done[6:10] == ["95.0", "12.345", "EVDisconnected", "suspect_timestamp invalid_card"]
    assert done[10:] == ["", ""]  # not billed


def test_billed_sessions_bring_their_cost(connection: Connection, tmp_path: Path) -> None:
    first = _session(connection, "C1", T0, 60, 10_000)
    second = _session(connection, "C1", T0 + timedelta(days=1), 30, 5_000)
    for session, gross in ((first, "11.90"), (second, "5.95")):
        total = Decimal(gross)
        tax = (total * Decimal("0.19") / Decimal("1.19")).quantize(Decimal("0.01"))
        breakdown = CostBreakdown(
            "Staff", "EUR", Decimal("0.19"), True, (), total - tax, tax, total
        )
        bill = SessionBill(session.id, None, breakdown, 0.0, "C1", None, None, None, None, T0)
        bill_repo.add_bill(connection, bill)
    history = card_history(connection, "C1")
    assert history.costs == {"EUR": Decimal("17.85")}
    path = tmp_path / "history.csv"
    write_history_csv(history, path)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert [row[10:] for row in rows[1:]] == [["5.95", "EUR"], ["11.90", "EUR"]]


def test_the_console_reads_histories_through_site_queries(db_url: str) -> None:
    engine = open_database(db_url)
    with engine.begin() as conn:
        charger_repo.add_charger(conn, "CP1", Approval.ACCEPTED, T0)
        ann = people_repo.save_person(conn, Person(None, "Ann"), T0)
        card_repo.save_card(conn, Card("A1", person_id=ann.id), T0)
        _session(conn, "A1", T0, 10, 4_000)
    engine.dispose()
    queries = SiteQueries(db_url)
    try:
        assert queries.card_history("a1").energy_kwh == pytest.approx(4.0)
        assert ann.id is not None
        history = queries.person_history(ann.id)
        assert history is not None and history.session_count == 1
        assert queries.person_history(ann.id + 1) is None
    finally:
        queries.close()
