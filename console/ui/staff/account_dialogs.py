"""Dialogs that change a staff account: add, roles, reset a password, change one's own.

Each dialog calls the staff service itself when OK is pressed and stays open with the
service's words when it refuses (a password too short, a username taken, the last
admin), so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.core.staff import PermissionDenied, Role
from console.core.staff_accounts import MIN_PASSWORD_LENGTH
from console.services.engine import CentralSystem
from console.ui.engine_client import EngineClient
from console.ui.message_bar import hold_place
from console.ui.staff.calls import engine_call
from console.ui.staff.forms import REFUSAL_STYLE, failure_words
from console.ui.staff.roles import refusal_text, role_name
from console.ui.tasks import TaskKeeper

Work = Callable[[CentralSystem], Any]


class ServiceDialog(QDialog):
    """Fields, a refusal line and OK/Cancel; OK runs ``work()`` on the engine."""

    def __init__(self, client: EngineClient, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.setWindowTitle(title)
        self.tasks = TaskKeeper(self)
        self.result_value: Any = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.fields = QFormLayout()
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(REFUSAL_STYLE)
        hold_place(self.refusal, lines=2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(lambda: self.tasks.launch(self.submit))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.fields)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def show_note(self, text: str) -> None:
        """A line above the fields."""
        self.note.setText(text)
        self.note.show()

    def password_field(self) -> QLineEdit:
        """A field that hides what is typed."""
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setPlaceholderText(
            self.tr("at least %1 characters").replace("%1", str(MIN_PASSWORD_LENGTH))
        )
        return field

    def say(self, text: str) -> None:
        """Show why the change was not made."""
        self.refusal.setText(text)

    def work(self) -> Work | None:
        """The service call for the fields' values; None (after ``say``) if they are wrong."""
        raise NotImplementedError

    async def submit(self) -> bool:
        """Run the change; accept the dialog once the service has made it."""
        work = self.work()
        if work is None:
            return False
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.say("")
        try:
            self.result_value = await engine_call(self.client, work)
        except PermissionDenied as error:
            self.say(refusal_text(error))
            return False
        except Exception as error:  # the service's refusal, in its words
            self.say(failure_words(error, self.tr("ChargeDesk did not answer in time.")))
            return False
        finally:
            ok.setEnabled(True)
        self.accept()
        return True


def _passwords_match(dialog: ServiceDialog, first: QLineEdit, second: QLineEdit) -> str | None:
    if not first.text():
        dialog.say(QCoreApplication.translate("ServiceDialog", "Type the password twice."))
        return None
    if first.text() != second.text():
        second.clear()
        dialog.say(
            QCoreApplication.translate(
                "ServiceDialog", "The two passwords differ: type the password again."
            )
        )
        return None
    return first.text()


class RoleChecks(QWidget):
    """A tick box per role."""

    def __init__(self, roles: frozenset[Role] = frozenset()) -> None:
        super().__init__()
        self.boxes: dict[Role, QCheckBox] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for role in Role:
            box = QCheckBox(role_name(role))
            box.setChecked(role in roles)
            self.boxes[role] = box
            row.addWidget(box)
        row.addStretch(1)

    def roles(self) -> frozenset[Role]:
        """The roles ticked."""
        return frozenset(role for role, box in self.boxes.items() if box.isChecked())


class AddAccountDialog(ServiceDialog):
    """A new staff account: name, username, password twice, roles."""

    def __init__(self, client: EngineClient, parent: QWidget | None = None) -> None:
        super().__init__(client, self.tr("Add a staff account"), parent)
        self.display_name = QLineEdit()
        self.username = QLineEdit()
        self.password = self.password_field()
        self.again = self.password_field()
        self.roles = RoleChecks(frozenset({Role.DESK}))
        self.fields.addRow(self.tr("Name"), self.display_name)
        self.fields.addRow(self.tr("Username"), self.username)
        self.fields.addRow(self.tr("Password"), self.password)
        self.fields.addRow(self.tr("Password again"), self.again)
        self.fields.addRow(self.tr("Roles"), self.roles)

    def work(self) -> Work | None:
        """add_account with the fields' values."""
        name, username = self.display_name.text().strip(), self.username.text().strip()
        if not name or not username:
            self.say(self.tr("Give the person's name and a username."))
            return None
        password = _passwords_match(self, self.password, self.again)
        if password is None:
            return None
        roles, actor = self.roles.roles(), self.client.actor
        return lambda e: e.staff.add_account(username, name, password, roles, actor=actor)


class RolesDialog(ServiceDialog):
    """Change what an account may do."""

    def __init__(self, client: EngineClient, account: Any, parent: QWidget | None = None) -> None:
        super().__init__(client, self.tr("Roles of %1").replace("%1", account.display_name), parent)
        self.account = account
        self.roles = RoleChecks(frozenset(account.roles))
        self.fields.addRow(self.tr("Roles"), self.roles)

    def work(self) -> Work | None:
        """set_roles for the account."""
        staff_id, roles, actor = self.account.id, self.roles.roles(), self.client.actor
        return lambda e: e.staff.set_roles(staff_id, roles, actor=actor)


class ResetPasswordDialog(ServiceDialog):
    """An admin sets a new password; the person must change it at their next login."""

    def __init__(self, client: EngineClient, account: Any, parent: QWidget | None = None) -> None:
        title = self.tr("New password for %1").replace("%1", account.display_name)
        super().__init__(client, title, parent)
        self.account = account
        self.show_note(
            self.tr("Tell %1 this password; they choose their own at their next login.").replace(
                "%1", account.display_name
            )
        )
        self.password = self.password_field()
        self.again = self.password_field()
        self.fields.addRow(self.tr("New password"), self.password)
        self.fields.addRow(self.tr("Again"), self.again)

    def work(self) -> Work | None:
        """reset_password for the account."""
        password = _passwords_match(self, self.password, self.again)
        if password is None:
            return None
        staff_id, actor = self.account.id, self.client.actor
        return lambda e: e.staff.reset_password(staff_id, password, actor=actor)


class ChangePasswordDialog(ServiceDialog):
    """The person at the desk changes their own password (asked after an admin's reset)."""

    def __init__(self, client: EngineClient, forced: bool, parent: QWidget | None = None) -> None:
        super().__init__(client, self.tr("Change my password"), parent)
        if forced:
            self.show_note(self.tr("An admin has reset your password: choose your own now."))
        self.old = self.password_field()
        self.old.setPlaceholderText("")  # the length rule is for the new one
        self.password = self.password_field()
        self.again = self.password_field()
        self.fields.addRow(self.tr("Current password"), self.old)
        self.fields.addRow(self.tr("New password"), self.password)
        self.fields.addRow(self.tr("Again"), self.again)

    def work(self) -> Work | None:
        """change_own_password for the person at the desk."""
        password = _passwords_match(self, self.password, self.again)
        if password is None:
            return None
        old, actor = self.old.text(), self.client.actor
        return lambda e: e.staff.change_own_password(actor, old, password)
