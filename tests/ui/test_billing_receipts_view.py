"""The Billing tab against the real engine: payments, void and reissue, PDF, print, issue."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import qasync
from billing_ui_fixtures import billed_sessions, billing_site, demo_receipts
from conftest import run, wait_until
from pdf_readback import JPEG_NOISE, printed_page_difference
from PySide6.QtCore import QUrl
from PySide6.QtPrintSupport import QPrinter

from console.core.billing import PaymentMethod, Receipt, ReceiptStatus
from console.ui.billing.receipt_dialogs import PaymentDialog, VoidDialog
from console.ui.billing.receipt_files import PRINT_DPI
from console.ui.billing.receipts_model import ReceiptColumn
from console.ui.billing.view import BillingView
from console.ui.console_app import Console

D = Decimal


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF, on one line."""
    document = pdfium.PdfDocument(str(path))
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return " ".join(text.split())


def billing_view(console: Console) -> BillingView:
    console.window.show()
    console.window.tabs.setCurrentWidget(console.window.billing)
    return console.window.billing


def status_of(view: BillingView, label: str) -> str:
    model = view.model
    for row, receipt in enumerate(model.receipts()):
        if receipt.label == label:
            return str(model.index(row, ReceiptColumn.STATUS).data())
    return ""


def test_record_a_payment_and_void_and_reissue_through_the_view(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = billing_view(console)

    async def scenario() -> None:
        paid, unpaid, voided = await demo_receipts(console)
        await view.reload()
        assert view.model.rowCount() == 4  # three issued and the voided one's correction
        assert status_of(view, paid.label) == "✓ Paid"
        assert status_of(view, voided.label) == "⊘ Void"
        view.unpaid_check.setChecked(True)
        assert view.proxy.rowCount() == 2
        assert "EUR 8.00 open" in view.summary_label.text()

        # Record payment: the amount starts at what is open; a terminal needs its reference.
        assert view.select_receipt(unpaid.id)
        assert view.pay_button.isEnabled()
        view.pay_button.click()
        await wait_until(lambda: isinstance(view.billing.dialog, PaymentDialog))
        dialog = view.billing.dialog
        assert isinstance(dialog, PaymentDialog)
        assert dialog.amount_edit.text() == "4.00"
        dialog.set_method(PaymentMethod.TERMINAL)
        assert "terminal's reference" in dialog.problem_label.text()
        assert not dialog.buttons.buttons()[0].isEnabled()
        dialog.reference_edit.setText("TRM-20931")
        assert dialog.problem() == ""
        dialog.accept()
        await wait_until(lambda: status_of(view, unpaid.label) == "✓ Paid")
        assert view.billing.banner.kind == "ok"
        assert "recorded" in view.billing.banner.text.text()
        stored = console.queries.receipt_by_label(unpaid.label)
        assert stored is not None and stored.status is ReceiptStatus.PAID
        assert stored.payments[0].reference == "TRM-20931"
        assert view.proxy.rowCount() == 1  # unpaid only: the paid one left the list

        # Void and reissue: the reason is required; the correction is selected after.
        view.unpaid_check.setChecked(False)
        assert view.select_receipt(paid.id)
        view.void_button.click()
        await wait_until(lambda: isinstance(view.billing.dialog, VoidDialog))
        void = view.billing.dialog
        assert isinstance(void, VoidDialog)
        ok = void.buttons.buttons()[0]
        assert not ok.isEnabled()
        void.reason_edit.setPlainText("paid twice: refunded in cash")
        assert ok.isEnabled() and void.reissue_check.isChecked()
        void.accept()
        await wait_until(lambda: status_of(view, paid.label) == "⊘ Void")
        await wait_until(lambda: view.model.rowCount() == 5)
        replacement = view.selected_receipt()
        assert replacement is not None and replacement.content.replaces == paid.label
        # The payment of the voided receipt is carried over to its correction.
        assert replacement.status is ReceiptStatus.PAID and replacement.paid == paid.total
        assert f"{paid.label} voided" in view.billing.banner.text.text()
        old = console.queries.receipt_by_label(paid.label)
        assert old is not None and old.void_reason == "paid twice: refunded in cash"
        assert view.select_receipt(paid.id) and not view.void_button.isEnabled()
        assert not view.pay_button.isEnabled() and view.pdf_button.isEnabled()

    run(qloop, scenario(), timeout=60)


def test_open_pdf_and_print_a_receipt(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    view = billing_view(console)
    opened: list[QUrl] = []
    view.billing.files.open_url = lambda url: opened.append(url) or True  # type: ignore[method-assign]
    printed = tmp_path / "printed.pdf"

    async def printer() -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(printed))
        return chosen

    view.billing.files.choose_printer = printer  # type: ignore[method-assign]

    shown: list[Receipt] = []

    async def scenario() -> None:
        receipts = await demo_receipts(console)
        shown.append(receipts[1])
        await view.reload()
        assert view.select_receipt(receipts[1].id)
        task = view._act("pdf")
        assert task is not None
        await task
        assert len(opened) == 1
        path = Path(opened[0].toLocalFile())
        assert path.parent == tmp_path / "temp"  # beside the database, in the data folder
        assert path.name == f"receipt-{receipts[1].label}.pdf"
        assert path.name == f"receipt-{receipts[1].label}.pdf"

        task = view._act("print")
        assert task is not None
        assert await task is True
        assert "sent to the printer" in view.billing.banner.text.text()

    run(qloop, scenario(), timeout=60)
    assert Path(opened[0].toLocalFile()).read_bytes().startswith(b"%PDF")
    # The opened PDF is the receipt: its number and totals read back as text.
    receipt = shown[0]
    text = pdf_text(Path(opened[0].toLocalFile()))
    assert f"Receipt {receipt.label}" in text
    assert f"Total EUR {receipt.total:.2f}" in text
    net = receipt.content.breakdown.net_total
    assert f"Net EUR {net:.2f}" in text
    assert "Energy 10.000 kWh" in text and "Total EUR 4.00" in text  # 10 kWh at EUR 0.40
    # The printout holds that receipt's pages as pictures: each printed page is the PDF's
    # page as rendered for printing (a blank page or another receipt differs by glyphs).
    source = Path(opened[0].toLocalFile())
    assert printed_page_difference(printed, source, PRINT_DPI) < JPEG_NOISE


def test_issue_a_receipt_from_the_sessions_tab_and_see_its_cost(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    console.window.show()
    sessions = console.window.sessions
    console.window.tabs.setCurrentWidget(sessions)
    bar = sessions.cost_bar

    async def scenario() -> None:
        await billing_site(console)
        session_id = (await billed_sessions(console, 1))[0]
        await sessions.reload()
        row = sessions.model.row_of(session_id)
        assert row is not None
        index = sessions.proxy.mapFromSource(sessions.model.index(row, 0))
        sessions.table.selectRow(index.row())
        await wait_until(lambda: "billed EUR 4.00" in bar.cost_label.text())
        assert "Energy: 10.000 kWh" in bar.cost_label.toolTip()
        assert bar.issue_button.isEnabled()
        bar.issue_button.click()
        await wait_until(lambda: bar.banner.kind == "ok")
        assert "issued: EUR 4.00" in bar.banner.text.text()
        issued = console.queries.receipts_of_session(session_id)
        assert len(issued) == 1 and issued[0].status is ReceiptStatus.UNPAID
        await wait_until(lambda: console.window.billing.model.row_of(issued[0].id) is not None)

    run(qloop, scenario(), timeout=60)
