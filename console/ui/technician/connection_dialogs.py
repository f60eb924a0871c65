"""The dialog that registers a refused charger or sets a charger's password."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.charger_ids import (
    MAX_ID_LENGTH,
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    charger_id_problem,
    generate_password,
    password_problem,
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
        for edit in (self.password_edit, self.repeat_edit):
            edit.setMaxLength(MAX_PASSWORD_LENGTH)
            edit.setPlaceholderText(
                tr("%1 to %2 characters")
                .replace("%1", str(MIN_PASSWORD_LENGTH))
                .replace("%2", str(MAX_PASSWORD_LENGTH))
            )
        self.id_edit.setMaxLength(MAX_ID_LENGTH)
        self.generate_button = QPushButton(tr("Generate"))
        self.generate_button.setToolTip(
            tr("Fill in a random password and show it, to type into the charger.")
        )
        self.generate_button.clicked.connect(self.generate)
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
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Charger id"), self.id_edit)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.generate_button)
        form.addRow(tr("Password"), password_row)
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

    def generate(self) -> None:
        """Fill both fields with a random password, shown so it can be copied."""
        password = generate_password()
        for edit in (self.password_edit, self.repeat_edit):
            edit.setText(password)
            edit.setEchoMode(QLineEdit.EchoMode.Normal)

    def problem_text(self) -> str:
        """What keeps the entry from being accepted, '' when nothing does."""
        if not self.charger_id:
            return tr("Enter the charger id.")
        if self.registering and charger_id_problem(self.charger_id) is not None:
            return tr("A charger id has at most 48 letters, digits and - . _ ~ (no spaces).")
        if self.password_edit.text() != self.repeat_edit.text():
            return tr("The two passwords differ.")
        if self.password is not None and password_problem(self.password) is not None:
            return (
                tr("A password has %1 to %2 characters.")
                .replace("%1", str(MIN_PASSWORD_LENGTH))
                .replace("%2", str(MAX_PASSWORD_LENGTH))
            )
        return ""

    def _on_accept(self) -> None:
        problem = self.problem_text()
        self.problem.setText(("✖ " + problem) if problem else "")
        if not problem:
            self.accept()
