"""Renders the main screens of the demo site to PNG: `python -m console.screenshots DIR`.

Starts the console offscreen on a throw-away demo database with the simulated site,
waits until the chargers have booted and sessions run, then saves the overview, a
charger's detail and the sessions view at 1366x768.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync

from console.demo import SimulatorThread, demo_config
from console.ui.console_app import Console, create_application

SIZE = (1366, 768)
SETTLE_SECONDS = 20.0  # long enough for several meter values on every running session


async def _settle(seconds: float) -> None:
    # A fixed pause is right here: the picture should show the site after a while of
    # live traffic, not the first moment some condition holds.
    await asyncio.sleep(seconds)


def take_screenshots(target: Path, settle: float = SETTLE_SECONDS) -> list[Path]:
    """Save the screenshots into ``target`` and return their paths."""
    target.mkdir(parents=True, exist_ok=True)
    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="chargedesk-shots-") as folder:
        console = Console(demo_config(Path(folder), 0), demo=True)
        simulators = SimulatorThread(f"ws://127.0.0.1:{console.client.engine.port}/ocpp/")
        simulators.start()
        window = console.window
        window.resize(*SIZE)
        window.show()
        try:
            loop.run_until_complete(_settle(settle))
            views = [
                ("overview", window.overview),
                ("charger-detail", window.detail),
                ("sessions", window.sessions),
            ]
            for name, view in views:
                if view is window.detail:
                    window.detail.show_charger("P2-DC-01")
                window.tabs.setCurrentWidget(view)
                loop.run_until_complete(_settle(2.0))
                path = target / f"{name}.png"
                window.grab().save(str(path))
                saved.append(path)
        finally:
            simulators.stop()
            window.close()
            console.stop()
    return saved


if __name__ == "__main__":
    destination = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for written in take_screenshots(destination):
        print(written)
