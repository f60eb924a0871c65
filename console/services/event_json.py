"""Core events as JSON for the API's event stream, and back again.

One shape for every event, a flat JSON object::

    {"type": "meter_sampled", "at": "2026-12-07T18:48:28.123456Z", "charger_id": "CP-1",
     ...every field of the event's dataclass, by its name}

- ``type``: the snake_case of the event's class name (``ChargerStatusChanged`` ->
  ``charger_status_changed``); ``TYPE_NAMES`` lists them all.
- ``at``: when it happened. The event's own ``at`` field where it has one; for the
  others (sessions, alarms, cards, staff...) the time the stream took the event from the
  engine. ISO 8601 with the offset (UTC, written ``Z``).
- ``charger_id``: the charger the event is about, or null when it names none (cards,
  billing, staff, settings, the database's disk alarm). For events with a ``charger_id``
  field it is that field; for sessions, alarms and refusals it is copied from the nested
  object, so a client can filter without knowing every type.
- the fields follow, with nested dataclasses as nested objects (``session``, ``alarm``,
  ``refusal``, ``boot``, ``settings``), enums as their values, ``Decimal`` as a string
  (``"12.50"``), tuples as arrays and times as above.

``event_from_json`` rebuilds the core event from that object (the envelope keys that are
no field of the event are ignored), so a console attached to a site's engine through the
API sees the same events as one in the engine's process.

What never leaves: no event carries a password, a password hash, a token or a key (the
refusal of a connection keeps only the Basic-auth user name). Free text that a charger or
a person wrote and that may hold a URL with a secret (a charger's notice, an alarm's
message and details) passes through ``redact_secrets``, as the message log does; a
refused connection's path keeps its query's parameter names, not their values. Staff
logins (``staff_changed`` with action ``staff.login``) are not streamed: a live trail of
who logs in when belongs to the audit log, which only admins read; changes to accounts
(added, roles, locked...) are streamed.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any

import orjson
from pydantic import TypeAdapter

from console.core import events as ev
from console.core.alarms import Alarm
from console.core.clock import utcnow
from console.core.redaction import redact_secrets
from console.services.storage_watch import DISK_ALARM_SOURCE

#: Every event class the engine publishes, in the order of the ``Event`` union.
EVENT_CLASSES: tuple[type[Any], ...] = typing.get_args(ev.Event)

SCHEMA_REF = "#/components/schemas/{model}"
#: The schema of the union of all events (a ``oneOf`` on ``type``).
UNION_SCHEMA = "Event"


def type_name(cls: type[Any]) -> str:
    """The stream's name of an event class (``CardsChanged`` -> ``cards_changed``)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


#: Event class -> its ``type`` in the stream.
TYPE_NAMES: dict[type[Any], str] = {cls: type_name(cls) for cls in EVENT_CLASSES}
#: ``type`` in the stream -> event class.
CLASSES: dict[str, type[Any]] = {name: cls for cls, name in TYPE_NAMES.items()}

_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {cls: TypeAdapter(cls) for cls in EVENT_CLASSES}
_FIELDS: dict[type[Any], frozenset[str]] = {
    cls: frozenset(f.name for f in dataclasses.fields(cls)) for cls in EVENT_CLASSES
}


def _own_charger(event: Any) -> str | None:
    value: str = event.charger_id
    return value


def _session_charger(event: Any) -> str | None:
    value: str = event.session.charger_id
    return value


def _alarm_charger(event: Any) -> str | None:
    charger_id: str = event.alarm.charger_id
    # The disk space alarm names the database where other alarms name a charger.
    return None if charger_id == DISK_ALARM_SOURCE else charger_id


def _refusal_charger(event: Any) -> str | None:
    value: str | None = event.refusal.charger_id
    return value


def _no_charger(_event: Any) -> str | None:
    return None


def _charger_getter(cls: type[Any]) -> Callable[[Any], str | None]:
    fields = _FIELDS[cls]
    if "charger_id" in fields:
        return _own_charger
    if "session" in fields:
        return _session_charger
    if "alarm" in fields:
        return _alarm_charger
    if "refusal" in fields:
        return _refusal_charger
    return _no_charger


_CHARGER_OF: dict[type[Any], Callable[[Any], str | None]] = {
    cls: _charger_getter(cls) for cls in EVENT_CLASSES
}


def charger_of(event: ev.Event) -> str | None:
    """The charger ``event`` is about, as the charger spells its id; None when none."""
    return _CHARGER_OF[type(event)](event)


def is_streamed(event: ev.Event) -> bool:
    """False for events a viewer of the stream must not see (see the module docstring)."""
    return not (isinstance(event, ev.StaffChanged) and event.action.startswith("staff.login"))


def _redact_alarm(alarm: Alarm) -> Alarm:
    details = {
        key: redact_secrets(value) if isinstance(value, str) else value
        for key, value in alarm.details.items()
    }
    return dataclasses.replace(alarm, message=redact_secrets(alarm.message), details=details)


def _masked_query(path: str) -> str:
    """A handshake's path with its query values masked (``?token=***``), names kept.

    The path is the charger's request line: a query may carry a credential of any name,
    and the names alone say enough to a technician.
    """
    base, mark, query = path.partition("?")
    if not mark:
        return redact_secrets(path)
    names = [part.partition("=")[0] for part in query.split("&")]
    return redact_secrets(base) + "?" + "&".join(f"{name}=***" for name in names)


def _redacted(event: ev.Event) -> ev.Event:
    """``event`` with URL secrets masked in its free text; most events come back as they are."""
    if isinstance(event, ev.ChargerNotice):
        return dataclasses.replace(event, text=redact_secrets(event.text))
    if isinstance(event, ev.ConnectionRefused):
        refusal = dataclasses.replace(event.refusal, path=_masked_query(event.refusal.path))
        return dataclasses.replace(event, refusal=refusal)
    if isinstance(event, ev.AlarmRaised | ev.AlarmChanged):
        return dataclasses.replace(event, alarm=_redact_alarm(event.alarm))
    return event


_ENVELOPE_START: dict[type[Any], bytes] = {
    cls: b'{"type":' + orjson.dumps(name) for cls, name in TYPE_NAMES.items()
}


def event_bytes(event: ev.Event, now: datetime | None = None) -> bytes:
    """``event`` as the UTF-8 JSON text of the stream's shape (see the module docstring).

    ``now`` is the ``at`` of events without a time of their own (default: now). The
    fields are written by pydantic's serializer in one pass; the envelope is put in front
    of them, so a meter sample costs a couple of microseconds.
    """
    cls = type(event)
    fields = _FIELDS[cls]
    body = _ADAPTERS[cls].dump_json(_redacted(event))
    head = _ENVELOPE_START[cls]
    if "at" not in fields:
        head += b',"at":' + orjson.dumps(now or utcnow(), option=orjson.OPT_UTC_Z)
    if "charger_id" not in fields:
        head += b',"charger_id":' + orjson.dumps(charger_of(event))
    if body == b"{}":
        return head + b"}"
    return head + b"," + body[1:]


_TYPE_START = len(b'{"type":"')


def type_of_bytes(data: bytes) -> str:
    """The ``type`` of an event serialized by ``event_bytes``, read without parsing it.

    ``event_bytes`` always writes ``type`` first and type names have no quotes, so the
    server-sent events transport names each event without decoding its JSON.
    """
    return data[_TYPE_START : data.index(b'"', _TYPE_START)].decode("ascii")


def event_json(event: ev.Event, now: datetime | None = None) -> dict[str, Any]:
    """``event`` as a JSON-ready dict of the stream's shape."""
    data: dict[str, Any] = orjson.loads(event_bytes(event, now))
    return data


class UnknownEventType(ValueError):
    """The ``type`` of a JSON event is none this version of ChargeDesk knows."""


def event_from_json(data: dict[str, Any]) -> ev.Event:
    """The core event of a JSON event of the stream (the round trip of ``event_json``).

    Raises ``UnknownEventType`` for a type this version does not know and pydantic's
    ``ValidationError`` for fields that do not fit the event.
    """
    name = data.get("type")
    cls = CLASSES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise UnknownEventType(f"unknown event type {name!r}")
    fields = _FIELDS[cls]
    event: ev.Event = _ADAPTERS[cls].validate_python(
        {key: value for key, value in data.items() if key in fields}
    )
    return event


def _envelope_properties(name: str) -> dict[str, Any]:
    return {
        "type": {"const": name, "type": "string"},
        "at": {"format": "date-time", "type": "string"},
        "charger_id": {"anyOf": [{"type": "string"}, {"type": "null"}]},
    }


def _all_required(schema: dict[str, Any]) -> None:
    # Every field is written, defaulted or not: in what the stream sends none is optional.
    properties = schema.get("properties")
    if isinstance(properties, dict):
        schema["required"] = list(properties)


def event_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schemas (2020-12) of every event, for the OpenAPI document's components.

    Keyed by schema name: one per event class (its class name), the nested types they
    use (``Session``, ``Alarm``, ``ConnectorStatus``...), ``Event`` (the union, a
    ``oneOf`` with a discriminator on ``type``) and ``EventStreamHello`` (the stream's
    first message). ``$ref``s point at ``#/components/schemas/{name}``.
    """
    _keys, top = TypeAdapter.json_schemas(
        [(cls.__name__, "serialization", _ADAPTERS[cls]) for cls in EVENT_CLASSES],
        ref_template=SCHEMA_REF,
    )
    schemas: dict[str, dict[str, Any]] = dict(top.get("$defs", {}))
    for schema in schemas.values():
        _all_required(schema)
    for cls, name in TYPE_NAMES.items():
        schema = schemas[cls.__name__]
        schema["properties"] = {**_envelope_properties(name), **schema.get("properties", {})}
        _all_required(schema)
    refs = {name: SCHEMA_REF.format(model=cls.__name__) for cls, name in TYPE_NAMES.items()}
    schemas[UNION_SCHEMA] = {
        "title": "Event",
        "description": "One event of the live stream; ``type`` says which.",
        "oneOf": [{"$ref": ref} for ref in refs.values()],
        "discriminator": {"propertyName": "type", "mapping": refs},
    }
    schemas["EventStreamHello"] = hello_schema()
    return schemas


def hello_schema() -> dict[str, Any]:
    """The schema of the stream's first message, which repeats the filters it applies."""
    names: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
    return {
        "title": "EventStreamHello",
        "description": "The first message of the event stream: the filters it applies "
        "(null: no filter) and how many events may wait for a slow client before it is "
        "dropped.",
        "type": "object",
        "properties": {
            "type": {"const": "hello", "type": "string"},
            "at": {"format": "date-time", "type": "string"},
            "chargers": {"anyOf": [names, {"type": "null"}]},
            "types": {"anyOf": [names, {"type": "null"}]},
            "queue_limit": {"type": "integer"},
            "viewer": {"type": "string"},
        },
        "required": ["type", "at", "chargers", "types", "queue_limit", "viewer"],
    }
