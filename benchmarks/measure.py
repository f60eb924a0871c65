"""One measurement: one server under test, one load of N chargers, start to stop."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from benchmarks.common import free_port
from benchmarks.processes import (
    LoadgenError,
    LoadgenProcess,
    ServerProcess,
    ServerSpec,
    ServerStartError,
)


@dataclass
class LoadOptions:
    """The load, the same for every server of a run."""

    mode: str
    seconds: float
    warmup: float
    compression: str  # "off" or "on"
    connect_concurrency: int
    heartbeat_every: int
    idle_interval: float
    settle: float = 1.0

    def loadgen_args(self, url_base: str, chargers: int, id_prefix: str) -> list[str]:
        """The load generator's command-line flags."""
        return [
            "--url-base", url_base,
            "--chargers", str(chargers),
            "--mode", self.mode,
            "--seconds", str(self.seconds),
            "--warmup", str(self.warmup),
            "--compression", self.compression,
            "--id-prefix", id_prefix,
            "--connect-concurrency", str(self.connect_concurrency),
            "--heartbeat-every", str(self.heartbeat_every),
            "--idle-interval", str(self.idle_interval),
        ]  # fmt: skip

    def phase_timeout(self, chargers: int) -> float:
        """Bound on any one phase of the load generator."""
        return 120.0 + chargers * 0.05 + self.warmup + self.seconds


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent on anything but idling since boot."""
    times = psutil.cpu_times()
    return float(sum(times)) - times.idle - getattr(times, "iowait", 0.0)


def measure(spec: ServerSpec, chargers: int, load: LoadOptions, workdir: Path) -> dict[str, Any]:
    """Start the server, run the load against it, stop it; every figure of that run.

    Never raises for a server or load generator failure: the result says what failed.
    """
    result: dict[str, Any] = {"server": spec.name, "chargers": chargers}
    server = ServerProcess(spec, workdir, free_port())
    result["command"] = " ".join(server.argv)
    try:
        server.start()
    except ServerStartError as exc:
        result["status"] = "failed to start"
        result["error"] = str(exc)
        return result
    rss_at_ready = server.rss()
    loadgen = LoadgenProcess(
        load.loadgen_args(server.url_base, chargers, f"B{chargers}-"), workdir / "loadgen.err"
    )
    timeout = load.phase_timeout(chargers)
    # A server may still be recording thousands of disconnections when it is told to stop.
    stop_timeout = 30.0 + chargers * 0.01
    try:
        loadgen.expect("probed", timeout)
        rss_before = server.rss()
        loadgen.go()
        ready = loadgen.expect("ready", timeout)
        time.sleep(load.settle)
        rss_after = server.rss()
        loadgen.go()
        loadgen.expect("measuring", timeout)
        cpu_start, busy_start = server.cpu_seconds(), machine_busy_seconds()
        wall_start = time.perf_counter()
        loadgen.expect("measured", timeout)
        wall = time.perf_counter() - wall_start
        server_cpu_s = server.cpu_seconds() - cpu_start
        machine_busy = (machine_busy_seconds() - busy_start) / wall
        server_cpu = server_cpu_s / wall
        figures = loadgen.expect("result", timeout)["result"]
        result["status"] = "ok"
    except LoadgenError as exc:
        result["status"] = "load failed"
        result["error"] = str(exc)
        return {**result, "server_metrics": server.stop(stop_timeout)}
    except psutil.Error as exc:
        result["status"] = "server died"
        result["error"] = f"{type(exc).__name__}: {exc}"
        return {**result, "server_metrics": server.stop(stop_timeout)}
    finally:
        loadgen.close()
    metrics = server.stop(stop_timeout)
    connected = max(1, ready["connected"])
    result.update(figures)
    result.update(
        {
            "rss_at_ready_mib": round(rss_at_ready / 2**20, 2),
            "rss_before_mib": round(rss_before / 2**20, 2),
            "rss_after_mib": round(rss_after / 2**20, 2),
            "memory_per_charger_kib": round((rss_after - rss_before) / connected / 1024, 1),
            "server_cpu_pct": round(server_cpu * 100.0, 1),
            # Whatever else ran on the machine meanwhile: figures taken beside a busy
            # neighbour are slower for both servers, and noisier.
            "other_cpu_pct": round(
                max(0.0, machine_busy - server_cpu) * 100.0 - figures["loadgen_cpu_pct"], 1
            ),
            "server_cpu_us_per_call": round(
                server_cpu_s / max(1, sum(figures["calls_in_window"].values())) * 1e6, 1
            ),
            "loop_lag_p50_ms": metrics.get("loop_lag_p50_ms"),
            "loop_lag_p99_ms": metrics.get("loop_lag_p99_ms"),
            "server_metrics": metrics,
        }
    )
    return result
