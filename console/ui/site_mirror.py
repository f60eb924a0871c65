"""The GUI thread's copy of the site, fed by the bridge, with live power ring buffers."""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QObject, Signal

from console.core.enums import Approval
from console.core.events import CardsChanged
from console.core.site import ChargerState
from console.ui.bridge import SiteUpdate
from console.ui.people_names import HolderDirectory

# Live buffers hold the last 15 minutes at the bridge's rate; longer ranges are read
# from the stored samples.
LIVE_SECONDS = 15 * 60
_MAX_POINTS = LIVE_SECONDS * 5

ConnectorKey = tuple[str, int]


class PowerBuffer:
    """Ring buffer of (unix time, watts)."""

    def __init__(self) -> None:
        self.times: deque[float] = deque(maxlen=_MAX_POINTS)
        self.watts: deque[float] = deque(maxlen=_MAX_POINTS)

    def append(self, at: float, watts: float) -> None:
        """Add a point; points older than the live window fall out."""
        self.times.append(at)
        self.watts.append(watts)
        # Trim by age, not only by count: updates come about once a second per charger,
        # far below the count cap, and the buffer would otherwise grow for an hour.
        horizon = at - LIVE_SECONDS
        while self.times[0] < horizon:
            self.times.popleft()
            self.watts.popleft()


class SiteMirror(QObject):
    """What the GUI knows of the site. Only the bridge writes to it."""

    chargersChanged = Signal(list, bool)  # charger ids, full refresh
    eventsArrived = Signal(list)  # events one by one (sessions, refusals…)
    powerChanged = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.chargers: dict[str, ChargerState] = {}
        self.site_power = PowerBuffer()
        self.connector_power: dict[ConnectorKey, PowerBuffer] = {}
        self.site_power_w = 0.0
        self.online = 0
        self.last_update = 0.0  # unix time of the newest update, to show freshness
        # Seconds each update spent crossing from the engine to the GUI thread.
        self.delivery_lag_s: deque[float] = deque(maxlen=10_000)
        # Who stands behind each card id, shared by every view (see people_names).
        self.holders = HolderDirectory(self)

    def apply(self, update: SiteUpdate) -> None:
        """Take an update from the bridge and tell the views."""
        now = time.time()
        self.last_update = now
        if update.created_at:
            self.delivery_lag_s.append(now - update.created_at)
        if update.full:
            self.chargers = dict(update.chargers)
        else:
            self.chargers.update(update.chargers)
        self.site_power_w = update.site_power_w
        self.online = update.online
        self.site_power.append(now, update.site_power_w)
        for charger in update.chargers.values():
            for connector in charger.connectors.values():
                if connector.connector_id == 0:
                    continue
                key = (charger.charger_id, connector.connector_id)
                buffer = self.connector_power.get(key)
                if buffer is None:
                    buffer = self.connector_power[key] = PowerBuffer()
                buffer.append(now, connector.power_w or 0.0)
        if update.chargers or update.full:
            self.chargersChanged.emit(list(update.chargers), update.full)
        if update.events:
            for event in update.events:
                if isinstance(event, CardsChanged):
                    self.holders.forget(event.id_tags)
            self.eventsArrived.emit(update.events)
        self.powerChanged.emit()

    def pending_approval(self) -> list[str]:
        """Chargers waiting for a person to accept them."""
        return sorted(
            charger_id
            for charger_id, state in self.chargers.items()
            if state.approval is Approval.PENDING and state.online
        )
