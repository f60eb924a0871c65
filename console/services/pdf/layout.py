"""What the receipt and the statement share: page, styles, tables, the VOID watermark."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from console.services.pdf.fonts import document_fonts

PAGE = A4
MARGIN = 18 * mm
WIDTH = PAGE[0] - 2 * MARGIN


@dataclass(frozen=True, slots=True)
class Styles:
    """Paragraph styles of a document."""

    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    alert: ParagraphStyle


def styles() -> Styles:
    """The paragraph styles, in the document fonts."""
    regular, bold = document_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=bold, fontSize=16, leading=20),
        heading=ParagraphStyle(
            "heading", parent=body, fontName=bold, fontSize=12, leading=16, spaceBefore=8
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        alert=ParagraphStyle(
            "alert", parent=body, fontName=bold, fontSize=12, leading=16, textColor=colors.red
        ),
    )


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (markup characters escaped, line breaks kept)."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), style)


def format_price(price: Decimal, currency: str) -> str:
    """A unit price: at least two decimals, more when the price has them (EUR 0.295)."""
    places = max(2, -price.normalize().as_tuple().exponent)  # type: ignore[operator]
    return f"{currency} {price:.{places}f}"


def format_quantity(quantity: Decimal) -> str:
    """A quantity exactly as billed, without trailing zeros (12.5, 1, 0.333333)."""
    normal = quantity.normalize()
    return f"{normal:f}" if normal != normal.to_integral_value() else f"{normal:.0f}"


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    right_from: int,
    header: bool = True,
    bold_last: int = 0,
) -> Table:
    """A table with a shaded header, numbers (columns from ``right_from`` on) on the right,
    and the last ``bold_last`` rows in bold."""
    regular, bold = document_fonts()
    table = Table([list(row) for row in rows], colWidths=list(widths), repeatRows=int(header))
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), regular, 9),
        ("ALIGN", (right_from, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        commands += [
            ("FONT", (0, 0), (-1, 0), bold, 9),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
        ]
    if bold_last:
        commands += [
            ("FONT", (0, -bold_last), (-1, -1), bold, 9),
            ("LINEABOVE", (0, -bold_last), (-1, -bold_last), 0.5, colors.black),
        ]
    table.setStyle(TableStyle(commands))
    return table


def void_watermark(canvas: Any, _document: Any) -> None:
    """Draw a large, light, diagonal VOID across the page."""
    _regular, bold = document_fonts()
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.25))
    canvas.setFont(bold, 140)
    canvas.translate(PAGE[0] / 2, PAGE[1] / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -50, "VOID")
    canvas.restoreState()


def footer(label: str) -> Any:
    """A page callback writing ``label`` and the page number at the bottom."""

    def draw(canvas: Any, document: Any) -> None:
        regular, _bold = document_fonts()
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, MARGIN / 2, label)
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"page {document.page}")
        canvas.restoreState()

    return draw


Flowables = list[Flowable]
