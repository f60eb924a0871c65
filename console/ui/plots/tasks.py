"""Starting asyncio work from widgets, which may exist before the GUI's asyncio loop runs.

Views are built before the console starts its qasync loop (and a restored setting may
ask a view to show a charger right away). ``asyncio.ensure_future`` then would bind the
task to no loop or the wrong one, and it would never run. ``launch`` starts a task only
on a running loop and says whether it did; the caller keeps the work pending and tries
again from its next timer tick or show event (which run on that loop). Started tasks are
kept (never garbage collected mid-flight) until they end.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


def loop_running() -> bool:
    """True when called from a running asyncio loop (the qasync loop, in the console)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class TaskKeeper:
    """Holds the tasks a widget started."""

    def __init__(self) -> None:
        self.tasks: set[asyncio.Task[Any]] = set()

    def launch(
        self,
        make: Callable[[], Coroutine[Any, Any, Any]],
        done: Callable[[asyncio.Task[Any]], None] | None = None,
    ) -> bool:
        """Run ``make()`` as a task if a loop runs; False (nothing started) otherwise."""
        if not loop_running():
            return False
        task = asyncio.ensure_future(make())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        task.add_done_callback(done or _log_failure)
        return True


def _log_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("background task failed", exc_info=task.exception())
