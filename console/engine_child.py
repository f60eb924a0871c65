"""The console's engine in a process of its own: ``python -m console.engine_child``.

The console starts it, reads one JSON line from its standard output when it is ready
(``{"event": "ready", "api_url": ..., ...}``) and attaches to it through its API like a
console at another desk. The child stops cleanly when its standard input closes: when
the console stops it, and also when the console dies (the pipe closes with it), so an
engine never outlives its window. SIGTERM and SIGINT stop it the same way.

The first line of standard input is the configuration: ``{"engine": <EngineConfig>,
"api": {"port": ..., "host": ..., "local_port": ...}, "demo": bool}``.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import threading
from typing import Any

from pydantic import TypeAdapter

from console.api.server import ApiConfig, ApiServer
from console.log_files import setup_logging
from console.services.engine import CentralSystem, EngineConfig
from console.services.interpreter import settle_after_start

CONFIG = TypeAdapter(EngineConfig)


def _say(event: str, **fields: Any) -> None:
    sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
    sys.stdout.flush()


async def run(settings: dict[str, Any]) -> int:
    """Run the engine and its API until standard input closes or a signal arrives."""
    config = CONFIG.validate_python(settings["engine"])
    api = ApiServer(ApiConfig(**settings["api"]))
    engine = CentralSystem(config, [api])
    try:
        await engine.start()
    except Exception as error:  # said to the console in one line, which shows it
        _say("failed", error=f"{type(error).__name__}: {error}")
        return 3
    settle_after_start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    def watch_stdin() -> None:
        for _line in sys.stdin:
            pass  # nothing more is sent; EOF means the console is gone
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
    accounts: list[list[Any]] = []
    if settings.get("demo"):
        made = await engine.staff.ensure_demo_accounts()
        accounts = [
            [name, password, sorted(r.value for r in roles)] for name, password, roles in made
        ]
    _say(
        "ready",
        api_url=(api.urls or [""])[0].removesuffix("/api/"),
        port=engine.port,
        tls_port=engine.tls_port,
        demo_accounts=accounts,
    )
    try:
        await stop.wait()
    finally:
        await engine.stop()
        _say("stopped")
    return 0


def main() -> int:
    """Read the configuration line, then run."""
    # Its own file beside the console's (two processes never rotate one file).
    setup_logging("engine")
    line = sys.stdin.readline()
    if not line:
        return 2
    return asyncio.run(run(json.loads(line)))


if __name__ == "__main__":
    sys.exit(main())
