"""Repository of RFID cards (idTags), keyed by their case-folded id."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from console.core.authorization import normalize_id_tag
from console.core.enums import CardStatus
from console.core.model import Card
from console.storage.rows import utc_or_none
from console.storage.tables import CardRow, table_of

cards = table_of(CardRow)


def _card(row: Any) -> Card:
    return Card(
        id_tag=row.id_tag,
        status=CardStatus(row.status),
        expires_at=utc_or_none(row.expires_at),
        parent_id_tag=row.parent_id_tag,
        max_concurrent=row.max_concurrent,
        owner=row.owner,
        note=row.note,
    )


def get_card(connection: Connection, id_tag: str) -> Card | None:
    """The card with this id in any spelling, or None."""
    row = connection.execute(
        select(cards).where(cards.c.id_key == normalize_id_tag(id_tag))
    ).first()
    return None if row is None else _card(row)


def save_card(connection: Connection, card: Card, at: datetime) -> Card:
    """Insert or update a card (its history stays; cards are never deleted)."""
    key = normalize_id_tag(card.id_tag)
    fields = {
        "id_tag": card.id_tag.strip(),
        "status": card.status.value,
        "expires_at": card.expires_at,
        "parent_id_tag": card.parent_id_tag,
        "max_concurrent": card.max_concurrent,
        "owner": card.owner,
        "note": card.note,
    }
    if connection.execute(update(cards).where(cards.c.id_key == key).values(**fields)).rowcount:
        return _card_by_key(connection, key)
    connection.execute(cards.insert().values(id_key=key, created_at=at, **fields))
    return _card_by_key(connection, key)


def _card_by_key(connection: Connection, key: str) -> Card:
    return _card(connection.execute(select(cards).where(cards.c.id_key == key)).one())


def list_cards(connection: Connection) -> list[Card]:
    """Every card, ordered by id."""
    return [_card(row) for row in connection.execute(select(cards).order_by(cards.c.id_key))]
