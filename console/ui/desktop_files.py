"""Opening files with the desktop's programs, and what to offer when none will.

``QDesktopServices.openUrl`` answers False when no program is set up for a file type (a
desk PC without a PDF viewer) and may raise on a broken desktop setup. Either way the
person is told why, in words, and offered to save a copy somewhere they can reach it;
nothing is printed to the terminal as a traceback.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from console.ui.actions import open_dialog

log = logging.getLogger(__name__)

OpenUrl = Callable[[QUrl], object]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DesktopFiles", text)


def open_with_desktop(open_url: OpenUrl, path: Path) -> str | None:
    """Open ``path`` with the desktop's program; None when it opened, else why not."""
    try:
        opened = open_url(QUrl.fromLocalFile(str(path)))
    except Exception as error:  # a broken desktop setup; the person still gets a choice
        log.warning("the desktop could not open %s: %s", path, error)
        return _tr("the desktop could not start a program for it (%1)").replace(
            "%1", str(error) or type(error).__name__
        )
    if opened is False:
        if path.is_dir():
            return _tr("no file manager is set up on this computer")
        return _tr("no program is set up on this computer to open %1 files").replace(
            "%1", path.suffix.lstrip(".").upper() or _tr("such")
        )
    return None


async def ask_save_copy(parent: QWidget | None, source: Path, problem: str) -> Path | None:
    """Say why ``source`` did not open and offer Save as…; the chosen path, or None."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _tr("Could not open the file"),
        _tr("%1 could not be opened: %2.\n\nSave a copy where you can open or send it?")
        .replace("%1", source.name)
        .replace("%2", problem),
        parent=parent,
    )
    save = box.addButton(_tr("Save as…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    await open_dialog(box)
    if box.clickedButton() is not save:
        return None
    dialog = QFileDialog(parent, _tr("Save a copy of %1").replace("%1", source.name))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(str(Path.home() / source.name))
    if await open_dialog(dialog) != QFileDialog.DialogCode.Accepted:
        return None
    files = dialog.selectedFiles()
    return Path(files[0]) if files else None


async def save_copy(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` in a worker thread; the copy's path."""
    await asyncio.to_thread(shutil.copyfile, source, target)
    return target
