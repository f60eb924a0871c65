"""Keeps a widget's view of the alarms current: a first read, then the bridge's events."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from console.core.alarms import Alarm
from console.core.events import AlarmChanged, AlarmRaised
from console.ui.engine_client import EngineClient
from console.ui.plots.tasks import TaskKeeper
from console.ui.site_mirror import SiteMirror

RETRY_MS = 500  # until the GUI loop runs and the first read succeeds


class AlarmFeed(QObject):
    """Calls ``on_load`` with the stored alarms once, then ``on_alarm`` for each change.

    Events that arrive while the first read runs are applied after it, so none is lost.
    """

    def __init__(
        self,
        client: EngineClient,
        mirror: SiteMirror,
        on_load: Callable[[list[Alarm]], None],
        on_alarm: Callable[[Alarm, bool], None],  # (alarm, newly raised)
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self._on_load = on_load
        self._on_alarm = on_alarm
        self.loaded = False
        self._loading = False
        self._early: list[tuple[Alarm, bool]] = []
        self.tasks = TaskKeeper()
        mirror.eventsArrived.connect(self._on_events)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.reload)
        self._timer.start(0)

    def reload(self) -> None:
        """Read the stored alarms again (in a worker thread)."""
        if self._loading:
            return
        if not self.tasks.launch(self._load, self._on_done):
            self._timer.start(RETRY_MS)
            return
        self._loading = True

    async def _load(self) -> None:
        alarms = await self.client.read(lambda q: q.alarms(limit=1000))
        self._on_load(alarms)
        self.loaded = True
        early, self._early = self._early, []
        for alarm, new in early:
            self._on_alarm(alarm, new)

    def _on_done(self, task: object) -> None:
        self._loading = False
        if not self.loaded:
            self._timer.start(RETRY_MS)

    def _on_events(self, events: list[object]) -> None:
        for event in events:
            if isinstance(event, AlarmRaised | AlarmChanged):
                item = (event.alarm, isinstance(event, AlarmRaised))
                if self.loaded:
                    self._on_alarm(*item)
                else:
                    self._early.append(item)
