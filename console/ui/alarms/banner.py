"""The alarm banner above the main window's tabs: the newest alarm nobody acknowledged."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QTabWidget, QToolButton, QWidget

from console.core.alarms import Alarm
from console.core.staff import Permission
from console.ui.alarms.feed import AlarmFeed
from console.ui.alarms.notifier import AlarmNotifier
from console.ui.alarms.words import alarm_headline
from console.ui.engine_client import EngineClient
from console.ui.message_bar import ElidedLabel
from console.ui.plots.tasks import TaskKeeper
from console.ui.site_mirror import SiteMirror
from console.ui.staff.roles import allow


class AlarmBanner(QFrame):
    """'✖ Fault · CP-1 / 2: … (3 alarms) [Show] [Acknowledge]'; hidden when all are seen.

    It lives in the free space of the tab row (the window makes it the tabs' corner
    widget), so an alarm coming or going moves nothing on any page. The text ends in "…"
    when the row is short of room; the tooltip has the whole alarm.
    ``showRequested`` asks the window to show the alarm list.
    """

    ROW_MARGIN = 24  # kept free between the last tab and the banner

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
        self.text = ElidedLabel()
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        self.count = ElidedLabel()  # gives way to the alarm's text when the row is short
        # Tool buttons: they fit the height of the tab row.
        self.show_button = QToolButton()
        self.show_button.setText(self.tr("Show"))
        self.show_button.setToolTip(self.tr("Open the alarm list"))
        self.show_button.clicked.connect(self.showRequested)
        self.acknowledge_button = QToolButton()
        self.acknowledge_button.setText(self.tr("Acknowledge"))
        self.acknowledge_button.setToolTip(self.tr("Mark this alarm as seen"))
        self.acknowledge_button.clicked.connect(self._on_acknowledge)
        allow(client, self.acknowledge_button, Permission.ALARMS)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 2, 0)
        layout.setSpacing(6)
        layout.addWidget(self.text, 4)
        layout.addWidget(self.count, 1)
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
        self.text.setToolTip(alarm_headline(alarm))  # the whole sentence where "…" cuts it
        more = len(self.pending)
        self.count.setText(self.tr("%n unacknowledged alarm(s)", "", more))
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # Qt override
        """The whole alarm's width, but no more than the tab row has free."""
        hint = super().sizeHint()
        wanted = hint.width() + self.text.natural_width() + self.count.natural_width()
        tabs = self.parentWidget()
        if isinstance(tabs, QTabWidget):
            free = tabs.width() - tabs.tabBar().sizeHint().width() - self.ROW_MARGIN
            wanted = min(wanted, max(free, self.minimumSizeHint().width()))
        return QSize(wanted, hint.height())

    def _on_acknowledge(self) -> None:
        alarm = self.newest()
        if alarm is not None:
            self.tasks.launch(lambda: self.acknowledge(alarm.id))

    async def acknowledge(self, alarm_id: int) -> Alarm | None:
        """Acknowledge an alarm in the name of the person at the desk."""
        actor = self.client.actor
        try:
            alarm = await self.client.call(
                lambda engine: engine.alarms.acknowledge(alarm_id, actor=actor)
            )
        except Exception as error:  # refused (no permission) or failed: said in the banner
            self.count.setText(self.tr("⚠ Not acknowledged: %1").replace("%1", str(error)))
            return None
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
