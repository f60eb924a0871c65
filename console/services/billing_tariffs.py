"""A tariff saved together with where it applies: groups, the site default, the visitors'.

Saving a tariff from the editor used to be up to seven separate commits; a refusal half
way left a tariff stored without its groups. Here it is one piece of work for one
transaction: everything that can be refused is checked before the first write, and a
refusal after it (a bug, or a storage rule we did not foresee) undoes the whole
transaction instead of committing half of it (``WriteUndone``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from console.core.authorization import normalize_id_tag
from console.core.billing import BillingError, StoredTariff
from console.core.tariffs import Tariff
from console.storage import tariffs as tariff_repo

MAX_GROUP_LENGTH = 20  # a group is a card's parent idTag (CiString20)


@dataclass(frozen=True, slots=True)
class SavedTariff:
    """A tariff as saved with its place: what it is used for now, in words."""

    stored: StoredTariff
    uses: tuple[str, ...]
    added: bool  # True: a new tariff; False: one changed

    @property
    def action(self) -> str:
        """The audit action of the save."""
        return "tariff.add" if self.added else "tariff.change"


class WriteUndone(Exception):
    """A refusal met after the first write: raised through the writer so its transaction
    is rolled back (a BillingError would be handed back and the rest committed)."""

    def __init__(self, error: BillingError) -> None:
        super().__init__(str(error))
        self.error = error


def wanted_groups(groups: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The groups named, each once (compared without case, first spelling kept).

    BillingError for a name that cannot be a group.
    """
    named: dict[str, str] = {}
    for group in groups:
        name = group.strip()
        if not name or len(name) > MAX_GROUP_LENGTH:
            raise BillingError(
                f"a group is a card's parent id of 1 to {MAX_GROUP_LENGTH} characters, "
                f"not {group!r}"
            )
        named.setdefault(normalize_id_tag(name), name)
    return tuple(named.values())


def tariff_facts(connection: Connection, stored: StoredTariff) -> dict[str, Any]:
    """What the audit log keeps of a tariff: its definition and what it is used for."""
    uses = tariff_repo.tariff_uses(connection, stored.id)
    return dict(tariff_repo.tariff_to_json(stored.tariff), uses=uses)


def place_tariff(
    connection: Connection,
    tariff_id: int | None,
    tariff: Tariff,
    groups: tuple[str, ...],
    default: bool,
    visitor: bool,
    now: datetime,
) -> tuple[SavedTariff, dict[str, Any] | None, dict[str, Any]]:
    """Store a tariff (``tariff_id`` None: a new one) and where it applies.

    The groups given pay it, the groups it had and no longer has pay the default again;
    ``default`` and ``visitor`` make it the site default and the visitors' tariff, or stop
    it being them. Returns it with the audit facts before and after. BillingError before
    anything is written; WriteUndone for a refusal after that.
    """
    named = wanted_groups(groups)
    old = None if tariff_id is None else tariff_repo.get_tariff(connection, tariff_id)
    before = None if old is None else tariff_facts(connection, old)
    # save_tariff checks the name and the tariff before it writes: the first write.
    stored = tariff_repo.save_tariff(connection, tariff_id, tariff, now)
    try:
        _place(connection, stored.id, named, default, visitor)
        after = tariff_facts(connection, stored)
    except BillingError as error:
        raise WriteUndone(error) from error
    saved = SavedTariff(stored, tuple(after["uses"]), added=tariff_id is None)
    return saved, before, after


def _place(
    connection: Connection,
    tariff_id: int,
    groups: tuple[str, ...],
    default: bool,
    visitor: bool,
) -> None:
    keys = {normalize_id_tag(group) for group in groups}
    for group in groups:
        tariff_repo.assign_group(connection, group, tariff_id)
    for group, paying in tariff_repo.group_tariffs(connection).items():
        if paying == tariff_id and normalize_id_tag(group) not in keys:
            tariff_repo.assign_group(connection, group, None)
    if default:
        tariff_repo.set_default_tariff_id(connection, tariff_id)
    elif tariff_repo.default_tariff_id(connection) == tariff_id:
        tariff_repo.set_default_tariff_id(connection, None)
    if visitor:
        tariff_repo.set_visitor_tariff_id(connection, tariff_id)
    elif tariff_repo.visitor_tariff_id(connection) == tariff_id:
        tariff_repo.set_visitor_tariff_id(connection, None)
