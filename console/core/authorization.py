"""The OCPP 1.6 rules that turn a card and its running sessions into an answer."""

from __future__ import annotations

from datetime import datetime

from console.core.enums import AuthorizationStatus, CardStatus
from console.core.model import Card, IdTagInfo


def normalize_id_tag(id_tag: str) -> str:
    """The key under which a card id is compared: OCPP idTags are case-insensitive."""
    return id_tag.strip().casefold()


def authorize(
    card: Card | None,
    *,
    now: datetime,
    running_sessions: int | None = None,
) -> IdTagInfo:
    """Judge a card presented at a charger.

    ``running_sessions`` counts the card's sessions really in progress (not the one
    being started, nor any ChargeDesk has ended). ConcurrentTx is answered when the card
    already runs as many sessions as it may; ``max_concurrent`` 0 means no limit.
    ``running_sessions`` None judges an Authorize: OCPP 1.6 keeps ConcurrentTx for
    StartTransaction, so a driver is never refused at the reader because of a session
    that may be stale.
    """
    if card is None or card.status is CardStatus.RETIRED:
        return IdTagInfo(AuthorizationStatus.INVALID)
    parent = card.parent_id_tag
    if card.status is CardStatus.BLOCKED:
        return IdTagInfo(AuthorizationStatus.BLOCKED, parent_id_tag=parent)
    if card.expires_at is not None and card.expires_at <= now:
        return IdTagInfo(AuthorizationStatus.EXPIRED, card.expires_at, parent)
    if running_sessions is not None and 0 < card.max_concurrent <= running_sessions:
        return IdTagInfo(AuthorizationStatus.CONCURRENT_TX, card.expires_at, parent)
    return IdTagInfo(AuthorizationStatus.ACCEPTED, card.expires_at, parent)
