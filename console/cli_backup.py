"""``chargedesk backup FILE`` and ``chargedesk restore FILE``.

``backup`` takes a consistent copy of the SQLite database while ``serve`` or the console
runs on it (a technician or an admin); ``restore`` puts a checked copy back (an admin)
and refuses while ChargeDesk runs on the database. Both act as the operating-system
account (or the staff login the site asks for, cli_actor.py) and are in the audit log.
Exit codes: 0 done, 1 refused or failed (one line on stderr says why and what to do).
For PostgreSQL both print the ``pg_dump``/``pg_restore`` commands to use instead.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from console.cli_actor import cli_actor
from console.cli_common import SubParsers, first_line
from console.core.staff import PermissionDenied


def add_parsers(commands: SubParsers, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``backup`` and ``restore`` to the ``chargedesk`` sub-commands."""
    backup = commands.add_parser(
        "backup", help="copy the database to FILE (works while ChargeDesk runs)"
    )
    backup.add_argument("file", type=Path, metavar="FILE", help="the copy to write (replaced)")
    add_db(backup)
    restore = commands.add_parser(
        "restore",
        help="put the copy FILE back as the database (stop ChargeDesk first; the current "
        "database is kept beside it)",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="a copy made by backup")
    add_db(restore)


def run(args: argparse.Namespace, url: str) -> int:
    """Run ``backup`` or ``restore``; the exit code."""
    from console.services.backup_local import BackupError, DatabaseInUse, back_up, restore

    try:
        actor = cli_actor(url)
        if args.command == "backup":
            copy = back_up(url, args.file, actor=actor)
            print(f"backed up to {copy.path} ({copy.size} bytes, schema {copy.revision})")
            return 0
        restored = restore(url, args.file, actor=actor)
    except (BackupError, DatabaseInUse, PermissionDenied) as error:
        print(f"chargedesk: {first_line(error)}", file=sys.stderr)
        return 1
    except Exception as error:
        from console.services.startup import explain_startup_error

        line = explain_startup_error(error, url)
        if line is None:
            raise
        print(f"chargedesk: {line}", file=sys.stderr)
        return 1
    kept = (
        f"; the database it replaced is kept as {restored.kept}"
        if restored.kept is not None
        else ""
    )
    print(f"restored {args.file} as {restored.database} (schema {restored.revision}){kept}")
    return 0
