"""Repository of session bills: what each finished session cost, fixed once billed.

A session has at most one bill (the session id is the key); storing it again is a no-op,
so a repeated stop, a retry or the billing of leftovers at start never bill twice.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select, update

from console.core.billing import SessionBill
from console.core.money import CostBreakdown
from console.storage.rows import insert_ignoring_duplicates, utc_or_none
from console.storage.sessions import sessions
from console.storage.tables import SessionBillRow, table_of

session_bills = table_of(SessionBillRow)


def cents(amount: Decimal) -> int:
    """A whole-cent amount as an integer number of cents."""
    value = amount * 100
    if value != value.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(value)


def from_cents(value: int) -> Decimal:
    """An integer number of cents as a Decimal amount with two decimals."""
    return Decimal(value).scaleb(-2)


def _bill(row: Any) -> SessionBill:
    return SessionBill(
        session_id=row.session_id,
        tariff_id=row.tariff_id,
        breakdown=CostBreakdown.from_json(json.loads(row.breakdown)),
        energy_wh=row.energy_wh,
        id_tag=row.id_tag,
        group=row.group_name,
        person_id=row.person_id,
        department=row.department,
        visitor_id=row.visitor_id,
        billed_at=utc_or_none(row.billed_at),  # type: ignore[arg-type]
    )


def get_bill(connection: Connection, session_id: int) -> SessionBill | None:
    """The bill of a session, or None when it was not billed."""
    row = connection.execute(
        select(session_bills).where(session_bills.c.session_id == session_id)
    ).first()
    return None if row is None else _bill(row)


def add_bill(connection: Connection, bill: SessionBill) -> tuple[SessionBill, bool]:
    """Store a bill unless the session has one; returns the stored bill and whether it is new."""
    breakdown = bill.breakdown
    inserted = connection.execute(
        insert_ignoring_duplicates(connection, session_bills).values(
            session_id=bill.session_id,
            tariff_id=bill.tariff_id,
            tariff_name=breakdown.tariff,
            currency=breakdown.currency,
            breakdown=json.dumps(breakdown.to_json()),
            net_cents=cents(breakdown.net_total),
            tax_cents=cents(breakdown.tax),
            gross_cents=cents(breakdown.gross_total),
            energy_wh=bill.energy_wh,
            id_tag=bill.id_tag,
            group_name=bill.group,
            person_id=bill.person_id,
            department=bill.department,
            visitor_id=bill.visitor_id,
            billed_at=bill.billed_at,
        )
    ).rowcount
    stored = get_bill(connection, bill.session_id)
    assert stored is not None
    return stored, inserted == 1


def replace_bill(connection: Connection, bill: SessionBill) -> SessionBill:
    """Put a new bill in place of a session's bill made from an estimated stop, once the
    charger's true stop arrived (never for a session with an issued receipt: the caller
    checks)."""
    breakdown = bill.breakdown
    connection.execute(
        update(session_bills)
        .where(session_bills.c.session_id == bill.session_id)
        .values(
            tariff_id=bill.tariff_id,
            tariff_name=breakdown.tariff,
            currency=breakdown.currency,
            breakdown=json.dumps(breakdown.to_json()),
            net_cents=cents(breakdown.net_total),
            tax_cents=cents(breakdown.tax),
            gross_cents=cents(breakdown.gross_total),
            energy_wh=bill.energy_wh,
            billed_at=bill.billed_at,
        )
    )
    stored = get_bill(connection, bill.session_id)
    assert stored is not None
    return stored


def unbilled_sessions(connection: Connection, after: int = 0, limit: int = 500) -> list[int]:
    """Finished sessions without a bill with an id above ``after``, oldest first."""
    query = (
        select(sessions.c.id)
        .outerjoin(session_bills, session_bills.c.session_id == sessions.c.id)
        .where(
            sessions.c.id > after,
            sessions.c.stopped_at.is_not(None),
            session_bills.c.session_id.is_(None),
        )
        .order_by(sessions.c.id)
        .limit(limit)
    )
    return list(connection.execute(query).scalars())


def bills_of_sessions(connection: Connection, session_ids: list[int]) -> dict[int, SessionBill]:
    """The bills of these sessions (those billed), by session id."""
    if not session_ids:
        return {}
    rows = connection.execute(
        select(session_bills).where(session_bills.c.session_id.in_(session_ids))
    )
    return {row.session_id: _bill(row) for row in rows}
