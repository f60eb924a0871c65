"""Connector utilisation as a sortable table: share of time charging and occupied."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from console.services.report_usage import ConnectorUtilisation
from console.ui.table_model import FIRST_FREE_ROLE, LEFT, RIGHT, SORT_ROLE, Column, RowTableModel

SHARE_ROLE = FIRST_FREE_ROLE + 1  # a share 0..1, for the bar delegate
CHARGER, CONNECTOR, CHARGING, OCCUPIED, CHARGING_HOURS, OCCUPIED_HOURS = range(6)

Index = QModelIndex | QPersistentModelIndex


def percent_text(share: float) -> str:
    """A share as a percentage with one decimal: 0.1234 -> "12.3 %".

    A share too small to show is "< 0.1 %", so some use never reads as none.
    """
    if 0 < share < 0.0005:
        return "< " + QLocale().toString(0.1, "f", 1) + " %"
    return QLocale().toString(share * 100, "f", 1) + " %"


class UtilisationTableModel(RowTableModel[ConnectorUtilisation]):
    """One row per connector: charger, connector, charging %, occupied %, and the hours."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        tr = QCoreApplication.translate
        occupied = tr(
            "Reports", "Time a car was plugged in: preparing, charging, suspended or finishing"
        )

        def share(title: str, value: Callable[[ConnectorUtilisation], float], column: int) -> Any:
            return Column[ConnectorUtilisation](
                title,
                lambda r: percent_text(value(r)),
                sort=lambda r: float(value(r)),
                align=RIGHT,
                tooltip=lambda r: self._share_tip(r, column),
                header_tip=occupied if column == OCCUPIED else None,
            )

        def hours(title: str, value: Callable[[ConnectorUtilisation], float], tip: Any) -> Any:
            return Column[ConnectorUtilisation](
                title,
                lambda r: QLocale().toString(float(value(r)), "f", 1),
                sort=lambda r: float(value(r)),
                align=RIGHT,
                header_tip=tip,
            )

        self.set_columns(
            (
                Column[ConnectorUtilisation](
                    tr("Reports", "Charger"),
                    lambda r: str(r.charger_id),
                    sort=lambda r: r.charger_id.casefold(),
                    align=LEFT,
                ),
                Column[ConnectorUtilisation](
                    tr("Reports", "Connector"),
                    lambda r: str(r.connector_id),
                    sort=lambda r: float(r.connector_id),
                    align=RIGHT,
                ),
                share(tr("Reports", "Charging"), lambda r: r.charging_share, CHARGING),
                share(tr("Reports", "Occupied"), lambda r: r.occupied_share, OCCUPIED),
                hours(tr("Reports", "Charging (h)"), lambda r: r.charging_hours, None),
                hours(tr("Reports", "Occupied (h)"), lambda r: r.occupied_hours, occupied),
            )
        )

    def row_at(self, row: int) -> ConnectorUtilisation:
        """The connector of a row."""
        return self.rows[row]

    def role_data(self, item: ConnectorUtilisation, column: int, role: int) -> Any:
        """The share of the Charging and Occupied columns for the bar delegate."""
        if role == SHARE_ROLE and column == CHARGING:
            return float(item.charging_share)
        if role == SHARE_ROLE and column == OCCUPIED:
            return float(item.occupied_share)
        return super().role_data(item, column, role)

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
