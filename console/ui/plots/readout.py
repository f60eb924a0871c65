"""The value under the mouse: a crosshair, a dot on the total and a one-line readout."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PySide6.QtWidgets import QLabel

from console.ui.plots import style

if TYPE_CHECKING:
    from console.ui.plots.widget import PowerPlotWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("PowerPlot", text)


class PlotReadout(QObject):
    """Follows the mouse over a power plot; without a mouse it tells the present power."""

    def __init__(self, owner: PowerPlotWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self.hover: tuple[float, float] | None = None  # (unix time, kW) under the mouse
        self.label = QLabel()
        # Wide enough for the longest readout, so the bar does not jump as the mouse moves.
        self.label.setMinimumWidth(400 if owner.per_charger else 540)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.label.setStyleSheet(f"font-weight:600; color:{style.TOTAL_COLOUR};")
        item = owner.plot.getPlotItem()
        self.crosshair = pg.InfiniteLine(angle=90, movable=False, pen=style.crosshair_pen())
        self.crosshair.setVisible(False)
        item.addItem(self.crosshair, ignoreBounds=True)
        self.marker = pg.ScatterPlotItem(
            size=8, pen=pg.mkPen("w", width=1.5), brush=pg.mkBrush(style.TOTAL_COLOUR)
        )
        self.marker.setZValue(20)
        item.addItem(self.marker, ignoreBounds=True)
        owner.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        owner.plot.viewport().installEventFilter(self)

    def text_at(self, at: float, y_kw: float | None = None) -> str:
        """What the readout says for time ``at`` (and the connector line nearest ``y_kw``)."""
        owner = self.owner
        grid, now = owner.grid, time.time()
        first, last = grid.window(now)
        column = min(max(grid.column(at), first), last)
        total = grid.mean_kw(None, column, column, now, owner.known_from)[0]
        when = style.time_text(min(at, now), owner.span_s)
        if not np.isfinite(total):
            return _tr("%1 — no data").replace("%1", when)
        what = _tr("charger") if owner.per_charger else _tr("site")
        text = f"{when} — {what} {style.kw_text(total)}"
        shown = owner.lines.shown
        if len(shown) and y_kw is not None:
            values = grid.mean_kw(shown, column, column, now, owner.known_from)[:, 0]
            nearest = owner.lines.nearest(grid, values, y_kw)
            if nearest is not None:
                name = style.connector_name(owner.charger_id, nearest[0])
                text += f"  ·  {name} {style.kw_text(nearest[1])}"
        return text

    def now_text(self) -> str:
        """The present power, from the mirror (a bucket's mean lags behind a change)."""
        owner = self.owner
        if owner.per_charger:
            charger = owner.mirror.chargers.get(owner.charger_id or "")
            if charger is None:
                return ""
            text, watts = _tr("Now: charger %1"), charger.power_w
        else:
            text, watts = _tr("Now: site %1"), owner.mirror.site_power_w
        return text.replace("%1", style.kw_text(watts / 1000.0))

    def refresh(self) -> None:
        """Update the readout to the data just drawn."""
        if self.hover is None:
            self.label.setText(self.now_text())
            return
        at, y_kw = self.hover
        owner, now = self.owner, time.time()
        grid = owner.grid
        first, last = grid.window(now)
        column = min(max(grid.column(at), first), last)
        x = float(grid.times(column, column, now)[0])
        total = float(grid.mean_kw(None, column, column, now, owner.known_from)[0])
        self.crosshair.setPos(x)
        self.crosshair.setVisible(True)
        self.marker.setData([x], [total] if np.isfinite(total) else [np.nan])
        self.label.setText(self.text_at(at, y_kw))

    def _on_mouse_moved(self, pos: QPointF) -> None:
        box = self.owner.plot.getPlotItem().vb
        if not box.sceneBoundingRect().contains(pos):
            self.leave()
            return
        point = box.mapSceneToView(pos)
        self.hover = (point.x(), point.y())
        self.refresh()

    def leave(self) -> None:
        """Back to the present power when the mouse is gone."""
        if self.hover is not None:
            self.hover = None
            self.crosshair.setVisible(False)
            self.marker.setData([], [])
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """Drop the crosshair when the mouse leaves the plot."""
        if event.type() == QEvent.Type.Leave:
            self.leave()
        return super().eventFilter(watched, event)
