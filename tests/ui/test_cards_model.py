"""The Cards tab's models: checked by qtmodeltester, states, filters and words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from console.core.enums import AuthorizationStatus, CardStatus
from console.core.model import Card, Person, RefusedCard, Session
from console.services.card_csv import CardChange, CsvProblem, ImportPlan, PersonChange
from console.ui.cards.history import HistorySessionsModel
from console.ui.cards.import_dialog import preview_rows
from console.ui.cards.import_preview import ImportPreviewModel, PreviewKind
from console.ui.cards.model import CardsTableModel
from console.ui.cards.people import PeopleTableModel
from console.ui.cards.proxy import CardsFilterProxyModel
from console.ui.cards.refused import RefusedCardsModel
from console.ui.cards.words import CardColumn, CardState

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
PEOPLE = [
    Person(1, "Maria Hoffmann", "Radiology", "m@example.org"),
    Person(2, "Jonas Weber", "Facilities CC-4100"),
]
CARDS = [
    Card("04A1B2C3", parent_id_tag="STAFF", person_id=1),
    Card("04B7C8D9", CardStatus.BLOCKED, parent_id_tag="STAFF", person_id=2, note="lost"),
    Card("04E1F2A3", expires_at=NOW - timedelta(days=1), person_id=1),
    Card("04C0FFEE", CardStatus.RETIRED),
    Card("FLEET-22", expires_at=NOW + timedelta(days=30), max_concurrent=0),
]


def cards_model() -> CardsTableModel:
    model = CardsTableModel(now=lambda: NOW)
    model.set_data(CARDS, PEOPLE)
    return model


def test_cards_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = cards_model()
    qtmodeltester.check(model, force_py=True)
    proxy = CardsFilterProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)


def test_cards_model_shows_states_in_words_and_symbols() -> None:
    model = cards_model()
    states = {
        model.card_at(row).id_tag: model.index(row, CardColumn.STATUS).data()
        for row in range(model.rowCount())
    }
    assert states["04A1B2C3"] == "● Active"
    assert states["04B7C8D9"] == "⊘ Blocked"
    assert states["04E1F2A3"] == "◷ Expired"  # active, but past its valid-until date
    assert states["04C0FFEE"] == "○ Retired"
    row = model.row_of("fleet-22")  # ids compare without case
    assert row is not None
    assert model.index(row, CardColumn.AT_ONCE).data() == "no limit"
    assert model.index(row, CardColumn.VALID_UNTIL).data() == "2026-07-01"
    owner_row = model.row_of("04B7C8D9")
    assert model.index(owner_row, CardColumn.OWNER).data() == "Jonas Weber"
    assert model.index(owner_row, CardColumn.DEPARTMENT).data() == "Facilities CC-4100"
    assert model.index(owner_row, CardColumn.STATUS).data(Qt.ItemDataRole.ForegroundRole)


def test_proxy_hides_retired_cards_and_filters_by_text() -> None:
    model = cards_model()
    proxy = CardsFilterProxyModel()
    proxy.setSourceModel(model)
    shown = {proxy.card_at(row).id_tag for row in range(proxy.rowCount())}
    assert "04C0FFEE" not in shown and len(shown) == 4
    proxy.set_states(frozenset({CardState.EXPIRED}))
    assert [proxy.card_at(r).id_tag for r in range(proxy.rowCount())] == ["04E1F2A3"]
    proxy.set_states(frozenset(CardState))
    proxy.set_text("radiology")  # the owner's department
    assert {proxy.card_at(r).id_tag for r in range(proxy.rowCount())} == {"04A1B2C3", "04E1F2A3"}
    proxy.set_text("LOST")  # the note
    assert [proxy.card_at(r).id_tag for r in range(proxy.rowCount())] == ["04B7C8D9"]


def test_refused_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = RefusedCardsModel()
    model.set_refused(
        [
            RefusedCard("NEW-1", AuthorizationStatus.INVALID, "CP-1", NOW, NOW, 3, False),
            RefusedCard("04B7", AuthorizationStatus.BLOCKED, "CP-2", NOW, NOW, 1, True),
            RefusedCard("04E1", AuthorizationStatus.CONCURRENT_TX, "CP-2", NOW, NOW, 1, True),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 1).data() == "? Unknown card"
    assert model.index(1, 1).data() == "⊘ Blocked"
    assert model.index(2, 1).data() == "⇉ Already charging"
    assert "ConcurrentTx" in model.index(2, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 4).data() == "3"


def test_people_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = PeopleTableModel()
    model.set_people([*PEOPLE, Person(3, "Gone", retired=True)], CARDS)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2  # retired people are not listed
    assert model.index(0, 4).data() == "2"  # Maria: two cards (expired counts, retired not)


def test_history_model_and_totals(qtmodeltester: Any) -> None:
    sessions = [
        Session(7, "CP-1", 1, "04A1B2C3", NOW, 1000, NOW + timedelta(hours=1), 13_500),
        Session(8, "CP-2", 2, "04A1B2C3", NOW + timedelta(days=1), 0),
    ]
    model = HistorySessionsModel()
    model.set_sessions(sessions)
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 5).data() == "12.50"
    assert model.index(0, 6).data() == "1:00"
    assert model.index(1, 4).data() == "running"


def test_import_preview_model(qtmodeltester: Any) -> None:
    plan = ImportPlan(
        added=[CardChange(2, None, Card("NEW-1", parent_id_tag="STAFF"), (), "Ada Lovelace")],
        changed=[
            CardChange(3, Card("OLD-1"), Card("OLD-1", note="x", max_concurrent=0), fields, None)
            for fields in [("note", "max_sessions")]
        ],
        unchanged=4,
        new_people=["Ada Lovelace"],
        person_changes=[PersonChange(2, None, Person(None, "Ada Lovelace", "Radiology"), ())],
        problems=[CsvProblem(5, "the card id is empty")],
    )
    model = ImportPreviewModel()
    model.set_rows(preview_rows(plan))
    qtmodeltester.check(model, force_py=True)
    kinds = [row.kind for row in model.rows]
    assert kinds[0] is PreviewKind.PROBLEM  # problems first: they need a look
    assert model.index(0, 0).data() == "5"
    assert "empty" in model.index(0, 3).data()
    assert set(kinds) == set(PreviewKind)
    changed = next(row for row in model.rows if row.kind is PreviewKind.CHANGED)
    assert changed.details == "note: — → x; sessions at once: 1 → no limit"
    added = next(row for row in model.rows if row.kind is PreviewKind.ADDED)
    assert "group STAFF" in added.details and "owner Ada Lovelace" in added.details
