"""Launching asyncio work from Qt widgets, owned by the widget that started it.

Views are built before the console starts its qasync loop (and a restored setting may
ask a view to show a charger right away). ``asyncio.ensure_future`` then would bind the
task to no loop or the wrong one, and it would never run. ``TaskKeeper.launch`` starts a
task only on a running loop and says whether it did; the caller keeps the work pending
and tries again from its next timer tick or show event (which run on that loop).

Started tasks are kept (a task nobody holds may be garbage collected mid-flight: "Task
was destroyed but it is pending") until they end. Given an ``owner`` widget, the keeper
cancels them when the owner closes or is destroyed, so a read finishing after its view
has gone neither warns nor touches deleted widgets; ``aclose`` cancels and awaits them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject

log = logging.getLogger(__name__)
T = TypeVar("T")


def loop_running() -> bool:
    """True when called from a running asyncio loop (the qasync loop, in the console)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class _CloseWatcher(QObject):
    """Cancels a keeper's tasks when the widget it watches is closed."""

    def __init__(self, owner: QObject, keeper: TaskKeeper) -> None:
        super().__init__(owner)
        self._keeper = keeper

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """Cancel on Close; never consume the event."""
        if event.type() == QEvent.Type.Close:
            self._keeper.cancel_all()
        return False


class TaskKeeper:
    """Holds the tasks a widget started; with ``owner``, ends them with the widget."""

    def __init__(self, owner: QObject | None = None) -> None:
        self.tasks: set[asyncio.Task[Any]] = set()
        self.owner_gone = False
        if owner is not None:
            self._watcher = _CloseWatcher(owner, self)
            owner.installEventFilter(self._watcher)
            # A plain function, not a bound method of a Qt object being destroyed too.
            tasks = self.tasks

            def on_destroyed(_: object = None) -> None:
                self.owner_gone = True
                _cancel(tasks)

            owner.destroyed.connect(on_destroyed)

    def launch(
        self,
        make: Callable[[], Coroutine[Any, Any, Any]],
        done: Callable[[asyncio.Task[Any]], None] | None = None,
    ) -> bool:
        """Run ``make()`` as a task if a loop runs; False (nothing started) otherwise."""
        return self.start(make, done) is not None

    def start(
        self,
        make: Callable[[], Coroutine[Any, Any, T]],
        done: Callable[[asyncio.Task[Any]], None] | None = None,
    ) -> asyncio.Task[T] | None:
        """Like ``launch``, but hands back the task started (None: no loop runs)."""
        if not loop_running() or self.owner_gone:
            return None
        task = asyncio.ensure_future(make())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        task.add_done_callback(done or self._log_failure)
        return task

    def cancel_all(self) -> None:
        """Cancel every task still running (they end at their next await)."""
        _cancel(self.tasks)

    async def aclose(self) -> None:
        """Cancel every task and wait until each has ended."""
        pending = [task for task in self.tasks if not task.done()]
        _cancel(pending)
        if pending:
            with contextlib.suppress(Exception):
                await asyncio.gather(*pending, return_exceptions=True)

    def _log_failure(self, task: asyncio.Task[Any]) -> None:
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            return
        if self.owner_gone and isinstance(error, RuntimeError):
            # A cancelled task's cleanup touched its deleted widget: nothing to show.
            log.debug("task of a deleted widget ended with %r", error)
            return
        log.error("background task failed", exc_info=error)


def _cancel(tasks: set[asyncio.Task[Any]] | list[asyncio.Task[Any]]) -> None:
    for task in list(tasks):
        if not task.done() and not task.get_loop().is_closed():
            task.cancel()
