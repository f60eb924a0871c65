"""Hand-written OCPP calls for technicians, checked against the schema before sending.

The GUI may not import the protocol layer, so the check lives here: the console shows
the problem inline while the technician types, and ``RawCallService.send`` checks
again so nothing that breaks the schema ever reaches a charger.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from console.core.enums import CommandResult
from console.core.i18n import translate
from console.core.model import CommandOutcome
from console.core.staff import Actor, Permission, require
from console.protocol.errors import OcppError
from console.protocol.ocpp16 import OCPP16
from console.services.audited import record
from console.services.command_rights import small
from console.storage.writer import StorageWriter

# The check's words are shown in the console as the technician types (translated there;
# the engine's own check, on its thread, keeps them English).
_CONTEXT = "RawCalls"


class RawChannel(Protocol):
    """Where raw calls go: the central system server."""

    async def send_raw(
        self,
        charger_id: str,
        action: str,
        payload: dict[str, Any],
        timeout: float | None = None,
    ) -> CommandOutcome:
        """Send a CALL as written and return what became of it."""
        ...


def raw_actions() -> list[str]:
    """Every 1.6 action a central system may send to a charger, sorted."""
    return sorted(OCPP16.schemas.actions - OCPP16.charger_actions)


@dataclass(frozen=True, slots=True)
class RawCheck:
    """A raw call's payload when it is fine to send, or the reason it is not."""

    payload: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when the call may be sent."""
        return self.problem is None


def check_raw_call(action: str, text: str) -> RawCheck:
    """Parse ``text`` as a JSON object and check it against the request schema of ``action``."""
    problem = OCPP16.raw_action_problem(action)
    if problem is not None:
        return RawCheck(problem=problem)
    try:
        payload = json.loads(text or "{}")
    except json.JSONDecodeError as error:
        template = translate(_CONTEXT, "not JSON: %1 (line %2, column %3)")
        return RawCheck(
            problem=template.replace("%1", error.msg)
            .replace("%2", str(error.lineno))
            .replace("%3", str(error.colno))
        )
    if not isinstance(payload, dict):
        return RawCheck(problem=translate(_CONTEXT, "the payload must be a JSON object { … }"))
    try:
        OCPP16.schemas.check_call(action, payload)
    except OcppError as error:
        return RawCheck(problem=f"{error.code.value}: {error.description}")
    return RawCheck(payload=payload)


class RawCallService:
    """Sends hand-written calls once they pass the schema check."""

    def __init__(self, channel: RawChannel, writer: StorageWriter) -> None:
        self._channel = channel
        self._writer = writer

    async def send(
        self, charger_id: str, action: str, text: str, *, actor: Actor
    ) -> CommandOutcome:
        """Check and send; a payload that breaks the schema is refused, never sent.

        Audited like any command: who sent what before it goes out ("raw_call.send"), and
        the charger's answer once known ("raw_call.outcome").
        """
        require(actor, Permission.RAW_CALLS)
        check = check_raw_call(action, text)
        if check.problem is not None:
            return CommandOutcome(CommandResult.INVALID, error=check.problem)
        sent = {"action": action, "payload": small(check.payload)}
        await self._writer.submit(
            lambda c: record(c, actor, "raw_call.send", charger_id, None, sent)
        )
        outcome = await self._channel.send_raw(charger_id, action, check.payload)
        answer = {
            "action": action,
            "result": outcome.result.value,
            "status": outcome.status,
            "error": outcome.error,
        }
        await self._writer.submit(
            lambda c: record(c, actor, "raw_call.outcome", charger_id, None, answer)
        )
        return outcome
