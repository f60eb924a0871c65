"""A charger's local authorization list: what we know of it and how an update is cut up.

OCPP 1.6 versions a local list with one number. We use the site's list version (the
highest ``list_version`` of the cards), so a charger reporting the version we stored for
it holds every card as of that version and only needs the cards changed since.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from console.core.cards import local_list_entry
from console.core.commands import LocalListEntry, SendLocalList
from console.core.enums import CardStatus
from console.core.model import Card

NO_LIST = 0  # GetLocalListVersion: no list installed
NOT_SUPPORTED = -1  # GetLocalListVersion: the charger has no local list
DEFAULT_MESSAGE_SIZE = 100  # entries per SendLocalList when the charger does not say


@dataclass(frozen=True, slots=True)
class LocalListState:
    """What we know of one charger's local list.

    ``version`` is the list version the charger confirmed last (0: none or unknown);
    ``supported`` is None until the charger has answered, False once it said it has no
    local list. ``max_length`` is its LocalAuthListMaxLength, once read.
    """

    charger_id: str
    version: int = NO_LIST
    supported: bool | None = None
    max_length: int | None = None
    synced_at: datetime | None = None
    last_result: str | None = None


@dataclass(frozen=True, slots=True)
class FullList:
    """The entries of a Full update, and how many cards did not fit the charger."""

    entries: tuple[LocalListEntry, ...]
    left_out: int = 0


def _priority(card: Card, now: datetime) -> int:
    if card.status is CardStatus.BLOCKED:
        return 1
    if card.expires_at is not None and card.expires_at <= now:
        return 2
    return 0


def full_list(cards: Sequence[Card], max_length: int | None, now: datetime) -> FullList:
    """The Full update for ``cards``: retired cards are left out.

    When the charger cannot hold every card, the ones that let a driver charge come
    first, then blocked ones (so a card cached as Accepted is refused offline), then
    expired ones, which the charger would refuse anyway.
    """
    listed = sorted(
        (card for card in cards if card.status is not CardStatus.RETIRED),
        key=lambda card: _priority(card, now),
    )
    kept = listed if max_length is None else listed[: max(0, max_length)]
    return FullList(tuple(local_list_entry(card) for card in kept), len(listed) - len(kept))


def differential_entries(cards: Sequence[Card]) -> tuple[LocalListEntry, ...]:
    """A Differential update for changed cards; retired cards become removals."""
    return tuple(local_list_entry(card) for card in cards)


def fits_whole(listed: int, changed: Sequence[Card], max_length: int | None) -> bool:
    """Whether the charger held every card at its version and will after ``changed``.

    ``listed`` counts the cards not retired now. A charger that could not hold every card
    got a cut list, which a Differential would only patch: it needs a Full update, where
    the cards that matter most go first. We keep no history, so the cards it should hold
    at its version are over-counted: each card retired since may have been listed then.
    """
    if max_length is None:
        return True
    retired_since = sum(1 for card in changed if card.status is CardStatus.RETIRED)
    return listed + retired_since <= max_length


def split_update(
    entries: Sequence[LocalListEntry], *, version: int, full: bool, size: int, floor: int = 0
) -> list[SendLocalList]:
    """The SendLocalList messages that bring a charger to ``version``, ``size`` entries each.

    A charger refuses a Differential whose version is not above its own, so the chunks
    cannot all carry the target version: they count up to it (a Full first chunk, then
    Differentials), the last one landing on ``version``. The versions in between do not
    mean "the site as of that version"; the caller never records them, so a charger left
    half way gets a Full update next time. ``floor`` is the version the first chunk must
    exceed (the charger's own for a Differential, 0 for a Full). Versions grow by one per
    card change, so there are always enough of them; should there not be, the update goes
    whole and the charger decides.
    """
    size = max(1, size)
    chunks = [tuple(entries[i : i + size]) for i in range(0, len(entries), size)] or [()]
    first = version - len(chunks) + 1
    if first <= floor:
        return [SendLocalList(version, full, tuple(entries))]
    return [
        SendLocalList(first + number, full and number == 0, chunk)
        for number, chunk in enumerate(chunks)
    ]


SEND_MAX_KEY = "SendLocalListMaxLength"  # entries per SendLocalList
LIST_MAX_KEY = "LocalAuthListMaxLength"  # entries the charger can hold


@dataclass(frozen=True, slots=True)
class ListLimits:
    """How many entries a charger takes per message and in all (None: it did not say)."""

    per_message: int = DEFAULT_MESSAGE_SIZE
    total: int | None = None


def limits_from_configuration(keys: Sequence[Any]) -> ListLimits:
    """The limits in a GetConfiguration reply's configurationKey list; odd values ignored."""
    values: dict[str, int] = {}
    for item in keys:
        with contextlib.suppress(KeyError, TypeError, ValueError):
            values[str(item["key"]).casefold()] = int(item["value"])
    per_message = values.get(SEND_MAX_KEY.casefold(), DEFAULT_MESSAGE_SIZE)
    total = values.get(LIST_MAX_KEY.casefold())
    return ListLimits(per_message if per_message > 0 else DEFAULT_MESSAGE_SIZE, total)


@dataclass(frozen=True, slots=True)
class ListUpdate:
    """The entries that bring a charger to the site's list ``version``."""

    version: int
    full: bool
    entries: tuple[LocalListEntry, ...]
    left_out: int = 0  # cards that did not fit the charger (Full updates only)

    def describe(self, messages: int, max_length: int | None) -> str:
        """One line for staff: what was sent, and what did not fit."""
        kind = "Full list sent" if self.full else "Changes sent"
        text = f"{kind}: {len(self.entries)} cards"
        if messages > 1:
            text += f" in {messages} messages"
        if self.left_out:
            total = len(self.entries) + self.left_out
            text += (
                f" ({self.left_out} of {total} cards left out: the charger holds at most"
                f" {max_length})"
            )
        return text
