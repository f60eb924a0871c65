"""Checks of the site CA: loading certificates and keys, a site's own PKI, a charger's
signing request, and firmware signatures. Each refusal says what is wrong and what to do."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from console.services.site_ca_files import CertificateInfo, PrivateKey, PublicKey, info_of


class PkiError(ValueError):
    """A certificate or key cannot be used; str() says what is wrong and what to do."""


class CsrRefused(ValueError):
    """A charger's certificate signing request was not signed; str() says why."""


@dataclass(frozen=True, slots=True)
class OwnPki:
    """A site's own PKI: its CA certificate, and the server certificate and key for ChargeDesk."""

    ca_cert: Path
    server_cert: Path  # may hold intermediate certificates after the server's own
    server_key: Path


def load_certificates(path: Path, what: str) -> list[x509.Certificate]:
    """The certificates in a PEM file (several) or a DER file (one)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PkiError(f"cannot read the {what} {path}: {error.strerror or error}") from None
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError:
        try:
            return [x509.load_der_x509_certificate(data)]
        except ValueError:
            raise PkiError(f"the {what} {path} is not a PEM or DER certificate") from None


def load_key(data: bytes, where: str) -> PrivateKey:
    """An unencrypted PEM private key (RSA or EC); ``where`` names it in refusals."""
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise PkiError(
            f"{where} is not an unencrypted PEM private key: export it without a password"
        ) from None
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise PkiError(f"{where} is not an RSA or elliptic-curve key")
    return key


def load_key_file(path: Path, what: str) -> PrivateKey:
    """load_key of a file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PkiError(f"cannot read the {what} {path}: {error.strerror or error}") from None
    return load_key(data, f"the {what} {path}")


def same_key(key: PrivateKey, certificate: x509.Certificate) -> bool:
    """True when ``key`` is the private key of ``certificate``."""
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    mine = key.public_key().public_bytes(serialization.Encoding.DER, spki)
    public = certificate.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        return False
    return mine == public.public_bytes(serialization.Encoding.DER, spki)


def issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    """True when ``issuer`` signed ``certificate`` (names and signature)."""
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def expiry_warning(what: str, info: CertificateInfo, now: datetime, days: int) -> str | None:
    """A warning when ``info`` runs out within ``days`` (or has), else None."""
    left = info.days_left(now)
    if left < 0:
        return f"the {what} ran out on {info.not_after:%Y-%m-%d}: replace it now"
    if left < days:
        return f"the {what} runs out on {info.not_after:%Y-%m-%d} ({int(left)} days left)"
    return None


def check_own_pki(own: OwnPki, now: datetime, server_days: int, ca_days: int) -> list[str]:
    """Check that the server key matches its certificate and that the certificate chains
    (through intermediates in its file) to the CA; the expiry warnings."""
    ca_chain = load_certificates(own.ca_cert, "CA certificate")
    chain = load_certificates(own.server_cert, "server certificate")
    key = load_key_file(own.server_key, "server key")
    if not same_key(key, chain[0]):
        raise PkiError(
            f"the server key {own.server_key} does not belong to the server certificate "
            f"{own.server_cert}: give the key made with that certificate"
        )
    # Walk leaf -> intermediates in the server file -> one of the CA file's certificates.
    current, remaining = chain[0], list(chain[1:])
    while not any(issued_by(current, ca) for ca in ca_chain):
        parent = next((c for c in remaining if issued_by(current, c)), None)
        if parent is None:
            raise PkiError(
                f"the server certificate {own.server_cert} is not issued by the CA "
                f"certificate {own.ca_cert}: give the CA that signed it"
            )
        remaining.remove(parent)
        current = parent
    warnings = [
        expiry_warning("server certificate (own PKI)", info_of(chain[0]), now, server_days),
        expiry_warning("CA certificate (own PKI)", info_of(ca_chain[0]), now, ca_days),
    ]
    return [text for text in warnings if text]


def check_csr(csr_pem: str, charger_id: str) -> tuple[x509.Name, PublicKey]:
    """The request's subject and key, when its signature verifies, its CN is
    ``charger_id`` (letter case aside) and its key is RSA 2048+ or EC P-256/P-384;
    else CsrRefused."""
    try:
        request = x509.load_pem_x509_csr(csr_pem.encode("ascii", "replace"))
    except ValueError:
        raise CsrRefused("the request is not a PEM certificate signing request") from None
    if not request.is_signature_valid:
        raise CsrRefused("the request's signature does not verify: it was changed or damaged")
    names = request.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    common_name = str(names[0].value) if names else ""
    if common_name.casefold() != charger_id.casefold():
        raise CsrRefused(f"the request is for '{common_name}', not for this charger '{charger_id}'")
    public = request.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        if public.key_size < 2048:
            raise CsrRefused(
                f"the request's key is too weak (RSA {public.key_size} bits): "
                "RSA 2048 bits or more, or EC P-256/P-384, is needed"
            )
    elif isinstance(public, ec.EllipticCurvePublicKey):
        if not isinstance(public.curve, ec.SECP256R1 | ec.SECP384R1):
            raise CsrRefused(
                f"the request's key uses the curve {public.curve.name}: "
                "EC P-256/P-384 or RSA 2048 bits or more is needed"
            )
    else:
        raise CsrRefused("the request's key is neither RSA nor EC P-256/P-384")
    return request.subject, public


def _pss() -> padding.PSS:
    return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)


def sign_data(key: PrivateKey, data: bytes) -> str:
    """The base64 SHA-256 signature of ``data``: ECDSA for an EC key, RSA-PSS for RSA."""
    if isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(data, _pss(), hashes.SHA256())
    else:
        signature = key.sign(data, ec.ECDSA(hashes.SHA256()))
    return base64.b64encode(signature).decode("ascii")


def verify_firmware_signature(certificate_pem: str, data: bytes, signature: str) -> bool:
    """True when ``signature`` (base64) is the signing certificate's signature of ``data``."""
    certificate = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
    public = certificate.public_key()
    raw = base64.b64decode(signature)
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(raw, data, _pss(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(raw, data, ec.ECDSA(hashes.SHA256()))
        else:
            return False
    except InvalidSignature:
        return False
    return True
