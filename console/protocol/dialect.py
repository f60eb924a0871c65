"""What differs between OCPP versions, gathered in one value per version.

A connection is given the dialect of the subprotocol the charger chose; everything
version-specific (handlers, schemas, how commands are spelled) lives behind it, so
OCPP 2.0.1 can be added as a second dialect without touching the connection.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from console.core.commands import Command
from console.protocol.errors import ErrorCode, OcppError
from console.protocol.ports import ChargerMessagePort
from console.protocol.schemas import SchemaSet


class HandlerContext(Protocol):
    """What a handler of a charger's CALL may use: the charger and the services."""

    @property
    def charger_id(self) -> str:
        """The charge point id from the URL."""
        ...

    @property
    def messages(self) -> ChargerMessagePort:
        """The services that handle what chargers send."""
        ...

    def set_heartbeat_interval(self, seconds: float) -> None:
        """Tell the idle watchdog how often the charger will now report."""
        ...


CallHandler = Callable[[HandlerContext, dict[str, Any]], Awaitable[dict[str, Any]]]
CommandEncoder = Callable[[Command], tuple[str, dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Dialect:
    """One OCPP version: its subprotocol name, schemas, inbound handlers, command encoder.

    ``charger_actions`` are the actions only a charger initiates; a technician may not
    send those with ``send_raw``. ``pre_acceptance_actions`` are the only CALLs a charger
    that staff have not accepted may make: they reveal nothing and change no data.
    """

    subprotocol: str
    schemas: SchemaSet
    handlers: Mapping[str, CallHandler]
    encode: CommandEncoder
    charger_actions: frozenset[str]
    pre_acceptance_actions: frozenset[str]

    def unknown_action(self, action: str) -> OcppError:
        """The error for a CALL we have no handler for.

        Like the ocpp library: an action of this version that we do not handle is
        NotImplemented, a name the version does not define at all is NotSupported.
        """
        if action in self.schemas.actions:
            return OcppError(ErrorCode.NOT_IMPLEMENTED, f"no handler for {action}")
        return OcppError(ErrorCode.NOT_SUPPORTED, f"{action} is not an action of this version")

    def raw_action_problem(self, action: str) -> str | None:
        """Why ``action`` may not be sent to a charger by hand, or None when it may."""
        if action not in self.schemas.actions:
            return f"{action} is not an action of {self.subprotocol}"
        if action in self.charger_actions:
            return f"{action} is sent by chargers, not to them"
        return None
