"""Table models of the charger detail view: its recent messages and its status history.

Both lists are newest first and grow at the top. A refresh inserts only the new rows at
the top and drops the oldest at the bottom, so the selection and the scroll position of
a person reading the log survive the refresh.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from console.core.enums import Direction, FrameKind
from console.core.model import LoggedFrame
from console.services.formatting import to_local
from console.services.queries import StatusChange
from console.ui import theme

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
PAYLOAD_CHARS = 400  # what a one-line cell can show; the tooltip has more
TOOLTIP_CHARS = 4000
ERROR_COLOUR = QColor("#B04A00")
MUTED_COLOUR = QColor("#5A6570")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChargerDetail", text)


def local_time(at: datetime | None, seconds: bool = True) -> str:
    """A stored UTC time in the site's zone: the time today, with the date otherwise."""
    if at is None:
        return "—"
    moment = to_local(at)
    today = to_local(datetime.now(UTC)).date() == moment.date()
    clock = "%H:%M:%S" if seconds else "%H:%M"
    if today:
        return moment.strftime(clock)
    # The month in the desk's language, as Qt names it.
    month = QLocale().monthName(moment.month, QLocale.FormatType.ShortFormat)
    return f"{moment.day} {month} {moment.strftime(clock)}"


class RowsTableModel(QAbstractTableModel, Generic[R]):
    """A read-only, newest-first list of rows; ``set_rows`` merges a fresh read."""

    headers: tuple[str, ...] = ()

    def __init__(self, key: Callable[[R], Hashable], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[R] = []
        self._key = key

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of rows (a table has no children)."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return _tr(self.headers[section])
        return None

    def row(self, index: Index) -> R | None:
        """The row an index points to."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def set_rows(self, rows: Sequence[R]) -> None:
        """Take a fresh newest-first read: new rows go in at the top, old ones drop off."""
        fresh = list(rows)
        keys = [self._key(r) for r in fresh]
        newest = self._key(self.rows[0]) if self.rows else None
        added = keys.index(newest) if self.rows and newest in keys else -1
        kept = len(fresh) - added
        if added < 0 or kept > len(self.rows) or self._keys(kept) != keys[added:]:
            self.beginResetModel()
            self.rows = fresh
            self.endResetModel()
            return
        if len(self.rows) > kept:
            self.beginRemoveRows(QModelIndex(), kept, len(self.rows) - 1)
            del self.rows[kept:]
            self.endRemoveRows()
        if added:
            self.beginInsertRows(QModelIndex(), 0, added - 1)
            self.rows[:0] = fresh[:added]
            self.endInsertRows()

    def _keys(self, count: int) -> list[Hashable]:
        return [self._key(r) for r in self.rows[:count]]


@dataclass(frozen=True, slots=True)
class FrameRow:
    """One message of the log, prepared for display (off the GUI thread)."""

    frame: LoggedFrame
    payload: str  # one line
    detail: str  # pretty-printed, for the tooltip


def frame_rows(frames: Sequence[LoggedFrame]) -> list[FrameRow]:
    """Prepare frames for the table; runs in the worker thread with the read."""
    rows = []
    for frame in frames:
        try:
            message = json.loads(frame.payload)
            body = message[-1] if isinstance(message, list) and message else message
            if frame.kind is FrameKind.ERROR and isinstance(message, list) and len(message) >= 4:
                body = {"code": message[2], "description": message[3], "details": message[-1]}
            line = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
            detail = json.dumps(body, indent=2, ensure_ascii=False)
        except (ValueError, TypeError):
            line = detail = frame.payload
        line = " ".join(line.split())
        rows.append(FrameRow(frame, line[:PAYLOAD_CHARS], detail[:TOOLTIP_CHARS]))
    return rows


class MessageLogTableModel(RowsTableModel[FrameRow]):
    """A charger's recent frames: time, direction, action, message id, latency, payload."""

    headers = ("Time", "Dir.", "Action", "Message id", "Latency", "Payload")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            lambda r: (r.frame.at, r.frame.direction, r.frame.kind, r.frame.message_id), parent
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, tooltips, colours and alignment."""
        row = self.row(index)
        if row is None:
            return None
        frame, column = row.frame, index.column()
        failed = frame.kind in (FrameKind.ERROR, FrameKind.INVALID)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return (
                    _tr("to the charger")
                    if frame.direction is Direction.OUT
                    else _tr("from the charger")
                )
            if column == 5:
                return row.detail
            if column == 3:
                return frame.message_id or ""
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if failed and column in (2, 5):
                return ERROR_COLOUR
            if column in (0, 3):
                return MUTED_COLOUR
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 4):
            align = Qt.AlignmentFlag.AlignCenter if column == 1 else Qt.AlignmentFlag.AlignRight
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(row: FrameRow, column: int) -> str:
        frame = row.frame
        if column == 0:
            return local_time(frame.at)
        if column == 1:
            return "→" if frame.direction is Direction.OUT else "←"
        if column == 2:
            action = frame.action or ""
            suffix = {
                FrameKind.CALL: "",
                FrameKind.RESULT: _tr(" · reply"),
                FrameKind.ERROR: _tr(" · ERROR"),
                FrameKind.INVALID: _tr("unreadable frame"),
            }[frame.kind]
            return action + suffix if frame.kind is not FrameKind.INVALID else suffix
        if column == 3:
            return frame.message_id or ""
        if column == 4:
            return "" if frame.latency_ms is None else f"{frame.latency_ms:.0f} ms"
        return row.payload


class StatusHistoryTableModel(RowsTableModel[StatusChange]):
    """A charger's status changes, newest first, with the theme's colours and symbols."""

    headers = ("Time", "Connector", "Status", "Error", "Info")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda r: (r.at, r.connector_id, r.status, r.error_code), parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text and the status colour."""
        change = self.row(index)
        if change is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return local_time(change.at)
            if column == 1:
                return _tr("Charger") if change.connector_id == 0 else str(change.connector_id)
            if column == 2:
                return f"{theme.status_symbol(change.status)}  {theme.status_text(change.status)}"
            if column == 3:
                return "" if change.error_code == "NoError" else change.error_code
            return change.info or ""
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 2:
                return theme.status_colour(change.status)
            if column == 3:
                return ERROR_COLOUR
            if column == 0:
                return MUTED_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        return None
