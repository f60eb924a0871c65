"""Receipts for billed sessions, and the payments recorded against them.

A receipt is issued once per session (asking again gives the same one), numbered without
gaps per year, and never changed: a correction voids it and issues a new one that names
the one it replaces. Visitors' sessions get their receipt as soon as they are billed, so
it is ready when the visitor comes to the desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection

from console.core.authorization import normalize_id_tag
from console.core.billing import (
    BillingError,
    Payment,
    PaymentMethod,
    Receipt,
    ReceiptStatus,
)
from console.core.clock import utcnow
from console.core.events import Event, EventBus, ReceiptChanged, SessionBilled
from console.core.money import check_amount
from console.core.staff import Actor, Permission, require
from console.services.audited import record
from console.services.background import TaskSet
from console.services.checked_writes import submit_checked
from console.storage import bills as bill_repo
from console.storage import payments as payment_repo
from console.storage import receipts as receipt_repo
from console.storage import tariffs as tariff_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)


def _issue(connection: Connection, session_id: int, at: datetime) -> tuple[Receipt, bool]:
    return receipt_repo.issue_receipt(connection, session_id, at)


def _issue_for_visitor(
    connection: Connection, session_id: int, at: datetime
) -> tuple[Receipt, bool] | None:
    bill = bill_repo.get_bill(connection, session_id)
    if bill is None:
        return None
    group = normalize_id_tag(tariff_repo.visitor_group(connection))
    visiting = bill.visitor_id is not None or (
        bill.group is not None and normalize_id_tag(bill.group) == group
    )
    return receipt_repo.issue_receipt(connection, session_id, at) if visiting else None


def _void(
    connection: Connection, receipt_id: int, reason: str, reissue: bool, at: datetime, by: str
) -> tuple[Receipt, Receipt | None]:
    voided = receipt_repo.void_receipt(connection, receipt_id, reason, at, by)
    if not reissue:
        return voided, None
    session_id = voided.content.session_id
    new, _ = receipt_repo.issue_receipt(connection, session_id, at, replaces=voided)
    # Money received for the voided receipt paid for the same session: it carries over.
    for payment in voided.payments:
        note = f"carried over from {voided.label}"
        if payment.note:
            note = f"{note}; {payment.note}"
        carried = replace(payment, id=None, receipt_id=new.id, note=note)
        payment_repo.add_payment(connection, carried)
    return voided, receipt_repo.settle_status(connection, new.id)


def _pay(connection: Connection, payment: Payment) -> Receipt:
    receipt = receipt_repo.get_receipt(connection, payment.receipt_id)
    if receipt is None:
        raise BillingError(f"there is no receipt {payment.receipt_id}")
    if receipt.status is ReceiptStatus.VOID:
        raise BillingError(f"receipt {receipt.label} is void: no payment can be recorded on it")
    left = receipt_repo.outstanding(receipt)
    if left <= 0:
        raise BillingError(f"receipt {receipt.label} is paid already")
    if payment.amount > left:
        raise BillingError(
            f"{payment.amount} is more than the {left} {receipt.content.breakdown.currency} "
            f"still to pay on receipt {receipt.label}"
        )
    payment_repo.add_payment(connection, payment)
    return receipt_repo.settle_status(connection, receipt.id)


class ReceiptService:
    """Issues and voids receipts and records payments; every change is announced."""

    def __init__(
        self,
        writer: StorageWriter,
        bus: EventBus,
        clock: Callable[[], datetime] = utcnow,
        *,
        issue_for_visitors: bool = True,
    ) -> None:
        self._writer = writer
        self._bus = bus
        self._clock = clock
        self._tasks = TaskSet(log, "could not issue a visitor's receipt")
        self._unsubscribe = bus.subscribe(self._on_event) if issue_for_visitors else (lambda: None)

    async def issue(self, session_id: int, *, actor: Actor) -> Receipt:
        """The receipt of a billed, finished session: issued now, or the one issued before
        that is not void (BillingError when the session is running or not billed).

        Anyone may open a receipt issued before; issuing a new one needs the desk role.
        """
        if not actor.may(Permission.RECEIPTS):
            issued = await self._writer.submit(
                lambda c: receipt_repo.valid_receipt_of_session(c, session_id)
            )
            if issued is not None:
                return issued
            require(actor, Permission.RECEIPTS)
        now = self._clock()

        def store(connection: Connection) -> tuple[Receipt, bool]:
            receipt, new = _issue(connection, session_id, now)
            if new:
                after = _receipt_facts(receipt)
                record(connection, actor, "receipt.issue", receipt.label, None, after)
            return receipt, new

        receipt, new = await submit_checked(self._writer, store)
        if new:
            self._bus.publish(ReceiptChanged(receipt.id))
        return receipt

    async def void(
        self, receipt_id: int, reason: str, reissue: bool = True, *, actor: Actor
    ) -> Receipt | None:
        """Void a receipt (it stays, marked void, with why); with ``reissue`` issue the
        corrected receipt from the session's bill and return it (else None)."""
        require(actor, Permission.VOID_RECEIPTS)
        now = self._clock()

        def store(connection: Connection) -> tuple[Receipt, Receipt | None]:
            old = receipt_repo.get_receipt(connection, receipt_id)
            voided, new = _void(connection, receipt_id, reason, reissue, now, actor.name)
            after = dict(_receipt_facts(voided), reason=reason)
            if new is not None:
                after["reissued_as"] = new.label
            before = _receipt_facts(old) if old is not None else None
            record(connection, actor, "receipt.void", voided.label, before, after)
            return voided, new

        voided, new = await submit_checked(self._writer, store)
        self._bus.publish(ReceiptChanged(voided.id))
        if new is not None:
            self._bus.publish(ReceiptChanged(new.id))
        return new

    async def record_payment(
        self,
        receipt_id: int,
        method: PaymentMethod,
        amount: Decimal,
        reference: str | None = None,
        note: str | None = None,
        *,
        actor: Actor,
    ) -> Receipt:
        """Record money received for a receipt; it is paid once the payments cover it.

        A card-terminal payment needs the terminal's reference, an invoice the department
        or cost centre charged. Nothing is recorded on a void or paid receipt, nor more
        than is left to pay.
        """
        require(actor, Permission.PAYMENTS)
        check_amount("amount", amount, whole_cents=True)
        if amount <= 0:
            raise BillingError("a payment needs an amount above 0")
        reference = (reference or "").strip() or None
        if reference is None and method is PaymentMethod.INVOICE:
            raise BillingError("an invoice needs the department or cost centre it goes to")
        if reference is None and method is PaymentMethod.TERMINAL:
            raise BillingError("a card-terminal payment needs the terminal's reference")
        payment = Payment(
            None,
            receipt_id,
            method,
            amount,
            self._clock(),
            reference,
            (note or "").strip() or None,
            recorded_by=actor.name,
        )

        def store(connection: Connection) -> Receipt:
            receipt = _pay(connection, payment)
            after = {
                "method": method.value,
                "amount": amount,
                "reference": payment.reference,
                "note": payment.note,
                "status": receipt.status.value,
            }
            record(connection, actor, "receipt.payment", receipt.label, None, after)
            return receipt

        receipt = await submit_checked(self._writer, store)
        self._bus.publish(ReceiptChanged(receipt.id))
        return receipt

    async def receipt(self, receipt_id: int) -> Receipt | None:
        """A receipt with its payments, or None."""
        return await self._writer.submit(lambda c: receipt_repo.get_receipt(c, receipt_id))

    async def close(self) -> None:
        """Stop listening; let receipts being issued finish."""
        self._unsubscribe()
        await self._tasks.close(grace=5.0)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SessionBilled):
            self._tasks.spawn(self._issue_for_visitor(event.session_id))

    async def _issue_for_visitor(self, session_id: int) -> None:
        now = self._clock()
        issued = await self._writer.submit(lambda c: _issue_for_visitor(c, session_id, now))
        if issued is not None and issued[1]:
            self._bus.publish(ReceiptChanged(issued[0].id))


def _receipt_facts(receipt: Receipt) -> dict[str, object]:
    """What the audit log keeps of a receipt."""
    breakdown = receipt.content.breakdown
    return {
        "session": receipt.content.session_id,
        "status": receipt.status.value,
        "total": breakdown.total,
        "currency": breakdown.currency,
    }
