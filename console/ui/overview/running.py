"""What the overview knows of running sessions beyond the mirror: when each started and
what it has cost so far.

Start times come with SessionStarted events; sessions already running when the console
opened are read once from the database (one query for all of them, when a transaction
id shows up whose start is not known). Costs so far are polled from the engine while
the overview is shown, with the same poller the charger detail uses.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from console.core import events as ev
from console.core.model import Session
from console.core.money import CostBreakdown
from console.ui.billing.live_cost import CostPoller
from console.ui.engine_client import EngineClient
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper

log = logging.getLogger(__name__)

# Costs change slowly; a site of 100+ running sessions must not keep the engine busy.
COST_POLL_MS = 10_000
RETRY_MS = 250


class RunningSessions(QObject):
    """Start times and costs so far of the running sessions, by transaction id."""

    changed = Signal()  # start times or costs changed: repaint duration and cost

    def __init__(self, mirror: SiteMirror, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mirror = mirror
        self.started: dict[int, datetime] = {}
        self.sessions: dict[int, Session] = {}
        self.poller: CostPoller | None = None
        self._client: EngineClient | None = None
        self._view: QWidget | None = None
        self._asked: set[int] = set()  # ids a read was made for: not asked again
        self._reading = False
        self._tasks = TaskKeeper()
        self.reads = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._read_missing)
        mirror.eventsArrived.connect(self._on_events)
        mirror.chargersChanged.connect(self._on_chargers_changed)

    @property
    def costs(self) -> dict[int, CostBreakdown | None]:
        """Costs so far by transaction id (None: no tariff applies)."""
        return self.poller.costs if self.poller is not None else {}

    def use(self, client: EngineClient, view: QWidget) -> None:
        """Read start times and poll costs through ``client`` while ``view`` is shown."""
        if self._client is not None:
            return
        self._client = client
        self._view = view
        self.mirror.holders.use(client.read)
        self.poller = CostPoller(client, self._polled_ids, self, COST_POLL_MS)
        self.poller.costsChanged.connect(self._on_costs)
        self._read_missing()

    def start_of(self, transaction_id: int | None) -> datetime | None:
        """When a running session started, if known."""
        return None if transaction_id is None else self.started.get(transaction_id)

    def cost_of(self, transaction_id: int | None) -> CostBreakdown | None:
        """A running session's cost so far, if polled yet."""
        return None if transaction_id is None else self.costs.get(transaction_id)

    # --- feeding ----------------------------------------------------------------------

    def running_ids(self) -> set[int]:
        """The transaction ids the mirror shows running now."""
        return {
            connector.transaction_id
            for charger in self.mirror.chargers.values()
            for connector in charger.connectors.values()
            if connector.transaction_id is not None
        }

    def _polled_ids(self) -> set[int]:
        view = self._view
        if view is None or not view.isVisible():
            return set()
        return self.running_ids()

    def _on_events(self, events: list[Any]) -> None:
        changed = False
        for event in events:
            if isinstance(event, ev.SessionStarted):
                self.sessions[event.session.id] = event.session
                self.started[event.session.id] = event.session.started_at
                changed = True
            elif isinstance(event, ev.SessionStopped):
                self.sessions.pop(event.session.id, None)
                self.started.pop(event.session.id, None)
                changed = True
        if changed:
            self.changed.emit()

    def _on_chargers_changed(self, _ids: list[str], _full: bool) -> None:
        running = self.running_ids()
        for session_id in [sid for sid in self.started if sid not in running]:
            # Ended while the event was coalesced away, or before a restart.
            self.started.pop(session_id, None)
            self.sessions.pop(session_id, None)
        self._asked &= running  # bounded by the sessions running now
        if running - set(self.started) - self._asked:
            # After this update's events: a SessionStarted among them needs no read.
            QTimer.singleShot(0, self, self._read_missing)
        if self.poller is not None and running - set(self.poller.costs):
            self.poller.poll()  # a session just started gets its cost at once

    def _read_missing(self) -> None:
        if self._client is None or self._reading:
            return
        missing = self.running_ids() - set(self.started) - self._asked
        if not missing:
            return
        if not self._tasks.launch(self._read, self._on_read_done):
            self._retry.start()
            return
        self._reading = True
        self._asked |= missing

    async def _read(self) -> None:
        assert self._client is not None
        try:
            sessions: list[Session] = await self._client.read(lambda q: q.running_sessions())
        except Exception:  # the duration is a courtesy: it stays empty
            log.warning("could not read the running sessions", exc_info=True)
            return
        self.reads += 1
        running = self.running_ids()
        for session in sessions:
            if session.id in running:
                self.sessions[session.id] = session
                self.started.setdefault(session.id, session.started_at)
        self.mirror.holders.want(session.id_tag for session in sessions)
        self.changed.emit()

    def _on_read_done(self, _task: asyncio.Task[Any]) -> None:
        self._reading = False
        if self.running_ids() - set(self.started) - self._asked:
            self._retry.start()

    def _on_costs(self, _costs: dict[int, CostBreakdown | None]) -> None:
        self.changed.emit()
