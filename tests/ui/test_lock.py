"""The lock: idle time covers the window, the same person unlocks, switch user, Ctrl+L."""

from __future__ import annotations

import time

import pytest
import qasync
from conftest import log_in, run, wait_until
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from console.core.staff import Actor, Role
from console.services.staff_passwords import use_test_cost
from console.ui.console_app import Console
from console.ui.staff.forms import LoginForm


@pytest.fixture(autouse=True)
def cheap_hashes() -> None:
    """argon2 at the tests' cost."""
    use_test_cost()


def test_idle_time_counts_from_the_last_event_then_covers_the_window_and_closes_dialogs(
    staffed_console: Console, qloop: qasync.QEventLoop
) -> None:
    console = staffed_console
    window, desk = console.window, console.window.desk
    log_in(qloop, console, "dana")
    assert desk.idle.interval_ms == 10 * 60_000  # the site's setting (default 10 minutes)
    # Any key or mouse event anywhere counts the idle time afresh.
    watcher = desk.idle
    watcher.set_interval_ms(4000)
    watcher.last_activity -= 2.0  # as if the last key was two seconds ago
    QTest.keyClick(console.window.tabs, Qt.Key.Key_Shift)
    assert time.monotonic() - watcher.last_activity < 1.0  # counted afresh from the key
    assert not watcher.armed  # seen: the watch is off until the next check
    run(qloop, wait_until(lambda: watcher.armed, timeout=3))
    watcher.last_activity -= 2.0
    QTest.mouseClick(console.window.tabs.tabBar(), Qt.MouseButton.LeftButton)
    assert time.monotonic() - watcher.last_activity < 1.0
    assert not desk.locked

    secret = QDialog(window)
    QVBoxLayout(secret).addWidget(QLabel("a card holder's phone number"))
    secret.open()
    assert secret.isVisible()

    desk.idle.set_interval_ms(150)
    run(qloop, wait_until(lambda: desk.locked, timeout=5))
    # Covered: the tabs are not drawn at all, the dialog is gone.
    assert not window.tabs.isVisible() and desk.cover.isVisible()
    assert not secret.isVisible()
    assert not desk.lock_action.isEnabled()
    form = desk.cover.form
    assert isinstance(form, LoginForm)
    assert form.username.text() == "dana" and form.username.isReadOnly()
    assert "Dana Desk" in form.title.text()

    log_in(qloop, console, "dana")  # her password on the lock screen
    assert window.tabs.isVisible() and console.client.actor.name == "dana"


def test_switch_user_puts_another_person_at_the_desk(
    staffed_console: Console, qloop: qasync.QEventLoop
) -> None:
    console = staffed_console
    window, desk = console.window, console.window.desk
    log_in(qloop, console, "anna")
    assert desk.who_label.text() == "Anna Berg (desk, technician, admin)"
    seen: list[Actor] = []
    console.client.actor_changed.changed.connect(seen.append)

    desk.switch_action.trigger()
    assert desk.locked and not window.tabs.isVisible()
    form = desk.cover.form
    assert isinstance(form, LoginForm) and not form.username.isReadOnly()
    assert desk.cover.back_button.isVisible()  # back to Anna's own unlock
    log_in(qloop, console, "vera")
    assert [actor.name for actor in seen] == ["vera"]
    assert console.client.actor.roles == frozenset({Role.VIEWER})
    assert desk.who_label.text() == "Vera Viewer (viewer)"

    # Ctrl+L (the Desk menu's Lock) locks for Vera, who unlocks with her own password.
    desk.lock_action.trigger()
    assert desk.locked
    log_in(qloop, console, "vera")
    assert console.client.actor.name == "vera"
