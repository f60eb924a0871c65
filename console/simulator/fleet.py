"""A fleet of simulated chargers with drivers starting and stopping sessions at random."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from console.simulator.charger import SimulatedCharger

log = logging.getLogger("console.simulator.fleet")

# When the fleet ends, open sessions are stopped and queued messages delivered, but
# never wait longer than this for a central system that may be gone.
_GRACEFUL_STOP_S = 5.0


@dataclass
class FleetReport:
    """What a fleet run did."""

    chargers: int
    booted: int = 0
    sessions_started: int = 0
    sessions_refused: int = 0
    sessions_stopped: int = 0


def default_cards(count: int = 20) -> list[str]:
    """Card ids the simulated drivers use when none are given."""
    return [f"SIMCARD{n:03d}" for n in range(1, count + 1)]


def build_fleet(
    url: str,
    chargers: int,
    connectors: int = 2,
    password: str | None = None,
    id_prefix: str = "SIM-",
    *,
    dc_share: float = 0.25,
    meter_interval: float = 10.0,
    seed: int | None = None,
    **charger_options: Any,
) -> list[SimulatedCharger]:
    """``chargers`` chargers named ``<id_prefix>001``...; about ``dc_share`` of them DC.

    ``charger_options`` go to every SimulatedCharger; ``{id}`` in ``cert`` and ``key``
    (file names of a profile 3 certificate) becomes each charger's id.
    """
    rng = random.Random(seed)
    width = max(3, len(str(chargers)))
    fleet = []
    for n in range(1, chargers + 1):
        kind = "DC" if rng.random() < dc_share else "AC"
        charger_id = f"{id_prefix}{n:0{width}d}"
        fleet.append(
            SimulatedCharger(
                charger_id,
                url,
                connectors,
                kind,
                password=password,
                meter_interval=meter_interval,
                seed=rng.randrange(2**32),
                **_for_charger(charger_options, charger_id),
            )
        )
    return fleet


def _for_charger(options: dict[str, Any], charger_id: str) -> dict[str, Any]:
    """``options`` with ``{id}`` in the cert and key file names replaced by ``charger_id``."""
    mine = dict(options)
    for name in ("cert", "key"):
        value = mine.get(name)
        if isinstance(value, str) and "{id}" in value:
            mine[name] = value.replace("{id}", charger_id)
    return mine


async def run_fleet(
    url: str,
    chargers: int = 1,
    connectors: int = 2,
    password: str | None = None,
    duration: float | None = None,
    id_prefix: str = "SIM-",
    *,
    dc_share: float = 0.25,
    meter_interval: float = 10.0,
    cards: Sequence[str] | None = None,
    idle: tuple[float, float] = (5.0, 60.0),
    session_length: tuple[float, float] = (60.0, 600.0),
    auto_sessions: bool = True,
    ramp: float | None = None,
    seed: int | None = None,
    stop: asyncio.Event | None = None,
    **charger_options: Any,
) -> FleetReport:
    """Run ``chargers`` simulated chargers against ``url`` until ``duration`` or ``stop``.

    With ``auto_sessions`` each connector waits ``idle`` seconds (a random value in
    the range), starts a session with a random card from ``cards``, charges for
    ``session_length`` seconds and stops, again and again. Connections are spread
    over ``ramp`` seconds (default: 10 ms per charger, at most 5 s). Without
    ``duration`` and ``stop`` it runs until cancelled (Ctrl-C in the CLI). Open
    sessions are stopped properly at the end.
    """
    rng = random.Random(seed)
    fleet = build_fleet(
        url,
        chargers,
        connectors,
        password,
        id_prefix,
        dc_share=dc_share,
        meter_interval=meter_interval,
        seed=rng.randrange(2**32),
        **charger_options,
    )
    card_ids = list(cards) if cards else default_cards()
    report = FleetReport(chargers=chargers)
    drivers: list[asyncio.Task[None]] = []
    spread = ramp if ramp is not None else min(5.0, 0.01 * chargers)
    try:
        starter = asyncio.create_task(_start_all(fleet, spread))
        drivers.append(starter)
        if auto_sessions:
            for charger in fleet:
                for connector_id in charger.connector_ids:
                    driver = _Driver(charger, connector_id, random.Random(rng.random()))
                    drivers.append(
                        asyncio.create_task(driver.run(card_ids, idle, session_length, report))
                    )
        await _wait_end(duration, stop)
    finally:
        for task in drivers:
            task.cancel()
        await asyncio.gather(*drivers, return_exceptions=True)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(_GRACEFUL_STOP_S):
                await asyncio.gather(*(_wind_down(c) for c in fleet))
        await asyncio.gather(*(c.stop() for c in fleet), return_exceptions=True)
        report.booted = sum(1 for c in fleet if c.boot_count > 0)
        report.sessions_started = sum(c.sessions_started for c in fleet)
        report.sessions_stopped = sum(c.sessions_stopped for c in fleet)
    return report


async def _start_all(fleet: list[SimulatedCharger], spread: float) -> None:
    pause = spread / len(fleet) if fleet else 0.0
    for charger in fleet:
        await charger.start()
        if pause:
            await asyncio.sleep(pause)  # spread the handshakes over the ramp


async def _wait_end(duration: float | None, stop: asyncio.Event | None) -> None:
    stop = stop or asyncio.Event()
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(duration):
            await stop.wait()


async def _wind_down(charger: SimulatedCharger) -> None:
    """Stop open sessions and let queued messages reach the server, if it is there."""
    for connector_id in charger.connector_ids:
        if charger.session(connector_id) is not None:
            await charger.stop_session(connector_id)
    await charger.wait_for(lambda: not charger.queued or not charger.accepted, _GRACEFUL_STOP_S)


class _Driver:
    """The people using one connector: arrive, charge a while, leave, repeat."""

    def __init__(self, charger: SimulatedCharger, connector_id: int, rng: random.Random) -> None:
        self.charger = charger
        self.connector_id = connector_id
        self.rng = rng

    async def run(
        self,
        cards: list[str],
        idle: tuple[float, float],
        length: tuple[float, float],
        report: FleetReport,
    ) -> None:
        while True:
            await asyncio.sleep(self.rng.uniform(*idle))  # the next driver's arrival
            if not self.charger.accepted:
                continue  # a driver walks away from a charger that is offline
            card = self.rng.choice(cards)
            tx = await self.charger.start_session(self.connector_id, card)
            if tx is None:
                report.sessions_refused += 1
                log.info("%s/%s: card %s refused", self.charger.charger_id, self.connector_id, card)
                continue
            await asyncio.sleep(self.rng.uniform(*length))  # charging
            await self.charger.stop_session(self.connector_id)
