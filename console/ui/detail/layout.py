"""The body of the charger detail view: panels on the left, power and logs on the right."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.ui.detail.models import MessageLogTableModel, StatusHistoryTableModel
from console.ui.detail.panels import BootPanel, ConnectorCard
from console.ui.engine_client import EngineClient
from console.ui.plots import ConnectorPowerPlotWidget
from console.ui.site_mirror import SiteMirror

LEFT_WIDTH = 460


def make_table(model: QAbstractTableModel, widths: tuple[int, ...]) -> QTableView:
    """A calm read-only table over ``model`` (through a proxy, so columns sort)."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    table = QTableView()
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    return table


class DetailBody(QSplitter):
    """Boot details and connector cards | the charger's power, messages and status history."""

    def __init__(self, client: EngineClient, mirror: SiteMirror, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)
        self.boot_panel = BootPanel()
        self.cards: dict[int, ConnectorCard] = {}
        self._cards_box = QVBoxLayout()
        self._cards_box.setSpacing(6)
        connectors_title = QLabel(self.tr("Connectors"))
        connectors_title.setStyleSheet("font-weight:600; margin-top:6px;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.boot_panel)
        left_layout.addWidget(connectors_title)
        left_layout.addLayout(self._cards_box)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(LEFT_WIDTH - 60)
        self._left, self._left_layout, self._scroll = left, left_layout, scroll

        self.plot = ConnectorPowerPlotWidget(client, mirror, None)
        self.messages_model = MessageLogTableModel(self)
        self.history_model = StatusHistoryTableModel(self)
        self.messages_table = make_table(self.messages_model, (70, 38, 190, 110, 64))
        self.history_table = make_table(self.history_model, (120, 80, 170, 130))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.messages_table, self.tr("Messages"))
        self.tabs.addTab(self.history_table, self.tr("Status history"))
        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self.plot)
        right.addWidget(self.tabs)
        right.setSizes([330, 300])
        self.addWidget(scroll)
        self.addWidget(right)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setSizes([LEFT_WIDTH, 900])

    def card(self, connector_id: int, wire: Callable[[ConnectorCard], None]) -> ConnectorCard:
        """The card of a connector, created (and wired by ``wire``) on first use, in order."""
        card = self.cards.get(connector_id)
        if card is None:
            card = self.cards[connector_id] = ConnectorCard(connector_id)
            wire(card)
            position = sorted(self.cards).index(connector_id)
            self._cards_box.insertWidget(position, card)
            self._fit_left_column()
        return card

    def _fit_left_column(self) -> None:
        # Longer words (German) make a connector card wider than the column: widen the
        # column rather than cut the card's buttons and values off at its right edge.
        layout = self._left_layout
        layout.activate()  # the new card counts in the column's size hint now
        margins = layout.contentsMargins()
        widest = max(card.minimumSizeHint().width() for card in self.cards.values())
        needed = (
            max(self._left.minimumSizeHint().width(), widest + margins.left() + margins.right())
            + self._scroll.verticalScrollBar().sizeHint().width()
        )
        if needed > self._scroll.minimumWidth():
            self._scroll.setMinimumWidth(needed)

    def clear_cards(self) -> None:
        """Remove every card (another charger is shown)."""
        for card in self.cards.values():
            self._cards_box.removeWidget(card)
            card.deleteLater()
        self.cards = {}
