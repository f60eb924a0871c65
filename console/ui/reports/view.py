"""The Reports tab: a period picker over energy, peak-hour and statement pages."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from console.ui.loop_guard import run_or_retry
from console.ui.reports.energy_page import EnergyReportPage
from console.ui.reports.files import ReportFiles
from console.ui.reports.latest import Reader
from console.ui.reports.period_bar import ReportsPeriodBar
from console.ui.reports.statements_page import StatementsPage
from console.ui.reports.usage_page import UsageReportPage

RETRY_MS = 50  # a load asked for before the asyncio loop runs is tried again this soon
CLOCK_MS = 60_000  # how often a ready-made period checks whether the day changed


class ReportsView(QWidget):
    """Energy, sessions and revenue; peak hours and utilisation; monthly statements.

    Every report is read in a worker thread while the tab says it is working; a newer
    period or grouping supersedes a read still running. Pages are read when shown, so a
    year's report is not computed for a page nobody looks at.
    ``files.choose_path`` and ``show_error`` may be replaced (tests do).
    """

    fileSaved = Signal(str, int)  # path, rows written
    errorShown = Signal(str)

    def __init__(self, client: Reader, parent: Any = None) -> None:
        super().__init__(parent)
        self.client = client
        self.files = ReportFiles(self)
        self.error_box: QMessageBox | None = None
        self._stale: set[QWidget] = set()

        self.period_bar = ReportsPeriodBar()
        self.energy = EnergyReportPage(client, self.files)
        self.usage = UsageReportPage(client, self.files)
        self.statements = StatementsPage(client, self.files)
        self.pages = QTabWidget()
        self.pages.addTab(self.energy, self.tr("Energy, sessions and revenue"))
        self.pages.addTab(self.usage, self.tr("Peak hours and utilisation"))
        self.pages.addTab(self.statements, self.tr("Monthly statements"))
        self.message_label = QLabel()
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)  # as the other tabs, so they do not jump
        layout.setSpacing(6)
        layout.addWidget(self.period_bar)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message_label)

        self.period_bar.periodChanged.connect(self._on_period_changed)
        self.pages.currentChanged.connect(self._on_page_changed)
        for page in (self.energy, self.usage, self.statements):
            page.failed.connect(self.show_error)
        for reads in (
            self.energy.reads,
            self.usage.heatmap_reads,
            self.usage.utilisation_reads,
            self.statements.reads,
            self.statements.people_reads,
            self.statements.departments_reads,
        ):
            reads.busyChanged.connect(self._on_busy_changed)
        self.files.started.connect(self._on_file_started)
        self.files.saved.connect(self._on_file_saved)
        self.files.failed.connect(self._on_file_failed)

        self._stale = {self.energy, self.usage}
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._load_due)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self.period_bar.refresh_today)
        self._clock.start(CLOCK_MS)

    # --- loading ------------------------------------------------------------------------

    def days(self) -> tuple[date, date]:
        """The period chosen, as local days (both included)."""
        return self.period_bar.days()

    def load_current(self) -> asyncio.Future[Any] | None:
        """Read the page in view for the chosen period (when it needs it)."""
        page = self.pages.currentWidget()
        if page is self.statements:
            return self.statements.load_people()
        if page not in self._stale or not self.period_bar.valid():
            return None
        self._stale.discard(page)
        if page is self.energy:
            return self.energy.load(*self.days())
        return self.usage.load(*self.days())

    def _load_due(self) -> None:
        if not self.isVisible():
            return  # read when the tab is shown
        run_or_retry(self.load_current, self._retry)

    def _on_period_changed(self, _first: date, _last: date) -> None:
        self.message_label.clear()
        self._stale = {self.energy, self.usage}
        self._load_due()

    def _on_page_changed(self, _index: int) -> None:
        self.period_bar.setEnabled(self.pages.currentWidget() is not self.statements)
        self._load_due()

    def showEvent(self, event: QShowEvent) -> None:
        """Read the page in view once the tab is shown."""
        super().showEvent(event)
        self.period_bar.refresh_today()
        self._load_due()

    # --- outcomes -----------------------------------------------------------------------

    def _on_busy_changed(self, _busy: bool) -> None:
        busy = any(
            reads.busy
            for reads in (
                self.energy.reads,
                self.usage.heatmap_reads,
                self.usage.utilisation_reads,
                self.statements.reads,
                self.statements.people_reads,
                self.statements.departments_reads,
            )
        )
        self.period_bar.set_working(busy or self.files.writing > 0)

    def _on_file_started(self, path: str) -> None:
        self.message_label.setText(self.tr("Writing %1…").replace("%1", path))
        self.period_bar.set_working(True)

    def _on_file_saved(self, path: str, rows: int) -> None:
        self._on_busy_changed(False)
        self.message_label.setText(self.tr("Saved %1").replace("%1", path))
        self.fileSaved.emit(path, rows)

    def _on_file_failed(self, text: str) -> None:
        self._on_busy_changed(False)
        self.show_error(text)

    def show_error(self, text: str) -> None:
        """Tell the person something went wrong, without blocking the window."""
        self.message_label.setText("⚠ " + text.replace("\n", " "))
        if self.error_box is not None:
            self.error_box.close()  # one box at a time, showing the latest problem
            self.error_box.deleteLater()
        self.error_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Reports"), text)
        self.error_box.setParent(self, self.error_box.windowFlags())
        self.error_box.open()
        self.errorShown.emit(text)
