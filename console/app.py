"""Composition root: builds the engine for headless mode (and, later, the console)."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path
from typing import Any

from console.api.server import ApiConfig, ApiServer
from console.services.connections import listener_urls
from console.services.engine import CentralSystem, EngineConfig, EngineExtension
from console.services.interpreter import settle_after_start
from console.storage.database import describe_url


def api_extensions(settings: dict[str, Any] | None) -> list[EngineExtension]:
    """The HTTP API as an engine extension (none when ``settings`` is None: --no-api)."""
    return [] if settings is None else [ApiServer(ApiConfig(**settings))]


async def serve(
    config: EngineConfig,
    metrics_file: Path | None = None,
    api: dict[str, Any] | None = None,
) -> None:
    """Run the central system (and its API) until SIGINT or SIGTERM, then stop cleanly."""
    extensions = api_extensions(api)
    engine = CentralSystem(config, extensions)
    await engine.start()
    settle_after_start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    urls = listener_urls(config.host, engine.plain_port, engine.tls_port)
    print(f"ChargeDesk listening on {urls[0] if urls else 'no port'}", flush=True)
    for url in urls[1:]:
        print(f"  also reachable as {url}", flush=True)
    if engine.plain_port is None:
        print("  ws:// (security profiles 0 and 1) is switched off", flush=True)
    if engine.tls_port is None:
        print("  wss:// is off (no site CA): chargers on profile 2 or 3 cannot connect", flush=True)
    for extension in extensions:
        for api_url in getattr(extension, "urls", []):
            print(f"  API: {api_url} (browse {api_url}docs)", flush=True)
    if api is not None and not any(getattr(e, "urls", None) for e in extensions):
        print("  the API is off: it needs the site CA (wss://) for HTTPS", flush=True)
    print(f"  database: {describe_url(config.database_url)}", flush=True)
    print(f"  admission: {config.admission.value}; press Ctrl+C to stop", flush=True)
    try:
        await stop.wait()
    finally:
        summary = engine.lag.summary()
        await engine.stop()
        if metrics_file is not None:
            await asyncio.to_thread(metrics_file.write_text, json.dumps(summary, indent=2))
        print("ChargeDesk stopped", file=sys.stderr, flush=True)
