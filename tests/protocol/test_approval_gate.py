"""Approval means something: a charger staff have not accepted learns and changes nothing.

Raw OCPP frames over real websockets to a real engine in approve mode, as a device on
the site network would send them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from protocol_helpers import ScriptedCharger, open_ws

from console.core.cards import Card
from console.core.enums import AdmissionMode, Direction, FrameKind
from console.services.engine import CentralSystem, EngineConfig
from console.storage import cards as card_repo
from console.storage import sessions as session_repo
from console.storage.message_search import FrameFilter, search_frames
from tests.actors import ADMIN

BOOT = {"chargePointVendor": "Acme", "chargePointModel": "Sneak"}
NOW = "2026-12-01T10:00:00Z"
LATER = "2026-12-01T12:00:00Z"


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[CentralSystem]:
    """A real engine in approve mode on 127.0.0.1 with a SQLite file."""
    config = EngineConfig(
        database_url=f"sqlite:///{tmp_path / 'gate.db'}",
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.APPROVE,
    )
    engine = CentralSystem(config)
    await engine.start()
    yield engine
    await engine.stop()


def _billing_calls(transaction_id: int) -> list[tuple[str, dict[str, Any]]]:
    """Every CALL an intruder would try: learn cards, bill them, fill the tap form."""
    return [
        ("Authorize", {"idTag": "STAFF-1"}),
        ("Authorize", {"idTag": "NEVER-SEEN"}),
        (
            "StartTransaction",
            {"connectorId": 1, "idTag": "STAFF-1", "meterStart": 0, "timestamp": NOW},
        ),
        (
            "MeterValues",
            {
                "connectorId": 1,
                "transactionId": transaction_id,
                "meterValue": [
                    {
                        "timestamp": LATER,
                        "sampledValue": [
                            {"value": "250000", "measurand": "Energy.Active.Import.Register"}
                        ],
                    }
                ],
            },
        ),
        (
            "StopTransaction",
            {"transactionId": transaction_id, "meterStop": 250_000, "timestamp": LATER},
        ),
        (
            "StatusNotification",
            {"connectorId": 1, "status": "Charging", "errorCode": "NoError"},
        ),
        ("DataTransfer", {"vendorId": "Acme", "data": "x" * 100}),
        ("FirmwareStatusNotification", {"status": "Installed"}),
    ]


async def _sessions(engine: CentralSystem) -> list[Any]:
    return await engine.writer.submit(lambda c: session_repo.list_sessions(c))


async def test_pending_charger_gets_security_error_and_stores_nothing(
    engine: CentralSystem,
) -> None:
    await engine.cards.save_card(Card("STAFF-1", parent_id_tag="STAFF"), actor=ADMIN)
    tap = asyncio.ensure_future(engine.cards.next_unknown_card(None))
    intruder = ScriptedCharger(await open_ws(engine.server, "SNEAKY"))
    try:
        boot = await intruder.request("BootNotification", BOOT)
        assert boot[2]["status"] == "Pending"
        assert (await intruder.request("Heartbeat", {}))[0] == 3
        for action, payload in _billing_calls(transaction_id=1):
            reply = await intruder.request(action, payload)
            assert reply[0] == 4, (action, reply)
            assert reply[2] == "SecurityError", (action, reply)
            # The answer names no card, group or status.
            assert "STAFF" not in str(reply)
    finally:
        await intruder.close()

    assert await _sessions(engine) == []
    refused = await engine.writer.submit(lambda c: card_repo.list_refused_cards(c))
    assert refused == []
    assert not tap.done()  # the "Wait for tap" form heard nothing
    tap.cancel()
    # The charger was told nothing on our own initiative, but everything it sent is in
    # its message log for the technician.
    await engine.writer.submit(lambda c: None)  # the next commit carries the log rows
    stored = await engine.writer.submit(
        lambda c: search_frames(c, FrameFilter(charger_id="SNEAKY"), limit=100)
    )
    frames = [s.frame for s in stored]
    assert not [f for f in frames if f.direction is Direction.OUT and f.kind is FrameKind.CALL]
    assert {f.action for f in frames if f.direction is Direction.IN} >= {
        "Authorize",
        "StartTransaction",
        "DataTransfer",
    }


async def test_accepting_later_bills_nothing_sent_before(engine: CentralSystem) -> None:
    await engine.cards.save_card(Card("STAFF-1"), actor=ADMIN)
    charger = ScriptedCharger(await open_ws(engine.server, "LATE-1"))
    try:
        assert (await charger.request("BootNotification", BOOT))[2]["status"] == "Pending"
        for action, payload in _billing_calls(transaction_id=1):
            assert (await charger.request(action, payload))[0] == 4
        assert await engine.admission.set_approval("LATE-1", accepted=True, actor=ADMIN)
        # Acceptance asks for a new boot (TriggerMessage, answered Accepted by the script).
        await asyncio.wait_for(charger.call_arrived.wait(), 5)
        assert charger.received[0][2:] == [
            "TriggerMessage",
            {"requestedMessage": "BootNotification"},
        ]
        assert (await charger.request("BootNotification", BOOT))[2]["status"] == "Accepted"
        authorize = await charger.request("Authorize", {"idTag": "STAFF-1"})
        assert authorize[2]["idTagInfo"]["status"] == "Accepted"
        start = await charger.request(
            "StartTransaction",
            {"connectorId": 1, "idTag": "STAFF-1", "meterStart": 1000, "timestamp": LATER},
        )
        assert start[0] == 3
    finally:
        await charger.close()
    sessions = await _sessions(engine)
    assert [(s.charger_id, s.meter_start) for s in sessions] == [("LATE-1", 1000)]
