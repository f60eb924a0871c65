"""The ``chargedesk db`` sub-commands: ``db copy --to URL`` moves a site's database.

The use: a site moving from its SQLite file to PostgreSQL. Stop ChargeDesk, run
``chargedesk db copy --to postgresql://USER@HOST/DB`` (``--db`` names the source when it
is not the default file), then start ChargeDesk with ``--db postgresql://...``. The copy
is refused into a database that holds data, and is called done only when every table's
row count and checksum match and the audit chain verifies on the target. Exit codes: 0
done, 1 refused, 4 copied but the check found a difference (do not use the target).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from console.cli_actor import cli_actor
from console.core.staff import PermissionDenied

EXIT_MISMATCH = 4


def _url(text: str) -> str:
    """A database URL; a plain file path means a SQLite file there."""
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_db: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add ``db`` and its actions to the ``chargedesk`` sub-commands."""
    db = commands.add_parser("db", help="the site's database: copy it to another one")
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    copy = actions.add_parser(
        "copy",
        help="copy the site's database (--db, default the SQLite file) into an empty "
        "database, e.g. PostgreSQL, and check the copy",
    )
    copy.add_argument(
        "--to",
        required=True,
        type=_url,
        metavar="URL",
        help="the empty target database: postgresql://USER:PASSWORD@HOST:5432/DATABASE",
    )
    copy.add_argument(
        "--batch", type=int, default=2000, metavar="ROWS", help="rows per insert (default 2000)"
    )
    add_db(copy)
    return db


def run(args: argparse.Namespace, url: str) -> int:
    """Run one ``db`` action; the exit code."""
    from console.services.db_copy import CopyRefused, copy_site_database, describe_url

    if args.to == url:
        print("chargedesk: the target is the source database", file=sys.stderr)
        return 1
    try:
        actor = cli_actor(url)
        print(f"copying {describe_url(url)} to {describe_url(args.to)} ...")
        report = copy_site_database(
            url, args.to, actor=actor, batch_rows=max(1, args.batch), progress=_progress
        )
    except (CopyRefused, PermissionDenied) as error:
        print(f"chargedesk: {error}", file=sys.stderr)
        return 1
    if sys.stderr.isatty():
        print(file=sys.stderr)  # end the progress line
    print(f"{'TABLE':28} {'SOURCE':>10} {'TARGET':>10} CHECK")
    for table in report.tables:
        check = "ok" if table.matches else "DIFFERENT"
        print(f"{table.name:28} {table.source_rows:>10} {table.target_rows:>10} {check}")
    if not report.ok:
        for problem in report.audit_problems:
            print(f"audit log on the target: {problem}")
        print(
            "chargedesk: the copy does not match the source: do not use the target; "
            "empty it and copy again",
            file=sys.stderr,
        )
        return EXIT_MISMATCH
    print(f"audit log intact on the target: {report.audit_entries} entries")
    print(
        f"done: {report.rows} rows in {len(report.tables)} tables copied and checked; "
        f"start ChargeDesk with --db {describe_url(args.to)}"
    )
    return 0


def _progress(table: str, rows: int) -> None:
    if sys.stderr.isatty():
        print(f"\r  {table}: {rows} rows", end="", file=sys.stderr, flush=True)
