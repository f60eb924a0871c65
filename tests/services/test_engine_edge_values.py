"""Absurd timestamps and numbers against the real engine: answered, stored, flagged.

Raw frames over a websocket to a ``CentralSystem`` on a SQLite file: a session whose
charger times are year 1 and year 9999 is stored with our receipt times and flagged;
numbers beyond their type get their CALLERROR and never reach (or break) a commit.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

from console.core.clock import as_utc, utcnow
from console.core.enums import SessionFlag
from console.core.model import Card
from console.services.engine import CentralSystem
from console.storage import cards as card_repo
from console.storage import sessions as session_repo

YEAR_1_EAST = "0001-01-01T00:00:00+01:00"
YEAR_9999_WEST = "9999-12-31T23:59:59-01:00"
WAIT = 10.0


async def _exchange(ws: ClientConnection, frame: list[Any] | str) -> list[Any]:
    await ws.send(frame if isinstance(frame, str) else json.dumps(frame))
    while True:
        message: list[Any] = json.loads(await asyncio.wait_for(ws.recv(), WAIT))
        if message[0] != 2:  # not a CALL of the engine's own
            return message
        await ws.send(json.dumps([4, message[1], "NotSupported", "", {}]))


async def _booted(engine: CentralSystem, charger_id: str) -> ClientConnection:
    ws = await connect(
        f"ws://127.0.0.1:{engine.port}/ocpp/{charger_id}",
        subprotocols=["ocpp1.6"],  # type: ignore[list-item]
        open_timeout=WAIT,
    )
    boot = {"chargePointVendor": "Edge", "chargePointModel": "E1"}
    reply = await _exchange(ws, [2, "boot", "BootNotification", boot])
    assert reply[2]["status"] == "Accepted"
    return ws


def _recent(moment: datetime | None) -> bool:
    return moment is not None and abs(as_utc(moment) - datetime.now(UTC)) < timedelta(minutes=5)


async def test_a_session_with_unusable_times_is_stored_with_receipt_times(
    engine: CentralSystem, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    await engine.writer.submit(lambda c: card_repo.save_card(c, Card("EDGE-CARD"), utcnow()))
    ws = await _booted(engine, "EDGE-1")
    try:
        start = {
            "connectorId": 1,
            "idTag": "EDGE-CARD",
            "meterStart": 1000,
            "timestamp": YEAR_1_EAST,
        }
        reply = await _exchange(ws, [2, "s", "StartTransaction", start])
        assert reply[0] == 3 and reply[2]["idTagInfo"]["status"] == "Accepted"
        tx = reply[2]["transactionId"]
        meter = {
            "connectorId": 1,
            "transactionId": tx,
            "meterValue": [
                {"timestamp": YEAR_9999_WEST, "sampledValue": [{"value": "1500"}]},
                {"timestamp": "0001-01-01T00:00:00Z", "sampledValue": [{"value": "1e400"}]},
            ],
        }
        assert await _exchange(ws, [2, "m", "MeterValues", meter]) == [3, "m", {}]
        stop = {"transactionId": tx, "meterStop": 2000, "timestamp": YEAR_9999_WEST}
        assert (await _exchange(ws, [2, "t", "StopTransaction", stop]))[:2] == [3, "t"]
    finally:
        await ws.close()

    session = await engine.writer.submit(lambda c: session_repo.get_session(c, tx))
    assert session is not None and not session.running
    assert _recent(session.started_at) and _recent(session.stopped_at)
    assert SessionFlag.SUSPECT_TIMESTAMP.value in session.flags
    assert session.energy_wh == 1000
    samples = await engine.writer.submit(lambda c: session_repo.samples_of_session(c, tx))
    assert samples and all(_recent(s["taken_at"]) for s in samples)
    assert {s["raw_value"] for s in samples if s["value"] is None} <= {"1e400"}
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_numbers_beyond_their_type_are_refused_and_break_no_commit(
    engine: CentralSystem, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    ws = await _booted(engine, "EDGE-2")
    base = {"connectorId": 1, "idTag": "X", "meterStart": 0, "timestamp": "2026-12-01T10:00:00Z"}
    try:
        for uid, change in [
            ("a", {"meterStart": 2**63}),
            ("b", {"connectorId": 2**31}),
            ("c", {"reservationId": 2**40}),
        ]:
            reply = await _exchange(ws, [2, uid, "StartTransaction", {**base, **change}])
            assert reply[:3] == [4, uid, "TypeConstraintViolation"]
        stop = {"transactionId": 1, "meterStop": "__RAW__", "timestamp": base["timestamp"]}
        raw = json.dumps([2, "d", "StopTransaction", stop])
        reply = await _exchange(ws, raw.replace('"__RAW__"', "1e400"))
        assert reply[:3] == [4, "d", "TypeConstraintViolation"]
        reply = await _exchange(ws, [2, "e", "StartTransaction", {**base, "connectorId": -1}])
        assert reply[:3] == [4, "e", "PropertyConstraintViolation"]
        # A large but valid meter register is stored.
        big = {**base, "meterStart": 2**40}
        reply = await _exchange(ws, [2, "f", "StartTransaction", big])
        assert reply[0] == 3
    finally:
        await ws.close()
    tx = reply[2]["transactionId"]
    session = await engine.writer.submit(lambda c: session_repo.get_session(c, tx))
    assert session is not None and session.meter_start == 2**40
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_stop_before_its_start_is_flagged_and_still_billable(
    engine: CentralSystem, caplog: pytest.LogCaptureFixture
) -> None:
    # The start's clock was wrong (stored with our receipt time); the stop's clock is
    # right but a minute earlier than that receipt time.
    caplog.set_level(logging.WARNING)
    await engine.writer.submit(lambda c: card_repo.save_card(c, Card("BACK-CARD"), utcnow()))
    ws = await _booted(engine, "EDGE-3")
    try:
        start = {"connectorId": 1, "idTag": "BACK-CARD", "meterStart": 0, "timestamp": YEAR_1_EAST}
        reply = await _exchange(ws, [2, "s", "StartTransaction", start])
        tx = reply[2]["transactionId"]
        earlier = (utcnow() - timedelta(minutes=1)).isoformat()
        stop = {"transactionId": tx, "meterStop": 500, "timestamp": earlier}
        assert (await _exchange(ws, [2, "t", "StopTransaction", stop]))[:2] == [3, "t"]
    finally:
        await ws.close()
    session = await engine.writer.submit(lambda c: session_repo.get_session(c, tx))
    assert session is not None and session.stopped_at == session.started_at
    assert SessionFlag.SUSPECT_TIMESTAMP.value in session.flags
    await engine.billing.bill_session(tx)  # raised "session stops before it starts"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
