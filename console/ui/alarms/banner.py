"""The alarm banner above the main window's tabs: the newest alarm nobody acknowledged."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

from console.core.alarms import Alarm
from console.ui.alarms.feed import AlarmFeed
from console.ui.alarms.notifier import AlarmNotifier
from console.ui.alarms.words import alarm_headline, staff_name
from console.ui.engine_client import EngineClient
from console.ui.plots.tasks import TaskKeeper
from console.ui.site_mirror import SiteMirror


class AlarmBanner(QFrame):
    """'✖ Fault · CP-1 / 2: … (3 alarms) [Show] [Acknowledge]'; hidden when all are seen.

    ``showRequested`` asks the window to show the alarm list.
    """

    showRequested = Signal()

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.setObjectName("AlarmBanner")
        self.setStyleSheet(
            "#AlarmBanner { background:#FBE3D6; border:2px solid #D55E00; }"
            " #AlarmBanner QLabel { color:#5A1E00; }"
        )
        self.pending: dict[int, Alarm] = {}  # unacknowledged alarms by id
        self.tasks = TaskKeeper()
        self.notifier = AlarmNotifier(self)
        self.text = QLabel()
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        self.count = QLabel()
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.showRequested)
        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.setToolTip(self.tr("Mark this alarm as seen"))
        self.acknowledge_button.clicked.connect(self._on_acknowledge)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.show_button)
        layout.addWidget(self.acknowledge_button)
        self.feed = AlarmFeed(client, mirror, self._on_load, self._on_alarm, self)
        self._refresh()

    def newest(self) -> Alarm | None:
        """The newest alarm nobody acknowledged, or None."""
        if not self.pending:
            return None
        return max(self.pending.values(), key=lambda a: (a.raised_at, a.id))

    def _on_load(self, alarms: list[Alarm]) -> None:
        self.pending = {a.id: a for a in alarms if not a.acknowledged}
        self._refresh()

    def _on_alarm(self, alarm: Alarm, new: bool) -> None:
        if alarm.acknowledged:
            self.pending.pop(alarm.id, None)
        else:
            self.pending[alarm.id] = alarm
        if new:
            self.notifier.notify(alarm)
        self._refresh()

    def _refresh(self) -> None:
        alarm = self.newest()
        self.setVisible(alarm is not None)
        if alarm is None:
            return
        self.text.setText(alarm_headline(alarm))
        self.text.setToolTip(alarm.message)
        more = len(self.pending)
        self.count.setText(self.tr("%n unacknowledged alarm(s)", "", more))

    def _on_acknowledge(self) -> None:
        alarm = self.newest()
        if alarm is not None:
            self.tasks.launch(lambda: self.acknowledge(alarm.id))

    async def acknowledge(self, alarm_id: int) -> Alarm | None:
        """Acknowledge an alarm in the name of the person at the desk."""
        who = staff_name()
        alarm = await self.client.call(lambda engine: engine.alarms.acknowledge(alarm_id, who))
        if alarm is not None:
            self.pending.pop(alarm.id, None)
            self._refresh()
        return alarm


def show_alarms_page(tabs: QTabWidget, technician: QWidget) -> None:
    """Bring the Technician tab's alarm list to the front."""
    from console.ui.alarms.page import AlarmsPage

    pages = getattr(technician, "pages", None)
    if not isinstance(pages, QTabWidget):
        return
    for index in range(pages.count()):
        if isinstance(pages.widget(index), AlarmsPage):
            pages.setCurrentIndex(index)
            tabs.setCurrentWidget(technician)
            return
