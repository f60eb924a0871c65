"""The power plots at 200 chargers x 2 connectors do their work in batches, not per update.

The mirror is fed as the bridge feeds it (the chargers that changed, every charger every
20th update), after 15 minutes of live history, while the site plot (per-connector lines
on) is shown at 1366x768 and a charger plot, as on a tab not shown, keeps up in the
background. What holds without a clock: a burst of updates draws nothing until the plot's
timer, the hidden plot keeps its figures but paints nothing, and only the busiest 24 of
400 connector lines are drawn. How long the GUI loop lags meanwhile is a figure of the
machine, measured by ``python -m benchmarks.gui_timings plots`` (docs/benchmarks.md).
"""

from __future__ import annotations

import random
import time

import qasync
from conftest import run, wait_until
from pytestqt.qtbot import QtBot

from console.core.enums import Approval, ConnectorStatus
from console.core.site import ChargerState
from console.ui.bridge import FULL_REFRESH_EVERY, SiteUpdate
from console.ui.console_app import Console
from console.ui.plots import ConnectorPowerPlotWidget, PowerPlotWidget, SitePowerPlotWidget
from console.ui.plots.style import HOUR
from console.ui.site_mirror import LIVE_SECONDS, PowerBuffer, SiteMirror

CHARGERS = 200


def _site(rng: random.Random) -> dict[str, ChargerState]:
    chargers = {}
    for n in range(CHARGERS):
        charger = ChargerState(f"CP-{n:03d}", Approval.ACCEPTED, online=True)
        for connector_id in (1, 2):
            state = charger.connector(connector_id)
            charging = rng.random() < 0.5
            state.status = ConnectorStatus.CHARGING if charging else ConnectorStatus.AVAILABLE
            state.power_w = rng.choice((7400.0, 11000.0, 22000.0)) if charging else 0.0
        chargers[charger.charger_id] = charger
    return chargers


def _prefill(mirror: SiteMirror, chargers: dict[str, ChargerState], now: float) -> None:
    """Fifteen minutes of live buffers, one point a second per connector (worse than real)."""
    times = [now - LIVE_SECONDS + i for i in range(LIVE_SECONDS)]
    for charger in chargers.values():
        for connector in charger.connectors.values():
            buffer = mirror.connector_power[(charger.charger_id, connector.connector_id)] = (
                PowerBuffer()
            )
            buffer.times.extend(times)
            buffer.watts.extend([connector.power_w or 0.0] * len(times))
    site = sum(c.power_w for c in chargers.values())
    mirror.site_power.times.extend(times)
    mirror.site_power.watts.extend([site] * len(times))
    mirror.chargers = dict(chargers)


def _update(
    mirror: SiteMirror, chargers: dict[str, ChargerState], rng: random.Random, tick: int
) -> None:
    """One bridge update: every charger on a full refresh, else 20 that changed."""
    full = tick % FULL_REFRESH_EVERY == 0
    changed = chargers if full else dict(rng.sample(sorted(chargers.items()), 20))
    for charger in changed.values():
        for connector in charger.connectors.values():
            if connector.status is ConnectorStatus.CHARGING:
                connector.power_w = 11000.0 * rng.uniform(0.9, 1.0)
    mirror.apply(
        SiteUpdate(
            chargers=changed,
            site_power_w=sum(c.power_w or 0.0 for c in chargers.values()),
            online=CHARGERS,
            full=full,
        )
    )


def _count_renders(widget: PowerPlotWidget) -> list[int]:
    """Counts the widget's redraws (one element, incremented)."""
    count = [0]
    render = widget._render

    def counted(now: float) -> None:
        count[0] += 1
        render(now)

    widget._render = counted  # type: ignore[method-assign]
    return count


def test_plots_at_400_connectors_redraw_in_batches_and_not_while_hidden(
    qtbot: QtBot, qloop: qasync.QEventLoop, console: Console
) -> None:
    rng = random.Random(7)
    chargers = _site(rng)
    mirror = SiteMirror()
    _prefill(mirror, chargers, time.time())

    async def scenario() -> None:
        site = SitePowerPlotWidget(console.client, mirror)
        charger = ConnectorPowerPlotWidget(console.client, mirror, "CP-007")
        for widget in (site, charger):
            qtbot.addWidget(widget)
            widget.resize(1366, 768)
        site.show()
        site.set_connector_lines(True)
        site_renders = _count_renders(site)
        hidden_renders = _count_renders(charger)
        # Updates at the bridge's pace: each followed by the plot's next redraw.
        for tick in range(12):
            _update(mirror, chargers, rng, tick)
            seen = site_renders[0]
            await wait_until(lambda seen=seen: site_renders[0] > seen)
        # A burst, as after a stall: the updates only fill the buffers, nothing draws…
        before = site_renders[0]
        for tick in range(12, 12 + 3 * FULL_REFRESH_EVERY):
            _update(mirror, chargers, rng, tick)
        assert site_renders[0] == before
        # …until the timer's next tick draws them all at once.
        await wait_until(lambda: site_renders[0] > before)
        site.set_range(HOUR)  # a range change: a refill from the live buffers
        await wait_until(lambda: site.span_s == HOUR and site.latest_kw() > 100)
        assert len(site.lines.shown) == 24  # the busiest 24 of 400, not all
        assert site.latest_kw() > 100
        await wait_until(lambda: charger.grid.total.sum() > 0)  # the hidden plot kept up…
        assert hidden_renders[0] == 0  # …and painted nothing while not shown

    run(qloop, scenario(), timeout=60)
