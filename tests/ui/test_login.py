"""Who is at the desk at start: the login screen, the first admin, the demo's dialog."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import qasync
from conftest import STAFF_PASSWORD, run, running_console, wait_until
from PySide6.QtWidgets import QApplication

from console.core.enums import AdmissionMode
from console.core.staff import Role
from console.services.engine import EngineConfig
from console.services.staff_passwords import use_test_cost
from console.ui.console_app import Console
from console.ui.engine_client import NOBODY
from console.ui.staff.calls import engine_call
from console.ui.staff.forms import FirstAdminForm, LoginForm
from console.ui.staff.login import LoginDialog


@pytest.fixture(autouse=True)
def cheap_hashes() -> None:
    """argon2 at the tests' cost: a login takes milliseconds, not a tenth of a second."""
    use_test_cost()


def login_form(console: Console) -> LoginForm:
    """The login form the lock screen shows, once the start has decided on it."""
    desk = console.window.desk
    form = desk.cover.form
    assert isinstance(form, LoginForm)
    return form


def test_the_window_is_covered_until_a_good_login(
    staffed_console: Console, qloop: qasync.QEventLoop
) -> None:
    staffed = staffed_console
    window = staffed.window
    desk = window.desk
    assert desk.locked and not window.tabs.isVisible()  # nothing shows before a login
    run(qloop, wait_until(lambda: isinstance(desk.cover.form, LoginForm)))
    form = login_form(staffed)

    form.username.setText("dana")
    form.password.setText("not the password")

    async def refused() -> None:
        task = asyncio.ensure_future(form.submit())
        # The slow-down is visible: the button is disabled and says so.
        await wait_until(lambda: not form.button.isEnabled())
        assert form.button.text() == "wait…"
        assert await task is None

    run(qloop, refused())
    assert "wrong" in form.refusal.text()
    assert staffed.client.actor == NOBODY and desk.locked
    assert form.button.isEnabled() and form.button.text() == "Log in"

    form.password.setText(STAFF_PASSWORD)
    actor = run(qloop, form.submit())
    assert actor is not None and actor.name == "dana"  # the audit log names the username
    run(qloop, wait_until(lambda: not desk.locked))
    assert staffed.client.actor == actor and actor.roles == frozenset({Role.DESK})
    assert window.tabs.isVisible()
    assert desk.who_label.text() == "Dana Desk (desk)"
    assert desk.username == "dana"


def test_first_start_creates_the_admin_account(qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    with running_console(tmp_path, AdmissionMode.OPEN, actor=None) as console:
        console.window.show()
        desk = console.window.desk
        run(qloop, wait_until(lambda: isinstance(desk.cover.form, FirstAdminForm)))
        form = desk.cover.form
        assert isinstance(form, FirstAdminForm)
        assert "Create the admin account" in form.title.text()
        form.display_name.setText("Anna Berg")
        form.username.setText("anna")
        form.password.setText(STAFF_PASSWORD)
        form.again.setText("something else entirely")
        assert run(qloop, form.submit()) is None
        assert "differ" in form.refusal.text() and desk.locked

        form.again.setText(STAFF_PASSWORD)
        actor = run(qloop, form.submit())
        assert actor is not None and actor.roles == frozenset(Role)
        run(qloop, wait_until(lambda: not desk.locked))
        assert console.client.actor == actor
        assert desk.who_label.text().startswith("Anna Berg (")
        first = run(qloop, engine_call(console.client, lambda e: e.staff.needs_first_admin()))
        assert first is False


def test_the_demo_lists_its_accounts_on_the_login_dialog(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    config = EngineConfig(
        database_url=f"sqlite:///{tmp_path / 'demo.db'}", host="127.0.0.1", port=0
    )
    demo = Console(config, demo=True)  # as the demo starts: the site shows behind the login
    try:
        demo.window.show()
        desk = demo.window.desk
        run(qloop, wait_until(lambda: desk.login_dialog is not None))
        dialog = desk.login_dialog
        assert isinstance(dialog, LoginDialog) and dialog.isVisible()
        note = dialog.form.note.text()
        assert note.startswith("Demo site: log in as admin/")
        assert "desk/" in note and "tech/" in note and "viewer/" in note
        assert demo.window.tabs.isVisible()  # the demo's site shows behind the dialog
        dialog.reject()  # Esc does not get past the login
        assert dialog.isVisible()

        password = note.split("desk/")[1].split(",")[0]
        dialog.form.username.setText("desk")
        dialog.form.password.setText(password)
        actor = run(qloop, dialog.form.submit())
        assert actor is not None and actor.roles == frozenset({Role.DESK})
        run(qloop, wait_until(lambda: not dialog.isVisible()))
        run(qloop, wait_until(lambda: desk.who_label.text() == "Desk (desk)"))
    finally:
        demo.window.close()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, LoginDialog):
                widget.close()
        demo.stop()
