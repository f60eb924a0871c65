"""The site `chargedesk --demo` shows: six chargers in every state a person should recognise."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from console.simulator.charger import SimulatedCharger

log = logging.getLogger(__name__)

# (charger id, kind, connectors, power kW, vendor, model)
DEMO_CHARGERS = [
    ("P1-AC-01", "AC", 2, 11.0, "Alfen", "Eve Double Pro"),
    ("P1-AC-02", "AC", 2, 22.0, "ABB", "Terra AC W22"),
    ("P1-AC-03", "AC", 2, 7.4, "Wallbox", "Commander 2"),
    ("P2-DC-01", "DC", 1, 50.0, "ABB", "Terra 54"),
    ("P2-DC-02", "DC", 2, 150.0, "Kempower", "S-Series"),
]
WAITING_CHARGER = ("NEW-AC-07", "AC", 1, 11.0, "Zaptec", "Go")
# Cards registered in the demo database; the simulated chargers start sessions with them.
# (services/demo_data.py gives them groups and owners, and adds blocked, expired and
# retired cards beside them.)
DEMO_CARDS = ["04A1B2C3", "04D4E5F6", "0417AB9C", "VISITOR-01", "FLEET-22"]
# A card nobody registered, presented once the site runs: the Cards tab lists it as refused.
UNKNOWN_TAP = ("P1-AC-03", 1, "04FF3A21")
# (charger id, connector, card): sessions already running when the window opens.
RUNNING_SESSIONS = [
    ("P1-AC-01", 1, "04A1B2C3"),
    ("P1-AC-02", 2, "04D4E5F6"),
    ("P2-DC-01", 1, "0417AB9C"),
    ("P2-DC-02", 1, "FLEET-22"),
]
FAULTED = ("P1-AC-03", 2, "GroundFailure", "Residual current detected")


def registered_ids() -> list[str]:
    """Chargers the demo database knows as accepted (the waiting one is left out)."""
    return [charger[0] for charger in DEMO_CHARGERS]


def _build(
    url: str,
    spec: tuple[str, str, int, float, str, str],
    seed: int,
    extra: dict[str, Any] | None = None,
) -> SimulatedCharger:
    charger_id, kind, connectors, power_kw, vendor, model = spec
    options = dict(extra or {})
    return SimulatedCharger(
        charger_id,
        options.pop("url", url),
        connectors,
        kind,
        power_kw=power_kw,
        meter_interval=2.0,  # lively graphs in a demo; real chargers send every 10-60 s
        vendor=vendor,
        model=model,
        boot_retry_floor=2.0,
        reconnect_delay=1.0,
        reconnect_max_delay=5.0,
        authorize_before_start=True,
        speed=10.0,  # state of charge moves visibly within minutes
        seed=seed,
        **options,
    )


async def run_demo_site(
    url: str,
    stop: asyncio.Event,
    charger_options: dict[str, dict[str, Any]] | None = None,
) -> None:
    """Connect the demo chargers to ``url``, set the scene, and keep running until ``stop``.

    ``charger_options`` gives some chargers more SimulatedCharger options by id, e.g.
    ``{"P2-DC-01": {"url": wss_url, "ca": ca_pem, "password": key}}`` for one on wss.
    """
    extra = charger_options or {}
    chargers = [_build(url, spec, n, extra.get(spec[0])) for n, spec in enumerate(DEMO_CHARGERS)]
    waiting = _build(url, WAITING_CHARGER, 99, extra.get(WAITING_CHARGER[0]))
    by_id = {charger.charger_id: charger for charger in chargers}
    try:
        for charger in [*chargers, waiting]:
            await charger.start()
        for charger in chargers:
            await charger.wait_booted(timeout=30)
        for charger_id, connector, card in RUNNING_SESSIONS:
            await by_id[charger_id].start_session(connector, card)
        charger_id, connector, error_code, info = FAULTED
        await by_id[charger_id].fault(connector, error_code, info)
        charger_id, connector, card = UNKNOWN_TAP
        await by_id[charger_id].start_session(connector, card)  # refused: not registered
        await stop.wait()
    except Exception:
        log.exception("the demo site stopped")
    finally:
        for charger in [*chargers, waiting]:
            with contextlib.suppress(Exception):
                await charger.stop()
