"""ChargeDesk against the plain ocpp-library server, on the same load, in one run.

For each charger count, starts ``chargedesk serve`` and then the plain server
(benchmarks/plain_server.py), drives each with the same load from a separate load
generator process, and prints calls per second, reply latency p50/p99, the server's
event-loop lag p99 and memory per connected charger, with the ratio ChargeDesk / plain.

    python -m benchmarks.run --chargers 10,100 --seconds 10 --mode flood --compression off

Run from the repository root. docs/benchmarks.md explains the figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import shlex
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import psutil

from benchmarks.common import raise_open_file_limit
from benchmarks.measure import LoadOptions, measure
from benchmarks.processes import REPO_ROOT, ServerSpec
from benchmarks.report import CHARGEDESK, PLAIN, combine_repeats, ratios, render, targets


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--chargers", default="10,100", help="comma-separated counts")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured window per run")
    parser.add_argument("--warmup", type=float, default=3.0, help="load before the window")
    parser.add_argument("--mode", choices=("flood", "steady", "idle"), default="flood")
    parser.add_argument("--compression", choices=("off", "on"), default="off")
    parser.add_argument("--servers", default=f"{CHARGEDESK},{PLAIN}", help="which, in order")
    parser.add_argument(
        "--chargedesk-cmd",
        default=f"{sys.executable} -m console.cli serve",
        help="command for ChargeDesk before the common flags (to try a stub or a build)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="measure each server K times, alternating; medians"
    )
    parser.add_argument("--output", type=Path, help="JSON result file")
    parser.add_argument("--connect-concurrency", type=int, default=100)
    parser.add_argument("--heartbeat-every", type=int, default=50, help="one Heartbeat per N calls")
    parser.add_argument(
        "--idle-interval", type=float, default=30.0, help="seconds between heartbeats (idle)"
    )
    parser.add_argument("--keep-workdir", action="store_true", help="keep logs, db and metrics")
    args = parser.parse_args(argv)
    args.charger_counts = [int(part) for part in args.chargers.split(",") if part.strip()]
    args.server_names = [part.strip() for part in args.servers.split(",") if part.strip()]
    unknown = set(args.server_names) - {CHARGEDESK, PLAIN}
    if unknown or not args.charger_counts:
        parser.error(f"unknown servers {sorted(unknown)}" if unknown else "no --chargers")
    if args.output is None:
        args.output = REPO_ROOT / "benchmarks" / "results" / f"{args.mode}-{args.compression}.json"
    return args


def server_specs(args: argparse.Namespace) -> dict[str, ServerSpec]:
    """The servers under test by name."""
    return {
        CHARGEDESK: ServerSpec(CHARGEDESK, shlex.split(args.chargedesk_cmd), takes_db=True),
        PLAIN: ServerSpec(PLAIN, [sys.executable, "-m", "benchmarks.plain_server"], False),
    }


def host_facts() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "cpus": psutil.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "ocpp": version("ocpp"),
        "websockets": version("websockets"),
    }


def measure_logged(
    spec: ServerSpec, chargers: int, load: LoadOptions, workdir: Path
) -> dict[str, Any]:
    """measure(), with a progress line on stderr."""
    started = time.monotonic()
    print(f"N={chargers} {spec.name} ...", end=" ", file=sys.stderr, flush=True)
    result = measure(spec, chargers, load, workdir)
    elapsed = time.monotonic() - started
    print(f"{result['status']} ({elapsed:.0f} s)", file=sys.stderr, flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the table, write the JSON; 1 if any run failed."""
    args = parse_args(argv)
    # Children inherit it: both servers and the load generator may need one fd per charger.
    nofile = raise_open_file_limit(max(args.charger_counts) + 1024)
    load = LoadOptions(
        mode=args.mode,
        seconds=args.seconds,
        warmup=args.warmup,
        compression=args.compression,
        connect_concurrency=args.connect_concurrency,
        heartbeat_every=args.heartbeat_every,
        idle_interval=args.idle_interval,
    )
    specs = server_specs(args)
    workroot = Path(tempfile.mkdtemp(prefix="chargedesk-bench-"))
    runs: list[dict[str, Any]] = []
    try:
        for chargers in args.charger_counts:
            samples: dict[str, list[dict[str, Any]]] = {name: [] for name in args.server_names}
            for repeat in range(max(1, args.repeat)):
                # Alternate the order so a drifting machine favours neither server.
                order = args.server_names if repeat % 2 == 0 else args.server_names[::-1]
                for name in order:
                    workdir = workroot / f"{name}-{chargers}-{repeat}"
                    samples[name].append(measure_logged(specs[name], chargers, load, workdir))
            results = {name: combine_repeats(samples[name]) for name in args.server_names}
            runs.append(
                {
                    "chargers": chargers,
                    "results": results,
                    "ratios": ratios(results.get(CHARGEDESK), results.get(PLAIN)),
                }
            )
    finally:
        if args.keep_workdir:
            print(f"logs, databases and metrics kept in {workroot}", file=sys.stderr)
        else:
            shutil.rmtree(workroot, ignore_errors=True)
    report = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python -m benchmarks.run " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
        "host": {**host_facts(), "open_file_limit": nofile},
        "config": {
            "chargers": args.charger_counts,
            "mode": args.mode,
            "compression": args.compression,
            "seconds": args.seconds,
            "warmup": args.warmup,
            "heartbeat_every": args.heartbeat_every,
            "idle_interval": args.idle_interval,
            "servers": args.server_names,
            "repeat": max(1, args.repeat),
        },
        "runs": runs,
        "targets": targets(runs, args.mode),
    }
    print(render(report))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nJSON written to {args.output}")
    failed = [r for run in runs for r in run["results"].values() if r.get("status") != "ok"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
