"""Schema validation with fastjsonschema, its error codes, and timestamps on the wire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import fastjsonschema
import orjson
import pytest

from console.protocol.datetimes import format_timestamp, is_timestamp, parse_timestamp
from console.protocol.errors import ErrorCode, OcppError
from console.protocol.ocpp16 import OCPP16
from console.protocol.schemas import SchemaSet, error_code_for

SCHEMAS = OCPP16.schemas


def _limit_profile(limit: float) -> dict[str, object]:
    return {
        "connectorId": 1,
        "csChargingProfiles": {
            "chargingProfileId": 1,
            "stackLevel": 0,
            "chargingProfilePurpose": "TxDefaultProfile",
            "chargingProfileKind": "Relative",
            "chargingSchedule": {
                "chargingRateUnit": "A",
                "chargingSchedulePeriod": [{"startPeriod": 0, "limit": limit}],
            },
        },
    }


def test_multiple_of_is_stripped() -> None:
    raw = orjson.loads((SCHEMAS._root / "SetChargingProfile.json").read_text(encoding="utf-8"))
    shipped = fastjsonschema.compile(raw)
    shipped(_limit_profile(7.7))  # fastjsonschema gets 0.1 steps right (Decimal division)
    computed = _limit_profile(13.33)  # a limit computed by arithmetic
    with pytest.raises(fastjsonschema.JsonSchemaValueException):
        shipped(computed)
    # Ours accepts both: a limit's precision is no reason to refuse the message.
    SCHEMAS.check_call("SetChargingProfile", _limit_profile(7.7))
    SCHEMAS.check_call("SetChargingProfile", computed)


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION),
        ({"idTag": 1}, ErrorCode.TYPE_CONSTRAINT_VIOLATION),
        ({"idTag": "x" * 21}, ErrorCode.TYPE_CONSTRAINT_VIOLATION),
        ({"idTag": "x", "more": 1}, ErrorCode.FORMATION_VIOLATION),
    ],
)
def test_schema_errors_map_to_codes(payload: dict[str, object], code: ErrorCode) -> None:
    with pytest.raises(OcppError) as error:
        SCHEMAS.check_call("Authorize", payload)
    assert error.value.code is code


def test_rule_mapping() -> None:
    assert error_code_for("enum") is ErrorCode.PROPERTY_CONSTRAINT_VIOLATION
    assert error_code_for("format") is ErrorCode.PROPERTY_CONSTRAINT_VIOLATION
    assert error_code_for("minItems") is ErrorCode.OCCURENCE_CONSTRAINT_VIOLATION
    assert error_code_for("anything else") is ErrorCode.FORMATION_VIOLATION
    assert error_code_for(None) is ErrorCode.FORMATION_VIOLATION


def test_actions_and_unknown_names() -> None:
    assert {"BootNotification", "Reset", "GetLog", "SignCertificate"} <= SCHEMAS.actions
    assert not any(name.endswith("Response") for name in SCHEMAS.actions)
    assert len(SCHEMAS.actions) == 39
    assert OCPP16.unknown_action("Reset").code is ErrorCode.NOT_IMPLEMENTED
    assert OCPP16.unknown_action("Brew").code is ErrorCode.NOT_SUPPORTED
    with pytest.raises(OcppError) as error:
        SCHEMAS.check_call("../../v201/schemas/Foo", {})
    assert error.value.code is ErrorCode.NOT_SUPPORTED


def test_validators_are_compiled_once() -> None:
    schemas = SchemaSet("v16/schemas")
    schemas.check_call("Heartbeat", {})
    first = schemas._validators["Heartbeat"]
    schemas.check_call("Heartbeat", {})
    assert schemas._validators["Heartbeat"] is first
    assert list(schemas._validators) == ["Heartbeat"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-01T10:00:00Z", datetime(2025, 3, 1, 10, tzinfo=UTC)),
        ("2025-03-01T10:00:00.5z", datetime(2025, 3, 1, 10, 0, 0, 500000, tzinfo=UTC)),
        ("2025-03-01T11:00:00+01:00", datetime(2025, 3, 1, 10, tzinfo=UTC)),
        ("2025-03-01 10:00:00", datetime(2025, 3, 1, 10, tzinfo=UTC)),
        ("2025-03-01t10:00", datetime(2025, 3, 1, 10, tzinfo=UTC)),
        ("2025-03-01T10:00:00.123456789Z", datetime(2025, 3, 1, 10, 0, 0, 123456, tzinfo=UTC)),
    ],
)
def test_parse_timestamp(text: str, expected: datetime) -> None:
    parsed = parse_timestamp(text)
    assert parsed == expected and parsed.tzinfo is UTC


@pytest.mark.parametrize("text", ["2025-03-01", "yesterday", "2025-13-01T10:00:00Z", ""])
def test_not_a_timestamp(text: str) -> None:
    assert not is_timestamp(text)
    with pytest.raises(ValueError):
        parse_timestamp(text)


def test_format_timestamp() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert format_timestamp(datetime(2025, 3, 1, 12, tzinfo=plus_two)) == "2025-03-01T10:00:00.000Z"
    assert format_timestamp(datetime(2025, 3, 1, 10)) == "2025-03-01T10:00:00.000Z"
