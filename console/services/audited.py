"""Audit entries written by the service operations, in the change's own transaction.

ChargeDesk's own automatic changes (``ENGINE_ACTOR``: the watchdog ending a stale
session, reconciles, the demo's set-up) are not a person's doing, so they are not
written: the audit log answers "who at the desk did what".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection

from console.core.staff import Actor, Permission, require
from console.services.checked_writes import submit_checked
from console.storage import audit
from console.storage.writer import StorageWriter

T = TypeVar("T")


def record(
    connection: Connection,
    actor: Actor,
    action: str,
    target: object = "",
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one audit entry for ``actor`` (skipped for the engine itself)."""
    if not actor.is_person:
        return
    audit.append(connection, actor, action, str(target), before, after)


async def audited_write(
    writer: StorageWriter,
    actor: Actor,
    permission: Permission,
    action: str,
    target: object,
    work: Callable[[Connection], T],
    facts: Callable[[Connection], Any] | None = None,
) -> T:
    """Check ``permission``, then run ``work`` and its audit entry in one transaction.

    ``facts`` reads what the audit log keeps (before ``work``, then after it). A
    BillingError raised by ``work`` before it writes anything reaches the caller (see
    checked_writes).
    """
    require(actor, permission)

    def run(connection: Connection) -> T:
        before = facts(connection) if facts is not None else None
        result = work(connection)
        after = facts(connection) if facts is not None else None
        record(connection, actor, action, target, before, after)
        return result

    return await submit_checked(writer, run)
