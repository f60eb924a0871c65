"""The card editor: a desk reader's Enter, tap-to-learn at a real simulated charger, checks."""

from __future__ import annotations

import qasync
from conftest import run, simulator, wait_until
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from console.core.model import Card
from console.ui.cards.editor import CardEditorDialog
from console.ui.console_app import Console


def editor(console: Console, **options: object) -> CardEditorDialog:
    dialog = CardEditorDialog(console.client, parent=console.window, **options)  # type: ignore[arg-type]
    console.window.show()
    dialog.open()
    return dialog


def test_desk_reader_enter_takes_the_id_and_keeps_the_dialog_open(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    dialog = editor(console)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.id_edit.setFocus()
    QTest.keyClicks(dialog.id_edit, "04A2B3C4D5")
    QTest.keyClick(dialog.id_edit, Qt.Key.Key_Return)  # what a USB reader sends last
    assert dialog.isVisible() and dialog.result() == 0 and dialog.saved is None
    assert dialog.id_edit.text() == "04A2B3C4D5"
    QTest.keyClick(dialog.id_edit, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.group_combo.hasFocus() or not dialog.isActiveWindow())
    dialog.reject()


def test_invalid_id_is_explained_inline(console: Console, qloop: qasync.QEventLoop) -> None:
    dialog = editor(console)

    async def scenario() -> None:
        dialog.id_edit.setText("04 A2")
        await dialog.save()
        assert dialog.isVisible() and dialog.error_label.isVisibleTo(dialog)
        assert "printable ASCII" in dialog.error_label.text()
        assert await console.client.read(lambda q: q.cards()) == []

    run(qloop, scenario())
    dialog.reject()


def test_tap_at_a_charger_fills_in_the_id(console: Console, qloop: qasync.QEventLoop) -> None:
    charger = simulator(console, "CP-DESK", connectors=1)
    other = simulator(console, "CP-FAR", connectors=1)

    async def scenario() -> None:
        await charger.start()
        await other.start()
        try:
            await charger.wait_booted()
            await other.wait_booted()
            await wait_until(lambda: "CP-DESK" in console.mirror.chargers)
            dialog = editor(console, chargers=sorted(console.mirror.chargers))
            dialog.tap.charger_combo.setCurrentIndex(dialog.tap.charger_combo.findData("CP-DESK"))
            dialog.tap.wait_button.click()
            assert dialog.tap.waiting and dialog.tap.wait_button.text() == "Cancel"
            assert "CP-DESK" in dialog.tap.status_label.text()
            engine = console.client.engine
            await wait_until(lambda: engine.cards.waiting_for_taps == 1)
            # A card shown at another charger is not the one being learned.
            assert await other.start_session(1, "ELSEWHERE-1") is None
            assert await charger.start_session(1, "04NEW7788") is None  # refused: unknown
            await wait_until(lambda: dialog.id_edit.text() == "04NEW7788")
            assert not dialog.tap.waiting and dialog.tap.wait_button.text() == "Wait for tap"
            assert "✓" in dialog.tap.status_label.text()
            dialog.save_button.click()
            await wait_until(lambda: dialog.result() == QDialog.DialogCode.Accepted)
            card = await console.client.read(lambda q: q.card("04NEW7788"))
            assert card is not None
            # Registered now: the next tap is accepted.
            assert await charger.start_session(1, "04NEW7788") is not None
        finally:
            await charger.stop()
            await other.stop()

    run(qloop, scenario())


def test_closing_the_dialog_stops_waiting(console: Console, qloop: qasync.QEventLoop) -> None:
    dialog = editor(console)
    engine = console.client.engine

    async def scenario() -> None:
        task = dialog.tap.start()
        await wait_until(lambda: engine.cards.waiting_for_taps == 1)
        dialog.reject()
        await wait_until(lambda: task.done())
        await wait_until(lambda: engine.cards.waiting_for_taps == 0)
        assert task.cancelled()

    run(qloop, scenario())


def test_cancel_while_waiting(console: Console, qloop: qasync.QEventLoop) -> None:
    dialog = editor(console)
    engine = console.client.engine

    async def scenario() -> None:
        dialog.tap.wait_button.click()
        await wait_until(lambda: engine.cards.waiting_for_taps == 1)
        dialog.tap.wait_button.click()  # Cancel
        await wait_until(lambda: engine.cards.waiting_for_taps == 0)
        assert dialog.isVisible() and "Stopped" in dialog.tap.status_label.text()

    run(qloop, scenario())
    dialog.reject()


def test_editing_keeps_the_id_and_offers_the_status(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    card = Card("04EDIT", parent_id_tag="STAFF", max_concurrent=0, note="x")
    dialog = editor(console, card=card, groups=["STAFF", "FLEET"])
    assert dialog.id_edit.isReadOnly() and dialog.status_combo.isVisibleTo(dialog)
    assert not dialog.tap.isVisibleTo(dialog)
    assert dialog.at_once_spin.text() == "no limit"
    assert dialog.card_entered() == card
    dialog.reject()
