"""The lock screen that covers the window, and the idle timer that brings it.

A shared desk PC is the normal case: after the site's idle time (any key or mouse event
anywhere in the application restarts it) the window's contents are replaced by this
screen, so nothing the last person saw stays visible. It asks that person's password, or
lets someone else log in ("Switch user").
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.core.staff import Actor
from console.ui.engine_client import EngineClient
from console.ui.staff.forms import FirstAdminForm, LoginForm

CHECK_MAX_MS = 15_000  # the longest time between two idle checks

#: Events that show a person is at the desk.
_PRESENCE = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` when no key or mouse event reached the application for a while.

    It watches the whole application (every widget and dialog), but only until it sees
    the first sign of a person: an application-wide event filter costs a Python call for
    every event (thousands a second while windows are built or plots redraw), so it takes
    itself off, notes the time, and a check every quarter of the idle time (at most every
    15 s) puts it back. ``idle`` comes when nothing was seen for the whole idle time: the
    lock comes between the idle time and a quarter more after the last key or click.
    """

    idle = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.check = QTimer(self)
        self.check.timeout.connect(self._on_check)
        self.interval_ms = 0
        self.last_activity = time.monotonic()
        self.armed = False

    def set_minutes(self, minutes: int) -> None:
        """Lock after this many idle minutes; 0 never locks."""
        self.set_interval_ms(max(0, int(minutes)) * 60_000)

    def set_interval_ms(self, milliseconds: int) -> None:
        """Lock after this many idle milliseconds (tests use a short time); 0 never."""
        self.interval_ms = max(0, milliseconds)
        self.restart()

    def restart(self) -> None:
        """Count the idle time from now."""
        self.last_activity = time.monotonic()
        if self.interval_ms <= 0:
            self.pause()
            return
        self.check.start(max(50, min(self.interval_ms // 4, CHECK_MAX_MS)))
        self._arm()

    def pause(self) -> None:
        """Stop counting (the screen is locked already, or locking is off)."""
        self.check.stop()
        self._disarm()

    def _arm(self) -> None:
        app = QCoreApplication.instance()
        if not self.armed and app is not None:
            app.installEventFilter(self)
            self.armed = True

    def _disarm(self) -> None:
        app = QCoreApplication.instance()
        if self.armed and app is not None:
            app.removeEventFilter(self)  # Qt allows this from inside eventFilter too
        self.armed = False

    def _on_check(self) -> None:
        if (time.monotonic() - self.last_activity) * 1000 >= self.interval_ms:
            self.pause()
            self.idle.emit()
        else:
            self._arm()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """A key or mouse event counts the idle time afresh; the event goes on unchanged."""
        if event.type() in _PRESENCE:
            self.last_activity = time.monotonic()
            self._disarm()
        return False


class LockScreen(QWidget):
    """What covers the window while nobody (or a locked person) is at the desk.

    It shows one form in a framed panel in the middle: the locked person's password,
    a login for anyone (switch user, the first login) or the first admin's creation.
    ``loggedIn`` carries the Actor who may now use the window.
    """

    loggedIn = Signal(object, str)  # the Actor and the username they logged in with

    def __init__(self, client: EngineClient) -> None:
        super().__init__()
        self.client = client
        self.setObjectName("LockScreen")
        self.setAutoFillBackground(True)
        self.panel = QFrame()
        self.panel.setObjectName("LockPanel")
        self.panel.setStyleSheet(
            "QFrame#LockPanel { border:1px solid #B8C7D6; border-radius:8px; background:#F7F9FB; }"
        )
        self.panel.setFixedWidth(460)
        self.heading = QLabel(self.tr("ChargeDesk"))
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setStyleSheet("font-size:20pt; color:#1F2D3A;")
        self.form: LoginForm | FirstAdminForm | None = None
        self.locked_actor: Actor | None = None
        self.switch_button = QPushButton(self.tr("Switch user"))
        self.switch_button.clicked.connect(lambda: self.show_login(switching=True))
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setToolTip(self.tr("Unlock as the person who was at the desk"))
        self.back_button.clicked.connect(self._on_back)
        self._panel_layout = QVBoxLayout(self.panel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.switch_button)
        self._buttons = buttons
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.panel)
        middle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addSpacing(16)
        layout.addLayout(middle)
        layout.addStretch(2)
        self._username = ""
        self._name = ""
        self.login_note = ""  # shown on every login form (the demo's accounts)

    def _put(self, form: LoginForm | FirstAdminForm) -> None:
        if self.form is not None:
            self._panel_layout.removeWidget(self.form)
            self.form.hide()
            self.form.deleteLater()
        self.form = form
        form.done.connect(self.loggedIn)
        self._panel_layout.insertWidget(0, form)
        if self._panel_layout.count() == 1:
            self._panel_layout.addLayout(self._buttons)
        form.start()

    def show_locked(self, actor: Actor, username: str, name: str = "") -> None:
        """Ask the locked person's password (their username is known); or switch user."""
        self.locked_actor = actor
        self._username = username
        self._name = name or actor.name
        if not username:
            self.show_login(switching=True)
            return
        form = LoginForm(self.client, self.tr("Locked: %1").replace("%1", self._name))
        form.fixed_user(username)
        self._put(form)
        self.switch_button.setVisible(True)
        self.back_button.setVisible(False)

    def show_login(self, switching: bool = False, note: str = "") -> None:
        """Anyone may log in; ``switching`` offers to go back to the locked person."""
        title = self.tr("Switch user") if switching else ""
        form = LoginForm(self.client, title)
        form.show_note(note or self.login_note)
        self._put(form)
        self.switch_button.setVisible(False)
        self.back_button.setVisible(
            switching and self.locked_actor is not None and bool(self._username)
        )

    def show_first_admin(self) -> None:
        """No account exists yet: the first admin account is made here."""
        self.locked_actor = None
        self._put(FirstAdminForm(self.client))
        self.switch_button.setVisible(False)
        self.back_button.setVisible(False)

    def _on_back(self) -> None:
        if self.locked_actor is not None:
            self.show_locked(self.locked_actor, self._username, self._name)
