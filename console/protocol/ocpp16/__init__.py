"""OCPP 1.6J: translation between 1.6 payloads and core types."""

from __future__ import annotations

from console.protocol.dialect import Dialect
from console.protocol.ocpp16.inbound import HANDLERS
from console.protocol.ocpp16.limits import INTEGER_RANGES
from console.protocol.ocpp16.outbound import CHARGER_ACTIONS, encode_command
from console.protocol.schemas import SchemaSet

SUBPROTOCOL = "ocpp1.6"

OCPP16 = Dialect(
    subprotocol=SUBPROTOCOL,
    schemas=SchemaSet("v16/schemas", integer_ranges=INTEGER_RANGES),
    handlers=HANDLERS,
    encode=encode_command,
    charger_actions=CHARGER_ACTIONS,
    # 1.6 lets a Pending charger send only BootNotification (and keep the link alive);
    # anything else could reveal cards or create billing data before staff said yes.
    pre_acceptance_actions=frozenset({"BootNotification", "Heartbeat"}),
)

__all__ = ["OCPP16", "SUBPROTOCOL"]
