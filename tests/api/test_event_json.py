"""Core events to JSON and back: every type, its schema, and what never leaves."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import jsonschema
import orjson
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from console.core import events as ev
from console.core.alarms import AlarmKind
from console.services.event_json import (
    CLASSES,
    EVENT_CLASSES,
    TYPE_NAMES,
    UnknownEventType,
    event_bytes,
    event_from_json,
    event_json,
    event_schemas,
    is_streamed,
    type_of_bytes,
)
from tests.api.event_samples import ALARM, AT, SAMPLES

DOCUMENT = "urn:chargedesk:test-openapi"


def test_every_event_type_has_a_sample() -> None:
    missing = [cls.__name__ for cls in EVENT_CLASSES if cls not in SAMPLES]
    assert not missing, f"add a sample to tests/api/event_samples.py for {missing}"
    assert set(CLASSES) == set(TYPE_NAMES.values())
    assert len(CLASSES) == len(EVENT_CLASSES)


@pytest.mark.parametrize("cls", EVENT_CLASSES, ids=lambda cls: cls.__name__)
def test_round_trip(cls: type[Any]) -> None:
    event = SAMPLES[cls]
    now = datetime.fromisoformat("2026-12-07T19:00:00+00:00")
    text = event_bytes(event, now)
    data = orjson.loads(text)
    assert data == event_json(event, now)
    assert data["type"] == TYPE_NAMES[cls]
    assert type_of_bytes(text) == data["type"]
    assert next(iter(data)) == "type"
    # Every message says when and which charger, with an offset on the time.
    assert datetime.fromisoformat(data["at"]).utcoffset() is not None
    assert "charger_id" in data
    assert event_from_json(data) == event
    assert event_from_json(orjson.loads(orjson.dumps(data))) == event


def test_envelope_values() -> None:
    now = datetime.fromisoformat("2026-12-07T19:00:00+00:00")
    meter = event_json(SAMPLES[ev.MeterSampled], now)
    assert meter == {
        "type": "meter_sampled",
        "charger_id": "CP-1",
        "connector_id": 2,
        "transaction_id": 42,
        "at": "2026-12-07T18:30:15.123456Z",
        "power_w": 7400.5,
        "energy_wh": 12345.0,
        "soc_percent": 80.0,
    }
    billed = event_json(SAMPLES[ev.SessionBilled], now)
    assert billed["at"] == "2026-12-07T19:00:00Z"  # no time of its own: when it was sent
    assert billed["charger_id"] is None
    assert billed["gross_total"] == "12.50"  # Decimal as a string, never a float
    started = event_json(SAMPLES[ev.SessionStarted], now)
    assert started["charger_id"] == "CP-1"  # copied from the session
    assert started["session"]["flags"] == ["meter_jump", "late"]
    assert event_json(SAMPLES[ev.AlarmRaised], now)["alarm"]["kind"] == "faulted"
    assert event_json(SAMPLES[ev.ConnectionRefused], now)["charger_id"] == "CP-X"


def test_disk_alarm_names_no_charger() -> None:
    from dataclasses import replace

    disk = replace(ALARM, charger_id="database", kind=AlarmKind.DISK_LOW, connector_id=None)
    data = event_json(ev.AlarmRaised(disk))
    assert data["charger_id"] is None
    assert data["alarm"]["charger_id"] == "database"
    assert event_from_json(data) == ev.AlarmRaised(disk)


def test_url_secrets_never_leave() -> None:
    notice = ev.ChargerNotice(
        "CP-1", "diagnostics", "location=ftp://cp-1:s3cretPassw0rd@10.0.0.2:21/diag/", AT
    )
    text = event_bytes(notice)
    assert b"s3cretPassw0rd" not in text
    assert b"ftp://cp-1:***@10.0.0.2:21/diag/" in text

    refused = SAMPLES[ev.ConnectionRefused]
    from dataclasses import replace

    leaky = ev.ConnectionRefused(replace(refused.refusal, path="/ocpp/CP-X?token=abcdef123"))
    assert b"abcdef123" not in event_bytes(leaky)
    assert event_json(leaky)["refusal"]["path"] == "/ocpp/CP-X?token=***"

    alarm = replace(
        ALARM,
        message="upload to http://h/upload/AbCdEfGhIjKlMnOpQrSt/ failed",
        details={"url": "http://h/upload/AbCdEfGhIjKlMnOpQrSt/"},
    )
    for event in (ev.AlarmRaised(alarm), ev.AlarmChanged(alarm)):
        assert b"AbCdEfGhIjKlMnOpQrSt" not in event_bytes(event)


def test_staff_logins_are_not_streamed() -> None:
    assert not is_streamed(ev.StaffChanged(3, "dana", "staff.login"))
    assert is_streamed(ev.StaffChanged(3, "dana", "staff.locked"))
    assert is_streamed(ev.StaffChanged(3, "dana", "staff.roles"))
    assert all(is_streamed(sample) for cls, sample in SAMPLES.items() if cls is not ev.StaffChanged)


def test_unknown_and_bad_events_are_refused() -> None:
    with pytest.raises(UnknownEventType):
        event_from_json({"type": "charger_exploded", "at": "2026-12-07T19:00:00Z"})
    with pytest.raises(UnknownEventType):
        event_from_json({"at": "2026-12-07T19:00:00Z"})
    data = event_json(SAMPLES[ev.SessionBilled])
    data["gross_total"] = "twelve"
    with pytest.raises(ValueError):
        event_from_json(data)
    assert event_from_json({**event_json(SAMPLES[ev.ReceiptChanged]), "extra": 1}) == (
        ev.ReceiptChanged(9)
    )
    assert isinstance(event_from_json(event_json(SAMPLES[ev.SessionBilled])).gross_total, Decimal)


def test_schemas_describe_what_is_sent() -> None:
    schemas = event_schemas()
    for name, schema in schemas.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        for ref in _refs(schema):
            assert ref.startswith("#/components/schemas/"), (name, ref)
            assert ref.removeprefix("#/components/schemas/") in schemas, (name, ref)
    union = _validator_with_base("Event")
    for cls, sample in SAMPLES.items():
        data = event_json(sample)
        _validator_with_base(cls.__name__).validate(data)
        union.validate(data)
    wrong = {**event_json(SAMPLES[ev.MeterSampled]), "connector_id": "two"}
    with pytest.raises(jsonschema.ValidationError):
        _validator_with_base("MeterSampled").validate(wrong)
    missing = event_json(SAMPLES[ev.ChargerConnected])
    del missing["peer"]
    with pytest.raises(jsonschema.ValidationError):
        _validator_with_base("ChargerConnected").validate(missing)
    assert schemas["Event"]["discriminator"]["mapping"]["meter_sampled"] == (
        "#/components/schemas/MeterSampled"
    )


def _validator_with_base(schema_name: str) -> jsonschema.Draft202012Validator:
    # The schemas' $refs are relative to the OpenAPI document: resolve them against one.
    document = {"components": {"schemas": event_schemas()}}
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(DOCUMENT, resource)
    return jsonschema.Draft202012Validator(
        {"$id": DOCUMENT + "-root", "$ref": f"{DOCUMENT}#/components/schemas/{schema_name}"},
        registry=registry,
    )


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []
