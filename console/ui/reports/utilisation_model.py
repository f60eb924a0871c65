"""Connector utilisation as a sortable table: share of time charging and occupied."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from console.services.report_usage import ConnectorUtilisation
from console.ui.reports.energy_model import SORT_ROLE

SHARE_ROLE = Qt.ItemDataRole.UserRole + 4  # a share 0..1, for the bar delegate
CHARGER, CONNECTOR, CHARGING, OCCUPIED, CHARGING_HOURS, OCCUPIED_HOURS = range(6)

Index = QModelIndex | QPersistentModelIndex


def percent_text(share: float) -> str:
    """A share as a percentage with one decimal: 0.1234 -> "12.3 %".

    A share too small to show is "< 0.1 %", so some use never reads as none.
    """
    if 0 < share < 0.0005:
        return "< " + QLocale().toString(0.1, "f", 1) + " %"
    return QLocale().toString(share * 100, "f", 1) + " %"


class UtilisationTableModel(QAbstractTableModel):
    """One row per connector: charger, connector, charging %, occupied %, and the hours."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ConnectorUtilisation] = []

    def set_rows(self, rows: Sequence[ConnectorUtilisation]) -> None:
        """Show a new utilisation report."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ConnectorUtilisation]:
        """The connectors shown, in the report's order."""
        return list(self._rows)

    def row_at(self, row: int) -> ConnectorUtilisation:
        """The connector of a row."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One row per connector."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Charger, connector, two shares and two durations."""
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Texts, shares for the bars, sort values and alignment."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        values: tuple[Any, ...] = (
            row.charger_id,
            row.connector_id,
            row.charging_share,
            row.occupied_share,
            row.charging_hours,
            row.occupied_hours,
        )
        if role == Qt.ItemDataRole.DisplayRole:
            if column in (CHARGING, OCCUPIED):
                return percent_text(values[column])
            if column in (CHARGING_HOURS, OCCUPIED_HOURS):
                return QLocale().toString(float(values[column]), "f", 1)
            return str(values[column])
        if role == SORT_ROLE:
            if column == CHARGER:
                return row.charger_id.casefold()
            return float(values[column])
        if role == SHARE_ROLE and column in (CHARGING, OCCUPIED):
            return float(values[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == CHARGER:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (CHARGING, OCCUPIED):
            return self._share_tip(row, column)
        return None

    def _share_tip(self, row: ConnectorUtilisation, column: int) -> str:
        if column == CHARGING:
            text = QCoreApplication.translate("Reports", "Charging %1 h of the period (%2)")
            hours, share = row.charging_hours, row.charging_share
        else:
            text = QCoreApplication.translate(
                "Reports", "Occupied (a car plugged in) %1 h of the period (%2)"
            )
            hours, share = row.occupied_hours, row.occupied_share
        return text.replace("%1", QLocale().toString(hours, "f", 1)).replace(
            "%2", percent_text(share)
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles, with what "occupied" means as a tooltip."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 6:
            return None
        tr = QCoreApplication.translate
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                tr("Reports", "Charger"),
                tr("Reports", "Connector"),
                tr("Reports", "Charging"),
                tr("Reports", "Occupied"),
                tr("Reports", "Charging (h)"),
                tr("Reports", "Occupied (h)"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in (OCCUPIED, OCCUPIED_HOURS):
            return tr(
                "Reports",
                "Time a car was plugged in: preparing, charging, suspended or finishing",
            )
        return None


class UtilisationProxyModel(QSortFilterProxyModel):
    """Sorts connectors by the raw values (shares as numbers, not as text)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:
        """Compare raw values; ties keep charger and connector order."""
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a == b:
            return left.row() < right.row()
        return bool(a < b)

    def visible_rows(self) -> list[ConnectorUtilisation]:
        """The connectors in the order shown."""
        source = self.sourceModel()
        assert isinstance(source, UtilisationTableModel)
        return [
            source.row_at(self.mapToSource(self.index(row, 0)).row())
            for row in range(self.rowCount())
        ]
