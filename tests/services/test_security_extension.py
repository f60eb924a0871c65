"""The 1.6 security extension, central-system side: a real engine, the simulator speaking
real OCPP over real websockets, a real site CA (one per module, EC keys)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from ocpp.v16 import call

from console.core.alarms import AlarmKind
from console.core.charger_security import SecurityEvent
from console.core.clock import utcnow
from console.core.events import AlarmRaised, ChargerNotice, Event
from console.core.staff import PermissionDenied
from console.core.transfers import FileTransfer
from console.protocol.datetimes import format_timestamp
from console.services import charger_security
from console.services.engine import CentralSystem
from console.services.site_ca import SiteAuthority
from console.services.transfers import FirmwareSignature
from console.simulator.charger import SimulatedCharger
from console.storage import audit
from console.storage import file_transfers as transfer_repo
from tests.actors import DESK, TECHNICIAN

ChargerFactory = Callable[..., SimulatedCharger]


class BusWatch:
    """Collects the engine's events and waits for the ones a test expects."""

    def __init__(self, engine: CentralSystem) -> None:
        self.events: list[Event] = []
        self._changed = asyncio.Event()
        engine.bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        self.events.append(event)
        self._changed.set()

    def notices(self, charger_id: str, kind: str) -> list[str]:
        return [
            e.text
            for e in self.events
            if isinstance(e, ChargerNotice) and e.charger_id == charger_id and e.kind == kind
        ]

    def alarms(self, kind: AlarmKind) -> list[str]:
        return [
            e.alarm.message
            for e in self.events
            if isinstance(e, AlarmRaised) and e.alarm.kind is kind
        ]

    async def wait(self, predicate: Callable[[], object], timeout: float = 10.0) -> None:
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> SiteAuthority:
    """One site CA for the module, with a firmware signing certificate."""
    site = SiteAuthority(tmp_path_factory.mktemp("pki"))
    site.ensure()
    site.create_signing_certificate()
    return site


@pytest.fixture
async def secured(engine: CentralSystem, authority: SiteAuthority) -> CentralSystem:
    """The engine signing with the module's site CA."""
    engine.security.authority = authority
    return engine


async def _booted(
    make_charger: ChargerFactory, engine: CentralSystem, cid: str, **options: object
) -> SimulatedCharger:
    charger = make_charger(engine, cid, **options)
    await charger.start()
    await charger.wait_booted()
    return charger


def _replied(charger: SimulatedCharger, action: str, count: int = 1) -> Callable[[], bool]:
    return lambda: sum(r.action == action and r.error is None for r in charger.replies) >= count


def _csr(common_name: str) -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    request = (
        x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    )
    return request.public_bytes(serialization.Encoding.PEM).decode()


async def _events(engine: CentralSystem, cid: str) -> list[SecurityEvent]:
    return await engine.security.security_events(cid)


async def _transfer(engine: CentralSystem, transfer_id: int) -> FileTransfer:
    found = await engine.writer.submit(lambda c: transfer_repo.get_transfer(c, transfer_id))
    assert found is not None
    return found


async def test_sign_certificate_lands_in_the_charger_and_in_issued_certificates(
    secured: CentralSystem, make_charger: ChargerFactory, authority: SiteAuthority
) -> None:
    charger = await _booted(make_charger, secured, "CP-SEC", ca=authority.ca_pem())
    result = await secured.security.request_charger_certificate(
        "CP-SEC", actor=TECHNICIAN, timeout=5.0
    )
    assert result.succeeded, result.message
    assert result.certificate is not None
    own = charger.certificates.own_certificate()
    assert own is not None and format(own.serial_number, "x") in result.certificate.serial.lower()
    [issued] = await secured.security.issued_certificates("CP-SEC")
    assert issued.kind == "charger" and issued.charger_id == "CP-SEC"
    assert issued.serial == result.certificate.serial
    entries = await secured.writer.submit(lambda c: audit.entries(c))
    [entry] = [e for e in entries if e.action == "charger.certificate_request"]
    assert entry.actor == TECHNICIAN.name and entry.target == "CP-SEC"
    assert entry.after["succeeded"] is True


async def test_a_csr_naming_another_charger_is_rejected_and_kept_as_a_security_event(
    secured: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, secured, "CP-CN")
    reply = await charger.call(call.SignCertificate(csr=_csr("CP-OTHER")))
    assert reply.status == "Rejected"
    [event] = await _events(secured, "CP-CN")
    assert event.kind == "CertificateSigningRefused" and event.severity == "warning"
    assert event.tech_info
    assert await secured.security.issued_certificates("CP-CN") == []


async def test_a_charger_repeating_sign_certificate_is_refused_after_the_daily_bound(
    secured: CentralSystem,
    make_charger: ChargerFactory,
    authority: SiteAuthority,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(charger_security, "SIGNINGS_PER_DAY", 1)
    charger = await _booted(make_charger, secured, "CP-REP", ca=authority.ca_pem())
    first = await charger.call(call.SignCertificate(csr=_csr("CP-REP")))
    again = await charger.call(call.SignCertificate(csr=_csr("CP-REP")))
    assert (first.status, again.status) == ("Accepted", "Rejected")
    assert len(await secured.security.issued_certificates("CP-REP")) == 1
    # (The simulator refuses the first certificate: it did not make that CSR's key.)
    refused = [e for e in await _events(secured, "CP-REP") if e.kind == "CertificateSigningRefused"]
    [event] = refused
    assert "24 hours" in (event.tech_info or "")


async def test_sign_certificate_is_refused_without_a_site_ca(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, engine, "CP-NOCA")
    reply = await charger.call(call.SignCertificate(csr=_csr("CP-NOCA")))
    assert reply.status == "Rejected"


async def test_critical_security_events_become_alarms_the_others_stay_in_the_list(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    watch = BusWatch(engine)
    charger = await _booted(make_charger, engine, "CP-EV")
    await charger.call(
        call.SecurityEventNotification(
            type="InvalidMessages", timestamp=_now(), tech_info="bad frames"
        )
    )
    await charger.call(
        call.SecurityEventNotification(
            type="TamperDetectionActivated", timestamp=_now(), tech_info="door opened"
        )
    )
    kinds = {e.kind: e for e in await _events(engine, "CP-EV")}
    assert kinds["TamperDetectionActivated"].severity == "critical"
    assert kinds["TamperDetectionActivated"].tech_info == "door opened"
    assert kinds["InvalidMessages"].severity == "info"

    # The alarm worker takes events in order: once the critical one is there, the
    # non-critical one before it has been passed over.
    await watch.wait(lambda: watch.alarms(AlarmKind.SECURITY))
    [message] = watch.alarms(AlarmKind.SECURITY)
    assert "TamperDetectionActivated" in message


async def test_the_security_event_list_is_bounded(engine: CentralSystem) -> None:
    engine.security_events.keep_rows = 3
    for number in range(5):
        await engine.security_events.record("CP-B", f"Event{number}", "info")
    kinds = [e.kind for e in await _events(engine, "CP-B")]
    assert kinds == ["Event4", "Event3", "Event2"]


async def test_install_list_and_delete_the_site_ca(
    secured: CentralSystem, make_charger: ChargerFactory, authority: SiteAuthority
) -> None:
    charger = await _booted(make_charger, secured, "CP-CA")
    installed = await secured.security.install_ca("CP-CA", actor=TECHNICIAN)
    assert installed.accepted, installed.describe()
    assert installed.action == "InstallCertificate"
    outcome, hashes = await secured.security.installed_certificates("CP-CA", actor=TECHNICIAN)
    assert outcome.accepted and len(hashes) == 1
    assert charger.certificates.pem().strip() == authority.ca_pem().decode().strip()
    deleted = await secured.security.delete_certificate("CP-CA", hashes[0], actor=TECHNICIAN)
    assert deleted.accepted, deleted.describe()
    outcome, hashes = await secured.security.installed_certificates("CP-CA", actor=TECHNICIAN)
    assert outcome.status == "NotFound" and hashes == []
    triggered = await secured.security.extended_trigger(
        "CP-CA", "StatusNotification", 1, actor=TECHNICIAN
    )
    assert triggered.accepted and triggered.action == "ExtendedTriggerMessage"
    actions = [e.action for e in await secured.writer.submit(lambda c: audit.entries(c))]
    assert {"charger.install_ca", "charger.delete_certificate", "charger.extended_trigger"} <= set(
        actions
    )


async def test_get_log_is_followed_to_uploaded(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, engine, "CP-LOG")
    request = await engine.security.request_log("CP-LOG", "SecurityLog", actor=TECHNICIAN)
    assert request.accepted, request.outcome.describe()
    await charger.wait_for(_replied(charger, "LogStatusNotification", 2))
    transfer = await _transfer(engine, request.transfer_id)
    assert transfer.status == "Uploaded"
    sent = next(r for r in charger.received if r.action == "GetLog")
    assert sent.payload["log_type"] == "SecurityLog"


async def test_signed_firmware_is_verified_by_the_charger(
    secured: CentralSystem, make_charger: ChargerFactory, authority: SiteAuthority, tmp_path: Path
) -> None:
    watch = BusWatch(secured)
    charger = await _booted(make_charger, secured, "CP-FW", ca=authority.ca_pem())
    firmware = tmp_path / "fw-3.0.bin"
    firmware.write_bytes(b"firmware 3.0 " * 100)
    request = await secured.security.signed_firmware_update("CP-FW", firmware, actor=TECHNICIAN)
    assert request.accepted, request.outcome.describe()
    await _firmware_reached(watch, charger, "Installed")
    assert (await _transfer(secured, request.transfer_id)).status == "Installed"


async def test_firmware_with_a_bad_signature_is_refused_by_the_charger(
    secured: CentralSystem, make_charger: ChargerFactory, authority: SiteAuthority, tmp_path: Path
) -> None:
    watch = BusWatch(secured)
    charger = await _booted(make_charger, secured, "CP-BAD", ca=authority.ca_pem())
    firmware = tmp_path / "fw-evil.bin"
    firmware.write_bytes(b"not what was signed")
    signing = authority.signing_certificate()
    assert signing is not None
    wrong = FirmwareSignature(signing.pem, authority.sign_firmware(b"something else"))
    [request] = await secured.transfers.update_firmware(
        ["CP-BAD"], firmware, signature=wrong, actor=TECHNICIAN
    )
    assert request.accepted, request.outcome.describe()
    await _firmware_reached(watch, charger, "InvalidSignature")
    assert (await _transfer(secured, request.transfer_id)).status == "InvalidSignature"


async def test_a_desk_clerk_may_not_touch_charger_security(
    secured: CentralSystem, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    charger = await _booted(make_charger, secured, "CP-DESK")
    with pytest.raises(PermissionDenied):
        await secured.security.install_ca("CP-DESK", actor=DESK)
    with pytest.raises(PermissionDenied):
        await secured.security.request_charger_certificate("CP-DESK", actor=DESK)
    with pytest.raises(PermissionDenied):
        await secured.security.request_log("CP-DESK", actor=DESK)
    with pytest.raises(PermissionDenied):
        await secured.security.signed_firmware_update("CP-DESK", tmp_path / "x.bin", actor=DESK)
    with pytest.raises(PermissionDenied):
        await secured.profile_upgrade.move_up("CP-DESK", 2, actor=DESK)
    sent = {r.action for r in charger.received}
    assert not sent & {"InstallCertificate", "ExtendedTriggerMessage", "GetLog"}
    assert await secured.writer.submit(lambda c: audit.entries(c)) == []


def _now() -> str:
    return format_timestamp(utcnow())


async def _firmware_reached(watch: BusWatch, charger: SimulatedCharger, status: str) -> None:
    """Wait until the charger reported ``status`` and our answer (after the transfer was
    updated) reached it."""
    cid = charger.charger_id
    await watch.wait(lambda: any(f"status={status}" in t for t in watch.notices(cid, "firmware")))
    count = len(watch.notices(cid, "firmware"))
    await charger.wait_for(_replied(charger, "SignedFirmwareStatusNotification", count))
