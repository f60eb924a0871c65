"""Changes to the site CA made by a person (command line, console): each checks the
person's permission, changes the certificate files and records who did it.

The audit entry and the list of issued certificates are written in one transaction
around the file change: when the change fails nothing is recorded, and when it
succeeds the entry says who, what and the certificates before and after.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection

from console.core.charger_security import IssuedCertificate
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.services.site_ca import CertificateInfo, OwnPki, SiteAuthority
from console.services.site_ca_files import now_utc
from console.storage.certificates import add_issued_certificate
from console.storage.database import open_database

T = TypeVar("T")


def certificate_facts(info: CertificateInfo | None) -> dict[str, Any] | None:
    """What the audit log keeps of a certificate (never a key)."""
    if info is None:
        return None
    return {
        "subject": info.subject,
        "serial": info.serial,
        "fingerprint": info.fingerprint,
        "not_after": info.not_after.isoformat(),
    }


def _quietly(read: Callable[[], CertificateInfo | None]) -> CertificateInfo | None:
    try:
        return read()
    except (ValueError, OSError):  # missing or unreadable: "none" before the change
        return None


def _in_transaction(url: str, work: Callable[[Connection], T]) -> T:
    engine = open_database(url)
    try:
        with engine.begin() as connection:
            return work(connection)
    finally:
        engine.dispose()


def remember_certificate(
    connection: Connection, kind: str, info: CertificateInfo, charger_id: str | None = None
) -> None:
    """Add ``info`` to the issued certificates (once: an import may repeat)."""
    certificate = IssuedCertificate(
        id=0,
        kind=kind,
        serial=info.serial,
        subject=info.subject,
        charger_id=charger_id,
        not_before=info.not_before,
        not_after=info.not_after,
        issued_at=now_utc(),
        fingerprint=info.fingerprint,
        pem=info.pem,
    )
    add_issued_certificate(connection, certificate)


def renew_server(
    url: str, authority: SiteAuthority, names: list[str], *, actor: Actor
) -> CertificateInfo:
    """Make a new server certificate now (``chargedesk ca renew``)."""
    require(actor, Permission.SECURITY_SETTINGS)
    before = _quietly(lambda: authority.server)

    def work(connection: Connection) -> CertificateInfo:
        after = authority.renew_server(names)
        remember_certificate(connection, "server", after)
        record(
            connection,
            actor,
            "ca.renew",
            "server certificate",
            certificate_facts(before),
            certificate_facts(after),
        )
        return after

    return _in_transaction(url, work)


def use_own_pki(
    url: str, authority: SiteAuthority, own: OwnPki, *, actor: Actor, now: datetime | None = None
) -> list[str]:
    """Check a site's own PKI and use it from now on; the warnings."""
    require(actor, Permission.SECURITY_SETTINGS)
    before = _quietly(lambda: authority.ca)

    def work(connection: Connection) -> list[str]:
        warnings = authority.use_own(own, now=now)
        after = {
            "ca": certificate_facts(authority.ca),
            "server": certificate_facts(authority.server),
        }
        record(connection, actor, "ca.use_own", "site CA", certificate_facts(before), after)
        return warnings

    return _in_transaction(url, work)


def use_site_ca(url: str, authority: SiteAuthority, *, actor: Actor) -> list[str]:
    """Go back to the CA ChargeDesk makes (made now if missing); the warnings."""
    require(actor, Permission.SECURITY_SETTINGS)
    before = _quietly(lambda: authority.ca)

    def work(connection: Connection) -> list[str]:
        authority.use_site_ca()
        warnings = authority.ensure()
        after = certificate_facts(authority.ca)
        record(connection, actor, "ca.use_site", "site CA", certificate_facts(before), after)
        return warnings

    return _in_transaction(url, work)


def create_signing(url: str, authority: SiteAuthority, *, actor: Actor) -> CertificateInfo:
    """Make a firmware signing certificate issued by the site CA (replacing any)."""
    require(actor, Permission.SECURITY_SETTINGS)
    before = _quietly(authority.signing_certificate)

    def work(connection: Connection) -> CertificateInfo:
        after = authority.create_signing_certificate()
        remember_certificate(connection, "firmware_signing", after)
        record(
            connection,
            actor,
            "ca.signing_create",
            "firmware signing certificate",
            certificate_facts(before),
            certificate_facts(after),
        )
        return after

    return _in_transaction(url, work)


def import_signing(
    url: str, authority: SiteAuthority, cert_pem: str, key_pem: str, *, actor: Actor
) -> CertificateInfo:
    """Use a firmware signing certificate and key from elsewhere."""
    require(actor, Permission.SECURITY_SETTINGS)
    before = _quietly(authority.signing_certificate)

    def work(connection: Connection) -> CertificateInfo:
        after = authority.import_signing_certificate(cert_pem, key_pem)
        record(
            connection,
            actor,
            "ca.signing_import",
            "firmware signing certificate",
            certificate_facts(before),
            certificate_facts(after),
        )
        return after

    return _in_transaction(url, work)


def issue_charger(
    url: str, authority: SiteAuthority, charger_id: str, days: int, *, actor: Actor
) -> tuple[CertificateInfo, str]:
    """A certificate and key for a charger that loads files by hand (never the key in the log)."""
    require(actor, Permission.CHARGER_SECURITY)

    def work(connection: Connection) -> tuple[CertificateInfo, str]:
        info, key = authority.issue_charger_certificate(charger_id, days=days)
        remember_certificate(connection, "charger", info, charger_id)
        record(connection, actor, "ca.issue", charger_id, None, certificate_facts(info))
        return info, key

    return _in_transaction(url, work)
