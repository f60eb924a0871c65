"""Receipts as people read them, and what the console does when no PDF viewer opens one.

Charging time in minutes, energy to three decimals of kWh, the exact figures kept in the
receipt's data; the PDF is read back as text. Open PDF on a desk without a viewer says why
and offers Save as…, never a traceback.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import qasync
from billing_ui_fixtures import SITE, demo_receipts
from conftest import run
from PySide6.QtCore import QUrl

from console.core.billing import Receipt, ReceiptContent, ReceiptStatus
from console.core.money import CostBreakdown, CostKind, CostLine
from console.services.pdf import render_receipt_pdf
from console.services.quantities import format_duration, format_energy
from console.ui.billing import receipt_files
from console.ui.billing.live_cost import cost_tooltip
from console.ui.billing.words import duration_text, quantity_text
from console.ui.console_app import Console

D = Decimal


def _text_of(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return text.replace("\r\n", "\n").replace("\n", " ")


def _receipt() -> Receipt:
    """A visitor's receipt with the odd exact quantities a real session produces."""
    lines = (
        CostLine(CostKind.ENERGY, None, D("23.246002"), D("0.49"), D("11.39")),
        CostLine(CostKind.CHARGING_TIME, None, D("1.033611"), D("1.20"), D("1.24")),
        CostLine(CostKind.IDLE, None, D("0.012213"), D("6.00"), D("0.07")),
        CostLine(CostKind.SESSION_FEE, None, D(1), D("0.50"), D("0.50")),
    )
    money = CostBreakdown(
        "Visitors", "EUR", D("0.19"), True, lines, D("11.00"), D("2.20"), D("13.20")
    )
    content = ReceiptContent(
        number="2026-00007",
        issued_at=datetime(2026, 3, 2, 10, 5, tzinfo=UTC),
        site=SITE,
        session_id=7,
        charger_id="P1-AC-02",
        connector_id=1,
        started_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        stopped_at=datetime(2026, 3, 2, 10, 3, tzinfo=UTC),
        energy_kwh=D("23.246002"),
        customer="Jana Novak (B-JN 2041)",
        breakdown=money,
    )
    return Receipt(id=7, year=2026, number=7, status=ReceiptStatus.UNPAID, content=content)


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        ("0.012213", "44 s"),  # under a minute: seconds
        ("0.733333", "44 min"),
        ("1.033611", "1 h 02 min"),
        ("0.999999", "1 h 00 min"),  # rounds up to the hour, never "60 min"
        ("0", "0 s"),
        ("2.5", "2 h 30 min"),
    ],
)
def test_durations_read_in_minutes(hours: str, text: str) -> None:
    assert format_duration(D(hours)) == text


@pytest.mark.parametrize(
    ("kwh", "text"),
    [("23.246002", "23.246 kWh"), ("0.0005", "0.001 kWh"), ("3", "3.000 kWh")],
)
def test_energy_reads_to_three_decimals(kwh: str, text: str) -> None:
    assert format_energy(D(kwh)) == text


def test_the_pdf_shows_minutes_and_three_decimals_and_its_totals(tmp_path: Path) -> None:
    receipt = _receipt()
    path = tmp_path / "receipt.pdf"
    render_receipt_pdf(receipt, path)
    text = _text_of(path)
    for expected in (
        "23.246 kWh",
        "1 h 02 min",
        "44 s",
        "EUR 0.49 / kWh",
        "EUR 1.20 / h",
        "Session fee",
        "Total EUR 13.20",
        "Net EUR 11.00",
    ):
        assert expected in text, expected
    for exact in ("23.246002", "1.033611", "0.012213"):
        assert exact not in text, exact
    # The exact figures stay in the receipt's data (and so in exports for machines).
    stored = receipt.content.to_json()["breakdown"]["lines"]
    assert [line["quantity"] for line in stored][:3] == ["23.246002", "1.033611", "0.012213"]


def test_printing_without_a_rasteriser_and_the_live_cost_read_the_same(
    qapp: object,
) -> None:
    receipt = _receipt()
    html = receipt_files.receipt_html(receipt)
    assert "23.246 kWh" in html and "1 h 02 min" in html and "44 s" in html
    assert "23.246002" not in html and "1.033611" not in html
    assert "Charging time" in html and "charging_time" not in html
    tooltip = cost_tooltip(receipt.content.breakdown)
    assert "Charging time: 1 h 02 min" in tooltip and "23.246 kWh" in tooltip
    lines = receipt.content.breakdown.lines
    assert [quantity_text(line) for line in lines] == ["23.246 kWh", "1 h 02 min", "44 s", "1"]
    assert duration_text(D("0.733333")) == "44 min"


@pytest.mark.parametrize("viewer", ["none", "broken"])
def test_open_pdf_without_a_viewer_says_why_and_offers_save_as(
    console: Console,
    qloop: qasync.QEventLoop,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    viewer: str,
) -> None:
    view = console.window.billing
    files = view.billing.files
    asked: list[tuple[Path, str]] = []
    target = tmp_path / "saved" / "my-receipt.pdf"
    target.parent.mkdir()

    def no_viewer(url: QUrl) -> bool:
        if viewer == "broken":
            raise RuntimeError("xdg-open is missing")
        return False  # what QDesktopServices.openUrl answers without a PDF viewer

    async def ask(path: Path, problem: str) -> Path | None:
        asked.append((path, problem))
        return target

    files.open_url = no_viewer  # type: ignore[method-assign]
    files.ask_save_path = ask  # type: ignore[method-assign]

    async def scenario() -> tuple[Receipt, Path | None]:
        receipts = await demo_receipts(console)
        return receipts[1], await view.billing.open_pdf(receipts[1])

    with caplog.at_level(logging.DEBUG):
        receipt, saved = run(qloop, scenario(), timeout=60)
    assert saved == target
    assert len(asked) == 1
    rendered, problem = asked[0]
    assert rendered.name == f"receipt-{receipt.label}.pdf"
    if viewer == "none":
        assert "no program is set up on this computer to open PDF files" in problem
    else:
        assert "xdg-open is missing" in problem
    assert "saved as" in view.billing.banner.text.text()
    # The copy is the receipt: its totals read back from the PDF.
    text = _text_of(target)
    assert f"Receipt {receipt.label}" in text
    assert f"Total EUR {receipt.total:.2f}" in text
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


def test_open_pdf_declined_save_as_leaves_the_reason_on_screen(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = console.window.billing
    files = view.billing.files
    files.open_url = lambda url: False  # type: ignore[method-assign]

    async def decline(path: Path, problem: str) -> Path | None:
        return None

    files.ask_save_path = decline  # type: ignore[method-assign]

    async def scenario() -> Path | None:
        receipts = await demo_receipts(console)
        return await view.billing.open_pdf(receipts[0])

    assert run(qloop, scenario(), timeout=60) is None
    banner = view.billing.banner
    assert banner.kind == "failed"
    assert "could not be opened" in banner.text.text()
    assert "PDF" in banner.text.text()


def test_the_visitor_receipt_keeps_exact_figures_in_json_after_rounding_for_people() -> None:
    receipt = replace(_receipt(), status=ReceiptStatus.PAID)
    assert receipt.content.energy_kwh == D("23.246002")
    assert quantity_text(receipt.content.breakdown.lines[0]) == "23.246 kWh"
