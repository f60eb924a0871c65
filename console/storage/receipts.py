"""Repository of receipts: numbered without gaps per year, frozen once issued.

The number is the highest of the year plus one, taken in the transaction that stores the
receipt: the engine's single writer runs those one after another, so two receipts never
get the same number and a number is used only once it is committed (no gaps). The unique
(year, number) key is the safety net should another writer ever exist. The year is that
of the moment of issue in the site's time zone. The stored content is never rewritten;
only the status (unpaid, paid, void) and the void details change.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select, update

from console.core.billing import (
    BillingError,
    Receipt,
    ReceiptContent,
    ReceiptStatus,
    SessionBill,
    receipt_label,
)
from console.core.clock import as_utc
from console.core.model import Session
from console.storage import people as people_repo
from console.storage import visitors as visitor_repo
from console.storage.bills import cents, get_bill
from console.storage.payments import payments_of
from console.storage.rows import utc_or_none
from console.storage.sessions import get_session
from console.storage.tables import ReceiptRow, table_of
from console.storage.tariffs import site_details, site_timezone

receipts = table_of(ReceiptRow)


def _receipts(connection: Connection, rows: list[Any]) -> list[Receipt]:
    paid = payments_of(connection, (row.id for row in rows))
    return [
        Receipt(
            id=row.id,
            year=row.year,
            number=row.number,
            status=ReceiptStatus(row.status),
            content=ReceiptContent.from_json(json.loads(row.content)),
            voided_at=utc_or_none(row.voided_at),
            void_reason=row.void_reason,
            voided_by=row.voided_by,
            replaces_id=row.replaces_id,
            payments=tuple(paid.get(row.id, ())),
        )
        for row in rows
    ]


def get_receipt(connection: Connection, receipt_id: int) -> Receipt | None:
    """The receipt with this id, with its payments, or None."""
    rows = connection.execute(select(receipts).where(receipts.c.id == receipt_id)).all()
    found = _receipts(connection, list(rows))
    return found[0] if found else None


def receipt_by_label(connection: Connection, label: str) -> Receipt | None:
    """The receipt printed with this number ("2026-00042"), or None."""
    year, _, number = label.strip().partition("-")
    if not (year.isdigit() and number.isdigit()):
        return None
    rows = connection.execute(
        select(receipts).where(receipts.c.year == int(year), receipts.c.number == int(number))
    ).all()
    found = _receipts(connection, list(rows))
    return found[0] if found else None


def receipts_of_session(connection: Connection, session_id: int) -> list[Receipt]:
    """Every receipt of a session, void ones included, oldest first."""
    rows = connection.execute(
        select(receipts).where(receipts.c.session_id == session_id).order_by(receipts.c.id)
    ).all()
    return _receipts(connection, list(rows))


def valid_receipt_of_session(connection: Connection, session_id: int) -> Receipt | None:
    """The session's receipt that is not void, or None."""
    valid = [
        receipt
        for receipt in receipts_of_session(connection, session_id)
        if receipt.status is not ReceiptStatus.VOID
    ]
    return valid[-1] if valid else None


def list_receipts(
    connection: Connection,
    *,
    year: int | None = None,
    status: ReceiptStatus | None = None,
    limit: int = 500,
) -> list[Receipt]:
    """Receipts, newest first, with their payments."""
    query = select(receipts).order_by(receipts.c.id.desc()).limit(limit)
    if year is not None:
        query = query.where(receipts.c.year == year)
    if status is not None:
        query = query.where(receipts.c.status == status.value)
    return _receipts(connection, list(connection.execute(query)))


def next_number(connection: Connection, year: int) -> int:
    """The number the next receipt of ``year`` gets."""
    last = connection.execute(
        select(func.max(receipts.c.number)).where(receipts.c.year == year)
    ).scalar()
    return int(last or 0) + 1


def _customer(connection: Connection, bill: SessionBill) -> str:
    if bill.visitor_id is not None:
        visitor = visitor_repo.get_visitor(connection, bill.visitor_id)
        if visitor is not None:
            return visitor.description
    if bill.person_id is not None:
        person = people_repo.get_person(connection, bill.person_id)
        if person is not None:
            department = f" ({bill.department})" if bill.department else ""
            return f"{person.name}{department}"
    return f"card {bill.id_tag}"


def _finished_bill(connection: Connection, session_id: int) -> tuple[Session, SessionBill]:
    session = get_session(connection, session_id)
    if session is None:
        raise BillingError(f"there is no session {session_id}")
    if session.stopped_at is None:
        raise BillingError(f"session {session_id} is still running")
    bill = get_bill(connection, session_id)
    if bill is None:
        raise BillingError(f"session {session_id} has not been billed")
    return session, bill


def issue_receipt(
    connection: Connection, session_id: int, at: datetime, replaces: Receipt | None = None
) -> tuple[Receipt, bool]:
    """Issue the receipt of a billed, finished session; returns it and whether it is new.

    A session has one receipt that is not void: asking again returns that one.
    """
    existing = valid_receipt_of_session(connection, session_id)
    if existing is not None:
        return existing, False
    session, bill = _finished_bill(connection, session_id)
    assert session.stopped_at is not None
    year = as_utc(at).astimezone(site_timezone(connection)).year
    number = next_number(connection, year)
    breakdown = bill.breakdown
    content = ReceiptContent(
        number=receipt_label(year, number),
        issued_at=as_utc(at),
        site=site_details(connection),
        session_id=session_id,
        charger_id=session.charger_id,
        connector_id=session.connector_id,
        started_at=session.started_at,
        stopped_at=session.stopped_at,
        energy_kwh=breakdown.energy_kwh,
        customer=_customer(connection, bill),
        breakdown=breakdown,
        replaces=None if replaces is None else replaces.label,
    )
    # Nothing to pay is paid: a free session's receipt is not left open.
    status = ReceiptStatus.PAID if breakdown.gross_total <= 0 else ReceiptStatus.UNPAID
    key = connection.execute(
        receipts.insert().values(
            year=year,
            number=number,
            session_id=session_id,
            issued_at=as_utc(at),
            status=status.value,
            content=json.dumps(content.to_json()),
            currency=breakdown.currency,
            gross_cents=cents(breakdown.gross_total),
            replaces_id=None if replaces is None else replaces.id,
        )
    ).inserted_primary_key
    assert key is not None
    receipt = get_receipt(connection, int(key[0]))
    assert receipt is not None
    return receipt, True


def void_receipt(
    connection: Connection, receipt_id: int, reason: str, at: datetime, by: str | None = None
) -> Receipt:
    """Mark a receipt void (it stays, with its number, reason, who voided it, payments)."""
    receipt = get_receipt(connection, receipt_id)
    if receipt is None:
        raise BillingError(f"there is no receipt {receipt_id}")
    if receipt.status is ReceiptStatus.VOID:
        raise BillingError(f"receipt {receipt.label} is already void")
    if not reason.strip():
        raise BillingError("say why the receipt is void")
    connection.execute(
        update(receipts)
        .where(receipts.c.id == receipt_id)
        .values(
            status=ReceiptStatus.VOID.value,
            voided_at=as_utc(at),
            void_reason=reason.strip(),
            voided_by=by,
        )
    )
    voided = get_receipt(connection, receipt_id)
    assert voided is not None
    return voided


def settle_status(connection: Connection, receipt_id: int) -> Receipt:
    """Mark a receipt that is not void paid once its payments cover the total."""
    receipt = get_receipt(connection, receipt_id)
    if receipt is None:
        raise BillingError(f"there is no receipt {receipt_id}")
    if receipt.status is ReceiptStatus.VOID:
        return receipt
    status = ReceiptStatus.PAID if receipt.paid >= receipt.total else ReceiptStatus.UNPAID
    if status is not receipt.status:
        connection.execute(
            update(receipts).where(receipts.c.id == receipt_id).values(status=status.value)
        )
        receipt = get_receipt(connection, receipt_id)
        assert receipt is not None
    return receipt


def outstanding(receipt: Receipt) -> Decimal:
    """What is left to pay on a receipt (0 once paid or void)."""
    if receipt.status is ReceiptStatus.VOID:
        return Decimal("0.00")
    return max(receipt.total - receipt.paid, Decimal("0.00"))


def receipt_years(connection: Connection) -> list[int]:
    """The years that have receipts, newest first."""
    query = select(receipts.c.year).distinct().order_by(receipts.c.year.desc())
    return [int(year) for year in connection.execute(query).scalars()]
