"""Who is at the desk, wired into the main window: login at start, lock, switch user.

The window's tabs sit in a stack with the lock screen: locking shows the lock screen
instead of the tabs (the contents are hidden, not merely behind a dialog), and every
dialog open at that moment is closed. The status bar names the person ("Anna Berg
(desk)") beside Switch user and Lock; the Desk menu has both, Lock on Ctrl+L.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from console.core.staff import Actor
from console.ui.actions import open_dialog
from console.ui.engine_client import NOBODY, EngineClient
from console.ui.staff.account_dialogs import ChangePasswordDialog
from console.ui.staff.calls import engine_call
from console.ui.staff.lock import IdleWatcher, LockScreen
from console.ui.staff.login import LoginDialog, demo_note
from console.ui.staff.roles import roles_words
from console.ui.tasks import TaskKeeper
from console.ui.translations import language_menu

log = logging.getLogger(__name__)
LOCK_KEY = QKeySequence("Ctrl+L")
START_RETRY_MS = 50  # the first login waits for the console's loop to run


def close_dialogs(window: QWidget, keep: QWidget | None = None) -> int:
    """Close every open dialog and menu of the console (none may show data when locked)."""
    closed = 0
    for widget in QApplication.topLevelWidgets():
        if widget is keep or not widget.isVisible():
            continue
        if isinstance(widget, QDialog) and _belongs(widget, window):
            widget.reject()
            if widget.isVisible():  # a dialog that refuses Esc (a login) is hidden
                widget.hide()
            closed += 1
        elif isinstance(widget, QMenu):
            widget.close()
            closed += 1
    return closed


def _belongs(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return widget.parentWidget() is None  # a dialog opened without a parent is the console's


class StaffDesk(QObject):
    """Login, lock and switch user for one main window (its ``tabs`` are covered)."""

    def __init__(self, window: QMainWindow, client: EngineClient, demo: bool = False) -> None:
        super().__init__(window)
        self.window = window
        self.client = client
        self.demo = demo
        self.username = ""  # the one the person logged in with: the lock asks only their password
        self.display_names: dict[int, str] = {}  # staff id -> "Anna Berg" for the status bar
        self.tasks = TaskKeeper(window)
        self.login_dialog: LoginDialog | None = None
        self.demo_note = ""  # the demo's accounts and passwords, shown on every login form
        self.password_dialog: ChangePasswordDialog | None = None
        tabs = window.takeCentralWidget()
        assert tabs is not None, "the main window puts its tabs in first"
        self.tabs: QWidget = tabs
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.cover = LockScreen(client)
        self.cover.loggedIn.connect(self._on_logged_in)
        self.stack.addWidget(self.cover)
        window.setCentralWidget(self.stack)
        self._build_status_bar()
        self._build_menu()
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        client.actor_changed.changed.connect(self._on_actor_changed)
        self._on_actor_changed(client.actor)
        self._start_retry = QTimer(self)
        self._start_retry.setSingleShot(True)
        self._start_retry.setInterval(START_RETRY_MS)
        self._start_retry.timeout.connect(self._on_start_due)
        if client.actor == NOBODY:
            if not demo:
                self.stack.setCurrentWidget(self.cover)  # nothing shows before a login
                self.cover.heading.setText(self.tr("ChargeDesk — starting…"))
            self._start_retry.start()
        else:
            self._start_retry.timeout.disconnect(self._on_start_due)
            self._start_retry.timeout.connect(self._on_settings_due)
            self._start_retry.start()

    # ------------------------------------------------------------------ building

    def _build_status_bar(self) -> None:
        self.who_label = QLabel()
        self.switch_button = QToolButton()
        self.switch_button.setText(self.tr("Switch user"))
        self.switch_button.setAutoRaise(True)
        self.switch_button.clicked.connect(self.switch_user)
        self.lock_button = QToolButton()
        self.lock_button.setText(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock the console (Ctrl+L)"))
        self.lock_button.setAutoRaise(True)
        self.lock_button.clicked.connect(self.lock)
        bar = self.window.statusBar()
        bar.addPermanentWidget(self.who_label)
        bar.addPermanentWidget(self.switch_button)
        bar.addPermanentWidget(self.lock_button)

    def _build_menu(self) -> None:
        menu = self.window.menuBar().addMenu(self.tr("&Desk"))
        self.lock_action = QAction(self.tr("&Lock"), self.window)
        self.lock_action.setShortcut(LOCK_KEY)
        self.lock_action.triggered.connect(self.lock)
        self.switch_action = QAction(self.tr("&Switch user…"), self.window)
        self.switch_action.triggered.connect(self.switch_user)
        self.password_action = QAction(self.tr("&Change my password…"), self.window)
        self.password_action.triggered.connect(self._on_change_password)
        for action in (self.lock_action, self.switch_action, self.password_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addMenu(language_menu(self.window))  # this desk's language, at the next start
        self.window.addAction(self.lock_action)  # Ctrl+L works with the menu closed

    # ------------------------------------------------------------------ state

    @property
    def locked(self) -> bool:
        """True while the lock screen covers the window."""
        return self.stack.currentWidget() is self.cover

    def _on_actor_changed(self, actor: Actor) -> None:
        someone = actor != NOBODY
        name = self.display_names.get(actor.staff_id or 0, actor.name)
        text = f"{name} ({roles_words(actor.roles)})" if someone else self.tr("Nobody logged in")
        self.who_label.setText(text)
        self.who_label.setToolTip(self.tr("Logged in as %1").replace("%1", actor.name))
        self._update_actions()

    def _update_actions(self) -> None:
        someone = self.client.actor != NOBODY
        self.lock_action.setEnabled(someone and not self.locked)
        self.lock_button.setEnabled(someone and not self.locked)
        self.switch_action.setEnabled(someone)
        self.switch_button.setEnabled(someone)
        self.password_action.setEnabled(
            someone and not self.locked and self.client.actor.staff_id is not None
        )

    # ------------------------------------------------------------------ start

    def _on_start_due(self) -> None:
        if not self.tasks.launch(self.begin):
            self._start_retry.start()

    def _on_settings_due(self) -> None:
        if not self.tasks.launch(self.load_settings):
            self._start_retry.start()

    async def begin(self) -> None:
        """The first login: the first admin's creation, the demo's dialog, or the cover."""
        note = ""
        if self.demo:
            try:
                accounts = await engine_call(self.client, lambda e: e.staff.ensure_demo_accounts())
                note = demo_note(accounts or [])
            except Exception:
                log.exception("the demo's staff accounts could not be made")
        self.demo_note = self.cover.login_note = note
        try:
            first = await engine_call(self.client, lambda e: e.staff.needs_first_admin())
        except Exception:
            # Never leave the window covered without a way in: the login says what fails.
            log.exception("could not tell whether staff accounts exist")
            first = False
        self.cover.heading.setText(self.tr("ChargeDesk"))
        if first:
            self.cover.show_first_admin()
            self.stack.setCurrentWidget(self.cover)
        elif self.demo:
            self.login_dialog = LoginDialog(self.client, note, self.window)
            self.login_dialog.accepted.connect(self._on_dialog_login)
            self.login_dialog.open()
            self.login_dialog.form.start()
        else:
            self.cover.show_login()
            self.stack.setCurrentWidget(self.cover)
        self._update_actions()

    def _on_dialog_login(self) -> None:
        dialog = self.login_dialog
        if dialog is not None and dialog.actor is not None:
            self._on_logged_in(dialog.actor, dialog.username)

    async def load_settings(self) -> None:
        """Take the site's idle time (read at each login: an admin may have changed it)."""
        try:
            settings = await engine_call(self.client, lambda e: e.staff.settings())
        except Exception:
            log.exception("the security settings could not be read; the idle lock stays as it was")
            return
        self.apply_settings(settings)

    def apply_settings(self, settings: Any) -> None:
        """Follow saved security settings (the idle time)."""
        self.idle.set_minutes(int(getattr(settings, "idle_lock_minutes", 0) or 0))

    # ------------------------------------------------------------------ login and lock

    def _on_logged_in(self, actor: Actor, username: str) -> None:
        self.tasks.launch(lambda: self.finish_login(actor, username))

    async def finish_login(self, actor: Actor, username: str) -> None:
        """Put ``actor`` at the desk and uncover the window; ask for a new password when
        an admin has reset theirs; follow the site's idle time."""
        account = None
        if actor.staff_id is not None:
            staff_id = actor.staff_id
            try:
                account = await engine_call(self.client, lambda e: e.staff.account(staff_id))
            except Exception:
                log.exception("could not read the account of %s", actor.name)
        if account is not None:
            self.display_names[staff_id] = account.display_name
        await self.load_settings()
        # No await after the window changes: showing the tabs may run Qt events that
        # leave this task without its running loop under qasync.
        previous = self.client.actor
        if previous != NOBODY and previous.staff_id != actor.staff_id:
            close_dialogs(self.window)  # someone else: nothing of the last person stays
        self.username = username
        self.client.actor = actor
        self._on_actor_changed(actor)  # the name may be new although the actor is not
        self.stack.setCurrentWidget(self.tabs)
        self._update_actions()
        self.idle.restart()
        if account is not None and account.must_change_password:
            QTimer.singleShot(0, lambda: self.tasks.launch(lambda: self.change_password(True)))

    def lock(self) -> None:
        """Cover the window and close every dialog; the same person unlocks with a password."""
        if self.client.actor == NOBODY or self.locked:
            return
        self.idle.pause()
        close_dialogs(self.window)
        actor = self.client.actor
        # A staff actor is named by its username; another (tests, scripts) has none known.
        username = self.username or (actor.name if actor.staff_id is not None else "")
        name = self.display_names.get(actor.staff_id or 0, actor.name)
        self.cover.show_locked(actor, username, name)
        self.stack.setCurrentWidget(self.cover)
        self._update_actions()

    def switch_user(self) -> None:
        """Lock, and let someone else log in (Back returns to the locked person)."""
        self.lock()
        if self.locked:
            self.cover.show_login(switching=True)

    def _on_change_password(self) -> None:
        self.tasks.launch(self.change_password)

    async def change_password(self, forced: bool = False) -> bool:
        """Let the person at the desk change their own password."""
        self.password_dialog = ChangePasswordDialog(self.client, forced, self.window)
        code = await open_dialog(self.password_dialog)
        self.password_dialog = None
        return code == QDialog.DialogCode.Accepted
