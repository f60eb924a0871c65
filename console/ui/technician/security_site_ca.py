"""The site CA box of the Security page: CA, server certificate, firmware signing.

Everything is read from and done by the engine (``security_calls``); the box only asks
for files. The CA certificate is exported as PEM or DER because chargers differ: most
web interfaces take PEM, some older ones only DER.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.staff import Permission
from console.ui.actions import open_dialog
from console.ui.engine_client import EngineClient
from console.ui.message_bar import OutcomeBanner
from console.ui.role_controls import gate, when_actor_changes
from console.ui.technician import security_calls as calls
from console.ui.technician import security_words as words
from console.ui.technician.security_words import field

PEM_FILTER = "PEM (*.pem *.crt)"
DER_FILTER = "DER (*.der *.cer)"


def export_form(path: Path, chosen_filter: str = "") -> str:
    """ "der" for a .der/.cer file or the DER filter, else "pem"."""
    if path.suffix.lower() in (".der", ".cer"):
        return "der"
    if path.suffix.lower() in (".pem", ".crt"):
        return "pem"
    return "der" if chosen_filter.startswith("DER") else "pem"


def _label() -> QLabel:
    label = QLabel("—")
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
    )  # copy a fingerprint
    return label


class SiteCaBox(QGroupBox):
    """The site certificate authority and what it signed for the site itself."""

    def __init__(
        self, client: EngineClient, banner: OutcomeBanner, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Site certificate authority"), parent)
        self.client = client
        self.banner = banner
        self.facts: calls.SiteCaFacts | None = None
        self.ca_subject = _label()
        self.ca_fingerprint = _label()
        self.ca_expiry = _label()
        self.server_names = _label()
        self.server_expiry = _label()
        self.signing = _label()
        self.export_button = QPushButton(self.tr("Export CA certificate…"))
        self.export_button.setToolTip(
            self.tr("Save the CA certificate as PEM or DER, to load it into a charger by hand")
        )
        self.create_button = QPushButton(self.tr("Create signing certificate"))
        self.create_button.setToolTip(
            self.tr("A certificate from the site CA to sign firmware (needs the admin role)")
        )
        self.renew_button = QPushButton(self.tr("Renew server certificate"))
        self.renew_button.setToolTip(
            self.tr("A new certificate for ChargeDesk's wss:// port now (renewed by itself too)")
        )
        self.import_button = QPushButton(self.tr("Import signing certificate…"))
        self.import_button.setToolTip(
            self.tr("Use the manufacturer's or your own signing certificate and key")
        )
        form = QFormLayout()
        form.addRow(self.tr("CA:"), self.ca_subject)
        form.addRow(self.tr("Fingerprint:"), self.ca_fingerprint)
        form.addRow(self.tr("Valid:"), self.ca_expiry)
        form.addRow(self.tr("Server names:"), self.server_names)
        form.addRow(self.tr("Server certificate:"), self.server_expiry)
        form.addRow(self.tr("Firmware signing:"), self.signing)
        # Two rows: the CA's own actions, then the firmware signing certificate's; in one
        # row they are cut off on a narrow desk screen.
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for pair in (
            (self.export_button, self.renew_button),
            (self.create_button, self.import_button),
        ):
            row = QHBoxLayout()
            for button in pair:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        self._regate()
        when_actor_changes(client, self, self._regate)

    def _regate(self) -> None:
        # Another person at the desk: the same facts, other buttons allowed.
        if self.facts is not None:
            self.show_facts(self.facts)
            return
        for button in (self.renew_button, self.create_button, self.import_button):
            gate(self.client, button, Permission.SECURITY_SETTINGS)

    # ----------------------------------------------------------------- reading

    async def refresh(self) -> calls.SiteCaFacts | None:
        """Read the site CA from the engine and show it."""
        try:
            facts: calls.SiteCaFacts = await self.client.call(calls.site_ca_facts)
        except Exception as error:  # shown, never swallowed
            self.banner.show_error(words.refusal_text(error, self.tr("Reading the site CA")))
            return None
        self.show_facts(facts)
        return facts

    def show_facts(self, facts: calls.SiteCaFacts) -> None:
        """Fill the labels."""
        self.facts = facts
        now = datetime.now(UTC)
        self.export_button.setEnabled(facts.available)  # the CA certificate is public
        for button in (self.renew_button, self.create_button, self.import_button):
            gate(self.client, button, Permission.SECURITY_SETTINGS, facts.available)
        if not facts.available:
            self.ca_subject.setText(
                self.tr("No site CA: ChargeDesk runs without a TLS port (wss://).")
            )
            for label in (self.ca_fingerprint, self.ca_expiry, self.server_names):
                label.setText("—")
            self.server_expiry.setText("—")
            self.signing.setText("—")
            return
        ca, server, signing = facts.ca, facts.server, facts.signing
        self.ca_subject.setText(str(field(ca, "subject", default="—")))
        self.ca_fingerprint.setText(words.fingerprint_text(field(ca, "fingerprint")))
        self.ca_expiry.setText(words.expiry_text(field(ca, "not_after"), now))
        names = words.certificate_names(field(server, "pem"))
        self.server_names.setText(", ".join(names) if names else "—")
        self.server_expiry.setText(words.expiry_text(field(server, "not_after"), now))
        if signing is None:
            self.signing.setText(
                self.tr("None yet: create one, or import the one your firmware is signed with.")
            )
        else:
            self.signing.setText(
                self.tr("%1, %2")
                .replace("%1", str(field(signing, "subject", default="")))
                .replace("%2", words.expiry_text(field(signing, "not_after"), now))
            )

    # ----------------------------------------------------------------- exporting

    async def ask_export_path(self) -> tuple[Path, str] | None:
        """Ask where to save the CA certificate and in which form (tests replace this)."""
        dialog = QFileDialog(self, self.tr("Export the site CA certificate"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([PEM_FILTER, DER_FILTER])
        dialog.selectFile(str(Path.home() / "chargedesk-site-ca.pem"))
        if await open_dialog(dialog) != QFileDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        if not files:
            return None
        path = Path(files[0])
        return path, export_form(path, dialog.selectedNameFilter())

    async def export_ca(self) -> Path | None:
        """Ask for a file and save the CA certificate in it."""
        chosen = await self.ask_export_path()
        if chosen is None:
            return None
        return await self.export_to(*chosen)

    async def export_to(self, path: Path, form: str) -> Path | None:
        """Save the CA certificate to ``path`` as "pem" or "der"."""
        try:
            data: bytes = await self.client.call(lambda e: calls.ca_bytes(e, form))
            await asyncio.to_thread(path.write_bytes, data)
        except Exception as error:  # a full disk or a folder without write access
            self.banner.show_error(
                words.refusal_text(error, self.tr("Exporting the CA certificate"))
            )
            return None
        self.banner.show_done(
            self.tr("The site CA certificate was saved as %1 (%2). Load it into the charger.")
            .replace("%1", str(path))
            .replace("%2", form.upper())
        )
        return path

    # ----------------------------------------------------------------- signing

    async def create_signing(self) -> Any:
        """Have the site CA issue a new firmware signing certificate."""
        title = self.tr("Creating the firmware signing certificate")
        return await self._change(title, "create_signing_certificate")

    async def ask_signing_files(self) -> tuple[Path, Path] | None:
        """Ask for a signing certificate file and its key file (tests replace this)."""
        picked: list[Path] = []
        for title in (self.tr("Signing certificate (PEM)"), self.tr("Its private key (PEM)")):
            dialog = QFileDialog(self, title)
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            dialog.setNameFilters(["PEM (*.pem *.crt *.key)", "*"])
            if await open_dialog(dialog) != QFileDialog.DialogCode.Accepted:
                return None
            files = dialog.selectedFiles()
            if not files:
                return None
            picked.append(Path(files[0]))
        return picked[0], picked[1]

    async def import_signing(self) -> Any:
        """Ask for a certificate and key and make them the firmware signing certificate."""
        chosen = await self.ask_signing_files()
        if chosen is None:
            return None
        return await self.import_signing_from(*chosen)

    async def import_signing_from(self, certificate: Path, key: Path) -> Any:
        """Import ``certificate`` and ``key`` (PEM files) as the signing certificate."""
        title = self.tr("Importing the firmware signing certificate")
        try:
            cert_pem = await asyncio.to_thread(certificate.read_text, encoding="ascii")
            key_pem = await asyncio.to_thread(key.read_text, encoding="ascii")
        except (OSError, UnicodeDecodeError) as error:
            self.banner.show_error(
                self.tr("%1: the file could not be read (%2). Choose PEM files.")
                .replace("%1", title)
                .replace("%2", str(error))
            )
            return None
        return await self._change(title, "import_signing_certificate", cert_pem, key_pem)

    async def renew_server(self) -> Any:
        """Make a new server certificate now (the wss:// port shows it at once)."""
        title = self.tr("Renewing the server certificate")
        return await self._change(title, "renew_server_certificate")

    async def _change(self, title: str, name: str, *args: str) -> Any:
        actor = self.client.actor
        self.banner.show_working(title + "…")
        try:
            info = await self.client.call(lambda e: calls.site_ca_change(e, actor, name, *args))
        except Exception as error:  # refused or invalid: said in words
            self.banner.show_error(words.refusal_text(error, title))
            return None
        subject = str(field(info, "subject", default=""))
        if name == "renew_server_certificate":
            done = self.tr("The wss:// port now shows a new server certificate (%1, %2).")
            expiry = words.expiry_text(field(info, "not_after"), datetime.now(UTC))
            self.banner.show_done(done.replace("%1", subject).replace("%2", expiry))
        else:
            done = self.tr("Firmware will be signed with %1 from now on.")
            self.banner.show_done(done.replace("%1", subject))
        await self.refresh()
        return info
