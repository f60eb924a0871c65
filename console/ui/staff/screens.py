"""Screenshots of the demo's login, the lock screen, staff accounts and the audit log
(see console/screenshots.py). They come first: the login puts the demo's admin at the
desk for every screenshot after them."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtGui import QPainter

from console.core.staff import Origin, Role
from console.ui.staff.calls import engine_call
from console.ui.staff.desk import StaffDesk
from console.ui.staff.forms import LoginForm

WAIT_SECONDS = 30.0


async def _until(condition: Any, timeout: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get ready for its screenshot")
        await asyncio.sleep(0.05)


def _grab_with_dialog(window: Any, dialog: Any, path: Path) -> Path:
    """The window with its modal dialog drawn in the middle, as a person sees it."""
    picture = window.grab()
    painter = QPainter(picture)
    shot = dialog.grab()
    x = (picture.width() - shot.width()) // 2
    y = (picture.height() - shot.height()) // 3
    painter.drawPixmap(x, y, shot)
    painter.end()
    picture.save(str(path))
    return path


def _log_in(loop: qasync.QEventLoop, desk: StaffDesk, form: LoginForm, username: str) -> None:
    form.username.setText(username)
    note = form.note.text()
    password = note.split(f"{username}/")[1].split(",")[0].strip()
    form.password.setText(password)
    loop.run_until_complete(form.submit())
    loop.run_until_complete(_until(lambda: not desk.locked and not desk.tasks.tasks))


async def _some_changes(client: Any) -> None:
    """What an admin's first minutes leave in the log: a new account, a role, a typo."""
    admin = client.actor
    roles = frozenset({Role.DESK})
    account = await engine_call(
        client,
        lambda e: e.staff.add_account(
            "lena", "Lena Fischer", "cardiology-desk-3", roles, actor=admin
        ),
    )
    more = frozenset({Role.DESK, Role.TECHNICIAN})
    await engine_call(client, lambda e: e.staff.set_roles(account.id, more, actor=admin))
    with contextlib.suppress(Exception):  # refused, as meant: the log shows the attempt
        await engine_call(
            client,
            lambda e: e.staff.login("lena", "cardiology", origin=Origin.CONSOLE, place="DESK-2"),
        )


def staff_screens(loop: qasync.QEventLoop, window: Any, target: Path) -> list[Path]:
    """login-demo.png, lock-screen.png, staff-accounts.png and audit-log.png."""
    desk: StaffDesk = window.desk
    saved: list[Path] = []
    loop.run_until_complete(_until(lambda: desk.login_dialog is not None))
    dialog = desk.login_dialog
    assert dialog is not None
    loop.run_until_complete(asyncio.sleep(0.3))
    saved.append(_grab_with_dialog(window, dialog, target / "login-demo.png"))
    note = dialog.form.note.text()
    _log_in(loop, desk, dialog.form, "admin")

    loop.run_until_complete(_some_changes(window.client))
    window.tabs.setCurrentWidget(window.admin)
    window.admin.setCurrentWidget(window.admin.accounts)
    page = window.admin.accounts
    loop.run_until_complete(page.reload())
    page.select_username("desk")
    loop.run_until_complete(asyncio.sleep(0.3))
    path = target / "staff-accounts.png"
    window.grab().save(str(path))
    saved.append(path)

    audit = window.admin.audit
    window.admin.setCurrentWidget(audit)
    loop.run_until_complete(audit.reload())
    loop.run_until_complete(audit.check())
    loop.run_until_complete(asyncio.sleep(0.3))
    path = target / "audit-log.png"
    window.grab().save(str(path))
    saved.append(path)

    desk.lock()
    loop.run_until_complete(asyncio.sleep(0.3))
    path = target / "lock-screen.png"
    window.grab().save(str(path))
    saved.append(path)
    form = desk.cover.form
    assert isinstance(form, LoginForm)
    form.show_note(note)  # the lock asks the admin's password, known from the demo's note
    _log_in(loop, desk, form, "admin")
    window.tabs.setCurrentIndex(0)
    return saved
