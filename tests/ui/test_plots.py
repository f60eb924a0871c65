"""The power plots against a real console: live values, stored history, the readout."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import numpy as np
import qasync
from conftest import run, wait_until
from PySide6.QtCore import QPoint, QPointF
from pytestqt.qtbot import QtBot

from console.core.model import Card, MeterValue, SampledValue
from console.services.admin import add_card
from console.simulator import SimulatedCharger
from console.storage import sessions as session_repo
from console.ui.console_app import Console
from console.ui.plots import ConnectorPowerPlotWidget, SitePowerPlotWidget
from console.ui.plots.style import DAY
from console.ui.site_mirror import SiteMirror
from tests.actors import ADMIN


def _url(console: Console) -> str:
    return f"ws://127.0.0.1:{console.client.engine.port}/ocpp/"


def _show(qtbot: QtBot, widget: SitePowerPlotWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1000, 420)
    widget.show()


def test_site_curve_follows_a_charging_simulator(
    qtbot: QtBot, qloop: qasync.QEventLoop, console: Console
) -> None:
    add_card(console.config.database_url, Card("LIVE-CARD"), actor=ADMIN)
    charger = SimulatedCharger("CP-LIVE", _url(console), connectors=2, meter_interval=0.5)

    async def scenario() -> tuple[SitePowerPlotWidget, ConnectorPowerPlotWidget]:
        plot = SitePowerPlotWidget(console.client, console.mirror)
        detail_plot = ConnectorPowerPlotWidget(console.client, console.mirror, "CP-LIVE")
        _show(qtbot, plot)
        _show(qtbot, detail_plot)
        await charger.start()
        try:
            await charger.wait_booted()
            assert await charger.start_session(1, "LIVE-CARD") is not None
            # A bucket's mean rises to the charger's power within a second or two.
            await wait_until(lambda: plot.latest_kw() > 5 and detail_plot.latest_kw() > 5, 10)
        finally:
            await charger.stop()
        return plot, detail_plot

    plot, detail_plot = run(qloop, scenario())
    assert plot.latest_kw() < 12.0  # an 11 kW AC charger
    assert "kW" in plot.readout_label.text()
    # The detail plot draws each connector of its charger in its own colour, with a legend.
    assert len(detail_plot.lines.shown) == 2
    names = [label.text for _sample, label in detail_plot.legend.items]
    assert names == ["Charger total", "Connector 1", "Connector 2"]


def _store_samples(
    loop: qasync.QEventLoop, console: Console, charger_id: str, start: float, minutes: int
) -> None:
    """Store power samples through the engine's own writer, as MeterValues would."""
    values = tuple(
        MeterValue(
            datetime.fromtimestamp(start + 60 * i, UTC),
            (SampledValue(22000.0, "Power.Active.Import", "W"),),
        )
        for i in range(minutes)
    )
    rows = session_repo.sample_rows(charger_id, 1, None, values, datetime.now(UTC))
    run(
        loop,
        console.client.call(lambda e: e.writer.submit(lambda c: session_repo.add_samples(c, rows))),
    )


def test_the_24_hour_range_reads_stored_samples(
    qtbot: QtBot, qloop: qasync.QEventLoop, console: Console
) -> None:
    # Two hours at 22 kW, ending three hours ago: only the database knows of them.
    ended = time.time() - 3 * 3600
    _store_samples(qloop, console, "CP-OLD", ended - 2 * 3600, 120)

    async def scenario() -> SitePowerPlotWidget:
        plot = SitePowerPlotWidget(console.client, SiteMirror())  # an empty live mirror
        _show(qtbot, plot)
        plot.set_range(DAY)
        assert plot.loading
        await wait_until(lambda: not plot.loading, 10)
        return plot

    plot = run(qloop, scenario())
    assert plot.status_label.text() == ""
    times, kw = plot.series()
    inside = (times > ended - 110 * 60) & (times < ended - 10 * 60)
    assert inside.sum() > 50
    assert np.allclose(kw[inside], 22.0)
    later = times > ended + 20 * 60
    assert np.nanmax(kw[later]) == 0.0
    # The readout, at the mouse's place over the stored hours, tells the stored value.
    box = plot.plot.getPlotItem().vb
    viewport_point = plot.plot.mapFromScene(box.mapViewToScene(QPointF(ended - 3600, 22.0)))
    qtbot.mouseMove(plot.plot.viewport(), QPoint(viewport_point.x(), viewport_point.y()))
    qtbot.waitUntil(lambda: "site 22.0 kW" in plot.readout_label.text(), timeout=2000)
    expected = {time.strftime("%H:%M", time.localtime(ended - 3600 + d)) for d in (-60, 0, 60)}
    assert plot.readout_label.text()[:5] in expected
    assert plot.readout.crosshair.isVisible()
    plot.readout.leave()
    assert plot.readout_label.text().startswith("Now: site")


def test_readout_names_the_connector_nearest_the_mouse(
    qtbot: QtBot, qloop: qasync.QEventLoop, console: Console
) -> None:
    mirror = SiteMirror()
    now = time.time()
    for key, watts in ((("CP-A", 1), 7000.0), (("CP-B", 2), 22000.0)):
        buffer = mirror.connector_power.setdefault(key, type(mirror.site_power)())
        buffer.append(now - 60, watts)
    mirror.site_power.append(now - 60, 29000.0)

    async def scenario() -> SitePowerPlotWidget:
        plot = SitePowerPlotWidget(console.client, mirror)
        _show(qtbot, plot)
        plot.set_connector_lines(True)
        await wait_until(lambda: len(plot.lines.shown) == 2 and not plot.loading, 5)
        return plot

    plot = run(qloop, scenario())
    text = plot.readout_text(now - 30, 8.0)
    assert "site 29.0 kW" in text and "CP-A/1 7.0 kW" in text
    assert "CP-B/2 22.0 kW" in plot.readout_text(now - 30, 20.0)
