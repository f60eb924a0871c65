"""Turning what became of a CALL we sent into the ``CommandOutcome`` people see."""

from __future__ import annotations

from typing import Any

from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.protocol.errors import ErrorCode
from console.protocol.framing import ErrorFrame

_UNSUPPORTED = frozenset({ErrorCode.NOT_SUPPORTED.value, ErrorCode.NOT_IMPLEMENTED.value})


def answered(payload: dict[str, Any]) -> CommandOutcome:
    """The charger replied: its ``status`` (when the reply has one) and the whole reply."""
    status = payload.get("status")
    return CommandOutcome(
        CommandResult.ANSWERED,
        status=status if isinstance(status, str) else None,
        details=payload,
    )


def call_error(frame: ErrorFrame) -> CommandOutcome:
    """The charger replied with a CALLERROR; NotSupported/NotImplemented are their own."""
    result = CommandResult.NOT_SUPPORTED if frame.code in _UNSUPPORTED else CommandResult.CALL_ERROR
    details = {"description": frame.description, "details": frame.details}
    return CommandOutcome(result, details=details, error=frame.code)


def invalid(reason: str, details: dict[str, Any] | None = None) -> CommandOutcome:
    """Our request or the charger's reply broke the schema or the framing."""
    return CommandOutcome(CommandResult.INVALID, details=details or {}, error=reason)


def offline(reason: str = "charger is not connected") -> CommandOutcome:
    """No connection to send on, or it closed before the answer came."""
    return CommandOutcome(CommandResult.OFFLINE, error=reason)


def timed_out(seconds: float | None) -> CommandOutcome:
    """No answer within the timeout."""
    return CommandOutcome(CommandResult.TIMEOUT, error=f"no answer within {seconds} s")
