"""Ask before risk: firmware updates name whose charging they interrupt, blocking a card
asks why, visitors are quoted a price, and keyboard mnemonics work (no literal "&").

Against a real console (engine thread, SQLite file) and simulated chargers on 127.0.0.1.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import qasync
from billing_ui_fixtures import SITE, billing_site, demo_receipts, visitor_tariff
from conftest import run, simulator, wait_until
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from console.core.billing import PaymentMethod
from console.core.enums import BlockReason, CardStatus
from console.core.model import Card, Person
from console.services.price_quote import quote
from console.ui.billing.receipt_dialogs import PaymentDialog, VoidDialog
from console.ui.billing.site_dialog import SiteDetailsDialog
from console.ui.billing.tariff_editor import TariffEditorDialog
from console.ui.billing.visitor_dialog import VisitorDialog, quote_text
from console.ui.cards.block_dialog import BlockReasonDialog
from console.ui.cards.editor import CardEditorDialog
from console.ui.cards.history import HistoryDialog
from console.ui.cards.model import CARD_ROLE
from console.ui.cards.person_dialog import PersonDialog
from console.ui.cards.words import CardColumn
from console.ui.console_app import Console
from console.ui.technician.transfers import TransfersPage
from tests.actors import ADMIN

BERLIN = ZoneInfo("Europe/Berlin")
# "&R", not "&&" (a literal) nor an entity of rich text ("&amp;", "&#38;").
_MNEMONIC = re.compile(r"&(?!&)(?![A-Za-z]+;|#\d+;)\S")


def _transfers_page(console: Console) -> TransfersPage:
    window = console.window
    pages = window.technician.pages
    page = next(
        pages.widget(i) for i in range(pages.count()) if isinstance(pages.widget(i), TransfersPage)
    )
    assert isinstance(page, TransfersPage)
    window.show()
    window.tabs.setCurrentWidget(window.technician)
    pages.setCurrentWidget(page)
    return page


async def _owned_card(console: Console, id_tag: str, name: str) -> Card:
    async def store(engine: Any) -> Card:
        person = await engine.cards.save_person(Person(None, name, "Radiology"), actor=ADMIN)
        return await engine.cards.save_card(Card(id_tag, person_id=person.id), actor=ADMIN)

    return await console.client.call(store)


def test_a_firmware_update_asks_naming_the_charger_and_whose_session_it_interrupts(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    page = _transfers_page(console)
    charger = simulator(console, "CP-FW", connectors=2)
    image = tmp_path / "fw-4.0.bin"
    image.write_bytes(b"\x7fFW" * 4000)
    asked: list[str] = []

    async def decline(title: str, text: str, proceed: str) -> bool:
        asked.append(text)
        return False

    async def scenario() -> None:
        await _owned_card(console, "04A1B2C3", "Anna Hoffmann")
        await charger.start()
        await charger.wait_booted()
        assert await charger.start_session(1, "04A1B2C3") is not None

        def energy_known() -> bool:
            state = page.mirror.chargers.get("CP-FW")
            connector = None if state is None else state.connectors.get(1)
            return connector is not None and connector.session_energy_wh is not None

        await wait_until(energy_known)
        page.choose(["CP-FW"])

        # Declined: nothing is sent to the charger.
        page.confirm = decline  # type: ignore[method-assign]
        assert await page.update_firmware_from(image) == []
        assert charger.firmware_image is None
        assert not any(r.charger_id == "CP-FW" for r in page.transfers_model.rows)
        [question] = asked
        assert "CP-FW" in question and "fw-4.0.bin" in question
        assert "the session of Anna Hoffmann on CP-FW, connector 1" in question
        assert "kWh" in question and "interrupts" in question
        assert "04A1B2C3" not in question  # people, not hex
        assert "connector 2" not in question  # nothing runs there

        # The real question: Cancel is the default, so Enter restarts nothing.
        del page.confirm
        updating = page.tasks.launch(lambda: page.update_firmware_from(image))
        assert updating
        await wait_until(lambda: page.question is not None)
        box = page.question
        assert isinstance(box, QMessageBox)
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        assert "Anna Hoffmann" in box.text()
        [go] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
        go.click()
        await wait_until(lambda: charger.firmware_image == image.read_bytes(), timeout=30)
        await charger.stop()

    run(qloop, scenario(), timeout=90)


def test_a_received_file_no_program_opens_is_offered_for_saving(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    page = _transfers_page(console)
    charger = simulator(console, "CP-DIAG")
    page.open_url = lambda url: False  # no program for .log files on this desk
    target = tmp_path / "copy.log"
    offered: list[str] = []

    async def ask(path: Path, problem: str) -> Path | None:
        offered.append(problem)
        return target

    page.ask_save_path = ask  # type: ignore[method-assign]

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: page.chargers.count() == 1)
        page.choose(["CP-DIAG"])
        await page.get_diagnostics()
        await wait_until(lambda: page.files_model.rowCount() == 1, timeout=30)
        page.select_file(0)
        path = page.selected_path()
        assert path is not None
        page.open_selected()
        await wait_until(lambda: target.exists())
        assert target.read_bytes() == path.read_bytes()
        assert offered and "no program is set up" in offered[0]
        await wait_until(lambda: "saved as" in page.banner.text.text())
        page.show_folder()  # no file manager either: the banner says where the files are
        assert str(path.parent) in page.banner.text.text()
        await charger.stop()

    run(qloop, scenario(), timeout=60)


def test_blocking_a_card_asks_why_and_the_reason_shows_everywhere(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    window = console.window
    window.show()
    view = window.cards
    window.tabs.setCurrentWidget(view)
    actions = view.card_actions
    confirmations: list[str] = []

    async def confirm(title: str, text: str, proceed: str) -> bool:
        confirmations.append(text)
        return True

    actions.confirm = confirm  # type: ignore[method-assign]

    def status_cell() -> str:
        for row in range(view.proxy.rowCount()):
            index = view.proxy.index(row, CardColumn.STATUS)
            card = view.proxy.index(row, 0).data(CARD_ROLE)
            if card is not None and card.id_tag == "04D4E5F6":
                return str(index.data() or "") + "|" + str(index.data(3) or "")
        return ""

    async def scenario() -> None:
        await _owned_card(console, "04D4E5F6", "Jonas Weber")
        await wait_until(lambda: view.select_card("04D4E5F6") and view.block_button.isEnabled())
        view.block_button.click()
        await wait_until(lambda: isinstance(actions.dialog, BlockReasonDialog))
        dialog = actions.dialog
        assert isinstance(dialog, BlockReasonDialog)
        assert "Jonas Weber" in dialog.findChild(QLabel).text()
        assert not dialog.ok_button.isEnabled()  # a reason must be chosen
        dialog.choose(BlockReason.OTHER)
        assert not dialog.ok_button.isEnabled()  # "other" needs its text
        dialog.choose(BlockReason.STOLEN, "car broken into, 3 Dec")
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()
        await wait_until(lambda: "Stolen" in status_cell())
        assert "Blocked since" in status_cell()  # the tooltip says since when
        assert "Stolen" in actions.banner.text.text()
        card = await console.client.read(lambda q: q.card("04d4e5f6"))
        assert card is not None and card.status is CardStatus.BLOCKED
        assert card.block_reason is BlockReason.STOLEN
        assert card.block_detail == "car broken into, 3 Dec"

        editor = actions.editor(card)
        assert editor.form.isRowVisible(editor.reason_row)
        assert editor.reason_combo.currentData() == BlockReason.STOLEN.value
        assert editor.reason_edit.text() == "car broken into, 3 Dec"
        assert "Blocked since" in editor.blocked_since_label.text()
        editor.deleteLater()

        history = await actions.card_history(card)
        assert isinstance(history, HistoryDialog)
        assert "blocked — Stolen: car broken into" in history.status_label.text()
        history.reject()

        view.block_button.click()  # now "Unblock"
        await wait_until(lambda: view.block_button.text() == "Block")
        assert "Stolen: car broken into, 3 Dec" in confirmations[-1]
        assert "Jonas Weber" in confirmations[-1]
        assert "It had been blocked: Stolen" in actions.banner.text.text()

    run(qloop, scenario(), timeout=60)


def test_the_editor_asks_why_when_blocked_is_chosen_there(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    async def scenario() -> None:
        card = await console.client.call(
            lambda e: e.cards.save_card(Card("EDIT-BLOCK"), actor=ADMIN)
        )
        dialog = CardEditorDialog(console.client, card, parent=console.window)
        assert not dialog.form.isRowVisible(dialog.reason_row)
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("blocked"))
        assert dialog.form.isRowVisible(dialog.reason_row)
        await dialog.save()
        assert dialog.saved is None and "why the card is blocked" in dialog.error_label.text()
        dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("left"))
        await dialog.save()
        assert dialog.saved is not None and dialog.saved.block_reason is BlockReason.LEFT

    run(qloop, scenario(), timeout=30)


def test_the_quote_uses_the_prices_in_force_and_the_tariff_rules() -> None:
    tariff = visitor_tariff()  # EUR 0.49/kWh, 1.20/h charging; Peak Mon-Fri 16-20: 0.59
    peak = quote(tariff, datetime(2026, 3, 2, 17, 0, tzinfo=BERLIN))  # a Monday
    assert peak.window is not None and peak.window.name == "Peak"
    assert peak.energy_price == Decimal("0.59")
    # 20 kWh at 11 kW: 1.818182 h. 20 x 0.59 = 11.80; 1.818182 x 1.20 = 2.18.
    assert peak.example_cost == Decimal("13.98")
    weekend = quote(tariff, datetime(2026, 3, 7, 10, 0, tzinfo=BERLIN))  # a Saturday
    assert weekend.window is None and weekend.example_cost == Decimal("11.98")
    text = quote_text(peak)
    assert "EUR 0.59 / kWh" in text and "EUR 1.20 / h charging" in text
    assert "Peak" in text and "about <b>EUR 13.98</b> for 20 kWh" in text
    assert "1 h 49 min at 11 kW" in text
    assert "No tariff applies" in quote_text(None)


def test_the_visitor_dialog_quotes_the_price_before_starting(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    async def scenario() -> None:
        dialog = VisitorDialog("P1-AC-01", 2, console.window, client=console.client)
        assert dialog.quote_read is not None
        assert await dialog.quote_read is None  # no tariff yet: said so
        assert "No tariff applies" in dialog.quote_label.text()
        dialog.deleteLater()
        await billing_site(console)
        dialog = VisitorDialog("P1-AC-01", 2, console.window, client=console.client)
        dialog.show()
        assert dialog.quote_read is not None
        quoted = await dialog.quote_read
        assert quoted is not None and quoted.tariff.name == "Visitors"
        text = dialog.quote_label.text()
        assert "Visitors" in text and "/ kWh" in text
        assert f"about <b>EUR {quoted.example_cost:.2f}</b> for 20 kWh" in text
        assert dialog.quote_label.isVisible()
        dialog.reject()

    run(qloop, scenario(), timeout=30)


def _labels_without_buddy(widget: QWidget) -> list[str]:
    """Labels whose text has a mnemonic but no buddy: they show a literal "&"."""
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if _MNEMONIC.search(label.text()) and label.buddy() is None
    ]


def test_mnemonics_have_buddies_and_no_literal_ampersand_shows(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    async def scenario() -> list[str]:
        receipts = await demo_receipts(console)
        problems: list[str] = []
        payment = PaymentDialog(receipts[1])
        for method in PaymentMethod:
            payment.set_method(method)
            problems += _labels_without_buddy(payment)
            assert payment.reference_label.buddy() is payment.reference_edit
        payment.set_method(PaymentMethod.TERMINAL)
        assert payment.reference_label.text() == "Terminal &reference:"
        problems += _labels_without_buddy(VoidDialog(receipts[1]))
        problems += _labels_without_buddy(VisitorDialog("CP", 1))
        card = Card("MNEMO", CardStatus.BLOCKED, block_reason=BlockReason.LOST)
        problems += _labels_without_buddy(BlockReasonDialog(card))
        problems += _labels_without_buddy(CardEditorDialog(console.client, card))
        problems += _labels_without_buddy(console.window)
        problems += _labels_without_buddy(SiteDetailsDialog(SITE))
        problems += _labels_without_buddy(PersonDialog(console.client))

        async def keep(_draft: object) -> None:
            return None

        problems += _labels_without_buddy(TariffEditorDialog(keep, visitor_tariff()))
        return problems

    assert run(qloop, scenario(), timeout=60) == []
