"""Live power graphs of the site and of one charger, with stored history for long ranges.

Data flows one way: the mirror's live buffers and the stored samples become energy per
time bucket on an ``EnergyGrid`` (numpy), and a timer redraws from the grid a few times
a second. Nothing is drawn per sample, and per frame only the visible columns of the
total and of at most ``MAX_LINES`` connector rows are handed to pyqtgraph.

Only what is known is drawn. Time before the console watched (and before the first
stored reading) is left blank, not drawn as zero; and while sessions run but no charger
has reported its power yet, the plot says "Waiting for the first readings…" rather
than showing the zeros the live buffers hold for unknown power.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.ui.engine_client import EngineClient
from console.ui.plots import style
from console.ui.plots.grid import EnergyGrid, FloatArray
from console.ui.plots.history import HistoryCancelled, bucket_for, load_history
from console.ui.plots.lines import ConnectorLines, prepare_curve
from console.ui.plots.live import LiveFeed
from console.ui.plots.readout import PlotReadout
from console.ui.plots.waiting import WaitingNote, power_known, watching_since
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper

log = logging.getLogger(__name__)

RANGES = style.RANGES
REFRESH_MS = 250  # redraws per second: four, whatever the number of samples
RESELECT_S = 5.0  # how often the busiest connectors are chosen again
VIEW_STEPS = 100  # the view scrolls by 1/100 of its range at a time


class PowerPlotWidget(QWidget):
    """Total power and each connector's power over time, live, for the site or one charger.

    ``charger_id`` None plots the whole site; otherwise that charger's connectors and
    their sum. Ranges of 15 min to 7 days; stored samples fill what the live buffers
    do not hold, read in a worker thread.
    """

    per_charger = False  # True: plots one charger, and nothing while none is chosen

    def __init__(
        self,
        client: EngineClient,
        mirror: SiteMirror,
        charger_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.mirror = mirror
        self.charger_id = charger_id
        self.span_s = RANGES[0]
        self.watching_since = watching_since(mirror)
        self.waiting = False  # sessions run, but no power is known yet: nothing drawn
        self._reading_seen = False
        self._known_by_history = False
        self._history_loading = False
        self.tasks = TaskKeeper(owner=self)
        self._history_due: Callable[[], Coroutine[Any, Any, None]] | None = None
        self._cancel: threading.Event | None = None
        self._generation = 0
        self._lines_touched = False
        self._selected_at = 0.0
        self._selected_rows = -1
        self._y_top = 0.0  # kW at the top of the view; 0: not set yet
        self._view: tuple[float, ...] = ()
        self._lines_drawn: tuple[object, ...] = ()
        self._grid_lines: list[pg.InfiniteLine] = []
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._on_tick)
        self._start_range(self.span_s)
        self._timer.start()

    # ----------------------------------------------------------------- building

    def _build(self) -> None:
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 6, 0)
        bar.setSpacing(4)
        self.range_buttons: dict[int, QPushButton] = {}
        for seconds in RANGES:
            button = QPushButton(style.range_label(seconds))
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setMinimumWidth(56)
            self.range_group.addButton(button, seconds)
            self.range_buttons[seconds] = button
            bar.addWidget(button)
        self.range_buttons[self.span_s].setChecked(True)
        self.range_group.idClicked.connect(self._on_range_clicked)
        self.lines_check = QCheckBox(self.tr("Per connector"))
        self.lines_check.setToolTip(
            self.tr("Draw a thin line per connector (the busiest %1 when there are more)").replace(
                "%1", str(style.MAX_LINES)
            )
        )
        self.lines_check.setChecked(self.per_charger)
        self.lines_check.setVisible(not self.per_charger)
        self.lines_check.toggled.connect(self._on_lines_toggled)
        bar.addSpacing(12)
        bar.addWidget(self.lines_check)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color:#5A6570;")
        bar.addSpacing(12)
        bar.addWidget(self.status_label)
        bar.addStretch(1)
        self.plot, self.legend = style.make_plot()
        item = self.plot.getPlotItem()
        # Antialiasing only where it shows: the one bold line.
        self.total_curve = item.plot(pen=style.total_pen(), antialias=True)
        self.total_curve.setZValue(-1)  # thin connector lines stay visible on top of it
        prepare_curve(self.total_curve)
        total_name = self.tr("Charger total") if self.per_charger else self.tr("Site total")
        self.lines = ConnectorLines(item, self.legend, self.total_curve, total_name)
        self.readout = PlotReadout(self)
        self.readout_label = self.readout.label
        bar.addWidget(self.readout_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        # A fixed-height bar: a label changing its text must not resize (and so repaint
        # in full) the plot below it.
        top = QWidget()
        top.setLayout(bar)
        top.setFixedHeight(max(28, top.sizeHint().height()))
        layout.addWidget(top)
        layout.addWidget(self.plot, 1)
        self.waiting_note = WaitingNote(self.plot)

    # ----------------------------------------------------------------- public

    def set_range(self, span_s: int) -> None:
        """Show the last ``span_s`` seconds (one of ``RANGES``), reading history if needed."""
        button = self.range_buttons.get(span_s)
        if button is not None:
            button.setChecked(True)
        self._start_range(span_s)

    def set_charger(self, charger_id: str | None) -> None:
        """Plot another charger (None: the site); the range is kept."""
        if charger_id == self.charger_id:
            return
        self.charger_id = charger_id
        self._start_range(self.span_s)

    def set_connector_lines(self, shown: bool) -> None:
        """Draw (or hide) the thin per-connector lines."""
        self._lines_touched = True
        self.lines_check.setChecked(shown)

    def series(self) -> tuple[FloatArray, FloatArray]:
        """The total as drawn now: (unix times, kW)."""
        x, y = self.total_curve.getData()
        if x is None:
            return np.zeros(0), np.zeros(0)
        return np.asarray(x, np.float64), np.asarray(y, np.float64)

    def latest_kw(self) -> float:
        """The newest value of the total line (0 before anything is drawn)."""
        _x, y = self.series()
        finite = y[np.isfinite(y)]
        return float(finite[-1]) if len(finite) else 0.0

    def readout_text(self, at: float, y_kw: float | None = None) -> str:
        """What the readout says for time ``at`` (and the connector line nearest ``y_kw``)."""
        return self.readout.text_at(at, y_kw)

    # ----------------------------------------------------------------- ranges and history

    def _on_range_clicked(self, span_s: int) -> None:
        self._start_range(span_s)

    def _start_range(self, span_s: int) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self._generation += 1
        self.span_s = span_s
        now = time.time()
        bucket = bucket_for(span_s)
        self.grid = EnergyGrid(bucket, span_s, now)
        buffer_start = self.mirror.site_power.times[0] if self.mirror.site_power.times else now
        live_since = max(self.grid.t0, min(buffer_start, now))
        self._feed: LiveFeed | None = LiveFeed(self.mirror, live_since, self.charger_id)
        self.known_from = live_since  # until the stored history says more
        self._reading_seen = self._known_by_history = False
        self.lines.shown = np.zeros(0, np.int64)
        self.lines.draw(np.zeros(0), np.zeros((0, 0)))
        self.total_curve.setData([], [])
        self._selected_at = 0.0
        style.follow_site_zone(self.plot.getPlotItem().getAxis("bottom"))
        self._y_top = 0.0
        if self.per_charger and self.charger_id is None:
            self._feed = None
            self._set_loading(False)
        elif live_since - self.grid.t0 >= bucket:
            self._cancel = threading.Event()
            self._set_loading(True)
            history = EnergyGrid(bucket, span_s, now)  # the same columns as self.grid
            generation, cancel = self._generation, self._cancel
            # Started from the next tick when no asyncio loop runs yet (at start-up).
            self._history_due = lambda: self._load_history(generation, history, live_since, cancel)
            self._start_history()
        else:
            self._history_due = None
            self._set_loading(False)
        self._on_tick()

    def _start_history(self) -> None:
        if self._history_due is not None and self.tasks.launch(self._history_due):
            self._history_due = None

    async def _load_history(
        self, generation: int, grid: EnergyGrid, until: float, cancel: threading.Event
    ) -> None:
        charger_id = self.charger_id
        try:
            history = await self.client.read(
                lambda q: load_history(q, grid, until, charger_id, cancel)
            )
        except HistoryCancelled:
            return
        except Exception as error:
            if generation == self._generation and shiboken6.isValid(self):
                self._set_loading(False)
                self.status_label.setStyleSheet("color:#B04A00;")
                text = self.tr("⚠ Stored power could not be read: %1")
                self.status_label.setText(text.replace("%1", str(error)))
            raise
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self.grid.merge(history)
        # Known from the first stored reading, or from when the console started watching
        # (empty storage since then means nothing charged); never before either.
        first = history.first_reading
        watched = max(history.t0, self.watching_since)
        self.known_from = min(self.known_from, watched if first is None else min(first, watched))
        if first is not None:
            self._reading_seen = self._known_by_history = True
        self._selected_at = 0.0
        self._set_loading(False)
        self._render(time.time())

    @property
    def loading(self) -> bool:
        """True while stored power is read or the live buffers are still being taken in."""
        return self._history_loading or (self._feed is not None and self._feed.backlog)

    def _set_loading(self, loading: bool) -> None:
        self._history_loading = loading
        self.status_label.setStyleSheet("color:#5A6570;")
        self.status_label.setText(self.tr("Loading stored power…") if self.loading else "")

    # ----------------------------------------------------------------- live

    def _on_tick(self) -> None:
        self._start_history()
        now = time.time()
        self.grid.advance(now)
        if self._feed is not None:
            backlog = self._feed.backlog
            self.grid.add(self._feed.take(self.grid, now))
            if backlog and not self._feed.backlog:
                self._set_loading(self._history_loading)
        if self.isVisible():
            self._render(now)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Draw at once when shown rather than on the next tick."""
        super().showEvent(event)
        self._render(time.time())

    def _on_lines_toggled(self, _shown: bool) -> None:
        self._lines_touched = True
        self._selected_at = 0.0
        self._render(time.time())

    def _waiting_for_readings(self) -> bool:
        """True while sessions run (or no charger is there) and no power is known yet."""
        if self._reading_seen or self._feed is None:
            return False
        known = power_known(self.mirror, self.charger_id)
        self._reading_seen = known is True
        return known is False

    def _set_waiting(self, waiting: bool, now: float) -> None:
        if waiting == self.waiting:
            return
        self.waiting = waiting
        if not waiting and not self._known_by_history:
            # What the buffers hold from before the first reading is "unknown", kept as
            # zeros: the line starts at the first whole bucket after it (a bucket's mean
            # divides its energy by its known seconds, so it must not start mid-bucket).
            self.known_from = max(
                self.known_from, math.ceil(now / self.grid.bucket_s) * self.grid.bucket_s
            )
        self._selected_at = 0.0
        self.waiting_note.show_waiting(waiting)
        if waiting:
            self.total_curve.setData([], [])
            self.lines.shown = np.zeros(0, np.int64)
            self.lines.draw(np.zeros(0), np.zeros((0, 0)))
            self._lines_drawn = ()

    def _render(self, now: float) -> None:
        if self._feed is not None and self._feed.backlog:
            return  # half the connectors would be missing: draw once all are in
        self._set_waiting(self._waiting_for_readings(), now)
        if self.waiting:
            return
        grid = self.grid
        first, last = grid.window(now)
        # Choose again every few seconds (the busiest change), and at once when a
        # connector appears.
        reselect = now - self._selected_at > RESELECT_S or len(grid.keys) != self._selected_rows
        if reselect:
            self._select_lines(now, first, last)
        x = grid.times(first, last, now)
        total = grid.mean_kw(None, first, last, now, self.known_from)
        self.total_curve.setData(x, total)
        # Connector lines are redrawn when a bucket completes, not on every frame: they stop
        # a bucket (a pixel or two) short of the bold total, and cost a quarter or less.
        shown = self.lines.shown
        drawn = (first, last, self.known_from, tuple(shown.tolist()))
        if reselect or drawn != self._lines_drawn:
            self._lines_drawn = drawn
            done = max(first, last - 1)
            values = grid.mean_kw(shown, first, done, now, self.known_from)
            self.lines.draw(x[: done - first + 1], values)
        self._set_view(now, total)
        self.readout.refresh()

    def _select_lines(self, now: float, first: int, last: int) -> None:
        rows = len(self.grid.keys)
        if not self._lines_touched and not self.per_charger and rows:
            # Until the person decides, a small site shows its connectors and a large one
            # only its total.
            self.lines_check.blockSignals(True)
            self.lines_check.setChecked(rows <= style.DISTINCT_LINES)
            self.lines_check.blockSignals(False)
        enabled = self.lines_check.isChecked()
        self.lines.select(self.grid, first, last, enabled, self.charger_id)
        self._selected_at = now
        self._selected_rows = rows

    def _set_view(self, now: float, total: FloatArray) -> None:
        finite = total[np.isfinite(total)]
        peak = float(finite.max()) if len(finite) else 0.0
        # Grow at once, shrink only when the peak is well below the top: a calm y axis.
        if peak * 1.12 > self._y_top or peak < self._y_top * 0.5:
            top = max(1.0, peak * 1.25)
            if top != self._y_top:
                self._y_top = top
                self._set_grid(top)
        # The view moves in steps of a hundredth of the range, its right edge a little
        # ahead of the clock: a view that creeps every frame repaints axes and all lines.
        step = self.span_s / VIEW_STEPS
        right = math.ceil(now / step) * step
        # A sliver below zero keeps the zero line and its label clear of the axis.
        view = (right, self._y_top, self.span_s)
        if view != self._view:
            self._view = view
            self.plot.getPlotItem().vb.setRange(
                xRange=(right - self.span_s, right),
                yRange=(-0.02 * self._y_top, self._y_top),
                padding=0.0,
            )

    def _set_grid(self, top_kw: float) -> None:
        """Grid lines and axis labels at the same round values."""
        ticks = style.power_ticks(top_kw)
        self.plot.getPlotItem().getAxis("left").setTicks([ticks, []])
        item = self.plot.getPlotItem()
        while len(self._grid_lines) < len(ticks):
            line = pg.InfiniteLine(angle=0, movable=False, pen=style.grid_pen())
            line.setZValue(-10)
            item.addItem(line, ignoreBounds=True)
            self._grid_lines.append(line)
        for index, line in enumerate(self._grid_lines):
            line.setVisible(index < len(ticks))
            if index < len(ticks):
                line.setPos(ticks[index][0])


class SitePowerPlotWidget(PowerPlotWidget):
    """The whole site's power: total in bold, connectors as thin lines on request."""

    def __init__(
        self, client: EngineClient, mirror: SiteMirror, parent: QWidget | None = None
    ) -> None:
        super().__init__(client, mirror, None, parent)


class ConnectorPowerPlotWidget(PowerPlotWidget):
    """One charger's connectors (each its own colour) and their sum, for the detail view."""

    per_charger = True

    def __init__(
        self,
        client: EngineClient,
        mirror: SiteMirror,
        charger_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(client, mirror, charger_id, parent)
