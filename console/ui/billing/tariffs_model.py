"""The tariffs table: prices at a glance and who pays each tariff."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from console.core.billing import StoredTariff
from console.services.formatting import format_rate
from console.ui.billing.words import money_text, price_text, tr, weekdays_text
from console.ui.table_model import ROW_ROLE, Column, RowTableModel

TARIFF_ROLE = ROW_ROLE
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


class TariffsTableModel(RowTableModel[TariffRow]):
    """Tariffs with their prices and uses; retired ones greyed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        titles = tariff_column_titles()
        tooltips: dict[TariffColumn, Callable[[TariffRow], Any]] = {
            TariffColumn.WINDOWS: lambda r: self._windows_tooltip(r) or None,
            TariffColumn.USED_BY: lambda r: "\n".join(r.uses) or None,
        }

        def column(number: TariffColumn) -> Column[TariffRow]:
            text = functools.partial(self._text, column=number)
            return Column[TariffRow](
                titles[number],
                text,
                sort=lambda r: text(r).casefold(),
                tooltip=tooltips.get(number),
            )

        self.set_columns(column(number) for number in TariffColumn)

    def role_data(self, item: TariffRow, column: int, role: int) -> Any:
        """Retired tariffs in grey."""
        if role == Qt.ItemDataRole.ForegroundRole and item.stored.retired:
            return _RETIRED
        return super().role_data(item, column, role)

    def row_at(self, row: int) -> TariffRow:
        """The tariff in ``row``."""
        return self.rows[row]

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
