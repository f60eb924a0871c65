"""The receipts table: one row per issued receipt, its state as colour + symbol + word."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from console.core.billing import Receipt, ReceiptStatus
from console.ui.billing.words import (
    kwh_text,
    local_text,
    method_short,
    method_word,
    money_text,
    status_colour,
    status_text,
    tr,
)

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECEIPT_ROLE = Qt.ItemDataRole.UserRole + 2
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class ReceiptColumn(IntEnum):
    """The receipts table's columns, in order."""

    NUMBER = 0
    ISSUED = 1
    CUSTOMER = 2
    CHARGER = 3
    ENERGY = 4
    TOTAL = 5
    STATUS = 6
    PAID = 7


_NUMERIC = {ReceiptColumn.ENERGY, ReceiptColumn.TOTAL, ReceiptColumn.PAID}


def receipt_column_titles() -> list[str]:
    """Column headers, translated, in column order."""
    return [
        tr("Number"),
        tr("Issued"),
        tr("Customer"),
        tr("Charger"),
        tr("Energy (kWh)"),
        tr("Total"),
        tr("Status"),
        tr("Paid"),
    ]


def open_amount(receipt: Receipt) -> Decimal:
    """What is still to be paid on a receipt (nothing on a void one)."""
    if receipt.status is ReceiptStatus.VOID:
        return Decimal("0.00")
    return max(Decimal("0.00"), receipt.total - receipt.paid)


class ReceiptsTableModel(QAbstractTableModel):
    """Receipts as read from the database, newest first until the person sorts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._receipts: list[Receipt] = []
        self._titles = receipt_column_titles()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of receipts (a flat table)."""
        return 0 if parent.isValid() else len(self._receipts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        """Number of columns."""
        return 0 if parent.isValid() else len(ReceiptColumn)

    def headerData(  # Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ReceiptColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in _NUMERIC else _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort value, colour, alignment and tooltip of one cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._receipts):
            return None
        receipt = self._receipts[index.row()]
        column = ReceiptColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(receipt, column)
        if role == SORT_ROLE:
            return self._key(receipt, column)
        if role == RECEIPT_ROLE:
            return receipt
        if role == Qt.ItemDataRole.ForegroundRole and column == ReceiptColumn.STATUS:
            return status_colour(receipt.status)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _NUMERIC else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(receipt, column)
        return None

    # --- content ------------------------------------------------------------------------

    def set_receipts(self, receipts: Iterable[Receipt]) -> None:
        """Show exactly these receipts."""
        self.beginResetModel()
        self._receipts = list(receipts)
        self.endResetModel()

    def receipts(self) -> list[Receipt]:
        """Every receipt in model order."""
        return list(self._receipts)

    def receipt_at(self, row: int) -> Receipt:
        """The receipt in ``row``."""
        return self._receipts[row]

    def row_of(self, receipt_id: int) -> int | None:
        """The row of a receipt, or None."""
        for row, receipt in enumerate(self._receipts):
            if receipt.id == receipt_id:
                return row
        return None

    @staticmethod
    def searchable(receipt: Receipt) -> str:
        """The text a filter looks in: number, customer, charger, card, references."""
        content = receipt.content
        parts = [receipt.label, content.customer, content.charger_id, str(content.session_id)]
        parts += [p.reference or "" for p in receipt.payments]
        parts += [receipt.void_reason or "", content.replaces or ""]
        return "\n".join(parts).casefold()

    # --- cells --------------------------------------------------------------------------

    def _text(self, receipt: Receipt, column: ReceiptColumn) -> str:
        content = receipt.content
        currency = content.breakdown.currency
        match column:
            case ReceiptColumn.NUMBER:
                return receipt.label
            case ReceiptColumn.ISSUED:
                return local_text(content.issued_at)
            case ReceiptColumn.CUSTOMER:
                return content.customer
            case ReceiptColumn.CHARGER:
                return f"{content.charger_id} / {content.connector_id}"
            case ReceiptColumn.ENERGY:
                return kwh_text(content.energy_kwh)
            case ReceiptColumn.TOTAL:
                return money_text(receipt.total, currency)
            case ReceiptColumn.STATUS:
                return status_text(receipt.status)
            case ReceiptColumn.PAID:
                if not receipt.payments:
                    return ""
                methods = {p.method for p in receipt.payments}
                how = method_short(methods.pop()) if len(methods) == 1 else tr("mixed")
                return f"{money_text(receipt.paid, currency)} · {how}"

    def _key(self, receipt: Receipt, column: ReceiptColumn) -> Any:
        content = receipt.content
        match column:
            case ReceiptColumn.NUMBER:
                return receipt.year * 1_000_000 + receipt.number
            case ReceiptColumn.ISSUED:
                return content.issued_at.timestamp()
            case ReceiptColumn.ENERGY:
                return float(content.energy_kwh)
            case ReceiptColumn.TOTAL:
                return float(receipt.total)
            case ReceiptColumn.PAID:
                return float(receipt.paid)
            case ReceiptColumn.STATUS:
                return list(ReceiptStatus).index(receipt.status)
            case _:
                return self._text(receipt, column).casefold()

    def _tooltip(self, receipt: Receipt, column: ReceiptColumn) -> str | None:
        if column == ReceiptColumn.STATUS and receipt.status is ReceiptStatus.VOID:
            return tr("Voided: %1").replace("%1", receipt.void_reason or "")
        if column == ReceiptColumn.NUMBER and receipt.content.replaces:
            return tr("Corrects receipt %1").replace("%1", receipt.content.replaces)
        if column == ReceiptColumn.PAID and receipt.payments:
            currency = receipt.content.breakdown.currency
            return "\n".join(
                f"{local_text(p.received_at)}  {money_text(p.amount, currency)}  "
                f"{method_word(p.method)}  {p.reference or ''}".rstrip()
                for p in receipt.payments
            )
        return None
