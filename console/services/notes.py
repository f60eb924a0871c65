"""Technicians' notes on chargers, printed in the service report."""

from __future__ import annotations

from console.core.alarms import TechnicianNote
from console.core.clock import utcnow
from console.storage import notes as note_repo
from console.storage.writer import StorageWriter


class NoteService:
    """Adds and lists a charger's notes through the engine's writer."""

    def __init__(self, writer: StorageWriter) -> None:
        self._writer = writer

    async def add(self, charger_id: str, text: str, author: str | None = None) -> TechnicianNote:
        """Store a note written now; blank notes are refused."""
        text = text.strip()
        if not text:
            raise ValueError("a note needs some text")
        now = utcnow()
        return await self._writer.submit(
            lambda c: note_repo.add_note(c, charger_id, text, author, now)
        )

    async def list(self, charger_id: str) -> list[TechnicianNote]:
        """A charger's notes, oldest first."""
        return await self._writer.submit(lambda c: note_repo.list_notes(c, charger_id))
