"""Helpers of the API's session, visitor and card tests: prices, a booted charger, a
bounded wait for a condition the API reports."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from console.core.tariffs import Tariff
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from tests.actors import ADMIN

WAIT = 10.0


def energy_tariff(name: str, price: str) -> Tariff:
    """A tariff of energy only, 19 % tax included."""
    return Tariff(
        name=name,
        currency="EUR",
        timezone="Europe/Berlin",
        energy_price=Decimal(price),
        tax_rate=Decimal("0.19"),
    )


async def set_prices(engine: CentralSystem, default: str = "0.30", visitors: str = "0.49") -> None:
    """A site default tariff and a visitor tariff, set through the billing service."""
    standard = await engine.billing.save_tariff(
        None, energy_tariff("Standard", default), actor=ADMIN
    )
    visitor = await engine.billing.save_tariff(
        None, energy_tariff("Visitors", visitors), actor=ADMIN
    )
    await engine.billing.set_default_tariff(standard, actor=ADMIN)
    await engine.billing.set_visitor_tariff(visitor, actor=ADMIN)


async def booted(
    make: Callable[..., SimulatedCharger], charger_id: str, **options: Any
) -> SimulatedCharger:
    """A simulated charger, connected and booted, sending meter values quickly."""
    options.setdefault("meter_interval", 0.05)
    options.setdefault("speed", 60.0)
    charger = make(charger_id, **options)
    await charger.start()
    await charger.wait_booted()
    return charger


async def until(check: Callable[[], Awaitable[Any]], timeout: float = WAIT) -> Any:
    """Poll ``check`` until it returns something truthy, at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = await check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise TimeoutError("the condition did not come true in time")
        await asyncio.sleep(0.05)
