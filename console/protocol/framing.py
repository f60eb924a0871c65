"""OCPP-J framing: parse a websocket text frame into a CALL, CALLRESULT or CALLERROR.

Which CALLERROR a broken frame earns (the 1.6 codes):

==========================================  ===============================
frame                                       code
==========================================  ===============================
not JSON, a binary frame, not a JSON array  FormationViolation
empty array, too few elements               ProtocolError (incomplete)
too many elements                           FormationViolation
messageTypeId, uniqueId, action or payload  TypeConstraintViolation
of the wrong JSON type
messageTypeId not 2, 3 or 4                 PropertyConstraintViolation
==========================================  ===============================

When the uniqueId cannot be read, the CALLERROR carries ``UNREADABLE_ID`` ("-1"), the
value OCPP 2.0.1 prescribes for this case (1.6 says nothing). Broken CALLRESULT and
CALLERROR frames are never answered: a CALLERROR may only answer a CALL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

import orjson

from console.protocol.errors import ErrorCode, OcppError

CALL: Final = 2
CALLRESULT: Final = 3
CALLERROR: Final = 4

UNREADABLE_ID: Final = "-1"


@dataclass(frozen=True, slots=True)
class CallFrame:
    """[2, uniqueId, action, payload]: a request."""

    unique_id: str
    action: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ResultFrame:
    """[3, uniqueId, payload]: the answer to a request."""

    unique_id: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ErrorFrame:
    """[4, uniqueId, errorCode, errorDescription, errorDetails]: a request failed."""

    unique_id: str
    code: str
    description: str
    details: dict[str, Any] = field(default_factory=dict)


Frame = CallFrame | ResultFrame | ErrorFrame


class FrameError(OcppError):
    """A frame that is not a valid OCPP-J message.

    ``unique_id`` is None when it could not be read; ``answerable`` is False when the
    frame claimed to be a CALLRESULT or CALLERROR, which must not be answered.
    """

    def __init__(
        self,
        code: ErrorCode,
        description: str,
        unique_id: str | None = None,
        answerable: bool = True,
    ) -> None:
        super().__init__(code, description)
        self.unique_id = unique_id
        self.answerable = answerable


def parse_frame(data: str | bytes) -> Frame:
    """Parse one websocket message; raise ``FrameError`` when it is no OCPP-J message."""
    if not isinstance(data, str):
        # OCPP-J is specified over text frames only.
        raise FrameError(ErrorCode.FORMATION_VIOLATION, "binary frames are not OCPP-J")
    try:
        message = orjson.loads(data)
    except orjson.JSONDecodeError:
        message = _loads_slowly(data)
    if type(message) is not list:
        raise FrameError(ErrorCode.FORMATION_VIOLATION, "frame is not a JSON array")
    if not message:
        raise FrameError(ErrorCode.PROTOCOL_ERROR, "frame is an empty array")
    type_id = message[0]
    unique_id = message[1] if len(message) > 1 and type(message[1]) is str else None
    # bool is a subclass of int in Python, but `true` is no messageTypeId.
    if type(type_id) is not int:
        raise FrameError(
            ErrorCode.TYPE_CONSTRAINT_VIOLATION, "messageTypeId must be an integer", unique_id
        )
    if type_id == CALL:
        return _parse_call(message, unique_id)
    if type_id == CALLRESULT:
        return _parse_result(message, unique_id)
    if type_id == CALLERROR:
        return _parse_error(message, unique_id)
    raise FrameError(
        ErrorCode.PROPERTY_CONSTRAINT_VIOLATION, f"unknown messageTypeId {type_id}", unique_id
    )


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _loads_slowly(data: str) -> Any:
    """Parse JSON that orjson refuses but JSON allows, or raise ``FrameError``.

    orjson refuses numbers beyond a double ("1e400"); JSON sets no such limit, and a
    CALL carrying one must be answered with its own uniqueId (a range error). NaN and
    Infinity are no JSON; nor are lone surrogates, which could not be stored.
    """
    try:
        message = json.loads(data, parse_constant=_no_constant)
        # Lone surrogates parse in Python but are no text: they would break storage.
        json.dumps(message, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError, UnicodeEncodeError):
        raise FrameError(ErrorCode.FORMATION_VIOLATION, "frame is not valid JSON") from None
    return message


def _check_shape(message: list[Any], unique_id: str | None, sizes: range, answerable: bool) -> str:
    """Check the element count and the uniqueId; return the uniqueId."""
    if len(message) < sizes.start:
        raise FrameError(ErrorCode.PROTOCOL_ERROR, "frame is incomplete", unique_id, answerable)
    if len(message) >= sizes.stop:
        raise FrameError(
            ErrorCode.FORMATION_VIOLATION, "frame has too many elements", unique_id, answerable
        )
    if unique_id is None:
        raise FrameError(
            ErrorCode.TYPE_CONSTRAINT_VIOLATION, "uniqueId must be a string", None, answerable
        )
    return unique_id


def _parse_call(message: list[Any], unique_id: str | None) -> CallFrame:
    uid = _check_shape(message, unique_id, range(4, 5), True)
    action, payload = message[2], message[3]
    if type(action) is not str:
        raise FrameError(ErrorCode.TYPE_CONSTRAINT_VIOLATION, "action must be a string", uid)
    if type(payload) is not dict:
        raise FrameError(ErrorCode.TYPE_CONSTRAINT_VIOLATION, "payload must be an object", uid)
    return CallFrame(uid, action, payload)


def _parse_result(message: list[Any], unique_id: str | None) -> ResultFrame:
    uid = _check_shape(message, unique_id, range(3, 4), False)
    payload = message[2]
    if type(payload) is not dict:
        raise FrameError(
            ErrorCode.TYPE_CONSTRAINT_VIOLATION, "payload must be an object", uid, False
        )
    return ResultFrame(uid, payload)


def _parse_error(message: list[Any], unique_id: str | None) -> ErrorFrame:
    # Some chargers leave out errorDetails; it carries nothing we act on, so allow it.
    uid = _check_shape(message, unique_id, range(4, 6), False)
    code, description = message[2], message[3]
    details = message[4] if len(message) > 4 else {}
    if type(code) is not str or type(description) is not str or type(details) is not dict:
        raise FrameError(
            ErrorCode.TYPE_CONSTRAINT_VIOLATION,
            "errorCode and errorDescription must be strings, errorDetails an object",
            uid,
            False,
        )
    return ErrorFrame(uid, code, description, details)


def encode_call(unique_id: str, action: str, payload: dict[str, Any]) -> bytes:
    """The CALL frame as UTF-8 JSON."""
    return orjson.dumps([CALL, unique_id, action, payload])


def encode_result(unique_id: str, payload: dict[str, Any]) -> bytes:
    """The CALLRESULT frame as UTF-8 JSON."""
    return orjson.dumps([CALLRESULT, unique_id, payload])


def encode_error(
    unique_id: str, code: str, description: str, details: dict[str, Any] | None = None
) -> bytes:
    """The CALLERROR frame as UTF-8 JSON; the description is cut to 255 characters."""
    return orjson.dumps([CALLERROR, unique_id, code, description[:255], details or {}])
