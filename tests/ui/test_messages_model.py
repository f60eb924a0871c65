"""The message log model over a real SQLite file: qtmodeltester, paging, live rows, colours."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from conftest import run, wait_until
from PySide6.QtCore import Qt
from sqlalchemy import insert

from console.core.enums import Direction, FrameKind
from console.core.model import LoggedFrame
from console.services.message_export import FrameFilter
from console.services.queries import SiteQueries
from console.storage import logs as log_repo
from console.storage.database import open_database
from console.ui.technician import message_model as mm
from console.ui.technician.message_model import MessageLogModel, problem_of

T = TypeVar("T")
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def frames(count: int, start: int = 0) -> list[LoggedFrame]:
    """Alternating calls from two chargers and our replies; every 10th reply rejects."""
    out: list[LoggedFrame] = []
    for n in range(start, start + count):
        at = T0 + timedelta(seconds=n)
        charger = "CP-A" if n % 2 else "CP-B"
        if n % 2 == 0:
            payload = json.dumps([2, f"id{n}", "Authorize", {"idTag": f"TAG{n}"}])
            out.append(
                LoggedFrame(
                    at, charger, Direction.IN, FrameKind.CALL, f"id{n}", "Authorize", payload
                )
            )
        else:
            status = "Blocked" if n % 10 == 1 else "Accepted"
            payload = json.dumps([3, f"id{n - 1}", {"idTagInfo": {"status": status}}])
            out.append(
                LoggedFrame(
                    at,
                    charger,
                    Direction.OUT,
                    FrameKind.RESULT,
                    f"id{n - 1}",
                    "Authorize",
                    payload,
                    3.0,
                )
            )
    return out


class LogFile:
    """A message log in a SQLite file, with the model's reader over it."""

    def __init__(self, folder: Path) -> None:
        self.url = f"sqlite:///{folder / 'log.db'}"
        self.engine = open_database(self.url)
        self.queries = SiteQueries(self.url)
        self.reads = 0

    def add(self, rows: list[LoggedFrame]) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(log_repo.message_log), [log_repo.frame_row(f) for f in rows])

    async def read(self, work: Callable[[SiteQueries], T]) -> T:
        self.reads += 1
        return await asyncio.to_thread(work, self.queries)

    def close(self) -> None:
        self.queries.close()
        self.engine.dispose()


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[LogFile]:
    log = LogFile(tmp_path)
    yield log
    log.close()


def test_model_passes_qtmodeltester(
    qloop: qasync.QEventLoop, log_file: LogFile, qtmodeltester: Any
) -> None:
    log_file.add(frames(1200))
    model = MessageLogModel(log_file.read)

    async def scenario() -> None:
        model.reload()
        await wait_until(lambda: model.rowCount() == mm.PAGE_ROWS and not model.loading)

    run(qloop, scenario())
    qtmodeltester.check(model, force_py=True)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Time"


def test_fetch_more_loads_older_pages_until_the_end(
    qloop: qasync.QEventLoop, log_file: LogFile
) -> None:
    log_file.add(frames(1300))
    model = MessageLogModel(log_file.read)

    async def scenario() -> None:
        model.reload()
        await wait_until(lambda: model.rowCount() == 500 and not model.loading)
        assert model.canFetchMore()
        model.fetchMore()
        assert not model.canFetchMore()  # one read at a time
        await wait_until(lambda: model.rowCount() == 1000 and not model.loading)
        model.fetchMore()
        await wait_until(lambda: model.rowCount() == 1300 and not model.loading)

    run(qloop, scenario())
    assert model.exhausted and not model.canFetchMore()
    ids = [r.id for r in model.rows]
    assert ids == list(range(1300, 0, -1))
    assert model.row_of_id(1) == 1299 and model.row_of_id(1300) == 0
    assert model.row_of_id(5000) is None


def test_filter_and_live_rows_at_the_top(qloop: qasync.QEventLoop, log_file: LogFile) -> None:
    log_file.add(frames(100))
    model = MessageLogModel(log_file.read)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))

    async def scenario() -> None:
        model.set_filter(FrameFilter(charger_id="CP-A"))
        await wait_until(lambda: model.exhausted and not model.loading)
        assert model.rowCount() == 50
        log_file.add(frames(10, start=100))
        inserted.clear()
        assert model.poll_newer()
        await wait_until(lambda: not model.loading and model.rowCount() == 55)

    run(qloop, scenario())
    assert inserted == [(0, 4)]  # inserted at the top, the rest untouched
    assert [r.id for r in model.rows[:6]] == [110, 108, 106, 104, 102, 100]
    assert {r.stored.frame.charger_id for r in model.rows} == {"CP-A"}


def test_a_read_for_an_older_filter_is_dropped(qloop: qasync.QEventLoop, log_file: LogFile) -> None:
    log_file.add(frames(100))
    model = MessageLogModel(log_file.read)

    async def scenario() -> None:
        model.set_filter(FrameFilter(charger_id="CP-A"))
        model.set_filter(FrameFilter(charger_id="CP-B"))
        await wait_until(lambda: model.exhausted and not model.loading)
        await asyncio.sleep(0)  # let the dropped read's task end, too

    run(qloop, scenario())
    assert {r.stored.frame.charger_id for r in model.rows} == {"CP-B"}
    assert model.rowCount() == 50


def test_errors_and_refusals_stand_out(qloop: qasync.QEventLoop, log_file: LogFile) -> None:
    log_file.add(frames(20))
    error = json.dumps([4, "x1", "NotSupported", "no", {}])
    log_file.add(
        [LoggedFrame(T0, "CP-A", Direction.IN, FrameKind.ERROR, "x1", "DataTransfer", error)]
    )
    model = MessageLogModel(log_file.read)

    async def scenario() -> None:
        model.reload()
        await wait_until(lambda: model.exhausted and not model.loading)

    run(qloop, scenario())
    text = {(r, c): model.data(model.index(r, c)) for r in range(3) for c in range(len(mm.COLUMNS))}
    assert text[(0, mm.KIND)] == "✖ Error"
    assert text[(0, mm.DIRECTION)] == "↓ from charger"
    assert model.data(model.index(0, mm.KIND), Qt.ItemDataRole.ForegroundRole) == mm.ERROR_COLOUR
    blocked = model.row_of_id(20)  # n == 19: not blocked; n == 11: blocked
    assert blocked is not None and model.rows[blocked].problem is None
    row = model.row_of_id(12)
    assert row is not None
    assert model.data(model.index(row, mm.ACTION)) == "⚠ Authorize"
    assert model.data(model.index(row, mm.DIRECTION)) == "↑ to charger"
    assert model.data(model.index(row, mm.LATENCY)) == "3.0"
    assert (
        model.data(model.index(row, mm.ACTION), Qt.ItemDataRole.BackgroundRole)
        == mm.WARNING_BACKGROUND
    )
    assert model.data(model.index(row, mm.TIME)).endswith(".000")


@pytest.mark.parametrize(
    ("kind", "payload", "problem"),
    [
        (FrameKind.RESULT, '[3,"1",{"status":"Accepted"}]', None),
        (FrameKind.RESULT, '[3,"1",{"status":"Rejected"}]', "refused"),
        (FrameKind.RESULT, '[3,"1",{"idTagInfo":{"status":"Expired"}}]', "refused"),
        (
            FrameKind.CALL,
            '[2,"1","FirmwareStatusNotification",{"status":"InstallationFailed"}]',
            "refused",
        ),
        (FrameKind.CALL, '[2,"1","StatusNotification",{"errorCode":"GroundFailure"}]', "refused"),
        (FrameKind.CALL, '[2,"1","StatusNotification",{"errorCode":"NoError"}]', None),
        (FrameKind.ERROR, '[4,"1","InternalError","",{}]', "error"),
        (FrameKind.INVALID, "garbage", "error"),
    ],
)
def test_problem_of(kind: FrameKind, payload: str, problem: str | None) -> None:
    assert problem_of(kind, payload) == problem
