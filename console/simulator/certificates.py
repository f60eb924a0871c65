"""The simulated charger's certificate store (OCPP 1.6 security extension, edition 3).

Holds the installed root certificates (CentralSystemRootCertificate,
ManufacturerRootCertificate), the charger's own ChargePointCertificate with its key,
and the key of a certificate signing request still waiting for its CertificateSigned.
Everything is in memory: a simulator's state lives as long as the simulator.
"""

from __future__ import annotations

import hashlib
import os
import ssl
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

CENTRAL_SYSTEM_ROOT = "CentralSystemRootCertificate"
MANUFACTURER_ROOT = "ManufacturerRootCertificate"
ROOT_USES = (CENTRAL_SYSTEM_ROOT, MANUFACTURER_ROOT)
_HASHES = {"SHA256": hashlib.sha256, "SHA384": hashlib.sha384, "SHA512": hashlib.sha512}
# The longest chain walked from a leaf to a root; a longer one is refused.
_MAX_DEPTH = 5


def pem_text(source: str | bytes | os.PathLike[str] | None) -> str | None:
    """PEM text from ``source``: PEM text itself, or the path of a file holding it."""
    if source is None:
        return None
    if isinstance(source, bytes):
        return source.decode()
    text = str(source)
    if "-----BEGIN" in text:
        return text
    with open(text, encoding="ascii") as file:
        return file.read()


def parse_certificates(pem: str) -> list[x509.Certificate]:
    """Every certificate in ``pem``, in order; ValueError when there is none or one is bad."""
    certificates = x509.load_pem_x509_certificates(pem.encode())
    if not certificates:
        raise ValueError("no certificate in the PEM text")
    return certificates


def to_pem(certificates: list[x509.Certificate]) -> str:
    """The PEM text of ``certificates``, in order."""
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in certificates)


def common_name(certificate: x509.Certificate | x509.CertificateSigningRequest) -> str | None:
    """The subject's CN, if it has one."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else None


def _subject_public_key_bits(certificate: x509.Certificate) -> bytes:
    """The content of subjectPublicKey (BIT STRING, without tag, length and unused-bits byte).

    This is what OCSP's issuerKeyHash (and so OCPP's) hashes. Read straight from the
    SubjectPublicKeyInfo DER: SEQUENCE { AlgorithmIdentifier, BIT STRING }.
    """
    der = certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    _, body = _der_item(der, 0)  # the outer SEQUENCE
    algorithm_end, _ = _der_item(der, body)  # skip the AlgorithmIdentifier
    end, content = _der_item(der, algorithm_end)
    return der[content + 1 : end]


def _der_item(der: bytes, at: int) -> tuple[int, int]:
    """(end of the item, start of its content) of the DER item that starts at ``at``."""
    length = der[at + 1]
    start = at + 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(der[start : start + count], "big")
        start += count
    return start + length, start


def hash_data(
    certificate: x509.Certificate,
    issuer: x509.Certificate | None = None,
    algorithm: str = "SHA256",
) -> dict[str, str]:
    """CertificateHashDataType of ``certificate`` (snake_case keys, as the ocpp library uses).

    issuerNameHash: hash of the DER issuer name; issuerKeyHash: hash of the issuer's
    public key bits (``issuer`` defaults to the certificate itself, right for roots);
    serialNumber: the serial in lower-case hex without leading zeroes. Hashes are
    lower-case hex.
    """
    digest = _HASHES[algorithm]
    return {
        "hash_algorithm": algorithm,
        "issuer_name_hash": digest(certificate.issuer.public_bytes()).hexdigest(),
        "issuer_key_hash": digest(_subject_public_key_bits(issuer or certificate)).hexdigest(),
        "serial_number": format(certificate.serial_number, "x"),
    }


def _same_hash(wanted: dict[str, Any], have: dict[str, str]) -> bool:
    # A central system may write the hex in upper case or with leading zeroes.
    def norm(value: object) -> str:
        return str(value).strip().lower().lstrip("0")

    return all(norm(wanted.get(k, "")) == norm(v) for k, v in have.items() if k != "hash_algorithm")


def _valid_now(certificate: x509.Certificate) -> bool:
    now = datetime.now(UTC)
    return certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc


def _issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    if certificate.issuer != issuer.subject:
        return False
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def chains_to(chain: list[x509.Certificate], roots: list[x509.Certificate]) -> bool:
    """Whether ``chain[0]`` leads, through ``chain[1:]``, to one of ``roots``.

    Every certificate on the way must be valid now and signed by the next one.
    """
    if not chain:
        return False
    current = chain[0]
    pool = chain[1:]
    for _ in range(_MAX_DEPTH):
        if not _valid_now(current):
            return False
        if any(current == root or _issued_by(current, root) for root in roots):
            return True
        step = next((c for c in pool if _issued_by(current, c)), None)
        if step is None:
            return False
        pool = [c for c in pool if c is not step]
        current = step
    return False


def verify_signature(certificate: x509.Certificate, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is ``certificate``'s key's SHA-256 signature of ``data``."""
    key = certificate.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        else:
            return False
    except InvalidSignature:
        return False
    return True


@dataclass
class ChargePointCertificate:
    """The charger's own certificate chain (leaf first) and its private key, as PEM."""

    chain_pem: str
    key_pem: str


class CertificateStore:
    """Installed roots, the charger's own certificate and a pending CSR key."""

    def __init__(self, max_length: int = 10) -> None:
        self.max_length = max_length
        self._roots: dict[str, list[x509.Certificate]] = {use: [] for use in ROOT_USES}
        self.charge_point: ChargePointCertificate | None = None
        self._pending_key: ec.EllipticCurvePrivateKey | None = None

    # ----------------------------------------------------------------- roots

    def count(self) -> int:
        """How many root certificates are installed (CertificateStoreMaxLength counts these)."""
        return sum(len(roots) for roots in self._roots.values())

    def roots(self, use: str = CENTRAL_SYSTEM_ROOT) -> list[x509.Certificate]:
        """The installed roots of one use."""
        return list(self._roots.get(use, []))

    def add_roots(self, pem: str, use: str = CENTRAL_SYSTEM_ROOT) -> None:
        """Install every certificate in ``pem`` (the simulator's own configuration)."""
        for certificate in parse_certificates(pem):
            if certificate not in self._roots[use]:
                self._roots[use].append(certificate)

    def install(self, use: str, pem: str) -> str:
        """InstallCertificate: Accepted, Rejected (not one valid certificate) or Failed (full)."""
        try:
            certificates = parse_certificates(pem)
        except ValueError:
            return "Rejected"
        if use not in self._roots or len(certificates) != 1 or not _valid_now(certificates[0]):
            return "Rejected"
        certificate = certificates[0]
        if certificate in self._roots[use]:
            return "Accepted"  # installing it again changes nothing
        if self.count() >= self.max_length:
            return "Failed"
        self._roots[use].append(certificate)
        return "Accepted"

    def installed_ids(self, use: str) -> list[dict[str, str]]:
        """GetInstalledCertificateIds: the hash data of each installed root of ``use``."""
        return [self._hash(c) for c in self._roots.get(use, [])]

    def find(self, wanted: dict[str, Any]) -> tuple[str, x509.Certificate] | None:
        """(use, certificate) of the installed root matching ``wanted`` hash data."""
        algorithm = str(wanted.get("hash_algorithm", "SHA256"))
        if algorithm not in _HASHES:
            return None
        for use, roots in self._roots.items():
            for certificate in roots:
                if _same_hash(wanted, self._hash(certificate, algorithm)):
                    return use, certificate
        return None

    def delete(self, wanted: dict[str, Any], in_use: bool) -> str:
        """DeleteCertificate: Accepted, NotFound, or Failed.

        Failed for the charger's own certificate and, when ``in_use`` (TLS profiles),
        for the last CentralSystemRootCertificate: without it the charger could never
        connect again.
        """
        own = self.own_certificate()
        if own is not None and _same_hash(wanted, hash_data(own, None, "SHA256")):
            return "Failed"
        found = self.find(wanted)
        if found is None:
            return "NotFound"
        use, certificate = found
        if in_use and use == CENTRAL_SYSTEM_ROOT and len(self._roots[use]) == 1:
            return "Failed"
        self._roots[use].remove(certificate)
        return "Accepted"

    def pem(self, use: str = CENTRAL_SYSTEM_ROOT) -> str:
        """The installed roots of ``use`` as PEM text ("" when none)."""
        return to_pem(self._roots.get(use, []))

    def _hash(self, certificate: x509.Certificate, algorithm: str = "SHA256") -> dict[str, str]:
        issuer = next(
            (c for roots in self._roots.values() for c in roots if _issued_by(certificate, c)),
            None,
        )
        return hash_data(certificate, issuer, algorithm)

    # ----------------------------------------------------------------- own certificate

    def own_certificate(self) -> x509.Certificate | None:
        """The leaf of the charger's own certificate chain, if it has one."""
        if self.charge_point is None:
            return None
        return parse_certificates(self.charge_point.chain_pem)[0]

    def new_csr(self, charger_id: str, organization: str) -> str:
        """A fresh EC P-256 key and a PEM CSR for it (CN = charger id, O = CpoName).

        The key waits until CertificateSigned brings the matching certificate.
        """
        key = ec.generate_private_key(ec.SECP256R1())
        attributes = [x509.NameAttribute(NameOID.COMMON_NAME, charger_id)]
        if organization:
            attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
        csr = (
            x509.CertificateSigningRequestBuilder()
            .subject_name(x509.Name(attributes))
            .sign(key, hashes.SHA256())
        )
        self._pending_key = key
        return csr.public_bytes(serialization.Encoding.PEM).decode()

    def accept_signed(self, chain_pem: str, charger_id: str, max_size: int) -> str | None:
        """CertificateSigned: store the chain, or return why it is refused.

        The chain must fit ``max_size`` characters, answer our pending CSR (same public
        key), name us as CN, be valid now and lead to an installed
        CentralSystemRootCertificate.
        """
        if max_size and len(chain_pem) > max_size:
            return f"the chain is longer than {max_size} characters"
        try:
            chain = parse_certificates(chain_pem)
        except ValueError:
            return "the chain is not valid PEM"
        key = self._pending_key
        leaf = chain[0]
        if key is None:
            return "no certificate signing request is pending"
        if leaf.public_key() != key.public_key():
            return "the certificate is not for the key of our request"
        if common_name(leaf) != charger_id:
            return f"the certificate's CN is {common_name(leaf)!r}, not {charger_id!r}"
        if not chains_to(chain, self._roots[CENTRAL_SYSTEM_ROOT]):
            return "the chain does not lead to an installed CentralSystemRootCertificate"
        key_pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        self.charge_point = ChargePointCertificate(to_pem(chain), key_pem)
        self._pending_key = None
        return None

    # ----------------------------------------------------------------- TLS

    def client_context(self, *, with_certificate: bool, check_hostname: bool) -> ssl.SSLContext:
        """A TLS 1.2+ client context trusting only the installed CentralSystemRootCertificates.

        With ``with_certificate`` (security profile 3) it presents the charger's own
        certificate; ConnectionError (an OSError, as a failed connection) when it has none.
        """
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.check_hostname = check_hostname
        roots = self.pem(CENTRAL_SYSTEM_ROOT)
        if roots:
            context.load_verify_locations(cadata=roots)
        if with_certificate:
            if self.charge_point is None:
                raise ConnectionError("security profile 3 needs a ChargePointCertificate")
            _load_chain(context, self.charge_point)
        return context


def _load_chain(context: ssl.SSLContext, own: ChargePointCertificate) -> None:
    # ssl reads a certificate and key only from files: write them to a private
    # temporary folder for the moment of loading.
    with tempfile.TemporaryDirectory(prefix="sim-tls-") as folder:
        cert_path = os.path.join(folder, "cert.pem")
        key_path = os.path.join(folder, "key.pem")
        with open(cert_path, "w", encoding="ascii") as file:
            file.write(own.chain_pem)
        with open(os.open(key_path, os.O_WRONLY | os.O_CREAT, 0o600), "w", encoding="ascii") as f:
            f.write(own.key_pem)
        context.load_cert_chain(cert_path, key_path)
