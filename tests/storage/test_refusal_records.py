"""Refused connections: repeats counted in one record, texts cut, the table bounded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Connection, func, select

from console.core.enums import RefusalReason
from console.core.model import RefusedConnection
from console.storage import logs as log_repo
from console.storage.database import open_database

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def connection(db_url: str) -> Iterator[Connection]:
    engine = open_database(db_url)
    with engine.begin() as conn:
        yield conn
    engine.dispose()


def _refusal(at: datetime, charger_id: str | None = "CP1", **fields: object) -> RefusedConnection:
    values: dict[str, object] = {
        "reason": RefusalReason.NO_SUBPROTOCOL,
        "peer": "10.0.0.5:4000",
        "path": f"/ocpp/{charger_id}",
        "http_status": 400,
    }
    values.update(fields)
    return RefusedConnection(at, charger_id, **values)  # type: ignore[arg-type]


def _rows(connection: Connection) -> int:
    table = log_repo.refused_connections
    return int(connection.execute(select(func.count()).select_from(table)).scalar() or 0)


def test_repeats_are_one_record_with_first_and_last_time(connection: Connection) -> None:
    for minute in range(5):
        refusal = _refusal(
            T0 + timedelta(minutes=minute), subprotocols=("ocpp2.0.1",), username="CP1"
        )
        assert log_repo.add_refusal(connection, refusal, "cp1") == minute + 1
    # Another reason is another record.
    log_repo.add_refusal(connection, _refusal(T0, reason=RefusalReason.WRONG_PASSWORD), "cp1")
    newest, other = log_repo.list_refusals(connection)
    assert (newest.count, newest.first_at, newest.at) == (5, T0, T0 + timedelta(minutes=4))
    assert newest.subprotocols == ("ocpp2.0.1",) and newest.username == "CP1"
    assert (other.reason, other.count, other.first_at) == (RefusalReason.WRONG_PASSWORD, 1, None)


def test_long_texts_are_cut(connection: Connection) -> None:
    huge = "X" * 8000
    refusal = _refusal(T0, huge, path="/ocpp/" + huge, username=huge, subprotocols=(huge,) * 3)
    log_repo.add_refusal(connection, refusal, "@10.0.0.5")
    (stored,) = log_repo.list_refusals(connection)
    assert stored.charger_id is not None and len(stored.charger_id) == log_repo.REFUSAL_ID_CHARS
    assert stored.charger_id.endswith("…")
    assert len(stored.path) == log_repo.REFUSAL_PATH_CHARS
    assert stored.username is not None and len(stored.username) <= log_repo.REFUSAL_TEXT_CHARS
    assert len(",".join(stored.subprotocols)) <= log_repo.REFUSAL_PATH_CHARS


def test_the_table_is_bounded_by_count_and_age(connection: Connection) -> None:
    keep = 50
    for n in range(400):
        at = T0 + timedelta(seconds=n)
        log_repo.add_refusal(connection, _refusal(at, f"CP{n}"), f"cp{n}", keep_rows=keep)
        assert _rows(connection) <= keep + log_repo.REFUSAL_PRUNE_EVERY
    newest = log_repo.list_refusals(connection, limit=1)[0]
    assert newest.charger_id == "CP399"
    # Age: everything last seen before the cut goes, however few rows there are.
    deleted = log_repo.prune_refusals(connection, T0 + timedelta(seconds=390), keep_rows=10_000)
    assert deleted > 0
    assert all(r.at >= T0 + timedelta(seconds=390) for r in log_repo.list_refusals(connection))
