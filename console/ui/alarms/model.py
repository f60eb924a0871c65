"""The alarm list as a Qt table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from console.core.alarms import Alarm, AlarmKind
from console.services.formatting import with_zone
from console.ui.alarms.words import alarm_sentence, kind_colour, kind_label, state_word
from console.ui.locale_format import format_local
from console.ui.table_model import ROW_ROLE, SORT_ROLE, Column, RowTableModel

Index = QModelIndex | QPersistentModelIndex
_UNACKNOWLEDGED_BACKGROUND = QColor("#FBE3D6")


class AlarmTableModel(RowTableModel[Alarm]):
    """Alarms, newest first: time, charger, connector, kind, message, state, acknowledged.

    Times are site time (the Raised title names the zone); the message is a sentence
    naming the charger, written from the alarm's details (words.alarm_sentence).
    """

    TIME, CHARGER, CONNECTOR, KIND, MESSAGE, STATE, ACKNOWLEDGED = range(7)
    AlarmRole = ROW_ROLE

    def __init__(self) -> None:
        super().__init__()
        self.set_columns(
            (
                Column[Alarm](
                    self.tr("Raised"),
                    lambda a: format_local(a.raised_at),
                    sort=lambda a: a.raised_at.timestamp(),
                ),
                Column[Alarm](self.tr("Charger"), self._charger_text),
                Column[Alarm](
                    self.tr("Connector"),
                    lambda a: "" if a.connector_id is None else str(a.connector_id),
                    sort=lambda a: a.connector_id if a.connector_id is not None else -1,
                ),
                Column[Alarm](
                    self.tr("Kind"),
                    lambda a: kind_label(a.kind),
                    foreground=lambda a: QBrush(kind_colour(a.kind)),
                ),
                Column[Alarm](self.tr("Message"), alarm_sentence, tooltip=alarm_sentence),
                Column[Alarm](self.tr("State"), _state_text),
                Column[Alarm](self.tr("Acknowledged"), self._acknowledged_text),
            )
        )

    @property
    def alarms(self) -> list[Alarm]:
        """The alarms shown, in model order (newest first)."""
        return self.rows

    def header_text(self, section: int) -> str:
        """Column titles; the time's names the site's zone."""
        title = super().header_text(section)
        return with_zone(title) if section == self.TIME else title

    def role_data(self, item: Alarm, column: int, role: int) -> Any:
        """Alarms nobody has acknowledged stand out in every cell."""
        if role == Qt.ItemDataRole.BackgroundRole and not item.acknowledged:
            return QBrush(_UNACKNOWLEDGED_BACKGROUND)
        return super().role_data(item, column, role)

    def _charger_text(self, alarm: Alarm) -> str:
        if alarm.kind is AlarmKind.DISK_LOW:  # about the database, not a charger
            return self.tr("(database)")
        return alarm.charger_id

    def _acknowledged_text(self, alarm: Alarm) -> str:
        if not alarm.acknowledged:
            return self.tr("not yet")
        return f"{alarm.acknowledged_by or ''}, {format_local(alarm.acknowledged_at)}"

    def set_alarms(self, alarms: list[Alarm]) -> None:
        """Replace every row."""
        self.set_rows(alarms)

    def upsert(self, alarm: Alarm) -> None:
        """Add a new alarm on top, or refresh the row of a known one."""
        row = self.find_row(lambda known: known.id == alarm.id)
        if row is not None:
            self.update_row(row, alarm)
        else:
            self.insert_rows(0, [alarm])

    def alarm_at(self, row: int) -> Alarm | None:
        """The alarm of a row, or None."""
        return self.row_at(row)


def _state_text(alarm: Alarm) -> str:
    if alarm.open:
        return state_word(alarm)
    return f"{state_word(alarm)} {format_local(alarm.cleared_at)}"


class AlarmFilterProxy(QSortFilterProxyModel):
    """Sorts by the model's sort keys; ``open_only`` hides alarms that are dealt with."""

    def __init__(self) -> None:
        super().__init__()
        self.open_only = False
        self.setSortRole(SORT_ROLE)

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
