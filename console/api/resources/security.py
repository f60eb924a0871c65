"""The site CA and chargers' security (OCPP 1.6 security extension): the CA's facts and
its certificate as DER (PEM: GET /api/site-ca.pem, in access.py), a charger's security facts
(its required and connected profile, the certificates the site CA issued to it, its
security events), the root certificates it holds, and the admin's move down.

The guided move up is POST /api/chargers/{charger_id}/security/move-up (chargers.py).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Literal

from aiohttp import web
from pydantic import Field

from console.api.models import ApiModel
from console.api.problems import ApiProblem, not_found
from console.api.resources._commands_common import known_charger
from console.api.resources._common import OutcomeOut, outcome_out
from console.api.routing import ApiCall, ApiRouter
from console.core.charger_security import IssuedCertificate, SecurityEvent
from console.core.clock import utcnow
from console.core.commands import CertificateHash
from console.core.staff import Permission
from console.services import api_reads_chargers as reads
from console.services.site_ca import CertificateInfo, SiteAuthority

router = ApiRouter(
    "security",
    "The site CA and its certificate; chargers' security profiles, certificates and "
    "security events",
)

DER = "application/pkix-cert"
EVENTS_LIMIT = 200
ISSUED_LIMIT = 100
_NO_SITE_CA = (
    "ChargeDesk runs without a site CA: start the engine with a TLS port (wss://) to create one."
)


class CertificateOut(ApiModel):
    """One certificate of the site (never a key)."""

    subject: str = Field(description="e.g. CN=ChargeDesk site CA,O=ChargeDesk site")
    common_name: str
    serial: str = Field(description="Hexadecimal")
    not_before: datetime
    not_after: datetime
    days_left: float = Field(description="Days until it runs out (negative once it has)")
    fingerprint: str = Field(description="SHA-256 of the DER, hexadecimal")


class SiteCaOut(ApiModel):
    """The site CA, the server certificate of wss:// (and of this API) and the firmware
    signing certificate."""

    available: bool = Field(description="False: the engine runs without a site CA")
    own_pki: bool = Field(description="True: the site's own PKI, ChargeDesk makes nothing")
    ca: CertificateOut | None = None
    server: CertificateOut | None = None
    signing: CertificateOut | None = Field(
        None, description="The firmware signing certificate; null when there is none"
    )
    warnings: list[str] = Field(description="What runs out soon, in words")


class IssuedCertificateOut(ApiModel):
    """A certificate the site CA signed for the charger (SignCertificate)."""

    id: int
    serial: str
    subject: str
    not_before: datetime
    not_after: datetime
    issued_at: datetime
    fingerprint: str
    pem: str = Field(description="The certificate (public), PEM")


class SecurityEventOut(ApiModel):
    """A SecurityEventNotification of the charger, or a security refusal of ours."""

    id: int
    at: datetime = Field(description="The charger's time, or ours when it gave none")
    received_at: datetime
    kind: str = Field(description="The event type, e.g. FirmwareUpdated, InvalidCsr")
    severity: str = Field(description="critical (raised as an alarm), warning or info")
    tech_info: str | None = None


class ChargerSecurityOut(ApiModel):
    """What ChargeDesk knows of a charger's security."""

    charger_id: str
    required_profile: int = Field(description="The security profile it must connect with")
    connected_profile: int | None = Field(
        None, description="The profile its open connection met; null when not connected"
    )
    has_password: bool = Field(description="It has a Basic auth password (profiles 1, 2)")
    issued_certificates: list[IssuedCertificateOut] = Field(
        description=f"Certificates the site CA issued to it, newest first (at most {ISSUED_LIMIT})"
    )
    events: list[SecurityEventOut] = Field(
        description=f"Its security events, newest first (at most {EVENTS_LIMIT})"
    )


RootKind = Literal["CentralSystemRootCertificate", "ManufacturerRootCertificate"]


class InstalledCertificatesBody(ApiModel):
    """Which root certificates to ask about."""

    certificate_type: RootKind = Field(
        "CentralSystemRootCertificate",
        description="CentralSystemRootCertificate (the kind the site CA is installed as) or "
        "ManufacturerRootCertificate",
    )


class InstalledCertificateOut(ApiModel):
    """An installed certificate as the charger names it (CertificateHashData)."""

    hash_algorithm: str
    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str


class InstalledCertificatesOut(ApiModel):
    """What the charger answered, and the certificates it holds of that type."""

    outcome: OutcomeOut
    certificates: list[InstalledCertificateOut]


class MoveDownBody(ApiModel):
    """The lower profile to require."""

    profile: int = Field(ge=0, le=2, description="0, 1 or 2: below the current profile")


def certificate_out(info: CertificateInfo | None, now: datetime) -> CertificateOut | None:
    """The API form of a site certificate (None stays None)."""
    if info is None:
        return None
    return CertificateOut(
        subject=info.subject,
        common_name=info.common_name,
        serial=info.serial,
        not_before=info.not_before,
        not_after=info.not_after,
        days_left=round(info.days_left(now), 2),
        fingerprint=info.fingerprint,
    )


def issued_out(certificate: IssuedCertificate) -> IssuedCertificateOut:
    """The API form of a certificate the site CA issued."""
    return IssuedCertificateOut(
        id=certificate.id,
        serial=certificate.serial,
        subject=certificate.subject,
        not_before=certificate.not_before,
        not_after=certificate.not_after,
        issued_at=certificate.issued_at,
        fingerprint=certificate.fingerprint,
        pem=certificate.pem,
    )


def event_out(event: SecurityEvent) -> SecurityEventOut:
    """The API form of a security event."""
    return SecurityEventOut(
        id=event.id,
        at=event.at,
        received_at=event.received_at,
        kind=event.kind,
        severity=event.severity,
        tech_info=event.tech_info,
    )


def _authority(call: ApiCall) -> SiteAuthority:
    authority = call.engine.authority
    if authority is None:
        # 404 like GET /api/site-ca.pem: there is no such certificate to give.
        raise ApiProblem(404, "No site CA", _NO_SITE_CA, kind="no-site-ca")
    return authority


@router.get("/api/site-ca", summary="The site CA and its certificates", response=SiteCaOut)
async def get_site_ca(call: ApiCall) -> SiteCaOut:
    """The CA chargers must trust, the server certificate (of wss:// and of this API)
    and the firmware signing certificate, with what runs out soon. Like
    `chargedesk ca show`; no key is ever shown. The CA certificate itself:
    GET /api/site-ca.pem or /api/site-ca.der."""
    authority = call.engine.authority
    if authority is None:
        return SiteCaOut(available=False, own_pki=False, signing=None, warnings=[_NO_SITE_CA])
    status = await asyncio.to_thread(authority.status)  # files: off the engine loop
    now = utcnow()
    return SiteCaOut(
        available=True,
        own_pki=status.own,
        ca=certificate_out(status.ca, now),
        server=certificate_out(status.server, now),
        signing=certificate_out(status.signing, now),
        warnings=list(status.warnings),
    )


@router.get(
    "/api/site-ca.der",
    summary="The site CA's certificate (DER)",
    public=True,
    response=bytes,
    response_media=DER,
    errors=(404,),
)
async def export_site_ca_der(call: ApiCall) -> web.Response:
    """For chargers that take binary certificate files; the same certificate as
    GET /api/site-ca.pem (public like it: a certificate is no secret, and a new desk needs
    it before it can trust this API). Check its SHA-256 against `fingerprint` of
    GET /api/site-ca or `chargedesk ca show`."""
    data = await asyncio.to_thread(_authority(call).ca_der)
    return web.Response(
        body=data,
        content_type=DER,
        headers={"Content-Disposition": 'attachment; filename="chargedesk-site-ca.der"'},
    )


async def _charger_security(call: ApiCall, charger_id: str) -> ChargerSecurityOut:
    record = await call.read(lambda q: reads.charger_record(q, charger_id))
    if record is None:
        raise not_found(f"charger {charger_id}")
    security = call.engine.security
    issued = await security.issued_certificates(record.id, ISSUED_LIMIT)
    events = await security.security_events(record.id, EVENTS_LIMIT)
    return ChargerSecurityOut(
        charger_id=record.id,
        required_profile=record.security_profile,
        connected_profile=call.engine.admission.connection_profile(record.id),
        has_password=record.has_password,
        issued_certificates=[issued_out(c) for c in issued],
        events=[event_out(e) for e in events],
    )


@router.get(
    "/api/chargers/{charger_id}/security",
    summary="A charger's security facts",
    response=ChargerSecurityOut,
    errors=(404,),
)
async def get_charger_security(call: ApiCall) -> ChargerSecurityOut:
    """The profile it must use and the one its connection met, the certificates the
    site CA issued to it and its security events (what the console's Security page
    shows). The root certificates it holds are asked of the charger itself: POST
    .../security/installed-certificates."""
    charger_id = await known_charger(call, call.path["charger_id"])
    return await _charger_security(call, charger_id)


def _installed_out(item: CertificateHash) -> InstalledCertificateOut:
    return InstalledCertificateOut(
        hash_algorithm=item.hash_algorithm,
        issuer_name_hash=item.issuer_name_hash,
        issuer_key_hash=item.issuer_key_hash,
        serial_number=item.serial_number,
    )


@router.post(
    "/api/chargers/{charger_id}/security/installed-certificates",
    summary="Ask a charger which root certificates it holds",
    needs=Permission.CHARGER_SECURITY,
    body=InstalledCertificatesBody,
    response=InstalledCertificatesOut,
    errors=(403, 404, 422),
)
async def get_installed_certificates(call: ApiCall) -> InstalledCertificatesOut:
    """Sends GetInstalledCertificateIds (a command: technician role, audited) and
    answers what the charger said. `certificates` is empty when it holds none or did not
    accept; `outcome` says which (offline, not supported, refused...)."""
    charger_id = await known_charger(call, call.path["charger_id"])
    wanted: str = call.body.certificate_type
    outcome, hashes = await call.engine.security.installed_certificates(
        charger_id, wanted, actor=call.actor
    )
    return InstalledCertificatesOut(
        outcome=outcome_out(outcome, charger_id),
        certificates=[_installed_out(item) for item in hashes],
    )


@router.post(
    "/api/chargers/{charger_id}/security/move-down",
    summary="Require a lower security profile of a charger (admins)",
    needs=Permission.SECURITY_SETTINGS,
    body=MoveDownBody,
    response=ChargerSecurityOut,
    errors=(403, 404, 409, 422),
)
async def move_charger_security_down(call: ApiCall) -> ChargerSecurityOut:
    """The console's Move down, for a charger reset to factory settings: only what
    ChargeDesk requires is lowered (a charger never lowers its own profile). Admin role;
    audited. A profile not below the current one is a 409. The guided move up is
    POST /api/chargers/{charger_id}/security/move-up."""
    charger_id = await known_charger(call, call.path["charger_id"])
    try:
        await call.engine.profile_upgrade.move_down(charger_id, call.body.profile, actor=call.actor)
    except ValueError as error:  # the service's refusals in words ("not above 2")
        raise ApiProblem(409, "Not possible now", str(error), kind="security-profile") from None
    return await _charger_security(call, charger_id)
