"""A full disk loses no billing data: every acknowledged StartTransaction, MeterValues and
StopTransaction is in the database afterwards, and nothing that failed to be stored was
acknowledged.

The database lives on a real small file system (a tmpfs mounted for the test, as root)
that the test then fills up to the last byte. Where mounting is not permitted the same
error (SQLITE_FULL) is produced with SQLite's ``max_page_count`` instead: the file may
not grow beyond the pages it has.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, event
from websockets.asyncio.client import ClientConnection, connect

from console.core.clock import utcnow
from console.core.enums import AdmissionMode
from console.services.engine import CentralSystem, EngineConfig
from console.services.storage_watch import StorageLimits

WAIT = 10.0
RESERVE = 192 * 1024  # kept free beside the database, given up when the disk is full
FILLER = 200_000  # bytes of data in each DataTransfer that fills the message log
_ids = itertools.count(1)


class SmallDisk:
    """A folder on a small file system, or (fallback) a page limit on the database."""

    def __init__(self, folder: Path, mounted: bool) -> None:
        self.folder = folder
        self.mounted = mounted
        self.filler = folder / "filler.bin"
        self.page_limit = [2**31 - 2]  # read by every transaction in the fallback

    def fill(self, database: Path) -> None:
        """Leave no room to grow."""
        if not self.mounted:
            with contextlib.closing(sqlite3.connect(database)) as db:
                self.page_limit[0] = int(db.execute("PRAGMA page_count").fetchone()[0])
            return
        with self.filler.open("wb", buffering=0) as out:
            for size in (1 << 20, 1 << 16, 1 << 12, 1 << 9):
                block = b"\0" * size
                with contextlib.suppress(OSError):
                    while True:
                        out.write(block)
        assert shutil.disk_usage(self.folder).free < 1 << 12

    def free(self) -> None:
        """Make room again."""
        self.page_limit[0] = 2**31 - 2
        self.filler.unlink(missing_ok=True)


def _mount_tmpfs(folder: Path, size: str) -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.fixture(params=["file system", "page limit"])
def small_disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SmallDisk]:
    """A real tmpfs where mounting is permitted, else the page limit; and the page limit."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = request.param == "file system" and _mount_tmpfs(folder, "16m")
    yield SmallDisk(folder, mounted)
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=10, check=False)


@dataclass
class Outcomes:
    """What the charger sent and whether it was acknowledged (True) or refused (False)."""

    starts: dict[int, bool] = field(default_factory=dict)  # meterStart -> acknowledged
    transaction_of: dict[int, int] = field(default_factory=dict)  # meterStart -> id
    meters: dict[int, bool] = field(default_factory=dict)  # energy value -> acknowledged
    stops: dict[int, bool] = field(default_factory=dict)  # transaction id -> acknowledged
    errors: list[str] = field(default_factory=list)


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


async def _sessions(ws: ClientConnection, first: int, count: int, seen: Outcomes) -> None:
    """``count`` sessions (start, a meter value, stop), with log-filling traffic between."""
    for n in range(first, first + count):
        for _ in range(2):
            await _call(ws, "DataTransfer", {"vendorId": "fill", "data": "f" * FILLER})
        meter_start = n * 1000
        now = utcnow().isoformat()
        start = await _call(
            ws,
            "StartTransaction",
            {"connectorId": 1, "idTag": "CARD1", "meterStart": meter_start, "timestamp": now},
        )
        seen.starts[meter_start] = start[0] == 3
        if start[0] != 3:
            seen.errors.append(str(start[2]))
            continue
        transaction_id = int(start[2]["transactionId"])
        seen.transaction_of[meter_start] = transaction_id
        energy = meter_start + 500
        sample = {"value": str(energy), "measurand": "Energy.Active.Import.Register"}
        meter = await _call(
            ws,
            "MeterValues",
            {
                "connectorId": 1,
                "transactionId": transaction_id,
                "meterValue": [{"timestamp": now, "sampledValue": [sample]}],
            },
        )
        seen.meters[energy] = meter[0] == 3
        stop = await _call(
            ws,
            "StopTransaction",
            {"transactionId": transaction_id, "meterStop": meter_start + 900, "timestamp": now},
        )
        seen.stops[transaction_id] = stop[0] == 3


def _stored(
    database: Path,
) -> tuple[dict[int, tuple[int, int | None]], set[float], list[tuple[str, bool]]]:
    with contextlib.closing(sqlite3.connect(database)) as db:
        alarms = [
            (kind, cleared is not None)
            for kind, cleared in db.execute("SELECT kind, cleared_at FROM alarms")
        ]
        sessions = {
            meter_start: (transaction_id, meter_stop)
            for transaction_id, meter_start, meter_stop in db.execute(
                "SELECT id, meter_start, meter_stop FROM sessions WHERE charger_id = 'CP1'"
            )
        }
        values = {row[0] for row in db.execute("SELECT value FROM meter_samples")}
    return sessions, values, alarms


async def test_a_full_disk_acknowledges_only_what_is_stored(small_disk: SmallDisk) -> None:
    database = small_disk.folder / "engine.db"
    config = EngineConfig(
        database_url=f"sqlite:///{database}",
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
        message_log_payload_limit=FILLER + 1000,  # the log fills the disk quickly
        # No threshold: the disk really runs full (the writer's own full-disk path).
        storage_limits=StorageLimits(min_free_bytes=0, min_free_ratio=0.0, reserve_bytes=RESERVE),
    )
    engine = CentralSystem(config)
    await engine.start()
    assert engine.db is not None
    limit = small_disk.page_limit

    @event.listens_for(engine.db, "begin")
    def _limit_pages(conn: Connection) -> None:
        conn.exec_driver_sql(f"PRAGMA max_page_count = {limit[0]}")

    seen = Outcomes()
    try:
        ws = await connect(
            f"ws://127.0.0.1:{engine.port}/ocpp/CP1",
            subprotocols=["ocpp1.6"],  # type: ignore[list-item]
            open_timeout=WAIT,
        )
        async with ws:
            boot = {"chargePointVendor": "V", "chargePointModel": "M"}
            assert (await _call(ws, "BootNotification", boot))[2]["status"] == "Accepted"
            await _sessions(ws, 1, 4, seen)  # room to spare
            assert all(seen.starts.values()), seen.errors
            small_disk.fill(database)
            await _sessions(ws, 5, 25, seen)  # the disk is full
            assert await engine.storage_watch.check_disk()  # full commits: alarm, logs paused
            assert not engine.writer.keeping_bulk
            refused = [n for n, acked in seen.starts.items() if not acked]
            acked_while_full = [n for n, acked in seen.starts.items() if acked and n >= 5000]
            small_disk.free()
            failures = engine.writer.disk_full_failures
            assert not await engine.storage_watch.check_disk()  # room again: logs resume
            await _sessions(ws, 30, 4, seen)  # billing goes on
    finally:
        small_disk.free()
        await engine.stop()

    kind = "tmpfs" if small_disk.mounted else "max_page_count"
    assert failures > 0
    assert refused or not all(seen.meters.values()) or not all(seen.stops.values()), (
        f"the disk ({kind}) never ran full"
    )
    assert all(acked for n, acked in seen.starts.items() if n >= 30 * 1000), seen.errors
    sessions, values, alarms = _stored(database)
    assert alarms == [("disk_low", True)]  # raised (late, if it could not be stored), cleared
    for meter_start, acked in seen.starts.items():
        if acked:
            transaction_id, _stop = sessions[meter_start]  # acknowledged: stored
            assert transaction_id == seen.transaction_of[meter_start]
        else:
            assert meter_start not in sessions  # refused: nothing stored
    for energy, acked in seen.meters.items():
        assert (float(energy) in values) is acked
    for meter_start, transaction_id in seen.transaction_of.items():
        stored_stop = sessions[meter_start][1]
        if seen.stops[transaction_id]:
            assert stored_stop == meter_start + 900
        else:  # still open, or ended by the next start on its connector; not by this stop
            assert stored_stop != meter_start + 900
    if small_disk.mounted:  # the reserve carried billing on after the disk ran full
        assert acked_while_full
    print(
        f"disk full via {kind}: of 25 starts while full {len(acked_while_full)} acknowledged,"
        f" {len(refused)} refused; {failures} full-disk commits"
    )
