"""Starting asyncio work from widgets, also before the GUI's asyncio loop runs.

Views are built before the console starts its qasync loop (and a restored setting may
ask a view to show a charger right away). ``asyncio.ensure_future`` then would bind the
task to no loop or the wrong one, and it would never run: ``launch`` waits, on a Qt
timer, until the loop runs. The task is kept (never garbage collected mid-flight) until
it ends.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

RETRY_MS = 50


class TaskKeeper:
    """Holds the tasks a widget started; ``launch`` starts one once a loop runs."""

    def __init__(self, owner: QObject) -> None:
        self.owner = owner
        self.tasks: set[asyncio.Task[Any]] = set()

    def launch(
        self,
        make: Callable[[], Coroutine[Any, Any, Any]],
        done: Callable[[asyncio.Task[Any]], None] | None = None,
    ) -> None:
        """Run ``make()`` as a task on the running loop (soon, if none runs yet)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            QTimer.singleShot(RETRY_MS, self.owner, lambda: self.launch(make, done))
            return
        task = asyncio.ensure_future(make())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        task.add_done_callback(done or _log_failure)


def _log_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("background task failed", exc_info=task.exception())
