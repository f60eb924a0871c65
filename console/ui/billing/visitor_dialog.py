"""Start a session for a visitor without a card: who they are, all of it optional."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.ui.billing.words import tr


@dataclass(frozen=True, slots=True)
class VisitorEntry:
    """What staff know of the visitor; any of it may be missing."""

    name: str | None
    plate: str | None
    phone: str | None
    email: str | None


class VisitorDialog(QDialog):
    """Name, vehicle plate, phone and e-mail; ChargeDesk issues a one-time card for them."""

    def __init__(self, charger_id: str, connector_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Start for visitor"))
        intro = QLabel(
            tr(
                "Start a session on <b>%1</b>, connector <b>%2</b>, for a driver without a "
                "card. ChargeDesk issues a one-time card and bills the session at the "
                "visitor tariff when it ends. Everything below is optional."
            )
            .replace("%1", charger_id)
            .replace("%2", str(connector_id))
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(tr("e.g. Jana Novak"))
        self.plate_edit = QLineEdit()
        self.plate_edit.setPlaceholderText(tr("e.g. B-XY 1234"))
        self.plate_edit.setMaxLength(32)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(tr("for questions about the bill"))
        self.phone_edit.setMaxLength(64)
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(tr("to send the receipt"))
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color:#A8410B;")
        form = QFormLayout()
        form.addRow(tr("&Name:"), self.name_edit)
        form.addRow(tr("Vehicle &plate:"), self.plate_edit)
        form.addRow(tr("P&hone:"), self.phone_edit)
        form.addRow(tr("&E-mail:"), self.email_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Start session"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.email_edit.textChanged.connect(self._revalidate)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._revalidate()

    def problem(self) -> str:
        """Why the details cannot be used yet; empty when they can."""
        email = self.email_edit.text().strip()
        if email and ("@" not in email or email.startswith("@") or email.endswith("@")):
            return tr("The e-mail address looks incomplete")
        return ""

    def _revalidate(self) -> None:
        problem = self.problem()
        self.problem_label.setText(f"⚠ {problem}" if problem else "")
        self.problem_label.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def entry(self) -> VisitorEntry:
        """The visitor as entered, blanks as None."""

        def value(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return VisitorEntry(
            value(self.name_edit),
            value(self.plate_edit),
            value(self.phone_edit),
            value(self.email_edit),
        )
