"""Saving reports and statements to files, off the GUI thread, with a visible outcome."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

FOLDER_KEY = "reports/export_folder"


def write_atomically(path: Path, write: Callable[[Path], int]) -> int:
    """Run ``write`` on a file beside ``path`` and rename it at the end.

    A failed write never leaves half a file, nor destroys an older file of that name.
    """
    partial = path.with_name(path.name + ".part")
    try:
        count = write(partial)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


class ReportFiles(QObject):
    """Asks where to save, writes in a worker thread and says how it went.

    ``choose_path`` may be replaced (tests do) to answer without a dialog.
    """

    saved = Signal(str, int)  # path, rows or lines written
    failed = Signal(str)  # what went wrong, for a person
    started = Signal(str)  # the path being written

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = parent
        self.writing = 0

    def suggested(self, name: str) -> str:
        """``name`` in the folder used last time (else the home folder)."""
        folder = QSettings().value(FOLDER_KEY, str(Path.home()))
        return str(Path(str(folder)) / name)

    def choose_path(self, title: str, suggested: str, file_filter: str) -> str | None:
        """Where to write (a save dialog); None when the person cancels."""
        path, _filter = QFileDialog.getSaveFileName(self.widget, title, suggested, file_filter)
        return path or None

    async def save(self, path: str, write: Callable[[Path], int]) -> int | None:
        """Write ``path`` with ``write`` in a worker thread; the rows, or None on failure."""
        self.writing += 1
        self.started.emit(path)
        try:
            count = await asyncio.to_thread(write_atomically, Path(path), write)
        except Exception as error:  # shown to the person, never swallowed
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            self.failed.emit(
                self.tr("%1 could not be written:\n%2").replace("%1", path).replace("%2", reason)
            )
            return None
        finally:
            self.writing -= 1
        QSettings().setValue(FOLDER_KEY, str(Path(path).parent))
        self.saved.emit(path, count)
        return count
