"""Prebuilt OCPP 1.6J frames, so the load generator spends microseconds per message.

Each CALL is serialized once with orjson, with placeholders turned into ``%`` fields;
building a frame is then a single bytes ``%`` operation. Frames go out as text frames
from bytes (``send(frame, text=True)``), which skips an encode.
"""

from __future__ import annotations

import time
from typing import Any

import orjson

_PLACEHOLDERS = (
    (b'"@INT@"', b"%d"),  # a JSON number
    (b"@NUM@", b"%d"),  # a number inside a JSON string ("value": "123")
    (b"@STR@", b"%s"),  # a string's content
)


def _template(action: str, payload: dict[str, Any]) -> bytes:
    """Serialize ``[2, uid, action, payload]``; placeholders become ``%`` fields in order."""
    raw = orjson.dumps([2, "@STR@", action, payload]).replace(b"%", b"%%")
    for marker, field in _PLACEHOLDERS:
        raw = raw.replace(marker, field)
    return raw


_BOOT = _template(
    "BootNotification",
    {
        "chargePointVendor": "ChargeDesk",
        "chargePointModel": "BenchLoad",
        "chargePointSerialNumber": "@STR@",
        "firmwareVersion": "1.0.0",
    },
)
_STATUS = _template(
    "StatusNotification",
    {"connectorId": 1, "errorCode": "NoError", "status": "@STR@", "timestamp": "@STR@"},
)
_START = _template(
    "StartTransaction",
    {"connectorId": 1, "idTag": "@STR@", "meterStart": "@INT@", "timestamp": "@STR@"},
)
_STOP = _template(
    "StopTransaction",
    {
        "transactionId": "@INT@",
        "idTag": "@STR@",
        "meterStop": "@INT@",
        "timestamp": "@STR@",
        "reason": "Local",
    },
)
_METER_VALUES = _template(
    "MeterValues",
    {
        "connectorId": 1,
        "transactionId": "@INT@",
        "meterValue": [
            {
                "timestamp": "@STR@",
                "sampledValue": [
                    {
                        "value": "@NUM@",
                        "context": "Sample.Periodic",
                        "measurand": "Power.Active.Import",
                        "unit": "W",
                    },
                    {
                        "value": "@NUM@",
                        "context": "Sample.Periodic",
                        "measurand": "Energy.Active.Import.Register",
                        "unit": "Wh",
                    },
                ],
            }
        ],
    },
)
_HEARTBEAT = _template("Heartbeat", {})

_clock_second = -1
_clock_prefix = b""


def timestamp() -> bytes:
    """The current UTC time as ISO 8601 with microseconds (the date part cached per second).

    Microseconds keep one charger's samples distinct even when replies take under a ms.
    """
    global _clock_second, _clock_prefix
    now = time.time()
    second = int(now)
    if second != _clock_second:
        _clock_second = second
        _clock_prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)).encode()
    return b"%s.%06dZ" % (_clock_prefix, int((now - second) * 1_000_000))


def boot_notification(uid: bytes, serial: bytes) -> bytes:
    """A BootNotification CALL."""
    return _BOOT % (uid, serial)


def status_notification(uid: bytes, status: bytes) -> bytes:
    """A StatusNotification CALL for connector 1 with no error."""
    return _STATUS % (uid, status, timestamp())


def start_transaction(uid: bytes, id_tag: bytes, meter_start: int) -> bytes:
    """A StartTransaction CALL on connector 1."""
    return _START % (uid, id_tag, meter_start, timestamp())


def stop_transaction(uid: bytes, transaction_id: int, id_tag: bytes, meter_stop: int) -> bytes:
    """A StopTransaction CALL."""
    return _STOP % (uid, transaction_id, id_tag, meter_stop, timestamp())


def meter_values(uid: bytes, transaction_id: int, power_w: int, energy_wh: int) -> bytes:
    """A MeterValues CALL with active power and the energy register, stamped now."""
    return _METER_VALUES % (uid, transaction_id, timestamp(), power_w, energy_wh)


def heartbeat(uid: bytes) -> bytes:
    """A Heartbeat CALL."""
    return _HEARTBEAT % uid


def call_error_not_supported(uid: Any) -> bytes:
    """The CALLERROR a charger sends for a CALL from the server it does not implement."""
    return b"[4," + orjson.dumps(uid) + b',"NotSupported","not supported by the bench",{}]'
