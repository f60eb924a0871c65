"""The Security page's screenshots for the documentation (console.screenshots).

The page for one demo charger with its installed certificates and the site CA, then the
guided move up to profile 2: once while it runs and once with its outcome. Taken last,
because the charger moved up reconnects on the new profile.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console.ui.technician.security import SecurityPage
from console.ui.technician.security_upgrade import DONE, UpgradeDialog

CHARGER = "P1-AC-02"
UPGRADE_WAIT = 180.0  # the move up waits up to 120 s for the charger to come back


async def _until(condition: Callable[[], object], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the Security page did not get far enough in time")
        await asyncio.sleep(0.1)


def security_screens(loop: asyncio.AbstractEventLoop, window: Any, target: Path) -> list[Path]:
    """technician-security.png, security-upgrade-running.png and security-upgrade.png."""
    view = window.technician
    page = view.findChild(SecurityPage)
    window.tabs.setCurrentWidget(view)
    view.pages.setCurrentWidget(page)
    page.show_charger(CHARGER)
    loop.run_until_complete(page.refresh())
    engine = page.client.engine
    if getattr(engine, "security", None) is not None:
        loop.run_until_complete(page.install_ca())  # so the charger holds a certificate
        loop.run_until_complete(page.get_installed())
    loop.run_until_complete(asyncio.sleep(0.5))  # let the tables paint
    path = target / "technician-security.png"
    window.grab().save(str(path))
    saved = [path]
    if getattr(engine, "profile_upgrade", None) is None:
        return saved  # the engine cannot move chargers up: nothing more to show
    dialog = page.open_upgrade()
    if dialog is None:
        return saved
    saved += _upgrade_screens(loop, page, dialog, target)
    return saved


def _upgrade_screens(
    loop: asyncio.AbstractEventLoop, page: SecurityPage, dialog: UpgradeDialog, target: Path
) -> list[Path]:
    dialog.choose_target(2)
    task = loop.create_task(page.run_upgrade(dialog))
    loop.run_until_complete(_until(lambda: DONE in dialog.step_marks() or task.done(), 60))
    running = target / "security-upgrade-running.png"
    dialog.grab().save(str(running))
    loop.run_until_complete(asyncio.wait_for(task, UPGRADE_WAIT))
    loop.run_until_complete(asyncio.sleep(0.3))
    done = target / "security-upgrade.png"
    dialog.grab().save(str(done))
    dialog.close()
    return [running, done]
