"""Table models of the Diagnostics & firmware page: transfers under way, files received."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
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
from console.services.formatting import format_local
from console.ui.technician import transfer_words as words

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TRANSFER_ROLE = Qt.ItemDataRole.UserRole + 1  # the FileTransfer of the row
STAGE_ROLE = Qt.ItemDataRole.UserRole + 2  # (stages done, stages in all) for the bar
PATH_ROLE = Qt.ItemDataRole.UserRole + 3  # where a received file is stored


class _TransfersBase(QAbstractTableModel):
    """Rows of FileTransfer keyed by id; a refresh changes only the rows that changed."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FileTransfer] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Rows (none under a parent: a flat table)."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Columns (none under a parent)."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == DISPLAY
            and 0 <= section < len(self.HEADERS)
        ):
            return words.tr(self.HEADERS[section])
        return None

    def set_rows(self, rows: list[FileTransfer]) -> None:
        """Show ``rows``: same ids in the same order only repaint what changed."""
        if [r.id for r in rows] != [r.id for r in self.rows]:
            self.beginResetModel()
            self.rows = list(rows)
            self.endResetModel()
            return
        old, self.rows = self.rows, list(rows)
        last = self.columnCount() - 1
        for number, (before, after) in enumerate(zip(old, rows, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(number, 0), self.index(number, last))

    def transfer_at(self, row: int) -> FileTransfer | None:
        """The transfer of a row, or None."""
        return self.rows[row] if 0 <= row < len(self.rows) else None


class TransferTableModel(_TransfersBase):
    """Transfers asked of chargers: status word, symbol and colour, stage, last change."""

    HEADERS = ("Charger", "What", "Status", "Progress", "Last change", "File")
    STATUS_COLUMN = 2
    PROGRESS_COLUMN = 3

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        """Cell text, colours, the stage of the bar and the transfer itself."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        transfer = self.rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._text(transfer, column)
        if role == TRANSFER_ROLE:
            return transfer
        if role == STAGE_ROLE and column == self.PROGRESS_COLUMN:
            return (words.stage_of(transfer), len(stages_of(transfer.kind)))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS_COLUMN:
            return words.colour(words.style_of(transfer))
        if role == Qt.ItemDataRole.ToolTipRole:
            return transfer.url or None
        return None

    @staticmethod
    def _text(transfer: FileTransfer, column: int) -> str:
        if column == 0:
            return transfer.charger_id
        if column == 1:
            return words.transfer_kind_text(transfer)
        if column == 2:
            symbol = words.style_of(transfer)[1]
            return f"{symbol} {words.transfer_status_text(transfer)}"
        if column == 3:
            return f"{words.stage_of(transfer)}/{len(stages_of(transfer.kind))}"
        if column == 4:
            return format_local(transfer.status_at)
        if column == 5:
            size = words.size_text(transfer.file_size)
            return f"{transfer.file_name} ({size})" if size else transfer.file_name or ""
        return ""


class ReceivedFilesModel(_TransfersBase):
    """Diagnostics and logs that arrived: charger, file, size, time; the path by role."""

    HEADERS = ("Charger", "File", "Size", "Received")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths: dict[int, str] = {}

    def set_files(self, rows: list[FileTransfer], paths: dict[int, str]) -> None:
        """Show ``rows``; ``paths`` maps a transfer id to where its file is stored."""
        self.paths = dict(paths)
        self.set_rows(rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        """Cell text, the path of the file and the transfer itself."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        transfer = self.rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return (
                transfer.charger_id,
                transfer.file_name or "",
                words.size_text(transfer.file_size),
                format_local(transfer.status_at),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == PATH_ROLE:
            return self.paths.get(transfer.id, "")
        if role == TRANSFER_ROLE:
            return transfer
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.paths.get(transfer.id) or None
        return None


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
