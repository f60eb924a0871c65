"""Fuzzer: mutated 1.6 frames against the real engine; every CALL gets exactly one answer.

Valid BootNotification, Heartbeat, StatusNotification, Authorize, StartTransaction,
StopTransaction, MeterValues and DataTransfer frames are mutated at random (wrong
types, missing and extra keys, huge, negative, float, NaN and 1e400 numbers, absurd
timestamps, unicode, truncated JSON, wrong message type ids, duplicate unique ids) and
sent pipelined over several connections of accepted chargers to a ``CentralSystem`` on a
SQLite file. The server handles one connection's frames in arrival order, so the answers
must come back in the order of the frames that earn one; a valid Heartbeat after every
few mutations keeps the connection under its limit of bad frames in a row.

Quote the figures with (``-s`` shows the summary line; FUZZ_FRAMES and FUZZ_SEED
override the defaults)::

    .venv/bin/pytest -q -s -p no:cacheprovider tests/protocol/test_fuzz_frames.py
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fuzz_mutations import (
    dump,
    expected_answer,
    mutate_frame,
    mutate_payload,
    odd_but_valid,
    payloads,
)
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from console.core.clock import utcnow
from console.core.enums import AdmissionMode
from console.core.model import Card
from console.services.engine import CentralSystem, EngineConfig
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage import sessions as session_repo

FRAMES = int(os.environ.get("FUZZ_FRAMES", "10000"))  # mutated frames in all
SEED = int(os.environ.get("FUZZ_SEED", "20261202"))
CONNECTIONS = 8
GOOD_EVERY = 4  # a valid Heartbeat after at most this many mutated frames
WAIT = 120.0  # seconds all answers may take on a slow, shared machine


@dataclass
class Tally:
    """What one connection sent and received."""

    sent: int = 0
    mutated: int = 0
    calls: int = 0
    expected: list[tuple[str, bool]] = field(default_factory=list)
    answers: list[list[Any]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)


async def _read(ws: ClientConnection, tally: Tally) -> None:
    """Collect answers; answer the engine's own CALLs so that it never waits on us."""
    try:
        async for text in ws:
            message = json.loads(text)
            if message[0] == 2:
                await ws.send(json.dumps([4, message[1], "NotSupported", "fuzzer", {}]))
                continue
            tally.answers.append(message)
            if len(tally.answers) >= len(tally.expected):
                tally.arrived.set()
    except ConnectionClosed:
        tally.arrived.set()


async def _fuzz_connection(port: int, index: int, frames: int) -> Tally:
    rng = random.Random(SEED * 100 + index)
    tally = Tally()
    ws = await connect(
        f"ws://127.0.0.1:{port}/ocpp/FUZZ-{index}",
        subprotocols=["ocpp1.6"],  # type: ignore[list-item]
        open_timeout=10,
    )
    reader = asyncio.get_running_loop().create_task(_read(ws, tally))
    sequence = 0
    last_uid = "boot"

    async def send(frame: str | bytes) -> None:
        expected = expected_answer(frame)
        if expected is not None:
            tally.expected.append(expected)
            tally.calls += expected[1]
        tally.sent += 1
        await ws.send(frame)

    try:
        await send(
            json.dumps([2, "boot", "BootNotification", payloads(rng, 1)["BootNotification"]])
        )
        while tally.mutated < frames:
            for _ in range(rng.randint(1, GOOD_EVERY)):
                sequence += 1
                uid = last_uid if rng.random() < 0.05 else f"{index}-{sequence}"
                last_uid = uid
                action, payload = rng.choice(list(payloads(rng, rng.randint(1, 50)).items()))
                dice = rng.random()
                if dice < 0.25:
                    odd_but_valid(rng, payload)
                    frame: str | bytes = dump(rng, [2, uid, action, payload])
                elif dice < 0.75:
                    raw = mutate_payload(rng, payload)
                    frame = dump(rng, [2, uid, action, payload], raw)
                else:
                    frame = mutate_frame(rng, uid, action, json.dumps([2, uid, action, payload]))
                tally.mutated += 1
                await send(frame)
            sequence += 1
            await send(json.dumps([2, f"{index}-{sequence}-ok", "Heartbeat", {}]))
        # The last answer: anything answered twice would show up before it.
        await send(json.dumps([2, f"{index}-end", "Heartbeat", {}]))
        deadline = asyncio.get_running_loop().time() + WAIT
        while True:
            tally.arrived.clear()
            if len(tally.answers) >= len(tally.expected) or reader.done():
                break
            remaining = deadline - asyncio.get_running_loop().time()
            await asyncio.wait_for(tally.arrived.wait(), max(remaining, 0.001))
    finally:
        await ws.close()
        await asyncio.wait_for(reader, 10)
    return tally


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[CentralSystem]:
    config = EngineConfig(
        database_url=f"sqlite:///{tmp_path / 'fuzz.db'}",
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
        ping_interval=None,
        local_list_reconcile_interval=3600,
    )
    engine = CentralSystem(config)
    await engine.start()
    yield engine
    await engine.stop()


async def test_every_mutated_call_gets_exactly_one_answer(
    engine: CentralSystem, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.WARNING)
    began = time.perf_counter()
    share = [FRAMES // CONNECTIONS + (i < FRAMES % CONNECTIONS) for i in range(CONNECTIONS)]
    tallies = await asyncio.gather(
        *(_fuzz_connection(engine.port, i, n) for i, n in enumerate(share))
    )
    elapsed = time.perf_counter() - began

    codes: Counter[str] = Counter()
    results = 0
    for index, tally in enumerate(tallies):
        got = [(a[1], a[0]) for a in tally.answers]
        want = [uid for uid, _ in tally.expected]
        assert [uid for uid, _ in got] == want, f"connection {index}: answers out of step"
        for (uid, is_call), answer in zip(tally.expected, tally.answers, strict=True):
            if not is_call:
                assert answer[0] == 4, (uid, answer)
        assert tally.answers[0][:2] == [3, "boot"] and tally.answers[0][2]["status"] == "Accepted"
        assert tally.answers[-1][:2] == [3, f"{index}-end"]
        results += sum(a[0] == 3 for a in tally.answers)
        codes.update(a[2] for a in tally.answers if a[0] == 4)

    mutated = sum(t.mutated for t in tallies)
    print(
        f"\nfuzz: seed {SEED}, {CONNECTIONS} connections, {sum(t.sent for t in tallies)} frames"
        f" sent ({mutated} mutated), {sum(t.calls for t in tallies)} CALLs,"
        f" {results} CALLRESULTs, {sum(codes.values())} CALLERRORs in {elapsed:.1f} s;"
        f" errors by code: {dict(codes.most_common())}"
    )
    assert mutated >= FRAMES
    assert "InternalError" not in codes
    assert "SecurityError" not in codes  # the chargers were accepted all along
    tracebacks = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not tracebacks, [r.getMessage() for r in tracebacks[:5]]

    # Still a working central system: a normal session from start to stop.
    await engine.writer.submit(lambda c: card_repo.save_card(c, Card("GOOD-CARD"), utcnow()))
    charger = SimulatedCharger(
        "FUZZ-OK", f"ws://127.0.0.1:{engine.port}/ocpp/", boot_retry_floor=0.05
    )
    try:
        await charger.start()
        await charger.wait_booted()
        tx = await charger.start_session(1, "GOOD-CARD")
        assert tx is not None
        assert await charger.stop_session(1)
        stored = await engine.writer.submit(lambda c: session_repo.get_session(c, tx))
        assert stored is not None and not stored.running and stored.meter_stop is not None
    finally:
        await charger.stop()
