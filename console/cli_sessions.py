"""``chargedesk sessions end``: staff end a session the charger never stopped.

The command runs the same service operation as the console (SessionService.end_session)
on the database given, through a writer of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from typing import Any

from console.core.model import Session

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


async def _end(url: str, session_id: int, reason: str) -> Session:
    from console.core.events import EventBus
    from console.core.site import SiteState
    from console.services.sessions import SessionService
    from console.storage.database import open_database
    from console.storage.writer import StorageWriter

    db = await asyncio.to_thread(open_database, url)
    writer = StorageWriter(db)
    writer.start()
    try:
        return await SessionService(writer, SiteState(), EventBus()).end_session(session_id, reason)
    finally:
        await asyncio.to_thread(writer.stop)
        db.dispose()


def run(args: argparse.Namespace, url: str) -> int:
    """Run ``sessions end``; the exit code."""
    from console.services.sessions import SessionError

    try:
        session = asyncio.run(_end(url, args.session_id, args.reason))
    except SessionError as error:
        print(f"chargedesk: {error}", file=sys.stderr)
        return 1
    energy = (session.energy_wh or 0) / 1000
    stopped = session.stopped_at.strftime("%Y-%m-%d %H:%M:%S") if session.stopped_at else "-"
    print(
        f"session {session.id} ended by staff: {energy:.3f} kWh, "
        f"stop {stopped} UTC (the last meter reading; a late stop from the charger replaces it)"
    )
    return 0
