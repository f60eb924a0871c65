"""People who own cards: a table with add, edit and history."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
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

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PERSON_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class PersonColumn(IntEnum):
    """The people table's columns, in order."""

    NAME = 0
    DEPARTMENT = 1
    EMAIL = 2
    PHONE = 3
    CARDS = 4


class PeopleTableModel(QAbstractTableModel):
    """People with the number of cards they own (retired cards not counted)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: list[Person] = []
        self._cards: dict[int, int] = {}
        self._titles = [
            self.tr("Name"),
            self.tr("Department"),
            self.tr("E-mail"),
            self.tr("Phone"),
            self.tr("Cards"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of people."""
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(PersonColumn)

    def headerData(  # Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PersonColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == PersonColumn.DEPARTMENT:
            return self.tr("Department or cost centre")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text and sort value of one cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person = self._people[index.row()]
        column = PersonColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(person, column)
        if role == SORT_ROLE:
            if column == PersonColumn.CARDS:
                return self.card_count(person)
            return self._text(person, column).casefold()
        if role == PERSON_ROLE:
            return person
        if role == Qt.ItemDataRole.TextAlignmentRole and column == PersonColumn.CARDS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and person.retired:
            return Qt.GlobalColor.gray
        return None

    def set_people(self, people: Iterable[Person], cards: Iterable[Card]) -> None:
        """Show these people; ``cards`` gives each one's count."""
        self.beginResetModel()
        self._people = [p for p in people if not p.retired]
        self._cards = {}
        for card in cards:
            if card.person_id is not None and card.status.value != "retired":
                self._cards[card.person_id] = self._cards.get(card.person_id, 0) + 1
        self.endResetModel()

    def person_at(self, row: int) -> Person:
        """The person in ``row``."""
        return self._people[row]

    def people(self) -> list[Person]:
        """Everyone shown."""
        return list(self._people)

    def card_count(self, person: Person) -> int:
        """How many cards (not retired) a person owns."""
        return 0 if person.id is None else self._cards.get(person.id, 0)

    def _text(self, person: Person, column: PersonColumn) -> str:
        match column:
            case PersonColumn.NAME:
                return person.name
            case PersonColumn.DEPARTMENT:
                return person.department or ""
            case PersonColumn.EMAIL:
                return person.email or ""
            case PersonColumn.PHONE:
                return person.phone or ""
            case PersonColumn.CARDS:
                return str(self.card_count(person))


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
