"""Site details and retiring tariffs from the Billing tab; a visitor started from the charger
detail; printing without a PDF rasteriser."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import qasync
from billing_ui_fixtures import billing_site, demo_receipts
from conftest import run, simulator, wait_until
from pdf_readback import pdf_text
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from console.core.billing import SiteDetails
from console.core.enums import ConnectorStatus
from console.core.model import CommandOutcome
from console.core.tariffs import Tariff
from console.ui.billing import receipt_files
from console.ui.billing.site_dialog import SiteDetailsDialog
from console.ui.billing.visitor_dialog import VisitorEntry
from console.ui.console_app import Console
from tests.actors import ADMIN


def test_edit_the_site_details_and_retire_a_tariff_nobody_pays(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    console.window.show()
    view = console.window.billing
    console.window.tabs.setCurrentWidget(view)

    async def scenario() -> None:
        await billing_site(console)
        old = Tariff(name="Old prices", currency="EUR", timezone="Europe/Berlin")
        spare = await console.client.call(lambda e: e.billing.save_tariff(None, old, actor=ADMIN))
        await view.reload()
        assert view.site_panel.name_label.text() == "St. Marien Hospital"

        view.site_panel.edit_button.click()
        await wait_until(lambda: isinstance(view.billing.dialog, SiteDetailsDialog))
        dialog = view.billing.dialog
        assert isinstance(dialog, SiteDetailsDialog)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        dialog.name_edit.setText("  ")
        assert not save.isEnabled()  # receipts need the site's name
        dialog.name_edit.setText("St. Marien Hospital — P1")
        dialog.tax_edit.setText("DE 999")
        save.click()
        await wait_until(lambda: view.site_panel.name_label.text() == "St. Marien Hospital — P1")
        assert console.queries.site_details() == SiteDetails(
            "St. Marien Hospital — P1", "Car park P1\n10115 Berlin", "DE 999"
        )

        # The default tariff is in use: it cannot be retired. The spare one can.
        default = console.queries.default_tariff_id()
        assert default is not None and view.tariffs.select(default)
        assert not view.tariffs.retire_button.isEnabled()
        assert "site default" in view.tariffs.retire_button.toolTip()
        assert view.tariffs.select(spare)
        assert view.tariffs.retire_button.isEnabled()
        view.tariffs.retire_button.click()
        await wait_until(lambda: view.tariffs.model.rowCount() == 2)
        assert "Old prices retired" in view.billing.banner.text.text()
        assert {s.tariff.name for s in console.queries.tariffs(include_retired=False)} == {
            "Standard",
            "Visitors",
        }

    run(qloop, scenario(), timeout=60)


def test_start_for_a_visitor_from_the_charger_detail(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    window = console.window
    window.show()
    detail = window.detail
    outcomes: list[CommandOutcome] = []
    detail.staff.outcome.connect(lambda _c, _t, outcome: outcomes.append(outcome))
    asked: list[tuple[str, int]] = []

    async def ask_visitor(charger_id: str, connector_id: int) -> VisitorEntry:
        asked.append((charger_id, connector_id))
        return VisitorEntry(None, "M-AB 99", None, None)

    detail.staff.ask_visitor = ask_visitor  # type: ignore[method-assign]
    charger = simulator(console, "CP-DESK", connectors=2)

    async def scenario() -> None:
        await billing_site(console)
        await charger.start()
        try:
            await charger.wait_booted()
            detail.show_charger("CP-DESK")
            window.tabs.setCurrentWidget(detail)
            await wait_until(
                lambda: 2 in detail.cards and detail.cards[2].visitor_button.isEnabled()
            )
            card = detail.cards[2]
            assert card.visitor_button.isVisible()
            card.visitor_button.click()
            await wait_until(lambda: len(outcomes) == 1, timeout=15)
            assert asked == [("CP-DESK", 2)] and outcomes[0].accepted
            await charger.wait_for(lambda: charger.transaction_id(2) is not None, timeout=15)
            session = charger.session(2)
            assert session is not None
            assert session.id_tag == detail.staff.last_visitor.token
            await wait_until(lambda: card.state.transaction_id is not None)
            assert not card.visitor_button.isVisible()  # a session runs: no second start
            await charger.stop_session(2)
            await charger.wait_for(lambda: charger.status(2) == ConnectorStatus.AVAILABLE)
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=60)


def test_printing_without_pypdfium2_lays_the_receipt_out_as_text(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = console.window.billing
    monkeypatch.setattr(receipt_files, "rasterise", lambda *_args: None)
    printed = tmp_path / "as-text.pdf"

    async def printer() -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(printed))
        return chosen

    view.billing.files.choose_printer = printer  # type: ignore[method-assign]
    outcome: dict[str, Any] = {}

    async def scenario() -> None:
        receipts = await demo_receipts(console)
        outcome["html"] = receipt_files.receipt_html(receipts[0])
        outcome["label"] = receipts[0].label
        outcome["printed"] = await view.billing.print_receipt(receipts[0])

    run(qloop, scenario(), timeout=60)
    assert outcome["printed"] is True
    assert "St. Marien Hospital" in outcome["html"] and "DE123456789" in outcome["html"]
    # What reached the printer reads back as that receipt: site, number, energy, totals.
    text = pdf_text(printed)
    for expected in ("St. Marien Hospital", "DE123456789", outcome["label"], "10.000 kWh"):
        assert expected in text, (expected, text)
    assert "Total: EUR 4.00" in text, text  # 10 kWh at EUR 0.40, tax included


def test_the_billing_tab_is_the_fifth_and_ctrl_5_opens_it(console: Console, qtbot: Any) -> None:
    window = console.window
    window.show()
    # Offscreen there is no window manager: shortcuts fire only in the active window.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    assert window.tabs.indexOf(window.billing) == 4
    assert window.tabs.tabText(4) == "&Billing"
    window.tabs.setCurrentIndex(0)
    qtbot.keyClick(window.tabs, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.billing
