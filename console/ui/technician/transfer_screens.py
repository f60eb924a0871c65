"""The Diagnostics & firmware page's screenshot for the documentation (console.screenshots).

Asks three demo chargers for diagnostics and one for its log, and sends firmware to
another, then waits until the uploads have arrived and the firmware is on its way.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from console.ui.technician.transfers import TransfersPage

READ_TIMEOUT = 30.0


async def _until(condition: Any) -> None:
    deadline = time.monotonic() + READ_TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the transfers did not get far enough in time")
        await asyncio.sleep(0.1)


def transfers_screen(loop: asyncio.AbstractEventLoop, window: Any, target: Path) -> list[Path]:
    """technician-transfers.png: uploads received, a firmware update under way."""
    page = window.technician.findChild(TransfersPage)
    window.tabs.setCurrentWidget(window.technician)
    window.technician.pages.setCurrentWidget(page)
    online = sorted(cid for cid, state in page.mirror.chargers.items() if state.online)
    with tempfile.TemporaryDirectory(prefix="chargedesk-firmware-") as folder:
        firmware = Path(folder) / "wallbox-fw-2.4.1.bin"
        firmware.write_bytes(bytes(range(256)) * 4096)
        page.choose(online[:3])
        loop.run_until_complete(page.get_diagnostics())
        page.choose(online[3:4])
        loop.run_until_complete(page.get_log())
        page.choose(online[4:5])

        async def go_ahead(_title: str, _text: str, _proceed: str) -> bool:
            return True  # the screenshot shows the transfer, not the question before it

        page.confirm = go_ahead
        loop.run_until_complete(page.update_firmware_from(firmware))
        del page.confirm
        loop.run_until_complete(_until(lambda: page.files_model.rowCount() >= 4))
        loop.run_until_complete(
            _until(lambda: any("Download" in str(r.status) for r in page.transfers_model.rows))
        )
        page.choose(online[:3])
        page.select_file(0)
        loop.run_until_complete(asyncio.sleep(0.5))  # let the tables paint
        path = target / "technician-transfers.png"
        window.grab().save(str(path))
    return [path]
