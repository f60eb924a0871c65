"""Repository of technicians' notes on chargers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from console.core.alarms import TechnicianNote
from console.storage.rows import utc_or_none
from console.storage.tables import TechnicianNoteRow, table_of

notes = table_of(TechnicianNoteRow)


def _note(row: Any) -> TechnicianNote:
    return TechnicianNote(
        id=row.id,
        charger_id=row.charger_id,
        at=utc_or_none(row.at),  # type: ignore[arg-type]
        author=row.author,
        text=row.text,
    )


def add_note(
    connection: Connection, charger_id: str, text: str, author: str | None, at: datetime
) -> TechnicianNote:
    """Store a note and return it."""
    result = connection.execute(
        notes.insert().values(charger_id=charger_id, at=at, author=author, text=text)
    )
    key = result.inserted_primary_key
    assert key is not None
    row = connection.execute(select(notes).where(notes.c.id == int(key[0]))).one()
    return _note(row)


def list_notes(
    connection: Connection,
    charger_id: str,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[TechnicianNote]:
    """A charger's notes, oldest first, optionally limited to a period."""
    query = select(notes).where(notes.c.charger_id == charger_id).order_by(notes.c.at, notes.c.id)
    if since is not None:
        query = query.where(notes.c.at >= since)
    if until is not None:
        query = query.where(notes.c.at < until)
    return [_note(row) for row in connection.execute(query)]
