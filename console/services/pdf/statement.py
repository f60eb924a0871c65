"""A monthly statement as an A4 PDF: one table per person, totals per currency."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer

from console.core.billing import SiteDetails
from console.services.formatting import format_kwh, format_local, format_money, to_local
from console.services.pdf.layout import MARGIN, PAGE, WIDTH, Flowables, footer, grid, styles, text
from console.services.statements import CurrencyTotal, Statement, StatementSection

_WIDTHS = [22 * mm, 30 * mm, 32 * mm, 22 * mm, 30 * mm]


def _sessions(count: int) -> str:
    return "1 session" if count == 1 else f"{count} sessions"


def _section(section: StatementSection, tz: tzinfo | None, look: Any) -> Flowables:
    rows: list[list[str]] = [["Date", "Card", "Charger", "kWh", "Amount", "Receipt"]]
    for line in section.lines:
        rows.append(
            [
                to_local(line.started_at, tz).strftime("%Y-%m-%d"),
                line.id_tag,
                f"{line.charger_id} / {line.connector_id}",
                format_kwh(line.energy_kwh),
                format_money(line.gross, line.currency),
                line.receipt or "",
            ]
        )
    for total in section.totals:
        rows.append(
            [
                f"Subtotal ({_sessions(len(section.lines))})",
                "",
                "",
                format_kwh(section.energy_kwh),
                format_money(total.gross, total.currency),
                "",
            ]
        )
    widths = [*_WIDTHS, WIDTH - sum(_WIDTHS)]
    bold = len(section.totals)
    table = grid(rows, widths, right_from=3, bold_last=bold)
    spans = [("SPAN", (0, -1 - row), (2, -1 - row)) for row in range(bold)]
    table.setStyle([("ALIGN", (5, 0), (5, -1), "LEFT"), *spans])
    return [text(section.name, look.heading), table]


def _totals(totals: tuple[CurrencyTotal, ...], energy: str) -> Flowables:
    rows: list[list[str]] = [["Energy", f"{energy} kWh"]]
    for total in totals:
        rows += [
            [f"Net ({total.currency})", format_money(total.net, total.currency)],
            [f"Tax ({total.currency})", format_money(total.tax, total.currency)],
            [f"Total ({total.currency})", format_money(total.gross, total.currency)],
        ]
    table = grid(rows, [WIDTH - 45 * mm, 45 * mm], right_from=1, header=False)
    return [KeepTogether([Spacer(1, 6 * mm), table])]


def render_statement_pdf(
    statement: Statement,
    path: Path,
    site: SiteDetails | None = None,
    tz: tzinfo | None = None,
) -> None:
    """Write ``statement`` as an A4 PDF to ``path``; dates in the site's zone (``tz``)."""
    look = styles()
    subject = "Department" if statement.kind == "department" else "Person"
    story: Flowables = []
    if site is not None:
        story += [text(site.name, look.title), text(site.address, look.small)]
    story += [
        Spacer(1, 4 * mm),
        text(f"Charging statement {statement.period}", look.heading),
        text(f"{subject}: {statement.subject}", look.body),
    ]
    if statement.kind == "person" and statement.department:
        story.append(text(f"Department: {statement.department}", look.body))
    story.append(text(f"Issued: {format_local(statement.issued_at, tz)}", look.small))
    if not statement.lines:
        story.append(text("No charging was billed in this month.", look.body))
    for section in statement.sections:
        story += _section(section, tz, look)
    story += _totals(statement.totals, format_kwh(statement.energy_kwh))
    name = site.name if site is not None else "ChargeDesk"
    document = SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Statement {statement.period} {statement.subject}",
        author=name,
    )
    page = footer(f"{name} - statement {statement.period} - {statement.subject}")
    document.build(story, onFirstPage=page, onLaterPages=page)
