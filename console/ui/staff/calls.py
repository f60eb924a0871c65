"""Calls into the engine's staff and audit services, whether an operation is async or not."""

from __future__ import annotations

import inspect
import socket
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer

from console.services.engine import CentralSystem
from console.ui.engine_client import EngineClient
from console.ui.tasks import TaskKeeper

T = TypeVar("T")


def desk_place() -> str:
    """Where a login at this console happens, as the audit log shows it: the PC's name."""
    try:
        return socket.gethostname() or "console"
    except OSError:
        return "console"


async def engine_call(client: EngineClient, work: Callable[[CentralSystem], Any]) -> Any:
    """Run ``work(engine)`` on the engine loop and return its result, awaited if need be.

    ``work`` itself runs on the engine loop (never the GUI thread), so a plain method of
    a service is as safe to call as a coroutine one.
    """

    async def run(engine: CentralSystem) -> Any:
        value = work(engine)
        if inspect.isawaitable(value):
            value = await value
        return value

    return await client.call(run)


RETRY_MS = 50  # a page shown before the console's loop runs tries again this often


def launch_soon(
    keeper: TaskKeeper, make: Callable[[], Coroutine[Any, Any, Any]], owner: QObject
) -> None:
    """Start ``make()`` now if the loop runs, else as soon as it does (a page shown at
    start-up or from a test's plain code is read once the loop runs)."""
    if keeper.launch(make):
        return
    if not keeper.owner_gone:
        QTimer.singleShot(RETRY_MS, owner, lambda: launch_soon(keeper, make, owner))
