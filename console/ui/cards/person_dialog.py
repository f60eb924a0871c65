"""Add or change a person who owns cards: name, department or cost centre, contact."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.core.model import Person
from console.ui.engine_client import EngineClient
from console.ui.message_bar import hold_place
from console.ui.tasks import TaskKeeper


class PersonDialog(QDialog):
    """Edits one person and saves it through the engine; ``saved`` holds the result.

    The dialog stays open with the reason shown when the person cannot be saved.
    """

    def __init__(
        self,
        client: EngineClient,
        person: Person | None = None,
        departments: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.person = person
        self.saved: Person | None = None
        self._task: asyncio.Task[None] | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        adding = person is None
        self.setWindowTitle(self.tr("New person") if adding else self.tr("Edit person"))
        self.name_edit = QLineEdit(person.name if person else "")
        self.name_edit.setPlaceholderText(self.tr("First and last name"))
        self.department_combo = QComboBox()
        self.department_combo.setEditable(True)
        self.department_combo.addItems(sorted(set(departments or []), key=str.casefold))
        self.department_combo.setCurrentText((person.department or "") if person else "")
        line = self.department_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("e.g. Radiology or CC-4100"))
        self.email_edit = QLineEdit((person.email or "") if person else "")
        self.phone_edit = QLineEdit((person.phone or "") if person else "")
        self.note_edit = QLineEdit((person.note or "") if person else "")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#A33F00; font-weight:bold;")
        self.error_label.hide()
        hold_place(self.error_label, lines=2)  # the buttons stay where they are
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Department or cost centre:"), self.department_combo)
        form.addRow(self.tr("&E-mail:"), self.email_edit)
        form.addRow(self.tr("&Phone:"), self.phone_edit)
        form.addRow(self.tr("N&ote:"), self.note_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def person_entered(self) -> Person:
        """The person as the form describes it (not saved)."""
        base = self.person or Person(None, "")
        return replace(
            base,
            name=self.name_edit.text().strip(),
            department=_or_none(self.department_combo.currentText()),
            email=_or_none(self.email_edit.text()),
            phone=_or_none(self.phone_edit.text()),
            note=_or_none(self.note_edit.text()),
        )

    def show_error(self, text: str) -> None:
        """Say inline why the person cannot be saved."""
        self.error_label.setText("⚠ " + text)
        self.error_label.show()

    def save(self) -> asyncio.Task[None] | None:
        """Check and save; the dialog closes when the engine has stored the person."""
        self._task = self.tasks.start(self._save())
        return self._task

    def _on_save_clicked(self) -> None:
        self.save()

    async def _save(self) -> None:
        person = self.person_entered()
        if not person.name:
            self.show_error(self.tr("A person needs a name."))
            self.name_edit.setFocus()
            return
        self.buttons.setEnabled(False)
        try:
            self.saved = await self.client.call(
                lambda e: e.cards.save_person(person, actor=self.client.actor)
            )
        except Exception as error:  # shown inline: the dialog stays open to fix it
            self.show_error(self.tr("The person could not be saved: %1").replace("%1", str(error)))
            return
        finally:
            self.buttons.setEnabled(True)
        self.accept()


def _or_none(text: str) -> Any:
    return text.strip() or None
