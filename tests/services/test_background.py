"""A service's background tasks: held until they end, failures logged, ended on close."""

from __future__ import annotations

import asyncio
import gc
import logging

import pytest

from console.services.background import TaskSet, cancel_and_wait

log = logging.getLogger("tests.background")


async def test_a_task_nobody_else_holds_runs_to_its_end() -> None:
    tasks = TaskSet(log, "failed")
    release = asyncio.Event()
    done: list[str] = []

    async def work() -> None:
        await release.wait()
        done.append("finished")

    tasks.spawn(work())
    gc.collect()  # only the set holds the task
    assert len(tasks) == 1
    release.set()
    await asyncio.gather(*tasks)
    assert done == ["finished"]
    assert len(tasks) == 0


async def test_a_failure_is_logged_with_the_owners_words(
    caplog: pytest.LogCaptureFixture,
) -> None:
    tasks = TaskSet(log, "could not do the thing")

    async def broken() -> None:
        raise ValueError("bad input")

    task = tasks.spawn(broken())
    with caplog.at_level(logging.ERROR, logger="tests.background"):
        await task
    assert [r.getMessage() for r in caplog.records] == ["could not do the thing"]
    assert caplog.records[0].exc_info is not None
    assert task.exception() is None  # nothing left for asyncio to complain about


async def test_close_lets_quick_work_finish_and_cancels_the_rest() -> None:
    tasks = TaskSet(log, "failed")
    quick_started = asyncio.Event()
    ended: list[str] = []

    async def quick() -> None:
        quick_started.set()
        await asyncio.sleep(0)
        ended.append("quick")

    async def endless() -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            ended.append("cancelled")
            raise

    tasks.spawn(quick())
    tasks.spawn(endless())
    await quick_started.wait()
    await tasks.close(grace=0.2)
    assert sorted(ended) == ["cancelled", "quick"]
    assert len(tasks) == 0


async def test_cancel_and_wait_ends_tasks_and_skips_none() -> None:
    started = asyncio.Event()

    async def endless() -> None:
        started.set()
        await asyncio.Event().wait()

    async def failed() -> None:
        raise RuntimeError("already logged where it ran")

    running = asyncio.get_running_loop().create_task(endless())
    broken = asyncio.get_running_loop().create_task(failed())
    await started.wait()
    await cancel_and_wait(running, None, broken)
    assert running.cancelled()
    assert broken.done()
