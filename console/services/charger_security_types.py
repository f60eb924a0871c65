"""What the charger security service deals in: the site CA it needs, certificates it
issued, and what became of a certificate request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection

from console.core.charger_security import IssuedCertificate
from console.core.clock import utcnow
from console.core.model import CommandOutcome
from console.storage import certificates as certificate_repo


class CertificateFacts(Protocol):
    """What the site CA says of a certificate it made (site_ca.CertificateInfo)."""

    @property
    def subject(self) -> str: ...
    @property
    def serial(self) -> str: ...
    @property
    def not_before(self) -> datetime: ...
    @property
    def not_after(self) -> datetime: ...
    @property
    def fingerprint(self) -> str: ...
    @property
    def pem(self) -> str: ...


class Authority(Protocol):
    """What this service needs of the site CA (services/site_ca.py, SiteAuthority)."""

    def ca_pem(self) -> bytes:
        """The CA certificate, PEM."""
        ...

    def sign_csr(self, csr_pem: str, charger_id: str) -> Any:
        """Sign a charger's CSR (CertificateInfo); raises a ValueError saying why not."""
        ...

    def chain_pem(self, info: Any) -> Any:
        """Leaf + CA, PEM (text or bytes)."""
        ...

    def signing_certificate(self) -> Any:
        """The firmware signing certificate (CertificateInfo), None when there is none."""
        ...

    def sign_firmware(self, data: bytes) -> str:
        """A base64 signature of ``data`` with the signing key."""
        ...


@dataclass(frozen=True, slots=True)
class CertificateResult:
    """What became of one CSR: signed and accepted by the charger, or why not."""

    succeeded: bool
    message: str
    certificate: IssuedCertificate | None = None


@dataclass(frozen=True, slots=True)
class CertificateRequestOutcome:
    """The answer to ExtendedTriggerMessage(SignChargePointCertificate) and what followed."""

    outcome: CommandOutcome
    succeeded: bool
    message: str  # words for a person: what happened, or what to do
    certificate: IssuedCertificate | None = None


class SecuritySetupMissing(RuntimeError):
    """The site CA or the firmware signing certificate is missing; the message says what
    the technician must set up first."""


def text_of(value: str | bytes) -> str:
    """PEM as text, whether the site CA handed bytes or text."""
    return value.decode() if isinstance(value, bytes) else value


def store_issued(
    connection: Connection, charger_id: str, info: CertificateFacts
) -> IssuedCertificate:
    """Record a charger certificate the site CA signed; the stored value."""
    certificate = IssuedCertificate(
        id=0,
        kind="charger",
        serial=info.serial,
        subject=info.subject,
        charger_id=charger_id,
        not_before=info.not_before,
        not_after=info.not_after,
        issued_at=utcnow(),
        fingerprint=info.fingerprint,
        pem=text_of(info.pem),
    )
    return certificate_repo.add_issued_certificate(connection, certificate)
