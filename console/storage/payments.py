"""Repository of payments: money received for a receipt. Payments are never changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, select

from console.core.billing import Payment, PaymentMethod
from console.storage.bills import cents, from_cents
from console.storage.rows import utc_or_none
from console.storage.tables import PaymentRow, table_of

payments = table_of(PaymentRow)


def _payment(row: Any) -> Payment:
    return Payment(
        id=row.id,
        receipt_id=row.receipt_id,
        method=PaymentMethod(row.method),
        amount=from_cents(row.amount_cents),
        received_at=utc_or_none(row.received_at),  # type: ignore[arg-type]
        reference=row.reference,
        note=row.note,
        recorded_by=row.recorded_by,
    )


def add_payment(connection: Connection, payment: Payment) -> Payment:
    """Store a payment (``id`` None); returns it with its id."""
    key = connection.execute(
        payments.insert().values(
            receipt_id=payment.receipt_id,
            method=payment.method.value,
            reference=payment.reference,
            amount_cents=cents(payment.amount),
            received_at=payment.received_at,
            note=payment.note,
            recorded_by=payment.recorded_by,
        )
    ).inserted_primary_key
    assert key is not None
    return replace(payment, id=int(key[0]))


def payments_of(connection: Connection, receipt_ids: Iterable[int]) -> dict[int, list[Payment]]:
    """The payments of these receipts, oldest first, by receipt id."""
    wanted = list(receipt_ids)
    found: dict[int, list[Payment]] = {}
    if not wanted:
        return found
    rows = connection.execute(
        select(payments).where(payments.c.receipt_id.in_(wanted)).order_by(payments.c.id)
    )
    for row in rows:
        found.setdefault(row.receipt_id, []).append(_payment(row))
    return found
