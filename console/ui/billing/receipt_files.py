"""Receipts as PDF: rendered in a worker thread, opened in the system viewer, printed.

The PDF is written to a ``temp`` folder beside the database (the app's data folder) and
opened with the desktop's viewer. Printing goes through Qt's print dialog: the PDF's pages
are rasterised with pypdfium2 when it is installed, else the receipt is laid out again as
a rich-text document, so a desk without pypdfium2 still prints a complete receipt.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from console.core.billing import Receipt, ReceiptStatus
from console.services.pdf.receipt import render_receipt_pdf
from console.services.queries import database_location
from console.ui.actions import open_dialog
from console.ui.billing.words import (
    component_word,
    energy_text,
    local_text,
    money_text,
    quantity_text,
    status_word,
    tr,
)
from console.ui.desktop_files import ask_save_copy, open_with_desktop, save_copy

PRINT_DPI = 200


@dataclass(frozen=True, slots=True)
class PageImage:
    """One rasterised page: RGBX pixels, ready for a QImage."""

    pixels: bytes
    width: int
    height: int
    stride: int


def temp_folder(database_url: str) -> Path:
    """Where receipts are rendered: ``temp`` beside an SQLite database, else the system's."""
    if database_url.startswith("sqlite") and ":memory:" not in database_url:
        return Path(database_location(database_url)).parent / "temp"
    return Path(tempfile.gettempdir()) / "ChargeDesk"


def pdf_name(receipt: Receipt) -> str:
    """The file name of a receipt's PDF; a void receipt's differs (it carries a watermark)."""
    suffix = "-void" if receipt.status is ReceiptStatus.VOID else ""
    return f"receipt-{receipt.label}{suffix}.pdf"


def render_pdf(receipt: Receipt, folder: Path) -> Path:
    """Write the receipt's PDF into ``folder`` (blocking: call it in a worker thread)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / pdf_name(receipt)
    partial = path.with_suffix(".part")
    render_receipt_pdf(receipt, partial)
    partial.replace(path)  # a viewer never sees a half-written file
    return path


def rasterise(path: Path, dpi: int = PRINT_DPI) -> list[PageImage] | None:
    """The PDF's pages as images, or None when pypdfium2 is not installed (blocking)."""
    try:
        import pypdfium2
    except ImportError:
        return None
    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = []
        for page in document:
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            pages.append(
                PageImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride)
            )
        return pages
    finally:
        document.close()


def receipt_html(receipt: Receipt) -> str:
    """The receipt as rich text, for printing without a PDF rasteriser."""
    content = receipt.content
    currency = content.breakdown.currency
    site = content.site
    # Quantities as people read them (44 min, 23.246 kWh), as on the PDF.
    rows = "".join(
        f"<tr><td>{_escape(component_word(line))}</td>"
        f"<td align=right>{quantity_text(line)}</td>"
        f"<td align=right>{money_text(line.amount, currency)}</td></tr>"
        for line in content.breakdown.lines
    )
    breakdown = content.breakdown
    return (
        f"<h2>{_escape(site.name)}</h2><p>{_escape(site.address).replace(chr(10), '<br>')}"
        f"<br>{tr('Tax number')}: {_escape(site.tax_number)}</p>"
        f"<h3>{tr('Receipt')} {receipt.label} ({status_word(receipt.status)})</h3>"
        f"<p>{tr('Issued')}: {local_text(content.issued_at)}<br>"
        f"{tr('Customer')}: {_escape(content.customer)}<br>"
        f"{tr('Charger')}: {_escape(content.charger_id)} / {content.connector_id}<br>"
        f"{tr('Session')}: {local_text(content.started_at)} to {local_text(content.stopped_at)}"
        f"<br>{tr('Energy')}: {energy_text(content.energy_kwh)}</p>"
        f"<table width=100% cellpadding=3>{rows}</table>"
        f"<p>{tr('Net')}: {money_text(breakdown.net_total, currency)}<br>"
        f"{tr('Tax')}: {money_text(breakdown.tax, currency)}<br>"
        f"<b>{tr('Total')}: {money_text(breakdown.gross_total, currency)}</b></p>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def print_pages(printer: QPrinter, pages: list[PageImage]) -> None:
    """Paint rasterised pages onto the printer, each scaled to fit its page."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(tr("The printer could not be started"))
    try:
        for number, page in enumerate(pages):
            if number:
                printer.newPage()
            image = QImage(
                page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888
            )
            target = QRectF(painter.viewport())
            scale = min(target.width() / page.width, target.height() / page.height)
            painter.drawImage(QRectF(0, 0, page.width * scale, page.height * scale), image)
    finally:
        painter.end()


class ReceiptFiles(QObject):
    """Open PDF and Print… for receipts. ``open_url`` and ``choose_printer`` are hooks."""

    def __init__(self, database_url: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.folder = temp_folder(database_url)

    async def render(self, receipt: Receipt) -> Path:
        """The receipt's PDF, written in a worker thread."""
        return await asyncio.to_thread(render_pdf, receipt, self.folder)

    def open_url(self, url: QUrl) -> bool:
        """Open a file in the system viewer (tests replace this)."""
        return QDesktopServices.openUrl(url)

    def open_file(self, path: Path) -> str | None:
        """Open a rendered PDF in the system viewer; None when it opened, else why not."""
        return open_with_desktop(self.open_url, path)

    async def ask_save_path(self, path: Path, problem: str) -> Path | None:
        """Say why the PDF did not open and offer Save as… (tests replace this)."""
        return await ask_save_copy(self.parent_widget, path, problem)

    async def save_as(self, path: Path, problem: str) -> Path | None:
        """Offer to save a copy of ``path``; the copy, or None when the person declined."""
        target = await self.ask_save_path(path, problem)
        if target is None:
            return None
        return await save_copy(path, target)

    async def choose_printer(self) -> QPrinter | None:
        """The system print dialog; None when the person cancels (tests replace this)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.parent_widget)
        dialog.setWindowTitle(tr("Print receipt"))
        code = await open_dialog(dialog)
        return printer if code == QDialog.DialogCode.Accepted else None

    async def print_receipt(self, receipt: Receipt) -> bool:
        """Ask for a printer and print the receipt; False when the person cancelled."""
        printer = await self.choose_printer()
        if printer is None:
            return False
        printer.setDocName(tr("Receipt %1").replace("%1", receipt.label))
        path = await self.render(receipt)
        pages = await asyncio.to_thread(rasterise, path)
        if pages:
            print_pages(printer, pages)
        else:
            document = QTextDocument()
            document.setHtml(receipt_html(receipt))
            document.print_(printer)
        return True
