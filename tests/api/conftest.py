"""Fixtures: a real engine with its HTTPS API on 127.0.0.1, the demo staff accounts, and
simulated chargers connecting over real websockets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from console.api.server import ApiServer
from console.core.enums import AdmissionMode
from console.services.engine import CentralSystem, EngineConfig
from console.simulator.charger import SimulatedCharger
from console.storage.samples import set_power_ceiling_w
from tests.api.api_helpers import ApiClient, ApiSite, api_config, site_tls

ChargerFactory = Callable[..., SimulatedCharger]


@pytest.fixture
async def api_site(tmp_path: Path) -> AsyncIterator[ApiSite]:
    """An engine admitting every charger, its API over HTTPS, the demo accounts."""
    api = ApiServer(api_config())
    config = EngineConfig(
        database_url=f"sqlite:///{tmp_path / 'engine.db'}",
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
        tls_port=0,
        pki_folder=tmp_path / "pki",
    )
    engine = CentralSystem(config, [api])
    await engine.start()
    await engine.writer.submit(lambda c: set_power_ceiling_w(c, 40_000_000.0))
    await engine.staff.ensure_demo_accounts()
    async with aiohttp.ClientSession() as http:
        client = ApiClient(http, f"https://localhost:{api.port}", site_tls(tmp_path))
        yield ApiSite(engine, api, client, tmp_path)
    await engine.stop()


@pytest.fixture
async def make_charger(api_site: ApiSite) -> AsyncIterator[ChargerFactory]:
    """Simulated chargers of the API site, stopped at the end of the test."""
    made: list[SimulatedCharger] = []

    def make(charger_id: str, **options: Any) -> SimulatedCharger:
        options.setdefault("boot_retry_floor", 0.05)
        options.setdefault("reconnect_delay", 0.05)
        options.setdefault("retry_interval", 0.2)
        options.setdefault("response_timeout", 5.0)
        charger = SimulatedCharger(charger_id, api_site.ocpp_url, **options)
        made.append(charger)
        return charger

    yield make
    await asyncio.gather(*(charger.stop() for charger in made), return_exceptions=True)
