"""Logs bounded by size and age: message log budget, cut payloads, event and card pruning,
and a writer that gives up log rows, not billing operations, when the disk is full."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, create_engine, event, func, select, text

from console.core.enums import AuthorizationStatus, Direction, FrameKind
from console.core.model import LoggedFrame
from console.services.message_log import is_truncated, truncate_payload
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import logs as log_repo
from console.storage.database import alembic_config, create_db_engine, migrate, open_database
from console.storage.reserve import DiskReserve, reserve_path_of
from console.storage.writer import StorageWriter, is_disk_full

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def connection(db_url: str) -> Iterator[Connection]:
    engine = open_database(db_url)
    with engine.begin() as conn:
        yield conn
    engine.dispose()


def _frame(i: int, payload: str) -> LoggedFrame:
    return LoggedFrame(T0, "CP1", Direction.IN, FrameKind.CALL, str(i), "DataTransfer", payload)


def _count(connection: Connection, table: object) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar() or 0)  # type: ignore[arg-type]


def test_a_large_payload_is_cut_with_a_marker_saying_how_much() -> None:
    small = '[2,"1","Heartbeat",{}]'
    assert truncate_payload(small, 64) == (small, 0)
    big = '[2,"1","DataTransfer",{"vendorId":"v","data":"' + "é" * 1000 + '"}]'
    total = len(big.encode())
    cut, omitted = truncate_payload(big, 100)
    assert is_truncated(cut) and not is_truncated(big)
    assert cut.startswith(big[:40])
    kept = cut[: cut.index("…[truncated")]
    assert len(kept.encode()) <= 100  # a two-byte character is never split in half
    assert omitted == total - len(kept.encode())
    assert f"{omitted} of {total} bytes left out" in cut


def test_the_message_log_is_pruned_to_its_byte_budget_oldest_first(
    connection: Connection,
) -> None:
    rows = [log_repo.frame_row(_frame(i, "x" * 1000)) for i in range(100)]
    connection.execute(log_repo.message_log.insert(), rows)
    per_row = rows[0]["size"]
    assert per_row >= 1000
    assert log_repo.message_log_bytes(connection) == 100 * per_row
    deleted, remaining = log_repo.prune_message_log_bytes(connection, 30 * per_row)
    assert deleted == 70
    assert remaining == 30 * per_row == log_repo.message_log_bytes(connection)
    newest = log_repo.recent_frames(connection, "CP1", limit=100)
    assert [f.message_id for f in newest][-1] == "70"  # the oldest kept
    assert log_repo.prune_message_log_bytes(connection, 30 * per_row) == (0, 30 * per_row)


def test_one_prune_deletes_a_bounded_batch(connection: Connection) -> None:
    rows = [log_repo.frame_row(_frame(i, "x" * 1000)) for i in range(100)]
    connection.execute(log_repo.message_log.insert(), rows)
    per_row = rows[0]["size"]
    assert log_repo.prune_oldest_frames(connection, 10**9, max_rows=30) == (30, 30 * per_row)
    assert log_repo.prune_oldest_frames(connection, per_row + 1, max_rows=30) == (2, 2 * per_row)
    assert _count(connection, log_repo.message_log) == 68
    assert log_repo.recent_frames(connection, "CP1", limit=100)[-1].message_id == "32"


def test_charger_events_are_pruned_by_age_and_by_count(connection: Connection) -> None:
    for day in range(10):
        charger_repo.add_event(connection, "CP1", "boot", T0 + timedelta(days=day), {"n": day})
    # Older than day 3 goes; the count limit (8) would keep more, so age decides.
    assert log_repo.prune_charger_events(connection, T0 + timedelta(days=3), 8) == 3
    assert _count(connection, log_repo.charger_events) == 7
    # Now the count decides: keep the newest 4.
    assert log_repo.prune_charger_events(connection, T0, 4) == 3
    kept = charger_repo.charger_events_of(connection, "CP1")
    assert [details["n"] for _at, _kind, details in kept] == [9, 8, 7, 6]


def test_refused_cards_are_pruned_by_age_and_by_count(connection: Connection) -> None:
    for i in range(10):
        card_repo.record_refusal(
            connection, f"CARD{i}", "CP1", AuthorizationStatus.INVALID, T0 + timedelta(days=i)
        )
    assert card_repo.prune_refused_cards(connection, T0 + timedelta(days=2), 100) == 2
    assert card_repo.prune_refused_cards(connection, T0, 5) == 3
    kept = card_repo.list_refused_cards(connection)
    assert [card.id_tag for card in kept] == ["CARD9", "CARD8", "CARD7", "CARD6", "CARD5"]


def _limit_pages(engine: Engine, limit: list[int]) -> None:
    """Every transaction of ``engine`` may grow the file to ``limit[0]`` pages at most."""

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(f"PRAGMA max_page_count = {limit[0]}")


@pytest.mark.sqlite_only  # a full disk is simulated with SQLite's page limit
async def test_a_full_database_drops_log_rows_and_keeps_the_billing_operation(
    db_url: str,
) -> None:
    engine = open_database(db_url)
    # Free pages inside the file: what a small write can still use when nothing can grow.
    with engine.begin() as conn:
        for i in range(200):
            log_repo.set_setting(conn, f"filler{i}", "x" * 2000)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM settings")
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    limit = [pages]
    _limit_pages(engine, limit)
    engine.dispose()  # pooled connections start their next transaction with the limit
    writer = StorageWriter(engine)
    writer.start()
    try:
        # A megabyte of log rows rides along with a small billing write in one commit.
        big = [log_repo.frame_row(_frame(i, "y" * 100_000)) for i in range(10)]
        writer.append_rows(log_repo.message_log, big)
        await writer.submit(lambda c: log_repo.set_setting(c, "billing", "stored"))
        assert writer.disk_full_failures >= 1
        assert writer.dropped_rows == 10
        assert not writer.keeping_bulk  # log rows stay away for a while
        writer.append_rows(log_repo.message_log, big[:1])
        assert writer.dropped_rows == 11
        assert await writer.submit(lambda c: log_repo.get_setting(c, "billing")) == "stored"
        assert await writer.submit(lambda c: _count(c, log_repo.message_log)) == 0

        # An operation that itself cannot be stored fails (its caller answers CALLERROR).
        with pytest.raises(Exception) as failure:
            await writer.submit(lambda c: log_repo.set_setting(c, "huge", "z" * 2_000_000))
        assert is_disk_full(failure.value)
        assert await writer.submit(lambda c: log_repo.get_setting(c, "huge")) is None
        # ... and fails alone: a small one queued beside it still lands.
        outcomes = await asyncio.gather(
            writer.submit(lambda c: log_repo.set_setting(c, "huge2", "z" * 2_000_000)),
            writer.submit(lambda c: log_repo.set_setting(c, "small", "ok")),
            return_exceptions=True,
        )
        assert isinstance(outcomes[0], Exception) and outcomes[1] is None
        assert await writer.submit(lambda c: log_repo.get_setting(c, "small")) == "ok"
    finally:
        writer.stop()
        engine.dispose()


def test_frames_logged_before_the_budget_are_counted_after_the_migration(
    tmp_path: Path,
) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0007")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO message_log (at, charger_id, direction, kind, payload)"
                " VALUES (CURRENT_TIMESTAMP, 'CP1', 'in', 'CALL', :payload)"
            ),
            {"payload": "p" * 5000},
        )
    migrate(engine)
    with engine.connect() as conn:
        assert log_repo.message_log_bytes(conn) == 5000 + log_repo.ROW_OVERHEAD
        assert conn.execute(select(log_repo.message_log.c.omitted)).scalar() == 0
    engine.dispose()


@pytest.mark.sqlite_only  # the reserve is a file beside the SQLite file
def test_the_reserve_is_made_given_up_and_removed_at_stop(db_url: str) -> None:
    engine = open_database(db_url)
    writer = StorageWriter(engine, reserve_bytes=256 * 1024)
    assert writer.reserve is not None
    path = writer.reserve.path
    assert path.name == "chargedesk.db.reserve"
    writer.start()
    writer.submit_nowait(lambda c: None).result(timeout=10)  # the reserve comes first
    assert path.stat().st_size == 256 * 1024
    assert writer.reserve.release() and not path.exists()
    assert not writer.reserve.release()  # nothing left to give
    assert writer.reserve.ensure() and writer.reserve.held
    writer.stop()
    assert not path.exists()  # made again at the next start, not left behind
    engine.dispose()
    # Too little room: no reserve rather than one that fills the disk itself.
    assert not DiskReserve(path, 1 << 62).ensure() and not path.exists()


def test_no_reserve_for_a_database_in_memory() -> None:
    engine = create_engine("sqlite://")
    assert reserve_path_of(engine) is None
    assert StorageWriter(engine).reserve is None
