"""The Cards tab against the real engine: register, edit, block, retire, refused, people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import qasync
from conftest import run, simulator, wait_until
from PySide6.QtWidgets import QDialog

from console.core.enums import BlockReason, CardStatus
from console.core.model import Card, Person
from console.ui.cards.editor import CardEditorDialog
from console.ui.cards.history import HistoryDialog
from console.ui.cards.person_dialog import PersonDialog
from console.ui.cards.view import CardsView
from console.ui.console_app import Console
from tests.actors import ADMIN


def cards_view(console: Console) -> CardsView:
    console.window.show()
    console.window.tabs.setCurrentWidget(console.window.cards)
    return console.window.cards


def shown_ids(view: CardsView) -> set[str]:
    return {view.proxy.card_at(row).id_tag for row in range(view.proxy.rowCount())}


async def open_editor(view: CardsView) -> CardEditorDialog:
    await wait_until(lambda: isinstance(view.card_actions.dialog, CardEditorDialog))
    dialog = view.card_actions.dialog
    assert isinstance(dialog, CardEditorDialog)
    return dialog


async def stored(console: Console, id_tag: str) -> Card | None:
    return await console.client.read(lambda q: q.card(id_tag))


def test_register_edit_block_and_retire_through_the_view(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = cards_view(console)
    asked: list[str] = []

    async def confirm(title: str, text: str, proceed: str) -> bool:
        asked.append(text)
        return True

    view.card_actions.confirm = confirm  # type: ignore[method-assign]

    async def lost(card: Card) -> tuple[BlockReason, str | None]:
        return BlockReason.LOST, None  # blocking asks why (issue 11)

    view.card_actions.ask_block_reason = lost  # type: ignore[method-assign]

    async def scenario() -> None:
        register = view.card_actions.tasks.start(view.card_actions.register())
        dialog = await open_editor(view)
        dialog.id_edit.setText(" 04AB12CD ")
        dialog.group_combo.setCurrentText("STAFF")
        dialog.at_once_spin.setValue(2)
        dialog.save_button.click()
        saved = await register
        assert saved is not None and saved.id_tag == "04AB12CD"
        await wait_until(lambda: "04AB12CD" in shown_ids(view))
        assert view.card_actions.banner.kind == "ok"
        assert "registered" in view.card_actions.banner.text.text()
        card = await stored(console, "04ab12cd")
        assert card is not None and card.parent_id_tag == "STAFF" and card.max_concurrent == 2

        assert view.select_card("04AB12CD")
        view.edit_button.click()
        dialog = await open_editor(view)
        assert not dialog.registering and dialog.id_edit.isReadOnly()
        dialog.note_edit.setText("spare card")
        dialog.save_button.click()
        await wait_until(lambda: view.card_actions.dialog is None)
        card = await stored(console, "04AB12CD")
        assert card is not None and card.note == "spare card"

        await wait_until(lambda: view.select_card("04AB12CD") and view.block_button.isEnabled())
        assert view.block_button.text() == "Block"
        view.block_button.click()
        await wait_until(lambda: view.block_button.text() == "Unblock")
        card = await stored(console, "04AB12CD")
        assert card is not None and card.status is CardStatus.BLOCKED
        assert card.block_reason is BlockReason.LOST
        assert "blocked" in view.card_actions.banner.text.text()
        view.block_button.click()
        await wait_until(lambda: view.block_button.text() == "Block")
        assert "Lost" in asked[-1]  # unblocking says why it was blocked

        view.retire_button.click()
        await wait_until(lambda: "04AB12CD" not in shown_ids(view))  # hidden by default
        assert asked and "history stay" in asked[-1]
        card = await stored(console, "04AB12CD")
        assert card is not None and card.status is CardStatus.RETIRED
        view.status_combo.setCurrentIndex(view.status_combo.count() - 1)  # All
        assert "04AB12CD" in shown_ids(view)

    run(qloop, scenario())


def test_the_list_follows_changes_made_elsewhere(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = cards_view(console)

    async def scenario() -> None:
        await console.client.call(lambda e: e.cards.save_card(Card("OTHER-DESK"), actor=ADMIN))
        await wait_until(lambda: "OTHER-DESK" in shown_ids(view))  # CardsChanged, live

    run(qloop, scenario())


def test_refused_card_is_listed_live_and_register_prefills_it(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = cards_view(console)
    charger = simulator(console, "CP-GATE", connectors=1)

    async def scenario() -> None:
        await charger.start()
        try:
            await charger.wait_booted()
            assert await charger.start_session(1, "STRANGER-7") is None  # refused
        finally:
            await charger.stop()
        await wait_until(lambda: view.refused.select("STRANGER-7"))
        refused = view.refused.selected()
        assert refused is not None and refused.charger_id == "CP-GATE"
        assert not refused.registered
        assert view.refused.register_button.text() == "Register…"
        view.refused.register_button.click()
        dialog = await open_editor(view)
        assert dialog.registering and dialog.id_edit.text() == "STRANGER-7"
        assert dialog.tap.charger_combo.currentData() == "CP-GATE"
        dialog.save_button.click()
        await wait_until(lambda: "STRANGER-7" in shown_ids(view))
        await wait_until(lambda: view.refused.select("STRANGER-7"))
        await wait_until(lambda: view.refused.register_button.text() == "Edit card…")

    run(qloop, scenario())


def test_registering_an_existing_id_offers_to_edit_it(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = cards_view(console)

    async def scenario() -> None:
        await console.client.call(
            lambda e: e.cards.save_card(Card("04TAKEN", note="first"), actor=ADMIN)
        )
        await wait_until(lambda: "04TAKEN" in shown_ids(view))
        task = view.card_actions.tasks.start(view.card_actions.register())
        dialog = await open_editor(view)
        dialog.id_edit.setText("04taken")
        assert dialog.exists_row.isVisibleTo(dialog)
        assert not dialog.save_button.isEnabled()
        dialog.edit_existing_button.click()
        assert not dialog.registering and dialog.note_edit.text() == "first"
        dialog.note_edit.setText("second")
        dialog.save_button.click()
        saved = await task
        assert saved is not None and saved.note == "second"
        assert "saved" in view.card_actions.banner.text.text()

    run(qloop, scenario())


def test_people_add_edit_and_owner_in_editor(console: Console, qloop: qasync.QEventLoop) -> None:
    view = cards_view(console)

    async def open_person() -> PersonDialog:
        await wait_until(lambda: isinstance(view.card_actions.dialog, PersonDialog))
        dialog = view.card_actions.dialog
        assert isinstance(dialog, PersonDialog)
        return dialog

    async def scenario() -> None:
        view.people.add_button.click()
        dialog = await open_person()
        dialog.save()  # no name: refused inline
        await wait_until(lambda: dialog.error_label.isVisibleTo(dialog))
        assert dialog.isVisible()
        dialog.name_edit.setText("Ada Lovelace")
        dialog.department_combo.setCurrentText("Radiology")
        dialog.email_edit.setText("ada@example.org")
        await dialog.save()
        await wait_until(lambda: view.people.model.rowCount() == 1)
        person = view.people.model.person_at(0)
        assert person.department == "Radiology"

        register = view.card_actions.tasks.start(view.card_actions.register("04ADA"))
        editor = await open_editor(view)
        editor.owner_combo.setCurrentIndex(editor.owner_combo.findData(person.id))
        editor.save_button.click()
        await register
        await wait_until(lambda: view.people.model.index(0, 4).data() == "1")
        row = view.model.row_of("04ADA")
        assert row is not None and view.model.index(row, 3).data() == "Ada Lovelace"

    run(qloop, scenario())


def test_card_history_with_export(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    view = cards_view(console)
    charger = simulator(console, "CP-HIST", connectors=1)
    target = tmp_path / "history.csv"

    async def scenario() -> None:
        await console.client.call(lambda e: e.cards.save_card(Card("04HIST"), actor=ADMIN))
        await charger.start()
        try:
            await charger.wait_booted()
            assert await charger.start_session(1, "04HIST") is not None
            await charger.stop_session(1)
        finally:
            await charger.stop()
        await wait_until(lambda: view.select_card("04HIST"))
        view.history_button.click()
        await wait_until(lambda: isinstance(view.card_actions.dialog, HistoryDialog))
        dialog = view.card_actions.dialog
        assert isinstance(dialog, HistoryDialog)
        assert dialog.total_labels["Sessions"].text() == "1"
        assert dialog.model.rowCount() == 1
        dialog.choose_export_path = lambda suggested: str(target)  # type: ignore[method-assign]
        task = dialog.export_csv()
        assert task is not None
        await task
        assert "exported" in dialog.message_label.text()
        lines = target.read_text(encoding="utf-8-sig").splitlines()
        assert len(lines) == 2 and "04HIST" in lines[1]
        dialog.done(QDialog.DialogCode.Rejected)
        await wait_until(lambda: view.card_actions.dialog is None)

    run(qloop, scenario())


def test_person_history_covers_all_their_cards(console: Console, qloop: qasync.QEventLoop) -> None:
    view = cards_view(console)

    async def scenario() -> None:
        person = await console.client.call(
            lambda e: e.cards.save_person(Person(None, "Bo"), actor=ADMIN)
        )
        await console.client.call(
            lambda e: e.cards.save_card(Card("BO-1", person_id=person.id), actor=ADMIN)
        )
        await wait_until(lambda: view.people.select(person.id or 0))
        view.people.history_button.click()
        await wait_until(lambda: isinstance(view.card_actions.dialog, HistoryDialog))
        dialog: Any = view.card_actions.dialog
        assert "Bo" in dialog.windowTitle() and dialog.total_labels["Sessions"].text() == "0"
        dialog.reject()

    run(qloop, scenario())
