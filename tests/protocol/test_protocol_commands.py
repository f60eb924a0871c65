"""Commands to chargers: 1.6 payloads, replies and every kind of outcome."""

from __future__ import annotations

import asyncio
import typing
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from protocol_helpers import WAIT, Ports

from console.core import commands as c
from console.core.enums import CommandResult, Direction, FrameKind
from console.protocol.ocpp16 import OCPP16
from console.protocol.server import CentralSystemServer

WHEN = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)
PROFILE = {
    "chargingProfileId": 1,
    "stackLevel": 0,
    "chargingProfilePurpose": "TxDefaultProfile",
    "chargingProfileKind": "Absolute",
    "chargingSchedule": {
        "chargingRateUnit": "A",
        "startSchedule": WHEN,  # services may hand datetimes and Decimals
        "chargingSchedulePeriod": [
            {"startPeriod": 0, "limit": Decimal("7.7")},
            {"startPeriod": 60, "limit": 21.4},
        ],
    },
}

# One example of every command, with the action it becomes and a reply a charger gives.
EXAMPLES: list[tuple[c.Command, str, dict[str, Any]]] = [
    (c.RemoteStart("TAG", 1, PROFILE), "RemoteStartTransaction", {"status": "Accepted"}),
    (c.RemoteStop(42), "RemoteStopTransaction", {"status": "Rejected"}),
    (c.Reset(hard=True), "Reset", {"status": "Accepted"}),
    (c.UnlockConnector(1), "UnlockConnector", {"status": "Unlocked"}),
    (c.ChangeAvailability(0, available=False), "ChangeAvailability", {"status": "Scheduled"}),
    (
        c.GetConfiguration(("HeartbeatInterval", "Foo")),
        "GetConfiguration",
        {
            "configurationKey": [{"key": "HeartbeatInterval", "readonly": False, "value": "60"}],
            "unknownKey": ["Foo"],
        },
    ),
    (
        c.ChangeConfiguration("MeterValueSampleInterval", "30"),
        "ChangeConfiguration",
        {"status": "RebootRequired"},
    ),
    (c.ClearCache(), "ClearCache", {"status": "Accepted"}),
    (c.TriggerMessage("StatusNotification", 1), "TriggerMessage", {"status": "Accepted"}),
    (c.DataTransfer("Acme", "ping", "x"), "DataTransfer", {"status": "Accepted", "data": "pong"}),
    (
        c.GetDiagnostics("ftp://example.com/up", 3, 60, WHEN, WHEN),
        "GetDiagnostics",
        {"fileName": "diag.zip"},
    ),
    (c.UpdateFirmware("https://example.com/fw.bin", WHEN, 2, 30), "UpdateFirmware", {}),
    (c.GetLocalListVersion(), "GetLocalListVersion", {"listVersion": 5}),
    (
        c.SendLocalList(
            6,
            full=False,
            entries=(
                c.LocalListEntry("A", "Accepted", WHEN, "P"),
                c.LocalListEntry("B"),  # removed
            ),
        ),
        "SendLocalList",
        {"status": "Accepted"},
    ),
    (c.ReserveNow(1, WHEN, "TAG", 9, "P"), "ReserveNow", {"status": "Occupied"}),
    (c.CancelReservation(9), "CancelReservation", {"status": "Accepted"}),
    (c.SetChargingProfile(1, PROFILE), "SetChargingProfile", {"status": "Accepted"}),
    (
        c.ClearChargingProfile(1, 1, "TxDefaultProfile", 0),
        "ClearChargingProfile",
        {"status": "Unknown"},
    ),
    (
        c.GetCompositeSchedule(1, 3600, "A"),
        "GetCompositeSchedule",
        {
            "status": "Accepted",
            "connectorId": 1,
            "scheduleStart": "2025-03-01T10:00:00Z",
            "chargingSchedule": {
                "chargingRateUnit": "A",
                "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 21.4}],
            },
        },
    ),
    # The 1.6 security extension
    (
        c.InstallCertificate("CentralSystemRootCertificate", "-----BEGIN CERTIFICATE-----"),
        "InstallCertificate",
        {"status": "Accepted"},
    ),
    (
        c.GetInstalledCertificateIds("CentralSystemRootCertificate"),
        "GetInstalledCertificateIds",
        {
            "status": "Accepted",
            "certificateHashData": [
                {
                    "hashAlgorithm": "SHA256",
                    "issuerNameHash": "ab",
                    "issuerKeyHash": "cd",
                    "serialNumber": "1f",
                }
            ],
        },
    ),
    (
        c.DeleteCertificate(c.CertificateHash("SHA256", "ab", "cd", "1f")),
        "DeleteCertificate",
        {"status": "NotFound"},
    ),
    (
        c.ExtendedTriggerMessage("SignChargePointCertificate"),
        "ExtendedTriggerMessage",
        {"status": "Accepted"},
    ),
    (
        c.CertificateSigned("-----BEGIN CERTIFICATE-----"),
        "CertificateSigned",
        {"status": "Rejected"},
    ),
]
REPLIES = {action: reply for _, action, reply in EXAMPLES}


def test_examples_cover_every_command() -> None:
    assert {type(command) for command, _, _ in EXAMPLES} == set(typing.get_args(c.Command))
    assert len(EXAMPLES) == 24


@pytest.mark.parametrize(("command", "action", "reply"), EXAMPLES, ids=lambda v: type(v).__name__)
def test_every_command_encodes_to_a_valid_payload(
    command: c.Command, action: str, reply: dict[str, Any]
) -> None:
    encoded_action, payload = OCPP16.encode(command)
    assert encoded_action == action
    OCPP16.schemas.check_call(action, payload)
    OCPP16.schemas.check_result(action, reply)


def test_encoding_details() -> None:
    assert OCPP16.encode(c.RemoteStart("TAG")) == ("RemoteStartTransaction", {"idTag": "TAG"})
    assert OCPP16.encode(c.GetConfiguration()) == ("GetConfiguration", {})
    assert OCPP16.encode(c.Reset()) == ("Reset", {"type": "Soft"})
    assert OCPP16.encode(c.ChangeAvailability(1, True))[1]["type"] == "Operative"
    assert OCPP16.encode(c.ClearChargingProfile()) == ("ClearChargingProfile", {})
    _, payload = OCPP16.encode(c.SendLocalList(1, full=True, entries=(c.LocalListEntry("B"),)))
    assert payload == {
        "listVersion": 1,
        "updateType": "Full",
        "localAuthorizationList": [{"idTag": "B"}],
    }
    _, payload = OCPP16.encode(c.SetChargingProfile(1, PROFILE))
    schedule = payload["csChargingProfiles"]["chargingSchedule"]
    assert schedule["startSchedule"] == "2025-03-01T10:00:00.000Z"
    assert schedule["chargingSchedulePeriod"][0]["limit"] == 7.7


async def test_every_command_round_trip(server: CentralSystemServer, charger) -> None:
    cp = await charger(answer=lambda action, payload: REPLIES[action])
    for command, action, reply in EXAMPLES:
        outcome = await server.send("CP1", command)
        assert outcome.result is CommandResult.ANSWERED, (action, outcome)
        assert outcome.status == reply.get("status")
        assert outcome.details == reply
        assert cp.received[-1][2] == action
        assert cp.received[-1][3] == OCPP16.encode(command)[1]
    assert [frame[2] for frame in cp.received] == [action for _, action, _ in EXAMPLES]


async def test_offline_charger(server: CentralSystemServer) -> None:
    outcome = await server.send("NOBODY", c.Reset())
    assert outcome.result is CommandResult.OFFLINE
    assert (
        await server.send_raw("NOBODY", "Reset", {"type": "Soft"})
    ).result is CommandResult.OFFLINE


async def test_timeout_and_late_reply_dropped(
    server: CentralSystemServer, charger, ports: Ports
) -> None:
    cp = await charger(answer=lambda action, payload: None)
    outcome = await server.send("CP1", c.ClearCache(), timeout=0.2)
    assert outcome.result is CommandResult.TIMEOUT
    late_id = cp.received[0][1]
    await cp.ws.send(f'[3, "{late_id}", {{"status": "Accepted"}}]')
    # A heartbeat after it proves the late reply was read (frames are read in order).
    await cp.request("Heartbeat", {})
    (late,) = ports.log.find(Direction.IN, FrameKind.RESULT, late_id)
    assert late.action is None and late.latency_ms is None
    assert server.is_connected("CP1")


async def test_connection_lost_while_waiting_is_offline(
    server: CentralSystemServer, charger
) -> None:
    cp = await charger(answer=lambda action, payload: None)
    pending = asyncio.create_task(server.send("CP1", c.ClearCache(), timeout=WAIT))
    await asyncio.wait_for(cp.call_arrived.wait(), WAIT)
    await cp.close()
    outcome = await asyncio.wait_for(pending, WAIT)
    assert outcome.result is CommandResult.OFFLINE


@pytest.mark.parametrize(
    ("code", "result"),
    [
        ("NotSupported", CommandResult.NOT_SUPPORTED),
        ("NotImplemented", CommandResult.NOT_SUPPORTED),
        ("GenericError", CommandResult.CALL_ERROR),
        ("FormatViolation", CommandResult.CALL_ERROR),
    ],
)
async def test_callerror_replies(
    server: CentralSystemServer, charger, code: str, result: CommandResult
) -> None:
    await charger(answer=lambda action, payload: [4, "{id}", code, "nah", {"k": 1}])
    outcome = await server.send("CP1", c.UnlockConnector(1))
    assert (outcome.result, outcome.error) == (result, code)
    assert outcome.details == {"description": "nah", "details": {"k": 1}}


@pytest.mark.parametrize(
    "reply",
    [
        {"status": "Maybe"},  # enum
        {},  # status missing
        [3, "{id}"],  # malformed frame
        [3, "{id}", []],  # payload is no object
    ],
)
async def test_invalid_reply(server: CentralSystemServer, charger, reply: Any) -> None:
    await charger(answer=lambda action, payload: reply)
    outcome = await server.send("CP1", c.Reset(), timeout=WAIT)
    assert outcome.result is CommandResult.INVALID, outcome


async def test_invalid_request_is_not_sent(server: CentralSystemServer, charger) -> None:
    cp = await charger()
    outcome = await server.send("CP1", c.RemoteStart("X" * 21))
    assert outcome.result is CommandResult.INVALID and "idTag" in (outcome.error or "")
    await cp.request("Heartbeat", {})
    assert cp.received == []


async def test_send_raw(server: CentralSystemServer, charger) -> None:
    cp = await charger(answer=lambda action, payload: {"status": "Accepted", "filename": "x.log"})
    raw = {"logType": "DiagnosticsLog", "requestId": 1, "log": {"remoteLocation": "ftp://h/x"}}
    outcome = await server.send_raw("CP1", "GetLog", raw)
    assert (outcome.result, outcome.status) == (CommandResult.ANSWERED, "Accepted")
    assert cp.received[-1][2:] == ["GetLog", raw]
    for action, payload in [
        ("GetLog", {"logType": "Nope"}),  # breaks the schema
        ("Heartbeat", {}),  # chargers send this one
        ("MakeCoffee", {}),  # no 1.6 action
    ]:
        outcome = await server.send_raw("CP1", action, payload)
        assert outcome.result is CommandResult.INVALID, action
    assert len(cp.received) == 1


async def test_one_outstanding_call_per_charger(server: CentralSystemServer, charger) -> None:
    cp = await charger(answer=lambda action, payload: None)
    first = asyncio.create_task(server.send("CP1", c.ClearCache()))
    second = asyncio.create_task(server.send("CP1", c.Reset()))
    await asyncio.wait_for(cp.call_arrived.wait(), WAIT)
    cp.call_arrived.clear()
    # The second CALL waits for the first one's reply; a heartbeat round trip shows
    # that nothing else was sent meanwhile.
    await cp.request("Heartbeat", {})
    assert [frame[2] for frame in cp.received] == ["ClearCache"]
    await cp.ws.send(f'[3, "{cp.received[0][1]}", {{"status": "Accepted"}}]')
    assert (await asyncio.wait_for(first, WAIT)).accepted
    await asyncio.wait_for(cp.call_arrived.wait(), WAIT)
    await cp.ws.send(f'[3, "{cp.received[1][1]}", {{"status": "Rejected"}}]')
    assert (await asyncio.wait_for(second, WAIT)).status == "Rejected"


async def test_handler_awaiting_its_own_charger_is_refused(
    server: CentralSystemServer, charger, ports: Ports
) -> None:
    async def command_from_handler(charger_id: str, _arg: Any) -> None:
        await server.send(charger_id, c.ClearCache())

    ports.messages.hooks["heartbeat"] = command_from_handler
    cp = await charger()
    reply = await cp.request("Heartbeat", {})
    assert reply[2] == "InternalError"
    assert cp.received == []
