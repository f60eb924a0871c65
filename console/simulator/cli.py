"""``chargedesk simulate``: run a fleet of simulated chargers against a central system."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from typing import Any

from console.simulator.fleet import FleetReport, run_fleet


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``simulate`` options to ``parser``."""
    parser.add_argument(
        "--url",
        required=True,
        help="central system URL, e.g. ws://127.0.0.1:9000/ocpp (the charger id is appended)",
    )
    parser.add_argument("--chargers", type=int, default=1, help="number of chargers (default 1)")
    parser.add_argument(
        "--connectors", type=int, default=2, help="connectors per charger (default 2)"
    )
    parser.add_argument("--password", help="HTTP Basic auth password (user name = charger id)")
    parser.add_argument("--duration", type=float, help="stop after this many seconds")
    parser.add_argument(
        "--meter-interval",
        type=float,
        default=10.0,
        help="seconds between MeterValues while charging (default 10)",
    )
    parser.add_argument("--id-prefix", default="SIM-", help="charger id prefix (default SIM-)")
    parser.add_argument(
        "--dc-share", type=float, default=0.25, help="share of DC chargers, 0..1 (default 0.25)"
    )
    parser.add_argument("--cards", help="comma-separated card ids the drivers use")
    parser.add_argument(
        "--no-sessions", action="store_true", help="only connect and heartbeat, no sessions"
    )
    parser.add_argument("--seed", type=int, help="random seed, for a reproducible run")
    security = parser.add_argument_group("security (OCPP 1.6 security extension)")
    security.add_argument(
        "--security-profile",
        type=int,
        choices=range(4),
        help="0-3 (default: 2 for a wss:// URL, 3 with --cert; else 1 with --password, or 0)",
    )
    security.add_argument(
        "--ca-file", help="PEM file of the CA whose server certificate wss:// trusts"
    )
    security.add_argument(
        "--cert",
        help="PEM file of the charger certificate for profile 3; {id} is the charger id",
    )
    security.add_argument("--key", help="PEM file of its private key; {id} as for --cert")
    security.add_argument(
        "--tls-port", type=int, help="wss port to use when a profile change swaps ws for wss"
    )
    security.add_argument(
        "--security-events",
        choices=("off", "critical", "all"),
        default="off",
        help="which security events are sent as SecurityEventNotification (default off)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every OCPP message")


def run(args: argparse.Namespace) -> int:
    """Run the fleet described by ``args``; Ctrl-C stops it cleanly. Returns the exit code."""
    problem = _check(args)
    if problem:
        print(f"simulate: {problem}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    cards = [c.strip() for c in args.cards.split(",") if c.strip()] if args.cards else None
    print(
        f"simulating {args.chargers} charger(s) x {args.connectors} connector(s) "
        f"against {args.url}" + (f" for {args.duration:g}s" if args.duration else ""),
        file=sys.stderr,
    )
    try:
        report = asyncio.run(_simulate(args, cards))
    except KeyboardInterrupt:  # where signal handlers are unavailable (Windows)
        print("simulate: stopped", file=sys.stderr)
        return 0
    _print_report(report)
    return 0


async def _simulate(args: argparse.Namespace, cards: list[str] | None) -> FleetReport:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    # Ctrl-C ends the run like --duration does: sessions are stopped, queued
    # messages delivered, and the report printed. (No signal handlers on Windows or
    # outside the main thread: there Ctrl-C raises KeyboardInterrupt instead.)
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGINT, stop.set)
        loop.add_signal_handler(signal.SIGTERM, stop.set)
    try:
        return await run_fleet(
            args.url,
            chargers=args.chargers,
            connectors=args.connectors,
            password=args.password,
            duration=args.duration,
            id_prefix=args.id_prefix,
            dc_share=args.dc_share,
            meter_interval=args.meter_interval,
            cards=cards,
            auto_sessions=not args.no_sessions,
            seed=args.seed,
            stop=stop,
            **_security_options(args),
        )
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGINT)
            loop.remove_signal_handler(signal.SIGTERM)


def _security_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {"security_events": args.security_events}
    for name in ("security_profile", "tls_port", "cert", "key"):
        if getattr(args, name) is not None:
            options[name] = getattr(args, name)
    if args.ca_file is not None:
        options["ca"] = args.ca_file
    return options


def _check(args: argparse.Namespace) -> str | None:
    if not str(args.url).startswith(("ws://", "wss://")):
        return "--url must start with ws:// or wss://"
    if args.chargers < 1 or args.connectors < 1:
        return "--chargers and --connectors must be at least 1"
    if args.duration is not None and args.duration <= 0:
        return "--duration must be positive"
    if args.meter_interval <= 0:
        return "--meter-interval must be positive"
    if not 0.0 <= args.dc_share <= 1.0:
        return "--dc-share must be between 0 and 1"
    if (args.cert is None) != (args.key is None):
        return "--cert and --key go together"
    for name in ("ca_file", "cert", "key"):
        path = getattr(args, name)
        if path is not None and "{id}" not in path and not os.path.isfile(path):
            return f"--{name.replace('_', '-')}: no such file: {path}"
    if args.cert is not None and "{id}" not in args.cert and args.chargers > 1:
        return "--cert names one charger: use --chargers 1, or put {id} in the file names"
    return None


def _print_report(report: FleetReport) -> None:
    print(
        f"chargers booted: {report.booted}/{report.chargers}, "
        f"sessions started: {report.sessions_started}, stopped: {report.sessions_stopped}, "
        f"refused: {report.sessions_refused}",
        file=sys.stderr,
    )


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``python -m console.simulator --url ...``."""
    parser = argparse.ArgumentParser(prog="chargedesk simulate", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))
