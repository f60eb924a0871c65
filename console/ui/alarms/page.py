"""The Technician tab's alarm list: acknowledge alarms, print a charger's service report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.core.alarms import Alarm, AlarmKind
from console.core.staff import Permission
from console.ui.actions import open_dialog
from console.ui.alarms.feed import AlarmFeed
from console.ui.alarms.model import AlarmFilterProxy, AlarmTableModel
from console.ui.alarms.notifier import set_sound_enabled, sound_enabled
from console.ui.alarms.service_report import ServiceReportDialog
from console.ui.alarms.words import kind_label
from console.ui.engine_client import EngineClient
from console.ui.plots.tasks import TaskKeeper
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror


class AlarmsPage(QWidget):
    """Every alarm, newest first, with the tools to deal with them."""

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.charger_id: str | None = None
        self.tasks = TaskKeeper()
        self.dialog: ServiceReportDialog | None = None
        self.model = AlarmTableModel()
        self.proxy = AlarmFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AlarmTableModel.TIME, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line per alarm; the tooltip has the whole sentence
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AlarmTableModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        # Symbols may come from a fallback font that content sizing under-measures.
        header.setSectionResizeMode(AlarmTableModel.KIND, QHeaderView.ResizeMode.Fixed)
        widest = max(self.fontMetrics().horizontalAdvance(kind_label(k)) for k in AlarmKind)
        self.table.setColumnWidth(AlarmTableModel.KIND, widest + 24)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.open_only = QCheckBox(self.tr("Open only"))
        self.open_only.setToolTip(self.tr("Hide alarms that are cleared and acknowledged"))
        self.open_only.toggled.connect(self.proxy.set_open_only)
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.clicked.connect(self._on_acknowledge)
        self.acknowledge_all_button = QPushButton(self.tr("Acknowledge all"))
        self.acknowledge_all_button.clicked.connect(self._on_acknowledge_all)
        self.report_button = QPushButton(self.tr("Service report…"))
        self.report_button.setToolTip(self.tr("A printable report of the selected charger"))
        self.report_button.clicked.connect(self._on_service_report)
        self.sound = QCheckBox(self.tr("Beep on new alarms"))
        self.sound.setChecked(sound_enabled())
        self.sound.toggled.connect(set_sound_enabled)
        self.outcome = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.open_only)
        bar.addSpacing(12)
        bar.addWidget(self.acknowledge_button)
        bar.addWidget(self.acknowledge_all_button)
        bar.addSpacing(12)
        bar.addWidget(self.report_button)
        bar.addStretch(1)
        bar.addWidget(self.sound)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome)
        self.feed = AlarmFeed(client, mirror, self._on_load, self._on_alarm, self)
        self._update_buttons()
        when_actor_changes(client, self, self._update_buttons)

    # ------------------------------------------------------------------ state

    def show_charger(self, charger_id: str) -> None:
        """Remember the charger chosen elsewhere (the service report starts with it)."""
        self.charger_id = charger_id

    def selected_alarms(self) -> list[Alarm]:
        """The alarms of the selected rows."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [a for a in (self.model.alarm_at(r) for r in sorted(rows)) if a is not None]

    def _on_load(self, alarms: list[Alarm]) -> None:
        # The buttons follow the first read too, not only the alarms that come after it.
        self.model.set_alarms(alarms)
        self._update_buttons()

    def _on_alarm(self, alarm: Alarm, _new: bool) -> None:
        self.model.upsert(alarm)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected_alarms()
        open_selected = any(not a.acknowledged for a in selected)
        open_any = any(not a.acknowledged for a in self.model.alarms)
        gate(self.client, self.acknowledge_button, Permission.ALARMS, open_selected)
        gate(self.client, self.acknowledge_all_button, Permission.ALARMS, open_any)

    # ------------------------------------------------------------------ actions

    def _on_acknowledge(self) -> None:
        ids = [a.id for a in self.selected_alarms() if not a.acknowledged]
        self.tasks.launch(lambda: self.acknowledge(ids))

    def _on_acknowledge_all(self) -> None:
        self.tasks.launch(self.acknowledge_all)

    async def acknowledge(self, alarm_ids: list[int]) -> list[Alarm]:
        """Acknowledge these alarms in the name of the person logged in."""
        actor = self.client.actor
        done: list[Alarm] = []
        for alarm_id in alarm_ids:
            try:
                alarm = await self.client.call(
                    lambda engine, i=alarm_id: engine.alarms.acknowledge(i, actor=actor)  # type: ignore[misc]
                )
            except Exception as error:  # refused (no permission) or failed: shown
                self._failed(error)
                return done
            if alarm is not None:
                self.model.upsert(alarm)
                done.append(alarm)
        self._said(done)
        return done

    async def acknowledge_all(self) -> list[Alarm]:
        """Acknowledge every alarm nobody acknowledged yet."""
        actor = self.client.actor
        try:
            done = await self.client.call(lambda engine: engine.alarms.acknowledge_all(actor=actor))
        except Exception as error:  # refused (no permission) or failed: shown
            self._failed(error)
            return []
        for alarm in done:
            self.model.upsert(alarm)
        self._said(done)
        return done

    def _failed(self, error: Exception) -> None:
        self.outcome.setText(
            self.tr("⚠ Alarms could not be acknowledged: %1").replace("%1", str(error))
        )

    def _said(self, done: list[Alarm]) -> None:
        self.outcome.setText(self.tr("✔ %n alarm(s) acknowledged", "", len(done)))
        self._update_buttons()

    def _on_service_report(self) -> None:
        selected = self.selected_alarms()
        charger_id = selected[0].charger_id if selected else self.charger_id
        self.tasks.launch(lambda: self.open_service_report(charger_id))

    def service_report_dialog(self, charger_id: str | None) -> ServiceReportDialog:
        """Create the service report dialog for a charger (not yet shown)."""
        self.dialog = ServiceReportDialog(self.client, self.mirror, charger_id, self)
        return self.dialog

    async def open_service_report(self, charger_id: str | None) -> None:
        """Show the service report dialog until it is closed."""
        dialog = self.service_report_dialog(charger_id)
        await open_dialog(dialog)
        self.dialog = None
