"""Cards to and from CSV files: the import dialog and the export, both off the GUI thread."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from console.services.queries import SiteQueries
from console.ui.actions import open_dialog
from console.ui.cards.card_actions import CardActions
from console.ui.cards.import_dialog import ImportDialog
from console.ui.engine_client import EngineClient


def csv_supported() -> bool:
    """Whether this build can read and write card files."""
    return hasattr(SiteQueries, "plan_card_import") and hasattr(SiteQueries, "export_cards")


class CardFiles(QObject):
    """Import CSV… and Export CSV… of the Cards tab; outcomes go to the tab's banner.

    ``choose_export_path`` may be replaced (tests do).
    """

    def __init__(self, client: EngineClient, card_actions: CardActions, parent: QWidget) -> None:
        super().__init__(parent)
        self.client = client
        self.card_actions = card_actions
        self.parent_widget = parent
        self.export_task: asyncio.Future[Any] | None = None

    def configure_buttons(self, import_button: QPushButton, export_button: QPushButton) -> None:
        """Explain the buttons, or why they are off in a build without card files."""
        if csv_supported():
            import_button.setToolTip(self.tr("Preview, then import cards and people from CSV"))
            export_button.setToolTip(self.tr("Write every card to a CSV file"))
        else:
            for button in (import_button, export_button):
                button.setEnabled(False)
                button.setToolTip(self.tr("Card files are not available in this build"))

    # --- import -------------------------------------------------------------------------

    def import_csv(self) -> asyncio.Task[Any] | None:
        """Open the import dialog (once at a time)."""
        if self.card_actions.dialog is not None:
            return None
        return self.card_actions.tasks.start(
            self.run_import(ImportDialog(self.client, self.parent_widget))
        )

    async def run_import(self, dialog: ImportDialog) -> None:
        """Show ``dialog``; after an import, say what was imported."""
        self.card_actions.dialog = dialog
        try:
            await open_dialog(dialog)
        finally:
            self.card_actions.dialog = None
        if dialog.result_text:
            self.card_actions.banner.show_done(dialog.result_text)
            self.card_actions.changed.emit()

    # --- export -------------------------------------------------------------------------

    def choose_export_path(self, suggested: str) -> str | None:
        """Where to write the cards; None when the person cancels."""
        path, _filter = QFileDialog.getSaveFileName(
            self.parent_widget, self.tr("Export cards"), suggested, self.tr("CSV files (*.csv)")
        )
        return path or None

    def export_csv(self) -> asyncio.Future[Any] | None:
        """Ask where, then write every card in a worker thread."""
        if self.export_task is not None and not self.export_task.done():
            return None
        folder = QSettings().value("cards/export_folder", str(Path.home()))
        name = f"cards_{date.today().isoformat()}.csv"
        path = self.choose_export_path(str(Path(str(folder)) / name))
        if not path:
            return None
        self.export_task = self.card_actions.tasks.start(self._export(path))
        return self.export_task

    async def _export(self, path: str) -> None:
        banner = self.card_actions.banner
        banner.show_working(self.tr("Exporting cards…"))
        try:
            written = await self.client.read(lambda q: q.export_cards(Path(path)))
        except Exception as error:  # shown, never swallowed
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            banner.show_error(
                self.tr("The cards could not be written to %1: %2")
                .replace("%1", path)
                .replace("%2", reason)
            )
            return
        QSettings().setValue("cards/export_folder", str(Path(path).parent))
        banner.show_done(self.tr("%n card(s) exported to ", "", int(written)) + path)
