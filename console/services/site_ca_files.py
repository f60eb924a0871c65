"""The certificate-making parts of the site CA: keys, certificates, private files.

Everything here is plain ``cryptography`` work with no state of its own; the site CA
(``site_ca.py``) decides what to make and when. Keys are elliptic-curve P-256 by default:
quick to make, small for a charger's memory, and what the OCPP 1.6 security extension's
first cipher suites (TLS_ECDHE_ECDSA_*) need. RSA is there for sites whose chargers
only speak the TLS_RSA_* suites.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from console.storage.database import ensure_private_dir

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
PublicKey = ec.EllipticCurvePublicKey | rsa.RSAPublicKey
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ORGANIZATION = "ChargeDesk site"
# Back-dating by a few minutes lets a charger whose clock runs a little behind accept a
# certificate made a moment ago.
CLOCK_SLACK = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    """What a person (and a charger message) needs to know about one certificate."""

    subject: str  # e.g. "CN=CP-1,O=ChargeDesk site"
    common_name: str
    serial: str  # hexadecimal
    not_before: datetime  # UTC
    not_after: datetime  # UTC
    fingerprint: str  # SHA-256 of the DER, hexadecimal
    pem: str  # this certificate only

    def days_left(self, now: datetime) -> float:
        """Days until the certificate runs out (negative once it has)."""
        return (self.not_after - now).total_seconds() / 86400


def info_of(certificate: x509.Certificate) -> CertificateInfo:
    """The CertificateInfo of a loaded certificate."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    common_name = str(names[0].value) if names else ""
    der = certificate.public_bytes(serialization.Encoding.DER)
    return CertificateInfo(
        subject=certificate.subject.rfc4514_string(),
        common_name=common_name,
        serial=f"{certificate.serial_number:x}",
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint=hashlib.sha256(der).hexdigest(),
        pem=certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
    )


def new_key(kind: str = "ec", rsa_bits: int = 3072) -> PrivateKey:
    """A new private key: "ec" (P-256) or "rsa"."""
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=rsa_bits)
    return ec.generate_private_key(ec.SECP256R1())


def key_kind(key: PrivateKey | PublicKey) -> str:
    """ "ec" or "rsa"."""
    return "rsa" if isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey) else "ec"


def name(common_name: str, organization: str = ORGANIZATION) -> x509.Name:
    """A subject "CN=...,O=..." (RFC 4514 lists the last attribute first)."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(*, cert_sign: bool = False, key_kind_text: str = "ec") -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        # RSA key exchange (TLS_RSA_* suites) encrypts the premaster secret to the key.
        key_encipherment=key_kind_text == "rsa" and not cert_sign,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def make_ca(key: PrivateKey, common_name: str, now: datetime, days: int) -> x509.Certificate:
    """A self-signed CA certificate that may sign end certificates only."""
    subject = name(common_name)
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SLACK)
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


def make_leaf(
    *,
    subject: x509.Name,
    public: PublicKey,
    ca_cert: x509.Certificate,
    ca_key: PrivateKey,
    not_before: datetime,
    not_after: datetime,
    usage: x509.ObjectIdentifier,
    alt_names: Sequence[x509.GeneralName] = (),
) -> x509.Certificate:
    """An end certificate issued by the CA; never valid past the CA itself."""
    not_after = min(not_after, ca_cert.not_valid_after_utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(key_kind_text=key_kind(public)), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    if alt_names:
        builder = builder.add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
    return builder.sign(ca_key, hashes.SHA256())


SERVER_AUTH = ExtendedKeyUsageOID.SERVER_AUTH
CLIENT_AUTH = ExtendedKeyUsageOID.CLIENT_AUTH
CODE_SIGNING = ExtendedKeyUsageOID.CODE_SIGNING


def pc_names() -> tuple[set[str], set[IpAddress]]:
    """Every name and address this PC answers to: host names, loopback, interfaces."""
    names = {"localhost"}
    for found in (socket.gethostname(), socket.getfqdn()):
        if found:
            names.add(found.lower())
    addresses: set[IpAddress] = {
        ipaddress.IPv4Address("127.0.0.1"),
        ipaddress.IPv6Address("::1"),
    }
    try:
        interfaces = psutil.net_if_addrs()
    except OSError:  # no interface list (a locked-down container): loopback and names
        interfaces = {}
    for entries in interfaces.values():
        for entry in entries:
            if entry.family in (socket.AF_INET, socket.AF_INET6):
                address = parse_address(entry.address)
                if address is not None:
                    addresses.add(address)
    return names, addresses


def parse_address(text: str) -> IpAddress | None:
    """An IP address from text ("fe80::1%eth0" loses its zone); None when not one."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0].strip("[]"))
    except ValueError:
        return None
    # 0.0.0.0 and :: (listen on all) are no address a charger can be given.
    return None if address.is_unspecified else address


def split_names(extra: Iterable[str]) -> tuple[set[str], set[IpAddress]]:
    """Names given by a person, sorted into DNS names and IP addresses."""
    names: set[str] = set()
    addresses: set[IpAddress] = set()
    for text in extra:
        text = text.strip()
        if not text:
            continue
        address = parse_address(text)
        if address is not None:
            addresses.add(address)
        elif text.isascii():  # a subjectAltName DNS entry is ASCII (IDNA) only
            names.add(text.lower())
    return names, addresses


def alt_names_of(certificate: x509.Certificate) -> tuple[set[str], set[IpAddress]]:
    """The DNS names and IP addresses in a certificate's subjectAltName."""
    try:
        san = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set(), set()
    names = {value.lower() for value in san.get_values_for_type(x509.DNSName)}
    addresses = {
        value
        for value in san.get_values_for_type(x509.IPAddress)
        if isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address)
    }
    return names, addresses


def alt_names_text(pem: str) -> list[str]:
    """The subjectAltName entries of a PEM certificate as text: names, then addresses."""
    names, addresses = alt_names_of(x509.load_pem_x509_certificate(pem.encode("ascii")))
    ordered = sorted(addresses, key=lambda address: (address.version, int(address)))
    return sorted(names) + [str(address) for address in ordered]


def alt_names_for(names: set[str], addresses: set[IpAddress]) -> list[x509.GeneralName]:
    """subjectAltName entries: names first, then addresses, each sorted."""
    entries: list[x509.GeneralName] = [x509.DNSName(value) for value in sorted(names)]
    ordered = sorted(addresses, key=lambda address: (address.version, int(address)))
    entries.extend(x509.IPAddress(address) for address in ordered)
    return entries


def key_pem(key: PrivateKey) -> bytes:
    """The private key as unencrypted PKCS#8 PEM (the file itself is private)."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def cert_pem(certificate: x509.Certificate) -> bytes:
    """The certificate as PEM."""
    return certificate.public_bytes(serialization.Encoding.PEM)


def write_private(path: Path, data: bytes) -> None:
    """Write ``path`` readable by the owner only, all at once (no half-written file)."""
    ensure_private_dir(path.parent, own=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def now_utc() -> datetime:
    """The current time in UTC, without microseconds (certificates keep seconds)."""
    return datetime.now(UTC).replace(microsecond=0)
