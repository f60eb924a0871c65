"""The staff and audit services on a local database, for the command line.

The command line has no engine running: it opens the database, starts a writer of its
own and calls the same service operations the console calls (same permission checks,
same transactions, same audit entries). It also decides who the command line is: the
checks on the database file's owner and the site's "command line needs a login" setting.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError

from console.core.events import EventBus
from console.core.staff import Actor, Origin
from console.services.audit_log import AuditLogService
from console.services.staff import StaffService
from console.services.staff_settings import read_security_settings
from console.storage import staff as staff_repo
from console.storage.database import create_db_engine, open_database, sqlite_file_of
from console.storage.writer import StorageWriter

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LocalServices:
    """The staff and audit services working on one local database."""

    staff: StaffService
    audit: AuditLogService


@contextmanager
def local_services(url: str) -> Iterator[LocalServices]:
    """Open (and migrate) the database at ``url`` with a writer; closed at the end."""
    engine = open_database(url)
    # No disk reserve: a short command line run has no billing data to protect.
    writer = StorageWriter(engine, reserve_bytes=0)
    writer.start()
    try:
        yield LocalServices(StaffService(writer, EventBus()), AuditLogService(writer))
    finally:
        writer.stop()
        engine.dispose()


def run_local(url: str, work: Callable[[LocalServices], Awaitable[T]]) -> T:
    """Run ``work`` (an operation of the services) on the database at ``url``."""
    with local_services(url) as services:

        async def run() -> T:
            return await work(services)

        return asyncio.run(run())


def database_owner_problem(url: str) -> str | None:
    """Why this account may not work on the SQLite file at ``url``, or None.

    Only the operating-system account that owns the database may use it from the
    command line, so what it records in the audit log under that account's name is
    true. Not checked on Windows (no uid) nor for a file not made yet.
    """
    getuid = getattr(os, "getuid", None)
    file = sqlite_file_of(url)
    if getuid is None or file is None or not file.exists():
        return None
    owner = file.stat().st_uid
    if owner == getuid():
        return None
    try:
        import pwd

        owner_name = pwd.getpwuid(owner).pw_name
    except (ImportError, KeyError):
        owner_name = f"uid {owner}"
    return (
        f"the database {file} belongs to the account {owner_name}, not to the one running "
        f"this command: run it as {owner_name} (for example: sudo -u {owner_name} chargedesk ...)"
    )


def cli_login_required(url: str) -> bool:
    """True when the site asks the command line for a staff login and has accounts.

    A database not made (or not migrated) yet has neither: the first ``staff add``
    works as the operating-system account.
    """
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            if not read_security_settings(connection).cli_requires_login:
                return False
            return staff_repo.count_accounts(connection) > 0
    except SQLAlchemyError:
        return False
    finally:
        engine.dispose()


def cli_login(url: str, username: str, password: str) -> Actor:
    """Log in as a staff account for one command (LoginRefused when refused)."""
    place = socket.gethostname()
    return run_local(
        url, lambda s: s.staff.login(username, password, origin=Origin.CLI, place=place)
    )
