"""The forms a person types into to be at the desk: log in, create the first admin.

Used inside the start dialog and on the lock screen. A login can take seconds on
purpose (the service slows down failed logins): the button then shows "wait…" and stays
disabled, so the slow-down is visible and not mistaken for a hang.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.staff import Actor, Origin
from console.core.staff_accounts import MIN_PASSWORD_LENGTH
from console.ui.engine_client import EngineClient
from console.ui.message_bar import hold_place
from console.ui.staff.calls import desk_place, engine_call
from console.ui.tasks import TaskKeeper

REFUSAL_STYLE = "color:#B23A00; font-weight:bold;"


def failure_words(error: BaseException, tr_timeout: str) -> str:
    """What to show for a failed call: the service's own words, or the timeout's."""
    if isinstance(error, TimeoutError):
        return tr_timeout
    text = str(error) or type(error).__name__
    return text[:1].upper() + text[1:]  # the services' words start in lower case


class _Form(QWidget):
    """A title, fields, a refusal line of fixed height and one button."""

    done = Signal(object, str)  # the Actor now at the desk, and the username typed

    def __init__(self, client: EngineClient, title: str, button: str) -> None:
        super().__init__()
        self.client = client
        self.tasks = TaskKeeper(self)
        self.title = QLabel(title)
        self.title.setStyleSheet("font-size:16pt; font-weight:bold;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.hide()
        self.fields = QFormLayout()
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(REFUSAL_STYLE)
        hold_place(self.refusal, lines=2)
        self.button_text = button
        self.button = QPushButton(button)
        self.button.setDefault(True)
        self.button.setAutoDefault(True)
        self.button.clicked.connect(self._on_submit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(self.fields)
        layout.addWidget(self.refusal)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.actor: Actor | None = None
        self.username = QLineEdit()

    def _password_field(self) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.returnPressed.connect(self._on_submit)
        return field

    def say(self, text: str) -> None:
        """Show a refusal (or clear it with "")."""
        self.refusal.setText(text)

    def busy(self, waiting: bool) -> None:
        """While the service decides, the button is disabled and says "wait…"."""
        self.button.setEnabled(not waiting)
        self.button.setText(self.tr("wait…") if waiting else self.button_text)

    def _on_submit(self) -> None:
        if self.button.isEnabled():
            self.tasks.launch(self.submit)

    async def submit(self) -> Actor | None:
        """Ask the service; on success emit ``done`` with the actor."""
        raise NotImplementedError

    async def _attempt(self, work: object) -> Actor | None:
        self.busy(True)
        self.say("")
        try:
            actor = await engine_call(self.client, work)  # type: ignore[arg-type]
        except Exception as error:  # the service's refusal, in its own words
            self.say(failure_words(error, self.tr("ChargeDesk did not answer in time: try again.")))
            return None
        finally:
            self.busy(False)
        self.actor = actor
        self.done.emit(actor, self.username.text().strip())
        return actor  # type: ignore[no-any-return]


class LoginForm(_Form):
    """Username and password; ``fixed_user`` locks the username (unlocking the screen)."""

    def __init__(self, client: EngineClient, title: str = "") -> None:
        super().__init__(client, title or self.tr("Who is at the desk?"), self.tr("Log in"))
        self.password = self._password_field()
        self.username.returnPressed.connect(self.password.setFocus)
        self.fields.addRow(self.tr("Username"), self.username)
        self.fields.addRow(self.tr("Password"), self.password)

    def fixed_user(self, username: str) -> None:
        """Ask only for this person's password (the lock screen)."""
        self.username.setText(username)
        self.username.setReadOnly(True)
        self.password.setFocus()

    def show_note(self, text: str) -> None:
        """A line above the fields (the demo's accounts and passwords)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def start(self) -> None:
        """Put the cursor where typing starts."""
        (self.password if self.username.isReadOnly() else self.username).setFocus()

    async def submit(self) -> Actor | None:
        """Log in with the fields' username and password."""
        username = self.username.text().strip()
        password = self.password.text()
        if not username or not password:
            self.say(self.tr("Type your username and your password."))
            return None
        place = desk_place()
        actor = await self._attempt(
            lambda engine: engine.staff.login(
                username, password, origin=Origin.CONSOLE, place=place
            )
        )
        self.password.clear()
        if actor is None:
            self.password.setFocus()
        return actor


class FirstAdminForm(_Form):
    """The first start: create the admin account (every role)."""

    def __init__(self, client: EngineClient) -> None:
        super().__init__(client, self.tr("Create the admin account"), self.tr("Create and log in"))
        self.show_intro()
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("e.g. Anna Berg"))
        self.password = self._password_field()
        self.password.setPlaceholderText(
            self.tr("at least %1 characters").replace("%1", str(MIN_PASSWORD_LENGTH))
        )
        self.again = self._password_field()
        self.fields.addRow(self.tr("Your name"), self.display_name)
        self.fields.addRow(self.tr("Username"), self.username)
        self.fields.addRow(self.tr("Password"), self.password)
        self.fields.addRow(self.tr("Password again"), self.again)

    def show_intro(self) -> None:
        """Say why this form comes instead of a login."""
        self.note.setText(
            self.tr(
                "ChargeDesk has no staff accounts yet. The account you create now is the "
                "site's admin: it can do everything and add the other staff."
            )
        )
        self.note.show()

    def start(self) -> None:
        """Put the cursor where typing starts."""
        self.display_name.setFocus()

    async def submit(self) -> Actor | None:
        """Create the first admin from the fields, then be logged in as them."""
        name = self.display_name.text().strip()
        username = self.username.text().strip()
        password = self.password.text()
        if not name or not username or not password:
            self.say(self.tr("Fill in your name, a username and the password twice."))
            return None
        if password != self.again.text():
            self.again.clear()
            self.say(self.tr("The two passwords differ: type the password again."))
            self.again.setFocus()
            return None
        place = desk_place()
        return await self._attempt(
            lambda engine: engine.staff.create_first_admin(username, name, password, place=place)
        )
