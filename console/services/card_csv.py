"""Cards and their owners as a CSV file: export for spreadsheets, import as a checked plan.

An import is planned first (what would be added and changed, and every problem with its
line) so a person can look before anything is written; applying the plan then writes the
rows without problems. Export writes the same columns, so exporting and importing the file
again changes nothing. The columns and what empty cells mean: card_csv_plan.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection

from console.core.cards import expiry_day
from console.core.model import Card, Person
from console.services.card_csv_plan import parse_day, plan_import
from console.services.card_csv_types import (
    COLUMNS,
    CardChange,
    CsvProblem,
    ImportPlan,
    ImportResult,
    PersonChange,
    name_key,
)
from console.services.csv_text import write_rows
from console.storage import cards as card_repo
from console.storage import people as people_repo

__all__ = [
    "COLUMNS",
    "CardChange",
    "CsvProblem",
    "ImportPlan",
    "ImportResult",
    "PersonChange",
    "apply_import",
    "card_fields",
    "cards_with_owners",
    "export_cards_csv",
    "parse_day",
    "plan_import",
]


def apply_import(connection: Connection, plan: ImportPlan, at: datetime) -> ImportResult:
    """Write the plan's rows in the caller's transaction; rows with problems were left out.

    Cards already as the file says are saved again harmlessly: save_card keeps their
    local list version when nothing differs.
    """
    new_ids: dict[str, int] = {}
    for person_change in plan.person_changes:
        saved = people_repo.save_person(connection, person_change.after, at)
        assert saved.id is not None
        new_ids[name_key(saved.name)] = saved.id
    written = []
    for change in (*plan.added, *plan.changed):
        card = change.after
        if card.person_id is None and change.owner is not None:
            card = replace(card, person_id=new_ids[name_key(change.owner)])
        written.append(card_repo.save_card(connection, card, at).id_tag)
    return ImportResult(
        added=len(plan.added),
        changed=len(plan.changed),
        unchanged=plan.unchanged,
        people_added=len(plan.new_people),
        people_changed=len(plan.changed_people),
        skipped_rows=plan.skipped_rows,
        id_tags=tuple(written),
    )


def card_fields(card: Card, owner: Person | None) -> dict[str, str]:
    """A card and its owner as the CSV columns say them."""
    return {
        "card": card.id_tag,
        "status": card.status.value,
        "group": card.parent_id_tag or "",
        "expires": expiry_day(card.expires_at).isoformat() if card.expires_at else "",
        "max_sessions": str(card.max_concurrent),
        "owner": owner.name if owner else "",
        "department": (owner.department or "") if owner else "",
        "email": (owner.email or "") if owner else "",
        "phone": (owner.phone or "") if owner else "",
        "note": card.note or "",
    }


def cards_with_owners(
    connection: Connection, include_retired: bool = True
) -> list[tuple[Card, Person | None]]:
    """Cards ordered by id, each with its owner."""
    people = {person.id: person for person in people_repo.list_people(connection)}
    return [
        (card, people.get(card.person_id) if card.person_id is not None else None)
        for card in card_repo.list_cards(connection, include_retired=include_retired)
    ]


def export_cards_csv(connection: Connection, path: Path) -> int:
    """Write every card, retired ones too, with its owner; returns how many."""
    rows = (
        [card_fields(card, owner)[name] for name in COLUMNS]
        for card, owner in cards_with_owners(connection)
    )
    return write_rows(path, COLUMNS, rows)
