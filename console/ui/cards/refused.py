"""Cards chargers refused: which card, what it was told, where and when, how often."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
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
from console.ui.table_model import RIGHT, ROW_ROLE, SORT_ROLE, Column, RowTableModel

REFUSED_ROLE = ROW_ROLE


class RefusedColumn(IntEnum):
    """The refused cards table's columns, in order."""

    CARD = 0
    ANSWER = 1
    CHARGER = 2
    LAST = 3
    COUNT = 4


class RefusedCardsModel(RowTableModel[RefusedCard]):
    """Refused cards, one per card id, most recent first as read."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.set_columns(
            (
                Column[RefusedCard](
                    self.tr("Card"), lambda r: r.id_tag, sort=lambda r: r.id_tag.casefold()
                ),
                Column[RefusedCard](
                    self.tr("Last answer"),
                    lambda r: answer_text(r.status),
                    sort=lambda r: answer_text(r.status).casefold(),
                    foreground=lambda r: answer_colour(r.status),
                    tooltip=lambda r: answer_explanation(r.status),
                ),
                Column[RefusedCard](
                    self.tr("Charger"),
                    lambda r: r.charger_id,
                    sort=lambda r: r.charger_id.casefold(),
                ),
                Column[RefusedCard](
                    self.tr("Last time"),
                    lambda r: local_time_text(r.last_at),
                    sort=lambda r: r.last_at.timestamp(),
                    tooltip=lambda r: self.tr("First refused %1").replace(
                        "%1", local_time_text(r.first_at)
                    ),
                ),
                Column[RefusedCard](
                    self.tr("Times"), lambda r: str(r.count), sort=lambda r: r.count, align=RIGHT
                ),
            )
        )

    def set_refused(self, refused: Iterable[RefusedCard]) -> None:
        """Show exactly these refused cards."""
        self.set_rows(refused)

    def refused_at(self, row: int) -> RefusedCard:
        """The refused card in ``row``."""
        return self.rows[row]

    def refused(self) -> list[RefusedCard]:
        """Every refused card shown."""
        return list(self.rows)


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
