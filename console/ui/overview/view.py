"""The site overview: totals, the site power graph and every connector in one table."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.ui.actions import StaffActions
from console.ui.engine_client import EngineClient
from console.ui.keyboard import (
    START_SESSION_KEY,
    STOP_SESSION_KEY,
    DeskTableView,
    pass_shortcuts,
    shown_with_shortcut,
)
from console.ui.message_bar import approval_slot
from console.ui.overview.approvals import ApprovalPanel
from console.ui.overview.model import KEY_ROLE, ChargerTableModel, Column, RowKey
from console.ui.overview.proxy import ChargerFilterProxyModel
from console.ui.overview.row_actions import ConnectorActions
from console.ui.overview.totals import SiteTotalsStrip, reveal_charger
from console.ui.role_controls import when_actor_changes
from console.ui.site_mirror import SiteMirror

# Where the site power graph may live; the first module that has it is used.
PLOT_MODULES = ("console.ui.plots.power_plot", "console.ui.plots.widget", "console.ui.plots")
_COLUMN_WIDTHS = {
    Column.CHARGER: 150,
    Column.CONNECTOR: 80,
    Column.STATUS: 180,
    Column.CONNECTION: 140,
    Column.POWER: 90,
    Column.CARD: 220,  # "Dr. Maria Hoffmann · 04A1B2C3"
    Column.ENERGY: 100,
    Column.DURATION: 80,
    Column.COST: 100,
}


def make_power_plot(client: EngineClient, mirror: SiteMirror) -> QWidget:
    """The site power graph, or an empty frame where it goes while it does not exist yet."""
    for name in PLOT_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name not in PLOT_MODULES:
                raise  # a missing dependency of the plot is a bug to see, not to hide
            continue
        plot_class = getattr(module, "SitePowerPlotWidget", None)
        if plot_class is not None:
            widget: QWidget = plot_class(client, mirror)
            return widget
    frame = QFrame()
    frame.setObjectName("PowerPlotPlaceholder")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    return frame


class OverviewView(QWidget):
    """What the whole site is doing now, and the staff actions on one connector."""

    chargerActivated = Signal(str)

    def __init__(
        self, client: EngineClient, mirror: SiteMirror, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.mirror = mirror
        self.staff = StaffActions(client, self, mirror)
        self.totals = SiteTotalsStrip(mirror)
        self.approvals = ApprovalPanel(mirror, client=client)
        self.approvals.approvalChosen.connect(self._on_approval_chosen)
        self.banner = self.staff.banner
        self.plot = make_power_plot(client, mirror)
        self.model = ChargerTableModel(mirror, self)
        self.model.use(client, self)  # drivers' names, start times and costs so far
        self.proxy = ChargerFilterProxyModel(self.model, self)
        self.row_actions = ConnectorActions(self.staff, self)
        # A login or a switch of user changes which actions the person may use.
        when_actor_changes(client, self, self._refresh_actions)
        self._selected: RowKey | None = None  # the row selected now (None: none)
        self._chosen: RowKey | None = None  # the person's choice, kept across model resets

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.plot)
        self.splitter.addWidget(self._build_table_area())
        self.splitter.setStretchFactor(0, 2)  # the graph takes about 40 %
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 600])  # scaled to the height the splitter gets

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.totals)
        self.totals.chargerRequested.connect(self.show_charger)
        layout.addWidget(approval_slot(self.approvals))
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._on_find)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter_edit)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self._on_filter_escape)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self._on_enter)
        # Start and Stop work wherever the focus is in this view (the filter box too).
        for name, sequence in (("start", START_SESSION_KEY), ("stop", STOP_SESSION_KEY)):
            action = self.row_actions.actions[name]
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        pass_shortcuts(self.filter_edit, START_SESSION_KEY, STOP_SESSION_KEY)

        mirror.chargersChanged.connect(self._on_chargers_changed)
        self.model.modelReset.connect(self._on_rows_changed)
        self.model.rowsInserted.connect(self._on_rows_changed)
        self.proxy.rowsInserted.connect(self._on_rows_changed)
        self.proxy.rowsRemoved.connect(self._on_rows_changed)
        self.proxy.modelReset.connect(self._on_rows_changed)
        self.proxy.layoutChanged.connect(self._on_rows_changed)
        self._on_rows_changed()

    # ----------------------------------------------------------------- building

    def _build_table_area(self) -> QWidget:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            self.tr("Filter by charger, status, card, name or problem")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(self.tr("Ctrl+F to filter, Esc to clear"))
        self.filter_edit.textChanged.connect(
            lambda text: self._on_filter_changed(self.proxy.set_text, text)
        )
        self.problems_only = QCheckBox(self.tr("Only problems"))
        self.problems_only.setToolTip(self.tr("Show only faulted and offline connectors"))
        self.problems_only.toggled.connect(
            lambda only: self._on_filter_changed(self.proxy.set_only_problems, only)
        )
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color:#5F6B76;")
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.problems_only)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        self.table = DeskTableView()  # Tab leaves it; a filtered-out row is no selection
        # A light selection keeps the coloured status symbols readable on the selected row.
        self.table.setStyleSheet(
            "QTableView { selection-background-color:#CFE3F5; selection-color:#1F2D3A;"
            " gridline-color:#E3E7EB; }"
        )
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.CHARGER, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        for column, width in _COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.empty_label = QLabel(
            self.tr(
                "No charger has connected yet. Point a charger at the address shown in the"
                " status bar; it appears here as soon as it connects."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color:#5F6B76; padding:24px;")

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.buttons: dict[str, QToolButton] = {}
        for name in ConnectorActions.NAMES:
            if name in ("connector_available", "soft_reset"):
                buttons.addSpacing(12)  # groups: session, availability, resets
            button = QToolButton()
            button.setDefaultAction(self.row_actions.actions[name])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)

        area = QWidget()
        layout = QVBoxLayout(area)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(buttons)
        return area

    # ----------------------------------------------------------------- selection

    def selected_key(self) -> RowKey | None:
        """(charger id, connector id) of the selected row, if any."""
        return self._selected

    def show_charger(self, charger_id: str) -> bool:
        """Select a charger's first row and scroll to it (a name clicked in the totals);
        a filter that hides it is cleared first."""
        if reveal_charger(self.table, charger_id):
            return True
        self.filter_edit.clear()
        return reveal_charger(self.table, charger_id)

    def select(self, charger_id: str, connector_id: int) -> bool:
        """Select a connector's row (for tests and for returning from the detail view)."""
        row = self.model.row_of((charger_id, connector_id))
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        return True

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._sync_selection(signalled=True)

    def _sync_selection(self, signalled: bool = False) -> None:
        # Only a row the person can see is selected: a row the filter hid is no selection,
        # so no action can reach a connector that is not on the screen.
        rows = self.table.selectionModel().selectedRows()
        selected = rows[0].data(KEY_ROLE) if rows else None
        if selected is not None or (signalled and not self.table.removing):
            self._chosen = selected  # the person chose this row, or chose none
        if selected != self._selected or selected is None:
            self._selected = selected
            self._refresh_actions()

    def _on_filter_changed(self, apply: Callable[[Any], None], value: Any) -> None:
        apply(value)
        if self._chosen is not None and not self._shown(self._chosen):
            self._chosen = None  # hidden by the person's filter: it stays unselected

    def _shown(self, key: RowKey) -> bool:
        row = self.model.row_of(key)
        return row is not None and self.proxy.mapFromSource(self.model.index(row, 0)).isValid()

    def _restore_selection(self) -> None:
        # The model rebuilt rows (a charger connected, its connectors changed): Qt drops
        # the selection then; the person's choice comes back where it still is, and the
        # table does not scroll for it.
        if self._selected is not None or self._chosen is None or not self._shown(self._chosen):
            return
        scroll = self.table.verticalScrollBar().value()
        self.select(*self._chosen)
        self.table.verticalScrollBar().setValue(scroll)

    def _refresh_actions(self) -> None:
        if self._selected is None:
            self.row_actions.select(None, 0)
        else:
            charger_id, connector_id = self._selected
            self.row_actions.select(self.mirror.chargers.get(charger_id), connector_id)
        for name, key in (("start", START_SESSION_KEY), ("stop", STOP_SESSION_KEY)):
            action = self.row_actions.actions[name]
            action.setToolTip(shown_with_shortcut(action.toolTip(), key))

    # ----------------------------------------------------------------- slots

    def _on_chargers_changed(self, ids: list[str], full: bool) -> None:
        if self._selected is not None and (full or self._selected[0] in ids):
            self._refresh_actions()

    def _on_rows_changed(self, *_args: object) -> None:
        self._sync_selection()
        self._restore_selection()
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.table.setVisible(total > 0)
        self.empty_label.setVisible(total == 0)
        text = self.tr("%1 connectors").replace("%1", str(total))
        if shown != total:
            text = (
                self.tr("%1 of %2 connectors").replace("%1", str(shown)).replace("%2", str(total))
            )
        self.count_label.setText(text)

    def _on_find(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _on_filter_escape(self) -> None:
        self.filter_edit.clear()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_enter(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._on_double_clicked(index)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE)
        if key:
            self.chargerActivated.emit(key[0])

    def _on_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = self.row_actions.menu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _on_approval_chosen(self, charger_id: str, accepted: bool) -> None:
        self.staff.tasks.start(self.staff.set_approval(charger_id, accepted))
