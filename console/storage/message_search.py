"""Searching the message log: a filtered, keyset-paginated, newest-first query.

Pages are keyed on the row id (``before_id`` for older pages, ``after_id`` for newer
frames), never on an offset, so a page costs the same at the top of 500,000 frames as at
the bottom and frames arriving meanwhile neither repeat nor vanish between pages. The
indexes on (charger_id, id) and (action, id) serve the charger and action filters in id
order; a text search has to read the payloads and is the one filter that scans.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, select

from console.core.clock import as_utc
from console.core.enums import Direction, FrameKind
from console.core.model import LoggedFrame
from console.storage.rows import utc_or_none
from console.storage.tables import MessageLogRow, table_of

message_log = table_of(MessageLogRow)
# A charger answers a call within its timeout (30 s); on a busy site that is far fewer
# frames than this. Bounding the search keeps an unanswered call from scanning the log.
PARTNER_WINDOW_IDS = 200_000
_REPLIES = (FrameKind.RESULT.value, FrameKind.ERROR.value)


@dataclass(frozen=True, slots=True)
class FrameFilter:
    """Which frames to show; empty fields match everything."""

    charger_id: str | None = None
    actions: tuple[str, ...] = ()
    direction: Direction | None = None
    kinds: tuple[FrameKind, ...] = ()
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    text: str = ""  # in the payload or the message id, case-insensitive

    def matches(self, frame: LoggedFrame) -> bool:
        """True when ``frame`` passes this filter (the same rule as the query)."""
        if self.charger_id is not None and frame.charger_id != self.charger_id:
            return False
        if self.actions and frame.action not in self.actions:
            return False
        if self.direction is not None and frame.direction is not self.direction:
            return False
        if self.kinds and frame.kind not in self.kinds:
            return False
        at = as_utc(frame.at)
        if self.since is not None and at < as_utc(self.since):
            return False
        if self.until is not None and at >= as_utc(self.until):
            return False
        if self.text:
            needle = self.text.lower()
            return needle in frame.payload.lower() or needle in (frame.message_id or "").lower()
        return True


@dataclass(frozen=True, slots=True)
class StoredFrame:
    """A frame of the log with its row id (the key of paging and of 'go to')."""

    id: int
    frame: LoggedFrame


def _conditions(connection: Connection, where: FrameFilter) -> list[ColumnElement[bool]]:
    c = message_log.c
    conditions: list[ColumnElement[bool]] = []
    if where.charger_id is not None:
        conditions.append(c.charger_id == where.charger_id)
    if len(where.actions) == 1:
        conditions.append(c.action == where.actions[0])
    elif where.actions:
        conditions.append(c.action.in_(where.actions))
    if where.direction is not None:
        conditions.append(c.direction == where.direction.value)
    if where.kinds:
        conditions.append(c.kind.in_([k.value for k in where.kinds]))
    if where.since is not None:
        conditions.append(c.at >= as_utc(where.since))
    if where.until is not None:
        conditions.append(c.at < as_utc(where.until))
    if where.text:
        # SQLite's LIKE ignores ASCII case already and lower() would cost a pass per row.
        if connection.dialect.name == "sqlite":
            text = c.payload.contains(where.text, autoescape=True) | c.message_id.contains(
                where.text, autoescape=True
            )
        else:
            text = c.payload.icontains(where.text, autoescape=True) | c.message_id.icontains(
                where.text, autoescape=True
            )
        conditions.append(text)
    return conditions


def _stored(row: Any) -> StoredFrame:
    return StoredFrame(
        row.id,
        LoggedFrame(
            at=utc_or_none(row.at),  # type: ignore[arg-type]
            charger_id=row.charger_id,
            direction=Direction(row.direction),
            kind=FrameKind(row.kind),
            message_id=row.message_id,
            action=row.action,
            payload=row.payload,
            latency_ms=row.latency_ms,
        ),
    )


def _query(
    connection: Connection,
    where: FrameFilter,
    before_id: int | None,
    after_id: int | None,
) -> Select[Any]:
    conditions = _conditions(connection, where)
    if before_id is not None:
        conditions.append(message_log.c.id < before_id)
    if after_id is not None:
        conditions.append(message_log.c.id > after_id)
    return select(message_log).where(*conditions)


def search_frames(
    connection: Connection,
    where: FrameFilter,
    before_id: int | None = None,
    after_id: int | None = None,
    limit: int = 500,
    oldest_first: bool = False,
) -> list[StoredFrame]:
    """Frames matching ``where`` with ``after_id < id < before_id``, newest first.

    With ``oldest_first`` the page starts just above ``after_id`` instead (used to catch
    up from a known frame and to export in the order the frames crossed the wire).
    """
    order = message_log.c.id.asc() if oldest_first else message_log.c.id.desc()
    query = _query(connection, where, before_id, after_id).order_by(order).limit(limit)
    return [_stored(row) for row in connection.execute(query)]


def count_frames(
    connection: Connection,
    where: FrameFilter,
    after_id: int | None = None,
    upto_id: int | None = None,
    cap: int | None = None,
) -> int:
    """How many frames match (above ``after_id``, up to ``upto_id``), at most ``cap``."""
    query = _query(connection, where, None if upto_id is None else upto_id + 1, after_id)
    inner = query.with_only_columns(message_log.c.id)
    if cap is not None:
        inner = inner.limit(cap)
    return int(connection.execute(select(func.count()).select_from(inner.subquery())).scalar_one())


def newest_frame_id(connection: Connection) -> int:
    """The id of the newest frame stored (0 when the log is empty)."""
    return int(connection.execute(select(func.max(message_log.c.id))).scalar() or 0)


def iter_frames(
    connection: Connection,
    where: FrameFilter,
    upto_id: int,
    batch: int = 2000,
) -> Iterator[list[StoredFrame]]:
    """Every frame matching ``where`` up to ``upto_id``, oldest first, in batches."""
    after = 0
    while True:
        page = search_frames(
            connection, where, before_id=upto_id + 1, after_id=after, limit=batch, oldest_first=True
        )
        if not page:
            return
        yield page
        after = page[-1].id


def partner_frame(connection: Connection, stored: StoredFrame) -> StoredFrame | None:
    """The other half of a call/reply pair: the reply of a call, or the call of a reply.

    Both halves have the same charger and message id and opposite directions; a charger
    may reuse message ids (after a reboot), so the nearest one in the right direction wins.
    """
    frame = stored.frame
    if frame.message_id is None or frame.kind is FrameKind.INVALID:
        return None
    c = message_log.c
    other = Direction.IN if frame.direction is Direction.OUT else Direction.OUT
    conditions = [
        c.charger_id == frame.charger_id,
        c.message_id == frame.message_id,
        c.direction == other.value,
    ]
    if frame.kind is FrameKind.CALL:
        conditions += [
            c.kind.in_(_REPLIES),
            c.id > stored.id,
            c.id <= stored.id + PARTNER_WINDOW_IDS,
        ]
        order = c.id.asc()
    else:
        conditions += [
            c.kind == FrameKind.CALL.value,
            c.id < stored.id,
            c.id >= stored.id - PARTNER_WINDOW_IDS,
        ]
        order = c.id.desc()
    row = connection.execute(
        select(message_log).where(*conditions).order_by(order).limit(1)
    ).first()
    return None if row is None else _stored(row)


def frame_by_id(connection: Connection, frame_id: int) -> StoredFrame | None:
    """One stored frame, or None when it was pruned."""
    row = connection.execute(select(message_log).where(message_log.c.id == frame_id)).first()
    return None if row is None else _stored(row)
