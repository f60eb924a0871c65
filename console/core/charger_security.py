"""Security facts about chargers as plain values: their security events and the
certificates the site CA issued to them (OCPP 1.6 security extension)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SecurityEvent:
    """A SecurityEventNotification a charger sent, or a security refusal of ours.

    ``severity`` is "critical" (the extension's critical events and unknown types:
    raised as alarms), "warning" (something ChargeDesk refused, such as a CSR) or
    "info" (kept in the list only).
    """

    id: int
    charger_id: str | None
    at: datetime  # the charger's time, or ours when it gave none
    received_at: datetime
    kind: str  # the event type, e.g. FirmwareUpdated
    severity: str
    tech_info: str | None = None


@dataclass(frozen=True, slots=True)
class IssuedCertificate:
    """A certificate the site CA signed: for a charger, the server or firmware signing."""

    id: int
    kind: str  # "charger", "server" or "firmware_signing"
    serial: str  # hexadecimal
    subject: str
    charger_id: str | None
    not_before: datetime
    not_after: datetime
    issued_at: datetime
    fingerprint: str  # SHA-256 of the DER, hexadecimal
    pem: str
