"""A tiny PKI for the simulator's security tests: EC P-256 keys, made with cryptography."""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import ssl
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def key_pem(key: ec.EllipticCurvePrivateKey) -> str:
    """A private key as PKCS#8 PEM."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def cert_pem(certificate: x509.Certificate) -> str:
    """A certificate as PEM."""
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


@dataclass
class Authority:
    """A self-signed CA that issues server, charger and firmware-signing certificates."""

    name: str
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @classmethod
    def create(cls, name: str) -> Authority:
        """A new CA named ``name``, valid for 30 days."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.now(UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(_name(name))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(key, hashes.SHA256())
        )
        return cls(name, key, certificate)

    @property
    def pem(self) -> str:
        """The CA certificate as PEM."""
        return cert_pem(self.certificate)

    def issue(
        self,
        common_name: str,
        public_key: ec.EllipticCurvePublicKey,
        *,
        server_ip: str | None = None,
        client: bool = False,
    ) -> x509.Certificate:
        """A leaf certificate for ``public_key`` (server for ``server_ip``, or client)."""
        now = datetime.now(UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(self.certificate.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=10))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        )
        if server_ip is not None:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(server_ip))]),
                critical=False,
            ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        if client:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False
            )
        return builder.sign(self.key, hashes.SHA256())

    def sign_csr(self, csr_pem: str, common_name: str | None = None) -> str:
        """The PEM chain (leaf, CA) for a CSR; CN from the CSR unless given."""
        csr = x509.load_pem_x509_csr(csr_pem.encode())
        assert csr.is_signature_valid
        name = common_name or str(csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)
        public_key = csr.public_key()
        assert isinstance(public_key, ec.EllipticCurvePublicKey)
        return cert_pem(self.issue(name, public_key, client=True)) + self.pem

    def client(self, common_name: str) -> tuple[str, str]:
        """(certificate PEM, key PEM) of a new charger certificate."""
        key = ec.generate_private_key(ec.SECP256R1())
        return cert_pem(self.issue(common_name, key.public_key(), client=True)), key_pem(key)

    def server_context(self, client_ca: Authority | None = None) -> ssl.SSLContext:
        """A TLS server context for 127.0.0.1; requests a client certificate of ``client_ca``."""
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = self.issue("127.0.0.1", key.public_key(), server_ip="127.0.0.1")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        with tempfile.TemporaryDirectory() as folder:
            chain, secret = Path(folder, "chain.pem"), Path(folder, "key.pem")
            chain.write_text(cert_pem(certificate) + self.pem)
            secret.write_text(key_pem(key))
            context.load_cert_chain(chain, secret)
        if client_ca is not None:
            context.verify_mode = ssl.CERT_OPTIONAL  # profile 2 sends none, profile 3 one
            context.load_verify_locations(cadata=client_ca.pem)
        return context

    def sign_firmware(self, image: bytes) -> tuple[str, str]:
        """(signing certificate PEM, base64 ECDSA-SHA256 signature) for ``image``."""
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = self.issue("Firmware signing", key.public_key())
        signature = key.sign(image, ec.ECDSA(hashes.SHA256()))
        return cert_pem(certificate), base64.b64encode(signature).decode()


def expected_hash(certificate_pem: str) -> dict[str, str]:
    """CertificateHashData of a self-signed EC root, computed independently of the simulator."""
    certificate = x509.load_pem_x509_certificate(certificate_pem.encode())
    public_key = certificate.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    point = public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {
        "hash_algorithm": "SHA256",
        "issuer_name_hash": hashlib.sha256(certificate.issuer.public_bytes()).hexdigest(),
        "issuer_key_hash": hashlib.sha256(point).hexdigest(),
        "serial_number": format(certificate.serial_number, "x"),
    }
