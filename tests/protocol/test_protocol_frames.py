"""Broken frames: the CALLERROR each earns, and disconnecting a charger that keeps sending them."""

from __future__ import annotations

import asyncio
import json

import pytest
from protocol_helpers import WAIT, Ports, exchange, open_ws

from console.core.enums import Direction, FrameKind
from console.protocol.errors import ErrorCode, OcppError
from console.protocol.framing import (
    CallFrame,
    ErrorFrame,
    FrameError,
    ResultFrame,
    encode_error,
    parse_frame,
)
from console.protocol.server import CentralSystemServer

HEARTBEAT = [2, "hb", "Heartbeat", {}]

# (frame sent, CALLERROR code, unique id in the CALLERROR)
BAD_CALLS: list[tuple[str | bytes, ErrorCode, str]] = [
    ("not json", ErrorCode.FORMATION_VIOLATION, "-1"),
    (b'[2,"b1","Heartbeat",{}]', ErrorCode.FORMATION_VIOLATION, "-1"),
    ('{"a": 1}', ErrorCode.FORMATION_VIOLATION, "-1"),
    ('"text"', ErrorCode.FORMATION_VIOLATION, "-1"),
    ("[]", ErrorCode.PROTOCOL_ERROR, "-1"),
    ('[2, "i1", "Heartbeat"]', ErrorCode.PROTOCOL_ERROR, "i1"),
    ('[2, "i1", "Heartbeat", {}, 5]', ErrorCode.FORMATION_VIOLATION, "i1"),
    ('[2, 17, "Heartbeat", {}]', ErrorCode.TYPE_CONSTRAINT_VIOLATION, "-1"),
    ('[2, "i1", 5, {}]', ErrorCode.TYPE_CONSTRAINT_VIOLATION, "i1"),
    ('[2, "i1", "Heartbeat", []]', ErrorCode.TYPE_CONSTRAINT_VIOLATION, "i1"),
    ('["2", "i1", "Heartbeat", {}]', ErrorCode.TYPE_CONSTRAINT_VIOLATION, "i1"),
    ('[true, "i1", "Heartbeat", {}]', ErrorCode.TYPE_CONSTRAINT_VIOLATION, "i1"),
    ('[7, "i1", "Heartbeat", {}]', ErrorCode.PROPERTY_CONSTRAINT_VIOLATION, "i1"),
    ('[2, "i1", "FooBar", {}]', ErrorCode.NOT_SUPPORTED, "i1"),
    ('[2, "i1", "Reset", {"type": "Hard"}]', ErrorCode.NOT_IMPLEMENTED, "i1"),
    ('[2, "i1", "CertificateSigned", {"certificateChain": "x"}]', ErrorCode.NOT_IMPLEMENTED, "i1"),
    ('[2, "i1", "Authorize", {}]', ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION, "i1"),
    ('[2, "i1", "Authorize", {"idTag": 5}]', ErrorCode.TYPE_CONSTRAINT_VIOLATION, "i1"),
    (
        '[2, "i1", "Authorize", {"idTag": "123456789012345678901"}]',
        ErrorCode.TYPE_CONSTRAINT_VIOLATION,
        "i1",
    ),
    (
        '[2, "i1", "StatusNotification",'
        ' {"connectorId": 1, "errorCode": "NoError", "status": "Dancing"}]',
        ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
        "i1",
    ),
    (
        '[2, "i1", "StartTransaction",'
        ' {"connectorId": 1, "idTag": "T", "meterStart": 0, "timestamp": "yesterday"}]',
        ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
        "i1",
    ),
    (
        '[2, "i1", "MeterValues", {"connectorId": 1, "meterValue": []}]',
        ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION,
        "i1",
    ),
    ('[2, "i1", "Heartbeat", {"extra": 1}]', ErrorCode.FORMATION_VIOLATION, "i1"),
]


@pytest.mark.parametrize(("frame", "code", "unique_id"), BAD_CALLS)
async def test_bad_frame_gets_its_callerror(
    server: CentralSystemServer, ports: Ports, frame: str | bytes, code: ErrorCode, unique_id: str
) -> None:
    async with await open_ws(server) as ws:
        reply = await exchange(ws, frame)
        assert reply[:3] == [4, unique_id, code.value]
        assert isinstance(reply[3], str) and reply[4] == {}
        # The connection survives and still answers.
        assert (await exchange(ws, HEARTBEAT))[:2] == [3, "hb"]
    assert ports.messages.calls == [("heartbeat", "CP1", None)]
    errors = ports.log.find(Direction.OUT, FrameKind.ERROR)
    assert [(f.message_id, json.loads(f.payload)[2]) for f in errors] == [(unique_id, code.value)]


@pytest.mark.parametrize(
    "frame", ['[3, "r1"]', '[3, "r1", []]', '[4, "r1", 5, "x", {}]', '[3, "r1", {}, 1]']
)
async def test_broken_replies_are_not_answered(
    server: CentralSystemServer, ports: Ports, frame: str
) -> None:
    async with await open_ws(server) as ws:
        await ws.send(frame)
        # The next frame received is the heartbeat's reply: nothing answered the broken one.
        assert (await exchange(ws, HEARTBEAT))[:2] == [3, "hb"]
    (invalid,) = ports.log.find(Direction.IN, FrameKind.INVALID)
    assert invalid.payload == frame


async def test_many_bad_frames_in_a_row_disconnect(make_server, ports: Ports) -> None:
    server = await make_server(max_bad_frames=4)
    async with await open_ws(server) as ws:
        for _ in range(3):
            assert (await exchange(ws, "garbage"))[0] == 4
        # A good frame resets the count.
        assert (await exchange(ws, HEARTBEAT))[0] == 3
        for _ in range(3):
            assert (await exchange(ws, '[2, "x", "Nope", {}]'))[0] == 4
        assert server.is_connected("CP1")
        assert (await exchange(ws, "garbage"))[0] == 4
        await asyncio.wait_for(ws.wait_closed(), WAIT)
        assert ws.close_code == 1008
    await ports.admission.wait_disconnected("CP1")
    assert ports.admission.disconnected == [("CP1", 1008, "4 bad frames in a row")]


async def test_frame_over_one_mib_is_refused_others_unaffected(
    server: CentralSystemServer, ports: Ports
) -> None:
    async with await open_ws(server, "BIG") as big, await open_ws(server, "SMALL") as small:
        await ports.admission.wait_connected("SMALL")
        data = "x" * (1024 * 1024)
        await big.send(json.dumps([2, "b", "DataTransfer", {"vendorId": "v", "data": data}]))
        await asyncio.wait_for(big.wait_closed(), WAIT)
        assert big.close_code == 1009  # message too big
        await ports.admission.wait_disconnected("BIG")
        assert (await exchange(small, HEARTBEAT))[:2] == [3, "hb"]
        assert server.connected_ids() == ["SMALL"]
    assert ports.messages.calls == [("heartbeat", "SMALL", None)]


async def test_handler_raising_is_internal_error_and_connection_survives(
    server: CentralSystemServer, ports: Ports
) -> None:
    ports.messages.raise_in["heartbeat"] = RuntimeError("database is on fire")
    async with await open_ws(server) as ws:
        reply = await exchange(ws, HEARTBEAT)
        assert reply[:3] == [4, "hb", "InternalError"]
        assert "fire" not in reply[3]  # internals stay inside
        del ports.messages.raise_in["heartbeat"]
        assert (await exchange(ws, HEARTBEAT))[0] == 3


async def test_handler_raising_ocpp_error_keeps_its_code(
    server: CentralSystemServer, ports: Ports
) -> None:
    ports.messages.raise_in["authorize"] = OcppError(ErrorCode.SECURITY_ERROR, "no")
    async with await open_ws(server) as ws:
        reply = await exchange(ws, [2, "a", "Authorize", {"idTag": "T"}])
        assert reply[:4] == [4, "a", "SecurityError", "no"]


async def test_our_reply_breaking_the_schema_is_internal_error(
    server: CentralSystemServer, ports: Ports
) -> None:
    from console.core.enums import AuthorizationStatus
    from console.core.model import IdTagInfo

    ports.messages.id_tag_info = IdTagInfo(AuthorizationStatus.ACCEPTED, parent_id_tag="P" * 30)
    async with await open_ws(server) as ws:
        reply = await exchange(ws, [2, "a", "Authorize", {"idTag": "T"}])
        assert reply[:3] == [4, "a", "InternalError"]


def test_parse_frame_kinds() -> None:
    assert parse_frame('[2,"1","Heartbeat",{}]') == CallFrame("1", "Heartbeat", {})
    assert parse_frame('[3,"1",{"a":1}]') == ResultFrame("1", {"a": 1})
    assert parse_frame('[4,"1","NotSupported","d",{}]') == ErrorFrame("1", "NotSupported", "d")
    # errorDetails left out, as some chargers do
    assert parse_frame('[4,"1","GenericError","d"]') == ErrorFrame("1", "GenericError", "d")


def test_broken_reply_frames_are_not_answerable() -> None:
    with pytest.raises(FrameError) as error:
        parse_frame('[3,"r1"]')
    assert (error.value.unique_id, error.value.answerable) == ("r1", False)


def test_callerror_description_is_capped() -> None:
    frame = json.loads(encode_error("1", "GenericError", "x" * 1000))
    assert len(frame[3]) == 255
