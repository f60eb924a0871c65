"""Filtering of the receipts table by text and to the receipts still to be paid."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from console.core.billing import Receipt, ReceiptStatus
from console.ui.billing.receipts_model import ReceiptsTableModel
from console.ui.table_model import SORT_ROLE


class ReceiptsFilterProxyModel(QSortFilterProxyModel):
    """Receipts whose text matches, optionally only the unpaid ones."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._unpaid_only = False
        self._model: ReceiptsTableModel | None = None

    def setSourceModel(self, model: Any) -> None:  # Qt override
        """Only a ReceiptsTableModel: filtering reads its receipts directly."""
        assert isinstance(model, ReceiptsTableModel)
        self._model = model
        super().setSourceModel(model)

    def set_text(self, text: str) -> None:
        """Show receipts whose number, customer, charger or references contain ``text``."""
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_unpaid_only(self, unpaid_only: bool) -> None:
        """Show only receipts still to be paid."""
        self.beginFilterChange()
        self._unpaid_only = unpaid_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, receipt: Receipt) -> bool:
        """Whether a receipt passes the filters."""
        if self._unpaid_only and receipt.status is not ReceiptStatus.UNPAID:
            return False
        return not self._text or self._text in ReceiptsTableModel.searchable(receipt)

    def filterAcceptsRow(  # Qt override
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Qt's question for one row; answered by ``accepts``."""
        assert self._model is not None
        return self.accepts(self._model.receipt_at(source_row))

    def receipt_at(self, row: int) -> Receipt:
        """The receipt in the proxy's ``row``."""
        assert self._model is not None
        return self._model.receipt_at(self.mapToSource(self.index(row, 0)).row())
