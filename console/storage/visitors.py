"""Repository of visitors: drivers without a card, started by staff with a one-time token."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from console.core.billing import Visitor
from console.storage.rows import utc_or_none
from console.storage.tables import VisitorRow, table_of

visitors = table_of(VisitorRow)


def _visitor(row: Any) -> Visitor:
    return Visitor(
        id=row.id,
        token=row.token,
        charger_id=row.charger_id,
        connector_id=row.connector_id,
        created_at=utc_or_none(row.created_at),  # type: ignore[arg-type]
        name=row.name,
        plate=row.plate,
        phone=row.phone,
        email=row.email,
        session_id=row.session_id,
    )


def add_visitor(connection: Connection, visitor: Visitor) -> Visitor:
    """Store a new visitor (``id`` None); returns it with its id."""
    key = connection.execute(
        visitors.insert().values(
            token=visitor.token,
            name=visitor.name,
            plate=visitor.plate,
            phone=visitor.phone,
            email=visitor.email,
            charger_id=visitor.charger_id,
            connector_id=visitor.connector_id,
            session_id=visitor.session_id,
            created_at=visitor.created_at,
        )
    ).inserted_primary_key
    assert key is not None
    return replace(visitor, id=int(key[0]))


def get_visitor(connection: Connection, visitor_id: int) -> Visitor | None:
    """The visitor with this id, or None."""
    row = connection.execute(select(visitors).where(visitors.c.id == visitor_id)).first()
    return None if row is None else _visitor(row)


def visitor_by_token(connection: Connection, token: str) -> Visitor | None:
    """The visitor whose one-time token this is (in any spelling), or None."""
    row = connection.execute(
        select(visitors).where(func.upper(visitors.c.token) == token.strip().upper())
    ).first()
    return None if row is None else _visitor(row)


def link_session(connection: Connection, visitor_id: int, session_id: int) -> bool:
    """Note the session a visitor's token started; False when one was noted already."""
    changed = connection.execute(
        update(visitors)
        .where(visitors.c.id == visitor_id, visitors.c.session_id.is_(None))
        .values(session_id=session_id)
    ).rowcount
    return bool(changed)


def unused_visitors(
    connection: Connection, created_before: datetime | None = None
) -> list[Visitor]:
    """Visitors whose token has not started a session (created before a time, if given)."""
    query = select(visitors).where(visitors.c.session_id.is_(None)).order_by(visitors.c.id)
    if created_before is not None:
        query = query.where(visitors.c.created_at < created_before)
    return [_visitor(row) for row in connection.execute(query)]


def list_visitors(connection: Connection, limit: int = 200) -> list[Visitor]:
    """The newest visitors first."""
    query = select(visitors).order_by(visitors.c.id.desc()).limit(limit)
    return [_visitor(row) for row in connection.execute(query)]
