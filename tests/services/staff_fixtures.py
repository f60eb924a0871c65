"""Fixtures for the staff and audit services: a migrated SQLite file per test, a writer.

Migrating takes about a third of a second, so each module migrates one template file
and every test gets a copy of it. Passwords are hashed at the tests' small argon2 cost.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from console.core.events import Event, EventBus
from console.services.audit_log import AuditLogService
from console.services.staff import StaffService
from console.storage.database import create_db_engine
from console.storage.writer import StorageWriter
from tests.template_db import *  # noqa: F403 (the database fixtures)

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves forward by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward (minutes=16...)."""
        self.now += timedelta(**delta)


class Sleeps:
    """Records the delays the service asks for instead of waiting them out."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def writer(site_url: str) -> Iterator[StorageWriter]:
    """A database writer on the test's copy (SQLite, or PostgreSQL where marked)."""
    engine = create_db_engine(site_url)
    writer = StorageWriter(engine, reserve_bytes=0)
    writer.start()
    yield writer
    writer.stop()
    engine.dispose()


@pytest.fixture
def events() -> list[Event]:
    """Every event published on the test's bus."""
    return []


@pytest.fixture
def bus(events: list[Event]) -> EventBus:
    """A bus that records what is published."""
    bus = EventBus()
    bus.subscribe(events.append)
    return bus


@pytest.fixture
def clock() -> FakeClock:
    """The service's clock."""
    return FakeClock()


@pytest.fixture
def sleeps() -> Sleeps:
    """The delays the service asked for."""
    return Sleeps()


@pytest.fixture
async def staff(
    writer: StorageWriter, bus: EventBus, clock: FakeClock, sleeps: Sleeps
) -> AsyncIterator[StaffService]:
    """The staff service with a fake clock and sleep."""
    yield StaffService(writer, bus, clock=clock, sleep=sleeps)


@pytest.fixture
def audit_log(writer: StorageWriter) -> AuditLogService:
    """The audit log service."""
    return AuditLogService(writer)
