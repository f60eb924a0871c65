"""Repositories: idempotent sessions and samples, cards by any spelling, the message log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Connection, func, select

from console.core.enums import Approval, Direction, FrameKind, RefusalReason
from console.core.model import (
    Card,
    LoggedFrame,
    MeterValue,
    OrphanStop,
    RefusedConnection,
    SampledValue,
)
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import logs as log_repo
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


def _start(conn: Connection, meter_start: int = 1000, at: datetime = T0) -> tuple[int, bool]:
    session, new = session_repo.start_session(
        conn,
        charger_id="CP1",
        connector_id=1,
        id_tag="Card-1",
        meter_start=meter_start,
        started_at=at,
        received_at=at,
        auth_status="Accepted",
        reservation_id=None,
        flags=(),
    )
    return session.id, new


def test_repeated_start_returns_the_same_transaction_id(connection: Connection) -> None:
    first, new = _start(connection)
    again, new_again = _start(connection)
    other, _ = _start(connection, meter_start=2000, at=T0 + timedelta(hours=1))
    assert new and not new_again
    assert first == again
    assert other == first + 1


def test_repeated_stop_changes_nothing(connection: Connection) -> None:
    tx, _ = _start(connection)
    kwargs = dict(
        transaction_id=tx,
        meter_stop=5000,
        stopped_at=T0 + timedelta(hours=1),
        received_at=T0 + timedelta(hours=1),
        reason="Local",
        id_tag=None,
        extra_flags=(),
    )
    stopped, closed = session_repo.stop_session(connection, **kwargs)  # type: ignore[arg-type]
    assert closed and stopped.energy_wh == 4000
    kwargs["meter_stop"] = 9999
    again, closed_again = session_repo.stop_session(connection, **kwargs)  # type: ignore[arg-type]
    assert not closed_again and again.meter_stop == 5000


def test_repeated_samples_are_stored_once(connection: Connection) -> None:
    tx, _ = _start(connection)
    values = (
        MeterValue(T0, (SampledValue(1500.0), SampledValue(7000.0, "Power.Active.Import", "W"))),
    )
    rows = session_repo.sample_rows("CP1", 1, tx, values, T0)
    session_repo.add_samples(connection, rows)
    session_repo.add_samples(connection, session_repo.sample_rows("CP1", 1, tx, values, T0))
    assert len(session_repo.samples_of_session(connection, tx)) == 2


def test_orphan_stop_is_kept_once(connection: Connection) -> None:
    orphan = OrphanStop("CP1", -1, 500, T0, "X", "Local", T0)
    session_repo.add_orphan_stop(connection, orphan, ())
    session_repo.add_orphan_stop(connection, orphan, ())
    assert session_repo.list_orphan_stops(connection) == [orphan]


def test_cards_are_found_in_any_spelling(connection: Connection) -> None:
    card_repo.save_card(connection, Card("04AbCd", parent_id_tag="STAFF"), T0)
    assert card_repo.get_card(connection, "04ABCD") == Card("04AbCd", parent_id_tag="STAFF")
    card_repo.save_card(connection, Card("04abcd", max_concurrent=2), T0)
    assert len(card_repo.list_cards(connection)) == 1


def test_message_log_prunes_oldest_rows(connection: Connection) -> None:
    rows = [
        log_repo.frame_row(
            LoggedFrame(T0, "CP1", Direction.IN, FrameKind.CALL, str(i), "Heartbeat", "[]")
        )
        for i in range(50)
    ]
    connection.execute(log_repo.message_log.insert(), rows)
    assert log_repo.prune_message_log(connection, keep_rows=20) == 30
    count = connection.execute(select(func.count()).select_from(log_repo.message_log)).scalar()
    assert count == 20
    assert log_repo.recent_frames(connection, "CP1", limit=1)[0].message_id == "49"


def test_refusals_round_trip(connection: Connection) -> None:
    refusal = RefusedConnection(
        T0, "CP9", RefusalReason.WRONG_PASSWORD, "10.0.0.5", "/ocpp/CP9", 401
    )
    log_repo.add_refusal(connection, refusal, "cp9")
    assert log_repo.list_refusals(connection) == [refusal]
