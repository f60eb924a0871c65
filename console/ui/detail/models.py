"""Table models of the charger detail view: its recent messages and its status history.

Both lists are newest first and grow at the top. A refresh inserts only the new rows at
the top and drops the oldest at the bottom, so the selection and the scroll position of
a person reading the log survive the refresh.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from PySide6.QtCore import (
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
from console.ui.table_model import RIGHT, Column, RowTableModel

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


class RowsTableModel(RowTableModel[R]):
    """A read-only, newest-first log of rows; ``set_rows`` merges a fresh read by ``key``."""

    def __init__(self, key: Callable[[R], Hashable], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key = key

    def row(self, index: Index) -> R | None:
        """The row an index points to."""
        return self.row_at(index.row()) if index.isValid() else None

    def set_rows(self, rows: Iterable[R]) -> None:
        """Take a fresh newest-first read: new rows go in at the top, old ones drop off."""
        self.merge_newest(list(rows), self._key)


_CENTRE = Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter


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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            lambda r: (r.frame.at, r.frame.direction, r.frame.kind, r.frame.message_id), parent
        )
        self.set_columns(
            (
                Column[FrameRow](_tr("Time"), lambda r: local_time(r.frame.at), foreground=_muted),
                Column[FrameRow](
                    _tr("Dir."),
                    lambda r: "→" if r.frame.direction is Direction.OUT else "←",
                    align=_CENTRE,
                    tooltip=lambda r: (
                        _tr("to the charger")
                        if r.frame.direction is Direction.OUT
                        else _tr("from the charger")
                    ),
                ),
                Column[FrameRow](_tr("Action"), _action_text, foreground=_failed_colour),
                Column[FrameRow](
                    _tr("Message id"),
                    lambda r: r.frame.message_id or "",
                    tooltip=lambda r: r.frame.message_id or "",
                    foreground=_muted,
                ),
                Column[FrameRow](
                    _tr("Latency"),
                    lambda r: "" if r.frame.latency_ms is None else f"{r.frame.latency_ms:.0f} ms",
                    align=RIGHT,
                ),
                Column[FrameRow](
                    _tr("Payload"),
                    lambda r: r.payload,
                    tooltip=lambda r: r.detail,
                    foreground=_failed_colour,
                ),
            )
        )


def _muted(_row: object) -> QColor:
    return MUTED_COLOUR


def _failed_colour(row: FrameRow) -> QColor | None:
    failed = row.frame.kind in (FrameKind.ERROR, FrameKind.INVALID)
    return ERROR_COLOUR if failed else None


def _action_text(row: FrameRow) -> str:
    frame = row.frame
    suffix = {
        FrameKind.CALL: "",
        FrameKind.RESULT: _tr(" · reply"),
        FrameKind.ERROR: _tr(" · ERROR"),
        FrameKind.INVALID: _tr("unreadable frame"),
    }[frame.kind]
    return (frame.action or "") + suffix if frame.kind is not FrameKind.INVALID else suffix


class StatusHistoryTableModel(RowsTableModel[StatusChange]):
    """A charger's status changes, newest first, with the theme's colours and symbols."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda r: (r.at, r.connector_id, r.status, r.error_code), parent)
        self.set_columns(
            (
                Column[StatusChange](_tr("Time"), lambda c: local_time(c.at), foreground=_muted),
                Column[StatusChange](
                    _tr("Connector"),
                    lambda c: _tr("Charger") if c.connector_id == 0 else str(c.connector_id),
                    align=_CENTRE,
                ),
                Column[StatusChange](
                    _tr("Status"),
                    lambda c: f"{theme.status_symbol(c.status)}  {theme.status_text(c.status)}",
                    foreground=lambda c: theme.status_colour(c.status),
                ),
                Column[StatusChange](
                    _tr("Error"),
                    lambda c: "" if c.error_code == "NoError" else c.error_code,
                    foreground=lambda _c: ERROR_COLOUR,
                ),
                Column[StatusChange](_tr("Info"), lambda c: c.info or ""),
            )
        )
