"""The site CA: certificates made once and kept, renewal, CSRs, own PKI, real TLS
handshakes on 127.0.0.1 with the server context, and firmware signatures."""

from __future__ import annotations

import socket
import ssl
import stat
import threading
import warnings
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from console.services.site_ca import (
    CsrRefused,
    OwnPki,
    PkiError,
    SiteAuthority,
    handshake_failure_words,
    verify_firmware_signature,
)
from console.services.site_ca_files import alt_names_of, now_utc, parse_address

TIMEOUT = 5.0


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteAuthority:
    """The site's CA, made once for the module."""
    authority = SiteAuthority(tmp_path_factory.mktemp("site") / "pki")
    assert authority.ensure() == []
    return authority


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> SiteAuthority:
    """Another site's CA: chargers from there are strangers here."""
    authority = SiteAuthority(tmp_path_factory.mktemp("other") / "pki")
    authority.ensure()
    return authority


def _csr(common_name: str, key: Any = None) -> tuple[str, Any]:
    key = key or ec.generate_private_key(ec.SECP256R1())
    request = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .sign(key, hashes.SHA256())
    )
    return request.public_bytes(serialization.Encoding.PEM).decode(), key


def test_made_once_and_kept_across_restarts(site: SiteAuthority) -> None:
    ca, server = site.ca, site.server
    again = SiteAuthority(site.folder)
    assert again.ensure() == []
    assert again.ca.fingerprint == ca.fingerprint
    assert again.server.fingerprint == server.fingerprint
    assert ca.subject.startswith("CN=ChargeDesk site CA ")
    assert x509.load_pem_x509_certificate(site.ca_pem()).subject.rfc4514_string() == ca.subject
    assert x509.load_der_x509_certificate(site.ca_der()).serial_number == int(ca.serial, 16)
    assert stat.S_IMODE(site.folder.stat().st_mode) == 0o700
    for file in ("ca.key", "server.key", "ca.pem", "server.pem"):
        assert stat.S_IMODE((site.folder / file).stat().st_mode) == 0o600
    assert ca.not_after - ca.not_before > timedelta(days=3640)


def test_server_certificate_names_this_pc(site: SiteAuthority) -> None:
    names, addresses = alt_names_of(x509.load_pem_x509_certificate(site.server.pem.encode()))
    assert {"localhost", socket.gethostname().lower()} <= names
    assert {parse_address("127.0.0.1"), parse_address("::1")} <= addresses


def test_renewed_when_near_expiry_or_a_name_is_missing(tmp_path: Path) -> None:
    authority = SiteAuthority(tmp_path / "pki")
    authority.ensure()
    first = authority.server
    authority.ensure(now=first.not_after - timedelta(days=60))
    assert authority.server.fingerprint == first.fingerprint  # 60 days left: kept
    authority.ensure(now=first.not_after - timedelta(days=10))
    renewed = authority.server
    assert renewed.fingerprint != first.fingerprint
    assert renewed.not_after > first.not_after
    authority.ensure(["charge.example.org", "10.9.8.7"])
    names, addresses = alt_names_of(x509.load_pem_x509_certificate(authority.server.pem.encode()))
    assert "charge.example.org" in names and parse_address("10.9.8.7") in addresses
    kept = authority.server.fingerprint
    SiteAuthority(tmp_path / "pki").ensure()  # the extra names are remembered
    assert authority.server.fingerprint == kept
    warnings = authority.ensure(now=authority.ca.not_after - timedelta(days=100))
    assert any("site CA" in text and "days left" in text for text in warnings)


def test_csr_with_the_chargers_id_is_signed(site: SiteAuthority) -> None:
    csr, key = _csr("cp-1")
    info = site.sign_csr(csr, "CP-1")
    certificate = x509.load_pem_x509_certificate(info.pem.encode())
    certificate.verify_directly_issued_by(x509.load_pem_x509_certificate(site.ca_pem()))
    assert info.common_name == "cp-1"
    assert certificate.public_key() == key.public_key()
    usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH in usage
    chain = x509.load_pem_x509_certificates(site.chain_pem(info).encode())
    assert [c.subject.rfc4514_string() for c in chain] == [info.subject, site.ca.subject]


def test_csr_refusals_say_why(site: SiteAuthority) -> None:
    with pytest.raises(CsrRefused, match="for 'CP-2', not for this charger 'CP-1'"):
        site.sign_csr(_csr("CP-2")[0], "CP-1")
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(CsrRefused, match="too weak"):
        site.sign_csr(_csr("CP-1", weak)[0], "CP-1")
    with pytest.raises(CsrRefused, match="curve"):
        site.sign_csr(_csr("CP-1", ec.generate_private_key(ec.SECP256K1()))[0], "CP-1")
    with pytest.raises(CsrRefused, match="not a PEM"):
        site.sign_csr("hello", "CP-1")
    # The same request with its signature damaged: the last byte belongs to the signature.
    request = x509.load_pem_x509_csr(_csr("CP-1")[0].encode())
    der = bytearray(request.public_bytes(serialization.Encoding.DER))
    der[-1] ^= 0x01
    damaged = x509.load_der_x509_csr(bytes(der)).public_bytes(serialization.Encoding.PEM)
    with pytest.raises(CsrRefused, match="signature does not verify"):
        site.sign_csr(damaged.decode(), "CP-1")


def test_own_pki_is_checked_and_kept(
    tmp_path: Path, site: SiteAuthority, other: SiteAuthority
) -> None:
    theirs = other.folder
    own = OwnPki(theirs / "ca.pem", theirs / "server.pem", theirs / "server.key")
    assert SiteAuthority(tmp_path / "a", own=own).ensure() == []
    wrong_key = OwnPki(theirs / "ca.pem", theirs / "server.pem", site.folder / "server.key")
    with pytest.raises(PkiError, match="does not belong to the server certificate"):
        SiteAuthority(tmp_path / "b", own=wrong_key).ensure()
    wrong_ca = OwnPki(site.folder / "ca.pem", theirs / "server.pem", theirs / "server.key")
    with pytest.raises(PkiError, match="not issued by the CA certificate"):
        SiteAuthority(tmp_path / "c", own=wrong_ca).ensure()

    authority = SiteAuthority(tmp_path / "pki")
    authority.ensure()
    with pytest.raises(PkiError):
        authority.use_own(wrong_key)
    assert SiteAuthority(tmp_path / "pki").own is None  # nothing changed
    authority.use_own(own)
    reopened = SiteAuthority(tmp_path / "pki")
    assert reopened.own is not None and reopened.status().own
    assert reopened.ca.fingerprint == other.ca.fingerprint
    assert reopened.server.fingerprint == other.server.fingerprint
    reopened.server_ssl_context()
    with pytest.raises(CsrRefused, match="own CA"):
        reopened.sign_csr(_csr("CP-1")[0], "CP-1")
    reopened.use_site_ca()
    assert SiteAuthority(tmp_path / "pki").ca.fingerprint != other.ca.fingerprint


def test_own_server_certificate_running_out_is_warned(other: SiteAuthority, tmp_path: Path) -> None:
    theirs = other.folder
    own = OwnPki(theirs / "ca.pem", theirs / "server.pem", theirs / "server.key")
    later = other.server.not_after - timedelta(days=20)
    warnings = SiteAuthority(tmp_path, own=own).ensure(now=later)
    assert any("server certificate (own PKI)" in text for text in warnings)


# -- real TLS handshakes -------------------------------------------------------------


def _handshake(
    server: ssl.SSLContext, client: ssl.SSLContext | None, *, plain: bytes = b""
) -> tuple[BaseException | None, dict[str, Any] | None]:
    """One connection to a server socket on 127.0.0.1: the server's error and peer cert."""
    outcome: dict[str, Any] = {}
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(TIMEOUT)

        def accept() -> None:
            connection, _ = listener.accept()
            connection.settimeout(TIMEOUT)
            try:
                with server.wrap_socket(connection, server_side=True) as tls:
                    outcome["peer"] = tls.getpeercert()
            except (OSError, ssl.SSLError) as error:
                outcome["error"] = error
            finally:
                connection.close()

        thread = threading.Thread(target=accept)
        thread.start()
        with socket.create_connection(listener.getsockname(), timeout=TIMEOUT) as raw:
            try:
                if client is None:
                    raw.sendall(plain)
                    raw.recv(1)
                else:
                    with client.wrap_socket(raw, server_hostname="localhost") as tls:
                        tls.recv(1)  # TLS 1.3: the server's verdict on our certificate
            except (OSError, ssl.SSLError):
                pass  # the server's side is what the test looks at
        thread.join(TIMEOUT)
    return outcome.get("error"), outcome.get("peer")


def _client(
    trust: SiteAuthority, tmp_path: Path, certificate: tuple[Any, str] | None = None
) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cadata=trust.ca_pem().decode())
    if certificate is not None:
        info, key = certificate
        path = tmp_path / "charger.pem"
        path.write_text(info.pem + key)
        context.load_cert_chain(path)
    return context


@pytest.fixture(scope="module")
def server_context(site: SiteAuthority) -> ssl.SSLContext:
    """The wss:// port's TLS context."""
    return site.server_ssl_context()


def test_profile_2_charger_without_certificate(
    site: SiteAuthority, server_context: ssl.SSLContext, tmp_path: Path
) -> None:
    error, peer = _handshake(server_context, _client(site, tmp_path))
    assert error is None and peer is None


def test_profile_3_charger_with_a_site_certificate(
    site: SiteAuthority, server_context: ssl.SSLContext, tmp_path: Path
) -> None:
    client = _client(site, tmp_path, site.issue_charger_certificate("CP-7"))
    error, peer = _handshake(server_context, client)
    assert error is None and peer is not None
    assert dict(pair[0] for pair in peer["subject"])["commonName"] == "CP-7"


def test_certificate_from_another_ca_fails(
    site: SiteAuthority, other: SiteAuthority, server_context: ssl.SSLContext, tmp_path: Path
) -> None:
    client = _client(site, tmp_path, other.issue_charger_certificate("CP-7"))
    error, peer = _handshake(server_context, client)
    assert error is not None and peer is None
    assert handshake_failure_words(error) == "the charger's certificate is from an unknown CA"


def test_expired_certificate_fails(
    site: SiteAuthority, server_context: ssl.SSLContext, tmp_path: Path
) -> None:
    expired = site.issue_charger_certificate(
        "CP-7", days=1, not_before=now_utc() - timedelta(days=10)
    )
    error, _peer = _handshake(server_context, _client(site, tmp_path, expired))
    assert error is not None
    assert handshake_failure_words(error) == "the charger's certificate has expired"


def test_tls_1_1_fails(site: SiteAuthority, server_context: ssl.SSLContext, tmp_path: Path) -> None:
    client = _client(site, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # old versions, on purpose
        client.set_ciphers("DEFAULT:@SECLEVEL=0")
        client.minimum_version = ssl.TLSVersion.TLSv1
        client.maximum_version = ssl.TLSVersion.TLSv1_1
    error, _peer = _handshake(server_context, client)
    assert error is not None
    assert handshake_failure_words(error) == "TLS version too old (TLS 1.0/1.1)"


def test_charger_that_lacks_the_site_ca(
    other: SiteAuthority, server_context: ssl.SSLContext, tmp_path: Path
) -> None:
    error, _peer = _handshake(server_context, _client(other, tmp_path))
    assert error is not None
    assert handshake_failure_words(error) == "the charger does not trust the site CA"


def test_plain_websocket_on_the_tls_port(server_context: ssl.SSLContext) -> None:
    request = b"GET /ocpp/CP-1 HTTP/1.1\r\nHost: pc\r\nUpgrade: websocket\r\n\r\n"
    error, _peer = _handshake(server_context, None, plain=request)
    assert error is not None
    assert handshake_failure_words(error) == "not TLS (plain ws:// on the wss:// port)"


def test_only_the_ocpp_suites_in_tls_1_2(
    site: SiteAuthority, server_context: ssl.SSLContext, tmp_path: Path
) -> None:
    def tls12(suite: str) -> ssl.SSLContext:
        client = _client(site, tmp_path)
        client.maximum_version = ssl.TLSVersion.TLSv1_2
        client.set_ciphers(suite)
        return client

    assert _handshake(server_context, tls12("ECDHE-ECDSA-AES128-GCM-SHA256"))[0] is None
    assert _handshake(server_context, tls12("ECDHE-ECDSA-AES256-GCM-SHA384"))[0] is None
    error, _peer = _handshake(server_context, tls12("ECDHE-ECDSA-CHACHA20-POLY1305"))
    assert error is not None and "no cipher suite in common" in handshake_failure_words(error)


def test_words_for_no_certificate_and_timeouts(site: SiteAuthority, tmp_path: Path) -> None:
    required = site.server_ssl_context()
    required.verify_mode = ssl.CERT_REQUIRED  # as a profile-3 only port would be
    error, _peer = _handshake(required, _client(site, tmp_path))
    assert error is not None and handshake_failure_words(error) == "no client certificate"
    assert handshake_failure_words(TimeoutError()) == "handshake timed out"
    assert handshake_failure_words(ConnectionResetError()).startswith("the charger closed")
    assert handshake_failure_words(OSError("no route to host")) == "no route to host"


# -- firmware signing ----------------------------------------------------------------


def test_firmware_signature_verifies_with_the_signing_certificate(site: SiteAuthority) -> None:
    with pytest.raises(PkiError, match="signing"):
        SiteAuthority(site.folder.parent / "empty").sign_firmware(b"x")
    info = site.create_signing_certificate()
    assert site.signing_certificate() == info
    firmware = b"\x7fELF firmware image" * 100
    signature = site.sign_firmware(firmware)
    assert verify_firmware_signature(info.pem, firmware, signature)
    assert not verify_firmware_signature(info.pem, firmware + b"!", signature)
    certificate = x509.load_pem_x509_certificate(info.pem.encode())
    certificate.verify_directly_issued_by(x509.load_pem_x509_certificate(site.ca_pem()))
    status = site.status()
    assert status.signing == info and status.ca == site.ca and not status.own


def test_signing_certificate_import_checks_the_key(site: SiteAuthority, tmp_path: Path) -> None:
    cert, key = site.issue_charger_certificate("signer")
    _other_cert, other_key = site.issue_charger_certificate("someone else")
    target = SiteAuthority(tmp_path / "pki")
    with pytest.raises(PkiError, match="does not belong"):
        target.import_signing_certificate(cert.pem, other_key)
    imported = target.import_signing_certificate(cert.pem, key)
    assert imported.fingerprint == cert.fingerprint
    assert verify_firmware_signature(cert.pem, b"abc", target.sign_firmware(b"abc"))


def test_rsa_site_ca_serves_the_tls_rsa_suites(tmp_path: Path) -> None:
    authority = SiteAuthority(tmp_path / "pki", key_type="rsa")
    authority.ensure()
    client = _client(authority, tmp_path)
    client.maximum_version = ssl.TLSVersion.TLSv1_2
    client.set_ciphers("AES128-GCM-SHA256")  # TLS_RSA_WITH_AES_128_GCM_SHA256
    error, _peer = _handshake(authority.server_ssl_context(), client)
    assert error is None
