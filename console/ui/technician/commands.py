"""The Commands page: every 1.6 command a technician may need, each with its outcome.

TriggerMessage (or ExtendedTriggerMessage of the security extension), ClearCache, Reset,
ChangeAvailability, UnlockConnector, DataTransfer and a raw call of any action (checked
against the schema while it is typed and again before it is sent). Each outcome shows in
the banner and in the page's log; the frames themselves are in the message log like
every other frame. An accepted trigger is followed to the message the charger then
sends, shown under the Trigger button and in the log's Reply column.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.core import commands as cmd
from console.core.model import CommandOutcome
from console.core.staff import Permission
from console.services.raw_calls import check_raw_call, raw_actions
from console.ui.actions import Factory, StaffActions
from console.ui.command_words import outcome_words
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper
from console.ui.technician.charger_choice import ChargerChoice
from console.ui.technician.commands_log import CommandLogModel
from console.ui.technician.local_list_box import LocalListBox
from console.ui.technician.trigger_follow import (
    EXTENDED_ONLY,
    TRIGGER_WAIT_S,
    extended_by_default,
    find_triggered,
    newest_frame_id,
    sent_actions,
    show_extended_choice,
    triggered_text,
)

TRIGGER_MESSAGES = (
    "BootNotification",
    "DiagnosticsStatusNotification",
    "FirmwareStatusNotification",
    "Heartbeat",
    "MeterValues",
    "StatusNotification",
)
# Example payloads so a technician starts from something valid.
RAW_TEMPLATES: dict[str, str] = {
    "ChangeAvailability": '{\n  "connectorId": 1,\n  "type": "Operative"\n}',
    "ChangeConfiguration": '{\n  "key": "HeartbeatInterval",\n  "value": "300"\n}',
    "GetConfiguration": '{\n  "key": ["HeartbeatInterval"]\n}',
    "Reset": '{\n  "type": "Soft"\n}',
    "TriggerMessage": '{\n  "requestedMessage": "StatusNotification",\n  "connectorId": 1\n}',
    "UnlockConnector": '{\n  "connectorId": 1\n}',
    "DataTransfer": '{\n  "vendorId": "com.example",\n  "messageId": "Ping"\n}',
    "GetLocalListVersion": "{}",
    "ClearCache": "{}",
}


class CommandsPage(QWidget):
    """Send single commands to the chosen charger and see what became of each."""

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.staff = StaffActions(client, self, mirror)
        self.banner = self.staff.banner
        self.log_model = CommandLogModel(self)
        self.tasks = TaskKeeper(owner=self)
        self.trigger_follow: asyncio.Task[Any] | None = None  # the newest trigger followed
        self.staff.outcome.connect(self._on_outcome)
        self._connectors: list[int] = []
        self._build()
        self._on_raw_changed()
        self._on_chosen("")
        mirror.chargersChanged.connect(self._on_chargers_changed)
        when_actor_changes(client, self, self._gate_buttons)

    # ----------------------------------------------------------------- building

    def _build(self) -> None:
        self.picker = ChargerChoice(self.mirror)
        self.picker.chosen.connect(self._on_chosen)
        grid = QGridLayout()
        grid.addWidget(self._trigger_box(), 0, 0)
        grid.addWidget(self._basic_box(), 1, 0)
        grid.addWidget(self._data_transfer_box(), 2, 0)
        self.local_list = LocalListBox(self.client)
        grid.addWidget(self.local_list, 3, 0)
        grid.addWidget(self._raw_box(), 0, 1, 4, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)

        self.log_view = QTableView()
        self.log_view.setModel(self.log_model)
        self.log_view.setAlternatingRowColors(True)
        self.log_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One line a row: a reply (a triggered message's JSON) is cut at the end, whole in
        # its tooltip, rather than wrapped out of sight after its first words.
        self.log_view.setWordWrap(False)
        self.log_view.verticalHeader().hide()
        self.log_view.verticalHeader().setDefaultSectionSize(22)
        header = self.log_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # Sized to what is in them: the log starts empty.
        self.log_model.rowsInserted.connect(lambda *_: self.log_view.resizeColumnsToContents())

        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("<b>Outcomes</b> (the frames are in the message log)")))
        layout.addWidget(self.log_view, 1)

    def _trigger_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Trigger a message"))
        self.trigger_combo = QComboBox()
        self.trigger_combo.addItems(TRIGGER_MESSAGES + EXTENDED_ONLY)
        # ExtendedTriggerMessage (OCPP 1.6 security extension) instead of TriggerMessage
        self.trigger_extended = QCheckBox(self.tr("Extended"))
        self.trigger_extended.setToolTip(
            self.tr("Send ExtendedTriggerMessage (OCPP 1.6 security extension)")
        )
        self._extended_default = False  # for the chosen charger: see _on_profile
        self.trigger_combo.currentTextChanged.connect(self._on_trigger_message)
        self._on_trigger_message(self.trigger_combo.currentText())
        self.trigger_connector = QComboBox()
        self.trigger_button = QPushButton(self.tr("Trigger"))
        self.trigger_button.clicked.connect(lambda: self.staff.tasks.start(self.trigger()))
        # What the charger sent in answer: two lines of fixed height, so a long answer
        # never pushes the boxes below; the whole frame is in the tooltip.
        self.trigger_result = QLabel()
        self.trigger_result.setWordWrap(True)
        self.trigger_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trigger_result.setFixedHeight(
            2 * QFontMetrics(self.trigger_result.font()).lineSpacing() + 4
        )
        self.trigger_result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.trigger_result.setStyleSheet("color:#33404D;")
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(self.trigger_combo, 1)
        row.addWidget(QLabel(self.tr("Connector:")))
        row.addWidget(self.trigger_connector)
        row.addWidget(self.trigger_extended)
        row.addWidget(self.trigger_button)
        column.addLayout(row)
        column.addWidget(self.trigger_result)
        return box

    def _basic_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Charger and connectors"))
        self.clear_cache_button = QPushButton(self.tr("Clear cache"))
        self.clear_cache_button.setToolTip(self.tr("Empty the authorization cache"))
        self.clear_cache_button.clicked.connect(lambda: self.staff.tasks.start(self.clear_cache()))
        self.soft_reset_button = QPushButton(self.tr("Soft reset…"))
        self.soft_reset_button.clicked.connect(lambda: self.staff.tasks.start(self.reset(False)))
        self.hard_reset_button = QPushButton(self.tr("Hard reset…"))
        self.hard_reset_button.clicked.connect(lambda: self.staff.tasks.start(self.reset(True)))
        self.connector_combo = QComboBox()
        self.connector_combo.setToolTip(self.tr("Connector 0 is the charger as a whole"))
        self.operative_button = QPushButton(self.tr("Operative"))
        self.operative_button.clicked.connect(
            lambda: self.staff.tasks.start(self.change_availability(True))
        )
        self.inoperative_button = QPushButton(self.tr("Inoperative"))
        self.inoperative_button.clicked.connect(
            lambda: self.staff.tasks.start(self.change_availability(False))
        )
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.clicked.connect(lambda: self.staff.tasks.start(self.unlock()))
        grid = QGridLayout(box)
        grid.addWidget(self.clear_cache_button, 0, 0)
        grid.addWidget(self.soft_reset_button, 0, 1)
        grid.addWidget(self.hard_reset_button, 0, 2)
        grid.addWidget(QLabel(self.tr("Connector:")), 1, 0)
        grid.addWidget(self.connector_combo, 1, 1, 1, 2)
        grid.addWidget(self.operative_button, 2, 0)
        grid.addWidget(self.inoperative_button, 2, 1)
        grid.addWidget(self.unlock_button, 2, 2)
        return box

    def _data_transfer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data transfer"))
        self.vendor_edit = QLineEdit()
        self.vendor_edit.setMaxLength(255)
        self.vendor_edit.setPlaceholderText(self.tr("e.g. com.vendor"))
        self.message_id_edit = QLineEdit()
        self.message_id_edit.setMaxLength(50)
        self.message_id_edit.setPlaceholderText(self.tr("optional"))
        self.data_edit = QLineEdit()
        self.data_edit.setPlaceholderText(self.tr("optional, free text"))
        self.data_button = QPushButton(self.tr("Send"))
        self.data_button.clicked.connect(lambda: self.staff.tasks.start(self.data_transfer()))
        self.vendor_edit.textChanged.connect(lambda _text: self._update_data_button())
        self._update_data_button()
        form = QFormLayout(box)
        form.addRow(self.tr("Vendor id:"), self.vendor_edit)
        form.addRow(self.tr("Message id:"), self.message_id_edit)
        form.addRow(self.tr("Data:"), self.data_edit)
        form.addRow("", self.data_button)
        return box

    def _raw_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Raw call (any OCPP 1.6 action)"))
        self.raw_action = QComboBox()
        self.raw_action.addItems(raw_actions())
        self.raw_action.currentTextChanged.connect(self._on_raw_action)
        self.raw_edit = QPlainTextEdit()
        self.raw_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.raw_edit.setTabChangesFocus(True)
        self.raw_edit.textChanged.connect(self._on_raw_changed)
        self.raw_problem = QLabel()
        self.raw_problem.setWordWrap(True)
        self.raw_problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.raw_button = QPushButton(self.tr("Send"))
        self.raw_button.clicked.connect(lambda: self.staff.tasks.start(self.send_raw()))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Action:")))
        top.addWidget(self.raw_action, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.raw_problem, 1)
        bottom.addWidget(self.raw_button)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addWidget(self.raw_edit, 1)
        layout.addLayout(bottom)
        self.raw_action.setCurrentText("TriggerMessage")
        self._on_raw_action("TriggerMessage")
        return box

    # ----------------------------------------------------------------- public

    @property
    def charger_id(self) -> str | None:
        """The charger commands go to."""
        return self.picker.charger_id

    def show_charger(self, charger_id: str) -> None:
        """Follow the charger chosen elsewhere in the console."""
        self.picker.choose(charger_id)

    async def trigger(self) -> CommandOutcome | None:
        """TriggerMessage of the chosen type, for the chosen connector (or the charger);
        ExtendedTriggerMessage when "Extended" is ticked."""
        message = self.trigger_combo.currentText()
        connector = self.trigger_connector.currentData()
        connector_id = connector if isinstance(connector, int) else None
        extended = self.trigger_extended.isChecked()
        title = (self.tr("Extended trigger %1") if extended else self.tr("Trigger %1")).replace(
            "%1", message
        )
        if connector_id is not None:
            title += " " + self.tr("(connector %1)").replace("%1", str(connector_id))
        charger_id = self.charger_id
        if charger_id is None:
            return None
        since = await newest_frame_id(self.client.read, charger_id)
        if extended:
            actor = self.client.actor
            outcome = await self._send(
                title,
                lambda e: e.security.extended_trigger(
                    charger_id, message, connector_id, actor=actor
                ),
            )
        else:
            outcome = await self._command(title, cmd.TriggerMessage(message, connector_id))
        if outcome is None:
            return None
        if outcome.accepted:
            awaited = sent_actions(message, extended)[0]
            waiting = self.tr("Waiting for %1…").replace("%1", awaited)
            self.log_model.set_received(outcome, waiting)
            self.trigger_result.setText(f"{charger_id} — {title}: {waiting}")
            self.trigger_follow = self.tasks.start(
                lambda: self._follow_trigger(
                    charger_id, title, message, connector_id, since, outcome, extended
                ),
                self._on_follow_done,
            )
        else:
            self.trigger_result.setText(
                f"{charger_id} — {title}: {outcome_words(outcome).sentence}"
            )
        self.trigger_result.setToolTip("")
        return outcome

    async def _follow_trigger(
        self,
        charger_id: str,
        title: str,
        message: str,
        connector_id: int | None,
        since: int,
        outcome: CommandOutcome,
        extended: bool = False,
    ) -> str:
        found = await find_triggered(
            self.client.read, charger_id, message, connector_id, since, extended=extended
        )
        if found is None:
            text = (
                self.tr("No %1 came within %2 s")
                .replace("%1", sent_actions(message, extended)[0])
                .replace("%2", f"{TRIGGER_WAIT_S:.0f}")
            )
        else:
            text = triggered_text(found)
        self.log_model.set_received(outcome, text)
        if self.trigger_follow is asyncio.current_task():
            self.trigger_result.setText(f"{charger_id} — {title}: {text}")
            self.trigger_result.setToolTip("" if found is None else found.frame.payload[:4000])
        return text

    def _on_follow_done(self, task: asyncio.Task[Any]) -> None:
        if not task.cancelled() and task.exception() is not None:
            self.trigger_result.setText(
                self.tr("Could not follow the trigger: %1").replace("%1", str(task.exception()))
            )

    async def clear_cache(self) -> CommandOutcome | None:
        """ClearCache."""
        command = cmd.ClearCache()
        return await self._command(self.tr("Clear cache"), command)

    async def reset(self, hard: bool) -> CommandOutcome | None:
        """Reset; asks first when a session is running on the charger."""
        charger_id = self.charger_id
        if charger_id is None:
            return None
        if self.staff._interrupts(charger_id, 0):
            return await self.staff.reset(charger_id, hard)
        title = self.tr("Hard reset") if hard else self.tr("Soft reset")
        return await self._send(
            title, lambda e: e.commands.reset(charger_id, hard, actor=self.client.actor)
        )

    async def change_availability(self, available: bool) -> CommandOutcome | None:
        """ChangeAvailability of the chosen connector (0: the charger)."""
        charger_id = self.charger_id
        if charger_id is None:
            return None
        connector_id = int(self.connector_combo.currentData() or 0)
        return await self.staff.set_available(charger_id, connector_id, available)

    async def unlock(self) -> CommandOutcome | None:
        """UnlockConnector of the chosen connector."""
        charger_id = self.charger_id
        connector_id = int(self.connector_combo.currentData() or 0)
        if charger_id is None:
            return None
        return await self.staff.unlock(charger_id, connector_id)

    async def data_transfer(self) -> CommandOutcome | None:
        """DataTransfer with the vendor id, message id and data typed."""
        vendor = self.vendor_edit.text().strip()
        if not vendor:
            return None
        command = cmd.DataTransfer(
            vendor, self.message_id_edit.text().strip() or None, self.data_edit.text() or None
        )
        title = self.tr("Data transfer to %1").replace("%1", vendor)
        return await self._command(title, command)

    async def send_raw(self) -> CommandOutcome | None:
        """Send the raw call, if it passes the schema check (checked again in the engine)."""
        action = self.raw_action.currentText()
        text = self.raw_edit.toPlainText()
        if not self._on_raw_changed():
            return None
        title = self.tr("Raw %1").replace("%1", action)
        charger_id = self._cid()
        return await self._send(
            title, lambda e: e.raw_calls.send(charger_id, action, text, actor=self.client.actor)
        )

    # ----------------------------------------------------------------- internals

    def _cid(self) -> str:
        return self.charger_id or ""

    async def _command(self, title: str, command: cmd.Command) -> CommandOutcome | None:
        charger_id = self._cid()
        return await self._send(
            title, lambda e: e.commands.send(charger_id, command, actor=self.client.actor)
        )

    async def _send(self, title: str, factory: Factory) -> CommandOutcome | None:
        if self.charger_id is None:
            return None
        return await self.staff._send(self.charger_id, title, factory)

    def _on_trigger_message(self, message: str) -> None:
        show_extended_choice(self.trigger_extended, message, self._extended_default)

    async def _read_profile(self, charger_id: str | None) -> None:
        default = await extended_by_default(self.client, charger_id)
        if charger_id == self.charger_id:  # else another charger was chosen meanwhile
            self._extended_default = default
            self._on_trigger_message(self.trigger_combo.currentText())

    def _on_outcome(self, charger_id: str, title: str, outcome: CommandOutcome) -> None:
        self.log_model.add(charger_id, title, outcome)

    def _on_raw_action(self, action: str) -> None:
        self.raw_edit.setPlainText(RAW_TEMPLATES.get(action, "{\n}"))

    def _on_raw_changed(self) -> bool:
        check = check_raw_call(self.raw_action.currentText(), self.raw_edit.toPlainText())
        if check.ok:
            self.raw_problem.setText(self.tr("✓ Matches the schema."))
            self.raw_problem.setStyleSheet("color:#0B3D2A;")
        else:
            self.raw_problem.setText("⚠ " + (check.problem or ""))
            self.raw_problem.setStyleSheet("color:#A23B00; font-weight:600;")
        sendable = check.ok and self.charger_id is not None
        gate(self.client, self.raw_button, Permission.RAW_CALLS, sendable)
        return check.ok

    def _on_chargers_changed(self, ids: list[str], full: bool) -> None:
        if (full or self.charger_id in ids) and self.picker.connector_ids() != self._connectors:
            self._on_chosen(self._cid())

    def _on_chosen(self, _: str) -> None:
        self.local_list.show_charger(self.charger_id)
        chosen = self.charger_id
        self.tasks.launch(lambda: self._read_profile(chosen))
        connectors = self._connectors = self.picker.connector_ids()
        trigger_choice = self.trigger_connector.currentData()
        connector_choice = self.connector_combo.currentData()
        self.trigger_connector.clear()
        self.trigger_connector.addItem(self.tr("— (charger)"), None)
        self.connector_combo.clear()
        self.connector_combo.addItem(self.tr("0 (whole charger)"), 0)
        for connector_id in connectors:
            self.trigger_connector.addItem(str(connector_id), connector_id)
            self.connector_combo.addItem(str(connector_id), connector_id)
        self.trigger_connector.setCurrentIndex(
            max(0, self.trigger_connector.findData(trigger_choice))
        )
        index = self.connector_combo.findData(connector_choice)
        self.connector_combo.setCurrentIndex(index if index >= 0 else 1)
        self._gate_buttons()

    def _gate_buttons(self) -> None:
        # A charger must be chosen, and the person must be allowed to command it.
        enabled = self.charger_id is not None
        for button in (
            self.trigger_button,
            self.clear_cache_button,
            self.soft_reset_button,
            self.hard_reset_button,
            self.operative_button,
            self.inoperative_button,
            self.unlock_button,
        ):
            gate(self.client, button, Permission.CHARGER_COMMANDS, enabled)
        self._update_data_button()
        self._on_raw_changed()

    def _update_data_button(self) -> None:
        wanted = bool(self.vendor_edit.text().strip())
        gate(self.client, self.data_button, Permission.CHARGER_COMMANDS, wanted)
