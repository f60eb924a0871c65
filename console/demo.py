"""`chargedesk` without a sub-command: the console, or with --demo a simulated site."""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console.cli_api import DEFAULT_API_PORT, api_settings
from console.cli_tls import DEFAULT_TLS_PORT, tls_settings
from console.core.enums import AdmissionMode
from console.services.engine import CentralSystem, EngineConfig
from console.services.network import port_is_free


class SimulatorThread:
    """Runs the demo site's simulated chargers on a loop of their own, off the GUI thread."""

    def __init__(self, url: str, charger_options: dict[str, dict[str, Any]] | None = None) -> None:
        self.url = url
        self.charger_options = charger_options
        self._loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="chargedesk-demo", daemon=True)

    def start(self) -> None:
        """Start the chargers in the background."""
        self._thread.start()

    def _run(self) -> None:
        from console.simulator.demo_site import run_demo_site

        async def main() -> None:
            self._stop = asyncio.Event()
            await run_demo_site(self.url, self._stop, self.charger_options)

        self._loop.run_until_complete(main())
        self._loop.close()

    def stop(self) -> None:
        """Stop the chargers and wait for the thread."""
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(15)


def demo_site_of(engine: CentralSystem) -> SimulatorThread:
    """The demo's simulated chargers for a started engine.

    Every charger is told the wss:// port, so the Security page's guided move up works
    on the demo site: the charger reconnects there once its profile is raised.
    """
    from console.simulator.demo_site import DEMO_CHARGERS, WAITING_CHARGER

    options: dict[str, dict[str, Any]] = {}
    if engine.tls_port is not None:
        ids = [spec[0] for spec in [*DEMO_CHARGERS, WAITING_CHARGER]]
        options = {charger_id: {"tls_port": engine.tls_port} for charger_id in ids}
    return SimulatorThread(f"ws://127.0.0.1:{engine.port}/ocpp/", options)


def demo_config(folder: Path, port: int) -> EngineConfig:
    """A throw-away database in ``folder``, seeded with a week of history."""
    from console.services.demo_data import seed_demo_database
    from console.simulator.demo_site import DEMO_CARDS, DEMO_CHARGERS

    url = f"sqlite:///{folder / 'demo.db'}"
    seed_demo_database(url, [(c[0], c[2], c[3]) for c in DEMO_CHARGERS], DEMO_CARDS)
    return EngineConfig(
        database_url=url,
        port=port if port_is_free(port) else 0,  # a second demo beside the first
        admission=AdmissionMode.APPROVE,
        heartbeat_interval=60,
        # wss:// with a throw-away site CA of its own, so the security pages have one.
        tls_port=DEFAULT_TLS_PORT if port_is_free(DEFAULT_TLS_PORT) else 0,
        pki_folder=folder / "pki",
    )


def run_demo_or_console(args: argparse.Namespace) -> int:
    """Open the console; with ``--demo`` on a temporary database with simulated chargers."""
    from console.ui.console_app import Console

    if getattr(args, "connect", None):
        from console.services.site_trust import desk_folder
        from console.ui.attach import run_attached_console

        return run_attached_console(args.connect, desk_folder())
    if not args.demo:
        from console.cli_storage import storage_settings
        from console.services.admin import default_database_url

        url = args.db or default_database_url()
        config = EngineConfig(
            database_url=url,
            port=args.port,
            file_port=args.file_port,
            stale_session_timeout=getattr(args, "stale_session_minutes", 15.0) * 60,
            **(storage_settings(args) if hasattr(args, "message_log_mb") else {}),
            **tls_settings(args, url),
        )
        return _open(args, config, api_settings(args))

    with tempfile.TemporaryDirectory(prefix="chargedesk-demo-") as folder:
        config = demo_config(Path(folder), args.port)

        def start_site(console: Console) -> Callable[[], None]:
            simulators = demo_site_of(console.client.engine)
            simulators.start()
            return simulators.stop

        # The demo's API on its usual port unless another console has it (a second demo).
        api = api_settings(args)
        if api is not None and not port_is_free(api["port"] or DEFAULT_API_PORT):
            api["port"] = 0
        return _open(args, config, api, demo=True, on_started=start_site)


def _open(
    args: argparse.Namespace,
    config: EngineConfig,
    api: dict[str, Any] | None,
    demo: bool = False,
    on_started: Callable[[Any], Callable[[], None] | None] | None = None,
) -> int:
    """The console with its engine in a thread of its own or in a child process
    (``--engine``); the child needs the API over HTTPS, so without wss:// it is a thread."""
    from console.app import api_extensions
    from console.ui.console_app import run_console

    in_child = getattr(args, "engine", "thread") == "process"
    if in_child and api is not None and config.tls_port is not None:
        from console.services.engine_process import EngineProcessError
        from console.ui.attach import run_console_in_child

        try:
            return run_console_in_child(config, api, demo=demo, on_started=on_started)
        except EngineProcessError as error:
            logging.getLogger(__name__).warning(
                "the engine process did not start (%s); running the engine in a thread", error
            )
    return run_console(config, demo=demo, on_started=on_started, extensions=api_extensions(api))
