"""Table models of the Diagnostics & firmware page: transfers under way, files received."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
)

from console.core.transfers import FileTransfer, stages_of
from console.ui.locale_format import format_local, size_text
from console.ui.table_model import FIRST_FREE_ROLE, RIGHT, ROW_ROLE, Column, RowTableModel
from console.ui.technician import transfer_words as words

Index = QModelIndex | QPersistentModelIndex
TRANSFER_ROLE = ROW_ROLE  # the FileTransfer of the row
STAGE_ROLE = FIRST_FREE_ROLE  # (stages done, stages in all) for the bar
PATH_ROLE = FIRST_FREE_ROLE + 1  # where a received file is stored


class _TransfersBase(RowTableModel[FileTransfer]):
    """Rows of FileTransfer keyed by id; a refresh changes only the rows that changed."""

    def set_rows(self, rows: Iterable[FileTransfer]) -> None:
        """Show ``rows``: same ids in the same order only repaint what changed."""
        self.refresh_rows(list(rows), key=lambda transfer: transfer.id)

    def transfer_at(self, row: int) -> FileTransfer | None:
        """The transfer of a row, or None."""
        return self.row_at(row)


class TransferTableModel(_TransfersBase):
    """Transfers asked of chargers: status word, symbol and colour, stage, last change."""

    STATUS_COLUMN = 2
    PROGRESS_COLUMN = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            (
                Column[FileTransfer](words.tr("Charger"), lambda t: t.charger_id, tooltip=_url),
                Column[FileTransfer](words.tr("What"), words.transfer_kind_text, tooltip=_url),
                Column[FileTransfer](
                    words.tr("Status"),
                    _status_text,
                    tooltip=_url,
                    foreground=lambda t: words.colour(words.style_of(t)),
                ),
                Column[FileTransfer](
                    words.tr("Progress"),
                    lambda t: f"{words.stage_of(t)}/{len(stages_of(t.kind))}",
                    tooltip=_url,
                ),
                Column[FileTransfer](
                    words.tr("Last change"), lambda t: format_local(t.status_at), tooltip=_url
                ),
                Column[FileTransfer](words.tr("File"), _file_text, tooltip=_url),
            )
        )

    def role_data(self, item: FileTransfer, column: int, role: int) -> Any:
        """The stage of the bar (STAGE_ROLE) in the Progress column."""
        if role == STAGE_ROLE and column == self.PROGRESS_COLUMN:
            return (words.stage_of(item), len(stages_of(item.kind)))
        return super().role_data(item, column, role)


def _url(transfer: FileTransfer) -> str | None:
    return transfer.url or None


def _status_text(transfer: FileTransfer) -> str:
    symbol = words.style_of(transfer)[1]
    return f"{symbol} {words.transfer_status_text(transfer)}"


def _file_text(transfer: FileTransfer) -> str:
    size = size_text(transfer.file_size)
    return f"{transfer.file_name} ({size})" if size else transfer.file_name or ""


class ReceivedFilesModel(_TransfersBase):
    """Diagnostics and logs that arrived: charger, file, size, time; the path by role."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths: dict[int, str] = {}
        self.set_columns(
            (
                Column[FileTransfer](
                    words.tr("Charger"), lambda t: t.charger_id, tooltip=self._path
                ),
                Column[FileTransfer](
                    words.tr("File"), lambda t: t.file_name or "", tooltip=self._path
                ),
                Column[FileTransfer](
                    words.tr("Size"),
                    lambda t: size_text(t.file_size),
                    align=RIGHT,
                    tooltip=self._path,
                ),
                Column[FileTransfer](
                    words.tr("Received"), lambda t: format_local(t.status_at), tooltip=self._path
                ),
            )
        )

    def set_files(self, rows: list[FileTransfer], paths: dict[int, str]) -> None:
        """Show ``rows``; ``paths`` maps a transfer id to where its file is stored."""
        self.paths = dict(paths)
        self.set_rows(rows)

    def _path(self, transfer: FileTransfer) -> str | None:
        return self.paths.get(transfer.id) or None

    def role_data(self, item: FileTransfer, column: int, role: int) -> Any:
        """Where the file is stored (PATH_ROLE)."""
        if role == PATH_ROLE:
            return self.paths.get(item.id, "")
        return super().role_data(item, column, role)


class StageBarDelegate(QStyledItemDelegate):
    """Paints the Progress column as a bar of stages done (2/4), with the text on it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """A progress bar for cells with a stage, the usual painting otherwise."""
        stage = index.data(STAGE_ROLE)
        if not isinstance(stage, tuple):
            super().paint(painter, option, index)
            return
        done, total = stage
        bar = QStyleOptionProgressBar()
        rect = QRect(option.rect)
        bar.rect = rect.adjusted(3, 3, -3, -3)
        bar.minimum = 0
        bar.maximum = total
        bar.progress = done
        bar.text = f"{done}/{total}"
        bar.textVisible = True
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


def transfer_table(model: QSortFilterProxyModel) -> QTableView:
    """A read-only table of rows, newest first until a header is clicked."""
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    return view
