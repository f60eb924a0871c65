"""People who own cards: a table with add, edit and history."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.core.model import Card, Person
from console.core.staff import Permission
from console.ui.cards.table import build_table
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes
from console.ui.staff.roles import allow
from console.ui.table_model import RIGHT, ROW_ROLE, SORT_ROLE, Column, RowTableModel

PERSON_ROLE = ROW_ROLE


class PersonColumn(IntEnum):
    """The people table's columns, in order."""

    NAME = 0
    DEPARTMENT = 1
    EMAIL = 2
    PHONE = 3
    CARDS = 4


class PeopleTableModel(RowTableModel[Person]):
    """People with the number of cards they own (retired cards not counted)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cards: dict[int, int] = {}

        def column(title: str, text: Callable[[Person], str], **more: Any) -> Column[Person]:
            return Column[Person](title, text, sort=lambda p: text(p).casefold(), **more)

        self.set_columns(
            (
                column(self.tr("Name"), lambda p: p.name),
                column(
                    self.tr("Department"),
                    lambda p: p.department or "",
                    header_tip=self.tr("Department or cost centre"),
                ),
                column(self.tr("E-mail"), lambda p: p.email or ""),
                column(self.tr("Phone"), lambda p: p.phone or ""),
                Column[Person](
                    self.tr("Cards"),
                    lambda p: str(self.card_count(p)),
                    sort=self.card_count,
                    align=RIGHT,
                ),
            )
        )

    def role_data(self, item: Person, column: int, role: int) -> Any:
        """Retired people in grey."""
        if role == Qt.ItemDataRole.ForegroundRole and item.retired:
            return Qt.GlobalColor.gray
        return super().role_data(item, column, role)

    def set_people(self, people: Iterable[Person], cards: Iterable[Card]) -> None:
        """Show these people; ``cards`` gives each one's count."""
        self._cards = {}
        for card in cards:
            if card.person_id is not None and card.status.value != "retired":
                self._cards[card.person_id] = self._cards.get(card.person_id, 0) + 1
        self.set_rows(p for p in people if not p.retired)

    def person_at(self, row: int) -> Person:
        """The person in ``row``."""
        return self.rows[row]

    def people(self) -> list[Person]:
        """Everyone shown."""
        return list(self.rows)

    def card_count(self, person: Person) -> int:
        """How many cards (not retired) a person owns."""
        return 0 if person.id is None else self._cards.get(person.id, 0)


class PeoplePanel(QWidget):
    """The people table with Add person…, Edit… and History… buttons."""

    addRequested = Signal()
    editRequested = Signal(object)  # Person
    historyRequested = Signal(object)  # Person

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = PeopleTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(self.model)
        samples = ["Dr. Maria Hoffmann", "Emergency Department", "m.hoffmann@hospital.org"]
        samples.append("+49 30 4505 1120")
        self.table = build_table(self.proxy, samples)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(PersonColumn.EMAIL, header.ResizeMode.Stretch)
        header.resizeSection(
            PersonColumn.CARDS, self.table.fontMetrics().horizontalAdvance("Cards 00")
        )
        self.table.doubleClicked.connect(lambda _index: self._on_edit_clicked())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.add_button = QPushButton(self.tr("Add person…"))
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.setToolTip(self.tr("Sessions charged with this person's cards"))
        self.history_button.clicked.connect(self._on_history_clicked)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>People</b>")))
        top.addStretch(1)
        for button in (self.add_button, self.edit_button, self.history_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._on_selection_changed()

    def set_people(self, people: list[Person], cards: list[Card]) -> None:
        """Show these people, keeping the selected one selected."""
        chosen = self.selected()
        self.model.set_people(people, cards)
        if chosen is not None and chosen.id is not None:
            self.select(chosen.id)
        self._on_selection_changed()

    def select(self, person_id: int) -> bool:
        """Select a person by id; False when not listed."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(PERSON_ROLE).id == person_id:
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> Person | None:
        """The person selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        person = rows[0].data(PERSON_ROLE)
        assert isinstance(person, Person)
        return person

    def follow_roles(self, client: EngineClient) -> None:
        """Offer adding and editing people only to someone who may change cards."""
        self._client = client
        allow(client, self.add_button, Permission.CARDS)
        when_actor_changes(client, self, self._on_selection_changed)
        self._on_selection_changed()

    def _on_selection_changed(self, *_args: Any) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.history_button.setEnabled(chosen)
        client: EngineClient | None = getattr(self, "_client", None)
        if client is not None:
            gate(client, self.edit_button, Permission.CARDS, chosen)

    def _on_edit_clicked(self) -> None:
        person = self.selected()
        if person is not None:
            self.editRequested.emit(person)

    def _on_history_clicked(self) -> None:
        person = self.selected()
        if person is not None:
            self.historyRequested.emit(person)
