"""Fixtures: a real engine on 127.0.0.1 port 0 with a SQLite file (or a PostgreSQL
database in modules marked ``both_databases``), and simulated chargers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from console.core.enums import AdmissionMode
from console.services.engine import CentralSystem, EngineConfig
from console.simulator.charger import SimulatedCharger
from console.storage.samples import set_power_ceiling_w

EngineFactory = Callable[..., Awaitable[CentralSystem]]
SIMULATOR_POWER_CEILING_W = 400_000.0 * 100  # the real ceiling at up to 100x speed
ChargerFactory = Callable[..., SimulatedCharger]


@pytest.fixture
def engine_db_url(tmp_path: Path, database_backend: str, request: pytest.FixtureRequest) -> str:
    """The engines' database: a SQLite file, or a fresh PostgreSQL database in modules
    marked ``both_databases`` (engines started again in one test find the same data)."""
    if database_backend == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'engine.db'}"


@pytest.fixture
async def make_engine(engine_db_url: str) -> AsyncIterator[EngineFactory]:
    """Start engines (stopped at the end of the test)."""
    started: list[CentralSystem] = []

    async def make(admission: AdmissionMode = AdmissionMode.OPEN, **options: Any) -> CentralSystem:
        config = EngineConfig(
            database_url=engine_db_url,
            host="127.0.0.1",
            port=0,
            admission=admission,
            **options,
        )
        engine = CentralSystem(config)
        await engine.start()
        started.append(engine)
        # Simulated meters run ``speed`` times faster than their real timestamps: a power
        # ceiling that allows for it (tests of the ceiling itself set their own).
        await engine.writer.submit(lambda c: set_power_ceiling_w(c, SIMULATOR_POWER_CEILING_W))
        return engine

    yield make
    for engine in started:
        await engine.stop()


@pytest.fixture
async def engine(make_engine: EngineFactory) -> CentralSystem:
    """An engine that admits every charger."""
    return await make_engine()


@pytest.fixture
async def make_charger() -> AsyncIterator[ChargerFactory]:
    """Simulated chargers, started by the test and stopped at its end."""
    made: list[SimulatedCharger] = []

    def make(engine: CentralSystem, charger_id: str, **options: Any) -> SimulatedCharger:
        options.setdefault("boot_retry_floor", 0.05)
        options.setdefault("reconnect_delay", 0.05)
        options.setdefault("retry_interval", 0.2)
        options.setdefault("response_timeout", 5.0)
        url = f"ws://127.0.0.1:{engine.port}/ocpp/"
        charger = SimulatedCharger(charger_id, url, **options)
        made.append(charger)
        return charger

    yield make
    await asyncio.gather(*(charger.stop() for charger in made), return_exceptions=True)
