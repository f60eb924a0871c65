"""The alarm list as a Qt table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from console.core.alarms import Alarm, AlarmKind
from console.services.formatting import format_local, with_zone
from console.ui.alarms.words import alarm_sentence, kind_colour, kind_label, state_word

Index = QModelIndex | QPersistentModelIndex
_UNACKNOWLEDGED_BACKGROUND = QColor("#FBE3D6")


class AlarmTableModel(QAbstractTableModel):
    """Alarms, newest first: time, charger, connector, kind, message, state, acknowledged.

    Times are site time (the Raised title names the zone); the message is a sentence
    naming the charger, written from the alarm's details (words.alarm_sentence).
    """

    TIME, CHARGER, CONNECTOR, KIND, MESSAGE, STATE, ACKNOWLEDGED = range(7)
    AlarmRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self.alarms: list[Alarm] = []
        self._headers = [
            self.tr("Raised"),
            self.tr("Charger"),
            self.tr("Connector"),
            self.tr("Kind"),
            self.tr("Message"),
            self.tr("State"),
            self.tr("Acknowledged"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per alarm."""
        return 0 if parent.isValid() else len(self.alarms)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The seven columns."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            if section == self.TIME:
                return with_zone(self._headers[section])
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort keys, colours and the alarm itself."""
        if not index.isValid() or not 0 <= index.row() < len(self.alarms):
            return None
        alarm = self.alarms[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(alarm, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.MESSAGE:
            return alarm_sentence(alarm)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.KIND:
            return QBrush(kind_colour(alarm.kind))
        if role == Qt.ItemDataRole.BackgroundRole and not alarm.acknowledged:
            return QBrush(_UNACKNOWLEDGED_BACKGROUND)
        if role == self.AlarmRole:
            return alarm
        if role == Qt.ItemDataRole.UserRole:  # sort key
            if column == self.TIME:
                return alarm.raised_at.timestamp()
            if column == self.CONNECTOR:
                return alarm.connector_id if alarm.connector_id is not None else -1
            return self._text(alarm, column)
        return None

    def _text(self, alarm: Alarm, column: int) -> str:
        if column == self.TIME:
            return format_local(alarm.raised_at)
        if column == self.CHARGER:
            if alarm.kind is AlarmKind.DISK_LOW:  # about the database, not a charger
                return self.tr("(database)")
            return alarm.charger_id
        if column == self.CONNECTOR:
            return "" if alarm.connector_id is None else str(alarm.connector_id)
        if column == self.KIND:
            return kind_label(alarm.kind)
        if column == self.MESSAGE:
            return alarm_sentence(alarm)
        if column == self.STATE:
            if alarm.open:
                return state_word(alarm)
            return f"{state_word(alarm)} {format_local(alarm.cleared_at)}"
        if column == self.ACKNOWLEDGED:
            if not alarm.acknowledged:
                return self.tr("not yet")
            return f"{alarm.acknowledged_by or ''}, {format_local(alarm.acknowledged_at)}"
        return ""

    def set_alarms(self, alarms: list[Alarm]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.alarms = list(alarms)
        self.endResetModel()

    def upsert(self, alarm: Alarm) -> None:
        """Add a new alarm on top, or refresh the row of a known one."""
        for row, known in enumerate(self.alarms):
            if known.id == alarm.id:
                self.alarms[row] = alarm
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.alarms.insert(0, alarm)
        self.endInsertRows()

    def alarm_at(self, row: int) -> Alarm | None:
        """The alarm of a row, or None."""
        return self.alarms[row] if 0 <= row < len(self.alarms) else None


class AlarmFilterProxy(QSortFilterProxyModel):
    """Sorts by the model's sort keys; ``open_only`` hides alarms that are dealt with."""

    def __init__(self) -> None:
        super().__init__()
        self.open_only = False
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_open_only(self, value: bool) -> None:
        """Show only alarms still open or not yet acknowledged."""
        self.beginFilterChange()
        self.open_only = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """An alarm is dealt with once cleared and acknowledged."""
        if not self.open_only:
            return True
        model = self.sourceModel()
        assert isinstance(model, AlarmTableModel)
        alarm = model.alarm_at(source_row)
        return alarm is not None and (alarm.open or not alarm.acknowledged)
