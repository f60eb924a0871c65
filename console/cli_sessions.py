"""``chargedesk sessions end``: staff end a session the charger never stopped.

The command runs the same service operation as the console (SessionService.end_session)
on the database given, through a writer of its own (``admin.end_session``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

SubParsers = Any  # argparse's private _SubParsersAction


def add_parser(
    session_commands: SubParsers, add_db: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add ``end`` to the ``sessions`` actions."""
    end = session_commands.add_parser(
        "end",
        help="end a running session the charger never stopped (flagged 'ended by staff')",
    )
    end.add_argument("session_id", type=int, metavar="ID", help="the session (transaction) id")
    end.add_argument(
        "--reason", required=True, help="why it is ended, kept with the session for staff"
    )
    add_db(end)
    aside = session_commands.add_parser(
        "kept-aside",
        help="what chargers sent about transactions not their own, kept aside and never billed",
    )
    aside.add_argument("--charger", help="only what this charger sent")
    aside.add_argument("--json", action="store_true", help="one JSON object per line")
    aside.add_argument("--limit", type=int, default=200, help="meter samples shown (newest)")
    add_db(aside)


def run_kept_aside(args: argparse.Namespace, url: str) -> int:
    """Run ``sessions kept-aside``: stops and meter samples that counted nowhere."""
    from console.services.queries import SiteQueries

    queries = SiteQueries(url)
    try:
        samples, stops = queries.kept_aside(args.charger, max(1, args.limit))
    finally:
        queries.close()
    if args.json:
        for stop in stops:
            print(json.dumps({"kind": "stop", **asdict(stop)}, default=str))
        for sample in samples:
            print(json.dumps({"kind": "sample", **asdict(sample)}, default=str))
        return 0
    print(f"StopTransactions kept aside: {len(stops)}")
    for stop in stops:
        why = stop.why_kept_aside or "unmatched"
        print(
            f"  {_utc(stop.received_at)}  {stop.charger_id:20} transaction"
            f" {stop.transaction_id:>10}  meter stop {stop.meter_stop} Wh  ({why})"
        )
    print(f"Meter samples kept aside (newest {len(samples)}):")
    for sample in samples:
        value = sample.raw_value if sample.value is None else f"{sample.value:g}"
        print(
            f"  {_utc(sample.received_at)}  {sample.charger_id:20} transaction"
            f" {sample.transaction_id:>10}  {sample.measurand} {value} {sample.unit}"
            f"  ({sample.why_kept_aside})"
        )
    return 0


def _utc(at: datetime) -> str:
    """A time as the site reads it (or UTC with --utc), its zone named: "... 09:14:05 CET"."""
    from console.services.formatting import format_with_zone

    return format_with_zone(at)


def run(args: argparse.Namespace, url: str) -> int:
    """Run ``sessions end`` or ``sessions kept-aside``; the exit code."""
    if args.action == "kept-aside":
        return run_kept_aside(args, url)
    from console.cli_actor import cli_actor
    from console.services.admin import end_session
    from console.services.sessions import SessionError

    try:
        session = end_session(url, args.session_id, args.reason, actor=cli_actor(url))
    except SessionError as error:
        print(f"chargedesk: {error}", file=sys.stderr)
        return 1
    energy = (session.energy_wh or 0) / 1000
    stopped = _utc(session.stopped_at) if session.stopped_at else "-"
    print(
        f"session {session.id} ended by staff: {energy:.3f} kWh, "
        f"stop {stopped} (the last meter reading; a late stop from the charger replaces it)"
    )
    return 0
