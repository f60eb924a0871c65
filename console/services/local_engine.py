"""The engine's service operations on a local database, for the command line.

The command line has no engine running: it opens (and migrates) the database, starts a
writer of its own and runs the very operation the console runs (same permission check,
same transaction, same audit entry). Each service is built only when asked for, so one
command's operation sets off nothing else (ending a session bills nothing here: the
engine bills it at its next start). Events go to a bus nobody listens to.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import Engine

from console.core.enums import AdmissionMode
from console.core.events import EventBus
from console.core.site import SiteState
from console.services.admission import AdmissionService
from console.services.billing import BillingService
from console.services.cards import CardService
from console.services.sessions import SessionService
from console.storage.database import open_database
from console.storage.writer import StorageWriter

T = TypeVar("T")


class LocalEngine:
    """A writer on one local database and the services built on it, one at a time."""

    def __init__(self, db: Engine, writer: StorageWriter) -> None:
        self.db = db
        self.writer = writer
        self.bus = EventBus()
        self.site = SiteState()

    def billing(self) -> BillingService:
        """The billing service (tariffs, site details)."""
        return BillingService(self.writer, self.bus, self.db)

    def sessions(self) -> SessionService:
        """The session service (staff ending a session)."""
        return SessionService(self.writer, self.site, self.bus)

    def cards(self) -> CardService:
        """The card service."""
        return CardService(self.writer, self.bus)

    def admission(self) -> AdmissionService:
        """The admission service (adding, accepting and unlocking chargers)."""
        return AdmissionService(self.writer, self.site, self.bus, AdmissionMode.APPROVE)


def _on_private_loop(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``make()`` to the end on a loop of its own, leaving the thread's current loop
    as it was (``asyncio.run`` would clear it: a console's loop set by the caller, say)."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(make())
    finally:
        loop.close()


def run_local(url: str, work: Callable[[LocalEngine], Awaitable[T]]) -> T:
    """Run ``work`` (service operations) on the database at ``url``; its result."""
    db = open_database(url)
    # No disk reserve: a short command line run has no billing data to protect.
    writer = StorageWriter(db, reserve_bytes=0)
    writer.start()
    try:

        async def run() -> T:
            return await work(LocalEngine(db, writer))

        try:
            asyncio.get_running_loop()
        except RuntimeError:  # the usual case: a command line has no loop of its own
            return _on_private_loop(run)
        # Called from code on a loop (a script, a test): a loop of its own in a thread.
        with ThreadPoolExecutor(1, thread_name_prefix="chargedesk-local") as pool:
            return pool.submit(_on_private_loop, run).result()
    finally:
        writer.stop()  # applies and commits whatever is queued
        db.dispose()
