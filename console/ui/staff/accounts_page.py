"""The staff accounts page: who may use the console, with which roles; security settings.

Everyone sees the list; only an admin changes it (the buttons say so to others). The
security settings box is the site's: idle lock, a login for the command line, the plain
ws:// port (read at start, so its change takes effect at the next start).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.core.staff import Actor, Permission, PermissionDenied
from console.core.staff_accounts import MAX_IDLE_LOCK_MINUTES
from console.services.engine import CentralSystem
from console.ui.actions import open_dialog
from console.ui.engine_client import EngineClient
from console.ui.keyboard import DeskTableView
from console.ui.message_bar import OutcomeBanner
from console.ui.staff.account_dialogs import (
    AddAccountDialog,
    ResetPasswordDialog,
    RolesDialog,
    ServiceDialog,
)
from console.ui.staff.calls import engine_call, launch_soon
from console.ui.staff.forms import failure_words
from console.ui.staff.models import StaffAccountsModel, is_locked
from console.ui.staff.roles import allow, needs_role_text, permitted, refusal_text
from console.ui.tasks import TaskKeeper


class SecuritySettingsBox(QGroupBox):
    """The site's security settings (admin): idle lock, command-line login, plain port."""

    saved = Signal(object)  # the SecuritySettings now stored

    def __init__(self, client: EngineClient, bar: OutcomeBanner) -> None:
        super().__init__(self.tr("Security settings"))
        self.client = client
        self.bar = bar
        self.tasks = TaskKeeper(self)
        self.current: Any = None
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, MAX_IDLE_LOCK_MINUTES)  # a shared desk always locks
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.cli_login = QCheckBox(self.tr("The command line needs a staff login"))
        self.plain_port = QCheckBox(self.tr("Plain ws:// port on (chargers on profile 0 or 1)"))
        self.plain_note = QLabel(self.tr("Takes effect at the next start."))
        self.plain_note.setStyleSheet("color:#5A6B7B;")
        self.api_local = QCheckBox(
            self.tr("The API also answers plain http:// on this PC (127.0.0.1, for scripts here)")
        )
        self.api_note = QLabel(self.tr("Takes effect at the next start."))
        self.api_note.setStyleSheet("color:#5A6B7B;")
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(lambda: self.tasks.launch(self.save))
        self.idle_minutes.setMaximumWidth(120)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Lock the console after idle"), self.idle_minutes)
        form.addRow(self.cli_login)
        plain = QHBoxLayout()
        plain.addWidget(self.plain_port)
        plain.addWidget(self.plain_note)
        plain.addStretch(1)
        form.addRow(plain)
        local = QHBoxLayout()
        local.addWidget(self.api_local)
        local.addWidget(self.api_note)
        local.addStretch(1)
        form.addRow(local)
        row = QHBoxLayout(self)
        row.addLayout(form)
        row.addStretch(1)
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        controls = (self.idle_minutes, self.cli_login, self.plain_port, self.api_local)
        for control in (*controls, self.save_button):
            allow(client, control, Permission.SECURITY_SETTINGS)

    async def load(self) -> None:
        """Read the stored settings into the fields."""
        try:
            settings = await engine_call(self.client, lambda e: e.staff.settings())
        except Exception as error:
            self.bar.show_error(self.tr("Security settings not read: %1").replace("%1", str(error)))
            return
        self.current = settings
        self.idle_minutes.setValue(int(settings.idle_lock_minutes))
        self.cli_login.setChecked(bool(settings.cli_requires_login))
        self.plain_port.setChecked(bool(settings.plain_port_enabled))
        self.api_local.setChecked(bool(settings.api_plain_local))

    async def save(self) -> bool:
        """Store the fields as the site's settings."""
        if self.current is None:
            await self.load()
            if self.current is None:
                return False
        wanted = dataclasses.replace(
            self.current,
            idle_lock_minutes=self.idle_minutes.value(),
            cli_requires_login=self.cli_login.isChecked(),
            plain_port_enabled=self.plain_port.isChecked(),
            api_plain_local=self.api_local.isChecked(),
        )
        actor = self.client.actor
        try:
            await engine_call(self.client, lambda e: e.staff.save_settings(wanted, actor=actor))
        except PermissionDenied as error:
            self.bar.show_error(refusal_text(error))
            return False
        except Exception as error:
            self.bar.show_error(self.tr("Settings not saved: %1").replace("%1", str(error)))
            return False
        port_changed = (wanted.plain_port_enabled, wanted.api_plain_local) != (
            self.current.plain_port_enabled,
            self.current.api_plain_local,
        )
        self.current = wanted
        text = self.tr("Security settings saved.")
        if port_changed:
            text += " " + self.tr("The plain ports change at the next start.")
        self.bar.show_done(text)
        self.saved.emit(wanted)
        return True


class StaffAccountsPage(QWidget):
    """The list of staff accounts and what an admin can do to them."""

    def __init__(self, client: EngineClient) -> None:
        super().__init__()
        self.client = client
        self.tasks = TaskKeeper(self)
        self.dialog: ServiceDialog | None = None
        self.model = StaffAccountsModel()
        self.table = DeskTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.admin_only = QLabel()
        self.admin_only.setStyleSheet("color:#5A6B7B;")
        self.bar = OutcomeBanner()
        self.add_button = QPushButton(self.tr("Add…"))
        self.roles_button = QPushButton(self.tr("Edit roles…"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.active_button = QPushButton(self.tr("Disable"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.add_button.clicked.connect(lambda: self.tasks.launch(self.add_account))
        self.roles_button.clicked.connect(lambda: self.tasks.launch(self.edit_roles))
        self.reset_button.clicked.connect(lambda: self.tasks.launch(self.reset_password))
        self.active_button.clicked.connect(lambda: self.tasks.launch(self.toggle_active))
        self.unlock_button.clicked.connect(lambda: self.tasks.launch(self.unlock))
        self.settings_box = SecuritySettingsBox(client, self.bar)
        buttons = QHBoxLayout()
        for button in self._buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.admin_only)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.settings_box)
        client.actor_changed.changed.connect(self._on_actor_changed)
        self._on_actor_changed(client.actor)

    def _buttons(self) -> list[QPushButton]:
        return [
            self.add_button,
            self.roles_button,
            self.reset_button,
            self.active_button,
            self.unlock_button,
        ]

    def selected_account(self) -> Any:
        """The account of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.account_at(rows[0].row()) if rows else None

    def select_username(self, username: str) -> None:
        """Select the account with this username."""
        for row, account in enumerate(self.model.accounts):
            if account.username.lower() == username.lower():
                self.table.selectRow(row)
                return

    def _on_actor_changed(self, _actor: Actor) -> None:
        admin = permitted(self.client, Permission.STAFF)
        self.admin_only.setText(
            "" if admin else self.tr("Only an admin can change staff accounts.")
        )
        self._update_buttons()
        if self.isVisible():
            self.tasks.launch(self.reload)

    def _update_buttons(self, *_args: Any) -> None:
        admin = permitted(self.client, Permission.STAFF)
        account = self.selected_account()
        chosen = admin and account is not None
        self.add_button.setEnabled(admin)
        self.roles_button.setEnabled(chosen)
        self.reset_button.setEnabled(chosen)
        self.active_button.setEnabled(chosen)
        self.unlock_button.setEnabled(chosen and is_locked(account))
        active = account is None or account.active
        self.active_button.setText(self.tr("Disable") if active else self.tr("Enable"))
        tip = "" if admin else needs_role_text(Permission.STAFF)
        for button in self._buttons():
            button.setToolTip(tip)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Read the accounts and settings afresh whenever the page is shown."""
        super().showEvent(event)
        launch_soon(self.tasks, self.reload, self)

    async def reload(self) -> None:
        """Read the accounts and the security settings."""
        chosen = self.selected_account()
        try:
            accounts = await engine_call(self.client, lambda e: e.staff.accounts())
        except Exception as error:
            self.bar.show_error(self.tr("Staff accounts not read: %1").replace("%1", str(error)))
            return
        self.model.set_accounts(list(accounts))
        if chosen is not None:
            self.select_username(chosen.username)
        self._update_buttons()
        await self.settings_box.load()

    # ------------------------------------------------------------------ changes

    async def _run_dialog(self, dialog: ServiceDialog, done: str) -> bool:
        self.dialog = dialog
        code = await open_dialog(dialog)
        self.dialog = None
        if code != QDialog.DialogCode.Accepted:
            return False
        self.bar.show_done(done)
        await self.reload()
        return True

    async def add_account(self) -> bool:
        """Ask for a new account and add it."""
        dialog = AddAccountDialog(self.client, self)
        ok = await self._run_dialog(dialog, self.tr("Staff account added."))
        if ok:
            self.select_username(dialog.username.text().strip())
        return ok

    async def edit_roles(self) -> bool:
        """Change the selected account's roles."""
        account = self.selected_account()
        if account is None:
            return False
        text = self.tr("Roles of %1 changed.").replace("%1", account.display_name)
        return await self._run_dialog(RolesDialog(self.client, account, self), text)

    async def reset_password(self) -> bool:
        """Give the selected account a new password they must change."""
        account = self.selected_account()
        if account is None:
            return False
        text = self.tr("Password of %1 reset.").replace("%1", account.display_name)
        return await self._run_dialog(ResetPasswordDialog(self.client, account, self), text)

    async def _change(self, work: Callable[[CentralSystem], Any], done: str) -> bool:
        try:
            await engine_call(self.client, work)
        except PermissionDenied as error:
            self.bar.show_error(refusal_text(error))
            return False
        except Exception as error:  # the service's refusal (the last admin) in its words
            self.bar.show_error(failure_words(error, self.tr("ChargeDesk did not answer in time.")))
            return False
        self.bar.show_done(done)
        await self.reload()
        return True

    async def toggle_active(self) -> bool:
        """Disable the selected account (it can no longer log in), or enable it again."""
        account = self.selected_account()
        if account is None:
            return False
        active, staff_id, actor = not account.active, account.id, self.client.actor
        done = self.tr("%1 enabled.") if active else self.tr("%1 disabled.")
        return await self._change(
            lambda e: e.staff.set_active(staff_id, active, actor=actor),
            done.replace("%1", account.display_name),
        )

    async def unlock(self) -> bool:
        """Lift the lock that failed logins put on the selected account."""
        account = self.selected_account()
        if account is None:
            return False
        staff_id, actor = account.id, self.client.actor
        return await self._change(
            lambda e: e.staff.unlock(staff_id, actor=actor),
            self.tr("%1 unlocked.").replace("%1", account.display_name),
        )
