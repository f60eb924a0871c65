"""The dialog that registers a refused charger or sets a charger's password."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.ui.technician.connection_words import tr


class ChargerCredentialsDialog(QDialog):
    """Asks for a charger id (when registering) and an optional password, typed twice."""

    def __init__(self, charger_id: str, registering: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registering = registering
        self.setWindowTitle(tr("Register charger") if registering else tr("Set password"))
        self.id_edit = QLineEdit(charger_id)
        self.id_edit.setReadOnly(not registering)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        hint = (
            tr(
                "The charger will be accepted when it connects again. Leave the password "
                "empty if the charger sends none."
            )
            if registering
            else tr(
                "The charger must send this password (HTTP Basic auth, user name = its "
                "id). Leave it empty to let the charger in without one."
            )
        )
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #D55E00")
        form = QFormLayout()
        form.addRow(tr("Charger id"), self.id_edit)
        form.addRow(tr("Password"), self.password_edit)
        form.addRow(tr("Repeat password"), self.repeat_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("Register") if registering else tr("Set password")
        )
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    @property
    def charger_id(self) -> str:
        """The charger id as typed."""
        return self.id_edit.text().strip()

    @property
    def password(self) -> str | None:
        """The password, None when left empty."""
        return self.password_edit.text() or None

    def problem_text(self) -> str:
        """What keeps the entry from being accepted, '' when nothing does."""
        if not self.charger_id:
            return tr("Enter the charger id.")
        if self.password_edit.text() != self.repeat_edit.text():
            return tr("The two passwords differ.")
        return ""

    def _on_accept(self) -> None:
        problem = self.problem_text()
        self.problem.setText(("✖ " + problem) if problem else "")
        if not problem:
            self.accept()
