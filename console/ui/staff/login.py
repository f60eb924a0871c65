"""The login dialog of the demo: the live demo site shows behind it, its accounts on it.

A real site's start covers the window instead (the lock screen's login form), so nothing
is visible before a login; the demo's data is made up, and a visitor trying ChargeDesk
should see the site move while choosing an account.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from console.core.staff import Actor
from console.ui.engine_client import EngineClient
from console.ui.staff.forms import LoginForm


def demo_note(accounts: Iterable[tuple[str, str, Any]]) -> str:
    """ "Demo site: log in as admin/admin-demo, desk/desk-demo, …" from ensure_demo_accounts."""
    pairs = [f"{username}/{password}" for username, password, *_rest in accounts]
    if not pairs:
        return ""
    return QCoreApplication.translate("Login", "Demo site: log in as %1").replace(
        "%1", ", ".join(pairs)
    )


class LoginDialog(QDialog):
    """A login form in a dialog; accepted once someone logged in (``actor``).

    Esc does not close it: the window behind stays unusable until a login, and closing
    the console is the window's own close button (or Quit here).
    """

    def __init__(self, client: EngineClient, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ChargeDesk — log in"))
        self.form = LoginForm(client)
        self.form.show_note(note)
        self.form.done.connect(self._on_done)
        self.quit_button = QPushButton(self.tr("Quit ChargeDesk"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self._on_quit)
        self.actor: Actor | None = None
        self.username = ""
        row = QHBoxLayout()
        row.addWidget(self.quit_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(row)
        self.setMinimumWidth(440)

    def _on_done(self, actor: Actor, username: str) -> None:
        self.actor = actor
        self.username = username
        self.accept()

    def _on_quit(self) -> None:
        parent = self.parentWidget()
        super().reject()
        if parent is not None:
            parent.close()

    def reject(self) -> None:  # Qt override
        """Esc is ignored while the window waits for a login; a closed window lets go."""
        parent = self.parentWidget()
        if parent is None or not parent.isVisible():
            super().reject()
