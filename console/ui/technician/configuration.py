"""The Configuration page: a charger's keys, edited in place, applied key by key.

Refresh reads every key (GetConfiguration). Values of writable keys are edited in the
table; Apply sends one ChangeConfiguration per changed key and shows each key's answer
in its row. When a key needs a reboot, the page offers a soft reset at once.
"""

from __future__ import annotations

import inspect
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.core.configuration import KeyChange
from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.core.staff import Permission
from console.services.engine import CentralSystem
from console.ui.actions import StaffActions, open_dialog
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror
from console.ui.technician.charger_choice import ChargerChoice
from console.ui.technician.config_models import ConfigKeysModel
from console.ui.technician.config_value import ConfigValueView
from console.ui.technician.snapshots_panel import SnapshotsPanel


class ConfigurationPage(QWidget):
    """Read, edit and apply a charger's configuration; snapshots and baselines beside it."""

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.staff = StaffActions(client, self, mirror)
        self.banner = self.staff.banner
        self.last_changes: list[KeyChange] = []
        self.last_reset: CommandOutcome | None = None
        self._read_when_shown = False
        self._build()
        when_actor_changes(self.client, self, self._show_state)

    # ----------------------------------------------------------------- building

    def _build(self) -> None:
        self.picker = ChargerChoice(self.mirror)
        self.picker.chosen.connect(self._on_chosen)
        self.refresh_button = QPushButton(self.tr("Read configuration"))
        self.refresh_button.setToolTip(self.tr("Ask the charger for every key (GetConfiguration)"))
        self.refresh_button.clicked.connect(lambda: self.staff.tasks.start(self.refresh()))
        self.apply_button = QPushButton(self.tr("Apply changes"))
        self.apply_button.setToolTip(self.tr("Send each changed key (ChangeConfiguration)"))
        self.apply_button.clicked.connect(lambda: self.staff.tasks.start(self.apply()))
        self.revert_button = QPushButton(self.tr("Undo edits"))
        self.revert_button.clicked.connect(self._on_revert)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter keys…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(220)

        self.model = ConfigKeysModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(ConfigKeysModel.KEY)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ConfigKeysModel.KEY, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        # Long values are cut in the middle of the cell: both ends of a URL or a list of
        # measurands stay readable; the whole value is in the tooltip and below the table.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ConfigKeysModel.KEY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ConfigKeysModel.VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            ConfigKeysModel.READONLY, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(
            ConfigKeysModel.OUTCOME, QHeaderView.ResizeMode.ResizeToContents
        )
        self.model.dataChanged.connect(self._show_state)
        self.model.modelReset.connect(self._show_state)
        self.value_view = ConfigValueView(self)
        self.table.selectionModel().currentRowChanged.connect(self._show_value)
        self.model.dataChanged.connect(lambda *_: self._show_value())
        self.model.modelReset.connect(self._show_value)
        self.state_label = QLabel()
        self.state_label.setStyleSheet("color:#5A6570;")
        self.state_label.setWordWrap(True)  # the pending changes must not be cut off

        self.snapshots = SnapshotsPanel(self.client, self.mirror, self.picker, self.staff)

        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.filter_edit)
        keys = QWidget()
        keys_layout = QVBoxLayout(keys)
        keys_layout.setContentsMargins(0, 0, 0, 0)
        keys_layout.addWidget(self.table, 1)
        keys_layout.addWidget(self.value_view)
        bottom = QHBoxLayout()
        bottom.addWidget(self.state_label, 1)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.apply_button)
        keys_layout.addLayout(bottom)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(keys)
        self.splitter.addWidget(self.snapshots)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([3000, 2000])  # 3:2 whatever the widths the words ask for
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self._show_state()

    # ----------------------------------------------------------------- public

    @property
    def charger_id(self) -> str | None:
        """The charger shown."""
        return self.picker.charger_id

    def show_charger(self, charger_id: str) -> None:
        """Follow the charger chosen elsewhere in the console."""
        self.picker.choose(charger_id)

    async def refresh(self) -> CommandOutcome | None:
        """Read every key of the charger (GetConfiguration) into the table."""
        charger_id = self.charger_id
        if charger_id is None:
            return None
        title = self.tr("Read configuration")
        self.banner.show_pending(charger_id, title)
        read = await self.client.call(lambda e: e.configuration.read(charger_id))
        if charger_id != self.charger_id:
            return read.outcome  # the person moved on to another charger meanwhile
        if read.outcome.result is CommandResult.ANSWERED:
            self.model.set_entries(read.entries)
            self.banner.hide()
        else:
            self.banner.show_outcome(charger_id, title, read.outcome)
        return read.outcome

    async def apply(self) -> list[KeyChange]:
        """Send each changed key; show each key's outcome; offer a reset when needed."""
        charger_id = self.charger_id
        values = self.model.changed()
        if charger_id is None or not values:
            return []
        title = self.tr("Change %n key(s)", "", len(values))
        self.banner.show_pending(charger_id, title)

        async def change(engine: CentralSystem) -> list[KeyChange]:
            return await engine.configuration.change(charger_id, values, actor=self.client.actor)

        try:
            changes = await self.client.call(change)
        except Exception as error:  # refused (no permission) or failed: shown
            self.banner.show_error(f"{title}: {error}")
            return []
        self.last_changes = changes
        for item in changes:
            self.model.set_outcome(item)
        self._summarise(charger_id, title, changes)
        reboot = [item.key for item in changes if item.reboot_required]
        if reboot and await _resolve(self.ask_reset(charger_id, reboot)):
            self.last_reset = await self._soft_reset(charger_id)
        return changes

    async def ask_reset(self, charger_id: str, keys: list[str]) -> bool:
        """Ask whether to soft-reset now so that keys needing a reboot take effect."""
        text = (
            self.tr(
                "%1 applies %2 only after a restart. Soft reset it now? Running sessions "
                "are ended first."
            )
            .replace("%1", charger_id)
            .replace("%2", ", ".join(keys))
        )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Reboot required"), text, parent=self)
        go = box.addButton(self.tr("Soft reset now"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        await open_dialog(box)
        return box.clickedButton() is go

    # ----------------------------------------------------------------- internals

    async def _soft_reset(self, charger_id: str) -> CommandOutcome:
        title = self.tr("Soft reset")
        self.banner.show_pending(charger_id, title)
        outcome = await self.client.command(
            lambda e: e.commands.reset(charger_id, False, actor=self.client.actor)
        )
        self.staff.outcome.emit(charger_id, title, outcome)
        return outcome

    def _summarise(self, charger_id: str, title: str, changes: list[KeyChange]) -> None:
        counts: dict[str, int] = {}
        for item in changes:
            word = item.outcome.status or item.outcome.describe()
            counts[word] = counts.get(word, 0) + 1
        summary = ", ".join(f"{count} {word}" for word, count in counts.items())
        if all(item.outcome.accepted for item in changes):
            outcome = CommandOutcome(CommandResult.ANSWERED, status="Accepted")
            self.banner.show_outcome(charger_id, f"{title} ({summary})", outcome)
        else:
            self.banner.show_error(f"{charger_id} — {title}: {summary}")

    def _on_chosen(self, charger_id: str) -> None:
        self.model.set_entries([])
        self.snapshots.charger_changed()
        # A charger chosen on another page is asked (GetConfiguration) only once this
        # page is looked at: choosing is not a reason to send the charger anything.
        self._read_when_shown = True
        if self.isVisible():
            self._read_if_due()

    def _read_if_due(self) -> None:
        if self._read_when_shown and self.picker.online():
            self._read_when_shown = False
            self.staff.tasks.start(self.refresh())

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Read the configuration of a charger chosen while the page was hidden."""
        super().showEvent(event)
        self._read_if_due()

    def _show_value(self, *_: Any) -> None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        entry = self.model.entries[index.row()] if index.isValid() else None
        edited = None if entry is None else self.model.edits.get(entry.key)
        self.value_view.show_entry(entry, edited)

    def _on_revert(self) -> None:
        self.model.revert()
        self._show_state()

    def _show_state(self, *_: Any) -> None:
        edits = len(self.model.edits)
        keys = len(self.model.entries)
        if self.charger_id is None:
            text = self.tr("Choose a charger, then read its configuration.")
        elif keys == 0:
            text = self.tr("Not read yet: press Read configuration.")
        else:
            text = self.tr("%1 keys; double-click a value to change it.").replace("%1", str(keys))
            if edits:
                text += " " + self.tr("%n change(s) not applied yet.", "", edits)
        self.state_label.setText(text)
        gate(self.client, self.apply_button, Permission.CONFIGURATION, edits > 0)
        self.revert_button.setEnabled(edits > 0)
        self.refresh_button.setEnabled(self.charger_id is not None)


async def _resolve(value: Any) -> Any:
    """A hook's answer, whether it returned a value or an awaitable."""
    return await value if inspect.isawaitable(value) else value
