"""The technician's message log: every frame of the site, live and stored, filterable.

How live frames reach the view: frames are not bridge events (a busy site logs hundreds
a second and the GUI needs none of them one by one). The engine already stores every
frame; while this page is shown and not paused it asks the stored log, in a worker
thread, for the frames above the newest one shown, every ``LIVE_EVERY_MS``. That costs
one indexed query per tick, keeps the engine untouched, and shows exactly what was
stored (the writer commits within a fraction of a second).

The log is newest first, so its live edge is the top. While the table is scrolled to
the top new frames go in and stay in view; once the person scrolls down to read, or
presses Pause, nothing moves under their eyes: the page only counts the new frames
("12 new frames — Show") and Show or Resume inserts them and goes back to the top.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.services.message_export import ExportCancelled, ExportProgress, StoredFrame
from console.ui.engine_client import EngineClient
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper
from console.ui.technician.charger_choice import shared_selection
from console.ui.technician.message_detail import MessageDetailPane
from console.ui.technician.message_filter import MessageFilterBar
from console.ui.technician.message_model import COLUMNS, PAYLOAD, MessageLogModel

log = logging.getLogger(__name__)
LIVE_EVERY_MS = 750
NEW_COUNT_CAP = 10_000  # while paused: "10000+ new" is enough to know


class MessageLogPage(QWidget):
    """Filter bar, the log table, and the chosen frame with its partner."""

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.tasks = TaskKeeper(owner=self)
        self.held = False  # the person pressed Pause
        self.scrolled_away = False  # the person scrolled down from the newest frames
        self.new_while_paused = 0
        self.export_progress: ExportProgress | None = None
        self._polling = False
        self._selection_generation = 0
        self.model = MessageLogModel(client.read, self)
        self._build()
        self.model.loaded.connect(self._on_loaded)
        self.model.loadingChanged.connect(lambda _loading: self._show_status())
        self.model.failed.connect(self._on_failed)
        self.model.modelReset.connect(self._on_model_reset)
        self.filter_bar.changed.connect(self.model.set_filter)
        mirror.chargersChanged.connect(self._on_chargers_changed)
        # The console's one charger choice: chosen elsewhere, shown here; a charger
        # picked in the filter becomes the choice of the other pages too.
        self.selection = shared_selection(mirror)
        self.selection.chosen.connect(self.show_charger)
        self.filter_bar.charger_combo.activated.connect(self._on_charger_picked)
        self.table.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.live_timer = QTimer(self)
        self.live_timer.setInterval(LIVE_EVERY_MS)
        self.live_timer.timeout.connect(self._on_live_tick)
        self._started = False
        self._on_chargers_changed([], True)

    def _build(self) -> None:
        self.filter_bar = MessageFilterBar(self)
        self.pause_button = QPushButton(self.tr("❚❚ Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr("Stop adding new frames while you read"))
        self.pause_button.toggled.connect(self.set_paused)
        # "12 new frames — Show": a fixed place in the row, empty while following live.
        self.new_label = QPushButton()
        self.new_label.setFlat(True)
        self.new_label.setStyleSheet("color:#B07000; font-weight:600; text-align:left;")
        self.new_label.setToolTip(self.tr("Insert the new frames and follow the log again"))
        self.new_label.clicked.connect(self.follow_live)
        self.new_label.setMinimumWidth(
            QFontMetrics(self.new_label.font()).horizontalAdvance("10000+ new frames — Show") + 24
        )
        self.new_label.setEnabled(False)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color:#5A6570;")
        self.clear_button = QPushButton(self.tr("Clear filter"))
        self.clear_button.clicked.connect(lambda: self.filter_bar.clear(keep_charger=False))
        self.export_button = QPushButton(self.tr("Export JSON lines…"))
        self.export_button.setToolTip(self.tr("Save every frame the filter matches"))
        self.export_button.clicked.connect(self._on_export_clicked)
        # Exports are in the site's time by default; a charger's own log is often in UTC.
        self.export_utc_check = QCheckBox(self.tr("Export in &UTC"))
        self.export_utc_check.setToolTip(
            self.tr("Write the frames' times in UTC instead of the site's time zone")
        )
        actions = QHBoxLayout()
        actions.addWidget(self.pause_button)
        actions.addWidget(self.new_label)
        actions.addWidget(self.status_label, 1)
        actions.addWidget(self.clear_button)
        actions.addWidget(self.export_utc_check)
        actions.addWidget(self.export_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        time_width = QFontMetrics(self.model.mono_font).horizontalAdvance("2026-12-31 23:59:59.999")
        for column, width in enumerate((time_width + 12, 78, 110, 64, 150, 96, 80)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(PAYLOAD, QHeaderView.ResizeMode.Stretch)
        assert len(COLUMNS) == PAYLOAD + 1
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.detail = MessageDetailPane(self)
        self.detail.goToPartner.connect(lambda partner: self._launch(lambda: self.go_to(partner)))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1000, 360])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.filter_bar)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.filter_bar.focus_text)

    # ----------------------------------------------------------------- public

    def show_charger(self, charger_id: str) -> None:
        """Show the frames of one charger (the Technician tab follows the chosen charger)."""
        self.filter_bar.set_charger(charger_id)

    @property
    def paused(self) -> bool:
        """True while new frames are only counted (Pause pressed, or scrolled down)."""
        return self.held or self.scrolled_away

    def set_paused(self, paused: bool) -> None:
        """Pause (count new frames only) or resume (insert them, back at the top)."""
        self.held = paused
        if self.pause_button.isChecked() != paused:
            self.pause_button.setChecked(paused)
        self.pause_button.setText(self.tr("▶ Resume") if paused else self.tr("❚❚ Pause"))
        if not paused:
            self.follow_live()
        else:
            self._show_new_count()

    def follow_live(self) -> None:
        """Insert the frames that arrived meanwhile and follow the log from the top."""
        self.held = False
        if self.pause_button.isChecked():
            self.pause_button.setChecked(False)  # toggled: comes back here once
            return
        self.pause_button.setText(self.tr("❚❚ Pause"))
        self.scrolled_away = False
        self.table.verticalScrollBar().setValue(0)
        self.new_while_paused = 0
        self._show_new_count()
        self._on_live_tick()

    def start(self) -> None:
        """Read the newest page (unless rows are there already), then follow the log."""
        if not self._started:
            # Rows read before the first show (a charger chosen at start-up) are kept:
            # the first tick inserts everything stored since.
            self._started = True
            if self.model.rowCount() == 0 and not self.model.loading:
                self.model.set_filter(self.filter_bar.current())
        self.live_timer.start()
        if self.model.rows:
            self._on_live_tick()  # catch up now, not a tick after the page is shown

    async def export_to(self, path: Path, utc: bool | None = None) -> int:
        """Write every frame the filter shows (loaded or not) to ``path`` as JSON lines,
        times in the site's zone or in UTC (``utc``; None: as the check box says)."""
        progress = self.export_progress = ExportProgress()
        where, upto = self.model.filter, self.model.newest_id
        in_utc = self.export_utc_check.isChecked() if utc is None else utc
        try:
            return await self.client.read(
                lambda q: q.export_frames(where, upto, path, progress, utc=in_utc)
            )
        finally:
            self.export_progress = None

    def cancel_export(self) -> None:
        """Stop an export under way; nothing is left under the chosen name."""
        if self.export_progress is not None:
            self.export_progress.cancel.set()

    async def go_to(self, stored: StoredFrame) -> bool:
        """Select a frame, loading older pages (or widening the filter) to reach it."""
        if self.model.row_of_id(stored.id) is None and not self.model.filter.matches(stored.frame):
            self.filter_bar.clear(keep_charger=False)
            self.filter_bar.set_charger(stored.frame.charger_id)
        while self.model.row_of_id(stored.id) is None:
            if self.model.loading or self.model.canFetchMore():
                self.model.fetchMore()
                await asyncio.sleep(0.02)  # yield to the loop while the page is read
                continue
            if self.model.rows and stored.id > self.model.newest_id:
                self.model.poll_newer()
                await asyncio.sleep(0.02)
                continue
            self.status_label.setText(self.tr("That frame is beyond the rows kept loaded."))
            return False
        row = self.model.row_of_id(stored.id)
        assert row is not None
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    # ----------------------------------------------------------------- events

    def showEvent(self, event: QShowEvent) -> None:
        """Follow the log while shown."""
        super().showEvent(event)
        self.start()

    def hideEvent(self, event: QHideEvent) -> None:
        """No reads while nobody looks; the next show catches up."""
        super().hideEvent(event)
        self.live_timer.stop()

    def _on_live_tick(self) -> None:
        if not self._started:
            self.start()
        if self._polling or self.model.loading:
            return
        if self.paused:
            self._launch(self._count_new)
        elif not self.model.rows and not self.model.exhausted:
            self.model.fetchMore()  # the first read could not start before the loop ran
        else:
            self.model.poll_newer()

    async def _count_new(self) -> None:
        self._polling = True
        where, after = self.model.filter, self.model.newest_id
        try:
            count = await self.client.read(lambda q: q.count_frames(where, after, NEW_COUNT_CAP))
        finally:
            self._polling = False
        if self.paused and where == self.model.filter and after == self.model.newest_id:
            self.new_while_paused = count
            self._show_new_count()

    def _show_new_count(self) -> None:
        count = self.new_while_paused if self.paused else 0
        if count:
            more = "+" if count >= NEW_COUNT_CAP else ""
            text = (
                self.tr("1 new frame — Show")
                if count == 1
                else self.tr("%1 new frames — Show").replace("%1", f"{count:,}{more}")
            )
        elif self.held:
            text = self.tr("Paused: no new frames yet")
        else:
            text = ""
        self.new_label.setText(text)
        self.new_label.setEnabled(bool(count))

    def _on_scrolled(self, value: int) -> None:
        # Rows inserted at the top while reading further down would push the rows read
        # out of view: away from the top the page holds still and counts.
        away = value > 0
        if away == self.scrolled_away:
            return
        self.scrolled_away = away
        if away:
            self._show_new_count()
        elif not self.held:
            self.follow_live()

    def _on_charger_picked(self, index: int) -> None:
        charger_id = self.filter_bar.charger_combo.itemData(index)
        if isinstance(charger_id, str):
            self.selection.choose(charger_id)

    def _on_loaded(self) -> None:
        self._show_status()

    def _on_model_reset(self) -> None:
        self._selection_generation += 1
        self.detail.show_frame(None)
        # A new filter shows its newest frames: nothing of the old count applies.
        self.new_while_paused = 0
        self.scrolled_away = False
        self._show_new_count()

    def _on_failed(self, error: str) -> None:
        self.status_label.setText(self.tr("The log cannot be read: %1").replace("%1", error))

    def _show_status(self) -> None:
        count = self.model.rowCount()
        if self.model.loading and not count:
            text = self.tr("Reading the log…")
        elif self.model.exhausted:
            text = self.tr("%1 matching frames").replace("%1", f"{count:,}")
        else:
            text = self.tr("Newest %1 matching frames; scroll down for older ones").replace(
                "%1", f"{count:,}"
            )
        self.status_label.setText(text)

    def _on_chargers_changed(self, _ids: list[str], _full: bool) -> None:
        self.filter_bar.set_chargers(self.mirror.chargers)

    def _on_current_changed(self, current: Any, _previous: Any) -> None:
        row = self.model.row(current)
        self._selection_generation += 1
        stored = None if row is None else row.stored
        self.detail.show_frame(stored)
        if stored is not None:
            generation = self._selection_generation
            self._launch(lambda: self._find_partner(stored, generation))

    async def _find_partner(self, stored: StoredFrame, generation: int) -> None:
        partner = await self.client.read(lambda q: q.partner_frame(stored))
        if generation == self._selection_generation:
            self.detail.show_partner(partner)

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the messages shown"),
            "messages.jsonl",
            self.tr("JSON lines (*.jsonl);;All files (*)"),
        )
        if path:
            self._launch(lambda: self._export_with_progress(Path(path)))

    async def _export_with_progress(self, path: Path) -> None:
        dialog = QProgressDialog(self.tr("Exporting messages…"), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(self.cancel_export)
        timer = QTimer(dialog)
        timer.timeout.connect(lambda: self._show_progress(dialog))
        timer.start(100)
        self.export_button.setEnabled(False)
        try:
            written = await self.export_to(path)
        except ExportCancelled:
            self.status_label.setText(self.tr("Export cancelled; nothing was written."))
        except OSError as error:
            self.status_label.setText(self.tr("Export failed: %1").replace("%1", str(error)))
        else:
            self.status_label.setText(
                self.tr("Exported %1 frames to %2")
                .replace("%1", f"{written:,}")
                .replace("%2", str(path))
            )
        finally:
            timer.stop()
            dialog.close()
            dialog.deleteLater()
            self.export_button.setEnabled(True)

    def _show_progress(self, dialog: QProgressDialog) -> None:
        progress = self.export_progress
        if progress is not None and progress.total:
            dialog.setMaximum(progress.total)
            dialog.setValue(progress.done)

    def _launch(self, make: Callable[[], Coroutine[Any, Any, Any]]) -> None:
        # Outside the running loop (a call before the console's loop started), try again
        # from Qt's queue, which qasync serves with the loop running.
        if not self.tasks.launch(make):
            QTimer.singleShot(0, self, lambda: self._launch(make))
