"""Rules about card ids and what a charger's local list says about a card."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from console.core.commands import LocalListEntry
from console.core.enums import AuthorizationStatus, CardStatus
from console.core.model import Card

ID_TAG_MAX_LENGTH = 20  # OCPP 1.6 idTag is a CiString20


class InvalidCardId(ValueError):
    """A card id a charger could never present."""


def validate_id_tag(text: str) -> str:
    """The card id as it will be stored, or InvalidCardId with a message for a person.

    Spaces around the id are dropped (a desk reader may add them); spaces inside, control
    characters and non-ASCII letters are refused because OCPP idTags are printable ASCII.
    """
    id_tag = text.strip()
    if not id_tag:
        raise InvalidCardId("the card id is empty")
    if len(id_tag) > ID_TAG_MAX_LENGTH:
        raise InvalidCardId(
            f"the card id has {len(id_tag)} characters; OCPP allows at most {ID_TAG_MAX_LENGTH}"
        )
    if not all("!" <= character <= "~" for character in id_tag):
        raise InvalidCardId("the card id may only hold printable ASCII without spaces")
    return id_tag


def local_list_entry(card: Card) -> LocalListEntry:
    """How the card appears in a charger's local list.

    A retired card is removed (no status). A blocked card stays listed as Blocked, so a
    charger that cached it as Accepted earlier refuses it while offline. Expiry is left to
    the charger: it gets the date.
    """
    if card.status is CardStatus.RETIRED:
        return LocalListEntry(card.id_tag)
    status = (
        AuthorizationStatus.BLOCKED
        if card.status is CardStatus.BLOCKED
        else AuthorizationStatus.ACCEPTED
    )
    return LocalListEntry(card.id_tag, status.value, card.expires_at, card.parent_id_tag)


def validate_card(card: Card) -> Card:
    """The card with its ids cleaned, or InvalidCardId naming what is wrong."""
    id_tag = validate_id_tag(card.id_tag)
    parent = card.parent_id_tag
    if parent is not None:
        parent = parent.strip() or None
    if parent is not None:
        try:
            parent = validate_id_tag(parent)
        except InvalidCardId as error:
            raise InvalidCardId(f"group: {error}") from None
    if card.max_concurrent < 0:
        raise InvalidCardId("the number of sessions at once cannot be negative")
    return replace(card, id_tag=id_tag, parent_id_tag=parent)


def expiry_at_end_of(day: date) -> datetime:
    """A card valid "until" ``day`` expires when that day ends on this computer's clock."""
    end = datetime.combine(day + timedelta(days=1), time())
    return end.astimezone().astimezone(UTC)


def expiry_day(expires_at: datetime) -> date:
    """The last day a card is valid, as people read it (the inverse of expiry_at_end_of)."""
    return (expires_at.astimezone() - timedelta(microseconds=1)).date()
