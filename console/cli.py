"""The ``chargedesk`` command line: the console (default), serve, simulate and set-up."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from console.core.enums import AdmissionMode

DEFAULT_PORT = 9000


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL (default: a SQLite file in the user data folder)",
    )


def _add_file_port(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--file-port",
        type=int,
        default=0,
        help="port of the diagnostics/firmware file endpoint, opened only while a transfer "
        "is under way (default: any free port; fix it to open it in a firewall)",
    )


def _database_url(args: argparse.Namespace) -> str:
    if args.db:
        return str(args.db)
    from console.storage.database import default_database_url

    return default_database_url()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="chargedesk",
        description="ChargeDesk: operations console and OCPP central system for EV charging sites.",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start with simulated chargers and a throw-away database",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="OCPP port (default 9000)")
    _add_file_port(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    _add_db(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the central system headless (no window)")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default: all)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default 9000)")
    _add_file_port(serve)
    serve.add_argument(
        "--admission",
        choices=[mode.value for mode in AdmissionMode],
        default=AdmissionMode.APPROVE.value,
        help="unknown chargers: approve (wait for staff, default), open (accept), closed (refuse)",
    )
    serve.add_argument(
        "--heartbeat-interval", type=int, default=300, help="seconds, sent to chargers at boot"
    )
    serve.add_argument(
        "--metrics-file", type=Path, help="write event-loop lag figures here (JSON) on exit"
    )
    _add_db(serve)

    chargers = commands.add_parser("chargers", help="register and list chargers")
    charger_commands = chargers.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = charger_commands.add_parser("add", help="register a charger (accepted)")
    add.add_argument("charger_id", metavar="ID")
    add.add_argument("--password", help="HTTP Basic auth password (username is the charger id)")
    _add_db(add)
    for name, text in (("accept", "accept a waiting charger"), ("reject", "reject a charger")):
        sub = charger_commands.add_parser(name, help=text)
        sub.add_argument("charger_id", metavar="ID")
        _add_db(sub)
    listing = charger_commands.add_parser("list", help="list chargers")
    listing.add_argument("--json", action="store_true", help="one JSON object per charger")
    _add_db(listing)

    sessions = commands.add_parser("sessions", help="list charging sessions")
    session_commands = sessions.add_subparsers(dest="action", metavar="ACTION", required=True)
    session_list = session_commands.add_parser("list", help="list sessions, newest first")
    session_list.add_argument("--json", action="store_true", help="one JSON object per session")
    session_list.add_argument("--running", action="store_true", help="only running sessions")
    _add_db(session_list)

    from console import cli_cards

    cli_cards.add_parser(commands, _add_db)

    from console import cli_billing

    cli_billing.add_parsers(commands, _add_db, session_commands)

    from console.simulator import cli as simulator_cli

    simulate = commands.add_parser("simulate", help="run simulated OCPP 1.6 chargers")
    simulator_cli.add_arguments(simulate)
    return parser


def _run_serve(args: argparse.Namespace) -> int:
    from console.app import serve
    from console.services.engine import EngineConfig

    config = EngineConfig(
        database_url=_database_url(args),
        host=args.host,
        port=args.port,
        admission=AdmissionMode(args.admission),
        heartbeat_interval=args.heartbeat_interval,
        file_port=args.file_port,
    )
    try:
        asyncio.run(serve(config, args.metrics_file))
    except OSError as error:
        print(f"chargedesk: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    return 0


def _run_chargers(args: argparse.Namespace) -> int:
    from console.services import admin

    url = _database_url(args)
    if args.action == "add":
        record = admin.add_charger(url, args.charger_id, args.password)
        secured = "with a password" if record.has_password else "without a password"
        print(f"charger {record.id} registered ({record.approval.value}, {secured})")
        return 0
    if args.action in ("accept", "reject"):
        if not admin.set_approval(url, args.charger_id, args.action == "accept"):
            print(f"chargedesk: no charger {args.charger_id}", file=sys.stderr)
            return 1
        print(f"charger {args.charger_id} {args.action}ed")
        return 0
    records = admin.list_chargers(url)
    if args.json:
        for record in records:
            boot = record.boot
            print(
                json.dumps(
                    {
                        "id": record.id,
                        "approval": record.approval.value,
                        "password": record.has_password,
                        "vendor": boot.vendor if boot else None,
                        "model": boot.model if boot else None,
                        "firmware": boot.firmware_version if boot else None,
                        "last_seen": record.last_seen.isoformat() if record.last_seen else None,
                    }
                )
            )
        return 0
    print(f"{'ID':24} {'APPROVAL':9} {'PASSWORD':8} {'VENDOR / MODEL':28} LAST SEEN (UTC)")
    for record in records:
        boot = record.boot
        model = f"{boot.vendor} {boot.model}" if boot else "-"
        seen = record.last_seen.strftime("%Y-%m-%d %H:%M:%S") if record.last_seen else "never"
        password = "yes" if record.has_password else "no"
        print(f"{record.id:24} {record.approval.value:9} {password:8} {model:28} {seen}")
    return 0


def _run_sessions(args: argparse.Namespace) -> int:
    from console.services import admin

    sessions = admin.list_sessions(_database_url(args), running_only=args.running)
    if args.json:
        for session in sessions:
            print(json.dumps(admin.session_as_dict(session)))
        return 0
    print(f"{'ID':>7} {'CHARGER':20} {'CONN':>4} {'CARD':20} {'STARTED (UTC)':19} {'kWh':>8} STOP")
    for s in sessions:
        energy = f"{s.energy_wh / 1000:.2f}" if s.energy_wh is not None else "running"
        started = s.started_at.strftime("%Y-%m-%d %H:%M:%S")
        print(
            f"{s.id:>7} {s.charger_id:20} {s.connector_id:>4} {s.id_tag:20} {started:19} "
            f"{energy:>8} {s.stop_reason or ''}"
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``chargedesk`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "serve":
        return _run_serve(args)
    if args.command == "chargers":
        return _run_chargers(args)
    if args.command in ("tariffs", "receipts", "report", "statements") or (
        args.command == "sessions" and args.action == "cost"
    ):
        from console import cli_billing

        return cli_billing.run(args, _database_url(args))
    if args.command == "sessions":
        return _run_sessions(args)
    if args.command == "cards":
        from console import cli_cards

        return cli_cards.run(args, _database_url(args))
    if args.command == "simulate":
        from console.simulator import cli as simulator_cli

        return int(simulator_cli.run(args))
    from console.demo import run_demo_or_console

    return run_demo_or_console(args)


if __name__ == "__main__":
    sys.exit(main())
