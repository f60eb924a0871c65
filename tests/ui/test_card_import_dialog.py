"""Importing cards: the preview shows every change and problem before anything is written."""

from __future__ import annotations

from pathlib import Path

import qasync
from conftest import run, wait_until

from console.core.enums import CardStatus
from console.core.model import Card, Person
from console.ui.cards.import_dialog import ImportDialog
from console.ui.cards.import_preview import PreviewKind
from console.ui.cards.view import CardsView
from console.ui.console_app import Console
from tests.actors import ADMIN

CSV = (
    "card,status,group,expires,max_sessions,owner,department,email,phone,note\n"
    "04NEW0001,active,STAFF,2030-12-31,1,Ada Lovelace,Radiology,ada@example.org,,\n"
    "04OLD0001,blocked,STAFF,,1,,,,,lost\n"
    "04 BAD,active,,,,,,,,\n"
    "04NEW0002,active,VISITOR,31/12/2030,1,,,,,\n"
)


def cards_view(console: Console) -> CardsView:
    console.window.show()
    console.window.tabs.setCurrentWidget(console.window.cards)
    return console.window.cards


def test_preview_before_import_then_import(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    view = cards_view(console)
    source = tmp_path / "cards.csv"
    source.write_text(CSV, encoding="utf-8")

    async def scenario() -> None:
        await console.client.call(lambda e: e.cards.save_card(Card("04OLD0001"), actor=ADMIN))
        await wait_until(lambda: view.model.row_of("04OLD0001") is not None)
        view.import_button.click()
        await wait_until(lambda: isinstance(view.card_actions.dialog, ImportDialog))
        dialog = view.card_actions.dialog
        assert isinstance(dialog, ImportDialog)
        assert not dialog.import_button.isEnabled()
        await dialog.load(str(source))

        rows = dialog.model.rows
        problems = [row for row in rows if row.kind is PreviewKind.PROBLEM]
        assert {row.line for row in problems} == {4, 5}  # header is line 1
        # A problem row names its card, so a person finds it in the file.
        assert {(row.line, row.card) for row in problems} == {(4, "04 BAD"), (5, "04NEW0002")}
        assert [row.card for row in rows if row.kind is PreviewKind.ADDED] == ["04NEW0001"]
        changed = next(row for row in rows if row.kind is PreviewKind.CHANGED)
        assert changed.card == "04OLD0001" and "status: active → blocked" in changed.details
        assert any("Ada Lovelace" in r.details for r in rows if r.kind is PreviewKind.PERSON)
        assert (
            dialog.skip_label.isVisibleTo(dialog)
            and "2 rows with problems" in dialog.skip_label.text()
        )
        assert dialog.import_button.isEnabled()
        assert dialog.import_button.text() == "Import 2 cards"

        # Nothing is written by the preview.
        cards = await console.client.read(lambda q: q.cards())
        assert [c.id_tag for c in cards] == ["04OLD0001"]
        assert cards[0].status is CardStatus.ACTIVE
        assert await console.client.read(lambda q: q.people()) == []

        dialog.import_button.click()
        await wait_until(lambda: view.card_actions.dialog is None)
        await wait_until(lambda: view.model.row_of("04NEW0001") is not None)
        text = view.card_actions.banner.text.text()
        assert view.card_actions.banner.kind == "ok"
        assert "1 new card," in text and "1 changed" in text and "2 rows" in text
        old = await console.client.read(lambda q: q.card("04OLD0001"))
        assert old is not None and old.status is CardStatus.BLOCKED
        new = await console.client.read(lambda q: q.card("04NEW0001"))
        assert new is not None and new.person_id is not None

    run(qloop, scenario())


def test_a_known_person_whose_department_changes_is_a_change_not_a_new_person(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    view = cards_view(console)
    source = tmp_path / "moves.csv"
    source.write_text(
        "card,owner,department\n04ANN01,Ann Lee,Cardiology\n04BAD 1,Ann Lee,\n",
        encoding="utf-8",
    )

    async def scenario() -> None:
        ann = await console.client.call(
            lambda e: e.cards.save_person(
                Person(None, "Ann Lee", department="Radiology"), actor=ADMIN
            )
        )
        await console.client.call(
            lambda e: e.cards.save_card(Card("04ANN01", person_id=ann.id), actor=ADMIN)
        )
        await wait_until(lambda: view.model.row_of("04ANN01") is not None)
        view.import_button.click()
        await wait_until(lambda: isinstance(view.card_actions.dialog, ImportDialog))
        dialog = view.card_actions.dialog
        assert isinstance(dialog, ImportDialog)
        await dialog.load(str(source))

        rows = dialog.model.rows
        assert [row for row in rows if row.kind is PreviewKind.PERSON] == []
        [changed] = [row for row in rows if row.kind is PreviewKind.CHANGED]
        assert (changed.line, changed.card) == (2, "04ANN01")
        assert changed.details == "Ann Lee: department: Radiology → Cardiology"
        assert dialog.model.index(rows.index(changed), 1).data() == "✎ Changed"
        [problem] = [row for row in rows if row.kind is PreviewKind.PROBLEM]
        assert (problem.line, problem.card) == (3, "04BAD 1")
        dialog.reject()

    run(qloop, scenario())


def test_unreadable_file_is_explained(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    dialog = ImportDialog(console.client, console.window)
    dialog.open()

    async def scenario() -> None:
        await dialog.load(str(tmp_path / "missing.csv"))
        assert "could not be read" in dialog.summary_label.text()
        assert not dialog.import_button.isEnabled()

    run(qloop, scenario())
    dialog.reject()


def test_export_writes_every_card(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    view = cards_view(console)
    target = tmp_path / "out.csv"
    view.files.choose_export_path = lambda suggested: str(target)  # type: ignore[method-assign]

    async def scenario() -> None:
        await console.client.call(lambda e: e.cards.save_card(Card("04EXP", note="n"), actor=ADMIN))
        task = view.files.export_csv()
        assert task is not None
        await task
        assert view.card_actions.banner.kind == "ok"
        assert "1 card exported" in view.card_actions.banner.text.text()
        assert "04EXP" in target.read_text(encoding="utf-8-sig")

    run(qloop, scenario())
