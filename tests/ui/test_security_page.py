"""The technician's Security page against a stand-in engine on its own thread
(security_fakes); the site CA is the real SiteAuthority, one for the module."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import qasync
from conftest import run, wait_until
from PySide6.QtCore import QItemSelectionModel
from security_fakes import (
    ADMIN,
    CHARGER,
    DESK,
    HASH,
    NOW,
    Desk,
    FakeSecurity,
    make_desk,
)

from console.core.charger_security import SecurityEvent
from console.core.events import ChargerNotice
from console.services.site_ca import SiteAuthority
from console.ui.bridge import SiteUpdate
from console.ui.technician.security_models import (
    InstalledCertificatesModel,
    IssuedCertificatesModel,
    SecurityEventsModel,
)
from console.ui.technician.security_site_ca import export_form
from console.ui.technician.security_words import connected_text, fingerprint_text


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> SiteAuthority:
    """One site CA for the module (making keys is the slow part)."""
    made = SiteAuthority(tmp_path_factory.mktemp("pki"))
    made.ensure()
    return made


@pytest.fixture
def desk(qloop: qasync.QEventLoop, authority: SiteAuthority) -> Iterator[Desk]:
    made, loop = make_desk(authority, profile=2)
    yield made
    made.page.close()
    loop.stop()


def test_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    from console.ui.technician.security_models import InstalledCertificate

    installed = InstalledCertificatesModel()
    installed.set_rows([InstalledCertificate("CentralSystemRootCertificate", HASH)])
    qtmodeltester.check(installed)
    assert installed.index(0, 1).data() == "0c"
    issued = IssuedCertificatesModel()
    issued.set_rows(run_rows(FakeSecurity(None).issued_certificates(CHARGER, 5)))
    qtmodeltester.check(issued)
    assert issued.index(0, 4).data().startswith("AB:AB:")
    events = SecurityEventsModel()
    events.set_rows(run_rows(FakeSecurity(None).security_events(CHARGER, 5)))
    qtmodeltester.check(events)
    assert [events.index(r, 2).data() for r in range(2)] == ["Critical", "Information"]


def run_rows(coroutine: Coroutine[Any, Any, list[Any]]) -> list[Any]:
    """Run a stand-in read outside any loop."""
    return asyncio.run(coroutine)


def test_page_shows_profile_events_issued_and_the_site_ca(
    qloop: qasync.QEventLoop, desk: Desk, authority: SiteAuthority
) -> None:
    page = desk.page
    run(qloop, page.refresh())
    assert page.required_label.text().startswith("2 — TLS")
    assert page.connected_label.text().startswith(
        "Connected: wss:// · security profile 2 · no client certificate"
    )
    assert "127.0.0.1:5" in page.connected_label.text()
    assert page.events_model.rowCount() == 2
    assert page.issued_model.rowCount() == 1
    assert page.site_ca.ca_fingerprint.text() == fingerprint_text(authority.ca.fingerprint)
    assert "127.0.0.1" in page.site_ca.server_names.text()
    assert "days left" in page.site_ca.ca_expiry.text()
    # A technician may move up (2 -> 3), but moving down is an admin's.
    assert page.up_button.isEnabled()
    assert not page.down_button.isEnabled()
    assert "admin" in page.down_button.text()


def test_installed_certificates_delete_and_install(qloop: qasync.QEventLoop, desk: Desk) -> None:
    page = desk.page
    rows = run(qloop, page.get_installed())
    assert [r.hash_data for r in rows] == [HASH]
    assert page.installed_model.rowCount() == 1
    assert page.banner.kind == "ok"
    page.installed_view.selectionModel().select(
        page.installed_model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert page.delete_button.isEnabled()
    questions: list[str] = []

    async def agree(_title: str, text: str, _proceed: str) -> bool:
        questions.append(text)
        return True

    page.confirm = agree  # type: ignore[method-assign]
    outcome = run(qloop, page.delete_selected())
    assert outcome.accepted
    assert ("delete", CHARGER, HASH) in desk.engine.security.asked
    assert "wss://" in questions[0]  # the question says what deleting the CA costs
    run(qloop, page.install_ca())
    assert ("install_ca", CHARGER, "tina") in desk.engine.security.asked
    assert page.banner.kind == "ok"


def test_a_refusal_names_the_role_needed(qloop: qasync.QEventLoop, desk: Desk) -> None:
    desk.client.actor = DESK
    assert run(qloop, desk.page.install_ca()) is None
    assert desk.page.banner.kind == "failed"
    assert "technician role" in desk.page.banner.text.text()
    assert desk.engine.security.asked == []


def test_request_a_charger_certificate_shows_what_happened(
    qloop: qasync.QEventLoop, desk: Desk
) -> None:
    result = run(qloop, desk.page.request_certificate())
    assert result.succeeded
    assert desk.page.banner.kind == "ok", desk.page.banner.text.text()
    assert "now holds a certificate" in desk.page.banner.text.text()


def test_export_the_ca_as_pem_and_der(
    qloop: qasync.QEventLoop, desk: Desk, authority: SiteAuthority, tmp_path: Path
) -> None:
    box = desk.page.site_ca
    pem = run(qloop, box.export_to(tmp_path / "site-ca.pem", "pem"))
    der = run(qloop, box.export_to(tmp_path / "site-ca.der", "der"))
    assert pem is not None and pem.read_bytes() == authority.ca_pem()
    assert der is not None and der.read_bytes() == authority.ca_der()
    assert "DER" in box.banner.text.text()
    assert export_form(Path("a.cer")) == "der"
    assert export_form(Path("a"), "DER (*.der *.cer)") == "der"
    assert export_form(Path("a.crt"), "DER (*.der *.cer)") == "pem"


def test_the_signing_certificate_needs_an_admin(
    qloop: qasync.QEventLoop, desk: Desk, authority: SiteAuthority
) -> None:
    box = desk.page.site_ca
    run(qloop, box.refresh())
    before = authority.signing_certificate()
    assert run(qloop, box.create_signing()) is None
    assert "admin role" in box.banner.text.text()
    assert authority.signing_certificate() == before  # nothing changed
    desk.client.actor = ADMIN
    made = run(qloop, box.create_signing())
    assert made is not None and made == authority.signing_certificate()
    assert made.subject in box.signing.text()
    assert desk.engine.pki_upkeep.audited == [("ca.signing_create", "ada")]


def test_renewing_and_a_bad_import_are_said_in_words(
    qloop: qasync.QEventLoop, desk: Desk, authority: SiteAuthority, tmp_path: Path
) -> None:
    box = desk.page.site_ca
    desk.client.actor = ADMIN
    before = authority.server.serial
    renewed = run(qloop, box.renew_server())
    assert renewed is not None and renewed.serial != before
    assert "new server certificate" in box.banner.text.text()
    # A key that does not belong to the certificate: refused, and nothing changes.
    signing = authority.signing_certificate()
    certificate, key = tmp_path / "signing.pem", tmp_path / "signing.key"
    certificate.write_text(authority.ca_pem().decode())
    key.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    assert run(qloop, box.import_signing_from(certificate, key)) is None
    assert box.banner.kind == "failed" and "did not work" in box.banner.text.text()
    assert authority.signing_certificate() == signing
    missing = tmp_path / "missing.pem"
    assert run(qloop, box.import_signing_from(missing, key)) is None
    assert "could not be read" in box.banner.text.text()


def test_the_link_asks_for_the_connections_page(qloop: qasync.QEventLoop, desk: Desk) -> None:
    asked: list[bool] = []
    desk.page.connectionsWanted.connect(lambda: asked.append(True))
    desk.page.refused_link.linkActivated.emit("connections")
    assert asked == [True]


def test_a_security_notice_shows_without_a_click(qloop: qasync.QEventLoop, desk: Desk) -> None:
    page = desk.page
    page.show()
    run(qloop, page.refresh())
    assert page.events_model.rowCount() == 2
    event = SecurityEvent(3, CHARGER, NOW, NOW, "TamperDetectionActivated", "critical")
    desk.engine.security.more_events.append(event)
    notice = ChargerNotice(CHARGER, "security", "TamperDetectionActivated", NOW)

    async def notify() -> None:  # the bridge delivers while the GUI loop runs
        desk.mirror.apply(SiteUpdate(events=[notice]))
        await wait_until(lambda: page.events_model.rowCount() == 3)

    run(qloop, notify())
    assert page.events_model.index(0, 1).data() == "TamperDetectionActivated"


def test_how_a_charger_is_connected_in_words() -> None:
    @dataclass
    class Tls:
        common_name: str | None
        version: str

    @dataclass
    class State:
        online: bool
        peer: str
        tls: Tls | None
        connected_profile: int | None

    three = State(True, "10.0.0.5:40000", Tls("CP-1", "TLSv1.3"), 3)
    assert connected_text(three) == (
        "Connected: wss:// · security profile 3 · client certificate CN=CP-1 · TLSv1.3"
        " · from 10.0.0.5:40000"
    )
    two = State(True, "10.0.0.5:40000", Tls(None, "TLSv1.2"), 2)
    assert "no client certificate" in connected_text(two)
    assert connected_text(State(False, "", None, None)) == "Not connected"
    plain = State(True, "10.0.0.5:40000", None, None)
    assert connected_text(plain, 1).startswith("Connected: ws:// · security profile 1 · from")


def test_none_of_a_type_is_an_answer_not_a_failure(qloop: qasync.QEventLoop, desk: Desk) -> None:
    page = desk.page
    page.type_combo.setCurrentIndex(page.type_combo.findData("ManufacturerRootCertificate"))
    assert run(qloop, page.get_installed()) == []
    assert page.banner.kind == "info"
    assert "holds no certificate of the type “Manufacturer root”" in page.banner.text.text()
