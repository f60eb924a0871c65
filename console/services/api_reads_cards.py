"""Card reads the HTTP API needs beyond SiteQueries: cards with owners, CSV as text.

A script uploads a card CSV as the request body and downloads the export as the
response, so the plan is made from bytes and the export written to text here; the file
is the same as the one ``chargedesk cards export`` writes (same columns, escaping, BOM
and line ends).
"""

from __future__ import annotations

import io

from console.core.model import Card, Person
from console.services.card_csv import (
    COLUMNS,
    ImportPlan,
    card_fields,
    cards_with_owners,
    plan_import,
)
from console.services.csv_text import CsvWriter
from console.services.queries import SiteQueries

BOM = "\ufeff"  # what write_rows' utf-8-sig puts first, so spreadsheets read UTF-8


def plan_card_import(queries: SiteQueries, data: bytes) -> ImportPlan:
    """What importing the CSV ``data`` would do (nothing is written)."""
    return queries.run(lambda c: plan_import(c, data))


def cards_csv_text(queries: SiteQueries) -> str:
    """Every card, retired ones too, with its owner, as the export file's text."""
    stream = io.StringIO(newline="")
    writer = CsvWriter(stream)
    writer.writerow(COLUMNS)
    for card, owner in queries.run(cards_with_owners):
        fields = card_fields(card, owner)
        writer.writerow([fields[name] for name in COLUMNS])
    return BOM + stream.getvalue()


def cards_and_owners(queries: SiteQueries) -> list[tuple[Card, Person | None]]:
    """Every card ordered by id, retired ones too, each with its owner (one read)."""
    return queries.run(cards_with_owners)
