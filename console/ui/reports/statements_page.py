"""Monthly statements per person or per department, saved as PDF or CSV."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from console.core.model import Person
from console.services.formatting import local_today
from console.services.pdf.statement import render_statement_pdf
from console.services.statements import Statement, write_statement_csv
from console.ui import locale_format
from console.ui.reports.files import ReportFiles
from console.ui.reports.latest import LatestRead, Reader, Superseded
from console.ui.reports.source import departments_read, people_read, site_read, statement_read
from console.ui.tasks import TaskKeeper


def statement_summary(statement: Statement) -> str:
    """What a statement holds, in one line: sessions, energy and the totals per currency."""
    locale = QLocale()
    parts = [
        QCoreApplication.translate("Reports", "%n billed session(s)", "", len(statement.lines)),
        locale.toString(float(statement.energy_kwh), "f", 1) + " kWh",
    ]
    parts += [locale_format.format_money(total.gross, total.currency) for total in statement.totals]
    return " · ".join(parts)


def last_month(today: date) -> QDate:
    """The first day of the month before ``today``'s (statements are for closed months)."""
    return QDate(today.year, today.month, 1).addMonths(-1)


class StatementsPage(QWidget):
    """Pick a month and a person or a department; see what the statement holds; save it."""

    previewed = Signal(object)  # the Statement now summarised (None: nothing chosen)
    failed = Signal(str)

    def __init__(self, client: Reader, files: ReportFiles, parent: Any = None) -> None:
        super().__init__(parent)
        self.client = client
        self.files = files
        self.reads = LatestRead(client, self)
        self.people_reads = LatestRead(client, self)
        self.departments_reads = LatestRead(client, self)
        self.statement: Statement | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self._people_loaded = False
        self._build()

    def _build(self) -> None:
        self.month_edit = QDateEdit(last_month(local_today()))
        self.month_edit.setDisplayFormat("MMMM yyyy")
        self.month_edit.setCurrentSection(QDateEdit.Section.MonthSection)
        self.month_edit.dateChanged.connect(self._on_month_changed)
        self.person_radio = QRadioButton(self.tr("&Person:"))
        self.department_radio = QRadioButton(self.tr("&Department:"))
        self.person_radio.setChecked(True)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.person_radio)
        self.kind_group.addButton(self.department_radio)
        self.person_radio.toggled.connect(self._on_kind_toggled)
        self.person_combo = QComboBox()
        self.person_combo.setMinimumContentsLength(28)
        self.person_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.department_combo = QComboBox()
        self.department_combo.setEditable(True)  # bills keep old departments; type any
        self.department_combo.setMinimumContentsLength(28)
        self.department_combo.setToolTip(
            self.tr(
                "Every department or cost centre billed in the month, also one nobody "
                "belongs to any more"
            )
        )
        self.department_combo.currentTextChanged.connect(self._on_choice_changed)
        self.department_combo.setEnabled(False)

        form = QFormLayout()
        form.addRow(self.tr("&Month:"), self.month_edit)
        form.addRow(self.person_radio, self.person_combo)
        form.addRow(self.department_radio, self.department_combo)

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.pdf_button = QPushButton(self.tr("Save PDF…"))
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.csv_button = QPushButton(self.tr("Save CSV…"))
        self.csv_button.clicked.connect(self._on_csv_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.csv_button)
        buttons.addStretch(1)
        explanation = QLabel(
            self.tr(
                "A statement lists the sessions billed in the month, with their receipts, "
                "grouped by person. A department's statement charges back to the "
                "department the driver belonged to when the session was billed."
            )
        )
        explanation.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(explanation)
        layout.addSpacing(6)
        chooser = QWidget()
        chooser.setLayout(form)
        chooser.setMaximumWidth(720)  # a form across a wide screen is hard to follow
        layout.addWidget(chooser)
        layout.addSpacing(6)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._update_buttons()

    # --- the choice ---------------------------------------------------------------------

    def month(self) -> tuple[int, int]:
        """The year and month chosen."""
        chosen = self.month_edit.date()
        return chosen.year(), chosen.month()

    def subject(self) -> tuple[int | None, str | None]:
        """(person id, None) or (None, department); (None, None) when nothing is chosen."""
        if self.person_radio.isChecked():
            person_id = self.person_combo.currentData()
            return (int(person_id), None) if person_id is not None else (None, None)
        department = self.department_combo.currentText().strip()
        return (None, department) if department else (None, None)

    def set_people(self, people: list[Person]) -> None:
        """Offer these people, keeping who was chosen."""
        chosen_person = self.person_combo.currentData()
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        for person in sorted(people, key=lambda p: p.name.casefold()):
            label = person.name + (f" — {person.department}" if person.department else "")
            if person.retired:
                label += self.tr(" (retired)")
            self.person_combo.addItem(label, person.id)
        found = self.person_combo.findData(chosen_person) if chosen_person is not None else 0
        self.person_combo.setCurrentIndex(max(found, 0))
        self.person_combo.blockSignals(False)
        self._people_loaded = True
        self.refresh()

    def set_departments(self, departments: list[str]) -> None:
        """Offer the departments billed in the month (from the bills, not from who works
        where today: a cost centre a person left still has its months). The one chosen
        stays when the month has it, else the first is chosen (a statement of nothing
        would say little); typed text stays when the month offers none."""
        chosen = self.department_combo.currentText().strip()
        offered = {name.casefold(): name for name in departments}
        if chosen.casefold() in offered:
            keep = offered[chosen.casefold()]
        else:
            keep = departments[0] if departments else chosen
        self.department_combo.blockSignals(True)
        self.department_combo.clear()
        self.department_combo.addItems(departments)
        self.department_combo.setEditText(keep)
        self.department_combo.blockSignals(False)

    # --- loading ------------------------------------------------------------------------

    def load_people(self) -> asyncio.Task[Any] | None:
        """Read the people and the month's departments (for the pickers) in a worker
        thread."""
        return self.tasks.start(self._load_people())

    async def _load_people(self) -> None:
        try:
            people = await self.people_reads.read(people_read())
            departments = await self.departments_reads.read(departments_read(*self.month()))
        except Superseded:
            return
        except Exception as error:  # shown, never swallowed
            self.failed.emit(self.tr("People could not be read: %1").replace("%1", str(error)))
            return
        self.set_departments(departments)
        self.set_people(people)

    def load_departments(self) -> asyncio.Task[Any] | None:
        """Read the chosen month's departments again, then its statement."""
        return self.tasks.start(self._load_departments())

    async def _load_departments(self) -> None:
        try:
            departments = await self.departments_reads.read(departments_read(*self.month()))
        except Superseded:
            return
        except Exception as error:  # shown, never swallowed
            self.failed.emit(self.tr("Departments could not be read: %1").replace("%1", str(error)))
            return
        self.set_departments(departments)
        self.refresh()

    def refresh(self) -> asyncio.Task[Any] | None:
        """Read the chosen statement again to say what it holds."""
        self.statement = None  # never save the statement of an earlier choice
        self._update_buttons()
        return self.tasks.start(self._preview())

    async def _preview(self) -> None:
        person_id, department = self.subject()
        if person_id is None and department is None:
            self.reads.supersede()
            self._show(None)
            return
        year, month = self.month()
        self.summary_label.setText(self.tr("Reading the statement…"))
        try:
            statement = await self.reads.read(statement_read(year, month, person_id, department))
        except Superseded:
            return
        except Exception as error:  # shown, never swallowed
            self._show(
                None, self.tr("⚠ The statement could not be read: %1").replace("%1", str(error))
            )
            return
        self._show(statement)

    def _show(self, statement: Statement | None, problem: str = "") -> None:
        self.statement = statement
        if statement is None:
            self.summary_label.setText(problem or self.tr("Choose a person or a department."))
        else:
            when = QLocale().toString(QDate(statement.year, statement.month, 1), "MMMM yyyy")
            self.summary_label.setText(
                f"{statement.subject}, {when}: {statement_summary(statement)}"
            )
        self._update_buttons()
        self.previewed.emit(statement)

    def _update_buttons(self) -> None:
        ready = self.statement is not None
        self.pdf_button.setEnabled(ready)
        self.csv_button.setEnabled(ready)

    # --- saving -------------------------------------------------------------------------

    def _file_name(self, statement: Statement, suffix: str) -> str:
        subject = "".join(c if c.isalnum() else "-" for c in statement.subject).strip("-")
        return f"statement_{statement.period}_{subject}.{suffix}"

    def save_pdf(self) -> asyncio.Task[Any] | None:
        """Ask where, then write the statement shown as a PDF (in a worker thread)."""
        return self._save("pdf", self.tr("PDF files (*.pdf)"), self._write_pdf)

    def save_csv(self) -> asyncio.Task[Any] | None:
        """Ask where, then write the statement shown as CSV (in a worker thread)."""
        return self._save("csv", self.tr("CSV files (*.csv)"), self._write_csv)

    def _save(
        self,
        suffix: str,
        file_filter: str,
        job: Callable[[Statement, str], Coroutine[Any, Any, int | None]],
    ) -> asyncio.Task[Any] | None:
        statement = self.statement
        if statement is None:
            return None
        path = self.files.choose_path(
            self.tr("Save statement"),
            self.files.suggested(self._file_name(statement, suffix)),
            file_filter,
        )
        if not path:
            return None
        return self.tasks.start(job(statement, path))

    async def _write_pdf(self, statement: Statement, path: str) -> int | None:
        try:
            site = await self.client.read(site_read())  # the letterhead
        except Exception as error:  # shown, never swallowed
            self.failed.emit(
                self.tr("The site's details could not be read: %1").replace("%1", str(error))
            )
            return None

        def write(target: Path) -> int:
            render_statement_pdf(statement, target, site, statement.tz)
            return len(statement.lines)

        return await self.files.save(path, write)

    async def _write_csv(self, statement: Statement, path: str) -> int | None:
        return await self.files.save(
            path, lambda target: write_statement_csv(statement, target, statement.tz)
        )

    # --- reactions ----------------------------------------------------------------------

    def _on_kind_toggled(self, person: bool) -> None:
        self.person_combo.setEnabled(person)
        self.department_combo.setEnabled(not person)
        self.refresh()

    def _on_choice_changed(self, *_args: Any) -> None:
        if self._people_loaded:
            self.refresh()

    def _on_month_changed(self, *_args: Any) -> None:
        if self._people_loaded:
            self.statement = None  # never save the statement of the month before
            self._update_buttons()
            self.load_departments()

    def _on_pdf_clicked(self) -> None:
        self.save_pdf()

    def _on_csv_clicked(self) -> None:
        self.save_csv()
