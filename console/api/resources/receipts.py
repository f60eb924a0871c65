"""Receipts: list and read them, their PDF, issue one for a session, record payments,
void and reissue — the Billing tab's receipt actions.

A receipt never changes once issued; a correction voids it and issues a new one that
names the one it replaces. Money is a decimal string in the receipt's currency.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal

from aiohttp import web
from pydantic import Field

from console.api.models import ApiModel, Page, PageQuery, page_of
from console.api.problems import not_found
from console.api.resources._files import PDF, pdf_response, read_on
from console.api.routing import ApiCall, ApiRouter
from console.core.billing import PaymentMethod, Receipt, ReceiptStatus
from console.core.money import CostKind
from console.core.staff import Permission
from console.services.api_reads_billing import (
    read_receipt,
    read_receipts,
    read_session,
    receipt_pdf,
    site_zone,
)

router = ApiRouter(
    "receipts", "Receipts of billed sessions: list, PDF, issue, payments, void and reissue"
)


class ReceiptLineOut(ApiModel):
    """One line of what the session cost."""

    kind: CostKind
    window: str | None = Field(description="The tariff window whose price applied")
    quantity: Decimal = Field(description="kWh or hours; 1 for a fee or an adjustment")
    unit: str = Field(description="kWh, h, or empty")
    unit_price: Decimal
    amount: Decimal = Field(description="In the tariff's basis (see prices_include_tax)")


class ReceiptPaymentOut(ApiModel):
    """Money received for a receipt."""

    id: int | None
    method: PaymentMethod
    amount: Decimal
    received_at: datetime
    reference: str | None = Field(description="Terminal reference or the department invoiced")
    note: str | None
    recorded_by: str | None = Field(description="The staff member who recorded it")


class ReceiptOut(ApiModel):
    """A receipt as issued, with its payments and where it stands."""

    id: int = Field(description="Use it in the receipt paths")
    number: str = Field(description="As printed: year and sequence, e.g. 2026-00042")
    status: ReceiptStatus
    issued_at: datetime
    session_id: int
    charger_id: str
    connector_id: int
    started_at: datetime
    stopped_at: datetime
    energy_kwh: Decimal
    customer: str = Field(description="The person, the visitor, or the card")
    tariff: str = Field(description="The tariff's name when the session was billed")
    currency: str
    tax_rate: Decimal
    prices_include_tax: bool
    lines: list[ReceiptLineOut]
    net: Decimal
    tax: Decimal
    total: Decimal = Field(description="To pay (gross)")
    paid: Decimal = Field(description="The sum of the payments recorded")
    outstanding: Decimal = Field(description="Left to pay; 0 once paid or void")
    payments: list[ReceiptPaymentOut]
    replaces: str | None = Field(description="The number of the voided receipt it corrects")
    replaces_id: int | None
    voided_at: datetime | None
    void_reason: str | None
    voided_by: str | None


class ReceiptPage(Page):
    """A page of receipts, newest first."""

    items: list[ReceiptOut]


class ReceiptsQuery(PageQuery):
    """Which receipts to list (every condition given must hold)."""

    year: int | None = Field(None, ge=2000, le=9999, description="Issued in this year")
    status: ReceiptStatus | None = Field(None, description="unpaid, paid or void")
    session: int | None = Field(None, ge=1, description="Of this session (void ones too)")
    number: str | None = Field(
        None, max_length=20, description="The receipt printed with this number (2026-00042)"
    )


class ReceiptIssueBody(ApiModel):
    """The session to issue the receipt of."""

    session_id: int = Field(ge=1)


class ReceiptPaymentBody(ApiModel):
    """Money received for a receipt."""

    method: PaymentMethod = Field(description="cash, terminal or invoice")
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    reference: str | None = Field(
        None,
        max_length=100,
        description="Required for terminal (its reference) and invoice (the department)",
    )
    note: str | None = Field(None, max_length=500)


class ReceiptVoidBody(ApiModel):
    """Why a receipt is void, and whether to issue its correction."""

    reason: str = Field(min_length=1, max_length=500, description="Kept with the receipt")
    reissue: bool = Field(True, description="Issue the corrected receipt from the session's bill")


class ReceiptVoidOut(ApiModel):
    """The receipt voided, and the one issued in its place (null without reissue)."""

    voided: ReceiptOut
    reissued: ReceiptOut | None


def receipt_out(receipt: Receipt) -> ReceiptOut:
    """The API form of a receipt."""
    content = receipt.content
    money = content.breakdown
    void = receipt.status is ReceiptStatus.VOID
    outstanding = Decimal("0.00") if void else max(receipt.total - receipt.paid, Decimal("0.00"))
    return ReceiptOut(
        id=receipt.id,
        number=receipt.label,
        status=receipt.status,
        issued_at=content.issued_at,
        session_id=content.session_id,
        charger_id=content.charger_id,
        connector_id=content.connector_id,
        started_at=content.started_at,
        stopped_at=content.stopped_at,
        energy_kwh=content.energy_kwh,
        customer=content.customer,
        tariff=money.tariff,
        currency=money.currency,
        tax_rate=money.tax_rate,
        prices_include_tax=money.prices_include_tax,
        lines=[
            ReceiptLineOut(
                kind=line.kind,
                window=line.window,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                amount=line.amount,
            )
            for line in money.lines
        ],
        net=money.net_total,
        tax=money.tax,
        total=receipt.total,
        paid=receipt.paid,
        outstanding=outstanding,
        payments=[
            ReceiptPaymentOut(
                id=payment.id,
                method=payment.method,
                amount=payment.amount,
                received_at=payment.received_at,
                reference=payment.reference,
                note=payment.note,
                recorded_by=payment.recorded_by,
            )
            for payment in receipt.payments
        ],
        replaces=content.replaces,
        replaces_id=receipt.replaces_id,
        voided_at=receipt.voided_at,
        void_reason=receipt.void_reason,
        voided_by=receipt.voided_by,
    )


async def _receipt(call: ApiCall, receipt_id: int) -> Receipt:
    found = await read_on(call, lambda c: read_receipt(c, receipt_id))
    if found is None:
        raise not_found(f"receipt {receipt_id}")
    return found


@router.get("/api/receipts", summary="List receipts", query=ReceiptsQuery, response=ReceiptPage)
async def list_receipts(call: ApiCall) -> ReceiptPage:
    """Receipts newest first, with their payments. Filter by `year`, `status` (e.g.
    `status=unpaid` for what is still owed), `session` or `number`; page with `limit` and
    `offset=next_offset` until `next_offset` is null."""
    query: ReceiptsQuery = call.query

    rows = await read_on(
        call,
        lambda c: read_receipts(
            c,
            year=query.year,
            status=query.status,
            session_id=query.session,
            number=query.number,
            limit=query.offset + query.limit + 1,
        ),
    )
    items, next_offset = page_of(rows, query)
    return ReceiptPage(items=[receipt_out(item) for item in items], next_offset=next_offset)


@router.get("/api/receipts/{receipt_id:int}", summary="One receipt", response=ReceiptOut)
async def get_receipt(call: ApiCall) -> ReceiptOut:
    """One receipt by its id (the `id` of the list, not its printed number)."""
    return receipt_out(await _receipt(call, call.path["receipt_id"]))


@router.get(
    "/api/receipts/{receipt_id:int}.pdf",
    summary="A receipt as PDF",
    response=bytes,
    response_media=PDF,
)
async def get_receipt_pdf(call: ApiCall) -> web.Response:
    """The receipt as the console prints it (A4, times in the site's zone); a void
    receipt carries a VOID watermark. Saved as `receipt-<number>.pdf`
    (Content-Disposition), e.g. `curl -OJ -H "Authorization: Bearer $TOKEN"
    https://site:9444/api/receipts/7.pdf`."""
    receipt = await _receipt(call, call.path["receipt_id"])

    zone = await read_on(call, site_zone)
    body = await asyncio.to_thread(receipt_pdf, receipt, zone)
    suffix = "-void" if receipt.status is ReceiptStatus.VOID else ""
    return pdf_response(body, f"receipt-{receipt.label}{suffix}.pdf")


@router.post(
    "/api/receipts",
    summary="Issue the receipt of a session",
    body=ReceiptIssueBody,
    response=ReceiptOut,
    errors=(404, 409),
)
async def issue_receipt(call: ApiCall) -> ReceiptOut:
    """The receipt of a finished, billed session: issued now, or the one issued before
    (asking twice never issues two). Issuing a new one needs the desk role; anyone may
    fetch one issued before. 409 while the session runs, or when it is not billed (no
    tariff applies, or its readings wait for staff's review)."""
    body: ReceiptIssueBody = call.body
    session_id = body.session_id
    session = await read_on(call, lambda c: read_session(c, session_id))
    if session is None:
        raise not_found(f"session {session_id}")
    receipt = await call.engine.receipts.issue(session_id, actor=call.actor)
    return receipt_out(receipt)


@router.post(
    "/api/receipts/{receipt_id:int}/payments",
    summary="Record a payment on a receipt",
    needs=Permission.PAYMENTS,
    body=ReceiptPaymentBody,
    response=ReceiptOut,
    status=201,
    errors=(409,),
)
async def record_payment(call: ApiCall) -> ReceiptOut:
    """Records money received (cash, card terminal with its reference, or invoice to the
    department in `reference`); the receipt is paid once its payments cover the total.
    Refused (409) on a void or paid receipt, or for more than is left to pay. Returns the
    receipt as it stands now."""
    receipt_id: int = call.path["receipt_id"]
    await _receipt(call, receipt_id)
    body: ReceiptPaymentBody = call.body
    receipt = await call.engine.receipts.record_payment(
        receipt_id, body.method, body.amount, body.reference, body.note, actor=call.actor
    )
    return receipt_out(receipt)


@router.post(
    "/api/receipts/{receipt_id:int}/void",
    summary="Void a receipt and issue its correction",
    needs=Permission.VOID_RECEIPTS,
    body=ReceiptVoidBody,
    response=ReceiptVoidOut,
    errors=(409,),
)
async def void_receipt(call: ApiCall) -> ReceiptVoidOut:
    """Marks the receipt void with the reason (it stays, with its number); with `reissue`
    (the default) issues the corrected receipt from the session's bill in the same
    transaction, and payments carry over to it. Needs the admin role; refused (409) for a
    receipt already void."""
    receipt_id: int = call.path["receipt_id"]
    await _receipt(call, receipt_id)
    body: ReceiptVoidBody = call.body
    new = await call.engine.receipts.void(
        receipt_id, body.reason, reissue=body.reissue, actor=call.actor
    )
    voided = await _receipt(call, receipt_id)
    return ReceiptVoidOut(
        voided=receipt_out(voided), reissued=receipt_out(new) if new is not None else None
    )
