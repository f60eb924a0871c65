"""Technicians' notes on chargers, printed in the service report."""

from __future__ import annotations

from sqlalchemy import Connection

from console.core.alarms import TechnicianNote
from console.core.clock import utcnow
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.storage import notes as note_repo
from console.storage.writer import StorageWriter


class NoteService:
    """Adds and lists a charger's notes through the engine's writer."""

    def __init__(self, writer: StorageWriter) -> None:
        self._writer = writer

    async def add(self, charger_id: str, text: str, *, actor: Actor) -> TechnicianNote:
        """Store a note written now, signed by ``actor``; blank notes are refused."""
        require(actor, Permission.ALARMS)
        text = text.strip()
        if not text:
            raise ValueError("a note needs some text")
        now = utcnow()

        def store(connection: Connection) -> TechnicianNote:
            note = note_repo.add_note(connection, charger_id, text, actor.name, now)
            record(connection, actor, "note.add", charger_id, None, {"text": text})
            return note

        return await self._writer.submit(store)

    async def list(self, charger_id: str) -> list[TechnicianNote]:
        """A charger's notes, oldest first."""
        return await self._writer.submit(lambda c: note_repo.list_notes(c, charger_id))
