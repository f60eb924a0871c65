"""The service report dialog: a charger, a period, the technician's notes, Save PDF…"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.alarms import TechnicianNote
from console.core.staff import Permission
from console.services.formatting import local_start_of
from console.ui import locale_format
from console.ui.engine_client import EngineClient
from console.ui.locale_format import format_local
from console.ui.plots.tasks import TaskKeeper
from console.ui.reports.files import FOLDER_KEY, write_atomically
from console.ui.role_controls import gate
from console.ui.site_mirror import SiteMirror
from console.ui.technician.charger_choice import ChargerChoice

DEFAULT_DAYS = 30


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ServiceReportDialog(QDialog):
    """Choose a charger and a period, add notes, save the report as a PDF.

    ``choose_path`` may be replaced (tests do) to answer without a file dialog.
    """

    def __init__(
        self,
        client: EngineClient,
        mirror: SiteMirror,
        charger_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.tasks = TaskKeeper()
        self.notes: list[TechnicianNote] = []
        self.setWindowTitle(self.tr("Service report"))
        self.resize(560, 520)
        self.charger = ChargerChoice(mirror)
        self.charger.combo.setToolTip(self.tr("The charger the report is about"))
        self.charger.chosen.connect(self._on_charger_chosen)
        today = date.today()
        self.since = QDateEdit(_qdate(today - timedelta(days=DEFAULT_DAYS)))
        self.until = QDateEdit(_qdate(today))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(locale_format.date_edit_format())
        period = QHBoxLayout()
        period.addWidget(self.since)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.until)
        period.addStretch(1)
        self.note_list = QListWidget()
        self.note_list.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("What was found and done on this visit…"))
        self.note_edit.setMaximumHeight(90)
        self.add_note_button = QPushButton(self.tr("Add note"))
        self.add_note_button.clicked.connect(self._on_add_note)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.charger)
        form.addRow(self.tr("Period:"), period)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Technician's notes:")))
        layout.addWidget(self.note_list, 1)
        layout.addWidget(self.note_edit)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_note_button)
        layout.addLayout(add_row)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        if charger_id:
            self.charger.choose(charger_id)
        self._update_buttons()

    # ------------------------------------------------------------------ period

    def period(self) -> tuple[datetime, datetime]:
        """The chosen days as ``[start of first, start of the day after the last)``, UTC."""
        first = self.since.date().toPython()
        last = self.until.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        if last < first:
            first, last = last, first
        return local_start_of(first), local_start_of(last + timedelta(days=1))

    def _update_buttons(self) -> None:
        chosen = self.charger.charger_id is not None
        gate(self.client, self.add_note_button, Permission.ALARMS, chosen)
        self.save_button.setEnabled(chosen)

    # ------------------------------------------------------------------ notes

    def _on_charger_chosen(self, _charger_id: str) -> None:
        self._update_buttons()
        self.tasks.launch(self.load_notes)

    async def load_notes(self) -> list[TechnicianNote]:
        """Show the chosen charger's notes."""
        charger_id = self.charger.charger_id
        if charger_id is None:
            return []
        self.notes = await self.client.read(lambda q: q.technician_notes(charger_id))
        self.note_list.clear()
        for note in self.notes:
            author = f" — {note.author}" if note.author else ""
            self.note_list.addItem(f"{format_local(note.at)}{author}\n{note.text}")
        return self.notes

    def _on_add_note(self) -> None:
        self.tasks.launch(self.add_note)

    async def add_note(self) -> TechnicianNote | None:
        """Store the note being written for the chosen charger."""
        charger_id = self.charger.charger_id
        text = self.note_edit.toPlainText().strip()
        if charger_id is None or not text:
            self.status.setText(self.tr("⚠ Write a note first."))
            return None
        actor = self.client.actor
        try:
            note = await self.client.call(
                lambda engine: engine.notes.add(charger_id, text, actor=actor)
            )
        except Exception as error:  # refused (no permission) or failed: shown
            self.status.setText(self.tr("⚠ The note was not added: %1").replace("%1", str(error)))
            return None
        self.note_edit.clear()
        self.status.setText(self.tr("✔ Note added."))
        await self.load_notes()
        return note

    # ------------------------------------------------------------------ saving

    def choose_path(self, suggested: str) -> str | None:
        """Where to save (a save dialog); None when the person cancels."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save service report"), suggested, self.tr("PDF files (*.pdf)")
        )
        return path or None

    def _on_save(self) -> None:
        charger_id = self.charger.charger_id
        if charger_id is None:
            return
        folder = QSettings().value(FOLDER_KEY, str(Path.home()))
        day = self.until.date().toString("yyyy-MM-dd")
        path = self.choose_path(str(Path(str(folder)) / f"service-report-{charger_id}-{day}.pdf"))
        if path:
            self.tasks.launch(lambda: self.save_pdf(Path(path)))

    async def save_pdf(self, path: Path) -> bool:
        """Write the report of the chosen charger and period to ``path``; says how it went."""
        charger_id = self.charger.charger_id
        if charger_id is None:
            return False
        since, until = self.period()
        self.status.setText(self.tr("Writing %1…").replace("%1", str(path)))

        def write(target: Path) -> int:
            self.client.queries.save_service_report(charger_id, since, until, target)
            return 1

        try:
            await self.client.read(lambda _q: write_atomically(path, write))
        except Exception as error:  # shown to the person, never swallowed
            self.status.setText(
                self.tr("✖ The report could not be saved: %1").replace("%1", str(error))
            )
            return False
        QSettings().setValue(FOLDER_KEY, str(path.parent))
        self.status.setText(self.tr("✔ Saved %1").replace("%1", str(path)))
        return True
