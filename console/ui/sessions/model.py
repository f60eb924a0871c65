"""The sessions table: running and past sessions, with live energy and duration.

The model sorts itself. Sorting 20,000 rows through QSortFilterProxyModel costs about
3 s on the GUI thread here (every comparison calls back into Python twice); sorting
the Python list by the same raw values (``SORT_ROLE``) takes a few milliseconds. The
proxy in front of it only filters and hands ``sort()`` down to this model.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from console.core.clock import utcnow
from console.core.enums import SessionFlag
from console.core.model import Session
from console.core.site import ChargerState
from console.ui.locale_format import number_text
from console.ui.people_names import HolderDirectory, holder_text
from console.ui.sessions.export import SessionSnapshot, display_time, hours_minutes
from console.ui.sessions.words import (
    Column,
    column_titles,
    column_tooltips,
    flag_explanation,
    flags_text,
    late_stop_note,
    running_word,
    session_stop_text,
)
from console.ui.table_model import ROW_ROLE, RowTableModel, columns_of

SESSION_ROLE = ROW_ROLE  # the Session itself; SORT_ROLE: raw values, times as seconds

RUNNING_COLOUR = QColor("#0072B2")  # the theme's "charging" blue
FLAG_COLOUR = QColor("#D55E00")  # the theme's "faulted" vermillion
RUNNING_SYMBOL = "▶"
FLAG_SYMBOL = "⚠"

_NUMERIC = {Column.SESSION, Column.CONNECTOR, Column.ENERGY, Column.DURATION}
_LIVE_COLUMNS = (Column.END, Column.ENERGY, Column.DURATION)
# Flags of sessions ChargeDesk (or staff) ended without the charger's StopTransaction.
_ENDING_FLAGS = frozenset(
    flag.value
    for flag in (
        SessionFlag.SUPERSEDED,
        SessionFlag.STOPPED_BY_CHARGER_BOOT,
        SessionFlag.ENDED_WITHOUT_STOP,
        SessionFlag.ENDED_BY_STAFF,
    )
)

Index = QModelIndex | QPersistentModelIndex


def _foreground(session: Session, column: int) -> QColor | None:
    if session.running and column in _LIVE_COLUMNS:
        return RUNNING_COLOUR
    if column == Column.FLAGS and session.flags:
        return FLAG_COLOUR
    return None


class SessionsTableModel(RowTableModel[Session]):
    """Sessions, one per row; running ones show live energy and duration.

    ``now`` gives the current UTC time (tests pass a fixed clock). ``holders`` names
    the driver behind each card (the site mirror's directory); without it the card id
    is shown.
    """

    def __init__(
        self,
        now: Callable[[], datetime] = utcnow,
        parent: Any = None,
        holders: HolderDirectory | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self.holders = holders
        if holders is not None:
            holders.holdersChanged.connect(self._on_holders_changed)
        self._row_of: dict[int, int] = {}
        self._live_wh: dict[int, float | None] = {}  # running session id -> energy so far
        self._sort: tuple[Column, Qt.SortOrder] | None = (
            Column.START,
            Qt.SortOrder.DescendingOrder,
        )
        self.set_columns(
            columns_of(
                column_titles(),
                lambda s, c: self._text(s, Column(c)),
                sort=lambda s, c: self._key(s, Column(c), self._now()),
                tooltip=lambda s, c: self._tooltip(s, Column(c)),
                foreground=_foreground,
                right=_NUMERIC,
                header_tips=column_tooltips(),
            )
        )

    # --- Qt model interface -------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values, keeping selections on the same sessions."""
        if not 0 <= column < len(Column):
            return
        self._sort = (Column(column), order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self.rows[i.row()].id, i.column()) for i in persistent]
        self._sort_rows()
        self.changePersistentIndexList(
            persistent, [self.index(self._row_of[sid], col) for sid, col in kept]
        )
        self.layoutChanged.emit()

    # --- reading ------------------------------------------------------------------------

    def session_at(self, row: int) -> Session:
        """The session shown in ``row``."""
        return self.rows[row]

    def sessions(self) -> list[Session]:
        """Every session in the model, in its present order."""
        return list(self.rows)

    def row_of(self, session_id: int) -> int | None:
        """The row of a session, or None when it is not in the model."""
        return self._row_of.get(session_id)

    def driver_text(self, session: Session) -> str:
        """The Driver cell: "Anna Hoffmann · 04A1B2C3", a visitor's name, or the card id."""
        if self.holders is None:
            return session.id_tag
        return self.holders.text(session.id_tag)

    def search_text(self, session: Session) -> str:
        """What a text filter matches besides charger and card: the driver's name and
        department (or a visitor's plate), casefolded; from memory, never a read."""
        if self.holders is None:
            return ""
        holder = self.holders.holder(session.id_tag)
        text = holder_text(session.id_tag, holder)
        if holder is not None and holder.detail:
            text += "\n" + holder.detail
        return text.casefold()

    def energy_wh(self, session: Session) -> float | None:
        """Energy delivered: the meter difference when finished, the live value while running."""
        if session.running:
            return self._live_wh.get(session.id)
        return session.energy_wh

    def duration_s(self, session: Session, now: datetime | None = None) -> float:
        """Seconds from start to end, or to now while running."""
        end = session.stopped_at or now or self._now()
        return max(0.0, (end - session.started_at).total_seconds())

    def snapshot(self, row: int, now: datetime) -> SessionSnapshot:
        """A row frozen for export, with its live values."""
        session = self.rows[row]
        return SessionSnapshot(session, self.energy_wh(session), self.duration_s(session, now))

    # --- changing -----------------------------------------------------------------------

    def set_sessions(self, sessions: Iterable[Session]) -> None:
        """Replace every row (after a load from the database)."""
        self.beginResetModel()
        self.rows = list(sessions)
        if self.holders is not None:
            # One batch for every card of the period, not one read per row painted.
            self.holders.want({s.id_tag for s in self.rows})
        running = {s.id for s in self.rows if s.running}
        self._live_wh = {sid: wh for sid, wh in self._live_wh.items() if sid in running}
        self._sort_rows()
        self.endResetModel()

    def upsert(self, session: Session) -> None:
        """Add a new session where the sort puts it, or update the one already shown."""
        row = self._row_of.get(session.id)
        if row is None:
            position = self._position_for(session)
            self.beginInsertRows(QModelIndex(), position, position)
            self.rows.insert(position, session)
            self._reindex()
            self.endInsertRows()
            return
        if not self.rows[row].running and session.running:
            return  # a stop is final: a late "started" event must not revive the session
        self.rows[row] = session
        if not session.running:
            self._live_wh.pop(session.id, None)
        self.row_changed(row)
        self._keep_sorted([row])

    def update_live(
        self, chargers: Mapping[str, ChargerState], charger_ids: Iterable[str] | None = None
    ) -> None:
        """Take the running sessions' energy from the site mirror (None: all chargers)."""
        wanted = None if charger_ids is None else set(charger_ids)
        changed: list[int] = []
        for sid in list(self._running_ids()):
            row = self._row_of[sid]
            session = self.rows[row]
            if wanted is not None and session.charger_id not in wanted:
                continue
            charger = chargers.get(session.charger_id)
            connector = charger.connectors.get(session.connector_id) if charger else None
            if connector is None or connector.transaction_id != sid:
                continue
            energy = connector.session_energy_wh
            if energy != self._live_wh.get(sid):
                self._live_wh[sid] = energy
                changed.append(row)
        for row in changed:
            self.dataChanged.emit(
                self.index(row, Column.ENERGY), self.index(row, Column.ENERGY), []
            )
        self._keep_sorted(changed)

    def tick(self) -> None:
        """Refresh the running sessions' durations (call once a second)."""
        rows = [self._row_of[sid] for sid in self._running_ids()]
        for row in rows:
            index = self.index(row, Column.DURATION)
            self.dataChanged.emit(index, index, [])
        self._keep_sorted(rows)

    # --- internals ----------------------------------------------------------------------

    def _on_holders_changed(self, _keys: list[str]) -> None:
        if self.rows:
            self.columns_changed(Column.CARD, Column.CARD)
            if self._sort is not None and self._sort[0] == Column.CARD:
                self.sort(*self._sort)

    def _running_ids(self) -> list[int]:
        return [s.id for s in self.rows if s.running]

    def _text(self, session: Session, column: Column) -> str:
        if column == Column.SESSION:
            return str(session.id)
        if column == Column.CHARGER:
            return session.charger_id
        if column == Column.CONNECTOR:
            return str(session.connector_id)
        if column == Column.CARD:
            return self.driver_text(session)
        if column == Column.START:
            return display_time(session.started_at)
        if column == Column.END:
            if session.stopped_at is None:
                return f"{RUNNING_SYMBOL} {running_word()}"
            return display_time(session.stopped_at)
        if column == Column.ENERGY:
            energy = self.energy_wh(session)
            return "—" if energy is None else number_text(energy / 1000, 2)
        if column == Column.DURATION:
            return hours_minutes(self.duration_s(session))
        if column == Column.STOP_REASON:
            return "" if session.running else session_stop_text(session)
        if session.flags:
            return f"{FLAG_SYMBOL} {flags_text(session.flags)}"
        return ""

    def _tooltip(self, session: Session, column: Column) -> str | None:
        if column == Column.CARD and self.holders is not None:
            return self.holders.tooltip(session.id_tag)
        if column == Column.FLAGS and session.flags:
            texts = [flag_explanation(flag) for flag in session.flags]
            if session.end_note and not session.stop_estimated:
                texts.append(self.tr("Reason given: %1").replace("%1", session.end_note))
            ended = any(flag in _ENDING_FLAGS for flag in session.flags)
            if ended and not session.stop_estimated:
                texts.append(late_stop_note())
            return "\n\n".join(texts)
        if column == Column.STOP_REASON and session.stop_estimated:
            return self.tr(
                "The charger never reported this session's end: the end time and energy "
                "are the last meter reading ChargeDesk had. A late report replaces them."
            )
        if column == Column.STOP_REASON and not session.running:
            return self.tr("OCPP stop reason: %1").replace("%1", session.stop_reason or "Local")
        if column in (Column.END, Column.ENERGY, Column.DURATION) and session.running:
            return self.tr("Still charging: energy and duration so far, updated live")
        return None

    def _key(self, session: Session, column: Column, now: datetime) -> Any:
        """The raw value a column sorts by; one type per column."""
        if column == Column.SESSION:
            return session.id
        if column == Column.CHARGER:
            return session.charger_id.casefold()
        if column == Column.CONNECTOR:
            return session.connector_id
        if column == Column.CARD:
            return self.driver_text(session).casefold()
        if column == Column.START:
            return session.started_at.timestamp()
        if column == Column.END:
            # Running sessions end "later than anything", so they lead a newest-first sort.
            return session.stopped_at.timestamp() if session.stopped_at else math.inf
        if column == Column.ENERGY:
            energy = self.energy_wh(session)
            return -1.0 if energy is None else float(energy)
        if column == Column.DURATION:
            return self.duration_s(session, now)
        if column == Column.STOP_REASON:
            return "" if session.running else session_stop_text(session).casefold()
        return flags_text(session.flags).casefold()

    def _sort_rows(self) -> None:
        if self._sort is not None:
            column, order = self._sort
            now = self._now()
            self.rows.sort(
                key=lambda s: self._key(s, column, now),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        self._reindex()

    def _reindex(self) -> None:
        self._row_of = {session.id: row for row, session in enumerate(self.rows)}

    def _in_order(self, upper: Any, lower: Any) -> bool:
        assert self._sort is not None
        if self._sort[1] == Qt.SortOrder.DescendingOrder:
            return bool(upper >= lower)
        return bool(upper <= lower)

    def _position_for(self, session: Session) -> int:
        if self._sort is None:
            return 0  # unsorted: newest on top
        column = self._sort[0]
        now = self._now()
        key = self._key(session, column, now)
        for row, other in enumerate(self.rows):
            if not self._in_order(self._key(other, column, now), key):
                return row
        return len(self.rows)

    def _keep_sorted(self, rows: list[int]) -> None:
        """Re-sort when a live change moved a row out of order (checks only its neighbours)."""
        if self._sort is None or not rows:
            return
        column, order = self._sort
        now = self._now()
        last = len(self.rows) - 1
        for row in rows:
            key = self._key(self.rows[row], column, now)
            above = row > 0 and not self._in_order(self._key(self.rows[row - 1], column, now), key)
            below = row < last and not self._in_order(
                key, self._key(self.rows[row + 1], column, now)
            )
            if above or below:
                self.sort(column, order)
                return
