"""Audit log entries and their hash chain (pure: no I/O).

Every entry carries the hash of the one before it, so an entry changed or deleted later
breaks the chain at that point. The hash covers every field in a canonical JSON form;
``before`` and ``after`` are JSON-ready values (dicts of text, numbers, None).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

#: The "previous hash" of the first entry.
GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change made by a person (or a failed login), as stored in the audit log.

    ``seq`` counts from 1 without gaps; ``action`` is a dotted name such as
    ``card.block`` or ``staff.login_failed``; ``target`` names what changed (a card id,
    a charger id, a receipt number).
    """

    seq: int
    at: datetime
    actor: str
    staff_id: int | None
    origin: str
    place: str
    action: str
    target: str
    before: Any
    after: Any
    prev_hash: str
    hash: str


def canonical(value: Any) -> str:
    """The one JSON text an entry's values are hashed as (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def utc_text(moment: datetime) -> str:
    """A time as hashed: UTC, microseconds (a database may hand it back without a zone)."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.isoformat(timespec="microseconds")


def entry_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    staff_id: int | None,
    origin: str,
    place: str,
    action: str,
    target: str,
    before: Any,
    after: Any,
    prev_hash: str,
) -> str:
    """The SHA-256 of an entry's fields and the previous entry's hash."""
    body = canonical(
        {
            "seq": seq,
            "at": utc_text(at),
            "actor": actor,
            "staff_id": staff_id,
            "origin": origin,
            "place": place,
            "action": action,
            "target": target,
            "before": before,
            "after": after,
            "prev": prev_hash,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def hash_of(entry: AuditEntry) -> str:
    """What ``entry.hash`` must be for its fields."""
    return entry_hash(
        seq=entry.seq,
        at=entry.at,
        actor=entry.actor,
        staff_id=entry.staff_id,
        origin=entry.origin,
        place=entry.place,
        action=entry.action,
        target=entry.target,
        before=entry.before,
        after=entry.after,
        prev_hash=entry.prev_hash,
    )


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """Where the chain is broken and how, in words for an admin."""

    seq: int
    problem: str


def check_chain(
    entries: list[AuditEntry], previous: AuditEntry | None = None
) -> list[ChainProblem]:
    """Every break in ``entries`` (in seq order), continuing from ``previous``.

    Finds an entry whose fields no longer match its hash (edited), a gap in the
    numbers (deleted) and an entry that does not point at the one before it.
    """
    problems: list[ChainProblem] = []
    expected_seq = 1 if previous is None else previous.seq + 1
    expected_prev = GENESIS if previous is None else previous.hash
    for entry in entries:
        if entry.seq != expected_seq:
            first, last = expected_seq, entry.seq - 1
            gone = f"entry {first}" if first == last else f"entries {first} to {last}"
            problems.append(ChainProblem(entry.seq, f"{gone} deleted"))
        elif entry.prev_hash != expected_prev:
            problems.append(ChainProblem(entry.seq, "does not follow the entry before it"))
        if hash_of(entry) != entry.hash:
            problems.append(ChainProblem(entry.seq, "changed after it was written"))
        expected_seq = entry.seq + 1
        expected_prev = entry.hash
    return problems
