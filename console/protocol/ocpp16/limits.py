"""The ranges of the integers a 1.6 charger sends, decided field by field.

1.6 defines "integer" as 32 bits; every integer not named here is held to that, and
a value beyond it earns TypeConstraintViolation. Ranges the specification gives in
words are value constraints and earn PropertyConstraintViolation. Where the
specification is silent, values are accepted and the services judge them, because a
refused StartTransaction, StopTransaction or MeterValues loses billing data:

====================================  ==============  =================================
field                                 accepted        beyond it
====================================  ==============  =================================
StartTransaction.connectorId          1 .. 2^31-1     < 1: Property; > 32 bits: Type
StatusNotification/MeterValues        0 .. 2^31-1     < 0: Property; > 32 bits: Type
.connectorId
StartTransaction.meterStart,          64 bits         Type. Wider than 1.6's 32 bits
StopTransaction.meterStop             (negative too)  because lifetime registers of
                                                      large chargers pass 2^31 Wh; a
                                                      stop below the start is flagged
                                                      by the services, not refused
StartTransaction.reservationId        32 bits         Type
StopTransaction.transactionId,        32 bits         Type. Ours are positive 32-bit
MeterValues.transactionId                             ids; any other (-1 included) is
                                                      answered and kept aside as
                                                      unknown by the services
Log/SignedFirmwareStatusNotification  32 bits         Type
.requestId
sampledValue.value (a string)         anything        "NaN", "inf", "1e400" are kept
                                                      as text, never counted
====================================  ==============  =================================

Any number written as a float (1.5, 1.0, 1e400) in an integer field is a
TypeConstraintViolation (the 1.6 schemas are draft-04, where 1.0 is no integer).
"""

from __future__ import annotations

from collections.abc import Mapping

from console.protocol.schemas import INT32, INT64, IntRange

_CONNECTOR: IntRange = (0, INT32[1])

INTEGER_RANGES: Mapping[str, Mapping[str, IntRange]] = {
    "StartTransaction": {"connectorId": (1, INT32[1]), "meterStart": INT64},
    "StopTransaction": {"meterStop": INT64},
    "StatusNotification": {"connectorId": _CONNECTOR},
    "MeterValues": {"connectorId": _CONNECTOR},
}
