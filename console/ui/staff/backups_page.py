"""The Backups page of the Admin tab: the daily backup's settings, the last backup,
"Back up now", and how to put a copy back.

An admin changes the settings; a technician or an admin backs up now (the services
check it again). The copy is made by the engine in a worker thread, so the console and
the chargers go on while it runs; the page shows the outcome in words.
"""

from __future__ import annotations

import asyncio
from datetime import time
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from console.core.staff import Actor, Permission, PermissionDenied
from console.services.backup_settings import MAX_KEEP, BackupSettings, BackupStatus
from console.ui.engine_client import EngineClient
from console.ui.locale_format import format_local, size_text
from console.ui.message_bar import OutcomeBanner
from console.ui.staff.calls import engine_call, launch_soon
from console.ui.staff.forms import failure_words
from console.ui.staff.roles import allow, refusal_text
from console.ui.tasks import TaskKeeper

CONTEXT = "BackupsPage"
_GREY = "color:#5A6B7B;"


def tr(text: str) -> str:
    """``text`` in the console's language."""
    return QCoreApplication.translate(CONTEXT, text)


def status_words(status: BackupStatus | None) -> str:
    """The last backup in one sentence."""
    if status is None:
        return tr("No backup has been made yet.")
    how = tr("automatic") if status.automatic else tr("by hand")
    if status.ok:
        return (
            tr("%1 (%2): %3, %4.")
            .replace("%1", format_local(status.at))
            .replace("%2", how)
            .replace("%3", status.file)
            .replace("%4", size_text(status.size))
        )
    return (
        tr("%1 (%2): FAILED: %3. The copy was to be %4.")
        .replace("%1", format_local(status.at))
        .replace("%2", how)
        .replace("%3", status.outcome)
        .replace("%4", status.file)
    )


class BackupsPage(QWidget):
    """Settings of the daily backup, the last backup, "Back up now" and how to restore."""

    def __init__(self, client: EngineClient) -> None:
        super().__init__()
        self.client = client
        self.tasks = TaskKeeper(self)
        self.current: BackupSettings | None = None
        self.bar = OutcomeBanner()
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(tr("a “backups” folder beside the database"))
        self.choose_button = QPushButton(tr("Choose…"))
        self.choose_button.clicked.connect(self._choose_folder)
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setMaximumWidth(120)
        self.keep = QSpinBox()
        self.keep.setRange(1, MAX_KEEP)
        self.keep.setMaximumWidth(120)
        self.save_button = QPushButton(tr("Save"))
        self.save_button.clicked.connect(lambda: self.tasks.launch(self.save))
        self.last = QLabel(tr("No backup has been made yet."))
        self.last.setWordWrap(True)
        self.last.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.now_button = QPushButton(tr("Back up now"))
        self.now_button.clicked.connect(lambda: self.tasks.launch(self.back_up_now))
        self.restore_help = QLabel(
            tr(
                "To put a copy back, close ChargeDesk (and stop its service), then run "
                "`chargedesk restore FILE` as the account that owns the database. The "
                "database it replaces is kept beside it."
            )
        )
        self.restore_help.setWordWrap(True)
        self.restore_help.setStyleSheet(_GREY)
        self.restore_help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._lay_out()
        for control in (self.folder, self.choose_button, self.time, self.keep, self.save_button):
            allow(client, control, Permission.SITE)
        client.actor_changed.changed.connect(self._on_actor_changed)
        self._on_actor_changed(client.actor)

    def _lay_out(self) -> None:
        settings = QGroupBox(tr("Daily backup"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(tr("Folder"), folder_row)
        form.addRow(tr("Time of day (site time)"), self.time)
        form.addRow(tr("Copies kept"), self.keep)
        inner = QHBoxLayout(settings)
        inner.addLayout(form, 1)
        inner.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        last = QGroupBox(tr("Last backup"))
        last_row = QHBoxLayout(last)
        last_row.addWidget(self.last, 1)
        last_row.addWidget(self.now_button, 0, Qt.AlignmentFlag.AlignTop)
        restore = QGroupBox(tr("Restore"))
        QVBoxLayout(restore).addWidget(self.restore_help)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(settings)
        layout.addWidget(last)
        layout.addWidget(restore)
        layout.addStretch(1)

    def _on_actor_changed(self, actor: Actor) -> None:
        # A technician or an admin: the service's rule (require_backup_right).
        allowed = actor.may(Permission.CONFIGURATION) or actor.may(Permission.SITE)
        self.now_button.setEnabled(allowed)
        self.now_button.setToolTip(
            "" if allowed else tr("Needs the technician or admin role: ask an admin")
        )

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, tr("Folder for the daily backup"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Read the settings and the last backup afresh whenever the page is shown."""
        super().showEvent(event)
        launch_soon(self.tasks, self.reload, self)

    async def reload(self) -> bool:
        """Read the settings and the last backup into the page."""
        try:
            settings, status = await engine_call(
                self.client, lambda e: asyncio.gather(e.backups.settings(), e.backups.status())
            )
        except Exception as error:
            self.bar.show_error(
                tr("Backup settings not read: %1").replace(
                    "%1", failure_words(error, tr("ChargeDesk did not answer in time."))
                )
            )
            return False
        # Fields someone changed and did not save yet are left as they are: a look at
        # another tab must not throw the edit away.
        if self.current is None or self.wanted() == self.current:
            self.folder.setText(settings.folder)
            self.time.setTime(QTime(settings.time_of_day.hour, settings.time_of_day.minute))
            self.keep.setValue(settings.keep)
        self.current = settings
        self._show_status(status)
        return True

    def _show_status(self, status: BackupStatus | None) -> None:
        self.last.setText(status_words(status))
        self.last.setStyleSheet("" if status is None or status.ok else "color:#D55E00;")

    def wanted(self) -> BackupSettings:
        """The settings as the fields say."""
        moment = self.time.time()
        return BackupSettings(
            folder=self.folder.text().strip(),
            time_of_day=time(moment.hour(), moment.minute()),
            keep=self.keep.value(),
        )

    async def save(self) -> bool:
        """Store the fields as the daily backup's settings."""
        wanted, actor = self.wanted(), self.client.actor
        try:
            await engine_call(self.client, lambda e: e.backups.save_settings(wanted, actor=actor))
        except PermissionDenied as error:
            self.bar.show_error(refusal_text(error))
            return False
        except ValueError as error:
            self.bar.show_error(tr("Settings not saved: %1").replace("%1", str(error)))
            return False
        except Exception as error:
            self.bar.show_error(failure_words(error, tr("ChargeDesk did not answer in time.")))
            return False
        self.current = wanted
        self.bar.show_done(tr("Backup settings saved."))
        return True

    async def back_up_now(self) -> Any:
        """Make a copy now; the outcome in words in the message bar."""
        actor = self.client.actor
        self.now_button.setEnabled(False)
        self.bar.show_working(tr("Backing up the database…"))
        try:
            status = await engine_call(self.client, lambda e: e.backups.back_up_now(actor=actor))
        except PermissionDenied as error:
            self.bar.show_error(refusal_text(error))
            return None
        except Exception as error:
            self.bar.show_error(failure_words(error, tr("ChargeDesk did not answer in time.")))
            return None
        finally:
            self._on_actor_changed(self.client.actor)
        self._show_status(status)
        if status.ok:
            self.bar.show_done(
                tr("Backed up to %1 (%2).")
                .replace("%1", status.file)
                .replace("%2", size_text(status.size))
            )
        else:
            self.bar.show_error(tr("The backup failed: %1").replace("%1", status.outcome))
        return status
