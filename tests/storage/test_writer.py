"""The writer groups operations into shared commits and isolates a failing one."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import Connection, func, select

from console.storage import logs as log_repo
from console.storage.database import open_database
from console.storage.writer import StorageWriter

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)


async def test_concurrent_operations_share_commits_and_all_land(db_url: str) -> None:
    engine = open_database(db_url)
    writer = StorageWriter(engine)
    writer.start()

    def put(i: int) -> int:
        def op(connection: Connection) -> int:
            log_repo.set_setting(connection, f"k{i}", str(i))
            return i

        return op  # type: ignore[return-value]

    results = await asyncio.gather(*(writer.submit(put(i)) for i in range(300)))  # type: ignore[arg-type]
    assert results == list(range(300))
    assert writer.commits < 300  # grouped
    count = await writer.submit(
        lambda c: c.execute(select(func.count()).select_from(log_repo.settings)).scalar()
    )
    assert count == 300
    writer.stop()
    engine.dispose()


async def test_a_failing_operation_fails_alone(db_url: str) -> None:
    engine = open_database(db_url)
    writer = StorageWriter(engine)
    writer.start()

    def bad(_connection: Connection) -> None:
        raise ValueError("broken")

    good = writer.submit(lambda c: log_repo.set_setting(c, "a", "1"))
    failing = writer.submit(bad)
    results = await asyncio.gather(good, failing, return_exceptions=True)
    assert results[0] is None
    assert isinstance(results[1], ValueError)
    assert await writer.submit(lambda c: log_repo.get_setting(c, "a")) == "1"
    writer.stop()
    engine.dispose()


def test_stop_commits_what_is_queued(db_url: str) -> None:
    engine = open_database(db_url)
    writer = StorageWriter(engine)
    writer.start()
    futures = [
        writer.submit_nowait(lambda c, i=i: log_repo.set_setting(c, f"x{i}", "v"))
        for i in range(50)
    ]
    writer.stop()
    assert all(f.done() and f.exception() is None for f in futures)
    with engine.connect() as connection:
        assert log_repo.get_setting(connection, "x49") == "v"
    engine.dispose()


@pytest.mark.parametrize("rows", [1, 1000])
async def test_appended_rows_ride_along(db_url: str, rows: int) -> None:
    from console.core.clock import utcnow

    engine = open_database(db_url)
    writer = StorageWriter(engine)
    writer.start()
    row = {
        "at": utcnow(),
        "charger_id": "CP1",
        "direction": "in",
        "kind": "CALL",
        "message_id": "1",
        "action": "Heartbeat",
        "payload": "[]",
        "latency_ms": None,
    }
    writer.append_rows(log_repo.message_log, [row] * rows)
    count = await writer.submit(
        lambda c: c.execute(select(func.count()).select_from(log_repo.message_log)).scalar()
    )
    assert count == rows
    writer.stop()
    engine.dispose()


async def test_inserted_rows_are_merged_and_duplicates_skipped(db_url: str) -> None:
    from datetime import UTC, datetime

    from console.core.enums import Approval
    from console.core.model import MeterValue, SampledValue
    from console.storage import chargers as charger_repo
    from console.storage import sessions as session_repo

    engine = open_database(db_url)
    writer = StorageWriter(engine)
    writer.start()
    at = datetime(2026, 11, 23, tzinfo=UTC)
    await writer.submit(lambda c: charger_repo.add_charger(c, "CP1", Approval.ACCEPTED, at))

    def rows(second: int) -> list[dict[str, object]]:
        value = MeterValue(at.replace(second=second), (SampledValue(float(second)),))
        return session_repo.sample_rows("CP1", 1, 7, (value,), at)

    # 40 messages, each sent twice (a retry), and one with nothing in it.
    await asyncio.gather(
        *(writer.insert_rows(session_repo.meter_samples, rows(i % 40)) for i in range(80)),
        writer.insert_rows(session_repo.meter_samples, []),
    )
    stored = await writer.submit(lambda c: session_repo.samples_of_session(c, 7, "CP1"))
    assert sorted(row["value"] for row in stored) == [float(i) for i in range(40)]
    assert writer.commits < 80
    writer.stop()
    engine.dispose()
