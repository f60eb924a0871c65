"""Pens, colours and text formats of the power plots, kept apart from the plot logic."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime

from console.services.formatting import site_zone, to_local

MINUTE, HOUR, DAY = 60, 3600, 86400
RANGES = (15 * MINUTE, HOUR, DAY, 7 * DAY)  # the choices, in seconds

# Okabe-Ito hues (distinguishable with the common colour-vision deficiencies), minus the
# yellow that vanishes on white; the total is near-black so it never competes with them.
CONNECTOR_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
TOTAL_COLOUR = "#1F2A36"
MANY_COLOUR = (86, 140, 190, 130)  # one soft blue for many thin lines
AXIS_COLOUR = "#4A5560"
GRID_COLOUR = "#E6EAEE"
BACKGROUND = "#FFFFFF"

# Up to this many connector lines get their own colour and legend entry; beyond it they
# share one colour and one entry, and only the busiest MAX_LINES are drawn at all.
DISTINCT_LINES = 7
MAX_LINES = 24


def total_pen() -> pg.QtGui.QPen:
    """The bold pen of the site (or charger) total."""
    return pg.mkPen(TOTAL_COLOUR, width=2.4)


def connector_pen(index: int, many: bool) -> pg.QtGui.QPen:
    """A thin pen for a connector line: its own colour, or the shared one when there are many."""
    if many:
        return pg.mkPen(MANY_COLOUR, width=1)
    return pg.mkPen(CONNECTOR_COLOURS[index % len(CONNECTOR_COLOURS)], width=1.4)


def crosshair_pen() -> pg.QtGui.QPen:
    """The dashed vertical line under the mouse."""
    return pg.mkPen("#7A8793", width=1, style=Qt.PenStyle.DashLine)


def kw_text(kw: float) -> str:
    """Power for people: '84.2 kW', with the locale's decimal mark."""
    return QLocale().toString(float(kw), "f", 1) + " kW"


def time_text(at: float, span_s: float) -> str:
    """A moment in the site's zone, as precise as the range needs."""
    local = to_local(datetime.fromtimestamp(at, UTC))
    if span_s <= 3600:
        return local.strftime("%H:%M:%S")
    if span_s <= 24 * 3600:
        return local.strftime("%H:%M")
    wall = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return QLocale().toString(wall, "ddd d MMM HH:mm")


def site_utc_offset() -> float | None:
    """The time axis's offset (seconds west of UTC, as pyqtgraph wants) for the site's
    zone now; None while times are shown in this computer's zone."""
    if site_zone() is None:
        return None
    offset = to_local(datetime.now(UTC)).utcoffset()
    return None if offset is None else -offset.total_seconds()


def follow_site_zone(axis: pg.DateAxisItem) -> None:
    """Label the time axis in the site's zone (it may be set after the plot was built)."""
    offset = site_utc_offset()
    if axis.utcOffset != offset:
        axis.utcOffset = offset
        axis.picture = None
        axis.update()


def connector_name(charger_id: str | None, key: tuple[str, int]) -> str:
    """How a connector is named in the legend and readout."""
    if charger_id is not None:
        return QCoreApplication.translate("PowerPlot", "Connector %1").replace("%1", str(key[1]))
    return f"{key[0]}/{key[1]}"


def range_label(seconds: int) -> str:
    """The button text of a range."""
    labels = {
        15 * MINUTE: QCoreApplication.translate("PowerPlot", "15 min"),
        HOUR: QCoreApplication.translate("PowerPlot", "1 h"),
        DAY: QCoreApplication.translate("PowerPlot", "24 h"),
        7 * DAY: QCoreApplication.translate("PowerPlot", "7 days"),
    }
    return labels.get(seconds) or f"{seconds} s"


def make_plot() -> tuple[pg.PlotWidget, pg.LegendItem]:
    """A calm plot: white, local time axis, kW axis, no mouse zoom, and its legend."""
    axis = pg.DateAxisItem(orientation="bottom", utcOffset=site_utc_offset())
    plot = pg.PlotWidget(background=BACKGROUND, axisItems={"bottom": axis})
    item = plot.getPlotItem()
    # The view follows the clock; zooming by mouse would fight it. Ranges are buttons.
    item.setMenuEnabled(False)
    item.hideButtons()
    item.setMouseEnabled(x=False, y=False)
    item.disableAutoRange()
    # No axis grid: it is replayed on every repaint of the plot (a third of the cost);
    # the widget draws a few plain horizontal lines at the labelled values instead.
    item.showGrid(x=False, y=False)
    item.setLabel("left", QCoreApplication.translate("PowerPlot", "Power"), units="kW")
    item.getAxis("left").enableAutoSIPrefix(False)
    for name in ("left", "bottom"):
        item.getAxis(name).setPen(AXIS_COLOUR)
        item.getAxis(name).setTextPen(AXIS_COLOUR)
    legend = pg.LegendItem(
        offset=(8, 4),
        brush=pg.mkBrush(255, 255, 255, 215),
        pen=pg.mkPen("#D5DCE3"),
        labelTextColor=TOTAL_COLOUR,
        labelTextSize="9pt",
        colCount=4,
    )
    legend.setParentItem(item.vb)
    return plot, legend


def power_ticks(top_kw: float) -> list[tuple[float, str]]:
    """Four to eight round values from 0 to ``top_kw``, with their labels."""
    raw = max(top_kw, 1e-3) / 5.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    count = int(top_kw / step + 1e-9)
    return [(i * step, QLocale().toString(i * step, "f", decimals)) for i in range(count + 1)]


def grid_pen() -> pg.QtGui.QPen:
    """The pen of the horizontal grid lines: opaque, so no blending on every repaint."""
    return pg.mkPen(GRID_COLOUR, width=1)
