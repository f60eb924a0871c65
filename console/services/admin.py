"""Set-up and queries for the command line, on the database given.

These run without the engine (the server may or may not be running: SQLite's WAL and
busy timeout let both work on the same file). A change the console makes too runs the
console's own service operation on a writer of this command's (see local_engine); the
reads and the command line's own use cases (``edit_card``) work on the database here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection

from console.core.cards import expiry_at_end_of, validate_card
from console.core.clock import utcnow
from console.core.enums import BlockReason, CardStatus
from console.core.model import Card, ChargerRecord, Person, Session
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.services.card_csv import (
    ImportPlan,
    ImportResult,
    apply_import,
    cards_with_owners,
    export_cards_csv,
    plan_import,
)
from console.services.card_history import CardHistory, card_history
from console.services.cards import CardNotFound, card_facts
from console.services.local_engine import LocalEngine, run_local
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import database
from console.storage import people as people_repo
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


def add_charger(url: str, charger_id: str, password: str | None, *, actor: Actor) -> ChargerRecord:
    """Register a charger as accepted, with a password when given (stored hashed):
    ``AdmissionService.add_charger``.

    Raises ChargerInputError when the id breaks the OCPP rules or the password is not
    16 to 40 characters.
    """
    return run_local(url, lambda e: e.admission().add_charger(charger_id, password, actor=actor))


def unlock_charger(url: str, charger_id: str, *, actor: Actor) -> bool:
    """Lift a password lock-out of a charger (and its addresses); True when one held."""
    return run_local(url, lambda e: e.admission().unlock(charger_id, actor=actor))


def set_approval(url: str, charger_id: str, accepted: bool, *, actor: Actor) -> bool:
    """Accept or reject a charger waiting for approval; False when unknown."""
    return run_local(url, lambda e: e.admission().set_approval(charger_id, accepted, actor=actor))


def retire_charger(url: str, charger_id: str, *, actor: Actor) -> bool:
    """Retire a charger that left the site; False when unknown."""
    return run_local(url, lambda e: e.admission().retire(charger_id, actor=actor))


def default_database_url() -> str:
    """The database used when none is given: a SQLite file in the user data folder."""
    return database.default_database_url()


def end_session(url: str, session_id: int, reason: str, *, actor: Actor) -> Session:
    """Staff end a session the charger never stopped: ``SessionService.end_session``
    (SessionError when it cannot be)."""
    return run_local(url, lambda e: e.sessions().end_session(session_id, reason, actor=actor))


def list_chargers(url: str) -> list[ChargerRecord]:
    """Every charger that is not retired."""
    return _with_database(url, charger_repo.list_chargers)


def list_sessions(url: str, running_only: bool = False) -> list[Session]:
    """Sessions, newest first."""
    return _with_database(url, lambda c: session_repo.list_sessions(c, running_only=running_only))


def add_card(url: str, card: Card, *, actor: Actor) -> Card:
    """Register or update a card: ``CardService.save_card``."""
    return run_local(url, lambda e: e.cards().save_card(card, actor=actor))


@dataclass(frozen=True, slots=True)
class CardEdit:
    """A card as ``cards add`` asks for it: None leaves a value as it is (or the default for
    a new card); an empty text clears the group, owner or note."""

    id_tag: str
    group: str | None = None
    expires: date | None = None
    never_expires: bool = False
    max_sessions: int | None = None
    owner: str | None = None
    department: str | None = None
    email: str | None = None
    phone: str | None = None
    note: str | None = None


class CardEditError(ValueError):
    """A card edit that cannot be applied, with a message for a person."""


def _given(value: str | None, current: str | None) -> str | None:
    """The value asked for: None keeps ``current``, an empty text clears it."""
    return current if value is None else value.strip() or None


def _owner_of(connection: Connection, edit: CardEdit, card: Card) -> int | None:
    given = any(value is not None for value in (edit.department, edit.email, edit.phone))
    if edit.owner is None:
        if given and card.person_id is None:
            raise CardEditError(f"card {card.id_tag} has no owner: give --owner too")
        if not given or card.person_id is None:
            return card.person_id
        person = people_repo.get_person(connection, card.person_id)
    elif not edit.owner.strip():
        if given:
            raise CardEditError("--department, --email and --phone need an owner")
        return None
    else:
        name = " ".join(edit.owner.split())
        person = people_repo.find_person_by_name(connection, name) or Person(None, name)
    if person is None:  # the card's owner vanished: cannot happen with foreign keys on
        raise CardEditError(f"the owner of card {card.id_tag} is missing")
    changed = replace(
        person,
        department=_given(edit.department, person.department),
        email=_given(edit.email, person.email),
        phone=_given(edit.phone, person.phone),
    )
    if changed != person or changed.id is None:
        changed = people_repo.save_person(connection, changed, utcnow())
    return changed.id


def edit_card(url: str, edit: CardEdit, *, actor: Actor) -> tuple[Card, bool]:
    """Register a card or change the values given; returns it and whether it is new.

    An owner name nobody has yet creates the person. InvalidCardId or CardEditError for a
    mistake.
    """
    require(actor, Permission.CARDS)

    def work(connection: Connection) -> tuple[Card, bool]:
        existing = card_repo.get_card(connection, edit.id_tag)
        card = existing or Card(edit.id_tag)
        if edit.group is not None:
            card = replace(card, parent_id_tag=edit.group.strip() or None)
        if edit.never_expires:
            card = replace(card, expires_at=None)
        elif edit.expires is not None:
            card = replace(card, expires_at=expiry_at_end_of(edit.expires))
        if edit.max_sessions is not None:
            if edit.max_sessions < 0:
                raise CardEditError("--max-sessions cannot be negative (0 means no limit)")
            card = replace(card, max_concurrent=edit.max_sessions)
        if edit.note is not None:
            card = replace(card, note=edit.note.strip() or None)
        card = validate_card(card)
        card = replace(card, person_id=_owner_of(connection, edit, card))
        saved = card_repo.save_card(connection, card, utcnow())
        action = "card.add" if existing is None else "card.change"
        record(connection, actor, action, saved.id_tag, card_facts(existing), card_facts(saved))
        return saved, existing is None

    return _with_database(url, work)


def set_card_status(
    url: str,
    id_tag: str,
    status: CardStatus,
    reason: BlockReason | None = None,
    detail: str | None = None,
    *,
    actor: Actor,
) -> Card | None:
    """Block (with why), unblock (active) or retire a card: ``CardService.set_status``;
    None when there is no such card."""

    async def change(engine: LocalEngine) -> Card | None:
        try:
            return await engine.cards().set_status(id_tag, status, reason, detail, actor=actor)
        except CardNotFound:
            return None

    return run_local(url, change)


def list_cards(url: str, include_retired: bool = False) -> list[tuple[Card, Person | None]]:
    """Cards ordered by id with their owners; retired ones only when asked."""
    return _with_database(url, lambda c: cards_with_owners(c, include_retired))


def import_cards(
    url: str, data: bytes, *, write: bool, skip_bad_rows: bool = False, actor: Actor
) -> tuple[ImportPlan, ImportResult | None]:
    """Plan a card CSV import and, when ``write``, apply it in the same transaction.

    Nothing is written when the file has problems unless ``skip_bad_rows``; the result is
    None when nothing was written.
    """
    if write:
        require(actor, Permission.CARDS)

    def work(connection: Connection) -> tuple[ImportPlan, ImportResult | None]:
        plan = plan_import(connection, data)
        if not write or (plan.has_problems and not skip_bad_rows):
            return plan, None
        result = apply_import(connection, plan, utcnow())
        record(connection, actor, "card.import", "", None, {"cards": list(result.id_tags)})
        return plan, result

    return _with_database(url, work)


def export_cards(url: str, path: Path) -> int:
    """Write every card with its owner to a CSV file; returns how many."""
    return _with_database(url, lambda c: export_cards_csv(c, path))


def read_card_history(url: str, id_tag: str) -> CardHistory:
    """The sessions of one card, newest first, with totals."""
    return _with_database(url, lambda c: card_history(c, id_tag))


def session_as_dict(session: Session) -> dict[str, Any]:
    """A session as one JSON object for scripts (times in ISO 8601 UTC)."""
    data = asdict(session)
    for key in ("started_at", "stopped_at", "received_at"):
        value = data[key]
        data[key] = value.isoformat() if value is not None else None
    data["energy_wh"] = session.energy_wh
    data["flags"] = list(session.flags)
    return data
