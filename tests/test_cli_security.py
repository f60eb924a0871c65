"""``chargedesk ca``: each action on a real PKI folder and SQLite file; the changes of
security settings in the audit log; a person's mistakes as exit 1."""

from __future__ import annotations

import getpass
import stat
from pathlib import Path

import pytest
from cryptography import x509

from console import cli_actor
from console.cli import main
from console.core.audit import AuditEntry
from console.core.staff import Actor, Origin, Role
from console.services.site_ca import SiteAuthority, verify_firmware_signature
from console.storage import audit
from console.storage.certificates import list_issued_certificates
from console.storage.database import open_database

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def pki(tmp_path: Path) -> Path:
    """The PKI folder of one test."""
    return tmp_path / "pki"


def _run(capsys: Capture, db_url: str, pki: Path, *args: str) -> tuple[int, str, str]:
    code = main(["ca", *args, "--db", db_url, "--pki-dir", str(pki)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _audit(db_url: str) -> list[AuditEntry]:
    engine = open_database(db_url)
    with engine.connect() as connection:
        entries = audit.entries(connection, newest_first=False)
    engine.dispose()
    return entries


def test_show_makes_the_ca_once_and_export_writes_it(
    db_url: str, pki: Path, tmp_path: Path, capsys: Capture
) -> None:
    code, out, _ = _run(capsys, db_url, pki, "show")
    assert code == 0
    fingerprint = SiteAuthority(pki).ca.fingerprint
    assert fingerprint in out and "localhost" in out and "127.0.0.1" in out
    assert "Firmware signing certificate: none" in out
    assert _run(capsys, db_url, pki, "show")[1] == out  # made once, kept

    code, out, _ = _run(capsys, db_url, pki, "export", str(tmp_path / "ca.der"))
    assert code == 0 and "(DER)" in out
    der = x509.load_der_x509_certificate((tmp_path / "ca.der").read_bytes())
    pem_code, _out, _err = _run(
        capsys, db_url, pki, "export", str(tmp_path / "ca.txt"), "--format", "pem"
    )
    assert pem_code == 0
    assert x509.load_pem_x509_certificate((tmp_path / "ca.txt").read_bytes()) == der
    code, out, _ = _run(capsys, db_url, pki, "export", "-")
    assert code == 0 and out.startswith("-----BEGIN CERTIFICATE-----")
    assert _audit(db_url) == []  # looking changes nothing


def test_renew_is_recorded_under_the_os_account(db_url: str, pki: Path, capsys: Capture) -> None:
    _run(capsys, db_url, pki, "show")
    before = SiteAuthority(pki).server
    code, out, _ = _run(capsys, db_url, pki, "renew", "--name", "charging.example.org")
    assert code == 0 and "new server certificate" in out
    after = SiteAuthority(pki).server
    assert after.fingerprint != before.fingerprint
    [entry] = _audit(db_url)
    assert (entry.action, entry.actor, entry.origin) == (
        "ca.renew",
        getpass.getuser(),
        Origin.CLI.value,
    )
    assert entry.before["fingerprint"] == before.fingerprint
    assert entry.after["fingerprint"] == after.fingerprint
    assert "charging.example.org" in _run(capsys, db_url, pki, "show")[1]


def test_issue_writes_certificate_key_and_ca(
    db_url: str, pki: Path, tmp_path: Path, capsys: Capture
) -> None:
    out_dir = tmp_path / "for-charger"
    code, out, _ = _run(capsys, db_url, pki, "issue", "CP-9", "--out-dir", str(out_dir))
    assert code == 0 and "CP-9.key" in out
    certificate = x509.load_pem_x509_certificate((out_dir / "CP-9.pem").read_bytes())
    ca = x509.load_pem_x509_certificate((out_dir / "ca.pem").read_bytes())
    certificate.verify_directly_issued_by(ca)
    assert stat.S_IMODE((out_dir / "CP-9.key").stat().st_mode) == 0o600
    [entry] = _audit(db_url)
    assert entry.action == "ca.issue" and entry.target == "CP-9"
    assert "PRIVATE" not in str(entry.after)
    engine = open_database(db_url)
    with engine.connect() as connection:
        [issued] = list_issued_certificates(connection, charger_id="CP-9")
    engine.dispose()
    assert issued.kind == "charger" and issued.serial == f"{certificate.serial_number:x}"

    code, _out, err = _run(capsys, db_url, pki, "issue", "bad id", "--out-dir", str(out_dir))
    assert code == 1 and err.startswith("chargedesk: charger id 'bad id'")


def test_use_own_pki_checks_and_persists(
    db_url: str, pki: Path, tmp_path: Path, capsys: Capture
) -> None:
    theirs = SiteAuthority(tmp_path / "their-pki")
    theirs.ensure()
    mine = SiteAuthority(pki)
    mine.ensure()
    folder = theirs.folder
    code, _out, err = _run(
        capsys,
        db_url,
        pki,
        "use",
        "--ca-cert",
        str(folder / "ca.pem"),
        "--cert",
        str(folder / "server.pem"),
        "--key",
        str(pki / "server.key"),
    )
    assert code == 1 and "does not belong to the server certificate" in err
    assert len(err.strip().splitlines()) == 1
    assert _audit(db_url) == []
    files = ["--ca-cert", str(folder / "ca.pem"), "--cert", str(folder / "server.pem")]
    code, out, _ = _run(capsys, db_url, pki, "use", *files, "--key", str(folder / "server.key"))
    assert code == 0 and "own PKI" in out
    assert SiteAuthority(pki).ca.fingerprint == theirs.ca.fingerprint
    assert "(the site's own PKI)" in _run(capsys, db_url, pki, "show")[1]
    code, out, _ = _run(capsys, db_url, pki, "use", "--site-ca")
    assert code == 0 and SiteAuthority(pki).ca.fingerprint == mine.ca.fingerprint
    assert [entry.action for entry in _audit(db_url)] == ["ca.use_own", "ca.use_site"]
    code, _out, err = _run(capsys, db_url, pki, "use", "--cert", "x.pem")
    assert code == 1 and "give --ca-cert, --cert and --key" in err


def test_signing_create_show_and_import(
    db_url: str, pki: Path, tmp_path: Path, capsys: Capture
) -> None:
    code, out, _ = _run(capsys, db_url, pki, "signing", "show")
    assert code == 0 and "none" in out
    _run(capsys, db_url, pki, "show")
    code, out, _ = _run(capsys, db_url, pki, "signing", "create")
    assert code == 0 and "ChargeDesk firmware signing" in out
    created = SiteAuthority(pki).signing_certificate()
    assert created is not None and created.fingerprint in out
    signature = SiteAuthority(pki).sign_firmware(b"image")
    assert verify_firmware_signature(created.pem, b"image", signature)

    other = SiteAuthority(tmp_path / "vendor")
    other.ensure()
    info, key = other.issue_charger_certificate("vendor signing")
    (tmp_path / "signer.pem").write_text(info.pem)
    (tmp_path / "signer.key").write_text(key)
    code, _out, err = _run(
        capsys, db_url, pki, "signing", "import", str(tmp_path / "signer.pem"), str(pki / "ca.key")
    )
    assert code == 1 and "does not belong" in err
    signer = [str(tmp_path / "signer.pem"), str(tmp_path / "signer.key")]
    code, out, _ = _run(capsys, db_url, pki, "signing", "import", *signer)
    assert code == 0 and info.fingerprint in out
    assert [e.action for e in _audit(db_url)] == ["ca.signing_create", "ca.signing_import"]


def test_a_viewer_may_not_change_security_settings(
    db_url: str, pki: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    viewer = Actor("guest", frozenset({Role.VIEWER}), Origin.CLI)
    monkeypatch.setattr(cli_actor, "cli_actor", lambda url: viewer)
    _run(capsys, db_url, pki, "show")
    before = SiteAuthority(pki).server.fingerprint
    for args in (("renew",), ("signing", "create"), ("use", "--site-ca")):
        code, _out, err = _run(capsys, db_url, pki, *args)
        assert code == 1 and "needs the admin role" in err
    code, _out, err = _run(capsys, db_url, pki, "issue", "CP-1", "--out-dir", str(pki / "x"))
    assert code == 1 and "needs the technician role" in err
    assert SiteAuthority(pki).server.fingerprint == before
    assert SiteAuthority(pki).signing_certificate() is None
    assert _audit(db_url) == []
