"""The dialog that makes a named API token and then shows its secret, once.

First the name, the roles and how long the token lasts; once the engine has made it, the
same window shows the secret in a read-only field with a Copy button and a warning: the
console cannot show it again (only a fingerprint of it is stored).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.core.api_tokens import MAX_NAME_LENGTH, ApiToken, TokenInputError, check_name
from console.core.clock import utcnow
from console.core.staff import PermissionDenied, Role
from console.ui.engine_client import EngineClient
from console.ui.locale_format import format_local
from console.ui.message_bar import hold_place
from console.ui.staff.account_dialogs import RoleChecks
from console.ui.staff.calls import engine_call
from console.ui.staff.forms import REFUSAL_STYLE, failure_words
from console.ui.staff.roles import refusal_text, roles_words
from console.ui.tasks import TaskKeeper

#: The lifetimes offered, in days (None: the token never expires).
EXPIRY_DAYS: tuple[int | None, ...] = (None, 30, 90, 365)
DEFAULT_EXPIRY_DAYS = 90  # a forgotten token stops by itself
WARNING_STYLE = (
    "background:#FFF4D6; border:1px solid #E0B000; border-radius:4px; padding:8px; color:#5A4300;"
)


class NewApiTokenDialog(QDialog):
    """Name, roles and lifetime of a new API token; then its secret, shown once."""

    def __init__(self, client: EngineClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.tasks = TaskKeeper(self)
        self.created: ApiToken | None = None
        self.setWindowTitle(self.tr("New API token"))
        self.setMinimumWidth(520)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._form_page())
        self.pages.addWidget(self._secret_page())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create token"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(lambda: self.tasks.launch(self.submit))
        self.buttons.rejected.connect(self.reject)
        self.close_button = QPushButton(self.tr("I have copied it: close"))
        self.close_button.clicked.connect(self.accept)
        # Not an accept role: that would emit ``accepted`` and make another token.
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button.hide()  # after addButton, which shows it
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)

    def _form_page(self) -> QWidget:
        page = QWidget()
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME_LENGTH)
        self.name.setPlaceholderText(self.tr("which script uses it, e.g. nightly export"))
        self.roles = RoleChecks(frozenset({Role.VIEWER}))
        self.expiry = QComboBox()
        for days in EXPIRY_DAYS:
            text = (
                self.tr("never") if days is None else self.tr("in %1 days").replace("%1", str(days))
            )
            self.expiry.addItem(text, days)
        self.expiry.setCurrentIndex(EXPIRY_DAYS.index(DEFAULT_EXPIRY_DAYS))
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(REFUSAL_STYLE)
        hold_place(self.refusal, lines=2)
        note = QLabel(
            self.tr(
                "A script using this token may do what these roles allow; what it does is in"
                " the audit log under the token's name."
            )
        )
        note.setWordWrap(True)
        fields = QFormLayout()
        fields.addRow(self.tr("Name"), self.name)
        fields.addRow(self.tr("Roles"), self.roles)
        fields.addRow(self.tr("Expires"), self.expiry)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addLayout(fields)
        layout.addWidget(self.refusal)
        return page

    def _secret_page(self) -> QWidget:
        page = QWidget()
        self.warning = QLabel(
            self.tr(
                "Copy this token now. ChargeDesk shows it only this once and keeps only a"
                " fingerprint of it: if it is lost, revoke the token and make a new one."
                " Anyone holding it can act with its roles, so keep it where only the"
                " script can read it."
            )
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setReadOnly(True)
        self.secret.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy_secret)
        self.copied = QLabel()
        hold_place(self.copied)
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.copied)
        layout.addWidget(self.warning)
        return page

    def say(self, text: str) -> None:
        """Show why the token was not made."""
        self.refusal.setText(text)

    def expires_at(self, now: datetime) -> datetime | None:
        """When a token made ``now`` stops working, from the chosen lifetime."""
        days = self.expiry.currentData()
        return None if days is None else now + timedelta(days=int(days))

    async def submit(self) -> bool:
        """Make the token; on success show its secret instead of the form."""
        try:
            name = check_name(self.name.text())
        except TokenInputError as error:
            self.say(failure_words(error, ""))
            return False
        roles, actor = self.roles.roles(), self.client.actor
        expires_at = self.expires_at(utcnow())
        self.create_button.setEnabled(False)
        self.say("")
        try:
            token, secret = await engine_call(
                self.client,
                lambda e: e.api_tokens.create(name, roles, expires_at, actor=actor),
            )
        except PermissionDenied as error:
            self.say(refusal_text(error))
            return False
        except Exception as error:  # the service's refusal (a name in use), in its words
            self.say(failure_words(error, self.tr("ChargeDesk did not answer in time.")))
            return False
        finally:
            self.create_button.setEnabled(True)
        self.created = token
        self._show_secret(token, secret)
        return True

    def _show_secret(self, token: ApiToken, secret: str) -> None:
        self.setWindowTitle(self.tr("API token “%1”").replace("%1", token.name))
        expires = format_local(token.expires_at) or self.tr("never")
        self.summary.setText(
            self.tr("The token “%1” is made (%2; expires: %3). Its secret:")
            .replace("%1", token.name)
            .replace("%2", roles_words(token.roles))
            .replace("%3", expires)
        )
        self.secret.setText(secret)
        self.secret.selectAll()
        self.pages.setCurrentIndex(1)
        self.create_button.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.copy_button.setFocus()

    def copy_secret(self) -> None:
        """Put the secret on the clipboard."""
        QGuiApplication.clipboard().setText(self.secret.text())
        self.copied.setText(self.tr("Copied to the clipboard."))

    def done(self, code: int) -> None:  # Qt override
        """Forget the secret when the window closes: it is never shown again."""
        self.secret.clear()
        super().done(code)
