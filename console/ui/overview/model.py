"""The overview's live table: one row per connector, fed by the site mirror."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QIcon

from console.core.enums import Approval, ConnectorStatus
from console.core.site import ChargerState, ConnectorState
from console.ui import theme
from console.ui.billing.live_cost import cost_text, cost_tooltip
from console.ui.overview.cells import (
    KEY_ROLE,
    PENDING_STYLE,
    PROBLEM_ROLE,
    REJECTED_STYLE,
    SEVERITY,
    Column,
    RowKey,
    connector_rows,
    is_problem,
    status_icon,
)
from console.ui.overview.format import (
    PowerWatch,
    drawing_words,
    duration_text,
    kilowatt_hours,
    kilowatts,
    local_time,
    natural_key,
    relative_time,
    site_clock,
    translate,
)
from console.ui.overview.running import RunningSessions
from console.ui.site_mirror import SiteMirror
from console.ui.table_model import RowTableModel, columns_of

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.ui.engine_client import EngineClient

_RIGHT_COLUMNS = (Column.POWER, Column.ENERGY, Column.CONNECTOR, Column.DURATION, Column.COST)

__all__ = [
    "KEY_ROLE",
    "PROBLEM_ROLE",
    "ChargerTableModel",
    "Column",
    "RowKey",
    "connector_rows",
    "is_problem",
]


class ChargerTableModel(RowTableModel[RowKey]):
    """Every connector of the site with its status, connection, power and session.

    Rows of one charger are kept together, so an update of a charger is one
    ``dataChanged`` over its rows; a new charger is appended with begin/endInsertRows; the
    model is reset only when a full update brings a different set of rows. A row is a
    (charger id, connector id) key: its cells are read from the site mirror when painted.
    """

    def __init__(self, mirror: SiteMirror, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mirror = mirror
        self._first: dict[str, int] = {}  # charger id -> its first row
        self._seen: dict[str, ChargerState] = {}  # what the rows show now
        self._icons: dict[tuple[str, str], QIcon] = {}
        titles = [
            self.tr("Charger"),
            self.tr("Connector"),
            self.tr("Status"),
            self.tr("Connection"),
            self.tr("Power (kW)"),
            self.tr("Driver"),
            self.tr("Energy (kWh)"),
            self.tr("Time"),
            self.tr("Cost so far"),
            self.tr("Problem"),
        ]
        header_tips = {
            Column.CARD: self.tr("Who charges: the card's owner or the visitor, and the card"),
            Column.DURATION: self.tr("How long the running session has lasted"),
            Column.COST: self.tr("What the running session has cost so far, under its tariff"),
        }
        self.set_columns(
            columns_of(
                titles,
                lambda key, c: self._text(self._charger(key), key[1], Column(c)),
                sort=lambda key, c: self._sort_key_of(key, c),
                tooltip=lambda key, c: self._tooltip(self._charger(key), key[1], Column(c)),
                right=_RIGHT_COLUMNS,
                header_tips=[header_tips.get(column) for column in Column],
            )
        )
        self.holders = mirror.holders
        self.running = RunningSessions(mirror, self)
        self.power_watch = PowerWatch()
        self._load(mirror.chargers)
        self._watch(mirror.chargers)
        mirror.chargersChanged.connect(self._on_chargers_changed)
        self.holders.holdersChanged.connect(self._on_holders_changed)
        self.running.changed.connect(self._on_running_changed)
        # "12 s ago" must age even when nothing happens on the site.
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._on_clock_tick)
        self._clock.start(1000)

    # ----------------------------------------------------------------- Qt interface

    def column_data(self, item: RowKey, number: int, role: int) -> Any:
        """Nothing for a charger the mirror no longer has (its rows go at the next update)."""
        if item[0] not in self._mirror.chargers:
            return None
        return super().column_data(item, number, role)

    def role_data(self, item: RowKey, column: int, role: int) -> Any:
        """The status icon, the row's background, its key and whether it has a problem."""
        charger = self._mirror.chargers.get(item[0])
        if charger is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.STATUS:
            return self._status_icon(charger, item[1])
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(charger, item[1])
        if role == KEY_ROLE:
            return item
        if role == PROBLEM_ROLE:
            return is_problem(charger, item[1])
        return super().role_data(item, column, role)

    def _charger(self, key: RowKey) -> ChargerState:
        return self._mirror.chargers[key[0]]

    # ----------------------------------------------------------------- lookups

    def use(self, client: EngineClient, view: QWidget) -> None:
        """Read drivers' names, start times and costs through ``client`` (costs only
        while ``view`` is shown)."""
        self.running.use(client, view)

    def key(self, row: int) -> RowKey:
        """(charger id, connector id) of a row."""
        return self.rows[row]

    def row_of(self, key: RowKey) -> int | None:
        """The row showing a connector, if any."""
        first = self._first.get(key[0])
        if first is None:
            return None
        for row in range(first, len(self.rows)):
            if self.rows[row][0] != key[0]:
                break
            if self.rows[row] == key:
                return row
        return None

    def sort_key(self, row: int, column: int) -> tuple[Any, ...]:
        """A key that sorts the column naturally, ties broken by charger and connector."""
        return self._sort_key_of(self.rows[row], column)

    def _sort_key_of(self, key: RowKey, column: int) -> tuple[Any, ...]:
        charger_id, connector_id = key
        tie = (natural_key(charger_id), connector_id)
        charger = self._mirror.chargers.get(charger_id)
        if charger is None:
            return ((0,), *tie)
        connector = charger.connectors.get(connector_id)
        col = Column(column)
        primary: tuple[Any, ...]
        if col is Column.STATUS:
            primary = (self._severity(charger, connector),)
        elif col is Column.CONNECTION:
            seen = charger.last_seen.timestamp() if charger.last_seen else 0.0
            primary = (charger.online, -seen)
        elif col is Column.POWER:
            primary = ((connector.power_w or 0.0) if connector else 0.0,)
        elif col is Column.ENERGY:
            primary = ((connector.session_energy_wh or 0.0) if connector else 0.0,)
        elif col is Column.DURATION:
            primary = (self._duration_s(connector),)
        elif col is Column.COST:
            cost = self.running.cost_of(connector.transaction_id) if connector else None
            primary = (float(cost.gross_total) if cost is not None else -1.0,)
        elif col in (Column.CHARGER, Column.CONNECTOR):
            primary = ()
        else:
            primary = (self._text(charger, connector_id, col).casefold(),)
        return (*primary, *tie)

    # ----------------------------------------------------------------- updates

    def _layout(self, chargers: dict[str, ChargerState]) -> list[RowKey]:
        ordered = sorted(chargers, key=natural_key)
        return [(cid, c) for cid in ordered for c in connector_rows(chargers[cid])]

    def _reindex(self) -> None:
        self._first = {}
        for row, (charger_id, _) in enumerate(self.rows):
            self._first.setdefault(charger_id, row)

    def _load(self, chargers: dict[str, ChargerState]) -> None:
        self.rows = self._layout(chargers)
        self._reindex()
        self._seen = dict(chargers)

    def _watch(self, chargers: dict[str, ChargerState], ids: list[str] | None = None) -> None:
        """Note each connector's power, to tell "not drawing power" from "charging"."""
        for charger_id in chargers if ids is None else ids:
            charger = chargers.get(charger_id)
            if charger is not None:
                for connector_id, connector in charger.connectors.items():
                    self.power_watch.observe((charger_id, connector_id), connector)

    def _on_chargers_changed(self, ids: list[str], full: bool) -> None:
        chargers = self._mirror.chargers
        self._watch(chargers, None if full else ids)
        if full:
            wanted = self._layout(chargers)
            if set(wanted) != set(self.rows):
                self.beginResetModel()
                self._load(chargers)
                self.endResetModel()
                return
            ids = [cid for cid, state in chargers.items() if self._seen.get(cid) != state]
        for charger_id in ids:
            state = chargers.get(charger_id)
            if state is not None:
                self._update_charger(state)
                self._seen[charger_id] = state

    def _update_charger(self, charger: ChargerState) -> None:
        charger_id = charger.charger_id
        keys = [(charger_id, c) for c in connector_rows(charger)]
        first = self._first.get(charger_id)
        if first is None:
            end = len(self.rows)
            self.beginInsertRows(QModelIndex(), end, end + len(keys) - 1)
            self.rows.extend(keys)
            self._first[charger_id] = end
            self.endInsertRows()
            return
        count = sum(1 for key in self.rows[first:] if key[0] == charger_id)
        if self.rows[first : first + count] == keys:
            last = first + count - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))
            return  # one signal for the charger's rows
        # Its connectors became known (or changed): replace the charger's rows in place.
        self.beginRemoveRows(QModelIndex(), first, first + count - 1)
        del self.rows[first : first + count]
        self._reindex()
        self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), first, first + len(keys) - 1)
        self.rows[first:first] = keys
        self._reindex()
        self.endInsertRows()

    def _on_clock_tick(self) -> None:
        # Ages, durations and "not drawing power" move with the clock alone: one signal
        # per column that can change (each makes the proxy look at every row again).
        self._repaint(Column.CONNECTION, Column.CONNECTION)
        if self.running.started:
            self._repaint(Column.DURATION, Column.DURATION)
        if self.power_watch.watching:
            self._repaint(Column.STATUS, Column.STATUS)

    def _repaint(self, first: Column, last: Column) -> None:
        self.columns_changed(first, last, [Qt.ItemDataRole.DisplayRole])

    def _on_holders_changed(self, _keys: list[str]) -> None:
        self._repaint(Column.CARD, Column.CARD)

    def _on_running_changed(self) -> None:
        self._repaint(Column.DURATION, Column.COST)

    # ----------------------------------------------------------------- presentation

    def _duration_s(self, connector: ConnectorState | None) -> float:
        """Seconds the connector's running session has lasted (-1: none or not known)."""
        started = self.running.start_of(connector.transaction_id) if connector else None
        if started is None:
            return -1.0
        return max(0.0, (datetime.now(UTC) - started).total_seconds())

    def _drawing(self, charger: ChargerState, connector_id: int) -> tuple[str, str] | None:
        """("Car full" | "Not drawing power", why) when the status alone would mislead."""
        if not charger.online or charger.approval is not Approval.ACCEPTED:
            return None
        connector = charger.connectors.get(connector_id)
        zero_for = self.power_watch.zero_for((charger.charger_id, connector_id))
        return drawing_words(connector, zero_for)

    @staticmethod
    def _severity(charger: ChargerState, connector: ConnectorState | None) -> int:
        if not charger.online:
            return 1
        if connector is None or connector.status is None:
            return 10
        return SEVERITY[connector.status]

    def _status_style(self, charger: ChargerState, connector_id: int) -> tuple[str, str, str]:
        """(colour, symbol, words) of the row's status."""
        if charger.approval is Approval.PENDING:
            return (*PENDING_STYLE, self.tr("Waiting for approval"))
        if charger.approval is Approval.REJECTED:
            return (*REJECTED_STYLE, self.tr("Rejected"))
        if not charger.online:
            return (*theme.OFFLINE_STYLE, self.tr("Offline"))
        connector = charger.connectors.get(connector_id)
        status = connector.status if connector else None
        drawing = self._drawing(charger, connector_id)
        return (
            theme.status_colour(status).name(),
            theme.status_symbol(status),
            drawing[0] if drawing else theme.status_text(status),
        )

    def _status_icon(self, charger: ChargerState, connector_id: int) -> QIcon:
        colour, symbol, _ = self._status_style(charger, connector_id)
        icon = self._icons.get((colour, symbol))
        if icon is None:
            icon = self._icons[(colour, symbol)] = status_icon(colour, symbol)
        return icon

    def _text(self, charger: ChargerState, connector_id: int, column: Column) -> str:
        connector = charger.connectors.get(connector_id)
        session = connector is not None and connector.transaction_id is not None
        if column is Column.CHARGER:
            return charger.charger_id
        if column is Column.CONNECTOR:
            return str(connector_id) if connector_id else "—"
        if column is Column.STATUS:
            return self._status_style(charger, connector_id)[2]
        if column is Column.CONNECTION:
            if charger.online:
                return self.tr("Online · %1").replace("%1", relative_time(charger.last_seen))
            return self.tr("Offline · seen %1").replace("%1", relative_time(charger.last_seen))
        if connector is None:
            return ""
        if column is Column.POWER:
            return kilowatts(connector.power_w) if session or connector.power_w else ""
        if column is Column.CARD:
            return self.holders.text(connector.id_tag) if session else ""
        if column is Column.ENERGY:
            return kilowatt_hours(connector.session_energy_wh) if session else ""
        if column is Column.DURATION:
            seconds = self._duration_s(connector) if session else -1.0
            return duration_text(seconds) if seconds >= 0 else ""
        if column is Column.COST:
            cost = self.running.cost_of(connector.transaction_id) if session else None
            return cost_text(cost, False)
        return self._problem(charger, connector)

    def _problem(self, charger: ChargerState, connector: ConnectorState) -> str:
        parts = []
        if connector.error_code not in ("NoError", ""):
            parts.append(connector.error_code)
        if connector.info and (parts or connector.status is ConnectorStatus.FAULTED):
            parts.append(connector.info)
        whole = charger.connectors.get(0)
        if connector.connector_id and whole and whole.error_code not in ("NoError", ""):
            parts.append(self.tr("charger: %1").replace("%1", whole.error_code))
        return " — ".join(parts)

    def _background(self, charger: ChargerState, connector_id: int) -> QBrush | None:
        if not charger.online:
            return QBrush(theme.OFFLINE_BACKGROUND)
        if is_problem(charger, connector_id):
            return QBrush(theme.FAULT_BACKGROUND)
        return None

    def _tooltip(self, charger: ChargerState, connector_id: int, column: Column) -> str | None:
        connector = charger.connectors.get(connector_id)
        if column is Column.CHARGER:
            lines = [charger.charger_id]
            if charger.boot:
                lines.append(f"{charger.boot.vendor} {charger.boot.model}")
                if charger.boot.firmware_version:
                    lines.append(
                        translate("Firmware %1").replace("%1", charger.boot.firmware_version)
                    )
            if charger.peer:
                lines.append(translate("Address %1").replace("%1", charger.peer))
            return "\n".join(lines)
        if column is Column.STATUS and connector is not None and connector.status is not None:
            text = self.tr("Last reported: %1").replace("%1", theme.status_text(connector.status))
            if connector.status_at is not None:
                text += self.tr(" at %1").replace("%1", local_time(connector.status_at))
            drawing = self._drawing(charger, connector_id)
            if drawing is not None:
                text = drawing[1] + "\n" + text
            return text
        running = connector is not None and connector.transaction_id is not None
        if column is Column.CARD and running and connector is not None:
            return self.holders.tooltip(connector.id_tag)
        if column is Column.DURATION and running and connector is not None:
            started = self.running.start_of(connector.transaction_id)
            if started is not None:
                return self.tr("Started %1").replace("%1", local_time(started))
        if column is Column.COST and running and connector is not None:
            cost = self.running.cost_of(connector.transaction_id)
            if connector.transaction_id in self.running.costs:
                return cost_tooltip(cost)
        if column is Column.CONNECTION and charger.last_seen is not None:
            return self.tr("Last message: %1").replace("%1", site_clock(charger.last_seen))
        if column is Column.ENERGY and connector is not None and connector.soc_percent is not None:
            return self.tr("Battery %1 %").replace("%1", f"{connector.soc_percent:.0f}")
        return None
