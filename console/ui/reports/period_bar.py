"""The period picker of the Reports tab: ready-made periods or custom From/To dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QWidget,
)

from console.services.formatting import local_today
from console.ui import locale_format
from console.ui.message_bar import hold_place
from console.ui.reports.period import PeriodChoice, days_of
from console.ui.reports.words import period_word

DEFAULT_PERIOD = PeriodChoice.LAST_30_DAYS


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _python_date(day: QDate) -> date:
    value = day.toPython()
    assert isinstance(value, date)
    return value


class ReportsPeriodBar(QWidget):
    """A period choice and the From/To dates it means; editing a date makes it "Custom".

    Also holds the "Working…" sign shown while a report is read.
    """

    periodChanged = Signal(object, object)  # first day, last day (local dates, inclusive)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._setting = False  # dates being set from a ready-made choice
        self.period_combo = QComboBox()
        for choice in PeriodChoice:
            self.period_combo.addItem(period_word(choice), choice)
        self.from_edit = self._date_edit()
        self.to_edit = self._date_edit()
        self.working_label = QLabel(self.tr("Working…"))
        self.working_bar = QProgressBar()
        self.working_bar.setRange(0, 0)  # busy, with no known end
        self.working_bar.setMaximumWidth(90)
        self.working_bar.setMaximumHeight(12)
        self.working_bar.setTextVisible(False)
        self.invalid_label = QLabel(self.tr("⚠ From is after To"))
        self.invalid_label.hide()
        for shown_sometimes in (self.invalid_label, self.working_label, self.working_bar):
            hold_place(shown_sometimes)  # the period's buttons do not shift sideways

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("&Period:"))
        caption.setBuddy(self.period_combo)
        layout.addWidget(caption)
        layout.addWidget(self.period_combo)
        for text, edit in ((self.tr("From:"), self.from_edit), (self.tr("To:"), self.to_edit)):
            label = QLabel(text)
            label.setBuddy(edit)
            layout.addSpacing(8)
            layout.addWidget(label)
            layout.addWidget(edit)
        layout.addSpacing(8)
        layout.addWidget(self.invalid_label)
        layout.addStretch(1)
        layout.addWidget(self.working_label)
        layout.addWidget(self.working_bar)
        self.set_working(False)

        self.period_combo.setCurrentIndex(self.period_combo.findData(DEFAULT_PERIOD))
        self._apply_choice(DEFAULT_PERIOD)
        self.period_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.from_edit.dateChanged.connect(self._on_date_edited)
        self.to_edit.dateChanged.connect(self._on_date_edited)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(locale_format.date_edit_format())
        return edit

    # --- the period ---------------------------------------------------------------------

    def choice(self) -> PeriodChoice:
        """The ready-made period chosen, or CUSTOM."""
        return PeriodChoice(self.period_combo.currentData())

    def days(self) -> tuple[date, date]:
        """The first and last day of the period (local, both included)."""
        return _python_date(self.from_edit.date()), _python_date(self.to_edit.date())

    def valid(self) -> bool:
        """False while From is after To."""
        return self.from_edit.date() <= self.to_edit.date()

    def choose(self, choice: PeriodChoice) -> None:
        """Pick a ready-made period (as a person would)."""
        self.period_combo.setCurrentIndex(self.period_combo.findData(choice))

    def set_days(self, first: date, last: date) -> None:
        """Pick custom dates (as a person would)."""
        self.from_edit.setDate(_qdate(first))
        self.to_edit.setDate(_qdate(last))

    def refresh_today(self) -> None:
        """Move a ready-made period on after the site's midnight (today is part of it)."""
        choice = self.choice()
        if choice is not PeriodChoice.CUSTOM and days_of(choice, local_today()) != self.days():
            self._apply_choice(choice)
            self._emit()

    def set_working(self, working: bool) -> None:
        """Show or hide the "Working…" sign."""
        self.working_label.setVisible(working)
        self.working_bar.setVisible(working)

    # --- reactions ----------------------------------------------------------------------

    def _apply_choice(self, choice: PeriodChoice) -> None:
        if choice is PeriodChoice.CUSTOM:
            return
        first, last = days_of(choice, local_today())
        self._setting = True
        self.from_edit.setDate(_qdate(first))
        self.to_edit.setDate(_qdate(last))
        self._setting = False

    def _on_choice_changed(self, _index: int) -> None:
        self._apply_choice(self.choice())
        self._emit()

    def _on_date_edited(self, _day: QDate) -> None:
        if self._setting:
            return
        if self.choice() is not PeriodChoice.CUSTOM:
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(self.period_combo.findData(PeriodChoice.CUSTOM))
            self.period_combo.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self.invalid_label.setVisible(not self.valid())
        if self.valid():
            self.periodChanged.emit(*self.days())
