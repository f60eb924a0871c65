"""What the Billing tab reads from the database, in one worker-thread call."""

from __future__ import annotations

from dataclasses import dataclass

from console.core.billing import Receipt, SiteDetails
from console.services.queries import SiteQueries
from console.ui.billing.tariffs_model import TariffRow, tariff_rows

RECEIPTS_SHOWN = 5000  # newest receipts of the chosen year read at once


@dataclass(frozen=True, slots=True)
class BillingSnapshot:
    """Receipts of a year, tariffs with their uses, and the site details."""

    receipts: list[Receipt]
    tariffs: list[TariffRow]
    groups: list[str]  # card groups known to the site (for the tariff editor)
    site: SiteDetails
    years: list[int]  # years that have receipts, newest first


def read_billing(queries: SiteQueries, year: int | None) -> BillingSnapshot:
    """Everything the tab shows (blocking: call it through ``EngineClient.read``)."""
    receipts = queries.receipts(year=year, limit=RECEIPTS_SHOWN)
    rows = tariff_rows(
        queries.tariffs(include_retired=False),
        queries.tariff_groups(),
        queries.default_tariff_id(),
        queries.visitor_tariff_id(),
    )
    groups = sorted(
        {c.parent_id_tag for c in queries.cards(False) if c.parent_id_tag}, key=str.casefold
    )
    return BillingSnapshot(receipts, rows, groups, queries.site_details(), queries.receipt_years())
