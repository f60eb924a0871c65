"""Tasks started from a widget end with it: cancelled on close and on destruction."""

from __future__ import annotations

import asyncio
import functools

import qasync
import shiboken6
from conftest import run, wait_until
from PySide6.QtWidgets import QWidget

from console.ui.tasks import TaskKeeper


async def _forever(started: asyncio.Event, ended: list[str]) -> None:
    started.set()
    try:
        await asyncio.Event().wait()  # a read that never answers
    except asyncio.CancelledError:
        ended.append("cancelled")
        raise


def test_nothing_starts_without_a_running_loop() -> None:
    keeper = TaskKeeper()
    made: list[int] = []

    async def work() -> None:
        made.append(1)

    assert keeper.launch(lambda: work()) is False  # retried later by the caller
    assert keeper.tasks == set() and made == []


def test_closing_the_owner_cancels_its_tasks(qloop: qasync.QEventLoop) -> None:
    widget = QWidget()
    keeper = TaskKeeper(owner=widget)
    ended: list[str] = []

    async def scenario() -> None:
        started = asyncio.Event()
        task = keeper.start(lambda: _forever(started, ended))
        assert task is not None
        await started.wait()
        widget.close()  # hidden: closing it must not end the application's loop
        await wait_until(task.done)
        assert task.cancelled()

    run(qloop, scenario())
    assert ended == ["cancelled"] and keeper.tasks == set()


def test_destroying_the_owner_cancels_its_tasks_and_starts_no_more(
    qloop: qasync.QEventLoop,
) -> None:
    widget = QWidget()
    keeper = TaskKeeper(owner=widget)
    ended: list[str] = []

    async def scenario() -> None:
        started = asyncio.Event()
        task = keeper.start(lambda: _forever(started, ended))
        assert task is not None
        await started.wait()
        shiboken6.delete(widget)  # the C++ object goes, as when its window is deleted
        await wait_until(task.done)
        assert task.cancelled() and keeper.owner_gone
        assert keeper.launch(lambda: _forever(asyncio.Event(), ended)) is False

    run(qloop, scenario())
    assert ended == ["cancelled"]


def test_aclose_waits_until_every_task_has_ended(qloop: qasync.QEventLoop) -> None:
    keeper = TaskKeeper()
    ended: list[str] = []

    async def scenario() -> None:
        events = [asyncio.Event(), asyncio.Event()]
        tasks = [keeper.start(functools.partial(_forever, e, ended)) for e in events]
        for event in events:
            await event.wait()
        await keeper.aclose()
        assert all(t is not None and t.cancelled() for t in tasks)

    run(qloop, scenario())
    assert ended == ["cancelled", "cancelled"]
