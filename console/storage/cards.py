"""Repository of RFID cards (idTags), keyed by their case-folded id, and of refused cards.

Every change to a card gives it the next local list version (the highest stored one plus
one), so the chargers' lists can be brought up to date with the cards changed since.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from console.core.authorization import normalize_id_tag
from console.core.enums import AuthorizationStatus, BlockReason, CardStatus
from console.core.model import Card, CardStatusChange, RefusedCard
from console.storage.rows import utc_or_none
from console.storage.tables import CardRow, CardStatusChangeRow, RefusedCardRow, table_of

cards = table_of(CardRow)
refused_cards = table_of(RefusedCardRow)
status_changes = table_of(CardStatusChangeRow)


def _card(row: Any) -> Card:
    return Card(
        id_tag=row.id_tag,
        status=CardStatus(row.status),
        expires_at=utc_or_none(row.expires_at),
        parent_id_tag=row.parent_id_tag,
        max_concurrent=row.max_concurrent,
        person_id=row.person_id,
        note=row.note,
        block_reason=_reason(row.block_reason),
        block_detail=row.block_detail,
        blocked_at=utc_or_none(row.blocked_at),
    )


def _reason(value: str | None) -> BlockReason | None:
    try:
        return None if value is None else BlockReason(value)
    except ValueError:  # a reason written by a newer version: shown as "other"
        return BlockReason.OTHER


def _with_block_fields(card: Card, existing: Card | None, at: datetime) -> Card:
    """The block reason follows the status: kept while blocked, cleared otherwise.

    A change that says nothing about the reason (an import, an edit of the note) keeps
    the reason already stored; a card newly blocked is blocked from ``at``.
    """
    if card.status is not CardStatus.BLOCKED:
        return replace(card, block_reason=None, block_detail=None, blocked_at=None)
    was_blocked = existing is not None and existing.status is CardStatus.BLOCKED
    if card.block_reason is None and was_blocked and existing is not None:
        card = replace(card, block_reason=existing.block_reason, block_detail=existing.block_detail)
    since = existing.blocked_at if was_blocked and existing is not None else None
    return replace(card, blocked_at=card.blocked_at or since or at)


def _record_change(connection: Connection, key: str, card: Card, at: datetime) -> None:
    connection.execute(
        status_changes.insert().values(
            id_key=key,
            at=at,
            status=card.status.value,
            reason=None if card.block_reason is None else card.block_reason.value,
            detail=card.block_detail,
        )
    )


def status_history(connection: Connection, id_tags: list[str]) -> list[CardStatusChange]:
    """The status changes of these cards (any spelling), newest first."""
    keys = {normalize_id_tag(id_tag): id_tag for id_tag in id_tags}
    if not keys:
        return []
    spelled = {
        row.id_key: row.id_tag
        for row in connection.execute(
            select(cards.c.id_key, cards.c.id_tag).where(cards.c.id_key.in_(list(keys)))
        )
    }
    query = (
        select(status_changes)
        .where(status_changes.c.id_key.in_(list(keys)))
        .order_by(status_changes.c.at.desc(), status_changes.c.id.desc())
    )
    return [
        CardStatusChange(
            id_tag=spelled.get(row.id_key, keys[row.id_key]),
            at=utc_or_none(row.at),  # type: ignore[arg-type]
            status=CardStatus(row.status),
            reason=_reason(row.reason),
            detail=row.detail,
        )
        for row in connection.execute(query)
    ]


def get_card(connection: Connection, id_tag: str) -> Card | None:
    """The card with this id in any spelling, or None."""
    row = connection.execute(
        select(cards).where(cards.c.id_key == normalize_id_tag(id_tag))
    ).first()
    return None if row is None else _card(row)


def local_list_version(connection: Connection) -> int:
    """The site's local list version: that of the most recently changed card (0: none)."""
    return connection.execute(select(func.max(cards.c.list_version))).scalar() or 0


def save_card(connection: Connection, card: Card, at: datetime) -> Card:
    """Insert or update a card (its history stays; cards are never deleted).

    An update that changes nothing keeps the card's list version, so chargers are not
    sent the same entry again.
    """
    key = normalize_id_tag(card.id_tag)
    existing = get_card(connection, key)
    card = _with_block_fields(replace(card, id_tag=card.id_tag.strip()), existing, at)
    fields = {
        "id_tag": card.id_tag,
        "status": card.status.value,
        "expires_at": card.expires_at,
        "parent_id_tag": card.parent_id_tag,
        "max_concurrent": card.max_concurrent,
        "person_id": card.person_id,
        "note": card.note,
        "block_reason": None if card.block_reason is None else card.block_reason.value,
        "block_detail": card.block_detail,
        "blocked_at": card.blocked_at,
    }
    if existing == card:
        return existing
    if (existing is None and card.status is not CardStatus.ACTIVE) or (
        existing is not None
        and (existing.status, existing.block_reason, existing.block_detail)
        != (card.status, card.block_reason, card.block_detail)
    ):
        _record_change(connection, key, card, at)
    version = local_list_version(connection) + 1
    if existing is not None:
        connection.execute(
            update(cards)
            .where(cards.c.id_key == key)
            .values(**fields, list_version=version, updated_at=at)
        )
    else:
        connection.execute(
            cards.insert().values(
                id_key=key, created_at=at, updated_at=at, list_version=version, **fields
            )
        )
    return _card_by_key(connection, key)


def set_card_status(
    connection: Connection,
    id_tag: str,
    status: CardStatus,
    at: datetime,
    reason: BlockReason | None = None,
    detail: str | None = None,
) -> Card | None:
    """Block (with its reason), unblock or retire a card; None when there is no such card."""
    card = get_card(connection, id_tag)
    if card is None:
        return None
    if status is CardStatus.BLOCKED:
        card = replace(card, block_reason=reason, block_detail=detail)
    return save_card(connection, replace(card, status=status), at)


def _card_by_key(connection: Connection, key: str) -> Card:
    return _card(connection.execute(select(cards).where(cards.c.id_key == key)).one())


def list_cards(connection: Connection, *, include_retired: bool = True) -> list[Card]:
    """Cards ordered by id."""
    query = select(cards).order_by(cards.c.id_key)
    if not include_retired:
        query = query.where(cards.c.status != CardStatus.RETIRED.value)
    return [_card(row) for row in connection.execute(query)]


def cards_of_person(connection: Connection, person_id: int) -> list[Card]:
    """The cards a person owns, retired ones included."""
    query = select(cards).where(cards.c.person_id == person_id).order_by(cards.c.id_key)
    return [_card(row) for row in connection.execute(query)]


def cards_changed_since(connection: Connection, version: int) -> list[Card]:
    """Cards changed after local list ``version``, oldest change first."""
    query = (
        select(cards)
        .where(cards.c.list_version > version)
        .order_by(cards.c.list_version, cards.c.id_key)
    )
    return [_card(row) for row in connection.execute(query)]


def record_refusal(
    connection: Connection,
    id_tag: str,
    charger_id: str,
    status: AuthorizationStatus,
    at: datetime,
) -> None:
    """Count a card we did not accept, with where and when it was presented last."""
    key = normalize_id_tag(id_tag)
    changed = connection.execute(
        update(refused_cards)
        .where(refused_cards.c.id_key == key)
        .values(
            id_tag=id_tag.strip(),
            status=status.value,
            charger_id=charger_id,
            last_at=at,
            count=refused_cards.c.count + 1,
        )
    ).rowcount
    if not changed:
        connection.execute(
            refused_cards.insert().values(
                id_key=key,
                id_tag=id_tag.strip(),
                status=status.value,
                charger_id=charger_id,
                first_at=at,
                last_at=at,
                count=1,
            )
        )


def prune_refused_cards(connection: Connection, before: datetime, keep_rows: int) -> int:
    """Forget refused cards last presented before ``before``, and the stalest beyond
    ``keep_rows``; returns how many were deleted."""
    deleted = connection.execute(
        delete(refused_cards).where(refused_cards.c.last_at < before)
    ).rowcount
    stalest_kept = connection.execute(
        select(refused_cards.c.last_at)
        .order_by(refused_cards.c.last_at.desc())
        .offset(keep_rows)
        .limit(1)
    ).scalar()
    if stalest_kept is not None:
        deleted += connection.execute(
            delete(refused_cards).where(refused_cards.c.last_at <= stalest_kept)
        ).rowcount
    return int(deleted)


def list_refused_cards(
    connection: Connection, since: datetime | None = None, limit: int = 200
) -> list[RefusedCard]:
    """Refused cards, most recently presented first."""
    query = (
        select(refused_cards, cards.c.id_key.is_not(None).label("registered"))
        .outerjoin(cards, cards.c.id_key == refused_cards.c.id_key)
        .order_by(refused_cards.c.last_at.desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(refused_cards.c.last_at >= since)
    return [
        RefusedCard(
            id_tag=row.id_tag,
            status=AuthorizationStatus(row.status),
            charger_id=row.charger_id,
            first_at=utc_or_none(row.first_at) or row.first_at,
            last_at=utc_or_none(row.last_at) or row.last_at,
            count=row._mapping["count"],
            registered=bool(row.registered),
        )
        for row in connection.execute(query)
    ]
