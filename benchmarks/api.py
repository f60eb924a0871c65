"""The API under load: reads and event streams beside chargers sending MeterValues.

One ChargeDesk server (``chargedesk serve``, with its HTTPS API) in its own process; the
load generator (benchmarks/loadgen.py) in another, N chargers each sending one
MeterValues a second ("steady"). The same server is measured in turns without and with
API clients: ``--readers`` tasks issuing GET requests (charger list, one charger, running
sessions, alarms) at ``--read-rate`` requests a second in all, and ``--streams`` clients on
the live event stream (WebSocket). The chargers' reply latency is compared between the
turns of one run (a ratio, which holds on a noisy machine); the API's read latency and
the events each stream received are reported from the turns with clients.

    python -m benchmarks.api --chargers 200 --seconds 30 --output results/api.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import aiohttp

from benchmarks.common import free_port, latency_summary
from benchmarks.processes import LoadgenProcess, ServerProcess, ServerSpec, child_env

USER, PASSWORD = "bench", "bench-password-0123"


class ApiLoad:
    """API readers and event-stream clients on a loop of their own (a thread)."""

    def __init__(self, base: str, tls: ssl.SSLContext, token: str, args: argparse.Namespace):
        self.base = base
        self.tls = tls
        self.token = token
        self.args = args
        self.measuring = False
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, int] = defaultdict(int)
        self.events: list[int] = []
        self.stream_closes: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()

    def start(self) -> None:
        """Start the clients; returns once every stream is connected."""
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("the event-stream clients did not connect in 30 s")

    def stop(self) -> None:
        """Stop every client and wait for the thread."""
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)

    def _run(self) -> None:
        self._loop.run_until_complete(self._main())
        self._loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        headers = {"Authorization": f"Bearer {self.token}"}
        connector = aiohttp.TCPConnector(ssl=self.tls, limit=0)
        async with aiohttp.ClientSession(headers=headers, connector=connector) as http:
            self.events = [0] * self.args.streams
            connected = [asyncio.Event() for _ in range(self.args.streams)]
            tasks = [
                asyncio.create_task(self._stream(http, i, connected[i]))
                for i in range(self.args.streams)
            ]
            await asyncio.gather(*(event.wait() for event in connected))
            self._ready.set()
            tasks += [asyncio.create_task(self._reader(http, i)) for i in range(self.args.readers)]
            await self._stop.wait()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _stream(self, http: aiohttp.ClientSession, index: int, up: asyncio.Event) -> None:
        async with http.ws_connect(self.base + "/api/events", heartbeat=30) as ws:
            up.set()
            async for message in ws:
                if message.type is aiohttp.WSMsgType.TEXT:
                    self.events[index] += 1
            self.stream_closes.append(f"{ws.close_code} {ws.extra or ''}".strip())

    async def _reader(self, http: aiohttp.ClientSession, index: int) -> None:
        paths = self.args.paths
        period = self.args.readers / self.args.read_rate
        next_at = time.perf_counter() + period * index / self.args.readers
        turn = index
        while True:
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            next_at += period
            path = paths[turn % len(paths)]
            turn += 1
            started = time.perf_counter()
            async with http.get(self.base + path) as response:
                await response.read()
            elapsed_ms = (time.perf_counter() - started) * 1000.0
            if self.measuring:
                self.latencies[path].append(elapsed_ms)
                self.statuses[f"{path} {response.status}"] += 1


def _login(base: str, tls: ssl.SSLContext) -> str:
    async def login() -> str:
        async with aiohttp.ClientSession() as http:
            body = {"username": USER, "password": PASSWORD}
            async with http.post(base + "/api/login", json=body, ssl=tls) as response:
                answer = await response.json(content_type=None)
                if response.status != 200:
                    raise RuntimeError(f"login refused: {answer}")
                return str(answer["token"])

    return asyncio.run(login())


def _turn(
    server: ServerProcess, args: argparse.Namespace, workdir: Path, api: ApiLoad | None, name: str
) -> dict[str, Any]:
    loadgen = LoadgenProcess(
        [
            "--url-base",
            server.url_base,
            "--chargers",
            str(args.chargers),
            "--mode",
            "steady",
            "--seconds",
            str(args.seconds),
            "--warmup",
            str(args.warmup),
            "--id-prefix",
            "BENCH-",
        ],
        workdir / f"loadgen-{name}.err",
    )
    try:
        loadgen.expect("probed", 120)
        loadgen.go()
        loadgen.expect("ready", 300)
        if api is not None:
            api.start()
        loadgen.go()
        loadgen.expect("measuring", args.warmup + 60)
        cpu_before = server.cpu_seconds()
        if api is not None:
            api.measuring = True
        loadgen.expect("measured", args.seconds + 60)
        if api is not None:
            api.measuring = False
        cpu = server.cpu_seconds() - cpu_before
        result = loadgen.expect("result", 120)["result"]
    finally:
        if api is not None:
            api.stop()
        loadgen.close()
    figures: dict[str, Any] = {
        "replies": result["latency"],
        "metervalues_per_s": result["metervalues_per_s"],
        "server_cpu_pct": round(cpu / args.seconds * 100.0, 1),
        "errors": result["errors"],
    }
    if api is not None:
        every = [ms for values in api.latencies.values() for ms in values]
        figures["api_reads"] = latency_summary(every)
        figures["api_reads_per_s"] = round(len(every) / args.seconds, 1)
        figures["api_by_path"] = {p: latency_summary(v) for p, v in api.latencies.items()}
        figures["api_statuses"] = dict(api.statuses)
        figures["events_per_stream"] = api.events
        figures["stream_closes"] = api.stream_closes
    return figures


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Both kinds of turn, alternating, on one server."""
    db = f"sqlite:///{workdir / 'bench.db'}"
    cli = [sys.executable, "-m", "console.cli"]
    subprocess.run(
        [*cli, "staff", "add", USER, "--roles", "viewer", "--password-stdin", "--db", db],
        input=PASSWORD,
        text=True,
        check=True,
        env=child_env(),
        capture_output=True,
    )
    api_port, tls_port = free_port(), free_port()
    spec = ServerSpec(
        "chargedesk",
        [
            *cli,
            "serve",
            "--tls-port",
            str(tls_port),
            "--api-port",
            str(api_port),
            "--pki-dir",
            str(workdir / "pki"),
            "--heartbeat-interval",
            "300",
        ],
        takes_db=True,
    )
    server = ServerProcess(spec, workdir, free_port())
    server.start()
    try:
        tls = ssl.create_default_context(cafile=str(workdir / "pki" / "ca.pem"))
        base = f"https://localhost:{api_port}"
        token = _login(base, tls)
        turns: dict[str, list[dict[str, Any]]] = {"without": [], "with": []}
        # A first turn, not counted: the first sessions of a fresh database (and its
        # first checkpoints) are slower than every later one, whichever kind goes first.
        _turn(server, args, workdir, None, "warm-up")
        for _ in range(args.repeat):
            turns["without"].append(_turn(server, args, workdir, None, "without"))
            api = ApiLoad(base, tls, token, args)
            turns["with"].append(_turn(server, args, workdir, api, "with"))
    finally:
        server.stop()
    p99 = {kind: max(t["replies"]["p99_ms"] for t in runs) for kind, runs in turns.items()}
    return {
        "chargers": args.chargers,
        "seconds": args.seconds,
        "readers": args.readers,
        "read_rate": args.read_rate,
        "streams": args.streams,
        "turns": turns,
        "reply_p99_ms_without": p99["without"],
        "reply_p99_ms_with": p99["with"],
        "reply_p99_ratio": round(p99["with"] / p99["without"], 2) if p99["without"] else None,
        "api_read_p99_ms": max(t["api_reads"]["p99_ms"] for t in turns["with"]),
    }


def main(argv: list[str] | None = None) -> int:
    """Run, print the figures, write them to --output."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chargers", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0, help="measured window per turn")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=1, help="turns of each kind")
    parser.add_argument("--readers", type=int, default=4, help="concurrent API readers")
    parser.add_argument("--read-rate", type=float, default=20.0, help="API reads a second")
    parser.add_argument("--streams", type=int, default=5, help="event-stream clients")
    parser.add_argument(
        "--paths",
        nargs="+",
        default=[
            "/api/chargers",
            "/api/chargers/BENCH-00001",
            "/api/sessions?running=true&limit=200",
            "/api/alarms?limit=50",
        ],
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="chargedesk-api-bench-") as folder:
        figures = run(args, Path(folder))
    text = json.dumps(figures, indent=2)
    print(text)
    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
