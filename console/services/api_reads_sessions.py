"""Session reads the HTTP API needs beyond SiteQueries: one session, and a filtered page.

The API pages long lists with ``offset``/``limit`` and filters on running or finished,
charger, card and start time together; the console's reads (queries.py) take only some of
these, so the page is cut here in SQL (ids first, then the sessions themselves).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from console.core.authorization import normalize_id_tag
from console.core.clock import as_utc
from console.core.model import Session
from console.services.queries import SiteQueries
from console.storage import sessions as session_repo
from console.storage.tables import SessionRow, table_of

_sessions = table_of(SessionRow)


@dataclass(frozen=True, slots=True)
class SessionFilter:
    """Which sessions a list shows; None means "any"."""

    running: bool | None = None
    charger_id: str | None = None
    id_tag: str | None = None
    started_since: datetime | None = None
    started_before: datetime | None = None


def _session_page(
    connection: Connection, wanted: SessionFilter, offset: int, limit: int
) -> list[Session]:
    columns = _sessions.c
    query = select(columns.id).order_by(columns.id.desc())
    if wanted.running is True:
        query = query.where(columns.stopped_at.is_(None))
    elif wanted.running is False:
        query = query.where(columns.stopped_at.is_not(None))
    if wanted.charger_id is not None:
        query = query.where(columns.charger_id == wanted.charger_id)
    if wanted.id_tag is not None:
        # Card ids compare case-insensitively (DESIGN.md): match the stored key.
        query = query.where(columns.id_tag_key == normalize_id_tag(wanted.id_tag))
    # Stored times are UTC text in SQLite: bounds in another zone would shift.
    if wanted.started_since is not None:
        query = query.where(columns.started_at >= as_utc(wanted.started_since))
    if wanted.started_before is not None:
        query = query.where(columns.started_at < as_utc(wanted.started_before))
    ids = connection.execute(query.offset(offset).limit(limit)).scalars().all()
    return session_repo.get_sessions(connection, list(ids))


def session_page(
    queries: SiteQueries, wanted: SessionFilter, offset: int, limit: int
) -> list[Session]:
    """The sessions matching ``wanted``, newest first, ``limit`` of them from ``offset``."""
    return queries.run(lambda c: _session_page(c, wanted, offset, limit))


def session_by_id(queries: SiteQueries, session_id: int) -> Session | None:
    """One session by its transaction id, or None."""
    return queries.run(lambda c: session_repo.get_session(c, session_id))
