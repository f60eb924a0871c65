"""One CSV export in a worker thread, with a progress dialog when it is large."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from console.ui.sessions.export import (
    CsvWords,
    ExportCancelled,
    ExportProgress,
    SessionSnapshot,
    write_csv,
)
from console.ui.tasks import TaskKeeper

PROGRESS_ABOVE = 2000  # rows: smaller exports finish before a dialog would be noticed


class CsvExportJob(QObject):
    """Writes rows to a file off the GUI thread and reports how it ended.

    The progress dialog is not modal on purpose: a modal QProgressDialog runs
    ``processEvents()`` inside ``setValue()``, which would re-enter the qasync loop.
    The rows are a snapshot, so the person may keep working while the file is written.
    """

    finished = Signal(str, int)  # path, rows written
    failed = Signal(str)  # what went wrong, for a person
    cancelled = Signal()

    def __init__(
        self,
        parent: QWidget,
        path: str,
        rows: Sequence[SessionSnapshot],
        words: CsvWords,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.rows = rows
        self.words = words
        self.progress = ExportProgress(len(rows))
        self.dialog: QProgressDialog | None = None
        self.task: asyncio.Task[None] | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self._poll: QTimer | None = None

    def start(self) -> asyncio.Task[None] | None:
        """Show the dialog (if large) at once, then write in a worker thread (None: no
        loop runs)."""
        parent = self.parent()
        assert isinstance(parent, QWidget)
        if len(self.rows) > PROGRESS_ABOVE:
            dialog = QProgressDialog(
                self.tr("Exporting %n session(s)…", "", len(self.rows)),
                self.tr("Cancel"),
                0,
                len(self.rows),
                parent,
            )
            dialog.setWindowTitle(self.tr("Export sessions"))
            dialog.setWindowModality(Qt.WindowModality.NonModal)
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self._on_cancel_requested)
            dialog.setValue(0)
            dialog.show()
            self.dialog = dialog
            self._poll = QTimer(self)
            self._poll.timeout.connect(self._on_poll)
            self._poll.start(100)
        self.task = self.tasks.start(self._run())
        return self.task

    def cancel(self) -> None:
        """Ask the writer to stop; it removes what it had written."""
        self.progress.cancel.set()

    def _on_cancel_requested(self) -> None:
        self.cancel()

    def _on_poll(self) -> None:
        if self.dialog is not None:
            if self.dialog.wasCanceled():  # cancel() called directly emits no signal
                self.cancel()
            self.dialog.setValue(self.progress.done)

    async def _run(self) -> None:
        try:
            written = await asyncio.to_thread(
                write_csv, self.path, self.rows, self.words, self.progress
            )
        except ExportCancelled:
            self._close()
            self.cancelled.emit()
        except Exception as error:  # shown to the person, never swallowed
            self._close()
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            self.failed.emit(
                self.tr("The sessions could not be written to %1:\n%2")
                .replace("%1", self.path)
                .replace("%2", reason)
            )
        else:
            self._close()
            self.finished.emit(self.path, written)

    def _close(self) -> None:
        if self._poll is not None:
            self._poll.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._on_cancel_requested)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
