"""What the power plots show before live values: stored samples, or that readings come."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import numpy as np
import qasync
from conftest import run, simulator, wait_until
from pytestqt.qtbot import QtBot

from console.core import commands as cmd
from console.core.model import Card, MeterValue, SampledValue
from console.services.admin import add_card
from console.storage import sessions as session_repo
from console.ui.console_app import Console
from console.ui.plots import SitePowerPlotWidget
from console.ui.site_mirror import SiteMirror
from tests.actors import ADMIN


def _show(qtbot: QtBot, widget: SitePowerPlotWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1000, 420)
    widget.show()


def _store_samples(
    loop: qasync.QEventLoop, console: Console, start: float, minutes: int, watts: float
) -> None:
    """Power samples of a running session, stored as MeterValues would store them."""
    values = tuple(
        MeterValue(
            datetime.fromtimestamp(start + 60 * i, UTC),
            (SampledValue(watts, "Power.Active.Import", "W"),),
        )
        for i in range(minutes)
    )
    rows = session_repo.sample_rows("CP-STORED", 1, None, values, datetime.now(UTC))
    run(
        loop,
        console.client.call(lambda e: e.writer.submit(lambda c: session_repo.add_samples(c, rows))),
    )


def test_a_fresh_start_draws_the_stored_samples_and_no_zeros_before_them(
    qtbot: QtBot, qloop: qasync.QEventLoop, console: Console
) -> None:
    # The last ten minutes at 11 kW, stored before this console's plot started watching.
    first = time.time() - 10 * 60
    _store_samples(qloop, console, first, 10, 11_000.0)

    async def scenario() -> SitePowerPlotWidget:
        plot = SitePowerPlotWidget(console.client, SiteMirror())  # nothing live yet
        _show(qtbot, plot)
        await wait_until(lambda: not plot.loading and plot.known_from <= first + 1)
        plot._render(time.time())
        return plot

    plot = run(qloop, scenario())
    times, kw = plot.series()
    assert not plot.waiting and not plot.waiting_note.isVisible()
    stored = (times > first + 30) & (times < first + 9 * 60)
    assert stored.sum() > 400  # 1 s buckets over the stored minutes
    assert np.allclose(kw[stored], 11.0)
    # Before the first stored reading nothing is known: blank, not a zero line.
    before = times < first - 2
    assert before.sum() > 100 and np.isnan(kw[before]).all()


def test_a_session_without_readings_says_so_until_the_first_one_comes(
    qtbot: QtBot, qloop: qasync.QEventLoop, console: Console
) -> None:
    add_card(console.config.database_url, Card("WAIT-CARD"), actor=ADMIN)
    # A charger that reports power only when asked (no meter values of its own in time).
    charger = simulator(console, "CP-WAIT", meter_interval=3600.0)
    plot = SitePowerPlotWidget(console.client, console.mirror)
    _show(qtbot, plot)

    async def scenario() -> float:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: "CP-WAIT" in console.mirror.chargers)
        await wait_until(lambda: not plot.loading and not plot.waiting)
        assert plot.latest_kw() == 0.0  # an idle site: zero is true, and drawn
        assert await charger.start_session(1, "WAIT-CARD") is not None
        await wait_until(lambda: plot.waiting)
        assert plot.waiting_note.isVisible()
        assert plot.waiting_note.text() == "Waiting for the first readings…"
        times, _kw = plot.series()
        assert len(times) == 0  # no zero line for a session whose power is unknown
        asked = time.time()
        outcome = await console.client.command(
            lambda e: e.commands.send("CP-WAIT", cmd.TriggerMessage("MeterValues", 1), actor=ADMIN)
        )
        assert outcome.accepted
        await wait_until(lambda: not plot.waiting and plot.latest_kw() > 1.0)
        return asked

    try:
        asked = run(qloop, scenario())
    finally:
        run(qloop, charger.stop())
    assert not plot.waiting_note.isVisible()
    times, kw = plot.series()
    drawn = np.isfinite(kw)
    # The line starts at the first reading: nothing from the unknown minutes before it.
    assert drawn.any() and (times[drawn] > asked - 2).all()
    assert (kw[drawn] > 0).all()
