"""Firmware signing with the site's signing certificate (SignedUpdateFirmware).

The technician creates a signing certificate issued by the site CA, or imports one from
the manufacturer's or the site's own PKI; ChargeDesk signs firmware files with its key.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from cryptography import x509

from console.services.site_ca_checks import (
    PkiError,
    load_certificates,
    load_key,
    load_key_file,
    same_key,
    sign_data,
)
from console.services.site_ca_files import (
    CLOCK_SLACK,
    CODE_SIGNING,
    CertificateInfo,
    PrivateKey,
    cert_pem,
    info_of,
    key_pem,
    make_leaf,
    name,
    new_key,
    now_utc,
    write_private,
)

SIGNING_DAYS = 1825


class FirmwareSigning:
    """The firmware signing part of the site CA (a base of SiteAuthority)."""

    folder: Path

    def _ca_cert(self) -> x509.Certificate:
        raise NotImplementedError  # SiteAuthority's

    def _ca_key(self) -> PrivateKey:
        raise NotImplementedError  # SiteAuthority's

    def _path(self, file: str) -> Path:
        return self.folder / file

    # -- firmware signing --------------------------------------------------------------
    def signing_certificate(self) -> CertificateInfo | None:
        """The firmware signing certificate, or None when there is none yet."""
        path = self._path("signing.pem")
        if not path.exists():
            return None
        return info_of(load_certificates(path, "signing certificate")[0])

    def create_signing_certificate(self) -> CertificateInfo:
        """Make a firmware signing certificate issued by the site CA (replacing any)."""
        now = now_utc()
        key = new_key("ec")
        certificate = make_leaf(
            subject=name("ChargeDesk firmware signing"),
            public=key.public_key(),
            ca_cert=self._ca_cert(),
            ca_key=self._ca_key(),
            not_before=now - CLOCK_SLACK,
            not_after=now + timedelta(days=SIGNING_DAYS),
            usage=CODE_SIGNING,
        )
        write_private(self._path("signing.key"), key_pem(key))
        write_private(self._path("signing.pem"), cert_pem(certificate))
        return info_of(certificate)

    def import_signing_certificate(self, cert_pem_text: str, key_pem_text: str) -> CertificateInfo:
        """Use a signing certificate and key from elsewhere (a manufacturer's or the site's PKI)."""
        try:
            certificate = x509.load_pem_x509_certificate(cert_pem_text.encode("ascii", "replace"))
        except ValueError:
            raise PkiError("the signing certificate is not a PEM certificate") from None
        key = load_key(key_pem_text.encode("ascii", "replace"), "the signing key")
        if not same_key(key, certificate):
            raise PkiError("the signing key does not belong to the signing certificate")
        if info_of(certificate).days_left(now_utc()) < 0:
            raise PkiError("the signing certificate has expired: give a current one")
        write_private(self._path("signing.key"), key_pem(key))
        write_private(self._path("signing.pem"), cert_pem(certificate))
        return info_of(certificate)

    def sign_firmware(self, data: bytes) -> str:
        """The base64 signature of a firmware file for SignedUpdateFirmware.

        SHA-256 with the signing key: ECDSA for an EC key, RSA-PSS for an RSA key.
        """
        path = self._path("signing.key")
        if not path.exists():
            raise PkiError(
                "there is no firmware signing certificate: create or import one "
                "('chargedesk ca signing create')"
            )
        return sign_data(load_key_file(path, "signing key"), data)
