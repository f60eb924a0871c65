"""Import cards from a CSV file: pick it, see every change and problem, then import.

Nothing is written until the person presses Import: the plan is read in a worker thread
and shown first, with problem rows (and their line numbers) that will be skipped.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.model import Card
from console.services.card_csv import (
    CardChange,
    ImportPlan,
    ImportResult,
    PersonChange,
    card_fields,
)
from console.ui.cards.import_preview import (
    ImportPreviewModel,
    PreviewColumn,
    PreviewKind,
    PreviewRow,
)
from console.ui.cards.table import build_table
from console.ui.engine_client import EngineClient
from console.ui.message_bar import hold_place
from console.ui.tasks import TaskKeeper


def preview_rows(plan: ImportPlan) -> list[PreviewRow]:
    """The plan's added and changed cards, people and problems as preview lines."""
    rows: list[PreviewRow] = []
    for change in plan.added:
        rows.append(PreviewRow(PreviewKind.ADDED, change.line, change.id_tag, _added_text(change)))
    for change in plan.changed:
        rows.append(
            PreviewRow(PreviewKind.CHANGED, change.line, change.id_tag, _changes_text(change))
        )
    for person in plan.person_changes:
        # A person already known whose details change is a change, not a new person.
        kind = PreviewKind.PERSON if person.before is None else PreviewKind.CHANGED
        rows.append(PreviewRow(kind, person.line, person.card, _person_text(person)))
    for problem in plan.problems:
        rows.append(PreviewRow(PreviewKind.PROBLEM, problem.line, problem.card, problem.message))
    return rows


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


def _labels() -> dict[str, str]:
    return {
        "status": _tr("status"),
        "group": _tr("group"),
        "expires": _tr("valid until"),
        "max_sessions": _tr("sessions at once"),
        "owner": _tr("owner"),
        "note": _tr("note"),
        "department": _tr("department"),
        "email": _tr("e-mail"),
        "phone": _tr("phone"),
    }


def _values(card: Card, owner: str | None) -> dict[str, str]:
    values = card_fields(card, None)
    values["owner"] = owner or ""
    if card.max_concurrent == 0:
        values["max_sessions"] = _tr("no limit")
    return values


def _added_text(change: CardChange) -> str:
    values = _values(change.after, change.owner)
    labels = _labels()
    shown = ("status", "group", "owner", "expires", "max_sessions", "note")
    return ", ".join(f"{labels[name]} {values[name]}" for name in shown if values[name])


def _changes_text(change: CardChange) -> str:
    assert change.before is not None
    old = _values(change.before, change.owner_before)
    new = _values(change.after, change.owner)
    labels = _labels()
    return "; ".join(
        f"{labels.get(name, name)}: {old.get(name) or '—'} → {new.get(name) or '—'}"
        for name in change.fields
    )


def _person_text(change: PersonChange) -> str:
    labels = _labels()
    if change.before is None:
        after = change.after
        extra = [getattr(after, name) for name in ("department", "email", "phone")]
        details = ", ".join(value for value in extra if value)
        return after.name + (f" ({details})" if details else "")
    parts = [
        f"{labels.get(name, name)}: {getattr(change.before, name) or '—'} → "
        f"{getattr(change.after, name) or '—'}"
        for name in change.fields
    ]
    return f"{change.after.name}: " + "; ".join(parts)


class ImportDialog(QDialog):
    """Choose a CSV, read its plan off the GUI thread, show it, import on request.

    ``choose_path`` may be replaced (tests do); ``result_text`` says what was imported.
    """

    def __init__(self, client: EngineClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self.result_text = ""
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)  # ends its work when it closes
        self.setWindowTitle(self.tr("Import cards"))
        self.path_label = QLabel(self.tr("No file chosen."))
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.summary_label = QLabel(
            self.tr(
                "Columns: card id, status, valid until, group, sessions at once, owner, "
                "department, e-mail, phone, note. Nothing is written until you press Import."
            )
        )
        self.summary_label.setWordWrap(True)
        self.skip_label = QLabel()
        self.skip_label.setWordWrap(True)
        self.skip_label.setStyleSheet("color:#A33F00; font-weight:bold;")
        self.skip_label.hide()
        hold_place(self.skip_label, lines=2)  # the buttons stay where they are
        self.model = ImportPreviewModel(self)
        samples = ["Line 0", "⚠ Problem: skipped", "04A2B3C4D5E6F7A8"]
        self.table = build_table(self.model, samples)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.path_label, 1)
        top.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skip_label)
        layout.addWidget(self.buttons)
        self.resize(920, 480)

    def choose_path(self) -> str | None:
        """Which CSV to read (an open dialog); None when the person cancels."""
        folder = str(QSettings().value("cards/import_folder", str(Path.home())))
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import cards"), folder, self.tr("CSV files (*.csv);;All files (*)")
        )
        return path or None

    def _on_choose_clicked(self) -> None:
        path = self.choose_path()
        if path:
            self.load(path)

    def load(self, path: str) -> asyncio.Task[None] | None:
        """Read the plan for ``path`` in a worker thread and show it."""
        return self.tasks.start(self._load(path))

    async def _load(self, path: str) -> None:
        self.plan = None
        self.import_button.setEnabled(False)
        self.path_label.setText(path)
        self.summary_label.setText(self.tr("Reading %1…").replace("%1", Path(path).name))
        try:
            plan = await self.client.read(lambda q: q.plan_card_import(Path(path)))
        except Exception as error:  # shown, never swallowed
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            self.model.set_rows([])
            self.summary_label.setText(
                self.tr("⚠ The file could not be read: %1").replace("%1", reason)
            )
            return
        QSettings().setValue("cards/import_folder", str(Path(path).parent))
        self.show_plan(plan)

    def show_plan(self, plan: ImportPlan) -> None:
        """Show what importing ``plan`` would do, and enable Import when it changes anything."""
        self.plan = plan
        self.model.set_rows(preview_rows(plan))
        self.table.resizeColumnToContents(PreviewColumn.LINE)
        self.table.resizeColumnToContents(PreviewColumn.KIND)
        self.table.resizeColumnToContents(PreviewColumn.CARD)
        summary = ", ".join(
            [
                self.tr("%n new card(s)", "", len(plan.added)),
                self.tr("%n changed", "", len(plan.changed)),
                self.tr("%n unchanged", "", plan.unchanged),
                self.tr("%n new person(s)", "", len(plan.new_people)),
                self.tr("%n person(s) changed", "", len(plan.changed_people)),
                self.tr("%n problem(s)", "", len(plan.problems)),
            ]
        )
        warnings = "".join("\n⚠ " + warning for warning in plan.warnings)
        self.summary_label.setText(summary + "." + warnings)
        writes = len(plan.added) + len(plan.changed)
        self.import_button.setEnabled(plan.has_changes)
        self.import_button.setText(self.tr("Import %n card(s)", "", writes))
        if plan.problems:
            skipped = plan.skipped_rows or len(plan.problems)
            self.skip_label.setText(
                self.tr(
                    "⚠ %n row(s) with problems will be skipped; fix the file and choose it again "
                    "to import them.",
                    "",
                    skipped,
                )
            )
            self.skip_label.show()
        else:
            self.skip_label.hide()

    def _on_import_clicked(self) -> None:
        if self.plan is not None:
            self.tasks.start(self.apply())

    async def apply(self) -> None:
        """Import the plan shown; the dialog closes when the engine has stored it."""
        plan = self.plan
        if plan is None:
            return
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        try:
            self.import_result = await self.client.call(
                lambda e: e.cards.import_cards(plan, actor=self.client.actor)
            )
        except Exception as error:  # shown inline; the dialog stays open
            self.skip_label.setText(self.tr("⚠ Nothing was imported: %1").replace("%1", str(error)))
            self.skip_label.show()
            self.import_button.setEnabled(True)
            self.choose_button.setEnabled(True)
            return
        result = self.import_result
        text = self.tr("Imported: %n new card(s)", "", result.added)
        text += self.tr(", %n changed", "", result.changed)
        text += self.tr(", %n unchanged", "", result.unchanged)
        if result.people_added or result.people_changed:
            text += self.tr(", %n new person(s)", "", result.people_added)
            text += self.tr(", %n person(s) changed", "", result.people_changed)
        if result.skipped_rows:
            text += self.tr("; %n row(s) with problems skipped", "", result.skipped_rows)
        self.result_text = text + "."
        self.accept()
