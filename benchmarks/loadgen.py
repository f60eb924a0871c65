"""The load generator process: N simulated chargers against one server.

Runs in its own process, apart from the server it measures. It talks to the runner with
JSON lines on stdout (one ``event`` per line) and waits for a line on stdin at the two
points where the runner samples the server's memory:

1. ``probed``: one probe charger did a whole session and left (the server's code paths
   are warm); the runner reads RSS "before" and answers ``go``.
2. ``ready``: all chargers are connected and set up; the runner reads RSS "after" and
   answers ``go``.
3. ``measuring`` / ``measured`` bracket the measured window (after the warm-up).
4. ``result``: the figures, after every charger stopped its transaction and closed.

``--no-wait`` skips the stdin hand-shakes, to run it alone against any server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import sys
import time
from dataclasses import dataclass
from typing import Any

import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from benchmarks.charger import ChargerSession, LoadSettings, Recorder, run_load
from benchmarks.common import latency_summary, raise_open_file_limit
from console.services.loop_lag import LoopLagMonitor


@dataclass
class LoadConfig:
    """Everything one load-generator run needs."""

    url_base: str
    chargers: int
    settings: LoadSettings
    seconds: float
    warmup: float
    compression: bool
    id_prefix: str
    connect_concurrency: int = 100
    max_queue: int = 16
    wait_for_runner: bool = True

    @property
    def setup_timeout(self) -> float:
        """Bound on connecting and setting up all chargers."""
        return max(60.0, self.chargers * 0.05)


def emit(event: str, **fields: Any) -> None:
    """One JSON line to the runner."""
    sys.stdout.write(orjson.dumps({"event": event, **fields}).decode() + "\n")
    sys.stdout.flush()


async def wait_for_go(cfg: LoadConfig) -> None:
    """Block until the runner says go (a line on stdin); raise if it went away."""
    if not cfg.wait_for_runner:
        return
    line = await asyncio.wait_for(asyncio.to_thread(sys.stdin.readline), timeout=120)
    if not line:
        raise RuntimeError("the runner closed stdin")


async def open_charger(cfg: LoadConfig, charger_id: str) -> ClientConnection:
    """The websocket handshake of one charger, compression set explicitly."""
    return await connect(
        cfg.url_base + charger_id,
        subprotocols=[Subprotocol("ocpp1.6")],
        compression="deflate" if cfg.compression else None,
        max_queue=cfg.max_queue,
        open_timeout=30,
        close_timeout=5,
        ping_interval=None,
    )


class Fleet:
    """The N chargers of a run and the events that move them through its phases."""

    def __init__(self, cfg: LoadConfig, recorder: Recorder) -> None:
        self.cfg = cfg
        self.recorder = recorder
        self.sessions: list[ChargerSession] = []
        self.negotiated_deflate = 0
        self.setup_finished = 0
        self.all_set_up = asyncio.Event()
        self.go = asyncio.Event()
        self.stop = asyncio.Event()
        self.load_started = 0.0
        self._gate = asyncio.Semaphore(cfg.connect_concurrency)

    async def run_charger(self, index: int) -> None:
        """Connect and set up (bounded concurrency), wait for go, load, then tear down."""
        cfg, rec = self.cfg, self.recorder
        charger_id = f"{cfg.id_prefix}{index:05d}"
        session: ChargerSession | None = None
        try:
            async with self._gate:
                ws = await open_charger(cfg, charger_id)
                if "permessage-deflate" in (
                    ws.response.headers.get("Sec-WebSocket-Extensions") or ""
                ):
                    self.negotiated_deflate += 1
                session = ChargerSession(charger_id, ws, rec, cfg.settings)
                self.sessions.append(session)
                await session.setup()
        except Exception as exc:  # every failure is counted, none is fatal
            rec.errors[f"setup: {type(exc).__name__}"] += 1
            if session is not None:
                session.failed = True
        finally:
            self.setup_finished += 1
            if self.setup_finished == cfg.chargers:
                self.all_set_up.set()
        if session is None:
            return
        try:
            if not session.failed:
                await self.go.wait()
                offset = index / cfg.chargers
                await run_load(session, self.stop, offset, self.load_started)
        except Exception as exc:
            session.failed = True
            rec.errors[f"load: {type(exc).__name__}"] += 1
        try:
            await session.teardown()
        except Exception as exc:
            rec.errors[f"teardown: {type(exc).__name__}"] += 1

    def open_count(self) -> int:
        """Chargers whose socket is open and whose calls all succeeded."""
        return sum(1 for session in self.sessions if session.is_open)


async def probe(cfg: LoadConfig) -> None:
    """One charger through a whole session, so the server's code paths are warm."""
    scratch = Recorder()
    settings = LoadSettings(mode="flood", call_timeout_s=cfg.settings.call_timeout_s)
    ws = await open_charger(cfg, f"{cfg.id_prefix}probe")
    session = ChargerSession(f"{cfg.id_prefix}probe", ws, scratch, settings)
    await session.setup()
    await session.meter_values()
    await session.heartbeat()
    await session.teardown()


async def run(cfg: LoadConfig) -> dict[str, Any]:
    """All phases of one run; returns the figures."""
    rec = Recorder()
    await probe(cfg)
    emit("probed")
    await wait_for_go(cfg)

    fleet = Fleet(cfg, rec)
    setup_started = time.perf_counter()
    tasks = [asyncio.create_task(fleet.run_charger(i)) for i in range(cfg.chargers)]
    try:
        await asyncio.wait_for(fleet.all_set_up.wait(), timeout=cfg.setup_timeout)
    except TimeoutError:
        rec.errors["setup: not finished in time"] += cfg.chargers - fleet.setup_finished
    setup_s = time.perf_counter() - setup_started
    # Thousands of live connections make full collections slow; freezing what exists now
    # keeps the load generator's own pauses out of the latencies it measures.
    gc.collect()
    gc.freeze()
    connected_after_setup = fleet.open_count()
    emit("ready", connected=connected_after_setup, setup_s=round(setup_s, 3))
    await wait_for_go(cfg)

    fleet.load_started = time.perf_counter()
    fleet.go.set()
    await asyncio.sleep(cfg.warmup)
    lag = LoopLagMonitor()
    lag.start()
    rec.measuring = True
    window_start, cpu_start = time.perf_counter(), time.process_time()
    emit("measuring")
    await asyncio.sleep(cfg.seconds)
    rec.measuring = False
    window_s = time.perf_counter() - window_start
    loadgen_cpu = (time.process_time() - cpu_start) / window_s * 100.0
    connected_at_end = fleet.open_count()
    await lag.stop()
    emit("measured")

    fleet.stop.set()
    _, pending = await asyncio.wait(tasks, timeout=max(30.0, cfg.settings.call_timeout_s + 10))
    for task in pending:
        task.cancel()
    if pending:
        rec.errors["teardown: not finished in time"] += len(pending)
        await asyncio.wait(pending, timeout=5)

    calls = sum(rec.window_calls.values())
    return {
        "chargers": cfg.chargers,
        "mode": cfg.settings.mode,
        "compression_offered": "deflate" if cfg.compression else "none",
        "compression_negotiated": fleet.negotiated_deflate,
        "connected_after_setup": connected_after_setup,
        "connected_at_end": connected_at_end,
        "setup_s": round(setup_s, 3),
        "window_s": round(window_s, 3),
        "calls_in_window": dict(rec.window_calls),
        "calls_per_s": round(calls / window_s, 1),
        "metervalues_per_s": round(rec.window_calls["MeterValues"] / window_s, 1),
        "latency": latency_summary(rec.latencies_ms),
        "late_ticks": rec.late_ticks,
        "loadgen_cpu_pct": round(loadgen_cpu, 1),
        "loadgen_loop_lag_p99_ms": lag.summary()["loop_lag_p99_ms"],
        "loadgen_loop_lag_max_ms": lag.summary()["loop_lag_max_ms"],
        "replies": dict(rec.replies),
        "server_calls_refused": dict(rec.server_calls),
        "errors": dict(rec.errors),
    }


def parse_args(argv: list[str] | None = None) -> LoadConfig:
    """Command-line flags to a LoadConfig."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url-base", required=True, help="e.g. ws://127.0.0.1:9000/ocpp/")
    parser.add_argument("--chargers", type=int, required=True)
    parser.add_argument("--mode", choices=("flood", "steady", "idle"), default="flood")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured window")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--compression", choices=("off", "on"), default="off")
    parser.add_argument("--id-prefix", default="BENCH-")
    parser.add_argument("--connect-concurrency", type=int, default=100)
    parser.add_argument("--heartbeat-every", type=int, default=50)
    parser.add_argument("--idle-interval", type=float, default=30.0)
    parser.add_argument("--call-timeout", type=float, default=30.0)
    parser.add_argument("--no-wait", action="store_true", help="do not wait for the runner")
    args = parser.parse_args(argv)
    settings = LoadSettings(
        mode=args.mode,
        heartbeat_every=max(1, args.heartbeat_every),
        idle_interval_s=args.idle_interval,
        call_timeout_s=args.call_timeout,
    )
    return LoadConfig(
        url_base=args.url_base,
        chargers=args.chargers,
        settings=settings,
        seconds=args.seconds,
        warmup=args.warmup,
        compression=args.compression == "on",
        id_prefix=args.id_prefix,
        connect_concurrency=max(1, args.connect_concurrency),
        wait_for_runner=not args.no_wait,
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point: run, print the result line, exit non-zero on a fatal error."""
    cfg = parse_args(argv)
    raise_open_file_limit(cfg.chargers + 256)
    try:
        result = asyncio.run(run(cfg))
    except Exception as exc:  # reported to the runner, not a traceback
        emit("error", error=f"{type(exc).__name__}: {exc}")
        return 1
    emit("result", result=result)
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
