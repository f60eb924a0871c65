"""Each PDF is rendered to an image and read back as text: totals, numbers, VOID, umlauts."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from report_fixture import BERLIN, SITE, build_site, receipt_content, utc

from console.core.billing import Payment, PaymentMethod, Receipt, ReceiptStatus
from console.core.money import CostBreakdown, CostKind, CostLine
from console.services.formatting import format_money
from console.services.pdf import layout, render_receipt_pdf, render_statement_pdf
from console.services.statements import monthly_statement


def _read(path: Path) -> tuple[str, float]:
    """The text of page 1 and the share of its pixels that are dark."""
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        text = page.get_textpage().get_text_range()
        image = page.render(scale=1).to_pil().convert("L")
        histogram = image.histogram()
        dark = sum(histogram[:128]) / (image.width * image.height)
        return text.replace("\r\n", "\n"), dark
    finally:
        document.close()


def _receipt(**changes: object) -> Receipt:
    content = receipt_content("2026-00003", 8, replaces="2026-00002")
    lines = (
        CostLine(CostKind.ENERGY, None, Decimal("2.5"), Decimal("0.30"), Decimal("0.75")),
        CostLine(CostKind.ENERGY, "Peak", Decimal("0.5"), Decimal("0.59"), Decimal("0.30")),
        CostLine(CostKind.SESSION_FEE, None, Decimal(1), Decimal("0.14"), Decimal("0.14")),
    )
    money = CostBreakdown(
        "Staff",
        "EUR",
        Decimal("0.19"),
        True,
        lines,
        Decimal("1.00"),
        Decimal("0.19"),
        Decimal("1.19"),
    )
    receipt = Receipt(
        id=3,
        year=2026,
        number=3,
        status=ReceiptStatus.PAID,
        content=replace(content, breakdown=money),
        replaces_id=2,
        payments=(
            Payment(
                1, 3, PaymentMethod.TERMINAL, Decimal("1.19"), utc("2026-02-10 11:10"), "T-7781"
            ),
        ),
    )
    return replace(receipt, **changes)  # type: ignore[arg-type]


def test_receipt_pdf_shows_totals_components_and_site(tmp_path: Path) -> None:
    path = tmp_path / "receipt.pdf"
    render_receipt_pdf(_receipt(), path, BERLIN)
    text, dark = _read(path)
    assert dark > 0.005, "the page is blank"
    for expected in (
        "Klinikum Süd",
        "Hauptstraße 1",
        "DE123456789",
        "Receipt 2026-00003",
        "corrects receipt 2026-00002",
        "Anna Weiß",
        "CP-B / 2",
        "2026-02-10 11:00",  # start in Berlin time
        "2026-02-10 12:00",
        "3.000 kWh",
        "Energy (Peak)",
        "EUR 0.59",
        "Session fee",
        "Net EUR 1.00",
        "Tax 19% EUR 0.19",
        "Total EUR 1.19",
        "T-7781",
        "Paid",
    ):
        assert expected in text.replace("\n", " "), expected
    assert "VOID" not in text


def test_void_receipt_is_marked(tmp_path: Path) -> None:
    path = tmp_path / "void.pdf"
    receipt = _receipt(
        status=ReceiptStatus.VOID,
        voided_at=utc("2026-02-11 08:00"),
        void_reason="wrong tariff",
        payments=(),
    )
    render_receipt_pdf(receipt, path, BERLIN)
    text, dark = _read(path)
    assert dark > 0.005
    assert text.count("VOID") >= 2  # the watermark and the line saying why
    assert "cancelled on 2026-02-11 09:00: wrong tariff" in text.replace("\n", " ")
    assert "Balance due" not in text


def test_unpaid_receipt_shows_the_balance(tmp_path: Path) -> None:
    path = tmp_path / "unpaid.pdf"
    render_receipt_pdf(_receipt(status=ReceiptStatus.UNPAID, payments=()), path, BERLIN)
    text, _dark = _read(path)
    flat = text.replace("\n", " ")
    assert "Balance due EUR 1.19" in flat
    assert "Unpaid" in flat
    assert "No payment recorded" in flat


def test_statement_pdf_shows_people_and_totals(tmp_path: Path) -> None:
    _url, engine = build_site(tmp_path)
    with engine.connect() as connection:
        statement = monthly_statement(connection, 2026, 2, department="Radiology", tz=BERLIN)
    engine.dispose()
    path = tmp_path / "statement.pdf"
    render_statement_pdf(statement, path, SITE, BERLIN)
    text, dark = _read(path)
    assert dark > 0.003
    flat = text.replace("\n", " ")
    for expected in (
        "Charging statement 2026-02",
        "Department: Radiology",
        "Anna Weiß",
        "Jürgen Groß",
        "2026-00003",
        "2026-00001",
        "EUR 1.19",
        "EUR 2.10",
        "Net (EUR) EUR 2.76",
        "Tax (EUR) EUR 0.53",
        "Total (EUR) EUR 3.29",
        "9.000 kWh",
    ):
        assert expected in flat, expected


def test_statement_pdf_with_many_lines_runs_onto_more_pages(tmp_path: Path) -> None:
    _url, engine = build_site(tmp_path)
    with engine.connect() as connection:
        statement = monthly_statement(connection, 2026, 2, department="Radiology", tz=BERLIN)
    engine.dispose()
    section = statement.sections[0]
    long = replace(section, lines=section.lines * 120)
    path = tmp_path / "long.pdf"
    render_statement_pdf(replace(statement, sections=(long,)), path, None, BERLIN)
    document = pdfium.PdfDocument(str(path))
    try:
        assert len(document) > 2
        last = document[len(document) - 1].get_textpage().get_text_range()
    finally:
        document.close()
    assert "Total (EUR) EUR 142.80" in last.replace("\r\n", " ").replace("\n", " ")


def test_builtin_helvetica_prints_umlauts_and_euro(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Computers without DejaVu or Arial fall back to Helvetica (WinAnsi).
    monkeypatch.setattr(layout, "document_fonts", lambda: ("Helvetica", "Helvetica-Bold"))
    path = tmp_path / "helvetica.pdf"
    render_receipt_pdf(_receipt(), path, BERLIN)
    text, dark = _read(path)
    assert dark > 0.005
    flat = text.replace("\n", " ")
    assert "Klinikum Süd" in flat and "Hauptstraße 1" in flat and "Anna Weiß" in flat
    assert "Total EUR 1.19" in flat


@pytest.mark.parametrize(
    ("amount", "text"),
    [("1.005", "EUR 1.01"), ("0", "EUR 0.00"), ("-0.5", "EUR -0.50"), ("1234.5", "EUR 1234.50")],
)
def test_format_money(amount: str, text: str) -> None:
    assert format_money(Decimal(amount), "EUR") == text
