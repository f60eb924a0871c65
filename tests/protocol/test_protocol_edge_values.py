"""Absurd timestamps and numbers: every billing message is answered, with the right code.

Unit checks of the timestamp reader, the integer ranges and the JSON fallback, then raw
frames over a real websocket (fake services behind the server).
"""

from __future__ import annotations

import json
import logging
import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from protocol_helpers import Ports, exchange, open_ws

from console.protocol.datetimes import (
    charger_time,
    is_timestamp,
    parse_timestamp,
    read_timestamp,
)
from console.protocol.errors import ErrorCode, OcppError
from console.protocol.framing import CallFrame, FrameError, parse_frame
from console.protocol.ocpp16 import OCPP16
from console.protocol.ocpp16.convert import sampled_value
from console.protocol.server import CentralSystemServer

SCHEMAS = OCPP16.schemas
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
YEAR_1_EAST = "0001-01-01T00:00:00+01:00"  # before the first moment datetime can hold
YEAR_9999_WEST = "9999-12-31T23:59:59-01:00"  # after the last one
I32, I64 = 2**31, 2**63


@pytest.mark.parametrize("text", [YEAR_1_EAST, YEAR_9999_WEST])
def test_a_timestamp_beyond_the_calendar_is_well_formed_but_unusable(text: str) -> None:
    assert is_timestamp(text)
    assert read_timestamp(text) is None
    with pytest.raises(ValueError):
        parse_timestamp(text)
    assert charger_time(text, NOW) == (NOW, True)


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        ("2026-12-01T11:00:00Z", True),
        ("2016-05-01T00:00:00Z", True),  # an old message from an offline queue
        ("2026-12-01T12:59:00Z", True),  # a clock slightly ahead
        ("2026-12-01T14:00:00Z", False),  # hours in the future
        ("1970-01-01T00:00:00Z", False),  # a clock reset
        ("0001-01-01T00:00:00Z", False),
        ("9999-12-31T23:59:59Z", False),
    ],
)
def test_charger_time_keeps_plausible_times_only(text: str, usable: bool) -> None:
    value, unusable = charger_time(text, NOW)
    assert unusable is not usable
    assert value == (parse_timestamp(text) if usable else NOW)


def test_charger_time_refuses_what_is_no_date_time() -> None:
    with pytest.raises(ValueError):
        charger_time("yesterday", NOW)


def _start(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "connectorId": 1,
        "idTag": "TAG",
        "meterStart": 0,
        "timestamp": "2026-12-01T11:00:00Z",
    }
    payload.update(changes)
    return payload


def _stop(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "transactionId": 1,
        "meterStop": 10,
        "timestamp": "2026-12-01T11:00:00Z",
    }
    payload.update(changes)
    return payload


def _meter(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "connectorId": 1,
        "meterValue": [{"timestamp": "2026-12-01T11:00:00Z", "sampledValue": [{"value": "1"}]}],
    }
    payload.update(changes)
    return payload


TYPE = ErrorCode.TYPE_CONSTRAINT_VIOLATION
PROPERTY = ErrorCode.PROPERTY_CONSTRAINT_VIOLATION


@pytest.mark.parametrize(
    ("action", "payload", "code"),
    [
        ("StartTransaction", _start(connectorId=I32), TYPE),
        ("StartTransaction", _start(connectorId=0), PROPERTY),
        ("StartTransaction", _start(connectorId=-1), PROPERTY),
        ("StartTransaction", _start(connectorId=1.5), TYPE),
        ("StartTransaction", _start(connectorId=float("inf")), TYPE),
        ("StartTransaction", _start(meterStart=I64), TYPE),
        ("StartTransaction", _start(meterStart=-I64 - 1), TYPE),
        ("StartTransaction", _start(meterStart=I32), None),  # a large lifetime register
        ("StartTransaction", _start(meterStart=-5), None),  # judged by the services
        ("StartTransaction", _start(reservationId=I32), TYPE),
        ("StartTransaction", _start(timestamp=YEAR_1_EAST), None),
        ("StartTransaction", _start(timestamp="yesterday"), PROPERTY),
        ("StopTransaction", _stop(transactionId=I32), TYPE),
        ("StopTransaction", _stop(transactionId=-1), None),  # answered, kept aside
        ("StopTransaction", _stop(meterStop=2**64), TYPE),
        ("StopTransaction", _stop(meterStop=I64 - 1), None),
        ("StopTransaction", _stop(timestamp=YEAR_9999_WEST), None),
        ("MeterValues", _meter(connectorId=-1), PROPERTY),
        ("MeterValues", _meter(connectorId=0), None),
        ("MeterValues", _meter(transactionId=I32), TYPE),
        (
            "StatusNotification",
            {"connectorId": I32, "errorCode": "NoError", "status": "Available"},
            TYPE,
        ),
        ("LogStatusNotification", {"status": "Uploaded", "requestId": -I32 - 1}, TYPE),
    ],
)
def test_integer_ranges(action: str, payload: dict[str, Any], code: ErrorCode | None) -> None:
    if code is None:
        SCHEMAS.check_call(action, payload)
        return
    with pytest.raises(OcppError) as error:
        SCHEMAS.check_call(action, payload)
    assert error.value.code is code


def test_json_that_orjson_refuses_still_yields_the_unique_id() -> None:
    frame = parse_frame('[2, "u1", "MeterValues", {"connectorId": 1e400}]')
    assert isinstance(frame, CallFrame) and frame.unique_id == "u1"
    with pytest.raises(OcppError) as error:
        SCHEMAS.check_call("MeterValues", {**_meter(), "connectorId": frame.payload["connectorId"]})
    assert error.value.code is TYPE
    big = parse_frame('[2, "u2", "Heartbeat", {"n": 123456789012345678901234567890}]')
    assert isinstance(big, CallFrame) and big.unique_id == "u2"


@pytest.mark.parametrize(
    "text", ['[2, "u", "Heartbeat", {"n": NaN}]', '[2, "u", "Heartbeat", {"s": "\\ud800"}]']
)
def test_no_json_stays_a_formation_violation(text: str) -> None:
    with pytest.raises(FrameError) as error:
        parse_frame(text)
    assert error.value.code is ErrorCode.FORMATION_VIOLATION


# ----------------------------------------------------------------- over a websocket


async def test_billing_messages_with_unusable_times_are_answered_and_marked(
    server: CentralSystemServer, ports: Ports, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    ws = await open_ws(server)
    try:
        reply = await exchange(ws, [2, "s1", "StartTransaction", _start(timestamp=YEAR_1_EAST)])
        assert reply[:2] == [3, "s1"] and reply[2]["transactionId"] == 42
        start = ports.messages.last("start_transaction")
        assert start.timestamp_unusable
        assert abs(start.timestamp - datetime.now(UTC)) < timedelta(minutes=1)

        stop = _stop(
            timestamp=YEAR_9999_WEST,
            transactionData=[
                {"timestamp": "1970-01-01T00:00:00Z", "sampledValue": [{"value": "5"}]}
            ],
        )
        reply = await exchange(ws, [2, "s2", "StopTransaction", stop])
        assert reply[:2] == [3, "s2"]
        request = ports.messages.last("stop_transaction")
        assert request.timestamp_unusable and request.transaction_data[0].timestamp_unusable

        values = [
            {"timestamp": YEAR_9999_WEST, "sampledValue": [{"value": "NaN"}, {"value": "1e400"}]},
            {"timestamp": "2026-01-01T00:00:00Z", "sampledValue": [{"value": "7"}]},
        ]
        meter = _meter(meterValue=values)
        reply = await exchange(ws, [2, "s3", "MeterValues", meter])
        assert reply == [3, "s3", {}]
        report = ports.messages.last("meter_values")
        first, second = report.meter_values
        assert first.timestamp_unusable and not second.timestamp_unusable
        assert [s.raw_value for s in first.samples] == ["NaN", "1e400"]

        status = {
            "connectorId": 1,
            "errorCode": "NoError",
            "status": "Available",
            "timestamp": YEAR_1_EAST,
        }
        assert (await exchange(ws, [2, "s4", "StatusNotification", status]))[:2] == [3, "s4"]
        assert ports.messages.last("status").timestamp is None
    finally:
        await ws.close()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_numbers_out_of_range_get_their_code_with_the_call_id(
    server: CentralSystemServer, ports: Ports
) -> None:
    ws = await open_ws(server)
    try:
        text = json.dumps([2, "n1", "StartTransaction", _start(meterStart="__RAW__")])
        text = text.replace('"__RAW__"', "1e400")
        assert (await exchange(ws, text))[:3] == [4, "n1", TYPE.value]
        huge = _stop(meterStop=2**70)
        assert (await exchange(ws, [2, "n2", "StopTransaction", huge]))[:3] == [4, "n2", TYPE.value]
        negative = _start(connectorId=-3)
        reply = await exchange(ws, [2, "n3", "StartTransaction", negative])
        assert reply[:3] == [4, "n3", PROPERTY.value]
        # Still served afterwards.
        assert (await exchange(ws, [2, "n4", "Heartbeat", {}]))[:2] == [3, "n4"]
    finally:
        await ws.close()
    assert "start_transaction" not in [name for name, _, _ in ports.messages.calls]


async def test_a_failing_check_is_answered_with_the_call_id(
    server: CentralSystemServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(action: str, payload: dict[str, Any]) -> None:
        raise RecursionError("a bug of ours")

    monkeypatch.setattr(SCHEMAS, "check_call", broken)
    ws = await open_ws(server)
    try:
        reply = await exchange(ws, [2, "b1", "Heartbeat", {}])
        assert reply[:3] == [4, "b1", ErrorCode.INTERNAL_ERROR.value]
    finally:
        await ws.close()


async def test_a_failing_parse_is_answered(
    server: CentralSystemServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(data: str | bytes) -> Any:
        raise MemoryError("a bug of ours")

    monkeypatch.setattr("console.protocol.connection.parse_frame", broken)
    ws = await open_ws(server)
    try:
        reply = await exchange(ws, [2, "p1", "Heartbeat", {}])
        assert reply[:3] == [4, "-1", ErrorCode.FORMATION_VIOLATION.value]
    finally:
        await ws.close()


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12.0), ("-3.5", -3.5), ("1e3", 1000.0), (" 7 ", 7.0), ("+2", 2.0)],
)
def test_a_sampled_value_that_is_a_decimal_is_a_number(text: str, number: float) -> None:
    sample = sampled_value({"value": text})
    assert sample.value == number and sample.raw_value is None


@pytest.mark.parametrize(
    "text", ["NaN", "inf", "-inf", "1e400", "1_000", "\uff11\uff12", "0x10", "", "1.2.3"]
)
def test_a_sampled_value_that_is_no_decimal_stays_text(text: str) -> None:
    sample = sampled_value({"value": text})
    assert math.isnan(sample.value) and sample.raw_value == text
