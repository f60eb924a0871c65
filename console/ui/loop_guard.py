"""Starting asyncio work from Qt callbacks that may arrive while asyncio is not running."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QTimer


def asyncio_running() -> bool:
    """True when the current thread's asyncio loop is running (qasync's, in the console)."""
    try:
        return asyncio.get_event_loop().is_running()
    except RuntimeError:
        return False


def run_or_retry(work: Callable[[], object], retry: QTimer) -> None:
    """Call ``work`` now if asyncio runs, else start ``retry`` to try again shortly.

    Qt can deliver timers and events while asyncio is not running (at start-up, in a
    nested Qt loop, in tests); a worker-thread read needs that loop.
    """
    if asyncio_running():
        work()
    else:
        retry.start()
