"""Set-up and queries for the command line, straight on the database.

These run without the engine (the server may or may not be running: SQLite's WAL and
busy timeout let both work on the same file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TypeVar

from sqlalchemy import Connection

from console.core.clock import utcnow
from console.core.enums import Approval
from console.core.model import Card, ChargerRecord, Session
from console.services.passwords import hash_password
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database

T = TypeVar("T")


def _with_database(url: str, work: Callable[[Connection], T]) -> T:
    engine = open_database(url)
    try:
        with engine.begin() as connection:
            return work(connection)
    finally:
        engine.dispose()


def add_charger(url: str, charger_id: str, password: str | None) -> ChargerRecord:
    """Register a charger as accepted, with a password when given (stored hashed)."""
    hashed = hash_password(password) if password else None
    return _with_database(
        url,
        lambda c: charger_repo.add_charger(c, charger_id, Approval.ACCEPTED, utcnow(), hashed),
    )


def set_approval(url: str, charger_id: str, accepted: bool) -> bool:
    """Accept or reject a charger waiting for approval; False when unknown."""
    approval = Approval.ACCEPTED if accepted else Approval.REJECTED
    return _with_database(url, lambda c: charger_repo.set_approval(c, charger_id, approval))


def list_chargers(url: str) -> list[ChargerRecord]:
    """Every charger that is not retired."""
    return _with_database(url, charger_repo.list_chargers)


def list_sessions(url: str, running_only: bool = False) -> list[Session]:
    """Sessions, newest first."""
    return _with_database(url, lambda c: session_repo.list_sessions(c, running_only=running_only))


def add_card(url: str, card: Card) -> Card:
    """Register or update a card."""
    return _with_database(url, lambda c: card_repo.save_card(c, card, utcnow()))


def session_as_dict(session: Session) -> dict[str, Any]:
    """A session as one JSON object for scripts (times in ISO 8601 UTC)."""
    data = asdict(session)
    for key in ("started_at", "stopped_at", "received_at"):
        value = data[key]
        data[key] = value.isoformat() if value is not None else None
    data["energy_wh"] = session.energy_wh
    data["flags"] = list(session.flags)
    return data
