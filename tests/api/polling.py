"""Waiting for what a charger's messages change, seen through the API, with a deadline."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def poll_until(
    read: Callable[[], Awaitable[T]], done: Callable[[T], bool], timeout: float = 10.0
) -> T:
    """Read until ``done(value)`` holds; the value, or AssertionError after ``timeout``.

    The engine answers a charger after its commit, but the API reads through its own
    connections a moment later; this waits for the condition, never for a fixed time.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await read()
        if done(value):
            return value
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s; last read: {value!r}")
        await asyncio.sleep(0.05)
