"""The console under load: `python -m benchmarks.gui --chargers 200 --seconds 600`.

Runs the real console offscreen in this process (GUI on qasync, as `chargedesk` does)
with its engine in a thread (``--engine thread``) or in a child process it attaches to
through the API (``--engine process``), and the load generator in its own process: N
chargers each sending one MeterValues a second. ``--compare`` runs both, one after the
other, each in a fresh process, and reports them side by side. Prints and writes as JSON:

- GUI thread lag p99 (target < 30 ms) and engine loop lag p99,
- engine reply latency p50/p99 as the chargers measured it (target p99 < 50 ms),
- screen freshness: how old the newest picture of the site is when the GUI draws it,
  the bridge's interval plus the time an update waits for the GUI thread (target < 1 s),
- memory (RSS) sampled every 30 s over the run, with its growth after the first minute
  (target: flat).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psutil
import qasync

from benchmarks.processes import child_env
from console.core.enums import AdmissionMode
from console.core.staff import Origin
from console.services.attached_thread import AttachedThread
from console.services.engine import EngineConfig
from console.services.engine_process import EngineProcess
from console.services.loop_lag import LoopLagMonitor
from console.services.network import free_port
from console.ui.bridge import DEFAULT_INTERVAL
from console.ui.console_app import Console, create_application

MEMORY_EVERY = 30.0


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def _run(console: Console, args: argparse.Namespace) -> dict[str, Any]:
    gui_lag = LoopLagMonitor()
    gui_lag.start()
    engine: Any = console.client.engine
    url = f"ws://127.0.0.1:{engine.port}/ocpp/"
    engine_lag = getattr(engine, "lag", None)  # in the console's process only
    loadgen = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "benchmarks.loadgen", "--url-base", url,
        "--chargers", str(args.chargers), "--mode", "steady", "--seconds", str(args.seconds),
        "--warmup", str(args.warmup), "--no-wait", "--id-prefix", "GUI-",
        stdout=asyncio.subprocess.PIPE, env=child_env(),
    )  # fmt: skip
    assert loadgen.stdout is not None
    process = psutil.Process()
    memory: list[tuple[float, int]] = []
    result: dict[str, Any] = {}
    window: dict[str, Any] = {}  # lags and deliveries of the measured window only
    started = time.monotonic()
    next_sample = started
    while True:
        if time.monotonic() >= next_sample:
            memory.append((round(time.monotonic() - started, 1), process.memory_info().rss))
            next_sample += MEMORY_EVERY
        try:
            line = await asyncio.wait_for(loadgen.stdout.readline(), 1.0)
        except TimeoutError:
            continue
        if not line:
            break
        event = json.loads(line)
        if event.get("event") == "measuring":
            gui_lag.reset()
            if engine_lag is not None:
                engine_lag.reset()
            console.mirror.delivery_lag_s.clear()
        elif event.get("event") == "measured":
            # Taken here so that the chargers' teardown stays out of the window's figures.
            window = {
                "gui_loop": gui_lag.summary(),
                "engine_loop": engine_lag.summary() if engine_lag is not None else None,
                "delivery": list(console.mirror.delivery_lag_s),
            }
        elif event.get("event") == "result":
            result = event["result"]
    await loadgen.wait()
    await gui_lag.stop()
    delivery = window.get("delivery", list(console.mirror.delivery_lag_s))
    after_warmup = [rss for at, rss in memory if at >= 60] or [rss for _, rss in memory]
    return {
        "chargers": args.chargers,
        "seconds": args.seconds,
        "gui_loop": window.get("gui_loop", gui_lag.summary()),
        "engine": args.engine,
        "engine_loop": window.get("engine_loop"),
        "reply_latency": result.get("latency"),
        "metervalues_per_s": result.get("metervalues_per_s"),
        "connected_at_end": result.get("connected_at_end"),
        "screen_age_p99_s": round(_percentile(delivery, 0.99) + DEFAULT_INTERVAL, 3),
        "screen_age_max_s": round(max(delivery, default=0.0) + DEFAULT_INTERVAL, 3),
        "rss_mib": [(at, round(rss / 2**20, 1)) for at, rss in memory],
        "rss_growth_after_first_minute_mib": round((after_warmup[-1] - after_warmup[0]) / 2**20, 1),
    }


def _measure(args: argparse.Namespace) -> dict[str, Any]:
    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory(prefix="chargedesk-gui-bench-") as folder:
        config = EngineConfig(
            database_url=f"sqlite:///{Path(folder) / 'bench.db'}",
            host="127.0.0.1",
            port=0,
            admission=AdmissionMode.OPEN,
            tls_port=0,
            pki_folder=Path(folder) / "pki",
        )
        child: EngineProcess | None = None
        if args.engine == "process":
            child, console = _console_in_child(config, Path(folder), loop)
        else:
            console = Console(config)
        console.window.resize(1366, 768)
        console.window.show()
        try:
            return loop.run_until_complete(_run(console, args))
        finally:
            console.window.close()
            console.stop()
            if child is not None:
                child.stop()
            # Stops qasync's executor threads; without it Qt aborts at exit (code 134,
            # "QThread: Destroyed while thread is still running") after the figures are out.
            loop.close()


def _console_in_child(
    config: EngineConfig, folder: Path, loop: asyncio.AbstractEventLoop
) -> tuple[EngineProcess, Console]:
    """The console as `--engine process` builds it, logged in as the demo admin."""
    api = {"port": free_port(), "host": "127.0.0.1", "local_port": None}
    config = replace(config, port=free_port(), tls_port=free_port())
    child = EngineProcess(config, api, folder / "engine.log", demo=True)
    ready = child.start()
    tls = ssl.create_default_context(cafile=str(folder / "pki" / "ca.pem"))
    attached = AttachedThread(ready.api_url, tls, folder / "desk", version("chargedesk"))
    attached.start()
    console = Console(None, attached=attached)
    actor = loop.run_until_complete(
        console.client.call(
            lambda e: e.staff.login("admin", "admin-password", origin=Origin.CONSOLE, place="")
        )
    )
    console.client.actor = actor
    return child, console


def _compare(args: argparse.Namespace) -> dict[str, Any]:
    """Both engines, each in a process of its own, one after the other."""
    figures: dict[str, Any] = {}
    for engine in ("thread", "process"):
        command = [
            sys.executable, "-m", "benchmarks.gui", "--engine", engine,
            "--chargers", str(args.chargers), "--seconds", str(args.seconds),
            "--warmup", str(args.warmup),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, env=child_env())
        start = done.stdout.find("{")
        figures[engine] = (
            json.loads(done.stdout[start:]) if start >= 0 else {"error": done.stderr[-2000:]}
        )
    return figures


def main() -> int:
    """Run the GUI benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chargers", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0, help="measured window")
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--output", type=Path, help="write the figures here as JSON")
    parser.add_argument("--engine", choices=("thread", "process"), default="thread")
    parser.add_argument("--compare", action="store_true", help="both engines, one by one")
    args = parser.parse_args()
    figures = _compare(args) if args.compare else _measure(args)
    text = json.dumps(figures, indent=2)
    print(text)
    if args.output is not None:
        args.output.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
