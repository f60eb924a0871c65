"""The thin per-connector lines of a power plot, and a legend that stays short.

A site of 200 chargers has 400 connectors: 400 lines are unreadable and slow to draw, and
400 legend entries fill the plot. Up to ``DISTINCT_LINES`` connectors get a colour and a
legend entry each; beyond that all lines share one soft colour and one entry, and only
the ``MAX_LINES`` busiest connectors of the visible range are drawn — as one path in one
item, which paints several times faster than as many items.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from console.ui.plots import style
from console.ui.plots.grid import EnergyGrid, FloatArray, IntArray

BUNDLE_POINTS = 400  # per connector line when they share one item


def prepare_curve(curve: pg.PlotDataItem) -> None:
    """Draw only what is in view, downsampled to the pixels (peaks kept)."""
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PowerPlot", text)


class ConnectorLines:
    """Which connector rows of the grid get a line, their curves and the legend."""

    def __init__(
        self,
        item: pg.PlotItem,
        legend: pg.LegendItem,
        total_curve: pg.PlotDataItem,
        total_name: str,
    ) -> None:
        self.item = item
        self.legend = legend
        self.total_curve = total_curve
        self.total_name = total_name
        self.curves: list[pg.PlotDataItem] = []
        # Many lines share one item: one path, broken between connectors by ``connect``.
        self.bundle = item.plot(pen=style.connector_pen(0, True))
        self.shown: IntArray = np.zeros(0, np.int64)
        self._legend_key: tuple[object, ...] | None = None

    def _curve(self, index: int) -> pg.PlotDataItem:
        while len(self.curves) <= index:
            curve = self.item.plot(pen=style.connector_pen(0, True))
            prepare_curve(curve)
            self.curves.append(curve)
        return self.curves[index]

    def select(
        self, grid: EnergyGrid, first: int, last: int, enabled: bool, charger_id: str | None
    ) -> None:
        """Choose the rows to draw: none, all of them, or the busiest in columns first..last."""
        rows = len(grid.keys)
        if not enabled or rows == 0:
            chosen: list[int] = []
        elif rows <= style.MAX_LINES:
            chosen = list(range(rows))
        else:
            busy = grid.energy[:, first : last + 1].sum(axis=1)
            chosen = np.argpartition(-busy, style.MAX_LINES - 1)[: style.MAX_LINES].tolist()
        chosen.sort(key=lambda r: grid.keys[r])
        self.shown = np.asarray(chosen, np.int64)
        self._update_legend(grid, rows, charger_id)

    def _update_legend(self, grid: EnergyGrid, rows: int, charger_id: str | None) -> None:
        shown = len(self.shown)
        many = shown > style.DISTINCT_LINES
        # With many lines the legend names none of them: a new choice of busiest connectors
        # must not rebuild it (a rebuild repaints the whole plot).
        named = () if many else tuple(self.shown.tolist())
        key = (charger_id, self.total_name, named, shown, rows)
        if key == self._legend_key:
            return
        self._legend_key = key
        self.legend.clear()
        self.legend.addItem(self.total_curve, self.total_name)
        if not many:
            for index, row in enumerate(self.shown.tolist()):
                curve = self._curve(index)
                curve.setPen(style.connector_pen(index, False))
                self.legend.addItem(curve, style.connector_name(charger_id, grid.keys[row]))
        else:
            if shown < rows:
                text = _tr("Connectors: busiest %1 of %2").replace("%1", str(shown))
                text = text.replace("%2", str(rows))
            else:
                text = _tr("Connectors (%1)").replace("%1", str(shown))
            self.legend.addItem(self.bundle, text)

    @property
    def many(self) -> bool:
        """True when the lines share one colour and one item."""
        return len(self.shown) > style.DISTINCT_LINES

    def draw(self, x: FloatArray, values: FloatArray) -> None:
        """Hand each shown row's values (one row of ``values`` per shown row) to the curves."""
        separate = 0 if self.many else len(self.shown)
        for index in range(separate):
            self._curve(index).setData(x, values[index])
        for curve in self.curves[separate:]:
            if curve.xData is not None and len(curve.xData):
                curve.setData([], [])
        if not self.many:
            if self.bundle.xData is not None and len(self.bundle.xData):
                self.bundle.setData([], [])
            return
        # Context lines, thin and alike: a few hundred points each is plenty, and the
        # bundle's path is the costliest thing painted.
        step = -(-len(x) // BUNDLE_POINTS)
        if step > 1:
            usable = len(x) // step * step
            x = x[:usable].reshape(-1, step).mean(axis=1)
            values = values[:, :usable].reshape(len(values), -1, step).mean(axis=2)
        finite = np.isfinite(values)
        xs = np.broadcast_to(x, values.shape)[finite]
        connect = np.ones(values.shape, np.int32)
        connect[:, -1] = 0  # no stroke from one connector's last point to the next's first
        self.bundle.setData(xs, values[finite], connect=connect[finite])

    def nearest(
        self, grid: EnergyGrid, values: FloatArray, y_kw: float
    ) -> tuple[tuple[str, int], float] | None:
        """The shown connector whose value (``values``, one per shown row) is nearest ``y_kw``."""
        if len(self.shown) == 0 or not np.isfinite(values).any():
            return None
        index = int(np.nanargmin(np.abs(values - y_kw)))
        return grid.keys[int(self.shown[index])], float(values[index])
