"""The peak-period heat map on screen: a coloured 7 x 24 table and its kWh scale."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from console.ui.reports.colours import AXIS_COLOUR, RAMP, TEXT_COLOUR
from console.ui.reports.heatmap_model import HeatmapTableModel

LEGEND_BAR_WIDTH = 260


def build_heatmap_table(model: HeatmapTableModel) -> QTableView:
    """A table whose 24 hour columns and 7 weekday rows share the room evenly."""
    table = QTableView()
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(False)
    table.setShowGrid(True)
    table.setGridStyle(Qt.PenStyle.SolidLine)
    # White grid lines separate the cells without competing with the colours.
    table.setStyleSheet(
        "QTableView { gridline-color: #FFFFFF; background: #FFFFFF; }"
        "QHeaderView::section { padding: 2px 4px; background: #FFFFFF; border: none; }"
    )
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setMinimumSectionSize(26)
    table.horizontalHeader().setHighlightSections(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setHighlightSections(False)
    table.verticalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    metrics = table.fontMetrics()
    table.setMinimumHeight(7 * (metrics.height() + 8) + metrics.height() + 12)
    return table


class HeatLegendWidget(QWidget):
    """The colour scale: the ramp from 0 to the largest cell, with a few kWh values."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._top = 0.0
        self._title = self.tr("kWh per hour of the week, summed over the period")
        metrics = self.fontMetrics()
        self.setMinimumHeight(2 * metrics.height() + 18)

    def set_top(self, top: float) -> None:
        """The kWh of the darkest colour."""
        self._top = top
        self.update()

    def sizeHint(self) -> QSize:
        """Wide enough for the bar and its title."""
        metrics = self.fontMetrics()
        width = LEGEND_BAR_WIDTH + metrics.horizontalAdvance(self._title) + 40
        return QSize(width, 2 * metrics.height() + 18)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Title, then the gradient bar with ticks at 0, a half and the top."""
        painter = QPainter(self)
        metrics = self.fontMetrics()
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(0, metrics.ascent() + 2, self._title)
        left = metrics.horizontalAdvance(self._title) + 16
        bar = QRectF(left, 4, min(LEGEND_BAR_WIDTH, self.width() - left - 20), 14)
        if bar.width() < 40:  # too narrow beside the title: put the bar below it
            bar = QRectF(0, metrics.height() + 6, min(LEGEND_BAR_WIDTH, self.width() - 20), 14)
        gradient = QLinearGradient(bar.left(), 0, bar.right(), 0)
        for position, colour in RAMP:
            gradient.setColorAt(position, QColor(colour))
        painter.fillRect(bar, gradient)
        painter.setPen(QPen(QColor(AXIS_COLOUR), 1))
        painter.drawRect(bar)
        locale = QLocale()
        decimals = 0 if self._top >= 10 else 1
        for fraction in (0.0, 0.5, 1.0):
            x = bar.left() + fraction * bar.width()
            painter.drawLine(int(x), int(bar.bottom()), int(x), int(bar.bottom()) + 3)
            label = locale.toString(self._top * fraction, "f", decimals)
            if fraction == 1.0:
                label += " kWh"
            width = metrics.horizontalAdvance(label)
            at = x - width / 2 if fraction == 0.5 else (x - width if fraction == 1.0 else x)
            painter.drawText(int(at), int(bar.bottom()) + 4 + metrics.ascent(), label)
        painter.end()
