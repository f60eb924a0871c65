"""Cards chargers refused: which card, what it was told, where and when, how often."""

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

from console.core.model import RefusedCard
from console.core.staff import Permission
from console.ui.cards.table import build_table
from console.ui.cards.words import (
    answer_colour,
    answer_explanation,
    answer_text,
    local_time_text,
)
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REFUSED_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class RefusedColumn(IntEnum):
    """The refused cards table's columns, in order."""

    CARD = 0
    ANSWER = 1
    CHARGER = 2
    LAST = 3
    COUNT = 4


class RefusedCardsModel(QAbstractTableModel):
    """Refused cards, one per card id, most recent first as read."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RefusedCard] = []
        self._titles = [
            self.tr("Card"),
            self.tr("Last answer"),
            self.tr("Charger"),
            self.tr("Last time"),
            self.tr("Times"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of refused cards."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(RefusedColumn)

    def headerData(  # Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(RefusedColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort value, colour and tooltip of one cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        refused = self._rows[index.row()]
        column = RefusedColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(refused, column)
        if role == SORT_ROLE:
            if column == RefusedColumn.LAST:
                return refused.last_at.timestamp()
            if column == RefusedColumn.COUNT:
                return refused.count
            return self._text(refused, column).casefold()
        if role == REFUSED_ROLE:
            return refused
        if role == Qt.ItemDataRole.ForegroundRole and column == RefusedColumn.ANSWER:
            return answer_colour(refused.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == RefusedColumn.ANSWER:
                return answer_explanation(refused.status)
            if column == RefusedColumn.LAST:
                return self.tr("First refused %1").replace("%1", local_time_text(refused.first_at))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RefusedColumn.COUNT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def set_refused(self, refused: Iterable[RefusedCard]) -> None:
        """Show exactly these refused cards."""
        self.beginResetModel()
        self._rows = list(refused)
        self.endResetModel()

    def refused_at(self, row: int) -> RefusedCard:
        """The refused card in ``row``."""
        return self._rows[row]

    def refused(self) -> list[RefusedCard]:
        """Every refused card shown."""
        return list(self._rows)

    def _text(self, refused: RefusedCard, column: RefusedColumn) -> str:
        match column:
            case RefusedColumn.CARD:
                return refused.id_tag
            case RefusedColumn.ANSWER:
                return answer_text(refused.status)
            case RefusedColumn.CHARGER:
                return refused.charger_id
            case RefusedColumn.LAST:
                return local_time_text(refused.last_at)
            case RefusedColumn.COUNT:
                return str(refused.count)


class RefusedCardsPanel(QWidget):
    """The refused cards table and a one-click Register… for cards not yet registered."""

    registerRequested = Signal(object)  # RefusedCard not registered: register it
    editRequested = Signal(str)  # id of a registered card (blocked, expired…)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = RefusedCardsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(self.model)
        samples = ["DE-EMSP-88120", "⇉ Already charging", "HOSP-PARK-B-01", "2026-12-31 23:59"]
        self.table = build_table(
            self.proxy, samples, RefusedColumn.LAST, Qt.SortOrder.DescendingOrder
        )
        self.table.doubleClicked.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.title = QLabel(self.tr("<b>Refused cards</b>"))
        self.hint = QLabel()
        self.hint.setStyleSheet("color:#555;")
        self.register_button = QPushButton(self.tr("Register…"))
        self.register_button.setToolTip(
            self.tr("Register the selected card (double-click does the same)")
        )
        self.register_button.clicked.connect(self._on_register_clicked)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.hint, 1)
        top.addWidget(self.register_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._on_selection_changed()

    def set_refused(self, refused: list[RefusedCard]) -> None:
        """Show these refused cards, keeping the selected one selected."""
        chosen = self.selected()
        self.model.set_refused(refused)
        unregistered = sum(1 for r in refused if not r.registered)
        self.hint.setText(
            self.tr("%n not registered", "", unregistered) if refused else self.tr("none yet")
        )
        if chosen is not None:
            self.select(chosen.id_tag)
        self._on_selection_changed()

    def select(self, id_tag: str) -> bool:
        """Select a refused card by id; False when it is not listed."""
        for row in range(self.proxy.rowCount()):
            refused = self.proxy.index(row, 0).data(REFUSED_ROLE)
            if refused.id_tag.casefold() == id_tag.casefold():
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> RefusedCard | None:
        """The refused card selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        refused = rows[0].data(REFUSED_ROLE)
        assert isinstance(refused, RefusedCard)
        return refused

    def follow_roles(self, client: EngineClient) -> None:
        """Offer registering a refused card only to someone who may change cards."""
        self._client = client
        when_actor_changes(client, self, self._on_selection_changed)
        self._on_selection_changed()

    def _on_selection_changed(self, *_args: Any) -> None:
        refused = self.selected()
        self.register_button.setEnabled(refused is not None)
        client: EngineClient | None = getattr(self, "_client", None)
        if client is not None:
            gate(client, self.register_button, Permission.CARDS, refused is not None)
        if refused is not None and refused.registered:
            self.register_button.setText(self.tr("Edit card…"))
        else:
            self.register_button.setText(self.tr("Register…"))

    def _on_register_clicked(self) -> None:
        refused = self.selected()
        if refused is None:
            return
        if refused.registered:
            self.editRequested.emit(refused.id_tag)
        else:
            self.registerRequested.emit(refused)

    def _on_activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self._on_register_clicked()
