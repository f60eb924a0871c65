"""Read-only look-up of who stands behind card ids: owners of cards, visitors of tokens.

Screens show people, not hex: a table of sessions or connectors asks once for every card
id it shows, in batches, never one query per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, func, select

from console.core.authorization import normalize_id_tag
from console.core.model import Holder
from console.storage.cards import cards
from console.storage.people import people
from console.storage.tariffs import visitor_group
from console.storage.visitors import visitors

# SQLite allows 999 bound parameters in old builds; stay well below for every database.
BATCH = 400


def _batches(keys: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(keys), BATCH):
        yield keys[start : start + BATCH]


def holders_of(connection: Connection, id_tags: Iterable[str]) -> dict[str, Holder]:
    """Who each card id belongs to, keyed by its normalized id (``normalize_id_tag``).

    Cards with an owner give the person's name and department; visitors' tokens give
    the visitor's name and plate; the visitors' loan cards say they are one. Ids with
    nobody behind them (unknown cards, other cards without an owner) are left out.
    """
    keys = sorted({normalize_id_tag(tag) for tag in id_tags if tag and tag.strip()})
    found: dict[str, Holder] = {}
    group = normalize_id_tag(visitor_group(connection)) if keys else ""
    for batch in _batches(keys):
        owned = connection.execute(
            select(cards.c.id_key, cards.c.id_tag, people.c.name, people.c.department)
            .add_columns(people.c.retired)
            .join(people, people.c.id == cards.c.person_id)
            .where(cards.c.id_key.in_(batch))
        )
        for row in owned:
            found[row.id_key] = Holder(
                row.id_tag, row.name, False, row.department or None, bool(row.retired)
            )
        # Loan cards: the visitors' group, nobody's own; the visitor is not recorded.
        loans = connection.execute(
            select(cards.c.id_key, cards.c.id_tag).where(
                cards.c.id_key.in_(batch),
                cards.c.person_id.is_(None),
                func.lower(cards.c.parent_id_tag) == group,
            )
        )
        for row in loans:
            found[row.id_key] = Holder(row.id_tag, None, True, loan_card=True)
        # Tokens are stored upper case; compare without case as idTags are compared.
        guests = connection.execute(
            select(visitors.c.token, visitors.c.name, visitors.c.plate).where(
                func.lower(visitors.c.token).in_(batch)
            )
        )
        for row in guests:
            found[normalize_id_tag(row.token)] = Holder(
                row.token, row.name or None, True, row.plate or None
            )
    return found
