"""The audit log page (admins): who did what, when, from where; export; chain check.

Entries are read a page at a time by the audit service in a worker thread (never on the
GUI thread or the engine loop), newest first. "Check the chain" walks the whole log and
says in words whether any entry was changed or deleted after it was written.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.audit import AuditEntry
from console.core.staff import Actor, Permission, PermissionDenied
from console.services.audit_log import AuditFilter, ChainReport, ExportFormat
from console.services.formatting import local_start_of, local_today
from console.ui import locale_format
from console.ui.engine_client import EngineClient
from console.ui.keyboard import DeskTableView
from console.ui.message_bar import OutcomeBanner
from console.ui.staff.calls import engine_call, launch_soon
from console.ui.staff.models import AuditEntriesModel
from console.ui.staff.roles import allow, permitted, refusal_text
from console.ui.tasks import TaskKeeper

PAGE_SIZE = 200


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditLog", text)


def chain_words(report: ChainReport) -> str:
    """ "12,345 entries, intact" or each break: "entry 17 changed after it was written"."""
    count = f"{report.entries:,}"
    if report.intact:
        return _tr("%1 entries, intact").replace("%1", count)
    said = []
    for problem in report.problems:
        text = problem.problem
        if not text.startswith(("entry", "entries", "the ")):
            text = f"entry {problem.seq} {text}"
        said.append(text)
    shown = "; ".join(said[:5])
    if len(said) > 5:
        shown += "; " + _tr("and %1 more").replace("%1", str(len(said) - 5))
    return _tr("%1 entries, broken: %2").replace("%1", count).replace("%2", shown)


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(locale_format.date_edit_format())
    return edit


class AuditLogPage(QWidget):
    """Filters, a page of entries, Newer/Older, Export… and Check the chain."""

    def __init__(self, client: EngineClient) -> None:
        super().__init__()
        self.client = client
        self.tasks = TaskKeeper(self)
        self.offset = 0
        self.more = False
        self.model = AuditEntriesModel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # the text is looked for in every column
        self.table = DeskTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        today = local_today()
        self.person = QLineEdit()
        self.person.setPlaceholderText(self.tr("anyone"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("e.g. card. or staff.login"))
        self.action.setMinimumWidth(170)
        self.use_dates = QCheckBox(self.tr("From"))
        self.since = _date_edit(today - timedelta(days=30))
        self.until = _date_edit(today)
        for edit in (self.since, self.until):
            edit.setEnabled(False)
            self.use_dates.toggled.connect(edit.setEnabled)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("find on this page"))
        self.text.setClearButtonEnabled(True)
        self.text.textChanged.connect(self.proxy.setFilterFixedString)
        self.apply_button = QPushButton(self.tr("Show"))
        self.apply_button.setDefault(True)
        for field in (self.person, self.action):
            field.returnPressed.connect(self._on_apply)
        self.apply_button.clicked.connect(self._on_apply)
        self.newer_button = QPushButton(self.tr("◀ Newer"))
        self.newer_button.clicked.connect(lambda: self.tasks.launch(self.newer))
        self.older_button = QPushButton(self.tr("Older ▶"))
        self.older_button.clicked.connect(lambda: self.tasks.launch(self.older))
        self.page_label = QLabel()
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(lambda: self.tasks.launch(self.export))
        self.check_button = QPushButton(self.tr("Check the chain"))
        self.check_button.setToolTip(
            self.tr("Verify that no entry was changed or deleted after it was written")
        )
        self.check_button.clicked.connect(lambda: self.tasks.launch(self.check))
        self.chain_label = QLabel()
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.admin_only = QLabel()
        self.admin_only.setStyleSheet("color:#5A6B7B;")
        self.bar = OutcomeBanner()
        for control in (self.apply_button, self.export_button, self.check_button):
            allow(client, control, Permission.AUDIT)
        self._lay_out()
        client.actor_changed.changed.connect(self._on_actor_changed)
        self._on_actor_changed(client.actor)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Person")))
        filters.addWidget(self.person)
        filters.addWidget(QLabel(self.tr("Action")))
        filters.addWidget(self.action)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        filters.addWidget(self.apply_button)
        filters.addSpacing(12)
        filters.addWidget(self.text, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.newer_button)
        tools.addWidget(self.older_button)
        tools.addWidget(self.page_label)
        tools.addStretch(1)
        tools.addWidget(self.admin_only)
        tools.addWidget(self.chain_label)
        tools.addWidget(self.check_button)
        tools.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(tools)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)

    # ------------------------------------------------------------------ state

    def wanted(self) -> AuditFilter:
        """The filter the fields describe (dates are whole days in the site's zone)."""
        since = until = None
        if self.use_dates.isChecked():
            since = local_start_of(self.since.date().toPython())  # type: ignore[arg-type]
            last: date = self.until.date().toPython()  # type: ignore[assignment]
            until = local_start_of(last + timedelta(days=1))
        return AuditFilter(
            since=since,
            until=until,
            actor=self.person.text().strip() or None,
            action=self.action.text().strip() or None,
        )

    def _on_actor_changed(self, _actor: Actor) -> None:
        allowed = permitted(self.client, Permission.AUDIT)
        self.admin_only.setText("" if allowed else self.tr("The audit log is for admins."))
        if not allowed:
            self.model.set_entries([])
            self.chain_label.clear()
        self._update_paging()
        if allowed and self.isVisible():
            self.tasks.launch(self.reload)

    def _update_paging(self) -> None:
        allowed = permitted(self.client, Permission.AUDIT)
        self.newer_button.setEnabled(allowed and self.offset > 0)
        self.older_button.setEnabled(allowed and self.more)
        count = self.model.rowCount()
        if count:
            self.page_label.setText(
                self.tr("entries %1 to %2")
                .replace("%1", f"{self.offset + 1:,}")
                .replace("%2", f"{self.offset + count:,}")
            )
        else:
            self.page_label.setText(self.tr("no entries") if allowed else "")

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Read the newest page whenever the page is shown."""
        super().showEvent(event)
        if permitted(self.client, Permission.AUDIT):
            launch_soon(self.tasks, self.reload, self)

    def _on_apply(self) -> None:
        self.offset = 0
        self.tasks.launch(self.reload)

    # ------------------------------------------------------------------ reading

    async def reload(self) -> list[AuditEntry]:
        """Read the page at ``offset`` with the filters (one entry more: is there more?)."""
        wanted, actor, offset = self.wanted(), self.client.actor, self.offset
        try:
            entries: list[AuditEntry] = await engine_call(
                self.client,
                lambda e: e.audit.entries(wanted, actor=actor, limit=PAGE_SIZE + 1, offset=offset),
            )
        except PermissionDenied as error:
            self.bar.show_error(refusal_text(error))
            return []
        except Exception as error:
            self.bar.show_error(self.tr("The audit log was not read: %1").replace("%1", str(error)))
            return []
        self.more = len(entries) > PAGE_SIZE
        self.model.set_entries(entries[:PAGE_SIZE])
        self._update_paging()
        return self.model.entries

    async def newer(self) -> None:
        """The page of newer entries."""
        self.offset = max(0, self.offset - PAGE_SIZE)
        await self.reload()

    async def older(self) -> None:
        """The page of older entries."""
        if self.more:
            self.offset += PAGE_SIZE
            await self.reload()

    # ------------------------------------------------------------------ tools

    def choose_export_path(self) -> tuple[str, ExportFormat]:
        """Ask where to write the export and as what ("csv" or "jsonl"); "" to cancel."""
        csv_filter = self.tr("CSV (*.csv)")
        jsonl_filter = self.tr("JSON lines (*.jsonl)")
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the audit log"),
            str(Path.home() / f"audit-log-{local_today():%Y-%m-%d}.csv"),
            f"{csv_filter};;{jsonl_filter}",
        )
        if not path:
            return "", "csv"
        kind: ExportFormat = "jsonl" if chosen == jsonl_filter or path.endswith(".jsonl") else "csv"
        return path, kind

    async def export(self) -> int:
        """Write the entries the filters match (every page) to a file."""
        path, kind = self.choose_export_path()
        if not path:
            return 0
        wanted, actor = self.wanted(), self.client.actor
        self.bar.show_working(self.tr("Exporting the audit log…"))
        try:
            count: int = await engine_call(
                self.client,
                lambda e: e.audit.export(Path(path), wanted, actor=actor, file_format=kind),
            )
        except PermissionDenied as error:
            self.bar.show_error(refusal_text(error))
            return 0
        except Exception as error:
            self.bar.show_error(
                self.tr(
                    "The audit log was not exported: %1. Choose another folder and try again."
                ).replace("%1", str(error))
            )
            return 0
        self.bar.show_done(
            self.tr("%1 entries written to %2").replace("%1", f"{count:,}").replace("%2", path)
        )
        return count

    async def check(self) -> ChainReport | None:
        """Verify the whole chain and say the result in words."""
        self.chain_label.setText(self.tr("checking…"))
        try:
            report: ChainReport = await engine_call(self.client, lambda e: e.audit.check())
        except Exception as error:
            self.chain_label.clear()
            self.bar.show_error(self.tr("The chain was not checked: %1").replace("%1", str(error)))
            return None
        words = chain_words(report)
        self.chain_label.setText(("✓ " if report.intact else "⚠ ") + words)
        self.chain_label.setStyleSheet(
            "color:#0B3D2A;" if report.intact else "color:#B23A00; font-weight:bold;"
        )
        if not report.intact:
            self.bar.show_attention(
                self.tr("The audit log was changed after it was written: %1").replace("%1", words)
            )
        return report
