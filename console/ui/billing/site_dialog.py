"""The site's name, address and tax number, as every receipt issued from now on prints them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.core.billing import SiteDetails
from console.ui.billing.words import tr


class SiteDetailsDialog(QDialog):
    """Edit the site details; receipts already issued keep what they printed."""

    def __init__(self, site: SiteDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Site details"))
        self.name_edit = QLineEdit(site.name)
        self.name_edit.setPlaceholderText(tr("e.g. St. Marien Hospital"))
        self.address_edit = QPlainTextEdit(site.address)
        self.address_edit.setPlaceholderText(tr("Street and number\nPostcode and town"))
        self.address_edit.setFixedHeight(84)
        self.tax_edit = QLineEdit(site.tax_number)
        self.tax_edit.setPlaceholderText(tr("e.g. DE123456789"))
        note = QLabel(
            tr("Printed on every receipt issued from now on; issued ones stay as they are.")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#5A6570;")
        form = QFormLayout()
        form.addRow(tr("&Name:"), self.name_edit)
        form.addRow(tr("&Address:"), self.address_edit)
        form.addRow(tr("&Tax number:"), self.tax_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._revalidate)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._revalidate()

    def _revalidate(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(self.name_edit.text().strip()))

    def details(self) -> SiteDetails:
        """The details as entered."""
        return SiteDetails(
            self.name_edit.text().strip(),
            self.address_edit.toPlainText().strip(),
            self.tax_edit.text().strip(),
        )
