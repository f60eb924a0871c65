"""Bills, receipts, payments and visitors as plain values.

A receipt's ``ReceiptContent`` is everything printed on it, frozen when it is issued:
later changes to the site's settings, the tariff or the session never change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from console.core.money import CostBreakdown
from console.core.tariffs import Tariff

CONTENT_FORMAT = 1  # version of the stored receipt content


class ReceiptStatus(StrEnum):
    """Where a receipt stands."""

    UNPAID = "unpaid"
    PAID = "paid"
    VOID = "void"


class PaymentMethod(StrEnum):
    """How a receipt was paid."""

    CASH = "cash"
    TERMINAL = "terminal"  # a card terminal; the reference is its receipt number
    INVOICE = "invoice"  # charged to a department or cost centre named in the reference


@dataclass(frozen=True, slots=True)
class SiteDetails:
    """What every receipt says about the site (from the settings)."""

    name: str
    address: str  # several lines
    tax_number: str


@dataclass(frozen=True, slots=True)
class SessionBill:
    """What a finished session cost, fixed when it was billed."""

    session_id: int
    tariff_id: int | None
    breakdown: CostBreakdown
    energy_wh: float
    id_tag: str
    group: str | None
    person_id: int | None
    department: str | None
    visitor_id: int | None
    billed_at: datetime


@dataclass(frozen=True, slots=True)
class ReceiptContent:
    """Everything a receipt shows, as issued."""

    number: str  # "2026-00042"
    issued_at: datetime
    site: SiteDetails
    session_id: int
    charger_id: str
    connector_id: int
    started_at: datetime
    stopped_at: datetime
    energy_kwh: Decimal
    customer: str  # person, visitor (name, plate) or the card id
    breakdown: CostBreakdown
    replaces: str | None = None  # the number of the voided receipt this one corrects

    def to_json(self) -> dict[str, Any]:
        """JSON-ready values; ``from_json`` gives back an equal content."""
        return {
            "format": CONTENT_FORMAT,
            "number": self.number,
            "issued_at": self.issued_at.isoformat(),
            "site": {
                "name": self.site.name,
                "address": self.site.address,
                "tax_number": self.site.tax_number,
            },
            "session_id": self.session_id,
            "charger_id": self.charger_id,
            "connector_id": self.connector_id,
            "started_at": self.started_at.isoformat(),
            "stopped_at": self.stopped_at.isoformat(),
            "energy_kwh": str(self.energy_kwh),
            "customer": self.customer,
            "breakdown": self.breakdown.to_json(),
            "replaces": self.replaces,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReceiptContent:
        """The content written by ``to_json``."""
        if data.get("format") != CONTENT_FORMAT:
            raise ValueError(f"unknown receipt format {data.get('format')!r}")
        site = data["site"]
        return cls(
            number=data["number"],
            issued_at=datetime.fromisoformat(data["issued_at"]),
            site=SiteDetails(site["name"], site["address"], site["tax_number"]),
            session_id=int(data["session_id"]),
            charger_id=data["charger_id"],
            connector_id=int(data["connector_id"]),
            started_at=datetime.fromisoformat(data["started_at"]),
            stopped_at=datetime.fromisoformat(data["stopped_at"]),
            energy_kwh=Decimal(data["energy_kwh"]),
            customer=data["customer"],
            breakdown=CostBreakdown.from_json(data["breakdown"]),
            replaces=data.get("replaces"),
        )


@dataclass(frozen=True, slots=True)
class Payment:
    """Money received for a receipt."""

    id: int | None
    receipt_id: int
    method: PaymentMethod
    amount: Decimal
    received_at: datetime
    reference: str | None = None
    note: str | None = None
    recorded_by: str | None = None  # the staff member logged in when it was recorded


@dataclass(frozen=True, slots=True)
class Receipt:
    """An issued receipt with its state."""

    id: int
    year: int
    number: int
    status: ReceiptStatus
    content: ReceiptContent
    voided_at: datetime | None = None
    void_reason: str | None = None
    replaces_id: int | None = None
    payments: tuple[Payment, ...] = ()
    voided_by: str | None = None  # the staff member logged in when it was voided

    @property
    def label(self) -> str:
        """The number as printed: year and a five-digit sequence, e.g. 2026-00042."""
        return receipt_label(self.year, self.number)

    @property
    def total(self) -> Decimal:
        """The amount to pay (gross)."""
        return self.content.breakdown.gross_total

    @property
    def paid(self) -> Decimal:
        """The sum of the payments recorded."""
        return sum((payment.amount for payment in self.payments), Decimal("0.00"))


def receipt_label(year: int, number: int) -> str:
    """A receipt number as printed."""
    return f"{year}-{number:05d}"


@dataclass(frozen=True, slots=True)
class Visitor:
    """A driver without a card whom staff started a session for."""

    id: int | None
    token: str  # the one-time idTag sent with RemoteStartTransaction
    charger_id: str
    connector_id: int
    created_at: datetime
    name: str | None = None
    plate: str | None = None
    phone: str | None = None
    email: str | None = None
    session_id: int | None = None

    @property
    def description(self) -> str:
        """Name and plate as shown on a receipt, or the token when nothing was given."""
        parts = [part for part in (self.name, self.plate) if part]
        return ", ".join(parts) if parts else f"visitor {self.token}"


class BillingError(ValueError):
    """A billing request that cannot be carried out; the message is for a person."""


@dataclass(frozen=True, slots=True)
class StoredTariff:
    """A tariff as stored: its id, and whether it was retired (kept, no longer offered)."""

    id: int
    tariff: Tariff
    retired: bool = False
