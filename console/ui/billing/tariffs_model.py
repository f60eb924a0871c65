"""The tariffs table: prices at a glance and who pays each tariff."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from console.core.billing import StoredTariff
from console.services.formatting import format_rate
from console.ui.billing.words import money_text, price_text, tr, weekdays_text

Index = QModelIndex | QPersistentModelIndex
TARIFF_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_RETIRED = QColor("#7F7F7F")


@dataclass(frozen=True, slots=True)
class TariffRow:
    """A tariff with what it is used for."""

    stored: StoredTariff
    groups: tuple[str, ...] = ()
    default: bool = False
    visitor: bool = False

    @property
    def uses(self) -> list[str]:
        """Who pays the tariff, in words."""
        found = []
        if self.default:
            found.append(tr("★ site default"))
        if self.visitor:
            found.append(tr("visitors"))
        found += list(self.groups)
        return found


def tariff_rows(
    tariffs: Iterable[StoredTariff],
    groups: Mapping[str, int],
    default_id: int | None,
    visitor_id: int | None,
) -> list[TariffRow]:
    """Join tariffs with the groups that pay them and the default and visitor choices."""
    by_tariff: dict[int, list[str]] = {}
    for group, tariff_id in groups.items():
        by_tariff.setdefault(tariff_id, []).append(group)
    return [
        TariffRow(
            stored,
            tuple(sorted(by_tariff.get(stored.id, []), key=str.casefold)),
            stored.id == default_id,
            stored.id == visitor_id,
        )
        for stored in tariffs
    ]


class TariffColumn(IntEnum):
    """The tariffs table's columns."""

    NAME = 0
    ENERGY = 1
    TIME = 2
    IDLE = 3
    FEE = 4
    LIMITS = 5
    TAX = 6
    WINDOWS = 7
    USED_BY = 8


def tariff_column_titles() -> list[str]:
    """Column headers, translated."""
    return [
        tr("Tariff"),
        tr("Energy"),
        tr("Charging"),
        tr("Idle fee"),
        tr("Fee"),
        tr("Min / max"),
        tr("Tax"),
        tr("Windows"),
        tr("Used by"),
    ]


class TariffsTableModel(QAbstractTableModel):
    """Tariffs with their prices and uses; retired ones greyed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TariffRow] = []
        self._titles = tariff_column_titles()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of tariffs."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(TariffColumn)

    def headerData(  # Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(TariffColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort value, tooltip and colour of one cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = TariffColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._text(row, column).casefold()
        if role == TARIFF_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.stored.retired:
            return _RETIRED
        if role == Qt.ItemDataRole.ToolTipRole and column == TariffColumn.WINDOWS:
            return self._windows_tooltip(row) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == TariffColumn.USED_BY:
            return "\n".join(row.uses) or None
        return None

    def set_rows(self, rows: Iterable[TariffRow]) -> None:
        """Show exactly these tariffs."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[TariffRow]:
        """Every tariff shown."""
        return list(self._rows)

    def row_at(self, row: int) -> TariffRow:
        """The tariff in ``row``."""
        return self._rows[row]

    @staticmethod
    def _text(row: TariffRow, column: TariffColumn) -> str:
        tariff = row.stored.tariff
        currency = tariff.currency
        match column:
            case TariffColumn.NAME:
                return tariff.name + (tr(" (retired)") if row.stored.retired else "")
            case TariffColumn.ENERGY:
                return price_text(tariff.energy_price, currency, "kWh")
            case TariffColumn.TIME:
                return price_text(tariff.time_price, currency, "h") if tariff.time_price else ""
            case TariffColumn.IDLE:
                if not tariff.idle_price:
                    return ""
                grace = int(tariff.idle_grace.total_seconds() // 60)
                text = price_text(tariff.idle_price, currency, "h")
                return text + tr(" after %1 min").replace("%1", str(grace)) if grace else text
            case TariffColumn.FEE:
                return money_text(tariff.session_fee, currency) if tariff.session_fee else ""
            case TariffColumn.LIMITS:
                low = money_text(tariff.minimum, currency) or "—"
                high = money_text(tariff.maximum, currency) or "—"
                return (
                    "" if tariff.minimum is None and tariff.maximum is None else f"{low} / {high}"
                )
            case TariffColumn.TAX:
                rate = format_rate(tariff.tax_rate)
                return rate + (tr(" incl.") if tariff.prices_include_tax else tr(" added"))
            case TariffColumn.WINDOWS:
                return ", ".join(w.name for w in tariff.windows)
            case TariffColumn.USED_BY:
                return ", ".join(row.uses)

    @staticmethod
    def _windows_tooltip(row: TariffRow) -> str:
        tariff = row.stored.tariff
        lines = []
        for window in tariff.windows:
            prices = [
                price_text(window.energy_price, tariff.currency, "kWh"),
                price_text(window.time_price, tariff.currency, "h"),
            ]
            lines.append(
                f"{window.name}: {weekdays_text(window.weekdays)} "
                f"{window.start:%H:%M}-{window.end:%H:%M}  " + "  ".join(p for p in prices if p)
            )
        return "\n".join(lines)
