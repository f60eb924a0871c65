"""The message log's table model: a window over the stored log, fetched page by page.

The model never holds the whole log. It starts with the newest page matching the filter,
appends older pages when the view scrolls to the end (``canFetchMore``/``fetchMore``),
and inserts frames newer than its top row at the top (the page polls for them). Every
read runs in a worker thread through ``reader`` (``EngineClient.read``); a read started
for an older filter is dropped when it returns. Rows are prepared for display in the
worker too, so ``data`` only looks things up.

There is no sort proxy: the order is the log's (newest first) and a sort over a partial
window would mislead; filtering is done by the database, over every stored frame.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication

from console.core.enums import Direction, FrameKind
from console.core.i18n import tr_noop
from console.services.formatting import to_local
from console.services.message_export import FrameFilter, StoredFrame
from console.services.message_log import truncation_of
from console.services.queries import SiteQueries
from console.ui.locale_format import format_seconds
from console.ui.table_model import RIGHT, Column, RowTableModel
from console.ui.tasks import TaskKeeper

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
Reader = Callable[[Callable[[SiteQueries], T]], Awaitable[T]]

PAGE_ROWS = 500
LIVE_ROWS = 2000  # more new frames than this in one poll: reload instead of inserting
MAX_ROWS = 100_000  # loaded rows kept; older ones drop off (export still covers them)
SUMMARY_CHARS = 300
ERROR_COLOUR = QColor("#D55E00")  # vermillion, as a Faulted connector
WARNING_COLOUR = QColor("#B07000")  # dark orange: a refusal, not a protocol failure
MUTED_COLOUR = QColor("#5A6570")
ERROR_BACKGROUND = QColor("#FBE3D6")
WARNING_BACKGROUND = QColor("#FFF3D6")
# Answers and notifications that say something did not work.
BAD_STATUSES = frozenset(
    {
        "Rejected",
        "Failed",
        "NotSupported",
        "NotImplemented",
        "Faulted",
        "Blocked",
        "Expired",
        "Invalid",
        "ConcurrentTx",
        "VersionMismatch",
    }
)

COLUMNS = (
    tr_noop("MessageLog", "Time"),
    tr_noop("MessageLog", "Charger"),
    tr_noop("MessageLog", "Direction"),
    tr_noop("MessageLog", "Kind"),
    tr_noop("MessageLog", "Action"),
    tr_noop("MessageLog", "Message id"),
    tr_noop("MessageLog", "Latency ms"),
    tr_noop("MessageLog", "Payload"),
)
TIME, CHARGER, DIRECTION, KIND, ACTION, MESSAGE_ID, LATENCY, PAYLOAD = range(len(COLUMNS))


def _tr(text: str) -> str:
    return QCoreApplication.translate("MessageLog", text)


def problem_of(kind: FrameKind, payload: str) -> str | None:
    """ "error" for failed frames, "refused" for a bad status, None when all is well."""
    return analyse(kind, payload)[1]


def analyse(kind: FrameKind, payload: str) -> tuple[str, str | None]:
    """The payload's body on one line, and "error", "refused" or None (one JSON parse)."""
    try:
        message = json.loads(payload)
    except ValueError:
        cut = truncation_of(payload)
        if cut is not None:  # stored cut (too large): not the charger's error; say so first
            marker = payload[payload.rindex("…[truncated") :]
            return _one_line(f"{marker} {payload}"), None
        return _one_line(payload), "error"
    if kind is FrameKind.ERROR and isinstance(message, list) and len(message) >= 4:
        return _one_line(f"{message[2]}: {message[3]}"), "error"
    body = message[-1] if isinstance(message, list) and message else message
    summary = _one_line(json.dumps(body, separators=(",", ":"), ensure_ascii=False))
    if kind is FrameKind.INVALID:
        return summary, "error"
    return summary, _body_problem(body)


def _one_line(text: str) -> str:
    return " ".join(text[: SUMMARY_CHARS * 2].split())[:SUMMARY_CHARS]


def _body_problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return None
    statuses = [body.get("status")]
    tag_info = body.get("idTagInfo")
    if isinstance(tag_info, dict):
        statuses.append(tag_info.get("status"))
    for status in statuses:
        if isinstance(status, str) and (status in BAD_STATUSES or status.endswith("Failed")):
            return "refused"
    error_code = body.get("errorCode")
    if isinstance(error_code, str) and error_code != "NoError":
        return "refused"
    return None


def monospace_font() -> QFont:
    """The application's font size in a fixed-width face (times, ids, JSON line up)."""
    font = QFont(QGuiApplication.font())
    font.setFamily("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def local_time_ms(stored: StoredFrame) -> str:
    """The frame's time in the site's zone, to the millisecond, with the date."""
    local = to_local(stored.frame.at)
    return f"{format_seconds(local)}.{local.microsecond // 1000:03d}"


@dataclass(frozen=True, slots=True)
class MessageRow:
    """One frame, prepared for display in the worker thread."""

    stored: StoredFrame
    time: str
    summary: str  # the payload on one line, cut
    problem: str | None  # "error", "refused" or None

    @property
    def id(self) -> int:
        """The frame's row id in the log."""
        return self.stored.id


def prepare_rows(frames: Sequence[StoredFrame]) -> list[MessageRow]:
    """Rows for the model; call it in the worker thread with the read."""
    rows = []
    for s in frames:
        summary, problem = analyse(s.frame.kind, s.frame.payload)
        rows.append(MessageRow(s, local_time_ms(s), summary, problem))
    return rows


def direction_text(direction: Direction) -> str:
    """A direction in words with its arrow (seen from the central system)."""
    return _tr("↑ to charger") if direction is Direction.OUT else _tr("↓ from charger")


def kind_text(kind: FrameKind) -> str:
    """The OCPP-J message type in words."""
    return {
        FrameKind.CALL: _tr("Call"),
        FrameKind.RESULT: _tr("Reply"),
        FrameKind.ERROR: _tr("✖ Error"),
        FrameKind.INVALID: _tr("✖ Unreadable"),
    }[kind]


class MessageLogModel(RowTableModel[MessageRow]):
    """A newest-first window over the stored message log, filtered by the database."""

    loadingChanged = Signal(bool)
    loaded = Signal()  # a page or new frames arrived (or a reload finished)
    failed = Signal(str)

    def __init__(self, reader: Reader[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self.filter = FrameFilter()
        self.exhausted = False  # no older frame matches
        self.loading = False
        self._generation = 0
        self._tasks = TaskKeeper(owner=self)
        self.mono_font = monospace_font()
        mono = (TIME, MESSAGE_ID, PAYLOAD)
        self.set_columns(
            Column[MessageRow](
                _tr(title),
                functools.partial(self._text, column=number),
                tooltip=functools.partial(_tooltip, column=number),
                foreground=functools.partial(_foreground, column=number),
                background=_background,
                font=(lambda _r: self.mono_font) if number in mono else None,
                align=RIGHT if number == LATENCY else None,
            )
            for number, title in enumerate(COLUMNS)
        )

    # ------------------------------------------------------------- Qt overrides

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt override
        """True while older matching frames may exist and no read is under way."""
        if parent.isValid():
            return False
        return not self.exhausted and not self.loading and len(self.rows) < MAX_ROWS

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt override
        """Read the next older page in a worker thread; rows arrive when it returns."""
        if not self.canFetchMore(parent):
            return
        before = self.rows[-1].id if self.rows else None
        where, generation = self.filter, self._generation
        self._start(
            lambda q: prepare_rows(q.search_frames(where, before_id=before, limit=PAGE_ROWS)),
            lambda rows: self._on_page(generation, rows),
        )

    # ------------------------------------------------------------- public

    def row(self, index: Index) -> MessageRow | None:
        """The row an index points to."""
        return self.row_at(index.row()) if index.isValid() else None

    def row_of_id(self, frame_id: int) -> int | None:
        """The model row of a frame id, when loaded (rows are sorted by id, descending)."""
        low, high = 0, len(self.rows)
        while low < high:
            middle = (low + high) // 2
            if self.rows[middle].id > frame_id:
                low = middle + 1
            else:
                high = middle
        return low if low < len(self.rows) and self.rows[low].id == frame_id else None

    @property
    def newest_id(self) -> int:
        """The id of the newest frame shown (0 when none is)."""
        return self.rows[0].id if self.rows else 0

    def set_filter(self, where: FrameFilter) -> None:
        """Show the frames matching ``where``: empties the model and reads the newest page."""
        self.filter = where
        self.reload()

    def reload(self) -> None:
        """Drop the rows and read the newest page again."""
        self._generation += 1
        self.exhausted = False
        self.loading = False
        self.set_rows([])
        self.fetchMore()

    def poll_newer(self) -> bool:
        """Insert the frames stored since the top row; False when a read is under way."""
        if self.loading:
            return False
        after, where, generation = self.newest_id, self.filter, self._generation
        self._start(
            lambda q: prepare_rows(q.search_frames(where, after_id=after, limit=LIVE_ROWS)),
            lambda rows: self._on_newer(generation, after, rows),
        )
        return True

    # ------------------------------------------------------------- internals

    def _start(self, work: Callable[[SiteQueries], T], done: Callable[[T], None]) -> None:
        if self.loading:
            return
        self._set_loading(True)
        generation = self._generation

        async def run() -> None:
            try:
                result = await self._reader(work)
            except Exception as error:  # shown to the person; the next poll tries again
                if generation == self._generation:
                    self._set_loading(False)
                    self.failed.emit(str(error))
                return
            if generation == self._generation:
                self._set_loading(False)
                done(result)

        if not self._tasks.launch(run):
            self._set_loading(False)  # no loop yet: the page's timer asks again

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loadingChanged.emit(loading)

    def _on_page(self, generation: int, rows: list[MessageRow]) -> None:
        if generation != self._generation:
            return
        if self.rows:
            rows = [r for r in rows if r.id < self.rows[-1].id]
        if len(rows) < PAGE_ROWS:
            self.exhausted = True
        self.insert_rows(len(self.rows), rows)
        self.loaded.emit()

    def _on_newer(self, generation: int, after: int, rows: list[MessageRow]) -> None:
        if generation != self._generation or after != self.newest_id:
            return
        if len(rows) >= LIVE_ROWS:
            self.reload()  # too many to insert one by one; a gap would be wrong
            return
        if rows:
            self.insert_rows(0, rows)
            if len(self.rows) > MAX_ROWS:
                self.keep_first(MAX_ROWS)
                self.exhausted = False
        self.loaded.emit()

    @staticmethod
    def _text(row: MessageRow, column: int) -> str:
        frame = row.stored.frame
        if column == TIME:
            return row.time
        if column == CHARGER:
            return frame.charger_id
        if column == DIRECTION:
            return direction_text(frame.direction)
        if column == KIND:
            return kind_text(frame.kind)
        if column == ACTION:
            action = frame.action or ""
            return f"⚠ {action}" if row.problem == "refused" else action
        if column == MESSAGE_ID:
            return frame.message_id or ""
        if column == LATENCY:
            return "" if frame.latency_ms is None else f"{frame.latency_ms:.1f}"
        return row.summary


def _tooltip(row: MessageRow, column: int) -> str | None:
    if column == PAYLOAD:
        return row.stored.frame.payload[:2000]
    if column == MESSAGE_ID:
        return row.stored.frame.message_id
    if row.problem == "error":
        return _tr("The frame failed: an error reply or an unreadable frame")
    if row.problem == "refused":
        return _tr("The answer refused or reports a failure")
    return None


def _foreground(row: MessageRow, column: int) -> QColor | None:
    if row.problem == "error" and column in (KIND, ACTION, PAYLOAD):
        return ERROR_COLOUR
    if row.problem == "refused" and column in (ACTION, PAYLOAD):
        return WARNING_COLOUR
    if column in (TIME, MESSAGE_ID):
        return MUTED_COLOUR
    return None


def _background(row: MessageRow) -> QColor | None:
    if row.problem == "error":
        return ERROR_BACKGROUND
    if row.problem == "refused":
        return WARNING_BACKGROUND
    return None
