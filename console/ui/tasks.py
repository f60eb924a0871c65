"""Launching asyncio work from Qt widgets, owned by the widget that started it.

This is the console's one way to start async work from Qt: widgets, dialogs and the
action objects (staff, card and billing actions) each hold a ``TaskKeeper``.

Views are built before the console makes its qasync loop (and a restored setting may
ask a view to show a charger right away). ``asyncio.ensure_future`` then would bind the
task to no loop or the wrong one, and it would never run. ``TaskKeeper.launch`` starts
a task only on a running loop and says whether it did; the caller keeps the work
pending and tries again from its next timer tick or show event (which run on that
loop). A keeper made with ``wait_for_loop`` also accepts work while the GUI loop (named
by ``set_gui_loop``) exists but is not running (a slot called while Qt runs without
asyncio, a test's plain code): the task waits on that loop and runs when it does.

Started tasks are kept (a task nobody holds may be garbage collected mid-flight: "Task
was destroyed but it is pending") until they end. Given an ``owner`` widget, the keeper
cancels them when the owner closes or is destroyed, so a read finishing after its view
has gone neither warns nor touches deleted widgets; ``aclose`` cancels and awaits them.
A failure is logged; ``on_error`` also shows it to the person who clicked.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeAlias, TypeVar

from PySide6.QtCore import QEvent, QObject

log = logging.getLogger(__name__)
T = TypeVar("T")
# What to run: a function making the coroutine (nothing is built when no loop runs) or
# a coroutine already made (closed unrun then, so Python does not warn "never awaited").
Work: TypeAlias = Callable[[], Coroutine[Any, Any, T]] | Coroutine[Any, Any, T]


_gui_loop: asyncio.AbstractEventLoop | None = None


def set_gui_loop(loop: asyncio.AbstractEventLoop | None) -> None:
    """Make ``loop`` the GUI thread's asyncio loop (None: there is none any more)."""
    global _gui_loop
    _gui_loop = loop
    asyncio.set_event_loop(loop)


def task_loop(wait_for_loop: bool = False) -> asyncio.AbstractEventLoop | None:
    """Where a keeper starts tasks: the running loop; with ``wait_for_loop``, else the
    GUI loop while it is open (the task runs once that loop does)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    if wait_for_loop and _gui_loop is not None and not _gui_loop.is_closed():
        return _gui_loop
    return None


def loop_running() -> bool:
    """True when called from a running asyncio loop (the qasync loop, in the console)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def started_here(start: Callable[[], Awaitable[T] | None]) -> T | None:
    """Call ``start`` on the running loop and await what it started (None: nothing).

    For code that drives the loop from outside (screenshot scripts, tests): a keeper
    starts nothing while no loop runs, so the start itself must happen on the loop.
    """
    started = start()
    return None if started is None else await started


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

    def __init__(
        self,
        owner: QObject | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        wait_for_loop: bool = False,
    ) -> None:
        self.tasks: set[asyncio.Task[Any]] = set()
        self.owner_gone = False
        self.on_error = on_error
        self.wait_for_loop = wait_for_loop
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
        work: Work[Any],
        done: Callable[[asyncio.Task[Any]], None] | None = None,
    ) -> bool:
        """Run ``work`` as a task if a loop runs (or, with ``wait_for_loop``, waits for
        it); False when nothing was started."""
        return self.start(work, done) is not None

    def start(
        self,
        work: Work[T],
        done: Callable[[asyncio.Task[Any]], None] | None = None,
    ) -> asyncio.Task[T] | None:
        """Like ``launch``, but hands back the task started (None: no loop for it).

        ``done`` replaces the usual ending (log a failure, tell ``on_error``)."""
        loop = task_loop(self.wait_for_loop)
        if loop is None or self.owner_gone:
            if isinstance(work, Coroutine):
                work.close()
            return None
        task = loop.create_task(work if isinstance(work, Coroutine) else work())
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
        if self.on_error is not None:
            self.on_error(error)


def _cancel(tasks: set[asyncio.Task[Any]] | list[asyncio.Task[Any]]) -> None:
    for task in list(tasks):
        if not task.done() and not task.get_loop().is_closed():
            task.cancel()
