"""The API token service on a local database, for the command line.

Like staff_local.py: the command line has no engine running, so it opens the database,
starts a writer of its own and calls the same service operations as the console (same
permission checks, same transactions, same audit entries).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from console.core.events import EventBus
from console.services.api_tokens import ApiTokenService
from console.storage.database import open_database
from console.storage.writer import StorageWriter

T = TypeVar("T")


def run_with_tokens(url: str, work: Callable[[ApiTokenService], Awaitable[T]]) -> T:
    """Run ``work`` with the API token service on the database at ``url`` (migrated)."""
    engine = open_database(url)
    # No disk reserve: a short command line run has no billing data to protect.
    writer = StorageWriter(engine, reserve_bytes=0)
    writer.start()
    try:
        service = ApiTokenService(writer, EventBus())

        async def run() -> T:
            return await work(service)

        return asyncio.run(run())
    finally:
        writer.stop()
        engine.dispose()
