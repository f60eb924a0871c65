"""Mutations of valid 1.6 frames for the fuzzer (test_fuzz_frames.py), and what each earns.

``payloads`` gives one valid payload per action; ``odd_but_valid``, ``mutate_payload``
and ``mutate_frame`` spoil them; ``expected_answer`` says which uniqueId the server's
answer must carry, mirroring OCPP-J framing.
"""

from __future__ import annotations

import json
import random
from typing import Any

from console.core.clock import utcnow
from console.protocol.datetimes import format_timestamp

NOW = format_timestamp(utcnow())  # what the valid frames say
TIMESTAMPS = [
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999Z",
    "1970-01-01T00:00:00Z",
    "2099-01-01T00:00:00Z",
    "2026-02-30T10:00:00Z",
    "2026-12-02T25:61:61Z",
    "2026-12-02T06:00:00+24:00",
    "2026-12-02T06:00:00.1234567890123Z",
    "2026-12-02 06:00",
    "2026-12-02",
    "+002026-12-02T06:00:00Z",
    "now",
    "",
    "\uff12\uff10\uff12\uff16-12-02T06:00:00Z",  # fullwidth digits
]
NUMBERS: list[Any] = [
    0,
    -1,
    -(2**31) - 1,
    2**31 - 1,
    2**31,
    2**63 - 1,
    2**63,
    2**64,
    10**30,
    -(10**30),
    1.5,
    -0.0,
    1e308,
    True,
]
# Written into the JSON text as they are: valid JSON numbers orjson refuses, and no JSON.
RAW_NUMBERS = ["1e400", "-1e400", "123456789012345678901234567890", "NaN", "Infinity", "-0"]
STRINGS = [
    "",
    "Ω≈ç√∫",
    "𝄞😀",
    "\u202eRTL",
    "\u200b",
    "\x00",
    "x" * 5000,
    "=HYPERLINK(1)",
    "'; DROP TABLE sessions; --",
    "\uff23\uff301",  # fullwidth CP1
]
VALUES = [
    "NaN",
    "inf",
    "-inf",
    "1e400",
    "-0",
    "0x10",
    "",
    "\uff11\uff12\uff13",
    "1_000",
    "12.5",
    " 7 ",
]
ACTIONS = ["Foo", "heartbeat", "", "GetConfiguration", "Heartbeat ", "BootNotification\u0000"]


def payloads(rng: random.Random, tx: int) -> dict[str, dict[str, Any]]:
    """One valid payload per action."""
    connector = rng.randint(1, 2)
    sample = {
        "value": str(rng.randint(0, 100_000)),
        "measurand": "Energy.Active.Import.Register",
        "unit": "Wh",
        "context": "Sample.Periodic",
    }
    return {
        "BootNotification": {"chargePointVendor": "Fuzz", "chargePointModel": "F1"},
        "Heartbeat": {},
        "StatusNotification": {
            "connectorId": connector,
            "errorCode": "NoError",
            "status": rng.choice(["Available", "Charging", "Preparing"]),
            "timestamp": NOW,
        },
        "Authorize": {"idTag": rng.choice(["CARD-1", "UNKNOWN"])},
        "StartTransaction": {
            "connectorId": connector,
            "idTag": "CARD-1",
            "meterStart": rng.randint(0, 10_000),
            "timestamp": NOW,
        },
        "StopTransaction": {
            "transactionId": tx,
            "meterStop": rng.randint(0, 20_000),
            "timestamp": NOW,
            "transactionData": [{"timestamp": NOW, "sampledValue": [dict(sample)]}],
        },
        "MeterValues": {
            "connectorId": connector,
            "transactionId": tx,
            "meterValue": [{"timestamp": NOW, "sampledValue": [dict(sample)]}],
        },
        "DataTransfer": {"vendorId": "Fuzz", "messageId": "m", "data": "x" * rng.randint(0, 50)},
    }


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every value inside a payload (containers included)."""
    paths: list[tuple[Any, ...]] = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            paths += _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            paths += _leaves(value, (*path, index))
    return paths


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _delete(node: Any, path: tuple[Any, ...]) -> None:
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]


def _odd_value(rng: random.Random, key: Any) -> Any:
    if key == "timestamp":
        return rng.choice(TIMESTAMPS)
    if key == "value":
        return rng.choice(VALUES)
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice(NUMBERS)
    if kind == 1:
        return rng.choice(STRINGS)
    if kind == 2:
        return rng.choice([None, [], {}, [1, "a"], {"a": {"b": 1}}])
    if kind == 3:
        return rng.choice(TIMESTAMPS)
    if kind == 4:
        return -rng.randint(1, 2**40)
    return rng.random() * 10 ** rng.randint(0, 300)


# Values that pass the schema but are odd: they reach the services.
VALID_ODD: dict[str, list[Any]] = {
    "timestamp": [*TIMESTAMPS[:6], "2016-01-01T00:00:00Z", "2026-12-02T06:00:00+14:00"],
    "connectorId": [0, 1, 2, 3, 2**31 - 1],
    "transactionId": [-1, 0, 1, 2, 3, 2**31 - 1, -(2**31)],
    "meterStart": [-1, 0, 2**31, 2**63 - 1, -(2**63)],
    "meterStop": [-1, 0, 2**31, 2**63 - 1, -(2**63)],
    "idTag": ["", "card-1", "\u00e9\u00e8", "x" * 20, "UNKNOWN", "=1+1"],
    "value": VALUES,
}


def odd_but_valid(rng: random.Random, payload: dict[str, Any]) -> None:
    """Set one value the schema allows to an odd one (in place)."""
    paths = [p for p in _leaves(payload) if p[-1] in VALID_ODD]
    if paths:
        path = rng.choice(paths)
        _set(payload, path, rng.choice(VALID_ODD[path[-1]]))


def mutate_payload(rng: random.Random, payload: dict[str, Any]) -> str | None:
    """Mutate in place; may return a raw number token to write into the JSON text."""
    raw: str | None = None
    for _ in range(rng.randint(1, 3)):
        paths = _leaves(payload)
        choice = rng.randrange(10)
        if choice <= 4 and paths:
            path = rng.choice(paths)
            _set(payload, path, _odd_value(rng, path[-1]))
        elif choice == 5 and paths:
            _delete(payload, rng.choice(paths))
        elif choice == 6:
            payload[rng.choice(["extra", "timestamp", "connectorId", "😀"])] = rng.choice(
                NUMBERS + STRINGS
            )
        elif choice == 7 and paths:
            path = rng.choice(paths)
            _set(payload, path, "__RAW__")
            raw = rng.choice(RAW_NUMBERS)
        elif choice == 8 and paths:
            path = rng.choice(paths)
            _set(payload, path, [_odd_value(rng, path[-1])] * rng.randint(0, 30))
        else:
            payload.clear()
    return raw


def dump(rng: random.Random, frame: Any, raw: str | None = None) -> str:
    """The frame as JSON text; half escape non-ASCII text, half send it as UTF-8."""
    text = json.dumps(frame, ensure_ascii=rng.random() < 0.5)
    return text.replace('"__RAW__"', raw) if raw is not None else text


def mutate_frame(rng: random.Random, uid: str, action: str, text: str) -> str | bytes:
    """A frame-level mutation of a valid CALL's text."""
    payload = json.loads(text)[3]
    choice = rng.randrange(12)
    if choice == 0:
        return text[: rng.randrange(len(text))]  # truncated
    if choice == 1:
        return json.dumps(
            [rng.choice([0, 1, 3, 4, 5, -1, "2", 2.0, None, True]), uid, action, payload]
        )
    if choice == 2:
        return json.dumps([2, rng.choice([1, None, [], "", "x" * 200]), action, payload])
    if choice == 3:
        return json.dumps([2, uid, rng.choice(ACTIONS), payload])
    if choice == 4:
        return json.dumps([2, uid, action, rng.choice([[], "x", None, 1])])
    if choice == 5:
        return json.dumps(
            rng.choice([[2, uid, action], [2, uid], [2], [], [2, uid, action, payload, 1]])
        )
    if choice == 6:
        return json.dumps(rng.choice([{}, "x", 42, None, {"2": uid}]))
    if choice == 7:
        return text.encode()  # a binary frame
    if choice == 8:
        return rng.choice(
            ["", " ", "[", "]", "[2,", "\ufeff" + text, text + " x", "[2,'a','b',{}]"]
        )
    if choice == 9:
        depth = rng.choice([50, 5000])
        return "[" * depth + "]" * depth
    if choice == 10:
        return (
            json.dumps([3, uid, payload])
            if rng.random() < 0.5
            else json.dumps([4, uid, "X", "", {}])
        )
    return json.dumps([2, uid + "-" + "u" * rng.randint(40, 400), action, payload])


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def expected_answer(frame: str | bytes) -> tuple[str, bool] | None:
    """The uniqueId the answer must carry and whether the frame is a CALL; None: no answer.

    Mirrors OCPP-J: CALLRESULT and CALLERROR frames are never answered; anything else
    is, with the frame's uniqueId when it can be read, else "-1".
    """
    if isinstance(frame, bytes):
        return "-1", False
    try:
        message = json.loads(frame, parse_constant=_no_constant)
        json.dumps(message, ensure_ascii=False).encode()
    except (ValueError, RecursionError, UnicodeEncodeError):
        return "-1", False
    if not isinstance(message, list) or not message:
        return "-1", False
    if type(message[0]) is int and message[0] in (3, 4):
        return None
    uid = message[1] if len(message) > 1 and type(message[1]) is str else "-1"
    is_call = (
        len(message) == 4
        and message[0] == 2
        and type(message[0]) is int
        and type(message[1]) is str
        and type(message[2]) is str
        and type(message[3]) is dict
    )
    return uid, is_call
