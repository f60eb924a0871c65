"""The Backups page of the Admin tab: save the daily backup's settings, back up now and
see the outcome in words, a failure included."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path

import qasync
from conftest import run, wait_until
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QPushButton

from console.core.staff import Actor, Origin, Role
from console.ui.console_app import Console
from console.ui.staff.backups_page import BackupsPage
from console.ui.staff.calls import engine_call


def backups_page(console: Console, loop: qasync.QEventLoop) -> BackupsPage:
    """The Admin tab's Backups page, shown and read."""
    window = console.window
    window.tabs.setCurrentWidget(window.admin)
    window.admin.setCurrentWidget(window.admin.backups)
    page = window.admin.backups
    run(loop, wait_until(lambda: page.current is not None and not page.tasks.tasks))
    return page


async def click(button: QPushButton, outcome: Callable[[], bool]) -> None:
    """Click ``button`` as a person would (its task starts on the running loop) and wait
    for ``outcome``."""
    button.click()
    await wait_until(outcome)


def test_save_back_up_now_and_a_failure(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    console.window.show()
    page = backups_page(console, qloop)
    assert page.last.text() == "No backup has been made yet."
    assert page.keep.value() == 14 and page.time.time() == QTime(2, 30)

    folder = tmp_path / "site-backups"
    folder.mkdir()
    page.folder.setText(str(folder))
    page.time.setTime(QTime(3, 15))
    page.keep.setValue(7)
    run(qloop, click(page.save_button, lambda: page.bar.text.text() == "Backup settings saved."))
    stored = run(qloop, engine_call(console.client, lambda e: e.backups.settings()))
    assert (stored.folder, stored.time_of_day, stored.keep) == (str(folder), time(3, 15), 7)

    run(qloop, click(page.now_button, lambda: "Backed up to" in page.bar.text.text()))
    copies = list(folder.glob("chargedesk-*.db"))
    assert len(copies) == 1 and str(copies[0]) in page.bar.text.text()
    assert str(copies[0]) in page.last.text() and "by hand" in page.last.text()
    assert page.now_button.isEnabled()

    # The folder is gone: the outcome says why, in words, and the last backup says FAILED.
    copies[0].unlink()
    folder.rmdir()
    run(qloop, page.back_up_now())
    assert page.bar.kind == "failed"
    assert "The backup failed" in page.bar.text.text() and "does not exist" in page.bar.text.text()
    assert "FAILED" in page.last.text()

    # Shown again, the page reads what is stored.
    assert run(qloop, page.reload())
    assert page.folder.text() == str(folder) and page.keep.value() == 7
    assert "restore" in page.restore_help.text()


def test_a_desk_clerk_can_neither_save_nor_back_up(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    console.window.show()
    page = backups_page(console, qloop)
    console.client.actor = Actor("Dana Desk", frozenset({Role.DESK}), Origin.CONSOLE, 2)
    assert not page.save_button.isEnabled() and not page.now_button.isEnabled()
    assert "technician" in page.now_button.toolTip()
    # The service refuses anyway; the refusal reaches the message bar.
    assert run(qloop, page.back_up_now()) is None
    assert "technician role" in page.bar.text.text()
    console.client.actor = Actor("Theo Tech", frozenset({Role.TECHNICIAN}), Origin.CONSOLE, 3)
    assert page.now_button.isEnabled() and not page.save_button.isEnabled()


def test_an_unsaved_edit_survives_a_look_at_another_tab(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    console.window.show()
    page = backups_page(console, qloop)
    page.keep.setValue(5)
    page.folder.setText("/srv/site-backups")
    admin = console.window.admin
    admin.setCurrentWidget(admin.audit)
    # Back on the page, which reads the settings afresh, on the running loop.

    async def back() -> None:
        admin.setCurrentWidget(page)
        await wait_until(lambda: not page.tasks.tasks)

    run(qloop, back())
    assert page.keep.value() == 5 and page.folder.text() == "/srv/site-backups"
    # Nothing was saved: the stored settings are still the defaults.
    assert page.current is not None and page.current.keep == 14
