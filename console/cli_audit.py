"""The ``chargedesk audit`` sub-commands: list, export and check the audit log.

Listing and exporting need the admin role (Permission.AUDIT), like at the console; the
command line's actor is the operating-system account or a staff login (cli_actor.py).
``audit check`` exits 0 when the chain is intact and 4 when an entry was changed or
deleted, printing each problem.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from console.cli_actor import cli_actor
from console.core.staff import Actor, Permission, PermissionDenied, require

if TYPE_CHECKING:
    from console.services.audit_log import AuditFilter

EXIT_BROKEN = 4  # the chain is broken: an entry was changed or deleted


class _UserError(Exception):
    """A mistake of the person at the keyboard, shown as one line."""


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", metavar="WHEN", help="from this day or time (YYYY-MM-DD [HH:MM], site time)"
    )
    parser.add_argument(
        "--until", metavar="WHEN", help="up to this day (included) or time (excluded)"
    )
    parser.add_argument("--actor", metavar="NAME", help="only what this person did")
    parser.add_argument(
        "--action",
        dest="action_prefix",
        metavar="PREFIX",
        help="only these actions ('staff.' for every staff one)",
    )


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_db: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add ``audit`` and its actions to the ``chargedesk`` sub-commands."""
    audit = commands.add_parser("audit", help="the audit log: list, export, check the chain")
    actions = audit.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list audit log entries, newest first")
    _add_filters(listing)
    listing.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    listing.add_argument("--json", action="store_true", help="one JSON object per entry")
    add_db(listing)

    export = actions.add_parser("export", help="write audit log entries to a file, oldest first")
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument(
        "--format",
        choices=["csv", "jsonl"],
        help="csv (spreadsheets) or jsonl (one JSON object a line); default from FILE's end",
    )
    _add_filters(export)
    add_db(export)

    check = actions.add_parser("check", help="verify that no entry was changed or deleted")
    add_db(check)
    return audit


def run(args: argparse.Namespace, url: str) -> int:
    """Run one ``audit`` action; the exit code."""
    handlers = {"list": _list, "export": _export, "check": _check}
    try:
        actor = cli_actor(url)
        require(actor, Permission.AUDIT)
        return handlers[args.action](args, url, actor)
    except (_UserError, PermissionDenied) as error:
        print(f"chargedesk: {error}", file=sys.stderr)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"chargedesk: {where}{error.strerror or error}", file=sys.stderr)
    return 1


def _moment(text: str | None, option: str, *, end: bool) -> datetime | None:
    """A time from the command line, in the site's zone, as UTC; a whole day's end is
    the next midnight (so --until 2026-12-07 includes that day)."""
    if text is None:
        return None
    from console.core.clock import as_utc
    from console.services.formatting import local_start_of, site_zone

    value = text.strip()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        pass
    else:
        return local_start_of(day + timedelta(days=1) if end else day)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _UserError(f"{option} '{text}' is not a day or a time (YYYY-MM-DD [HH:MM])") from None
    if moment.tzinfo is None:
        zone = site_zone()
        moment = moment.replace(tzinfo=zone) if zone is not None else moment.astimezone()
    return as_utc(moment)


def _filter(args: argparse.Namespace) -> AuditFilter:
    from console.services.audit_log import AuditFilter

    return AuditFilter(
        since=_moment(args.since, "--since", end=False),
        until=_moment(args.until, "--until", end=True),
        actor=args.actor or None,
        action=args.action_prefix or None,
    )


def _list(args: argparse.Namespace, url: str, actor: Actor) -> int:
    from console.services.audit_log import change_summary, entry_dict
    from console.services.formatting import format_seconds, zone_label
    from console.services.staff_local import run_local

    if args.limit < 1:
        raise _UserError("--limit must be 1 or more")
    wanted = _filter(args)
    entries = run_local(url, lambda s: s.audit.entries(wanted, actor=actor, limit=args.limit))
    if args.json:
        for entry in entries:
            print(json.dumps(entry_dict(entry), ensure_ascii=False))
        return 0
    headers = ["SEQ", f"TIME ({zone_label()})", "PERSON", "FROM", "ACTION", "TARGET", "CHANGE"]
    rows = [
        [
            str(entry.seq),
            format_seconds(entry.at),
            entry.actor,
            entry.origin,
            entry.action,
            entry.target,
            change_summary(entry),
        ]
        for entry in entries
    ]
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    for row in (headers, *rows):
        print(
            "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip()
        )
    if not entries:
        print("no audit log entries match")
    return 0


def _export(args: argparse.Namespace, url: str, actor: Actor) -> int:
    from console.services.staff_local import run_local

    file_format = args.format or ("jsonl" if args.file.suffix.lower() == ".jsonl" else "csv")
    wanted = _filter(args)
    count = run_local(
        url, lambda s: s.audit.export(args.file, wanted, actor=actor, file_format=file_format)
    )
    print(f"wrote {count} audit log entr{'y' if count == 1 else 'ies'} to {args.file}")
    return 0


def _check(args: argparse.Namespace, url: str, actor: Actor) -> int:
    del args, actor
    from console.services.staff_local import run_local

    report = run_local(url, lambda s: s.audit.check())
    entries = f"{report.entries} entr{'y' if report.entries == 1 else 'ies'}"
    if report.intact:
        print(f"audit log intact: {entries}, none changed or deleted")
        return 0
    print(f"audit log BROKEN: {entries}, {len(report.problems)} problem(s)")
    for problem in report.problems:
        print(f"  at entry {problem.seq}: {problem.problem}")
    return EXIT_BROKEN
