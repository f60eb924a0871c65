"""How the technician's message log copes with a full log (500,000 stored frames).

Builds a SQLite file holding ``--frames`` frames (default 500,000: the retention limit)
from 200 chargers (calls and their replies, 2% errors, realistic MeterValues payloads),
then times, on the GUI loop (qasync, offscreen) through the real table model and its
worker-thread reads: opening the view (first page shown), scrolling (fetchMore), each
filter, the live poll, a partner lookup and a filtered export.

    QT_QPA_PLATFORM=offscreen python benchmarks/message_log.py [--frames N] [--keep DB]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from sqlalchemy import insert

from console.core.enums import Direction, FrameKind
from console.services.message_export import ExportProgress, FrameFilter
from console.services.queries import SiteQueries
from console.storage import logs as log_repo
from console.storage.database import open_database
from console.ui.console_app import create_application
from console.ui.technician.message_model import MessageLogModel

T = TypeVar("T")
ACTIONS = ["MeterValues"] * 8 + ["Heartbeat", "StatusNotification", "Authorize"]


def build(url: str, count: int) -> None:
    """Fill the log: pairs of (call from a charger, our reply)."""
    engine = open_database(url)
    rng = random.Random(1)
    start = datetime.now(UTC) - timedelta(seconds=count // 20)
    rows: list[dict[str, Any]] = []
    with engine.begin() as connection:
        for n in range(count // 2):
            at = start + timedelta(milliseconds=100 * n)
            charger = f"CP-{rng.randrange(200):03d}"
            action = rng.choice(ACTIONS)
            mid = f"{n:08x}-{rng.getrandbits(32):08x}"
            body = {
                "connectorId": 1,
                "transactionId": n,
                "meterValue": [
                    {
                        "timestamp": at.isoformat(),
                        "sampledValue": [
                            {
                                "value": str(rng.randrange(1, 22000)),
                                "measurand": "Power.Active.Import",
                            },
                            {"value": str(n), "measurand": "Energy.Active.Import.Register"},
                        ],
                    }
                ],
            }
            call = json.dumps([2, mid, action, body])
            if n % 50 == 0:
                reply, kind = json.dumps([4, mid, "InternalError", "boom", {}]), FrameKind.ERROR
            else:
                reply, kind = json.dumps([3, mid, {}]), FrameKind.RESULT
            for frame in (
                (at, Direction.IN, FrameKind.CALL, call, None),
                (at + timedelta(milliseconds=3), Direction.OUT, kind, reply, 3.0),
            ):
                rows.append(
                    {
                        "at": frame[0],
                        "charger_id": charger,
                        "direction": frame[1].value,
                        "kind": frame[2].value,
                        "message_id": mid,
                        "action": action,
                        "payload": frame[3],
                        "latency_ms": frame[4],
                    }
                )
            if len(rows) >= 20_000:
                connection.execute(insert(log_repo.message_log), rows)
                rows = []
        if rows:
            connection.execute(insert(log_repo.message_log), rows)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=500_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) this database file")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="chargedesk-log-")
    path = args.keep or Path(folder.name) / "log.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        began = time.perf_counter()
        build(url, args.frames)
        print(f"built {args.frames:,} frames in {time.perf_counter() - began:.1f} s ({path})")
    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    queries = SiteQueries(url)

    async def read(work: Callable[[SiteQueries], T]) -> T:
        return await asyncio.to_thread(work, queries)

    model = MessageLogModel(read)

    async def measure(start: Callable[[], object]) -> float:
        done = asyncio.Event()

        def on_loading(loading: bool) -> None:
            if not loading:
                done.set()

        model.loadingChanged.connect(on_loading)
        began = time.perf_counter()
        start()
        if model.loading:
            await done.wait()
        model.loadingChanged.disconnect(on_loading)
        return 1000 * (time.perf_counter() - began)

    def timed(label: str, start: Callable[[], object]) -> None:
        elapsed = loop.run_until_complete(measure(start))
        print(f"{label:<52} {elapsed:8.1f} ms  rows {model.rowCount()}")

    def report(label: str, began: float, result: object) -> None:
        print(f"{label:<52} {1000 * (time.perf_counter() - began):8.1f} ms  {result}")

    timed("open the view (newest 500 of everything)", model.reload)
    timed("scroll to the end: fetchMore (next 500)", model.fetchMore)
    timed("live poll (nothing new)", model.poll_newer)
    filters = {
        "filter charger CP-042": FrameFilter(charger_id="CP-042"),
        "filter action Heartbeat": FrameFilter(actions=("Heartbeat",)),
        "filter errors only (kind, no index)": FrameFilter(kinds=(FrameKind.ERROR,)),
        "filter direction to charger": FrameFilter(direction=Direction.OUT),
        "filter last hour (time)": FrameFilter(since=datetime.now(UTC) - timedelta(hours=1)),
        "filter an hour in the middle (time)": FrameFilter(
            since=datetime.now(UTC) - timedelta(seconds=args.frames // 40 + 1800),
            until=datetime.now(UTC) - timedelta(seconds=args.frames // 40 - 1800),
        ),
        "filter text, common ('Energy')": FrameFilter(text="Energy"),
        "filter text, rare (one message id)": FrameFilter(text="00000abc-"),
        "filter text, absent (scans every payload)": FrameFilter(text="no-such-thing"),
        "filter charger + action + text": FrameFilter(
            charger_id="CP-042", actions=("MeterValues",), text="Power"
        ),
    }
    for label, where in filters.items():
        timed(label, lambda w=where: model.set_filter(w))  # type: ignore[misc]
        if model.canFetchMore():
            timed("  then fetchMore", model.fetchMore)
    timed("back to everything", lambda: model.set_filter(FrameFilter()))
    stored = model.rows[1].stored
    began = time.perf_counter()
    partner = loop.run_until_complete(read(lambda q: q.partner_frame(stored)))
    report("partner of a reply (found)", began, partner is not None)
    target = Path(folder.name) / "export.jsonl"
    where = FrameFilter(charger_id="CP-042")
    began = time.perf_counter()
    written = loop.run_until_complete(
        read(lambda q: q.export_frames(where, model.newest_id, target, ExportProgress()))
    )
    report("export one charger (JSON lines)", began, f"rows {written}")
    queries.close()
    folder.cleanup()


if __name__ == "__main__":
    main()
