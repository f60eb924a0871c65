"""Signed firmware on the Diagnostics & firmware page (OCPP 1.6 security extension).

Beside the plain firmware update the technician ticks "Signed (SignedUpdateFirmware)":
ChargeDesk signs the file with the site's firmware signing certificate and sends it
with SignedUpdateFirmware. The box names that certificate (subject, fingerprint,
expiry); when there is none it says where to create one, before anyone clicks.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from console.core.staff import Actor
from console.services.transfers import FirmwareSignature, TransferRequest
from console.ui.engine_client import EngineClient
from console.ui.technician import security_calls as calls
from console.ui.technician.security_words import expiry_text, field, fingerprint_text

FINGERPRINT_PAIRS = 8  # shown on the page; the whole fingerprint is in the tooltip


async def signed_updates(
    engine: Any, charger_ids: list[str], firmware: Path, actor: Actor
) -> list[TransferRequest]:
    """SignedUpdateFirmware to each charger (runs on the engine loop); one request each."""
    security = engine.security
    return list(
        await asyncio.gather(
            *(
                security.signed_firmware_update(charger_id, firmware, actor=actor)
                for charger_id in dict.fromkeys(charger_ids)
            )
        )
    )


def signature_beside(firmware: Path) -> FirmwareSignature | None:
    """The signing certificate and signature stored beside a firmware file, if both are."""
    signature = firmware.with_name(firmware.name + ".sig")
    certificate = firmware.with_name(firmware.name + ".pem")
    if not (signature.is_file() and certificate.is_file()):
        return None
    return FirmwareSignature(
        certificate.read_text(encoding="ascii").strip(),
        signature.read_text(encoding="ascii").strip(),
    )


class FirmwareSigningBox(QWidget):
    """The "Signed" choice of the firmware update and the certificate it signs with."""

    def __init__(self, client: EngineClient) -> None:
        super().__init__()
        self.client = client
        self.certificate: Any = None  # the site's signing certificate (CertificateInfo)
        self.has_site_ca = False
        self.signed = QCheckBox(self.tr("Signed (SignedUpdateFirmware)"))
        self.signed.setToolTip(
            self.tr("Sign the firmware with the site's signing certificate (security extension)")
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.signed)
        layout.addWidget(self.label, 1)
        self.show_certificate(None, available=False)

    @property
    def wanted(self) -> bool:
        """The technician asked for a signed update."""
        return self.signed.isChecked()

    def missing_text(self) -> str:
        """Where to set up signing when there is no certificate to sign with."""
        if not self.has_site_ca:
            return self.tr(
                "Signed firmware needs the site CA, and ChargeDesk runs without one: start it"
                " with a TLS port, then create a firmware signing certificate on the"
                " Security page."
            )
        return self.tr(
            "No firmware signing certificate yet: create or import one on the Security page"
            " (Site CA), then come back to send signed firmware."
        )

    def show_certificate(self, certificate: Any, *, available: bool) -> None:
        """Name ``certificate`` (None: say where to create one); ``available``: a site CA."""
        self.certificate = certificate
        self.has_site_ca = available
        if certificate is None:
            self.signed.setChecked(False)
            self.signed.setEnabled(False)
            self.label.setText(self.missing_text())
            self.label.setToolTip("")
            self.label.setStyleSheet("color:#A23B00;")
            return
        self.signed.setEnabled(True)
        fingerprint = fingerprint_text(field(certificate, "fingerprint", default=""))
        short = fingerprint[: FINGERPRINT_PAIRS * 3 - 1]
        if len(fingerprint) > len(short):
            short += "…"
        expiry = expiry_text(field(certificate, "not_after"), datetime.now(UTC))
        self.label.setText(
            self.tr("Signs with %1 · SHA-256 %2 · valid %3")
            .replace("%1", str(field(certificate, "subject", default="")))
            .replace("%2", short)
            .replace("%3", expiry)
        )
        self.label.setToolTip(self.tr("SHA-256 fingerprint: %1").replace("%1", fingerprint))
        self.label.setStyleSheet("")

    async def refresh(self) -> None:
        """Read the site's signing certificate again (it may have been made meanwhile)."""
        try:
            facts = await self.client.call(calls.site_ca_facts)
        except Exception as error:  # unreadable files: said instead of a certificate
            self.show_certificate(None, available=False)
            self.label.setText(
                self.tr("The signing certificate could not be read: %1").replace("%1", str(error))
            )
            return
        self.show_certificate(facts.signing, available=facts.available)
