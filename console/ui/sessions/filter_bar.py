"""The row of filters above the sessions table, and the table's look."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from console.ui import locale_format
from console.ui.keyboard import EXPORT_KEY, DeskTableView, pass_shortcuts
from console.ui.sessions.words import Column

DEFAULT_DAYS = 30
TEXT_DELAY_MS = 150  # typing pauses this long before the table is filtered again

# Column widths as sample texts, so they follow the font rather than fixed pixels.
_WIDTH_SAMPLES = {
    Column.SESSION: "Session 0",
    Column.CHARGER: "HOSP-PARK-B-012",
    Column.CONNECTOR: "Conn. 0",
    Column.CARD: "Dr. Maria Hoffmann · 04A1B2C3",  # the driver's name and card
    Column.START: "2026-12-31 23:59 0",
    Column.END: "2026-12-31 23:59 0",
    Column.ENERGY: "Energy (kWh) 0",
    Column.DURATION: "Duration 0",
    Column.STOP_REASON: "Charger hard reset",
}


def local_midnight(day: date) -> datetime:
    """The start of a local calendar day, in UTC."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def build_sessions_table(model: QAbstractItemModel) -> QTableView:
    """A calm, sortable table for sessions, newest first, with font-based column widths."""
    table = DeskTableView()  # Tab moves on; a session the filter hides is no selection
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)  # alternating rows read calmer than a full grid
    table.setStyleSheet(
        "QTableView { alternate-background-color: #F2F5F9; }"
        "QTableView::item { padding: 0 6px; }"
        "QHeaderView::section { padding: 3px 6px; }"
    )
    table.verticalHeader().hide()
    metrics = table.fontMetrics()
    table.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSortIndicator(Column.START, Qt.SortOrder.DescendingOrder)
    for column, sample in _WIDTH_SAMPLES.items():
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
    table.setSortingEnabled(True)
    return table


class SessionsFilterBar(QWidget):
    """Text, charger, date range and running-only filters, and the export button.

    The To date follows today (across midnight) until the person picks another day.
    """

    textChanged = Signal(str)  # after typing pauses
    chargerChanged = Signal(object)  # a charger id, or None for all
    periodChanged = Signal(object, object)  # since, until (UTC)
    periodInvalid = Signal()  # From is after To: nothing changes until it is fixed
    runningOnlyChanged = Signal(bool)
    exportRequested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._chargers: set[str] = set()
        self._to_follows_today = True
        self._text_delay = QTimer(self)
        self._text_delay.setSingleShot(True)
        self._text_delay.setInterval(TEXT_DELAY_MS)
        self._text_delay.timeout.connect(self._on_text_settled)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by charger, card or name  (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(240)
        self.filter_edit.textChanged.connect(lambda _text: self._text_delay.start())
        self.charger_combo = QComboBox()
        self.charger_combo.setMinimumContentsLength(16)
        self.charger_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.charger_combo.currentIndexChanged.connect(self._on_charger_chosen)
        today = QDate.currentDate()
        self.from_edit = self._date_edit(today.addDays(-DEFAULT_DAYS))
        self.to_edit = self._date_edit(today)
        self.from_edit.dateChanged.connect(self._on_period_edited)
        self.to_edit.dateChanged.connect(self._on_to_edited)
        self.running_check = QCheckBox(self.tr("Running only"))
        self.running_check.toggled.connect(self.runningOnlyChanged)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Write the sessions shown to a CSV file (Ctrl+E)"))
        self.export_button.clicked.connect(self.exportRequested)

        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_edit, 2)
        for label, widget in (
            (self.tr("Charger:"), self.charger_combo),
            (self.tr("From:"), self.from_edit),
            (self.tr("To:"), self.to_edit),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addSpacing(8)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.running_check)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        # Ctrl+E exports while the person is typing in a filter too (an X11 text field
        # would otherwise take it as "end of line").
        for field in (self.filter_edit, self.from_edit, self.to_edit):
            pass_shortcuts(field, EXPORT_KEY)
        self.set_chargers(set())

    def period(self) -> tuple[datetime, datetime]:
        """The chosen days as UTC bounds: from the first day's start to the last day's end."""
        first = self.from_edit.date().toPython()
        last = self.to_edit.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return local_midnight(first), local_midnight(last + timedelta(days=1))

    def period_valid(self) -> bool:
        """False while From is after To."""
        return self.from_edit.date() <= self.to_edit.date()

    def add_chargers(self, charger_ids: set[str]) -> None:
        """Offer these chargers too (the list only grows)."""
        if not charger_ids <= self._chargers:
            self.set_chargers(self._chargers | charger_ids)

    def set_chargers(self, charger_ids: set[str]) -> None:
        """Offer exactly these chargers, keeping the one chosen when it is still there."""
        self._chargers = set(charger_ids)
        combo = self.charger_combo
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All chargers"), None)
        for charger_id in sorted(self._chargers, key=str.casefold):
            combo.addItem(charger_id, charger_id)
        found = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if found < 0:
            self.chargerChanged.emit(None)

    def follow_today(self) -> None:
        """After midnight, move the To date on so today's sessions stay in view."""
        today = QDate.currentDate()
        if self._to_follows_today and self.to_edit.date() != today:
            self.to_edit.setDate(today)

    def focus_filter(self) -> None:
        """Put the cursor in the text filter, its text selected."""
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _date_edit(self, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(locale_format.date_edit_format())
        return edit

    def _on_text_settled(self) -> None:
        self.textChanged.emit(self.filter_edit.text())

    def _on_charger_chosen(self, index: int) -> None:
        self.chargerChanged.emit(self.charger_combo.itemData(index))

    def _on_to_edited(self, day: QDate) -> None:
        self._to_follows_today = day == QDate.currentDate()
        self._on_period_edited()

    def _on_period_edited(self) -> None:
        if self.period_valid():
            self.periodChanged.emit(*self.period())
        else:
            self.periodInvalid.emit()
