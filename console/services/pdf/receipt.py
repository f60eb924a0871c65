"""A receipt as an A4 PDF: everything it says comes from its frozen content."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from console.core.billing import Receipt, ReceiptStatus
from console.core.money import ZERO, CostKind, CostLine
from console.services.formatting import format_local, format_money, format_rate
from console.services.pdf.layout import (
    MARGIN,
    PAGE,
    WIDTH,
    Flowables,
    footer,
    grid,
    styles,
    text,
    void_watermark,
)
from console.services.quantities import format_energy, format_line_quantity, format_unit_price

COMPONENTS = {
    CostKind.ENERGY: "Energy",
    CostKind.CHARGING_TIME: "Charging time",
    CostKind.IDLE: "Idle time",
    CostKind.SESSION_FEE: "Session fee",
    CostKind.MINIMUM_ADJUSTMENT: "Minimum charge",
    CostKind.MAXIMUM_ADJUSTMENT: "Maximum charge",
}
METHODS = {"cash": "Cash", "terminal": "Card terminal", "invoice": "Invoice"}


def component_label(line: CostLine) -> str:
    """What a cost line charges for, with its tariff window: "Energy (Peak)"."""
    name = COMPONENTS.get(line.kind, str(line.kind))
    return f"{name} ({line.window})" if line.window else name


def _status_text(receipt: Receipt) -> str:
    if receipt.status is ReceiptStatus.VOID:
        return "VOID"
    return "Paid" if receipt.status is ReceiptStatus.PAID else "Unpaid"


def _story(receipt: Receipt, tz: tzinfo | None) -> Flowables:
    content = receipt.content
    breakdown = content.breakdown
    currency = breakdown.currency
    look = styles()
    story: Flowables = [
        text(content.site.name, look.title),
        text(content.site.address, look.body),
    ]
    if content.site.tax_number:
        story.append(text(f"Tax number: {content.site.tax_number}", look.body))
    story += [
        Spacer(1, 6 * mm),
        text(f"Receipt {receipt.label}", look.heading),
        text(f"Date: {format_local(content.issued_at, tz)}", look.body),
    ]
    if content.replaces:
        story.append(text(f"This receipt corrects receipt {content.replaces}.", look.body))
    if receipt.status is ReceiptStatus.VOID:
        words = ["VOID - this receipt was cancelled"]
        if receipt.voided_at is not None:
            words.append(f"on {format_local(receipt.voided_at, tz)}")
        reason = f": {receipt.void_reason}" if receipt.void_reason else ""
        story.append(text(" ".join(words) + reason, look.alert))
    session_rows = [
        ["Customer", content.customer],
        ["Charger / connector", f"{content.charger_id} / {content.connector_id}"],
        ["Session", str(content.session_id)],
        ["Start", format_local(content.started_at, tz)],
        ["End", format_local(content.stopped_at, tz)],
        ["Energy", format_energy(content.energy_kwh)],
        ["Tariff", breakdown.tariff],
    ]
    story += [
        Spacer(1, 4 * mm),
        grid(session_rows, [45 * mm, WIDTH - 45 * mm], right_from=9, header=False),
    ]
    basis = "incl." if breakdown.prices_include_tax else "excl."
    # Quantities as people read them (44 min, 23.246 kWh); the exact billed figures stay
    # in the receipt's data and in the exports.
    lines: list[list[Any]] = [["Component", "Quantity", "Unit price", f"Amount ({basis} tax)"]]
    for line in breakdown.lines:
        lines.append(
            [
                text(component_label(line), look.body),
                format_line_quantity(line),
                format_unit_price(line.unit_price, currency, line.unit),
                format_money(line.amount, currency),
            ]
        )
    widths = [WIDTH - 125 * mm, 32 * mm, 48 * mm, 45 * mm]
    story += [Spacer(1, 5 * mm), grid(lines, widths, right_from=1)]
    totals = [
        ["Net", format_money(breakdown.net_total, currency)],
        [f"Tax {format_rate(breakdown.tax_rate)}", format_money(breakdown.tax, currency)],
        ["Total", format_money(breakdown.gross_total, currency)],
    ]
    story += [
        Spacer(1, 3 * mm),
        grid(totals, [WIDTH - 45 * mm, 45 * mm], right_from=1, header=False, bold_last=1),
    ]
    story += _payments(receipt, look, tz)
    return story


def _payments(receipt: Receipt, look: Any, tz: tzinfo | None) -> Flowables:
    currency = receipt.content.breakdown.currency
    story: Flowables = [Spacer(1, 6 * mm), text("Payments", look.heading)]
    if receipt.payments:
        rows: list[list[str]] = [["Date", "Method", "Reference", "Amount"]]
        for payment in receipt.payments:
            rows.append(
                [
                    format_local(payment.received_at, tz),
                    METHODS.get(payment.method.value, payment.method.value),
                    payment.reference or "",
                    format_money(payment.amount, currency),
                ]
            )
        widths = [38 * mm, 32 * mm, WIDTH - 115 * mm, 45 * mm]
        story.append(grid(rows, widths, right_from=3))
    else:
        story.append(text("No payment recorded.", look.body))
    due = receipt.total - receipt.paid if receipt.status is not ReceiptStatus.VOID else None
    summary = [["Paid", format_money(receipt.paid, currency)]]
    if due is not None:
        summary.append(["Balance due", format_money(max(due, ZERO), currency)])
    summary.append(["Status", _status_text(receipt)])
    story += [
        Spacer(1, 3 * mm),
        grid(summary, [WIDTH - 45 * mm, 45 * mm], right_from=1, header=False, bold_last=1),
    ]
    return story


def render_receipt_pdf(receipt: Receipt, path: Path, tz: tzinfo | None = None) -> None:
    """Write ``receipt`` as an A4 PDF to ``path``; times in the site's zone (``tz``).

    A void receipt carries a VOID watermark on every page and says when and why it was
    cancelled; a replacement names the receipt it corrects.
    """
    document = SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Receipt {receipt.label}",
        author=receipt.content.site.name,
    )
    label = footer(f"{receipt.content.site.name} - receipt {receipt.label}")
    if receipt.status is ReceiptStatus.VOID:

        def page(canvas: Any, doc: Any) -> None:
            void_watermark(canvas, doc)
            label(canvas, doc)

    else:
        page = label
    document.build(_story(receipt, tz), onFirstPage=page, onLaterPages=page)
