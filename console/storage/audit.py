"""The audit log: appending chained entries, reading them back, checking the chain.

An entry is appended inside the transaction of the change it records, so the change and
its entry are committed together or not at all. The chain's head (last seq and hash) is
also kept in the settings table: deleting the newest entries leaves no gap in the
numbers, but it leaves the head pointing past the end.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from console.core.audit import GENESIS, AuditEntry, ChainProblem, canonical, check_chain, entry_hash
from console.core.clock import utcnow
from console.core.staff import Actor
from console.storage.logs import get_setting, set_setting
from console.storage.rows import utc_or_none
from console.storage.tables import table_of
from console.storage.tables_security import AuditRow

audit_log = table_of(AuditRow)

HEAD_SETTING = "audit_head"  # "seq:hash" of the newest entry
CHECK_BATCH = 2000


def append(
    connection: Connection,
    actor: Actor,
    action: str,
    target: str = "",
    before: Any = None,
    after: Any = None,
    *,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one entry after the newest, in the caller's transaction, and return it.

    ``before`` and ``after`` are JSON-ready (dicts of text and numbers; Decimals and
    times become text). Two writers racing for the same seq cannot both commit: seq is
    the primary key, so the second fails and its change with it.
    """
    last = connection.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    seq = 1 if last is None else int(last.seq) + 1
    prev_hash = GENESIS if last is None else str(last.hash)
    moment = at or utcnow()
    # Stored as the canonical JSON text, so what is read back hashes the same.
    before_value = json.loads(canonical(before))
    after_value = json.loads(canonical(after))
    fields: dict[str, Any] = {
        "seq": seq,
        "at": moment,
        "actor": actor.name[:128],
        "staff_id": actor.staff_id,
        "origin": actor.origin.value,
        "place": actor.place[:255],
        "action": action[:64],
        "target": target[:255],
        "before": before_value,
        "after": after_value,
        "prev_hash": prev_hash,
    }
    digest = entry_hash(**fields)
    row = dict(fields, before=canonical(before_value), after=canonical(after_value), hash=digest)
    connection.execute(insert(audit_log).values(**row))
    set_setting(connection, HEAD_SETTING, f"{seq}:{digest}")
    return AuditEntry(**dict(fields, hash=digest))


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        seq=int(row.seq),
        at=utc_or_none(row.at),  # type: ignore[arg-type]
        actor=row.actor,
        staff_id=row.staff_id,
        origin=row.origin,
        place=row.place,
        action=row.action,
        target=row.target,
        before=json.loads(row.before),
        after=json.loads(row.after),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What to list: any field left None does not filter."""

    since: datetime | None = None
    until: datetime | None = None
    actor: str | None = None  # compared without case
    action: str | None = None  # a prefix: "card." lists every card change
    target: str | None = None
    origin: str | None = None


def entries(
    connection: Connection,
    wanted: AuditFilter | None = None,
    *,
    limit: int | None = 1000,
    offset: int = 0,
    newest_first: bool = True,
) -> list[AuditEntry]:
    """Entries that match ``wanted``, newest first unless asked otherwise, one page."""
    query = select(audit_log)
    wanted = wanted or AuditFilter()
    if wanted.since is not None:
        query = query.where(audit_log.c.at >= wanted.since)
    if wanted.until is not None:
        query = query.where(audit_log.c.at < wanted.until)
    if wanted.actor:
        query = query.where(func.lower(audit_log.c.actor) == wanted.actor.lower())
    if wanted.action:
        query = query.where(audit_log.c.action.startswith(wanted.action, autoescape=True))
    if wanted.target:
        query = query.where(audit_log.c.target == wanted.target)
    if wanted.origin:
        query = query.where(audit_log.c.origin == wanted.origin)
    order = audit_log.c.seq.desc() if newest_first else audit_log.c.seq
    query = query.order_by(order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_entry(row) for row in connection.execute(query)]


def _all_in_order(connection: Connection) -> Iterator[list[AuditEntry]]:
    after = 0
    while True:
        rows = connection.execute(
            select(audit_log)
            .where(audit_log.c.seq > after)
            .order_by(audit_log.c.seq)
            .limit(CHECK_BATCH)
        ).all()
        if not rows:
            return
        batch = [_entry(row) for row in rows]
        yield batch
        after = batch[-1].seq


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of checking the whole chain: how many entries, and every break."""

    entries: int
    problems: list[ChainProblem]

    @property
    def intact(self) -> bool:
        """True when no entry was changed or deleted."""
        return not self.problems


def check(connection: Connection) -> ChainReport:
    """Walk the whole log in order and report every changed, missing or moved entry."""
    problems: list[ChainProblem] = []
    previous: AuditEntry | None = None
    count = 0
    for batch in _all_in_order(connection):
        problems.extend(check_chain(batch, previous))
        previous = batch[-1]
        count += len(batch)
    head = get_setting(connection, HEAD_SETTING)
    if head is not None:
        seq_text, _, digest = head.partition(":")
        last_seq = previous.seq if previous else 0
        if int(seq_text) > last_seq:
            gone = int(seq_text) - last_seq
            problems.append(
                ChainProblem(
                    int(seq_text), f"the newest {gone} entr{'y' if gone == 1 else 'ies'} deleted"
                )
            )
        elif previous is not None and int(seq_text) == last_seq and digest != previous.hash:
            problems.append(ChainProblem(last_seq, "changed after it was written"))
    elif previous is not None:
        problems.append(ChainProblem(previous.seq, "the record of the newest entry is missing"))
    return ChainReport(count, problems)
