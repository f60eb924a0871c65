"""The receipts table: one row per issued receipt, its state as colour + symbol + word."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import IntEnum
from typing import Any

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
from console.ui.table_model import ROW_ROLE, RowTableModel, columns_of

RECEIPT_ROLE = ROW_ROLE


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


class ReceiptsTableModel(RowTableModel[Receipt]):
    """Receipts as read from the database, newest first until the person sorts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.set_columns(
            columns_of(
                receipt_column_titles(),
                lambda r, c: self._text(r, ReceiptColumn(c)),
                sort=lambda r, c: self._key(r, ReceiptColumn(c)),
                tooltip=lambda r, c: self._tooltip(r, ReceiptColumn(c)),
                foreground=lambda r, c: (
                    status_colour(r.status) if c == ReceiptColumn.STATUS else None
                ),
                right=_NUMERIC,
            )
        )

    # --- content ------------------------------------------------------------------------

    def set_receipts(self, receipts: Iterable[Receipt]) -> None:
        """Show exactly these receipts."""
        self.set_rows(receipts)

    def receipts(self) -> list[Receipt]:
        """Every receipt in model order."""
        return list(self.rows)

    def receipt_at(self, row: int) -> Receipt:
        """The receipt in ``row``."""
        return self.rows[row]

    def row_of(self, receipt_id: int) -> int | None:
        """The row of a receipt, or None."""
        return self.find_row(lambda receipt: receipt.id == receipt_id)

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
