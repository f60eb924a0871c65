"""Message log search: filters, keyset paging and call/reply pairing over 20,000 frames."""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection, Engine, insert

from console.core.enums import Direction, FrameKind
from console.core.model import LoggedFrame
from console.services.formatting import set_site_zone
from console.services.message_export import ExportCancelled, ExportProgress, export_frames
from console.storage import logs as log_repo
from console.storage.database import open_database
from console.storage.message_search import (
    FrameFilter,
    StoredFrame,
    count_frames,
    frame_by_id,
    iter_frames,
    newest_frame_id,
    partner_frame,
    search_frames,
)
from tests.template_db import postgres_copy

T0 = datetime(2026, 11, 1, tzinfo=UTC)
CHARGERS = [f"CP{n:02d}" for n in range(10)]
ACTIONS = ["Heartbeat", "MeterValues", "StatusNotification", "Authorize"]
COUNT = 20_000


def generated_frames(count: int, seed: int = 7) -> list[LoggedFrame]:
    """Calls from chargers, each followed by our reply; every 50th reply an error."""
    rng = random.Random(seed)
    frames: list[LoggedFrame] = []
    for n in range(count // 2):
        at = T0 + timedelta(seconds=n)
        charger, action = rng.choice(CHARGERS), rng.choice(ACTIONS)
        message_id = f"m{n}"
        body = {"n": n, "marker": "needle" if n % 97 == 0 else "hay"}
        call = json.dumps([2, message_id, action, body])
        frames.append(
            LoggedFrame(at, charger, Direction.IN, FrameKind.CALL, message_id, action, call)
        )
        if n % 50 == 0:
            reply = json.dumps([4, message_id, "InternalError", "boom", {}])
            kind = FrameKind.ERROR
        else:
            reply = json.dumps([3, message_id, {"status": "Accepted"}])
            kind = FrameKind.RESULT
        frames.append(
            LoggedFrame(
                at + timedelta(milliseconds=5),
                charger,
                Direction.OUT,
                kind,
                message_id,
                action,
                reply,
                5.0,
            )
        )
    return frames


def store(engine: Engine, frames: list[LoggedFrame]) -> None:
    with engine.begin() as connection:
        connection.execute(insert(log_repo.message_log), [log_repo.frame_row(f) for f in frames])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def log_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Engine, list[LoggedFrame]]]:
    """One log of generated frames per module, on SQLite and on PostgreSQL."""
    with contextlib.ExitStack() as stack:
        if request.param == "postgresql":
            template = request.getfixturevalue("postgres_template")
            url = stack.enter_context(postgres_copy(template))
        else:
            url = f"sqlite:///{tmp_path_factory.mktemp('log') / 'log.db'}"
        engine = open_database(url)
        stack.callback(engine.dispose)
        frames = generated_frames(COUNT)
        store(engine, frames)
        yield engine, frames


@pytest.fixture
def conn(log_db: tuple[Engine, list[LoggedFrame]]) -> Iterator[Connection]:
    with log_db[0].connect() as connection:
        yield connection


@pytest.fixture
def frames(log_db: tuple[Engine, list[LoggedFrame]]) -> list[LoggedFrame]:
    return log_db[1]


def all_pages(conn: Connection, where: FrameFilter, limit: int = 777) -> list[StoredFrame]:
    rows: list[StoredFrame] = []
    before: int | None = None
    while page := search_frames(conn, where, before_id=before, limit=limit):
        rows += page
        before = page[-1].id
    return rows


def expected_ids(frames: list[LoggedFrame], where: FrameFilter) -> list[int]:
    """Row ids are 1..COUNT in insertion order; newest first."""
    return [i + 1 for i, f in reversed(list(enumerate(frames))) if where.matches(f)]


FILTERS = [
    FrameFilter(),
    FrameFilter(charger_id="CP03"),
    FrameFilter(actions=("MeterValues",)),
    FrameFilter(actions=("Heartbeat", "Authorize"), direction=Direction.OUT),
    FrameFilter(direction=Direction.IN),
    FrameFilter(kinds=(FrameKind.ERROR,)),
    FrameFilter(since=T0 + timedelta(hours=1), until=T0 + timedelta(hours=2)),
    FrameFilter(text="NEEDLE"),
    FrameFilter(text="m1234"),
    FrameFilter(charger_id="CP05", actions=("StatusNotification",), text="needle"),
    FrameFilter(text="50%_"),  # LIKE wildcards are taken literally
]


@pytest.mark.parametrize("where", FILTERS, ids=repr)
def test_filters_and_pages_match_the_rule_newest_first_without_duplicates(
    conn: Connection, frames: list[LoggedFrame], where: FrameFilter
) -> None:
    rows = all_pages(conn, where)
    ids = [r.id for r in rows]
    assert ids == expected_ids(frames, where)
    assert len(set(ids)) == len(ids)
    assert all(where.matches(r.frame) for r in rows)
    assert count_frames(conn, where) == len(ids)


def test_filters_actually_narrow(conn: Connection) -> None:
    assert count_frames(conn, FrameFilter()) == COUNT
    assert 0 < count_frames(conn, FrameFilter(charger_id="CP03")) < COUNT / 5
    assert count_frames(conn, FrameFilter(kinds=(FrameKind.ERROR,))) == COUNT // 2 // 50
    assert count_frames(conn, FrameFilter(text="needle")) == len(range(0, COUNT // 2, 97))
    hour = FrameFilter(since=T0 + timedelta(hours=1), until=T0 + timedelta(hours=2))
    assert count_frames(conn, hour) == 2 * 3600


def test_after_id_returns_only_newer_frames_and_counts_with_a_cap(conn: Connection) -> None:
    newest = newest_frame_id(conn)
    assert newest == COUNT
    newer = search_frames(conn, FrameFilter(), after_id=newest - 10)
    assert [r.id for r in newer] == list(range(newest, newest - 10, -1))
    oldest_first = search_frames(conn, FrameFilter(), after_id=100, limit=3, oldest_first=True)
    assert [r.id for r in oldest_first] == [101, 102, 103]
    assert count_frames(conn, FrameFilter(), after_id=newest - 10) == 10
    assert count_frames(conn, FrameFilter(), cap=25) == 25


def test_calls_and_replies_find_each_other(conn: Connection) -> None:
    call = frame_by_id(conn, 101)
    assert call is not None and call.frame.kind is FrameKind.CALL
    reply = partner_frame(conn, call)
    assert reply is not None and reply.id == 102
    assert reply.frame.message_id == call.frame.message_id
    back = partner_frame(conn, reply)
    assert back is not None and back.id == 101
    error = frame_by_id(conn, 2)  # n == 0: the reply is an error
    assert error is not None and error.frame.kind is FrameKind.ERROR
    partner = partner_frame(conn, error)
    assert partner is not None and partner.id == 1


def test_a_reused_message_id_pairs_with_the_nearest_frame(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'reuse.db'}")
    first = generated_frames(2)
    store(engine, first + first)  # the charger rebooted and counted from the start again
    with engine.connect() as connection:
        second_call = frame_by_id(connection, 3)
        assert second_call is not None
        reply = partner_frame(connection, second_call)
        assert reply is not None and reply.id == 4
        unanswered = StoredFrame(5, first[0])
        assert partner_frame(connection, unanswered) is None
    engine.dispose()


def test_iter_frames_stops_at_the_upper_bound(conn: Connection) -> None:
    where = FrameFilter(charger_id="CP01")
    batches = list(iter_frames(conn, where, upto_id=5000, batch=100))
    ids = [r.id for batch in batches for r in batch]
    assert ids == sorted(ids) and ids[-1] <= 5000
    assert len(ids) == count_frames(conn, where, upto_id=5000)


def test_export_writes_exactly_the_filtered_rows(conn: Connection, tmp_path: Path) -> None:
    where = FrameFilter(actions=("Authorize",), direction=Direction.OUT)
    path = tmp_path / "out.jsonl"
    progress = ExportProgress()
    written = export_frames(conn, where, COUNT, path, progress)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    expected = list(reversed(all_pages(conn, where)))
    assert written == len(lines) == len(expected) == progress.total == progress.done
    assert [line["id"] for line in lines] == [r.id for r in expected]
    assert lines[0]["payload"] == expected[0].frame.payload
    assert {line["action"] for line in lines} == {"Authorize"}


def test_a_cancelled_export_leaves_no_file(conn: Connection, tmp_path: Path) -> None:
    path = tmp_path / "cancelled.jsonl"
    progress = ExportProgress()
    progress.cancel.set()
    with pytest.raises(ExportCancelled):
        export_frames(conn, FrameFilter(), COUNT, path, progress)
    assert list(tmp_path.iterdir()) == []


def test_export_times_are_the_sites_or_utc_when_asked(conn: Connection, tmp_path: Path) -> None:
    where = FrameFilter(actions=("Authorize",), direction=Direction.OUT)
    set_site_zone(ZoneInfo("Europe/Berlin"))
    path = tmp_path / "site.jsonl"
    export_frames(conn, where, 200, path)
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    # 1 November is winter time in Berlin: UTC+1, and the zone is named.
    assert first["at"].endswith("+01:00") and first["zone"] == "Europe/Berlin"
    at = datetime.fromisoformat(first["at"])
    path_utc = tmp_path / "utc.jsonl"
    export_frames(conn, where, 200, path_utc, utc=True)
    same = json.loads(path_utc.read_text(encoding="utf-8").splitlines()[0])
    assert same["at"].endswith("+00:00") and same["zone"] == "UTC"
    assert datetime.fromisoformat(same["at"]) == at and same["id"] == first["id"]
