"""The charger detail view: one charger, everything a technician needs to look at it.

Live facts (connection, statuses, power, the running sessions' progress) come from the
mirror; history (status changes, messages, session start times) is read from the
database in a worker thread, on events for this charger and every few seconds while the
view is visible. Staff commands go through ``StaffActions``, whose banner shows each
command's outcome.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Callable, Coroutine
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core import events as ev
from console.core.model import Session
from console.core.staff import Permission
from console.ui.actions import StaffActions
from console.ui.billing.live_cost import DetailCosts
from console.ui.detail.layout import DetailBody
from console.ui.detail.models import frame_rows
from console.ui.detail.panels import ConnectorCard
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper
from console.ui.technician.charger_choice import shared_selection

log = logging.getLogger(__name__)
_DIGITS = re.compile(r"(\d+)")

FRAMES_LIMIT = 200
FRAMES_EVERY_MS = 3000  # the message log is re-read this often while the view is shown
EVENT_DELAY_MS = 400  # an event re-reads the log after this pause, gathering a burst


class ChargerDetailView(QWidget):
    """Everything about one charger: who it is, its connectors, power, sessions, messages."""

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.charger_id: str | None = None
        self.staff = StaffActions(client, self, mirror)
        self.sessions: dict[int, Session] = {}
        self._statuses: tuple[object, ...] = ()
        self._asked_sessions: set[int] = set()
        self._reads: set[str] = set()  # kinds of read under way
        self.tasks = TaskKeeper(owner=self)
        self._deferred: set[str] = set()  # reads asked for before the loop ran
        self._again: set[str] = set()
        self._build()
        self.costs = DetailCosts(self)  # running sessions' cost so far in the cards
        mirror.chargersChanged.connect(self._on_chargers_changed)
        mirror.eventsArrived.connect(self._on_events)
        # One charger choice for the console: the technician's pages show this charger
        # too, and one chosen there is shown here.
        self.selection = shared_selection(mirror)
        self.selection.chosen.connect(self.show_charger)
        self._frames_timer = QTimer(self)
        self._frames_timer.setInterval(FRAMES_EVERY_MS)
        self._frames_timer.timeout.connect(self._on_frames_due)
        self._frames_timer.start()
        self._event_timer = QTimer(self)
        self._event_timer.setSingleShot(True)
        self._event_timer.setInterval(EVENT_DELAY_MS)
        self._event_timer.timeout.connect(lambda: self._request("frames"))
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock)
        self._clock.start()
        self._sync_picker()
        self._show_state()
        when_actor_changes(client, self, self._show_state)

    # ----------------------------------------------------------------- building

    def _build(self) -> None:
        self.picker = QComboBox()
        self.picker.setMinimumWidth(180)
        self.picker.setToolTip(self.tr("Charger shown"))
        self.picker.setPlaceholderText(self.tr("Choose a charger…"))
        self.picker.activated.connect(self._on_picker_activated)
        self.title = QLabel()
        self.title.setStyleSheet("font-size:15pt; font-weight:600;")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color:#5A6570;")
        self.soft_reset_button = QPushButton(self.tr("Soft reset…"))
        self.hard_reset_button = QPushButton(self.tr("Hard reset…"))
        self.soft_reset_button.setToolTip(self.tr("Restart the charger; sessions end first"))
        self.hard_reset_button.setToolTip(self.tr("Restart the charger at once"))
        self.soft_reset_button.clicked.connect(
            lambda: self._act(lambda c: self.staff.reset(c, False))
        )
        self.hard_reset_button.clicked.connect(
            lambda: self._act(lambda c: self.staff.reset(c, True))
        )
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("Charger:")))
        header.addWidget(self.picker)
        header.addSpacing(16)
        header.addWidget(self.title)
        header.addSpacing(8)
        header.addWidget(self.subtitle, 1)
        header.addWidget(self.soft_reset_button)
        header.addWidget(self.hard_reset_button)

        self.body = DetailBody(self.client, self.mirror, self)
        self.boot_panel = self.body.boot_panel
        self.plot = self.body.plot
        self.messages_model = self.body.messages_model
        self.history_model = self.body.history_model
        self.empty_label = QLabel(
            self.tr("Choose a charger above, or double-click one in the Overview.")
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color:#5A6570; font-size:12pt;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self.staff.banner)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.body, 1)

    @property
    def cards(self) -> dict[int, ConnectorCard]:
        """The connector cards shown, by connector id."""
        return self.body.cards

    # ----------------------------------------------------------------- public

    def show_charger(self, charger_id: str) -> None:
        """Show one charger (it need not be known yet: it fills in when it connects)."""
        if charger_id == self.charger_id:
            return
        self.charger_id = charger_id
        self.sessions = {}
        self._statuses = ()
        self._asked_sessions = set()
        self.messages_model.set_rows([])
        self.history_model.set_rows([])
        self.body.clear_cards()
        self.plot.set_charger(charger_id)
        self._sync_picker()
        self._show_state()
        for kind in ("frames", "history", "sessions"):
            self._request(kind)
        self.selection.choose(charger_id)

    # ----------------------------------------------------------------- live state

    def _on_chargers_changed(self, ids: list[str], full: bool) -> None:
        if full or any(i not in self._picker_ids for i in ids):
            self._sync_picker()
        if self.charger_id is not None and (full or self.charger_id in ids):
            self._show_state()

    def _gate_card(self, card: ConnectorCard) -> None:
        # The card enabled its buttons by the connector's state; the person's roles too.
        for button, permission in (
            (card.start_button, Permission.SESSIONS),
            (card.visitor_button, Permission.VISITORS),
            (card.stop_button, Permission.SESSIONS),
            (card.unlock_button, Permission.CHARGER_COMMANDS),
            (card.availability_button, Permission.CHARGER_COMMANDS),
        ):
            gate(self.client, button, permission, button.isEnabled())

    def _show_state(self) -> None:
        charger_id = self.charger_id
        self.empty_label.setVisible(charger_id is None)
        self.body.setVisible(charger_id is not None)
        state = self.mirror.chargers.get(charger_id) if charger_id is not None else None
        online = bool(state and state.online)
        for button in (self.soft_reset_button, self.hard_reset_button):
            button.setVisible(charger_id is not None)
            gate(self.client, button, Permission.CHARGER_COMMANDS, online)
        if charger_id is None:
            self.title.setText("")
            self.subtitle.setText("")
            return
        self.title.setText(charger_id)
        boot = state.boot if state else None
        self.subtitle.setText(f"{boot.vendor} · {boot.model}" if boot else "")
        self.boot_panel.update_charger(state)
        if state is None:
            return
        for connector_id, connector in sorted(state.connectors.items()):
            if connector_id == 0:
                continue
            card = self.body.card(connector_id, self._wire_card)
            tid = connector.transaction_id
            card.update_connector(connector, online, self.sessions.get(tid) if tid else None)
            self._gate_card(card)
            if tid is not None and tid not in self.sessions and tid not in self._asked_sessions:
                self._asked_sessions.add(tid)
                self._request("sessions")
        statuses = tuple(
            (c.connector_id, c.status, c.error_code, c.status_at) for c in state.connectors.values()
        )
        if statuses != self._statuses:
            self._statuses = statuses
            self._request("history")

    def _on_events(self, events: list[object]) -> None:
        if self.charger_id is None:
            return
        mine = False
        for event in events:
            charger_id = getattr(event, "charger_id", None)
            if isinstance(event, ev.SessionStarted | ev.SessionStopped | ev.SessionFlagsChanged):
                charger_id = event.session.charger_id
                if charger_id == self.charger_id:
                    self._request("sessions")
            mine = mine or charger_id == self.charger_id
        if mine and self.isVisible():
            self._event_timer.start()

    def _on_frames_due(self) -> None:
        if self.charger_id is not None and self.isVisible():
            self._request("frames")

    def _on_clock(self) -> None:
        for kind in sorted(self._deferred):
            self._request(kind)
        if self.isVisible():
            for card in self.cards.values():
                card.tick()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Catch up at once when the tab is opened."""
        super().showEvent(event)
        if self.charger_id is not None:
            self._request("frames")

    # ----------------------------------------------------------------- picker

    def _sync_picker(self) -> None:
        ids = list(self.mirror.chargers)
        if self.charger_id is not None and self.charger_id not in self.mirror.chargers:
            ids.append(self.charger_id)
        ids.sort(key=_natural)  # CP-2 before CP-10, as people count
        self._picker_ids = set(ids)
        if [self.picker.itemText(i) for i in range(self.picker.count())] != ids:
            self.picker.blockSignals(True)
            self.picker.clear()
            self.picker.addItems(ids)
            self.picker.blockSignals(False)
        self.picker.setCurrentIndex(ids.index(self.charger_id) if self.charger_id in ids else -1)

    def _on_picker_activated(self, index: int) -> None:
        if index >= 0:
            self.show_charger(self.picker.itemText(index))

    # ----------------------------------------------------------------- reads

    def _request(self, kind: str) -> None:
        """Read ``frames``, ``history`` or ``sessions`` in the worker; one at a time each."""
        if self.charger_id is None:
            return
        if kind in self._reads:
            self._again.add(kind)
            return
        charger_id = self.charger_id
        if self.tasks.launch(
            lambda: self._read(kind, charger_id), functools.partial(self._on_read_done, kind)
        ):
            self._reads.add(kind)
            self._deferred.discard(kind)
        else:  # no asyncio loop yet (start-up): the clock's next tick asks again
            self._deferred.add(kind)

    def _on_read_done(self, kind: str, task: asyncio.Task[None]) -> None:
        self._reads.discard(kind)
        if task.cancelled() or not shiboken6.isValid(self):
            return
        error = task.exception()
        if error is not None:
            log.error("reading the %s of %s failed", kind, self.charger_id, exc_info=error)
            self.staff.banner.show_error(
                self.tr("Could not read the charger's history: %1").replace("%1", str(error))
            )
        if kind in self._again:
            self._again.discard(kind)
            self._request(kind)

    async def _read(self, kind: str, charger_id: str) -> None:
        if kind == "frames":
            frames = await self.client.read(
                lambda q: frame_rows(q.recent_frames(charger_id, FRAMES_LIMIT))
            )
            if charger_id == self.charger_id:
                self.messages_model.set_rows(frames)
        elif kind == "history":
            changes = await self.client.read(lambda q: q.status_history(charger_id))
            if charger_id == self.charger_id:
                self.history_model.set_rows(changes)
        else:
            found = await self.client.read(lambda q: q.sessions(limit=50, charger_id=charger_id))
            if charger_id == self.charger_id:
                self.sessions = {s.id: s for s in found if s.running}
                self._show_state()

    # ----------------------------------------------------------------- actions

    def _act(self, make: Callable[[str], Coroutine[Any, Any, Any] | None]) -> None:
        """Run ``make(charger id)`` as a staff action on the charger shown (nothing when
        none is shown or ``make`` has nothing to do)."""
        if self.charger_id is not None:
            coroutine = make(self.charger_id)
            if coroutine is not None:
                self.staff.tasks.start(coroutine)

    def _wire_card(self, card: ConnectorCard) -> None:
        """Connect a new card's buttons to the staff actions."""
        connector_id = card.connector_id
        card.start_button.clicked.connect(
            lambda: self._act(lambda c: self.staff.start_session(c, connector_id))
        )
        card.visitor_button.clicked.connect(
            lambda: self._act(lambda c: self.staff.start_visitor(c, connector_id))
        )
        card.stop_button.clicked.connect(lambda: self._act(lambda c: self._stop(c, card)))
        card.unlock_button.clicked.connect(
            lambda: self._act(lambda c: self.staff.unlock(c, connector_id))
        )
        card.availability_button.clicked.connect(
            lambda: self._act(
                lambda c: self.staff.set_available(c, connector_id, card.makes_available)
            )
        )

    def _stop(self, charger_id: str, card: ConnectorCard) -> Coroutine[Any, Any, Any] | None:
        tid = card.state.transaction_id
        if tid is None:
            return None
        return self.staff.stop_session(charger_id, card.connector_id, tid)


def _natural(text: str) -> list[object]:
    return [int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(text)]
