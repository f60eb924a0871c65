"""The staff accounts page: an admin adds and changes accounts; others see it is admin-only."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from conftest import STAFF_PASSWORD, log_in, run, wait_until
from PySide6.QtWidgets import QPushButton

from console.core.staff import Permission, Role
from console.core.staff_accounts import StaffAccount
from console.services.staff_passwords import use_test_cost
from console.ui.console_app import Console
from console.ui.staff.account_dialogs import AddAccountDialog, ResetPasswordDialog, RolesDialog
from console.ui.staff.accounts_page import StaffAccountsPage
from console.ui.staff.calls import engine_call
from console.ui.staff.forms import LoginForm
from console.ui.staff.models import StaffAccountsModel
from console.ui.staff.roles import allow


@pytest.fixture(autouse=True)
def cheap_hashes() -> None:
    """argon2 at the tests' cost."""
    use_test_cost()


def accounts_page(console: Console, loop: qasync.QEventLoop) -> StaffAccountsPage:
    """The Admin tab's staff accounts page, shown and read (its first read has ended)."""
    window = console.window
    window.tabs.setCurrentWidget(window.admin)
    window.admin.setCurrentWidget(window.admin.accounts)
    page = window.admin.accounts
    run(loop, wait_until(lambda: page.settings_box.current is not None and not page.tasks.tasks))
    return page


def cell(page: StaffAccountsPage, username: str, column: int) -> str:
    """The text of an account's cell."""
    for row, account in enumerate(page.model.accounts):
        if account.username == username:
            return str(page.model.index(row, column).data())
    raise AssertionError(f"{username} is not listed")


async def through_dialog(page: StaffAccountsPage, start: Any, fill: Any) -> bool:
    """Start a page action that opens a dialog, fill the dialog, press OK."""
    task = asyncio.ensure_future(start())
    await wait_until(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None
    fill(dialog)
    assert await dialog.submit(), dialog.refusal.text()
    return bool(await task)


def test_the_accounts_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    now = datetime.now(UTC)
    model = StaffAccountsModel()
    model.set_accounts(
        [
            StaffAccount(1, "anna", "Anna Berg", frozenset(Role), True, False, now, now, None),
            StaffAccount(
                2,
                "dana",
                "Dana Desk",
                frozenset({Role.DESK}),
                False,
                True,
                now,
                None,
                now + timedelta(minutes=10),
            ),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, StaffAccountsModel.LOCKED).data().startswith("until ")
    assert model.index(0, StaffAccountsModel.LAST_LOGIN).data() != "never"


def test_an_admin_adds_and_changes_accounts_and_the_security_settings(
    staffed_console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    log_in(qloop, staffed_console, "anna")
    page = accounts_page(staffed_console, qloop)
    run(qloop, wait_until(lambda: page.model.rowCount() == 3))
    assert page.add_button.isEnabled() and not page.admin_only.text()

    # The service's words stay in the dialog, with everything typed.
    refused = AddAccountDialog(staffed_console.client, page)
    refused.display_name.setText("Short")
    refused.username.setText("short")
    refused.password.setText("short")
    refused.again.setText("short")
    assert not run(qloop, refused.submit())
    assert refused.refusal.text().startswith("The password is too short")
    refused.again.setText("shorter")
    assert not run(qloop, refused.submit())
    assert "differ" in refused.refusal.text()

    def add(dialog: AddAccountDialog) -> None:
        dialog.display_name.setText("Otto Tech")
        dialog.username.setText("otto")
        dialog.password.setText(STAFF_PASSWORD)
        dialog.again.setText(STAFF_PASSWORD)
        dialog.roles.boxes[Role.DESK].setChecked(False)
        dialog.roles.boxes[Role.TECHNICIAN].setChecked(True)

    assert run(qloop, through_dialog(page, page.add_account, add))
    assert page.model.rowCount() == 4
    assert cell(page, "otto", StaffAccountsModel.ROLES) == "technician"
    assert page.selected_account().username == "otto"

    def more_roles(dialog: RolesDialog) -> None:
        dialog.roles.boxes[Role.DESK].setChecked(True)

    assert run(qloop, through_dialog(page, page.edit_roles, more_roles))
    assert cell(page, "otto", StaffAccountsModel.ROLES) == "desk, technician"

    def new_password(dialog: ResetPasswordDialog) -> None:
        dialog.password.setText("a fresh password")
        dialog.again.setText("a fresh password")

    assert run(qloop, through_dialog(page, page.reset_password, new_password))
    assert "new password due" in cell(page, "otto", StaffAccountsModel.ACTIVE)

    assert not page.unlock_button.isEnabled()  # nothing to unlock
    assert page.active_button.text() == "Disable"
    assert run(qloop, page.toggle_active())
    assert cell(page, "otto", StaffAccountsModel.ACTIVE) == "disabled"
    assert page.active_button.text() == "Enable"

    # Failed logins locked Dana out (written as the login would); an admin lifts it.
    until = datetime.now(UTC).replace(tzinfo=None) + timedelta(minutes=15)
    with sqlite3.connect(tmp_path / "console.db") as connection:
        connection.execute(
            "UPDATE staff SET locked_until = ? WHERE username = 'dana'",
            (until.strftime("%Y-%m-%d %H:%M:%S.%f"),),
        )
    run(qloop, page.reload())
    page.select_username("dana")
    assert cell(page, "dana", StaffAccountsModel.LOCKED).startswith("until ")
    assert page.unlock_button.isEnabled()
    assert run(qloop, page.unlock())
    assert cell(page, "dana", StaffAccountsModel.LOCKED) == ""
    assert not page.unlock_button.isEnabled()

    # The service's refusal shows in the page's message bar: the last admin stays.
    page.select_username("anna")
    assert not run(qloop, page.toggle_active())
    assert page.bar.kind == "failed" and "admin" in page.bar.text.text()

    # The security settings: saved, and the idle lock follows at once.
    box = page.settings_box
    run(qloop, wait_until(lambda: box.current is not None))
    assert box.plain_port.isChecked() and box.idle_minutes.value() == 10
    box.idle_minutes.setValue(15)
    box.plain_port.setChecked(False)
    assert run(qloop, box.save())
    assert "next start" in page.bar.text.text()
    assert staffed_console.window.desk.idle.interval_ms == 15 * 60_000
    stored = run(qloop, engine_call(staffed_console.client, lambda e: e.staff.settings()))
    assert stored.idle_lock_minutes == 15 and not stored.plain_port_enabled

    # Otto, enabled again, logs in with the password Anna gave him: he must choose his own.
    page.select_username("otto")
    assert run(qloop, page.toggle_active())
    desk = staffed_console.window.desk
    desk.switch_user()
    form = desk.cover.form
    assert isinstance(form, LoginForm)
    form.username.setText("otto")
    form.password.setText("a fresh password")

    async def log_in_and_choose_a_password() -> None:
        assert await form.submit() is not None
        await wait_until(
            lambda: desk.password_dialog is not None and desk.password_dialog.isVisible()
        )
        dialog = desk.password_dialog
        assert dialog is not None and "reset your password" in dialog.note.text()
        dialog.old.setText("a fresh password")
        dialog.password.setText("otto's very own")
        dialog.again.setText("otto's very own")
        assert await dialog.submit(), dialog.refusal.text()
        await wait_until(lambda: desk.password_dialog is None and not desk.tasks.tasks)

    run(qloop, log_in_and_choose_a_password())
    assert staffed_console.client.actor.name == "otto"
    account = run(qloop, engine_call(staffed_console.client, lambda e: e.staff.accounts()))
    assert not next(a for a in account if a.username == "otto").must_change_password


def test_a_viewer_sees_that_the_page_is_for_admins(
    staffed_console: Console, qloop: qasync.QEventLoop
) -> None:
    client = staffed_console.client
    log_in(qloop, staffed_console, "vera")
    page = accounts_page(staffed_console, qloop)
    run(qloop, wait_until(lambda: page.model.rowCount() == 3))  # the list is not secret
    assert page.admin_only.text() == "Only an admin can change staff accounts."
    page.select_username("dana")
    for button in (page.add_button, page.roles_button, page.active_button):
        assert not button.isEnabled()
        assert button.toolTip() == "Needs the admin role: ask an admin"
    assert not page.settings_box.save_button.isEnabled()
    assert not page.settings_box.idle_minutes.isEnabled()

    # The audit log is not shown to her at all.
    audit = staffed_console.window.admin.audit
    staffed_console.window.admin.setCurrentWidget(audit)
    assert audit.admin_only.text() == "The audit log is for admins."
    assert audit.model.rowCount() == 0
    assert not audit.export_button.isEnabled() and not audit.check_button.isEnabled()
    assert "admin" in audit.export_button.toolTip()
    run(qloop, audit.reload())  # the service refuses; the page says so
    assert audit.model.rowCount() == 0 and "needs the admin role" in audit.bar.text.text()

    async def back_to_the_accounts() -> None:
        # Shown on the running loop, and its reload awaited: a reload started by the
        # showing while no loop runs would run on and write to the bar below.
        staffed_console.window.admin.setCurrentWidget(page)
        await wait_until(lambda: not page.tasks.tasks)

    run(qloop, back_to_the_accounts())

    # The service refuses anyway; its refusal reaches the page's message bar.
    assert not run(qloop, page.toggle_active())
    assert "needs the admin role" in page.bar.text.text()

    # allow(): any view's control follows the person at the desk.
    start = QPushButton("Start a session")
    start.setToolTip("Start a session for a card")
    allow(client, start, Permission.SESSIONS)
    assert not start.isEnabled() and start.toolTip() == "Needs the desk role: ask an admin"
    page.select_username("vera")
    log_in_again = staffed_console.window.desk
    log_in_again.switch_user()
    log_in(qloop, staffed_console, "dana")
    assert start.isEnabled() and start.toolTip() == "Start a session for a card"
    assert not page.add_button.isEnabled()  # a desk clerk is no admin either
