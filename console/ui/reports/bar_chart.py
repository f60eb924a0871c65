"""A bar chart of one measure over the report's rows (days, weeks, chargers…)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from console.ui.reports.colours import AXIS_COLOUR, BAR_COLOUR, HOVER_COLOUR, TEXT_COLOUR

BAR_WIDTH = 0.7
VALUES_ON_BARS_UP_TO = 16  # bars; beyond that the values are read by hovering or in the table
HEADROOM = 1.18  # room above the highest bar for its value


class ReportBarChartWidget(QWidget):
    """Vertical bars with category labels below (thinned when they would overlap).

    The value of each bar is written above it when there is room, and the hovered bar's
    label and value are shown in words above the chart.
    """

    barHovered = Signal(int)  # the bar's index, -1 when the mouse leaves the bars

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._long_labels: list[str] = []
        self._values: list[float] = []
        self._texts: list[str] = []
        self._unit = ""
        self._hovered = -1
        self._value_items: list[pg.TextItem] = []
        self._ticks: list[tuple[float, str]] = []

        self.readout = QLabel(" ")
        self.readout.setStyleSheet(f"color: {TEXT_COLOUR};")
        self.plot = pg.PlotWidget(background="#FFFFFF")
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=False, y=True, alpha=0.25)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(AXIS_COLOUR)
            axis.setTextPen(AXIS_COLOUR)
        item.getAxis("left").enableAutoSIPrefix(False)
        # Grid lines at the labelled values only: the minor ones would stripe the bars.
        item.getAxis("left").setStyle(maxTickLevel=0)
        self.bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush=BAR_COLOUR, pen=None)
        item.addItem(self.bars)
        self.empty_text = pg.TextItem("", color=AXIS_COLOUR, anchor=(0.5, 0.5))
        item.addItem(self.empty_text)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.readout)
        layout.addWidget(self.plot, 1)
        self._show_empty(self.tr("No report yet"))

    # --- contents -----------------------------------------------------------------------

    def set_bars(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        texts: Sequence[str],
        axis_title: str,
        long_labels: Sequence[str] | None = None,
        empty_message: str = "",
        unit: str = "",
    ) -> None:
        """Show one bar per label; ``texts`` are the values as people read them.

        ``long_labels`` name the bars in the hover readout (the axis uses the short ones).
        """
        self._labels = list(labels)
        self._long_labels = list(long_labels) if long_labels is not None else list(labels)
        self._values = [float(v) for v in values]
        self._texts = list(texts)
        self._unit = unit
        self._hovered = -1
        self.readout.setText(" ")
        item = self.plot.getPlotItem()
        item.setLabel("left", axis_title)
        for old in self._value_items:
            item.removeItem(old)
        self._value_items = []
        if not self._values or not any(self._values):
            self.bars.setOpts(x=[], height=[], width=BAR_WIDTH)
            self._show_empty(empty_message or self.tr("Nothing to show for this period"))
            self._ticks = []
            item.getAxis("bottom").setTicks([[]])
            return
        self.empty_text.setText("")
        xs = list(range(len(self._values)))
        self.bars.setOpts(x=xs, height=self._values, width=BAR_WIDTH, brushes=None)
        self._paint_bars()
        top = max(self._values)
        item.setYRange(0, top * HEADROOM, padding=0)
        for x, (value, text) in enumerate(zip(self._values, self._texts, strict=True)):
            label = pg.TextItem(text, color=TEXT_COLOUR, anchor=(0.5, 1.0))
            label.setPos(x, value)
            item.addItem(label)
            self._value_items.append(label)
        self._layout_labels()

    def values(self) -> list[float]:
        """The heights of the bars shown."""
        return list(self._values)

    def labels(self) -> list[str]:
        """The bars' labels (short form)."""
        return list(self._labels)

    def tick_labels(self) -> list[str]:
        """The labels actually written under the axis (some are left out when crowded)."""
        return [text for _x, text in self._ticks]

    # --- drawing ------------------------------------------------------------------------

    def _show_empty(self, message: str) -> None:
        item = self.plot.getPlotItem()
        item.setXRange(-1, 1, padding=0)
        item.setYRange(0, 1, padding=0)
        self.empty_text.setText(message)
        self.empty_text.setPos(0, 0.5)

    def _paint_bars(self) -> None:
        brushes = [
            pg.mkBrush(HOVER_COLOUR if i == self._hovered else BAR_COLOUR)
            for i in range(len(self._values))
        ]
        self.bars.setOpts(brushes=brushes)

    def _layout_labels(self) -> None:
        """Thin the axis labels and hide the values on bars when they would overlap."""
        if not self._labels:
            return
        width = max(1, self.plot.getPlotItem().vb.width() or self.plot.width() - 60)
        per_bar = width / len(self._labels)
        axis = self.plot.getPlotItem().getAxis("bottom")
        metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
        widest = max(metrics.horizontalAdvance(label) for label in self._labels) + 12
        step = max(1, math.ceil(widest / per_bar))
        # Counted back from the last bar, so the newest period (often today) is named.
        last = len(self._labels) - 1
        self._ticks = [(float(i), self._labels[i]) for i in range(last, -1, -step)][::-1]
        axis.setTicks([self._ticks, []])
        # A label wider than its bar reaches past the axis ends, where pyqtgraph leaves it
        # out: widen the range by the overhang so the first and last bars stay named.
        overhang = max(0.0, widest / 2 / per_bar - 0.5)
        self.plot.getPlotItem().setXRange(
            -0.6 - overhang, len(self._labels) - 0.4 + overhang, padding=0
        )
        value_width = max(metrics.horizontalAdvance(text) for text in self._texts) + 4
        show_values = len(self._values) <= VALUES_ON_BARS_UP_TO and value_width <= per_bar
        for label in self._value_items:
            label.setVisible(show_values)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Lay the labels out again for the new width."""
        super().resizeEvent(event)
        self._layout_labels()

    # --- hovering -----------------------------------------------------------------------

    def _on_mouse_moved(self, position: QPointF) -> None:
        index = -1
        item = self.plot.getPlotItem()
        if self._values and item.sceneBoundingRect().contains(position):
            point = item.vb.mapSceneToView(position)
            nearest = round(point.x())
            if 0 <= nearest < len(self._values) and abs(point.x() - nearest) <= BAR_WIDTH / 2:
                index = nearest
        self.hover(index)

    def hover(self, index: int) -> None:
        """Highlight bar ``index`` and say its value above the chart (-1: none)."""
        if index == self._hovered:
            return
        self._hovered = index
        self._paint_bars()
        if 0 <= index < len(self._values):
            text = f"{self._long_labels[index]}: {self._texts[index]} {self._unit}"
            self.readout.setText(text.rstrip())
        else:
            self.readout.setText(" ")
        self.barHovered.emit(index)
