"""Storage bounded by size over real websockets: DataTransfer stored once and cut, the
message log within its byte budget, the disk watch pausing bulk logs (never billing),
and log maintenance."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, func, select
from websockets.asyncio.client import ClientConnection, connect

from console.core.alarms import AlarmKind
from console.core.clock import utcnow
from console.services.engine import CentralSystem
from console.services.message_export import FrameFilter, export_frames
from console.services.message_log import is_truncated
from console.services.storage_watch import DISK_ALARM_SOURCE, StorageLimits
from console.storage import alarms as alarm_repo
from console.storage import chargers as charger_repo
from console.storage import logs as log_repo
from console.storage import sessions as session_repo

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

EngineFactory = Callable[..., Awaitable[CentralSystem]]
WAIT = 10.0
_ids = itertools.count(1)


async def _until(condition: Callable[[], Any], timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def _charger(engine: CentralSystem, charger_id: str = "CP1") -> ClientConnection:
    ws = await connect(
        f"ws://127.0.0.1:{engine.port}/ocpp/{charger_id}",
        subprotocols=["ocpp1.6"],  # type: ignore[list-item]
        open_timeout=WAIT,
        max_size=None,
    )
    boot = await _call(ws, "BootNotification", {"chargePointVendor": "V", "chargePointModel": "M"})
    assert boot[0] == 3 and boot[2]["status"] == "Accepted"
    return ws


async def _call(ws: ClientConnection, action: str, payload: dict[str, Any]) -> list[Any]:
    unique_id = f"m{next(_ids)}"
    await ws.send(json.dumps([2, unique_id, action, payload]))
    while True:
        reply = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
        if reply[0] == 2:  # the engine asks something of an accepted charger: not here
            await ws.send(json.dumps([4, reply[1], "NotImplemented", "", {}]))
            continue
        assert reply[1] == unique_id
        return reply  # type: ignore[no-any-return]


def _log_rows(connection: Connection) -> list[Any]:
    return list(
        connection.execute(select(log_repo.message_log).order_by(log_repo.message_log.c.id))
    )


async def test_a_data_transfer_is_stored_once_and_cut_in_the_log(
    make_engine: EngineFactory, tmp_path: Path
) -> None:
    engine = await make_engine()
    data = "d" * 900_000
    async with await _charger(engine) as ws:
        reply = await _call(ws, "DataTransfer", {"vendorId": "com.example", "data": data})
        assert reply[0] == 3
    rows = await engine.writer.submit(_log_rows)
    calls = [r for r in rows if r.action == "DataTransfer" and r.direction == "in"]
    assert len(calls) == 1
    stored = calls[0]
    assert is_truncated(stored.payload)
    assert stored.omitted > 800_000
    assert len(stored.payload) < 70_000 and stored.size < 70_000
    assert f"{stored.omitted} of " in stored.payload
    # The charger event says how long the data was; it does not hold a second copy.
    events = await engine.writer.submit(lambda c: charger_repo.charger_events_of(c, "CP1"))
    transfer = [details for _at, kind, details in events if kind == "data_transfer"]
    assert transfer == [{"vendor_id": "com.example", "message_id": None, "data_length": 900_000}]
    # The technician's export still carries the frame, with its marker.
    target = tmp_path / "frames.jsonl"
    await engine.writer.submit(
        lambda c: export_frames(c, FrameFilter(actions=("DataTransfer",)), 10**9, target)
    )
    exported = [json.loads(line) for line in target.read_text().splitlines()]
    assert any(is_truncated(line["payload"]) for line in exported)


async def test_the_message_log_stays_within_its_byte_budget(make_engine: EngineFactory) -> None:
    budget = 200_000
    engine = await make_engine(message_log_bytes=budget, message_log_payload_limit=10_000)
    async with await _charger(engine) as ws:
        for i in range(60):
            await _call(
                ws, "DataTransfer", {"vendorId": "v", "messageId": f"n{i}", "data": "x" * 20_000}
            )

    async def within() -> bool:
        held = await engine.writer.submit(log_repo.message_log_bytes)
        return bool(held <= budget)

    await _until(within)
    rows = await engine.writer.submit(_log_rows)
    payloads = " ".join(r.payload[:120] for r in rows)
    assert '"messageId": "n59"' in payloads or '"messageId":"n59"' in payloads  # the newest
    assert 'n0"' not in payloads  # the oldest went first
    assert engine.message_log.estimated_bytes >= sum(r.size for r in rows)


@pytest.mark.sqlite_only  # the free space watched is the SQLite file's disk
async def test_low_disk_pauses_logs_raises_an_alarm_and_billing_goes_on(
    make_engine: EngineFactory,
) -> None:
    limits = StorageLimits(min_free_bytes=100_000_000, min_free_ratio=0.5, disk_check_interval=3600)
    engine = await make_engine(storage_limits=limits)
    watch = engine.storage_watch
    async with await _charger(engine) as ws:
        watch.usage = lambda _folder: (10_000_000_000, 50_000_000)  # 50 MB free: low
        assert await watch.check_disk()
        assert engine.writer.bulk_paused
        open_alarms = await engine.writer.submit(
            lambda c: alarm_repo.list_alarms(c, open_only=True, limit=None)
        )
        disk = [a for a in open_alarms if a.kind is AlarmKind.DISK_LOW]
        assert len(disk) == 1 and disk[0].charger_id == DISK_ALARM_SOURCE
        assert "50 MB free" in disk[0].message

        logged = await engine.writer.submit(_log_rows)
        start = await _call(
            ws,
            "StartTransaction",
            {
                "connectorId": 1,
                "idTag": "CARD1",
                "meterStart": 100,
                "timestamp": utcnow().isoformat(),
            },
        )
        assert start[0] == 3
        session = await engine.writer.submit(
            lambda c: session_repo.get_session(c, start[2]["transactionId"])
        )
        assert session is not None and session.meter_start == 100
        await _call(ws, "DataTransfer", {"vendorId": "v", "data": "while low"})
        assert await engine.writer.submit(_log_rows) == logged  # no frame kept meanwhile
        events = await engine.writer.submit(lambda c: charger_repo.charger_events_of(c, "CP1"))
        assert "data_transfer" not in [kind for _at, kind, _details in events]

        watch.usage = lambda _folder: (10_000_000_000, 110_000_000)  # above, but no margin
        assert await watch.check_disk()
        watch.usage = lambda _folder: (10_000_000_000, 5_000_000_000)
        assert not await watch.check_disk()
        assert not engine.writer.bulk_paused
        await _call(ws, "Heartbeat", {})

        async def logged_again() -> bool:
            return len(await engine.writer.submit(_log_rows)) > len(logged)

        await _until(logged_again)
    cleared = await engine.writer.submit(lambda c: alarm_repo.list_alarms(c, limit=None))
    assert [a.open for a in cleared if a.kind is AlarmKind.DISK_LOW] == [False]


async def test_maintenance_prunes_charger_events_and_refused_cards(
    make_engine: EngineFactory,
) -> None:
    limits = StorageLimits(charger_event_rows=3, refused_card_rows=1, maintenance_interval=3600)
    engine = await make_engine(storage_limits=limits)
    async with await _charger(engine) as ws:
        for tag in ("A1", "B2", "C3"):
            assert (await _call(ws, "Authorize", {"idTag": tag}))[0] == 3
    now = utcnow()

    def add_events(connection: Connection) -> int:
        for i in range(10):
            charger_repo.add_event(connection, "CP1", "firmware", now, {"n": i})
        count = select(func.count()).select_from(log_repo.charger_events)
        return int(connection.execute(count).scalar() or 0)

    assert await engine.writer.submit(add_events) > 3
    events, cards = await engine.storage_watch.maintain()
    assert events > 0 and cards == 2
    left = await engine.writer.submit(lambda c: charger_repo.charger_events_of(c, "CP1"))
    assert len(left) == 3


async def test_a_charger_flooding_large_frames_gets_them_logged_small(
    make_engine: EngineFactory,
) -> None:
    engine = await make_engine()
    async with await _charger(engine, "FLOOD") as ws:
        for i in range(40):  # 4 MB at once: far beyond the 2 MiB burst
            await _call(
                ws, "DataTransfer", {"vendorId": "v", "messageId": f"n{i}", "data": "x" * 100_000}
            )
        # Small frames are never limited.
        assert (await _call(ws, "Heartbeat", {}))[0] == 3
    rows = await engine.writer.submit(_log_rows)
    sizes = [r.size for r in rows if r.action == "DataTransfer" and r.direction == "in"]
    assert len(sizes) == 40
    assert all(
        is_truncated(r.payload) for r in rows if r.action == "DataTransfer" and r.direction == "in"
    )
    assert sizes[0] > 60_000  # within the burst: the usual 64 KiB
    assert max(sizes[-5:]) < 1300  # beyond it: a kilobyte each, marker included
    assert sum(sizes) < 2_500_000
