"""The look shared by the Cards tab's tables: calm, sortable, font-based column widths."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from console.ui.keyboard import DeskTableView


def build_table(
    model: QAbstractItemModel,
    samples: Sequence[str],
    sort_column: int = 0,
    order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
) -> QTableView:
    """A read-only, row-selecting table whose columns fit ``samples`` (one per column)."""
    table = DeskTableView()  # Tab leaves it; a row the filter hides is no selection
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setStyleSheet(
        "QTableView { alternate-background-color: #F2F5F9; }"
        "QTableView::item { padding: 0 6px; }"
        "QHeaderView::section { padding: 3px 6px; }"
    )
    table.verticalHeader().hide()
    metrics = table.fontMetrics()
    table.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    for column, sample in enumerate(samples):
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
    table.setSortingEnabled(True)
    header.setSortIndicator(sort_column, order)
    return table
