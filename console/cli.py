"""The ``chargedesk`` command line: the console (default), serve, simulate and set-up."""

from __future__ import annotations

import argparse
import asyncio
import errno
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from console.cli_api import add_api_options, api_settings
from console.cli_storage import add_storage_options, storage_settings
from console.cli_tls import add_tls_options, tls_settings
from console.core.enums import AdmissionMode
from console.log_files import LOG_FORMAT, add_log_options, default_log_dir, setup_logging

DEFAULT_PORT = 9000
# Measured in docs/benchmarks.md ("The console's engine in a child process").
DEFAULT_ENGINE = "thread"
EXIT_DATABASE = 3  # the database cannot be used (the message says why)
_DISK_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS)


def _database_text(text: str) -> str:
    """A database URL; a plain file path means a SQLite file there."""
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _add_db(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a sub-command's own --db must not reset one given before the sub-command
    # (`chargedesk --db X backup F` means X); build_parser sets the defaults once.
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        type=_database_text,
        help="SQLAlchemy database URL or a SQLite file's path (default: a SQLite file in "
        "the user data folder)",
    )
    parser.add_argument(
        "--utc",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show and write times in UTC (default: the site's time zone)",
    )


def _show_times_of(args: argparse.Namespace, url: str) -> None:
    """Every time this command prints or writes is the site's, or UTC with --utc."""
    from datetime import UTC

    from console.services.formatting import set_site_zone
    from console.services.queries import SiteQueries

    if getattr(args, "utc", False):
        set_site_zone(UTC)
        return
    from sqlalchemy.exc import SQLAlchemyError

    queries = SiteQueries(url)
    try:
        queries.follow_site_zone()
    except SQLAlchemyError:
        set_site_zone(None)  # a database not made yet names no zone: the command makes it
    finally:
        queries.close()


def _add_file_port(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--file-port",
        type=int,
        default=0,
        help="port of the diagnostics/firmware file endpoint, opened only while a transfer "
        "is under way (default: any free port; fix it to open it in a firewall)",
    )


def _add_stale_minutes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stale-session-minutes",
        type=_positive_minutes,
        default=15.0,
        metavar="MINUTES",
        help="end a session (flagged 'ended without a stop') when its connector has "
        "reported Available this long without a StopTransaction (default 15)",
    )


def _positive_minutes(text: str) -> float:
    try:
        minutes = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of minutes") from None
    if not 0 < minutes < 1e6:
        raise argparse.ArgumentTypeError("give a number of minutes above 0")
    return minutes


def _database_url(args: argparse.Namespace) -> str:
    if args.db:
        return str(args.db)
    from console.services.admin import default_database_url

    return default_database_url()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="chargedesk",
        description="ChargeDesk: operations console and OCPP central system for EV charging sites.",
    )
    parser.add_argument(
        "--connect",
        metavar="URL",
        help="attach this console to a site's ChargeDesk at another PC "
        "(https://HOST:9444, its API) instead of running an engine here",
    )
    parser.add_argument(
        "--engine",
        choices=("thread", "process"),
        default=DEFAULT_ENGINE,
        help="where the console runs its engine: a thread of its own or a child process "
        f"it starts and stops with itself (default {DEFAULT_ENGINE})",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start with simulated chargers and a throw-away database",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="OCPP port (default 9000)")
    _add_file_port(parser)
    add_tls_options(parser)
    add_api_options(parser)
    _add_stale_minutes(parser)
    add_storage_options(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument(
        "--version",
        action="store_true",
        help="print the versions (ChargeDesk, Python, Qt, OCPP), the database and log folder",
    )
    _add_db(parser)
    parser.set_defaults(db=None, utc=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the central system headless (no window)")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default: all)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default 9000)")
    _add_file_port(serve)
    add_tls_options(serve)
    add_api_options(serve)
    serve.add_argument(
        "--admission",
        choices=[mode.value for mode in AdmissionMode],
        default=AdmissionMode.APPROVE.value,
        help="unknown chargers: approve (wait for staff, default), open (accept), closed (refuse)",
    )
    serve.add_argument(
        "--heartbeat-interval", type=int, default=300, help="seconds, sent to chargers at boot"
    )
    _add_stale_minutes(serve)
    add_storage_options(serve)
    serve.add_argument(
        "--metrics-file", type=Path, help="write event-loop lag figures here (JSON) on exit"
    )
    _add_db(serve)
    add_log_options(serve)

    from console import cli_chargers

    cli_chargers.add_parser(commands, _add_db)

    sessions = commands.add_parser("sessions", help="list charging sessions")
    session_commands = sessions.add_subparsers(dest="action", metavar="ACTION", required=True)
    session_list = session_commands.add_parser("list", help="list sessions, newest first")
    session_list.add_argument("--json", action="store_true", help="one JSON object per session")
    session_list.add_argument("--running", action="store_true", help="only running sessions")
    _add_db(session_list)

    from console import cli_sessions

    cli_sessions.add_parser(session_commands, _add_db)

    from console import cli_cards

    cli_cards.add_parser(commands, _add_db)

    from console import cli_security

    cli_security.add_parser(commands, _add_db)

    from console import cli_billing

    cli_billing.add_parsers(commands, _add_db, session_commands)

    from console import cli_api_tokens, cli_audit, cli_staff

    cli_staff.add_parser(commands, _add_db)
    cli_audit.add_parser(commands, _add_db)
    cli_api_tokens.add_parser(commands, _add_db)

    from console import cli_backup

    cli_backup.add_parsers(commands, _add_db)

    from console import cli_db

    cli_db.add_parser(commands, _add_db)

    from console.simulator import cli as simulator_cli

    simulate = commands.add_parser("simulate", help="run simulated OCPP 1.6 chargers")
    simulator_cli.add_arguments(simulate)
    return parser


def _run_serve(args: argparse.Namespace) -> int:
    from console.app import serve
    from console.services.engine import EngineConfig

    url = _database_url(args)
    config = EngineConfig(
        database_url=url,
        host=args.host,
        port=args.port,
        admission=AdmissionMode(args.admission),
        heartbeat_interval=args.heartbeat_interval,
        file_port=args.file_port,
        stale_session_timeout=args.stale_session_minutes * 60,
        **storage_settings(args),
        **tls_settings(args, url),
    )
    try:
        asyncio.run(serve(config, args.metrics_file, api_settings(args, args.host)))
    except OSError as error:
        if error.filename is not None or error.errno in _DISK_ERRORS:
            raise  # about a file, not the address: main() says what is wrong with it
        ports = (
            f"port {args.port}"
            if config.tls_port is None
            else (f"port {args.port} or {config.tls_port} (wss://)")
        )
        print(f"chargedesk: cannot listen on {args.host} {ports}: {error}", file=sys.stderr)
        return 1
    return 0


def _run_chargers(args: argparse.Namespace) -> int:
    from console import cli_chargers

    return cli_chargers.run(args, _database_url(args))


def _run_sessions(args: argparse.Namespace) -> int:
    from console.services import admin

    sessions = admin.list_sessions(_database_url(args), running_only=args.running)
    if args.json:
        for session in sessions:
            print(json.dumps(admin.session_as_dict(session)))
        return 0
    from console.services.formatting import format_seconds, zone_label

    started_title = f"STARTED ({zone_label()})"
    print(f"{'ID':>7} {'CHARGER':20} {'CONN':>4} {'CARD':20} {started_title:19} {'kWh':>8} STOP")
    for s in sessions:
        energy = f"{s.energy_wh / 1000:.2f}" if s.energy_wh is not None else "running"
        started = format_seconds(s.started_at)
        print(
            f"{s.id:>7} {s.charger_id:20} {s.connector_id:>4} {s.id_tag:20} {started:19} "
            f"{energy:>8} {s.stop_reason or ''}"
        )
    return 0


def _setup_logging(args: argparse.Namespace) -> None:
    """The console and serve keep a rotating log file; other commands log to stderr."""
    if args.command in (None, "serve"):
        setup_logging(
            "serve" if args.command == "serve" else "console",
            verbose=args.verbose,
            log_file=getattr(args, "log_file", None),
            log_dir=getattr(args, "log_dir", None),
        )
        return
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format=LOG_FORMAT)


def _print_version(args: argparse.Namespace) -> int:
    """``chargedesk --version``: what runs here, without opening or creating anything."""
    from console.version_info import version_info

    if args.db:
        from console.services.queries import database_location

        database = database_location(str(args.db))
    else:
        import platformdirs

        # Where storage.database.default_data_dir puts it; not created for a --version.
        folder = platformdirs.user_data_dir("ChargeDesk", appauthor=False)
        database = str(Path(folder) / "chargedesk.db")
    print("\n".join(version_info(database, default_log_dir()).lines()))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``chargedesk`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        return _print_version(args)
    _setup_logging(args)
    if args.command == "simulate" or (args.command is None and args.demo):
        return _dispatch(args)  # no database of the site's
    # A database that cannot be used is one readable line and a non-zero exit, never a
    # traceback, whichever command meets it (issue 10).
    try:
        url = _database_url(args)
    except OSError as error:
        print(
            f"chargedesk: cannot create the data folder ({error.strerror or error}): "
            "give a database in a writable place with --db",
            file=sys.stderr,
        )
        return EXIT_DATABASE
    from console.services.startup import check_database, explain_startup_error

    if args.command in ("backup", "restore"):
        from console import cli_backup

        # Before check_database: it would create a missing file and take the write
        # lock, and a restore may well replace a database that cannot be opened.
        return cli_backup.run(args, url)
    try:
        check_database(url)
        _show_times_of(args, url)
        return _dispatch(args)
    except Exception as error:
        from console.core.staff import PermissionDenied

        if isinstance(error, PermissionDenied):  # whatever command meets it: one line
            print(f"chargedesk: {error}", file=sys.stderr)
            return 1
        line = explain_startup_error(error, url)
        if line is None:
            raise
        print(f"chargedesk: {line}", file=sys.stderr)
        return EXIT_DATABASE


def _dispatch(args: argparse.Namespace) -> int:
    """Run the command ``args`` names."""
    if args.command == "serve":
        return _run_serve(args)
    if args.command == "chargers":
        return _run_chargers(args)
    if args.command in ("tariffs", "receipts", "report", "statements") or (
        args.command == "sessions" and args.action == "cost"
    ):
        from console import cli_billing

        return cli_billing.run(args, _database_url(args))
    if args.command == "sessions" and args.action in ("end", "kept-aside"):
        from console import cli_sessions

        return cli_sessions.run(args, _database_url(args))
    if args.command == "sessions":
        return _run_sessions(args)
    if args.command == "cards":
        from console import cli_cards

        return cli_cards.run(args, _database_url(args))
    if args.command == "ca":
        from console import cli_security

        return cli_security.run(args, _database_url(args))
    if args.command in ("staff", "audit", "api-tokens"):
        from console import cli_api_tokens, cli_audit, cli_staff

        runner = {
            "staff": cli_staff.run,
            "audit": cli_audit.run,
            "api-tokens": cli_api_tokens.run,
        }[args.command]
        return runner(args, _database_url(args))
    if args.command == "db":
        from console import cli_db

        return cli_db.run(args, _database_url(args))
    if args.command == "simulate":
        from console.simulator import cli as simulator_cli

        return int(simulator_cli.run(args))
    from console.demo import run_demo_or_console

    return run_demo_or_console(args)


if __name__ == "__main__":
    sys.exit(main())
