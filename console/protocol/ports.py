"""What the protocol layer needs from the rest of the engine.

The protocol layer may not import services (imports point downwards), so it states here
what it calls; the services implement these protocols and the composition root wires
them together. Every method receives core types, never OCPP payloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from console.core.enums import RefusalReason
from console.core.model import (
    BootDecision,
    BootInfo,
    IdTagInfo,
    LoggedFrame,
    MeterReport,
    StartDecision,
    StartRequest,
    StatusReport,
    StopRequest,
)
from console.protocol.tls import TlsFacts

# Every refusal about who the charger is (bad id, unknown, rejected, retired, wrong or no
# password, locked) gets this one status and the same body: an outsider cannot tell an
# id that exists from one that does not. The refusal record holds the true reason.
REFUSED_HTTP_STATUS = 401


@dataclass(frozen=True, slots=True)
class HandshakeVerdict:
    """Whether a websocket handshake may proceed; when refused, why and with which status.

    ``charger_id`` is the id the connection is known by once accepted: the spelling the
    charger was first registered with (ids compare without case), None to keep the
    path's. The server keys the connection, and every port call, by it.
    """

    accepted: bool
    reason: RefusalReason | None = None
    http_status: int = 101
    charger_id: str | None = None

    @staticmethod
    def accept(charger_id: str | None = None) -> HandshakeVerdict:
        """Let the charger in, known as ``charger_id`` (None: as its path says)."""
        return HandshakeVerdict(True, charger_id=charger_id)

    @staticmethod
    def refuse(reason: RefusalReason, http_status: int) -> HandshakeVerdict:
        """Refuse the handshake with ``http_status`` and record ``reason``."""
        return HandshakeVerdict(False, reason, http_status)


@dataclass(frozen=True, slots=True)
class DataTransferReply:
    """Our answer to a charger's DataTransfer."""

    status: str  # Accepted, Rejected, UnknownMessageId, UnknownVendorId
    data: str | None = None


class AdmissionPort(Protocol):
    """Decides who may connect, and hears about connections coming and going."""

    async def check_handshake(
        self,
        charger_id: str,
        username: str | None,
        password: str | None,
        *,
        peer: str | None = None,
        tls: TlsFacts | None = None,
    ) -> HandshakeVerdict:
        """Judge a handshake by the charger id in the URL (already checked against the id
        rules), its Basic auth credentials, the peer address (``host:port``) and, on the
        wss:// port, what the TLS handshake showed (None: plain ws://)."""
        ...

    async def record_refusal(
        self,
        charger_id: str | None,
        reason: RefusalReason,
        peer: str | None,
        path: str,
        http_status: int,
        *,
        subprotocols: tuple[str, ...] = (),
        username: str | None = None,
    ) -> None:
        """Remember a refused handshake for the technician, with what the charger offered."""
        ...

    async def charger_connected(self, charger_id: str, peer: str | None) -> None:
        """A charger's websocket is open."""
        ...

    async def charger_disconnected(
        self, charger_id: str, close_code: int | None, reason: str
    ) -> None:
        """A charger's websocket closed (or was closed by us)."""
        ...

    def charger_seen(self, charger_id: str, at: datetime) -> None:
        """Any frame arrived from the charger; cheap, called for every frame."""
        ...

    def is_accepted(self, charger_id: str) -> bool:
        """True when staff (or open admission) accepted the charger; cheap, per CALL."""
        ...


class ChargerMessagePort(Protocol):
    """Handles what chargers send. Each method returns only after its data is committed."""

    async def boot(self, charger_id: str, boot: BootInfo) -> BootDecision:
        """BootNotification."""
        ...

    async def heartbeat(self, charger_id: str) -> None:
        """Heartbeat."""
        ...

    async def status(self, charger_id: str, report: StatusReport) -> None:
        """StatusNotification."""
        ...

    async def authorize(self, charger_id: str, id_tag: str) -> IdTagInfo:
        """Authorize."""
        ...

    async def start_transaction(self, charger_id: str, request: StartRequest) -> StartDecision:
        """StartTransaction: always answered with a transaction id, even for a bad card."""
        ...

    async def stop_transaction(self, charger_id: str, request: StopRequest) -> IdTagInfo | None:
        """StopTransaction: always acknowledged, odd ones are kept aside."""
        ...

    async def meter_values(self, charger_id: str, report: MeterReport) -> None:
        """MeterValues."""
        ...

    async def data_transfer(
        self, charger_id: str, vendor_id: str, message_id: str | None, data: str | None
    ) -> DataTransferReply:
        """DataTransfer from the charger."""
        ...

    async def notice(self, charger_id: str, kind: str, details: dict[str, Any]) -> None:
        """Diagnostics, firmware, log and security notifications: recorded and published."""
        ...

    async def sign_certificate(self, charger_id: str, csr: str) -> bool:
        """SignCertificate (1.6 security extension): True when the CSR is taken on; the
        signed certificate follows in a CertificateSigned sent by the services later."""
        ...


class MessageLogPort(Protocol):
    """Keeps every frame. Must not block: it is called on the engine loop for every frame."""

    def record(self, frame: LoggedFrame) -> None:
        """Queue a frame for storage."""
        ...
