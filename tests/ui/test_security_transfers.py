"""Security-extension commands on the technician pages, against the simulator.

A real console with a site CA (one CA for the module, copied into each test's folder),
the simulator speaking real OCPP over 127.0.0.1: GetLog of the security log followed to
Uploaded, SignedUpdateFirmware signed with the site's signing certificate followed to
Installed, the words instead of a CALL when there is no signing certificate, GetLog
refused by a charger without it, and ExtendedTriggerMessage followed on the Commands page.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from conftest import DESK_ADMIN, run, simulator, wait_until
from ocpp.exceptions import NotImplementedError as OcppNotImplemented

from console.core.enums import AdmissionMode, Direction
from console.services.engine import EngineConfig
from console.services.site_ca import SiteAuthority
from console.simulator.charger import SimulatedCharger
from console.ui.console_app import Console
from console.ui.technician.commands import CommandsPage
from console.ui.technician.transfers import TransfersPage


@pytest.fixture(scope="module")
def site_ca(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One site CA for the module (tests copy it: each may add a signing certificate)."""
    folder = tmp_path_factory.mktemp("pki") / "pki"
    SiteAuthority(folder).ensure()
    return folder


@contextlib.contextmanager
def console_with_ca(folder: Path, ca_folder: Path | None) -> Iterator[Console]:
    """A console on an ephemeral port with the site CA copied from ``ca_folder``."""
    pki = None
    if ca_folder is not None:
        pki = folder / "pki"
        shutil.copytree(ca_folder, pki)
    config = EngineConfig(
        database_url=f"sqlite:///{folder / 'console.db'}",
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
        heartbeat_interval=60,
        pki_folder=pki,
    )
    instance = Console(config, actor=DESK_ADMIN)
    try:
        yield instance
    finally:
        instance.window.close()
        instance.stop()


def _page(console: Console, kind: type[Any]) -> Any:
    window = console.window
    pages = window.technician.pages
    page = next(pages.widget(i) for i in range(pages.count()) if isinstance(pages.widget(i), kind))
    window.show()
    window.tabs.setCurrentWidget(window.technician)
    pages.setCurrentWidget(page)
    return page


def _status(page: TransfersPage, charger_id: str, what: str) -> str:
    model = page.transfers_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == charger_id and model.index(row, 1).data() == what:
            return str(model.index(row, 2).data())
    return ""


def _sent(console: Console, charger_id: str, action: str) -> list[str]:
    """Payloads of the frames of ``action`` the charger sent us (as logged)."""
    frames = console.client.queries.recent_frames(charger_id, limit=500)
    return [f.payload for f in frames if f.action == action and f.direction is Direction.IN]


async def _online(page: Any, charger: SimulatedCharger) -> None:
    await charger.start()
    await charger.wait_booted()
    await wait_until(lambda: charger.charger_id in page.mirror.chargers)
    await wait_until(lambda: page.mirror.chargers[charger.charger_id].online)


def test_security_log_followed_to_uploaded(
    qloop: qasync.QEventLoop, tmp_path: Path, site_ca: Path
) -> None:
    with console_with_ca(tmp_path, site_ca) as console:
        page = _page(console, TransfersPage)
        charger = simulator(console, "SEC-LOG")
        plain = simulator(console, "OLD-1")  # a charger without the security extension

        def no_get_log(**_: Any) -> Any:
            raise OcppNotImplemented("GetLog")

        plain._cmd_get_log = no_get_log  # type: ignore[assignment,method-assign]

        async def scenario() -> None:
            await _online(page, charger)
            page.show_charger("SEC-LOG")
            page.log_type.setCurrentIndex(page.log_type.findData("SecurityLog"))
            [request] = await page.get_log()
            assert request.accepted
            [asked] = [c.payload for c in charger.received if c.action == "GetLog"]
            assert asked["log_type"] == "SecurityLog"
            await wait_until(lambda: _status(page, "SEC-LOG", "Log") == "✔ Uploaded")
            await wait_until(lambda: page.files_model.rowCount() == 1)
            page.select_file(0)
            path = page.selected_path()
            assert path is not None and "security" in path.name
            assert path.read_bytes() == charger.security_log_text()

            # A charger without GetLog: the words say so and what to use instead.
            await _online(page, plain)
            page.choose(["OLD-1"])
            page.log_type.setCurrentIndex(page.log_type.findData("DiagnosticsLog"))
            [refused] = await page.get_log()
            assert refused.status == "NotSupported"
            text = page.banner.text.text()
            assert page.banner.kind == "failed"
            assert "does not support GetLog (OCPP 1.6 security extension)" in text
            assert "use Get diagnostics" in text
            await wait_until(
                lambda: "GetLog not supported" in _status(page, "OLD-1", "Log"),
            )

        try:
            run(qloop, scenario(), timeout=30)
        finally:
            run(qloop, charger.stop())
            run(qloop, plain.stop())


def test_signed_update_followed_to_installed(
    qloop: qasync.QEventLoop, tmp_path: Path, site_ca: Path
) -> None:
    ca_pem = (site_ca / "ca.pem").read_text(encoding="ascii")
    with console_with_ca(tmp_path, site_ca) as console:
        page = _page(console, TransfersPage)
        # The charger trusts the site CA, so it trusts the signing certificate it issued.
        charger = simulator(console, "SEC-FW", ca=ca_pem)
        asked: list[str] = []

        async def confirm(title: str, text: str, proceed: str) -> bool:
            asked.append(text)
            return True

        page.confirm = confirm
        image = tmp_path / "wallbox-fw-5.0.bin"
        image.write_bytes(b"\x7fSIGNED" * 3000)

        async def scenario() -> None:
            await _online(page, charger)
            page.show_charger("SEC-FW")
            await page.signing.refresh()
            assert not page.signing.signed.isEnabled()  # nothing to sign with yet

            info = await console.client.call(
                lambda e: e.security.create_signing_certificate(actor=DESK_ADMIN)
            )
            await page.signing.refresh()
            assert page.signing.signed.isEnabled()
            label = page.signing.label.text()
            assert info.subject in label and "valid until" in label
            assert info.fingerprint[:4].upper() in label.replace(":", "")
            page.signing.signed.setChecked(True)

            [request] = await page.update_firmware_from(image)
            assert request.accepted, request.status
            assert len(asked) == 1 and "SEC-FW" in asked[0]
            [call] = [c.payload for c in charger.received if c.action == "SignedUpdateFirmware"]
            assert call["firmware"]["signing_certificate"].strip() == info.pem.strip()
            await wait_until(
                lambda: _status(page, "SEC-FW", "Signed firmware") == "✔ Installed", timeout=20
            )
            assert charger.firmware_image == image.read_bytes()
            statuses = " ".join(_sent(console, "SEC-FW", "SignedFirmwareStatusNotification"))
            assert "SignatureVerified" in statuses and "Installed" in statuses

        try:
            run(qloop, scenario(), timeout=40)
        finally:
            run(qloop, charger.stop())


def test_no_signing_certificate_says_where_and_sends_nothing(
    qloop: qasync.QEventLoop, tmp_path: Path, site_ca: Path
) -> None:
    with console_with_ca(tmp_path, site_ca) as console:
        page = _page(console, TransfersPage)
        charger = simulator(console, "SEC-NONE")
        asked: list[str] = []

        async def confirm(title: str, text: str, proceed: str) -> bool:
            asked.append(text)
            return True

        page.confirm = confirm
        image = tmp_path / "fw.bin"
        image.write_bytes(b"\x00" * 1024)

        async def scenario() -> None:
            await _online(page, charger)
            page.show_charger("SEC-NONE")
            await page.signing.refresh()
            # Said on the page before anyone clicks, with where to create one.
            assert not page.signing.signed.isEnabled()
            assert "Security page" in page.signing.label.text()
            page.signing.signed.setChecked(True)  # as if ticked anyway
            assert await page.update_firmware_from(image) == []
            assert page.banner.kind == "failed"
            assert "Security page" in page.banner.text.text()
            assert asked == []  # no question, nothing sent
            actions = {c.action for c in charger.received}
            assert not actions & {"SignedUpdateFirmware", "UpdateFirmware"}
            frames = console.client.queries.recent_frames("SEC-NONE", limit=500)
            assert not [f for f in frames if "UpdateFirmware" in (f.action or "")]

        try:
            run(qloop, scenario(), timeout=30)
        finally:
            run(qloop, charger.stop())


def test_extended_triggers_are_followed(qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    with console_with_ca(tmp_path, None) as console:
        page = _page(console, CommandsPage)
        charger = simulator(console, "SEC-TRIG")

        async def trigger(message: str) -> str:
            page.trigger_combo.setCurrentText(message)
            page.trigger_connector.setCurrentIndex(0)
            outcome = await page.trigger()
            assert outcome is not None and outcome.accepted, message
            follow = page.trigger_follow
            assert follow is not None
            return str(await asyncio.wait_for(follow, 20))

        async def scenario() -> None:
            await _online(page, charger)
            page.show_charger("SEC-TRIG")
            box = page.trigger_extended
            # Only the extension can ask for these: "Extended" is ticked and fixed.
            page.trigger_combo.setCurrentText("LogStatusNotification")
            assert box.isChecked() and not box.isEnabled()
            page.trigger_combo.setCurrentText("DiagnosticsStatusNotification")
            assert not box.isChecked() and not box.isEnabled()
            page.trigger_combo.setCurrentText("Heartbeat")
            assert box.isEnabled() and not box.isChecked()  # ws://: plain by default

            text = await trigger("LogStatusNotification")
            assert text.startswith("LogStatusNotification received ")
            assert text in page.trigger_result.text()

            page.trigger_combo.setCurrentText("FirmwareStatusNotification")
            box.setChecked(True)
            signed = await trigger("FirmwareStatusNotification")
            assert signed.startswith("SignedFirmwareStatusNotification received ")

            page.trigger_combo.setCurrentText("Heartbeat")
            box.setChecked(True)
            assert (await trigger("Heartbeat")).startswith("Heartbeat received ")
            extended = [c.payload for c in charger.received if c.action == "ExtendedTriggerMessage"]
            assert [e["requested_message"] for e in extended] == [
                "LogStatusNotification",
                "FirmwareStatusNotification",
                "Heartbeat",
            ]
            assert not [c for c in charger.received if c.action == "TriggerMessage"]
            assert page.log_model.rows[0].title == "Extended trigger Heartbeat"

        try:
            run(qloop, scenario(), timeout=40)
        finally:
            run(qloop, charger.stop())
