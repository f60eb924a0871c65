"""`chargedesk serve` killed with SIGKILL again and again loses nothing it acknowledged.

Simulated chargers run sessions against a real `chargedesk serve` process while the test
kills it (SIGKILL, no chance to clean up) at varying moments and starts it again on the
same port and database (a SQLite file, and a PostgreSQL database). The chargers retry
what was not answered, as real ones do. At the end every StartTransaction,
StopTransaction and MeterValues that got an answer must be in the database exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from console.core.model import Card
from console.protocol.datetimes import parse_timestamp
from console.services import admin
from console.simulator.charger import SimulatedCharger
from console.storage import sessions as session_repo
from console.storage.database import open_database
from tests.actors import ADMIN

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

KILLS = 8
DELIVERY_WAIT = 120.0  # seconds for a charger's queue to drain at the end
CHARGERS = 4
CARDS = [f"CRASH-{n}" for n in range(CHARGERS * 2)]


class RecordingCharger(SimulatedCharger):
    """Remembers each transaction call that was answered, with its answer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answered: list[tuple[Any, Any]] = []

    async def _call_on(self, link: Any, payload: Any) -> Any:
        reply = await super()._call_on(link, payload)
        if type(payload).__name__ in ("StartTransaction", "StopTransaction", "MeterValues"):
            self.answered.append((payload, reply))
        return reply


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _start_server(port: int, db_url: str) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "serve", "--host", "127.0.0.1",
        "--port", str(port), "--db", db_url, "--admission", "open", "--no-tls",
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 30)
    assert b"listening on ws://" in line, line
    return process


async def _drive(charger: RecordingCharger, connector: int, card: str, stop: asyncio.Event) -> None:
    """A driver who plugs in, charges for a few samples, unplugs, and comes back."""
    while not stop.is_set():
        if await charger.start_session(connector, card) is None:
            await charger.wait_for(lambda: charger.connected or stop.is_set(), timeout=30)
            continue
        target = charger.sent["MeterValues"] + 4
        await charger.wait_for(
            lambda t=target: charger.sent["MeterValues"] >= t or stop.is_set(), 30
        )
        await charger.stop_session(connector)


def _answered_calls(chargers: list[RecordingCharger]) -> int:
    return sum(len(c.answered) for c in chargers)


@pytest.fixture
def alone() -> Iterator[None]:
    """One kill -9 run at a time on this machine (the SQLite and the PostgreSQL variant
    on two xdist workers): each keeps a server and four chargers busy, and two at once
    on a 2-core machine push the servers' answers past the chargers' timeouts."""
    if os.name != "posix":
        yield
        return
    import fcntl

    with (Path(tempfile.gettempdir()) / "chargedesk-kill9-test.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # blocks until the other variant is done
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.mark.timeout(480)  # including the wait for the other variant
async def test_nothing_acknowledged_is_lost_across_sigkills(db_url: str, alone: None) -> None:
    for card in CARDS:
        admin.add_card(db_url, Card(card), actor=ADMIN)
    port = _free_port()
    rng = random.Random(7)
    chargers = [
        RecordingCharger(
            f"CRASH-CP{n}", f"ws://127.0.0.1:{port}/ocpp/", connectors=2,
            kind="DC" if n % 2 else "AC", meter_interval=0.02, speed=30.0,
            boot_retry_floor=0.05, reconnect_delay=0.05, reconnect_max_delay=0.3,
            retry_interval=0.1, response_timeout=5.0, authorize_before_start=False, seed=n,
        )
        for n in range(CHARGERS)
    ]  # fmt: skip
    server = await _start_server(port, db_url)
    stop = asyncio.Event()
    drivers: list[asyncio.Task[None]] = []
    try:
        for charger in chargers:
            await charger.start()
        for n, charger in enumerate(chargers):
            await charger.wait_booted(timeout=30)
            for connector in (1, 2):
                card = CARDS[n * 2 + connector - 1]
                drivers.append(asyncio.create_task(_drive(charger, connector, card, stop)))
        for _ in range(KILLS):
            target = _answered_calls(chargers) + rng.randint(15, 60)
            await chargers[0].wait_for(lambda t=target: _answered_calls(chargers) >= t, 60)
            server.send_signal(signal.SIGKILL)
            await server.wait()
            server = await _start_server(port, db_url)
        stop.set()
        await asyncio.wait_for(asyncio.gather(*drivers), 60)
        for charger in chargers:
            await charger.wait_booted(timeout=30)
            # What a charger queued while the server was down (MeterValues every 20 ms
            # per connector) goes one call at a time: on a loaded machine, more than 30 s.
            await charger.wait_delivered(timeout=DELIVERY_WAIT)
    finally:
        stop.set()
        for task in drivers:
            task.cancel()
        for charger in chargers:
            await charger.stop()
        with contextlib.suppress(ProcessLookupError):
            server.send_signal(signal.SIGTERM)
        await server.wait()

    _check_database(db_url, chargers)


def _check_database(db_url: str, chargers: list[RecordingCharger]) -> None:
    engine = open_database(db_url)
    samples = session_repo.meter_samples
    starts = stops = sample_count = 0
    with engine.connect() as connection:
        for charger in chargers:
            for request, reply in charger.answered:
                action = type(request).__name__
                if action == "StartTransaction":
                    starts += 1
                    session = session_repo.get_session(connection, reply.transaction_id)
                    assert session is not None, request
                    assert session.charger_id == charger.charger_id
                    assert session.meter_start == request.meter_start
                    assert session.started_at == parse_timestamp(request.timestamp)
                elif action == "StopTransaction":
                    stops += 1
                    session = session_repo.get_session(connection, request.transaction_id)
                    assert session is not None and not session.running, request
                    assert session.meter_stop == request.meter_stop
                else:
                    for value in request.meter_value:
                        taken_at = parse_timestamp(value["timestamp"])
                        for sample in value["sampledValue"]:
                            sample_count += 1
                            found = connection.execute(
                                select(func.count())
                                .select_from(samples)
                                .where(
                                    samples.c.charger_id == charger.charger_id,
                                    samples.c.session_key == request.transaction_id,
                                    samples.c.taken_at == taken_at,
                                    samples.c.measurand == sample["measurand"],
                                    # A periodic and an end reading at the same instant
                                    # are two samples: the context tells them apart.
                                    samples.c.context == sample.get("context", ""),
                                    samples.c.phase == sample.get("phase", ""),
                                    samples.c.location == sample.get("location", ""),
                                )
                            ).scalar()
                            assert found == 1, (request, sample)
        sessions = session_repo.list_sessions(connection)
    engine.dispose()
    # Each answered start is one session: retried starts did not create duplicates.
    started_ids = {
        reply.transaction_id
        for charger in chargers
        for request, reply in charger.answered
        if type(request).__name__ == "StartTransaction"
    }
    assert len(sessions) == len(started_ids)
    assert starts >= KILLS and stops > 0 and sample_count > 100
