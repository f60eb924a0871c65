"""Screenshots of billing for the docs: the tab, the tariff editor, a visitor start, a receipt.

Called by ``console.screenshots`` with the demo console running; each picture is taken
offscreen with ``grab()`` (the receipt by rasterising its PDF's first page).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from console.core.billing import ReceiptStatus
from console.ui.billing.receipt_files import rasterise, render_pdf
from console.ui.billing.tariff_editor import TariffEditorDialog
from console.ui.billing.visitor_dialog import VisitorDialog
from console.ui.tasks import started_here

PDF_DPI = 110


def _settle(loop: qasync.QEventLoop, seconds: float) -> None:
    loop.run_until_complete(asyncio.sleep(seconds))


def _save(widget: QWidget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


def billing_screens(loop: qasync.QEventLoop, window: Any, target: Path) -> list[Path]:
    """billing.png, tariff-editor.png, visitor-start.png and receipt-pdf.png in ``target``."""
    view = window.billing
    window.tabs.setCurrentWidget(view)
    loop.run_until_complete(started_here(view.reload))
    _settle(loop, 0.5)
    # The oldest receipts hold every state: paid, unpaid, and a void one with its correction.
    view.table.scrollToBottom()
    unpaid = [r for r in view.model.receipts() if r.status is ReceiptStatus.UNPAID]
    if unpaid:
        view.select_receipt(unpaid[-1].id)
    view.table.scrollToBottom()
    _settle(loop, 0.5)
    saved = [_save(window, target / "billing.png")]

    rows = view.tariffs.model.rows
    chosen = next((r for r in rows if r.stored.tariff.windows), rows[0] if rows else None)
    groups = view.snapshot.groups if view.snapshot else []
    editing = loop.create_task(
        started_here(lambda: view.billing.tasks.start(view.billing.edit_tariff(chosen, groups)))
    )
    _settle(loop, 0.5)
    dialog = view.billing.dialog
    if isinstance(dialog, TariffEditorDialog):
        saved.append(_save(dialog, target / "tariff-editor.png"))
        dialog.reject()
    loop.run_until_complete(editing)

    visitor = VisitorDialog("P1-AC-01", 2, window, client=view.billing.client)
    visitor.name_edit.setText("Jana Novak")
    visitor.plate_edit.setText("B-JN 2041")
    visitor.phone_edit.setText("+49 30 1234 5678")
    visitor.show()
    # The price, as a visitor is quoted it (read here: the dialog was built off the loop).
    loop.run_until_complete(visitor.read_quote(view.billing.client))
    _settle(loop, 0.3)
    saved.append(_save(visitor, target / "visitor-start.png"))
    visitor.close()
    visitor.deleteLater()

    # A paid receipt with a reference (an invoice or terminal slip) shows the most.
    paid = [
        r
        for r in view.model.receipts()
        if r.status is ReceiptStatus.PAID and any(p.reference for p in r.payments)
    ]
    receipt = paid[0] if paid else (view.model.receipts() or [None])[0]
    if receipt is not None:
        pdf = loop.run_until_complete(
            asyncio.to_thread(render_pdf, receipt, view.billing.files.folder)
        )
        pages = rasterise(pdf, PDF_DPI)
        if pages:  # pypdfium2 is there (it is a test dependency)
            page = pages[0]
            image = QImage(
                page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888
            )
            path = target / "receipt-pdf.png"
            image.save(str(path))
            saved.append(path)
    return saved
