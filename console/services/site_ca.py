"""The site certificate authority: the CA chargers trust, the server certificate of the
``wss://`` port, charger certificates, and the firmware signing certificate.

At first start ChargeDesk makes a CA (10 years) and a server certificate naming every
name and address of this PC, in a private folder (0700, keys 0600). Chargers get the CA
certificate installed (InstallCertificate, or by hand from ``chargedesk ca export``) and
then trust the server; profile-3 chargers get their own certificate signed by the CA
(SignCertificate -> CertificateSigned) and the server checks it. A site with its own PKI
gives its CA certificate and server certificate and key instead (``OwnPki``); ChargeDesk
then makes nothing and only checks and warns.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from console.services.site_ca_checks import (
    CsrRefused,
    OwnPki,
    PkiError,
    check_csr,
    check_own_pki,
    expiry_warning,
    issued_by,
    load_certificates,
    load_key_file,
    same_key,
    verify_firmware_signature,
)
from console.services.site_ca_files import (
    CLIENT_AUTH,
    CLOCK_SLACK,
    SERVER_AUTH,
    CertificateInfo,
    PrivateKey,
    alt_names_for,
    alt_names_of,
    cert_pem,
    info_of,
    key_kind,
    key_pem,
    make_ca,
    make_leaf,
    name,
    new_key,
    now_utc,
    pc_names,
    split_names,
    write_private,
)
from console.services.site_ca_signing import FirmwareSigning
from console.services.site_ca_words import handshake_failure_words
from console.storage.database import default_data_dir, ensure_private_dir

__all__ = [
    "TLS12_CIPHERS",
    "CertificateInfo",
    "CsrRefused",
    "OwnPki",
    "PkiError",
    "PkiStatus",
    "SiteAuthority",
    "handshake_failure_words",
    "verify_firmware_signature",
]

CA_DAYS = 3650
SERVER_DAYS = 397  # the longest TLS clients commonly accept for a server certificate
RENEW_SERVER_DAYS = 30  # renew (site CA) or warn (own PKI) this long before expiry
WARN_CA_DAYS = 180
# The TLS 1.2 suites of the OCPP 1.6 security extension: ECDHE-ECDSA for chargers with
# elliptic-curve support, TLS_RSA_* for those without. TLS 1.3 suites stay as OpenSSL has
# them (set_ciphers only touches TLS 1.2 and older).
TLS12_CIPHERS = ":".join(
    [
        "ECDHE-ECDSA-AES128-GCM-SHA256",  # TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        "ECDHE-ECDSA-AES256-GCM-SHA384",  # TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
        "AES128-GCM-SHA256",  # TLS_RSA_WITH_AES_128_GCM_SHA256
        "AES256-GCM-SHA384",  # TLS_RSA_WITH_AES_256_GCM_SHA384
    ]
)
OWN_MARKER = "own-pki.txt"  # present: the site uses its own PKI (the own-*.pem files)
NAMES_FILE = "server-names.txt"  # extra names for the server certificate, one a line


@dataclass(frozen=True, slots=True)
class PkiStatus:
    """The certificates in use, for the console and ``chargedesk ca show``."""

    folder: Path
    own: bool
    ca: CertificateInfo | None
    server: CertificateInfo | None
    signing: CertificateInfo | None
    warnings: tuple[str, ...] = field(default=())


class SiteAuthority(FirmwareSigning):
    """The site's CA and certificates, kept as files in one private folder."""

    def __init__(self, folder: Path, *, own: OwnPki | None = None, key_type: str = "ec") -> None:
        """``folder`` holds ca.pem, ca.key, server.pem, server.key, signing.*; ``own``
        names a site's own PKI files instead. ``key_type`` ("ec" P-256 or "rsa") is used
        only when a new CA is made."""
        self.folder = Path(folder)
        if own is None and (self.folder / OWN_MARKER).is_file():
            own = self._own_in_folder()
        self.own = own
        self.key_type = key_type

    @staticmethod
    def default_folder() -> Path:
        """The "pki" folder in ChargeDesk's per-user data folder."""
        return default_data_dir() / "pki"

    # -- files -------------------------------------------------------------------------
    def _own_in_folder(self) -> OwnPki:
        return OwnPki(
            self._path("own-ca.pem"), self._path("own-server.pem"), self._path("own-server.key")
        )

    def _ca_path(self) -> Path:
        return self.own.ca_cert if self.own else self._path("ca.pem")

    def server_files(self) -> tuple[Path, Path]:
        """The server certificate's and key's files (a site's own PKI: its copies)."""
        if self.own:
            return self.own.server_cert, self.own.server_key
        return self._path("server.pem"), self._path("server.key")

    def _ca_cert(self) -> x509.Certificate:
        path = self._ca_path()
        if not path.exists() and not self.own:
            raise PkiError("the site CA has not been made yet: run 'chargedesk ca show' once")
        return load_certificates(path, "CA certificate")[0]

    def _ca_key(self) -> PrivateKey:
        if self.own:
            raise PkiError(
                "this site uses its own CA, whose key ChargeDesk does not hold: "
                "issue the certificate with your own PKI"
            )
        return load_key_file(self._path("ca.key"), "CA key")

    def _server_cert(self) -> x509.Certificate:
        cert_path, _key_path = self.server_files()
        return load_certificates(cert_path, "server certificate")[0]

    # -- making and checking -----------------------------------------------------------
    def ensure(
        self, names: Sequence[str] | None = None, *, now: datetime | None = None
    ) -> list[str]:
        """Make what is missing and renew what is due; the warnings, in plain words.

        The server certificate is renewed when fewer than 30 days are left, when a name
        or address of this PC (or one of ``names``, which are remembered) is not in it,
        or when it is not issued by the CA. The CA is never replaced on its own: chargers
        trust it, so a new one means installing it on every charger.
        """
        now = now or now_utc()
        if self.own:
            return check_own_pki(self.own, now, RENEW_SERVER_DAYS, WARN_CA_DAYS)
        ensure_private_dir(self.folder, own=True)
        extra = self._extra_names(names or ())
        ca_path, ca_key_path = self._path("ca.pem"), self._path("ca.key")
        if not ca_path.exists() and not ca_key_path.exists():
            key = new_key(self.key_type)
            digest = x509.SubjectKeyIdentifier.from_public_key(key.public_key()).digest.hex()
            # A CN of its own per site: two sites' CAs never look like the same issuer.
            ca = make_ca(key, f"ChargeDesk site CA {digest[:8]}", now, CA_DAYS)
            write_private(ca_key_path, key_pem(key))
            write_private(ca_path, cert_pem(ca))
        ca, ca_key = self._ca_cert(), self._ca_key()
        if not same_key(ca_key, ca):
            raise PkiError(f"the CA key in {self.folder} does not belong to its CA certificate")
        if self._server_due(ca, extra, now):
            self._make_server(ca, ca_key, extra, now)
        warnings = [expiry_warning("site CA certificate", info_of(ca), now, WARN_CA_DAYS)]
        return [text for text in warnings if text]

    def _extra_names(self, names: Sequence[str]) -> list[str]:
        path = self._path(NAMES_FILE)
        known = path.read_text("utf-8").split() if path.exists() else []
        added = [text.strip() for text in names if text.strip() and text.strip() not in known]
        if added:
            write_private(path, ("\n".join(known + added) + "\n").encode("utf-8"))
        return known + added

    def _server_due(self, ca: x509.Certificate, extra: Sequence[str], now: datetime) -> bool:
        cert_path, key_path = self.server_files()
        if not cert_path.exists() or not key_path.exists():
            return True
        try:
            server = load_certificates(cert_path, "server certificate")[0]
            key = load_key_file(key_path, "server key")
        except PkiError:
            return True  # ours, so made again rather than refused
        if not issued_by(server, ca) or not same_key(key, server):
            return True
        if info_of(server).days_left(now) < RENEW_SERVER_DAYS:
            return True
        want_names, want_addresses = pc_names()
        extra_names, extra_addresses = split_names(extra)
        have_names, have_addresses = alt_names_of(server)
        return not (
            want_names | extra_names <= have_names
            and want_addresses | extra_addresses <= have_addresses
        )

    def _make_server(
        self, ca: x509.Certificate, ca_key: PrivateKey, extra: Sequence[str], now: datetime
    ) -> None:
        names, addresses = pc_names()
        extra_names, extra_addresses = split_names(extra)
        names |= extra_names
        addresses |= extra_addresses
        host = socket.gethostname().lower() or "localhost"
        key = new_key(key_kind(ca_key), rsa_bits=2048)
        server = make_leaf(
            subject=name(host),
            public=key.public_key(),
            ca_cert=ca,
            ca_key=ca_key,
            not_before=now - CLOCK_SLACK,
            not_after=now + timedelta(days=SERVER_DAYS),
            usage=SERVER_AUTH,
            alt_names=alt_names_for(names, addresses),
        )
        cert_path, key_path = self.server_files()
        write_private(key_path, key_pem(key))
        write_private(cert_path, cert_pem(server))

    def renew_server(
        self, names: Sequence[str] = (), *, now: datetime | None = None
    ) -> CertificateInfo:
        """Make a new server certificate now (``chargedesk ca renew``); the new one."""
        now = now or now_utc()
        if self.own:
            raise PkiError(
                "this site uses its own PKI: renew the server certificate there and give "
                "it with 'chargedesk ca use'"
            )
        self.ensure(names, now=now)
        self._make_server(self._ca_cert(), self._ca_key(), self._extra_names(()), now)
        return self.server

    def use_own(self, own: OwnPki, *, now: datetime | None = None) -> list[str]:
        """Check a site's own PKI files, copy them into the folder and use them from now on.

        Raises PkiError (nothing changed) when they do not fit together; the warnings.
        """
        warnings = SiteAuthority(self.folder, own=own).ensure(now=now)
        ensure_private_dir(self.folder, own=True)
        target = self._own_in_folder()
        for source, copy in zip(
            (own.ca_cert, own.server_cert, own.server_key),
            (target.ca_cert, target.server_cert, target.server_key),
            strict=True,
        ):
            write_private(copy, source.read_bytes())
        write_private(
            self._path(OWN_MARKER),
            f"own PKI from {own.ca_cert}, {own.server_cert}, {own.server_key}\n".encode(),
        )
        self.own = target
        return warnings

    def use_site_ca(self) -> None:
        """Go back from a site's own PKI to the site CA ChargeDesk makes."""
        self._path(OWN_MARKER).unlink(missing_ok=True)
        self.own = None

    # -- reading -----------------------------------------------------------------------
    @property
    def ca(self) -> CertificateInfo:
        """The CA certificate chargers must trust."""
        return info_of(self._ca_cert())

    @property
    def server(self) -> CertificateInfo:
        """The server certificate of the wss:// port."""
        return info_of(self._server_cert())

    def ca_pem(self) -> bytes:
        """The CA certificate as PEM (the first one, for an own CA file with several)."""
        return cert_pem(self._ca_cert())

    def ca_der(self) -> bytes:
        """The CA certificate as DER, for chargers that take binary files."""
        return self._ca_cert().public_bytes(serialization.Encoding.DER)

    def chain_pem(self, info: CertificateInfo) -> str:
        """A charger certificate followed by the CA: the chain CertificateSigned carries."""
        return info.pem + self.ca_pem().decode("ascii")

    def server_ssl_context(self) -> ssl.SSLContext:
        """The TLS context of the wss:// port: TLS 1.2 or newer, the extension's suites.

        A client certificate is optional at the handshake (a profile-2 charger sends
        none); one that is sent must chain to the site CA, else the handshake fails.
        Whether a charger must send one (profile 3) is the listener's check.
        """
        cert_path, key_path = self.server_files()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.set_ciphers(TLS12_CIPHERS)
        try:
            context.load_cert_chain(cert_path, key_path)
        except (OSError, ssl.SSLError) as error:
            raise PkiError(
                f"cannot use the server certificate {cert_path} with its key: {error}"
            ) from None
        context.load_verify_locations(cadata=self._ca_path().read_text("ascii"))
        context.verify_mode = ssl.CERT_OPTIONAL
        return context

    # -- charger certificates ----------------------------------------------------------
    def sign_csr(self, csr_pem: str, charger_id: str, *, days: int = 730) -> CertificateInfo:
        """Sign a charger's certificate signing request (SignCertificate); the certificate.

        Refused (CsrRefused) unless the request's signature verifies, its CN is the
        charger's id (letter case aside) and its key is RSA 2048+ or EC P-256/P-384.
        """
        subject, public = check_csr(csr_pem, charger_id)
        try:
            ca, ca_key = self._ca_cert(), self._ca_key()
        except PkiError as error:
            raise CsrRefused(str(error)) from None
        now = now_utc()
        certificate = make_leaf(
            subject=subject,
            public=public,
            ca_cert=ca,
            ca_key=ca_key,
            not_before=now - CLOCK_SLACK,
            not_after=now + timedelta(days=days),
            usage=CLIENT_AUTH,
        )
        return info_of(certificate)

    def issue_charger_certificate(
        self, charger_id: str, *, days: int = 730, not_before: datetime | None = None
    ) -> tuple[CertificateInfo, str]:
        """A charger certificate and its new private key (PEM), for chargers that take
        files, the simulator and tests (``not_before`` in the past makes an expired one)."""
        start = not_before or now_utc() - CLOCK_SLACK
        key = new_key("ec")
        certificate = make_leaf(
            subject=name(charger_id),
            public=key.public_key(),
            ca_cert=self._ca_cert(),
            ca_key=self._ca_key(),
            not_before=start,
            not_after=start + timedelta(days=days),
            usage=CLIENT_AUTH,
        )
        return info_of(certificate), key_pem(key).decode("ascii")

    # -- overview ----------------------------------------------------------------------
    def status(self, *, now: datetime | None = None) -> PkiStatus:
        """The certificates in use and what runs out soon (makes nothing)."""
        now = now or now_utc()

        def read(load: Callable[[], CertificateInfo | None]) -> CertificateInfo | None:
            try:
                return load()
            except (PkiError, OSError):
                return None

        ca = read(lambda: self.ca)
        server = read(lambda: self.server)
        signing = read(self.signing_certificate)
        checks = [
            ("site CA certificate", ca, WARN_CA_DAYS),
            ("server certificate", server, RENEW_SERVER_DAYS),
            ("firmware signing certificate", signing, RENEW_SERVER_DAYS),
        ]
        warnings = [
            text
            for what, info, days in checks
            if info and (text := expiry_warning(what, info, now, days))
        ]
        return PkiStatus(self.folder, self.own is not None, ca, server, signing, tuple(warnings))
