"""The Connections page: who tried to connect and why they were refused, where chargers
should connect to, and one charger's connection history and clock drift.

Attempts and history are read from the database in a worker thread when the page is
shown and shortly after a connection event arrives through the bridge (a burst of
events costs one read). The port check runs in worker threads too.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from console.core import events as ev
from console.core.staff import Permission
from console.services.connections import (
    ClockDrift,
    ConnectionAttempt,
    check_urls,
    interface_urls,
)
from console.ui.actions import OutcomeBanner
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper
from console.ui.technician import connection_words as words
from console.ui.technician.charger_choice import ChargerChoice
from console.ui.technician.connection_actions import UNLOCKABLE, ConnectionActions
from console.ui.technician.connection_dialogs import ChargerCredentialsDialog
from console.ui.technician.connection_models import (
    ATTEMPT_ROLE,
    AttemptsFilterProxy,
    AttemptsTableModel,
    HistoryTableModel,
    InterfacesTableModel,
)

log = logging.getLogger(__name__)

EVENT_DELAY_MS = 300  # gathers a burst of connection events into one read
ATTEMPTS_LIMIT = 500
DRIFT_OK_S = 5.0  # within this a clock is in step
DRIFT_WARN_S = 60.0  # beyond this timestamps in sessions and logs mislead
_CONNECTION_EVENTS = (
    ev.ConnectionRefused,
    ev.ChargerConnected,
    ev.ChargerDisconnected,
    ev.ChargerBooted,
)


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


class ConnectionsPage(ConnectionActions):
    """Connection troubleshooting for a technician on site."""

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.charger_id: str | None = None
        self.dialog: ChargerCredentialsDialog | None = None
        self.tasks = TaskKeeper(owner=self)
        self._pending: set[str] = set()  # reads asked for while no loop ran or hidden
        self._running: set[str] = set()
        self._again: set[str] = set()
        self.banner = OutcomeBanner(self)
        self._build_addresses()
        self._build_attempts()
        self._build_charger()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.attempts_box)
        splitter.addWidget(self.charger_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.addresses_box)
        layout.addWidget(splitter, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(EVENT_DELAY_MS)
        self._timer.timeout.connect(self._on_timer)
        mirror.eventsArrived.connect(self._on_events)
        self._pending |= {"urls", "attempts"}

    # ----------------------------------------------------------------- building

    def _build_addresses(self) -> None:
        self.interfaces_model = InterfacesTableModel(self)
        self.interfaces_view = _table(self.interfaces_model)
        self.interfaces_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setToolTip(
            self.tr("Connect to the OCPP port on every address, as a charger would.")
        )
        self.check_button.clicked.connect(self._on_check_clicked)
        header = QHBoxLayout()
        header.addWidget(
            QLabel(self.tr("Chargers connect to one of these URLs, ending in their own id:"))
        )
        header.addStretch(1)
        header.addWidget(self.check_button)
        self.addresses_box = QGroupBox(self.tr("Addresses of this PC"))
        box = QVBoxLayout(self.addresses_box)
        box.addLayout(header)
        box.addWidget(self.interfaces_view)
        self.interfaces_view.setMaximumHeight(150)  # ws:// and wss:// of two addresses
        self.interfaces_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )

    def _build_attempts(self) -> None:
        self.attempts_model = AttemptsTableModel(self)
        self.attempts_proxy = AttemptsFilterProxy(self)
        self.attempts_proxy.setSourceModel(self.attempts_model)
        self.attempts_view = _table(self.attempts_proxy)
        self.attempts_view.selectionModel().currentRowChanged.connect(self._on_attempt_selected)
        self.attempts_view.doubleClicked.connect(self._on_attempt_double_clicked)
        self.refused_only = QCheckBox(self.tr("Refused only"))
        self.refused_only.toggled.connect(lambda on: self.attempts_proxy.set_filter(on))
        self.charger_filter = QComboBox()
        self.charger_filter.addItem(self.tr("All chargers"), None)
        self.charger_filter.currentIndexChanged.connect(self._on_charger_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search id, address, reason…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.attempts_proxy.set_filter(text=text))
        filters = QHBoxLayout()
        filters.addWidget(self.refused_only)
        filters.addWidget(self.charger_filter)
        filters.addWidget(self.search, 1)
        self.advice = QLabel(self.tr("Select an attempt to see what to do about it."))
        self.advice.setWordWrap(True)
        self.register_button = QPushButton(self.tr("Register charger…"))
        self.register_button.clicked.connect(lambda: self._launch(self.register_selected()))
        self.password_button = QPushButton(self.tr("Set password…"))
        self.password_button.clicked.connect(lambda: self._launch(self.set_password_selected()))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setToolTip(
            self.tr("Let the charger try its password again now, not after the lock-out.")
        )
        self.unlock_button.clicked.connect(lambda: self._launch(self.unlock_selected()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.password_button)
        buttons.addWidget(self.unlock_button)
        self.attempts_box = QGroupBox(self.tr("Connection attempts"))
        box = QVBoxLayout(self.attempts_box)
        box.addLayout(filters)
        box.addWidget(self.attempts_view, 1)
        # A row of its own: beside the buttons, two lines of advice were cut off.
        box.addWidget(self.advice)
        box.addLayout(buttons)
        header = self.attempts_view.horizontalHeader()
        for column, width in enumerate((65, 85, 95, 250, 120)):
            header.resizeSection(column, width)
        self._update_buttons()
        when_actor_changes(self.client, self, self._update_buttons)

    def _build_charger(self) -> None:
        # The console's one charger choice: picked here, every page shows the charger.
        self.picker = ChargerChoice(self.mirror)
        self.picker.chosen.connect(self._on_chosen)
        self.drift_label = QLabel(self.tr("Choose a charger."))
        self.drift_label.setWordWrap(True)
        self.history_model = HistoryTableModel(self)
        self.history_view = _table(self.history_model)
        self.history_view.horizontalHeader().resizeSection(0, 65)
        self.history_view.horizontalHeader().resizeSection(1, 200)
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addStretch(1)
        self.charger_box = QGroupBox(self.tr("Connection history"))
        box = QVBoxLayout(self.charger_box)
        box.addLayout(top)
        box.addWidget(self.drift_label)
        box.addWidget(self.history_view, 1)

    # ----------------------------------------------------------------- following

    def show_charger(self, charger_id: str) -> None:
        """Show a charger's history (and make it the charger every page shows)."""
        if self.picker.charger_id != charger_id:
            self.picker.choose(charger_id)  # every page follows, this one through chosen
        else:
            self._on_chosen(charger_id)

    def _on_chosen(self, charger_id: str) -> None:
        if charger_id != self.charger_id:
            self.charger_id = charger_id
            self.history_model.set_rows([])
            self.drift_label.setText(self.tr("Reading…"))
        self._request("history")

    def _on_events(self, events: list[object]) -> None:
        relevant = [e for e in events if isinstance(e, _CONNECTION_EVENTS)]
        if not relevant:
            return
        self._pending.add("attempts")
        if any(getattr(e, "charger_id", None) == self.charger_id for e in relevant):
            self._pending.add("history")
        if self.isVisible():
            self._timer.start()

    def _on_timer(self) -> None:
        for kind in sorted(self._pending):
            self._request(kind)

    def showEvent(self, event: QShowEvent) -> None:
        """Read what changed while the page was hidden."""
        super().showEvent(event)
        if self.charger_id is not None:
            self._pending.add("history")
        self._timer.start(0)

    # ----------------------------------------------------------------- reads

    def _request(self, kind: str) -> None:
        """Read ``urls``, ``attempts`` or ``history`` in a worker; one at a time each."""
        if kind in self._running:
            self._again.add(kind)
            return
        if self.tasks.launch(lambda: self._read(kind), lambda task: self._on_read_done(kind, task)):
            self._running.add(kind)
            self._pending.discard(kind)
        else:
            self._pending.add(kind)

    def _on_read_done(self, kind: str, task: asyncio.Task[Any]) -> None:
        self._running.discard(kind)
        if task.cancelled() or not shiboken6.isValid(self):
            return
        error = task.exception()
        if error is not None:
            log.error("reading %s failed", kind, exc_info=error)
            self.banner.show_error(
                self.tr("Could not read the connections: %1").replace("%1", str(error))
            )
        if kind in self._again:
            self._again.discard(kind)
            self._request(kind)

    async def _read(self, kind: str) -> None:
        if kind == "urls":
            engine = self.client.engine
            plain, secure = engine.plain_port, engine.tls_port
            urls = await asyncio.to_thread(interface_urls, engine.config.host, plain, secure)
            self.interfaces_model.set_urls(urls)
        elif kind == "attempts":
            attempts = await self.client.read(lambda q: q.connection_attempts(ATTEMPTS_LIMIT))
            self.attempts_model.set_rows(attempts)
            self._sync_charger_filter(attempts)
            self._update_buttons()
        elif kind == "history" and self.charger_id is not None:
            charger_id = self.charger_id
            interval = self._heartbeat_interval(charger_id)
            history = await self.client.read(lambda q: q.connection_history(charger_id, interval))
            if charger_id == self.charger_id:
                self.history_model.set_rows(history.entries)
                self._show_drift(history.drift, interval)

    async def reload(self) -> None:
        """Read the addresses, the attempts and the charger's history now (tests, F5)."""
        for kind in ("urls", "attempts", "history"):
            await self._read(kind)

    def _heartbeat_interval(self, charger_id: str) -> float:
        state = self.mirror.chargers.get(charger_id)
        if state is not None and state.heartbeat_interval:
            return float(state.heartbeat_interval)
        return float(self.client.engine.config.heartbeat_interval)

    def _sync_charger_filter(self, attempts: list[ConnectionAttempt]) -> None:
        ids = sorted({a.charger_id for a in attempts if a.charger_id})
        shown = [self.charger_filter.itemData(i) for i in range(1, self.charger_filter.count())]
        if shown == ids:
            return
        current = self.charger_filter.currentData()
        self.charger_filter.blockSignals(True)
        while self.charger_filter.count() > 1:
            self.charger_filter.removeItem(1)
        for charger_id in ids:
            self.charger_filter.addItem(charger_id, charger_id)
        index = self.charger_filter.findData(current) if current else 0
        self.charger_filter.setCurrentIndex(max(index, 0))
        self.charger_filter.blockSignals(False)

    def _on_charger_filter(self, index: int) -> None:
        self.attempts_proxy.set_filter(charger_id=self.charger_filter.itemData(index))

    def _show_drift(self, drift: ClockDrift | None, interval: float) -> None:
        every = words.duration_text(interval)
        beat = self.tr("Heartbeat gaps: silences longer than two intervals (2 x %1).").replace(
            "%1", every
        )
        if drift is None:
            text = self.tr("Clock drift: no timestamped messages yet.")
            style = words.MUTED_STYLE
        else:
            seconds = drift.median_seconds
            amount = words.duration_text(seconds)
            if abs(seconds) < DRIFT_OK_S:
                shown = f"{seconds:+.1f} s" if abs(seconds) >= 0.05 else "0.0 s"
                text = self.tr("Clock in step with ours (%1).").replace("%1", shown)
                style = words.ACCEPTED_STYLE
            else:
                side = self.tr("ahead of") if seconds > 0 else self.tr("behind")
                text = self.tr("Clock %1 %2 ours.").replace("%1", amount).replace("%2", side)
                style = words.WARNING_STYLE if abs(seconds) < DRIFT_WARN_S else words.REFUSED_STYLE
            text += " " + self.tr("Median of the last %1 timestamped messages.").replace(
                "%1", str(drift.samples)
            )
        self.drift_label.setText(f"{style[1]} {text}\n{beat}")
        self.drift_label.setStyleSheet(f"color: {style[0]}")

    # ----------------------------------------------------------------- selection

    def selected_attempt(self) -> ConnectionAttempt | None:
        """The attempt of the current row, if any."""
        index = self.attempts_view.currentIndex()
        attempt = index.data(ATTEMPT_ROLE) if index.isValid() else None
        return attempt if isinstance(attempt, ConnectionAttempt) else None

    def select_attempt(self, row: int) -> None:
        """Make a row (of the filtered view) the current one."""
        self.attempts_view.setCurrentIndex(self.attempts_proxy.index(row, 0))

    def _on_attempt_selected(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        attempt = self.selected_attempt()
        if attempt is not None:
            self.advice.setText(
                f"{words.attempt_style(attempt.reason)[1]} "
                f"{words.reason_text(attempt.reason)}. {words.reason_advice(attempt.reason)}"
            )
        self._update_buttons()

    def _on_attempt_double_clicked(self, index: QModelIndex) -> None:
        attempt = index.data(ATTEMPT_ROLE)
        if isinstance(attempt, ConnectionAttempt) and attempt.charger_id:
            self.show_charger(attempt.charger_id)

    def _update_buttons(self) -> None:
        attempt = self.selected_attempt()
        refused_with_id = attempt is not None and not attempt.accepted and bool(attempt.charger_id)
        locked = refused_with_id and attempt is not None and attempt.reason in UNLOCKABLE
        gate(self.client, self.register_button, Permission.APPROVALS, refused_with_id)
        gate(self.client, self.password_button, Permission.CHARGER_SECURITY, refused_with_id)
        gate(self.client, self.unlock_button, Permission.APPROVALS, locked)

    # ----------------------------------------------------------------- actions

    def _launch(self, coroutine: Any) -> None:
        if not self.tasks.launch(lambda: coroutine):
            coroutine.close()

    # ----------------------------------------------------------------- port check

    def _on_check_clicked(self) -> None:
        self._launch(self.check_reachability())

    async def check_reachability(self) -> None:
        """Connect to the OCPP port on every listed address and show what happened."""
        urls = list(self.interfaces_model.urls)
        self.check_button.setEnabled(False)
        self.interfaces_model.set_checking(True)
        try:
            checks = await asyncio.to_thread(check_urls, urls)
        finally:
            if shiboken6.isValid(self):
                self.check_button.setEnabled(True)
                self.interfaces_model.set_checking(False)
        self.interfaces_model.set_checks(checks)
