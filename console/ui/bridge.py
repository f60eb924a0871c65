"""Carries engine events to the GUI thread, coalesced, a few times a second.

On the engine loop the bridge notes which chargers changed and keeps the events that
matter one by one (sessions, refusals, notices). Every ``interval`` it hands the GUI
thread copies of the changed chargers and those events in one queued Qt signal, so 200
chargers sending MeterValues every second cost the GUI a handful of updates a second,
not hundreds.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from console.core import events as ev
from console.core.site import ChargerState
from console.services.attached_engine import AttachedEngine, ChargerRefreshed
from console.services.attached_thread import AttachedThread
from console.services.engine import CentralSystem
from console.services.engine_thread import EngineThread

DEFAULT_INTERVAL = 0.25
FULL_REFRESH_EVERY = 20  # ticks: picks up last-seen times, which publish no event


@dataclass(slots=True)
class SiteUpdate:
    """What changed since the previous update."""

    chargers: dict[str, ChargerState] = field(default_factory=dict)
    events: list[ev.Event] = field(default_factory=list)
    site_power_w: float = 0.0
    online: int = 0
    full: bool = False  # True: ``chargers`` holds every charger of the site
    created_at: float = 0.0  # unix time the engine took this copy (to measure freshness)


class EngineBridge(QObject):
    """Lives in the GUI thread; its pump runs on the engine loop."""

    updated = Signal(object)  # SiteUpdate

    def __init__(self, interval: float = DEFAULT_INTERVAL) -> None:
        super().__init__()
        self.interval = interval
        self._dirty: set[str] = set()
        self._events: list[ev.Event] = []
        self._task: asyncio.Task[None] | None = None
        self._unsubscribe: object = None

    def attach(self, thread: EngineThread | AttachedThread) -> None:
        """Start pumping from the engine (call once, from the GUI thread)."""
        thread.call_soon(lambda: self._start(thread.engine))

    def detach(self, thread: EngineThread | AttachedThread) -> None:
        """Stop pumping (before the engine stops)."""
        if thread.loop.is_running():
            thread.submit(lambda _engine: self._stop()).result(timeout=5)

    def _start(self, engine: CentralSystem | AttachedEngine) -> None:
        self._unsubscribe = engine.bus.subscribe(self._on_event)
        self._task = asyncio.get_running_loop().create_task(self._pump(engine))

    async def _stop(self) -> None:
        if callable(self._unsubscribe):
            self._unsubscribe()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def _on_event(self, event: ev.Event) -> None:
        charger_id = getattr(event, "charger_id", None)
        if charger_id is None and isinstance(event, ev.SessionStarted | ev.SessionStopped):
            charger_id = event.session.charger_id
        if charger_id is not None:
            self._dirty.add(charger_id)
        # Readings and statuses are carried by the charger copies; the rest one by one.
        if not isinstance(event, ev.MeterSampled | ev.ChargerStatusChanged | ChargerRefreshed):
            self._events.append(event)

    async def _pump(self, engine: CentralSystem | AttachedEngine) -> None:
        tick = 0
        while True:
            full = tick % FULL_REFRESH_EVERY == 0
            tick += 1
            if full or self._dirty or self._events:
                ids = list(engine.site.chargers) if full else list(self._dirty)
                update = SiteUpdate(
                    chargers={i: engine.site.charger(i).snapshot() for i in ids},
                    events=self._events,
                    site_power_w=engine.site.power_w,
                    online=engine.site.online_count,
                    full=full,
                    created_at=time.time(),
                )
                self._dirty = set()
                self._events = []
                self.updated.emit(update)  # queued: delivered on the GUI thread
            await asyncio.sleep(self.interval)
