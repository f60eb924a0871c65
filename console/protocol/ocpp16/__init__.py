"""OCPP 1.6J: translation between 1.6 payloads and core types."""

from __future__ import annotations

from console.protocol.dialect import Dialect
from console.protocol.ocpp16.inbound import HANDLERS
from console.protocol.ocpp16.outbound import CHARGER_ACTIONS, encode_command
from console.protocol.schemas import SchemaSet

SUBPROTOCOL = "ocpp1.6"

OCPP16 = Dialect(
    subprotocol=SUBPROTOCOL,
    schemas=SchemaSet("v16/schemas"),
    handlers=HANDLERS,
    encode=encode_command,
    charger_actions=CHARGER_ACTIONS,
)

__all__ = ["OCPP16", "SUBPROTOCOL"]
