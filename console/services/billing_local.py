"""The billing operations and reads on a local database, for the command line.

The command line has no engine running: the operation runs the same ``BillingService``
operation the console runs on a writer of its own (see local_engine). The reads return core
dataclasses, so the command line never touches storage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from console.core.billing import Receipt, ReceiptStatus, SessionBill, StoredTariff
from console.core.clock import utcnow
from console.core.model import Session
from console.core.money import CostBreakdown
from console.core.staff import Actor
from console.core.tariffs import Tariff
from console.services.billing_plan import cost_so_far
from console.services.billing_tariffs import SavedTariff
from console.services.local_engine import LocalEngine, run_local
from console.storage import bills as bill_repo
from console.storage import receipts as receipt_repo
from console.storage import sessions as session_repo
from console.storage import tariffs as tariff_repo
from console.storage.database import open_database

T = TypeVar("T")


def _read(url: str, work: Callable[[Connection], T]) -> T:
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            return work(connection)
    finally:
        engine.dispose()


def save_tariff_placed(
    url: str,
    tariff_id: int | None,
    tariff: Tariff,
    groups: Sequence[str],
    default: bool,
    visitor: bool,
    *,
    actor: Actor,
) -> SavedTariff:
    """``BillingService.save_tariff_placed`` on the database at ``url``."""

    async def save(engine: LocalEngine) -> SavedTariff:
        billing = engine.billing()
        try:
            return await billing.save_tariff_placed(
                tariff_id, tariff, tuple(groups), default, visitor, actor=actor
            )
        finally:
            await billing.close()

    return run_local(url, save)


@dataclass(frozen=True, slots=True)
class TariffListing:
    """A stored tariff and what it is used for, in words."""

    stored: StoredTariff
    uses: tuple[str, ...]


def list_tariffs(url: str) -> list[TariffListing]:
    """Every tariff (retired ones too), by name, with what it is used for."""

    def read(connection: Connection) -> list[TariffListing]:
        return [
            TariffListing(item, tuple(tariff_repo.tariff_uses(connection, item.id)))
            for item in tariff_repo.list_tariffs(connection)
        ]

    return _read(url, read)


def tariff_as_json(tariff: Tariff) -> dict[str, Any]:
    """A tariff as one JSON object, as it is stored (prices as text)."""
    return tariff_repo.tariff_to_json(tariff)


def site_timezone(url: str) -> ZoneInfo:
    """The site's time zone."""
    return _read(url, tariff_repo.site_timezone)


@dataclass(frozen=True, slots=True)
class SessionCost:
    """What a session costs: its bill when billed, else what it costs so far (None: no
    tariff applies to it)."""

    session: Session
    bill: SessionBill | None
    breakdown: CostBreakdown | None

    @property
    def state(self) -> str:
        """billed, running or not billed."""
        if self.bill is not None:
            return "billed"
        return "running" if self.session.stopped_at is None else "not billed"


def session_cost(url: str, session_id: int) -> SessionCost | None:
    """What a session costs, by component; None when there is no such session."""

    def read(connection: Connection) -> SessionCost | None:
        session = session_repo.get_session(connection, session_id)
        if session is None:
            return None
        bill = bill_repo.get_bill(connection, session.id)
        breakdown = bill.breakdown if bill else cost_so_far(connection, session, utcnow())
        return SessionCost(session, bill, breakdown)

    return _read(url, read)


def list_receipts(
    url: str, year: int | None = None, status: ReceiptStatus | None = None
) -> list[Receipt]:
    """Receipts with their payments, newest first (all of them)."""
    return _read(
        url,
        lambda c: receipt_repo.list_receipts(c, year=year, status=status, limit=1_000_000),
    )


def receipt_by_label(url: str, label: str) -> Receipt | None:
    """The receipt printed with this number, e.g. "2026-00042"."""
    return _read(url, lambda c: receipt_repo.receipt_by_label(c, label))
