"""The Security page's actions on the certificates a charger holds.

Kept apart from the page's layout (security.py): get the installed certificates, delete
one, install the site CA and have the charger get a certificate from the site CA. Each
goes through ``engine.security`` as the person logged in; refusals say who may.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from console.core.model import CommandOutcome
from console.ui.actions import open_dialog
from console.ui.command_words import outcome_message
from console.ui.engine_client import EngineClient
from console.ui.keyboard import DeskTableView
from console.ui.message_bar import OutcomeBanner
from console.ui.table_model import ROW_ROLE
from console.ui.technician import security_calls as calls
from console.ui.technician import security_words as words
from console.ui.technician.security_models import (
    InstalledCertificate,
    InstalledCertificatesModel,
)
from console.ui.technician.security_words import field

CERTIFICATE_TIMEOUT = 120.0  # the charger makes a key and a CSR, then we sign it


class CertificateActions(QWidget):
    """What the Security page does with a charger's certificates (a base of the page)."""

    client: EngineClient
    banner: OutcomeBanner
    type_combo: QComboBox
    installed_model: InstalledCertificatesModel
    installed_view: DeskTableView

    @property
    def charger_id(self) -> str | None:
        """The charger shown (the page gives it)."""
        raise NotImplementedError

    async def refresh(self) -> None:
        """Read the charger's facts again (the page does it)."""
        raise NotImplementedError

    def _update_buttons(self, *_: object) -> None:
        raise NotImplementedError

    def selected_certificate(self) -> InstalledCertificate | None:
        """The installed certificate selected in the table."""
        rows = self.installed_view.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].data(ROW_ROLE)
        return row if isinstance(row, InstalledCertificate) else None

    async def get_installed(self) -> list[InstalledCertificate]:
        """Ask the charger which certificates of the chosen type it holds."""
        charger_id, actor = self.charger_id, self.client.actor
        kind = str(self.type_combo.currentData())
        if charger_id is None:
            return []
        title = self.tr("Get installed certificates")
        self.banner.show_pending(charger_id, title)
        try:
            outcome, hashes = await self.client.call(
                lambda e: calls.installed_certificates(e, charger_id, kind, actor)
            )
        except Exception as error:  # refused or failed: said in words
            self.banner.show_error(words.refusal_text(error, title))
            return []
        rows = [InstalledCertificate(kind, item) for item in hashes]
        self.installed_model.set_rows(rows)
        # NotFound is an answer, not a failure: the charger holds none of that type.
        none_held = isinstance(outcome, CommandOutcome) and not rows
        if none_held and (outcome.accepted or outcome.status == "NotFound"):
            self.banner.show_message(
                "info",
                self.tr("%1 holds no certificate of the type “%2”.")
                .replace("%1", charger_id)
                .replace("%2", words.certificate_type_text(kind)),
            )
        else:
            self._show_result(charger_id, title, outcome)
        self._update_buttons()
        return rows

    async def confirm(self, title: str, text: str, proceed: str) -> bool:
        """Ask before a change that may cut a charger off (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        go = box.addButton(proceed, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)  # Enter must not delete a certificate by accident
        await open_dialog(box)
        return box.clickedButton() is go

    async def delete_selected(self) -> Any:
        """Delete the selected certificate from the charger, after asking."""
        chosen, charger_id, actor = self.selected_certificate(), self.charger_id, self.client.actor
        if chosen is None or charger_id is None:
            return None
        title = self.tr("Delete certificate")
        text = self.tr(
            "Delete this certificate from %1?\n\nIf it is the CA the charger uses to trust"
            " ChargeDesk, the charger cannot connect over wss:// until the site CA is"
            " installed again."
        ).replace("%1", charger_id)
        if not await self.confirm(title, text, self.tr("Delete")):
            return None
        result = await self._change(
            charger_id,
            title,
            lambda e: e.security.delete_certificate(charger_id, chosen.hash_data, actor=actor),
        )
        if result is not None:
            await self.get_installed()
        return result

    async def install_ca(self) -> Any:
        """Install the site CA certificate on the charger (InstallCertificate)."""
        charger_id, actor = self.charger_id, self.client.actor
        if charger_id is None:
            return None
        return await self._change(
            charger_id,
            self.tr("Install site CA"),
            lambda e: e.security.install_ca(charger_id, actor=actor),
        )

    async def request_certificate(self) -> Any:
        """Have the charger ask the site CA for a certificate, followed to the end."""
        charger_id, actor = self.charger_id, self.client.actor
        if charger_id is None:
            return None
        result = await self._change(
            charger_id,
            self.tr("Request a charger certificate"),
            lambda e: e.security.request_charger_certificate(charger_id, actor=actor),
            CERTIFICATE_TIMEOUT,
        )
        await self.refresh()  # the issued certificate shows in its table
        return result

    async def _change(
        self, charger_id: str, title: str, factory: Any, timeout: float | None = None
    ) -> Any:
        self.banner.show_pending(charger_id, title)
        try:
            if timeout is None:
                result = await self.client.call(factory)
            else:
                result = await self.client.call(factory, timeout)
        except TimeoutError:
            self.banner.show_error(
                self.tr("%1 — %2: no answer in time. Is the charger still connected?")
                .replace("%1", charger_id)
                .replace("%2", title)
            )
            return None
        except Exception as error:  # refused or failed: said in words
            self.banner.show_error(words.refusal_text(error, title))
            return None
        self._show_result(charger_id, title, result)
        return result

    def _show_result(self, charger_id: str, title: str, result: Any) -> None:
        outcome = result if isinstance(result, CommandOutcome) else field(result, "outcome")
        text = field(result, "text", "words", "message")
        if isinstance(outcome, CommandOutcome) and text is None:
            kind, shown = outcome_message(charger_id, title, outcome)
            self.banner.show_message(kind, shown)
            return
        succeeded = field(result, "succeeded", "accepted", "ok")
        if succeeded is None and isinstance(outcome, CommandOutcome):
            succeeded = outcome.accepted
        kind = "ok" if succeeded or succeeded is None else "failed"
        self.banner.show_message(kind, f"{charger_id} — {title}: {text or words.tr('done')}")
