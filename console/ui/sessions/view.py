"""The Sessions tab: running and past sessions, filterable, sortable and exportable."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from console.core import events as ev
from console.core.clock import utcnow
from console.core.model import Session
from console.ui.billing.session_bar import SessionCostBar
from console.ui.engine_client import EngineClient
from console.ui.keyboard import EXPORT_KEY
from console.ui.loop_guard import run_or_retry
from console.ui.message_bar import reserve_space
from console.ui.sessions.end_session import EndSessionButton
from console.ui.sessions.export import CsvWords, SessionSnapshot
from console.ui.sessions.export_job import CsvExportJob
from console.ui.sessions.filter_bar import SessionsFilterBar, build_sessions_table
from console.ui.sessions.model import SessionsTableModel
from console.ui.sessions.proxy import SessionsFilterProxyModel
from console.ui.sessions.review_readings import ReviewReadingsButton
from console.ui.sessions.words import (
    column_titles,
    flag_table,
    running_word,
    stop_reason_table,
)
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper
from console.ui.translations import untranslated

LOAD_LIMIT = 50_000  # newest sessions of the period read at once; more asks for fewer days
RELOAD_DELAY_MS = 300  # date edits settle this long before the database is read again


class SessionsView(QWidget):
    """Sessions in a table: live while running, filtered by text, charger, dates and state.

    Ctrl+F focuses the filter, Ctrl+E exports what is shown to CSV.
    ``choose_export_path`` and ``show_error`` may be replaced (tests do).
    """

    chargerActivated = Signal(str)  # a row was double-clicked
    loaded = Signal(int)  # sessions read from the database
    exportFinished = Signal(str, int)  # path, rows
    exportFailed = Signal(str)  # the message shown

    def __init__(self, client: EngineClient, mirror: SiteMirror, parent: Any = None) -> None:
        super().__init__(parent)
        self.client = client
        self.mirror = mirror
        self.model = SessionsTableModel(parent=self, holders=mirror.holders)
        mirror.holders.use(client.read)  # drivers' names instead of card ids
        self.proxy = SessionsFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.export_job: CsvExportJob | None = None
        self.error_box: QMessageBox | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)  # ends its work when it closes
        self._latest_load: asyncio.Task[None] | None = None
        self._generation = 0  # a newer load makes an older one's result obsolete
        self._loads_running = 0
        self._live_log: list[Session] = []  # sessions seen while a load runs, re-applied after
        self._truncated = False
        self._finished_wh = 0.0  # of visible finished sessions; running ones are added live
        self._visible_running: list[Session] = []
        self._visible_count = 0
        self._summary_stale = True

        self._build()
        self._reload_delay = QTimer(self)
        self._reload_delay.setSingleShot(True)
        self._reload_delay.setInterval(RELOAD_DELAY_MS)
        self._reload_delay.timeout.connect(self._on_reload_due)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._on_clock_tick)
        self._clock.start(1000)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._on_rows_changed)
        mirror.eventsArrived.connect(self._on_events_arrived)
        mirror.chargersChanged.connect(self._on_chargers_changed)
        self.proxy.set_period(*self.bar.period())
        # The first read waits for the event loop: the window is built before qasync runs.
        QTimer.singleShot(0, self._on_reload_due)

    def _build(self) -> None:
        self.bar = SessionsFilterBar()
        # The filter widgets by name, for the window and for tests.
        self.filter_edit = self.bar.filter_edit
        self.charger_combo = self.bar.charger_combo
        self.from_edit, self.to_edit = self.bar.from_edit, self.bar.to_edit
        self.running_check = self.bar.running_check
        self.export_button = self.bar.export_button
        self.bar.textChanged.connect(self._on_text_changed)
        self.bar.chargerChanged.connect(self._on_charger_chosen)
        self.bar.periodChanged.connect(self._on_period_changed)
        self.bar.periodInvalid.connect(self._on_period_invalid)
        self.bar.runningOnlyChanged.connect(self._on_running_toggled)
        self.bar.exportRequested.connect(self._on_export_clicked)

        self.table = build_sessions_table(self.proxy)
        self.table.doubleClicked.connect(self._on_row_activated)

        self.summary_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        footer = QHBoxLayout()
        footer.addWidget(self.summary_label)
        footer.addStretch(1)
        footer.addWidget(self.message_label)
        # The selected session's cost and "Issue receipt…" (button and context menu).
        self.cost_bar = SessionCostBar(self.client, self)
        self.cost_bar.attach(self.table, self._session_of_index)
        footer.addWidget(self.cost_bar)
        # "End session…": staff end a session its charger will never report ended.
        self.end_button = EndSessionButton(self.client, self)
        self.end_button.attach(self.table, self._session_of_index)
        self.end_button.driver_name = self.mirror.holders.name
        self.end_button.message.connect(self.message_label.setText)
        self.end_button.ended.connect(self._on_session_ended)
        footer.addWidget(self.end_button)
        # "Review readings…": staff decide on readings that cannot be true (bill held).
        self.review_button = ReviewReadingsButton(self.client, self)
        self.review_button.attach(self.table, self._session_of_index)
        self.review_button.driver_name = self.mirror.holders.name
        self.review_button.message.connect(self.message_label.setText)
        reserve_space(self.review_button)  # shown only for some sessions: nothing shifts
        footer.addWidget(self.review_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)  # as the overview, so tabs do not jump
        layout.setSpacing(6)
        layout.addWidget(self.bar)
        layout.addWidget(self.cost_bar.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self, context=context)
        self.find_shortcut.activated.connect(self.bar.focus_filter)
        self.export_shortcut = QShortcut(EXPORT_KEY, self, context=context)
        self.export_shortcut.activated.connect(self._on_export_clicked)
        # A reload or a filter that drops the selected row leaves no selection: say so to
        # everything that follows it (Qt is silent on a reset), so no button acts on a
        # session the table no longer shows.
        for signal in (self.proxy.modelReset, self.proxy.rowsRemoved, self.proxy.layoutChanged):
            signal.connect(self._on_selection_may_have_changed)

    # --- loading ------------------------------------------------------------------------

    def _on_reload_due(self) -> None:
        run_or_retry(self.reload, self._reload_delay)

    def reload(self) -> asyncio.Task[None] | None:
        """Read the chosen period's sessions from the database again (in a worker thread).

        The result completes once the table shows this read or a newer one (None: no
        loop runs yet).
        """
        self._latest_load = self.tasks.start(self._load())
        return self._latest_load

    async def _load(self) -> None:
        self._generation += 1
        generation = self._generation
        self._loads_running += 1
        since, until = self.bar.period()
        self.summary_label.setText(self.tr("Loading sessions…"))
        try:
            sessions = await self.client.read(
                lambda q: q.sessions_between(since, until, LOAD_LIMIT)
            )
        except Exception as error:  # shown, never swallowed: the table would look empty
            self._loads_running -= 1
            if generation == self._generation:
                self.show_error(self.tr("Sessions could not be read: %1").replace("%1", str(error)))
                self._refresh_summary()
            return
        self._loads_running -= 1
        if generation != self._generation:
            # A newer read replaces this one; whoever awaits this waits for that one.
            assert self._latest_load is not None
            await asyncio.shield(self._latest_load)
            return
        self.model.set_sessions(sessions)
        for session in self._live_log:
            self.model.upsert(session)
        if self._loads_running == 0:
            self._live_log.clear()
        self.model.update_live(self.mirror.chargers)
        self._truncated = len(sessions) >= LOAD_LIMIT
        self.bar.add_chargers({s.charger_id for s in sessions} | set(self.mirror.chargers))
        self._refresh_summary()
        self.loaded.emit(len(sessions))

    # --- live updates -------------------------------------------------------------------

    def _on_events_arrived(self, events: list[Any]) -> None:
        for event in events:
            if isinstance(event, ev.SessionStarted | ev.SessionStopped | ev.SessionFlagsChanged):
                self.model.upsert(event.session)
                if self._loads_running:
                    self._live_log.append(event.session)
                self.bar.add_chargers({event.session.charger_id})
                self._summary_stale = True
                shown = self.review_button.session
                if shown is not None and shown.id == event.session.id:
                    self.review_button.set_session(event.session)

    def _on_session_ended(self, session: Session) -> None:
        # Shown at once, before the engine's event arrives through the bridge.
        self.model.upsert(session)
        self._summary_stale = True
        self._refresh_summary()
        if self.cost_bar.session is not None and self.cost_bar.session.id == session.id:
            self.cost_bar.set_session(session)

    def _on_chargers_changed(self, charger_ids: list[str], full: bool) -> None:
        self.model.update_live(self.mirror.chargers, None if full else charger_ids)
        self.bar.add_chargers(set(charger_ids))

    def _on_clock_tick(self) -> None:
        self.model.tick()
        self.bar.follow_today()
        self._refresh_summary()

    # --- filters ------------------------------------------------------------------------

    def _on_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._refresh_summary()

    def _on_charger_chosen(self, charger_id: str | None) -> None:
        self.proxy.set_charger(charger_id)
        self._refresh_summary()

    def _on_running_toggled(self, checked: bool) -> None:
        self.proxy.set_running_only(checked)
        self._refresh_summary()

    def _on_period_changed(self, since: datetime, until: datetime) -> None:
        self.message_label.clear()
        self.proxy.set_period(since, until)
        self._refresh_summary()
        self._reload_delay.start()

    def _on_period_invalid(self) -> None:
        self.message_label.setText(self.tr("⚠ The From date is after the To date."))

    def _session_of_index(self, index: QModelIndex) -> Session | None:
        source = self.proxy.mapToSource(index)
        return self.model.session_at(source.row()) if source.isValid() else None

    def _on_selection_may_have_changed(self, *_args: Any) -> None:
        selection = self.table.selectionModel()
        if not selection.selectedRows():
            selection.clearSelection()
            selection.selectionChanged.emit(QItemSelection(), QItemSelection())

    def _on_row_activated(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        self.chargerActivated.emit(self.model.session_at(source.row()).charger_id)

    # --- summary ------------------------------------------------------------------------

    def _on_rows_changed(self, *_args: Any) -> None:
        self._summary_stale = True

    def _refresh_summary(self) -> None:
        """Count and energy of what is shown; the full pass only after rows changed."""
        if self._loads_running:
            return
        if self._summary_stale:
            self._summary_stale = False
            visible = [s for s in self.model.sessions() if self.proxy.accepts(s)]
            self._visible_running = [s for s in visible if s.running]
            self._finished_wh = float(sum(s.energy_wh or 0 for s in visible if not s.running))
            self._visible_count = len(visible)
        live = sum(self.model.energy_wh(s) or 0.0 for s in self._visible_running)
        text = self.tr("%n session(s) shown", "", self._visible_count)
        text += self.tr(" · %n running", "", len(self._visible_running))
        text += self.tr(" · %1 kWh").replace("%1", f"{(self._finished_wh + live) / 1000:,.1f}")
        if self._truncated:
            text += self.tr(" · only the newest %1 of this period: choose fewer days").replace(
                "%1", f"{LOAD_LIMIT:,}"
            )
        self.summary_label.setText(text)

    # --- export -------------------------------------------------------------------------

    def visible_snapshots(self) -> list[SessionSnapshot]:
        """The rows the table shows, in its order, frozen with their live values."""
        now = utcnow()
        if self.proxy.sortColumn() < 0:
            # The proxy keeps the model's order (the model sorts itself), so its rows are
            # the accepted ones in model order: half the cost of mapping 20,000 indexes.
            rows = [
                self.model.snapshot(row, now)
                for row, session in enumerate(self.model.sessions())
                if self.proxy.accepts(session)
            ]
            if len(rows) == self.proxy.rowCount():
                return rows
        return [
            self.model.snapshot(self.proxy.mapToSource(self.proxy.index(row, 0)).row(), now)
            for row in range(self.proxy.rowCount())
        ]

    def export_csv(self) -> CsvExportJob | None:
        """Ask where, then write what is shown to CSV in the background."""
        if self.export_job is not None:
            if self.export_job.dialog is not None:
                self.export_job.dialog.raise_()
            return None
        path = self.choose_export_path(self._suggested_path())
        if not path:
            return None
        with untranslated():  # files stay English (the tables' cached words may not be)
            words = CsvWords(
                column_titles(for_file=True),
                running_word(),
                stop_reason_table(),
                flag_table(),
            )
        job = CsvExportJob(self, path, self.visible_snapshots(), words)
        job.finished.connect(self._on_export_finished)
        job.failed.connect(self._on_export_failed)
        job.cancelled.connect(self._on_export_cancelled)
        self.export_job = job
        self.export_button.setEnabled(False)
        self.message_label.setText(self.tr("Exporting…"))
        job.start()
        return job

    def choose_export_path(self, suggested: str) -> str | None:
        """Where to write the CSV (a save dialog); None when the person cancels."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export sessions"), suggested, self.tr("CSV files (*.csv)")
        )
        return path or None

    def show_error(self, text: str) -> None:
        """Tell the person something went wrong, without blocking the window."""
        self.message_label.setText("⚠ " + text.replace("\n", " "))
        if self.error_box is not None:
            self.error_box.close()  # one box at a time, showing the latest problem
            self.error_box.deleteLater()
        self.error_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Sessions"), text)
        self.error_box.setParent(self, self.error_box.windowFlags())
        self.error_box.open()

    def _suggested_path(self) -> str:
        folder = QSettings().value("sessions/export_folder", str(Path.home()))
        first, last = self.bar.from_edit.date(), self.bar.to_edit.date()
        name = f"sessions_{first.toString('yyyy-MM-dd')}_{last.toString('yyyy-MM-dd')}.csv"
        return str(Path(str(folder)) / name)

    def _on_export_clicked(self) -> None:
        self.export_csv()

    def _on_export_finished(self, path: str, rows: int) -> None:
        self._end_export(self.tr("%n session(s) exported to ", "", rows) + path)
        QSettings().setValue("sessions/export_folder", str(Path(path).parent))
        self.exportFinished.emit(path, rows)

    def _on_export_failed(self, text: str) -> None:
        self._end_export("")
        self.show_error(text)
        self.exportFailed.emit(text)

    def _on_export_cancelled(self) -> None:
        self._end_export(self.tr("Export cancelled; no file written."))

    def _end_export(self, message: str) -> None:
        if self.export_job is not None:
            self.export_job.deleteLater()
        self.export_job = None
        self.export_button.setEnabled(True)
        if message:
            self.message_label.setText(message)
