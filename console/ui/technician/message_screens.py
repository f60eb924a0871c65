"""The message log's screenshot for the documentation (used by console.screenshots)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from console.core.enums import FrameKind
from console.ui.technician.messages import MessageLogPage

READ_TIMEOUT = 30.0


async def _until(condition: Any) -> None:
    """Until ``condition()`` holds (a fixed pause would race a slow machine)."""
    deadline = time.monotonic() + READ_TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the message log was not read in time")
        await asyncio.sleep(0.05)


def message_log_screen(loop: asyncio.AbstractEventLoop, window: Any, target: Path) -> list[Path]:
    """technician-messages.png: the site's live log, a call chosen with its reply."""
    page = window.technician.findChild(MessageLogPage)
    window.tabs.setCurrentWidget(window.technician)
    window.technician.pages.setCurrentWidget(page)
    loop.run_until_complete(_until(lambda: page.model.rowCount() > 0))
    page.set_paused(True)  # the rows stay where they are while the picture is taken
    loop.run_until_complete(_until(lambda: not page.model.loading))
    wanted = ("StartTransaction", "Authorize", "MeterValues")
    rows = page.model.rows
    chosen = next(
        (
            n
            for action in wanted
            for n, r in enumerate(rows)
            if r.stored.frame.action == action and r.stored.frame.kind is FrameKind.CALL
        ),
        0,
    )
    page.table.selectRow(chosen)
    page.table.scrollTo(page.model.index(chosen, 0), page.table.ScrollHint.PositionAtCenter)
    loop.run_until_complete(_until(lambda: page.detail.partner is not None))
    loop.run_until_complete(asyncio.sleep(0.3))  # let the table and the pane paint
    path = target / "technician-messages.png"
    window.grab().save(str(path))
    page.set_paused(False)
    return [path]
