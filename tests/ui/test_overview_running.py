"""The overview's running sessions: how long they have run, what they have cost so far,
and what the car really does when the charger's status would mislead ("Car full",
"Not drawing power" instead of "Charging 0.0 kW")."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import qasync
from billing_ui_fixtures import billing_site
from conftest import run, simulator, wait_until
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.core.enums import Approval, ConnectorStatus
from console.core.model import Card
from console.core.site import ChargerState, ConnectorState
from console.services.formatting import set_site_zone
from console.ui.bridge import SiteUpdate
from console.ui.console_app import Console
from console.ui.detail.models import local_time as detail_local_time
from console.ui.detail.panels import ConnectorCard
from console.ui.overview.format import NOT_DRAWING_AFTER_S, duration_text, site_clock
from console.ui.overview.format import local_time as overview_local_time
from console.ui.overview.model import ChargerTableModel, Column
from console.ui.site_mirror import SiteMirror
from tests.actors import ADMIN

CHARGING, SUSPENDED_EV = ConnectorStatus.CHARGING, ConnectorStatus.SUSPENDED_EV
TOOLTIP = Qt.ItemDataRole.ToolTipRole


async def add_card(console: Console, id_tag: str) -> None:
    await console.client.call(lambda e: e.cards.save_card(Card(id_tag), actor=ADMIN))


def cell(model: ChargerTableModel, key: tuple[str, int], column: Column, role: int = 0) -> str:
    row = model.row_of(key)
    return "" if row is None else str(model.index(row, column).data(role) or "")


def test_running_sessions_show_duration_and_cost_so_far(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    window = console.window
    window.show()
    view = window.overview
    charger = simulator(console, "CP-RUN", connectors=1)
    key = ("CP-RUN", 1)

    async def scenario() -> None:
        await billing_site(console)  # energy at EUR 0.40 / kWh
        await add_card(console, "ANY-CARD")
        await charger.start()
        try:
            await charger.wait_booted()
            assert cell(view.model, key, Column.DURATION) == ""
            await charger.start_session(1, "ANY-CARD")
            await wait_until(lambda: cell(view.model, key, Column.DURATION) != "", timeout=15)
            assert re.fullmatch(r"\d+ (s|min)", cell(view.model, key, Column.DURATION))
            assert cell(view.model, key, Column.DURATION, TOOLTIP).startswith("Started ")
            assert view.model.running.reads == 0  # the start came with its event: no read
            await wait_until(
                lambda: cell(view.model, key, Column.COST).startswith("EUR "), timeout=15
            )
            assert "Tariff Standard" in cell(view.model, key, Column.COST, TOOLTIP)
            # The cost grows with the energy: the poller reads it again while shown.
            first = cell(view.model, key, Column.COST)
            await wait_until(lambda: float(cell(view.model, key, Column.ENERGY) or 0) > 0.5)
            view.model.running.poller.poll()  # type: ignore[union-attr]
            await wait_until(lambda: cell(view.model, key, Column.COST) != first, timeout=15)

            # A table opened after the start (no SessionStarted seen) reads the start
            # time of every running session from the database, once.
            late = ChargerTableModel(console.mirror, view)
            late.use(console.client, view)
            await wait_until(lambda: cell(late, key, Column.DURATION) != "", timeout=10)
            assert late.running.reads == 1

            await charger.stop_session(1)
            await wait_until(lambda: cell(view.model, key, Column.DURATION) == "", timeout=15)
            assert cell(view.model, key, Column.COST) == ""
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=60)


def test_a_full_dc_car_says_car_full(console: Console, qloop: qasync.QEventLoop) -> None:
    console.window.show()
    model = console.window.overview.model
    charger = simulator(console, "CP-DC", connectors=1, kind="DC", soc_start=99.5, battery_kwh=2.0)
    key = ("CP-DC", 1)

    async def scenario() -> None:
        await add_card(console, "ANY-CARD")
        await charger.start()
        try:
            await charger.wait_booted()
            await charger.start_session(1, "ANY-CARD")
            await wait_until(lambda: cell(model, key, Column.STATUS) == "Car full", timeout=20)
            assert "Charging" not in cell(model, key, Column.STATUS)
            assert "stopped taking energy" in cell(model, key, Column.STATUS, TOOLTIP) or (
                "takes no more energy" in cell(model, key, Column.STATUS, TOOLTIP)
            )
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=60)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _charger(connector: ConnectorState) -> ChargerState:
    state = ChargerState("CP-1", approval=Approval.ACCEPTED, online=True)
    state.connectors[1] = connector
    return state


def test_status_words_follow_what_the_car_does(qtbot: QtBot) -> None:
    mirror = SiteMirror()
    model = ChargerTableModel(mirror)
    clock = FakeClock()
    model.power_watch.clock = clock
    key = ("CP-1", 1)

    def push(**fields: object) -> str:
        connector = ConnectorState(1, transaction_id=7, id_tag="C", **fields)  # type: ignore[arg-type]
        mirror.apply(SiteUpdate(chargers={"CP-1": _charger(connector)}, full=False))
        return cell(model, key, Column.STATUS)

    assert push(status=CHARGING, power_w=11_000.0, soc_percent=60.0) == "Charging"
    # Zero power for a moment is normal (ramping up): still Charging.
    assert push(status=CHARGING, power_w=0.0, soc_percent=60.0) == "Charging"
    clock.now += NOT_DRAWING_AFTER_S - 1
    assert push(status=CHARGING, power_w=20.0, soc_percent=60.0) == "Charging"
    clock.now += 2  # more than a minute at (about) zero: without a new update too
    assert cell(model, key, Column.STATUS) == "Not drawing power"
    assert "no power for 1 min" in cell(model, key, Column.STATUS, TOOLTIP)
    # Power again: Charging, and the minute starts over.
    assert push(status=CHARGING, power_w=7_000.0, soc_percent=61.0) == "Charging"
    assert push(status=CHARGING, power_w=0.0, soc_percent=61.0) == "Charging"

    # Full battery: the car's words at once, whatever the charger's status.
    assert push(status=CHARGING, power_w=0.0, soc_percent=100.0) == "Car full"
    assert push(status=SUSPENDED_EV, power_w=0.0, soc_percent=None) == "Car full"
    # A car that paused at 80 % is not full: the charger's words stay.
    assert push(status=SUSPENDED_EV, power_w=0.0, soc_percent=80.0) == "Suspended by car"
    # Power unknown (no meter values): nothing is claimed.
    assert push(status=CHARGING, power_w=None, soc_percent=None) == "Charging"
    clock.now += 600
    assert cell(model, key, Column.STATUS) == "Charging"


def test_the_detail_card_uses_the_same_words(qtbot: QtBot) -> None:
    card = ConnectorCard(1)
    qtbot.addWidget(card)
    clock = FakeClock()
    card.power_watch.clock = clock

    def show(**fields: object) -> str:
        state = ConnectorState(1, transaction_id=7, id_tag="C", **fields)  # type: ignore[arg-type]
        card.update_connector(state, True, None)
        return card.status_label.text()

    assert show(status=CHARGING, power_w=0.0, soc_percent=100.0).endswith("Car full")
    assert show(status=CHARGING, power_w=0.0, soc_percent=70.0).endswith("Charging")
    clock.now += NOT_DRAWING_AFTER_S + 5
    card.tick()
    assert card.status_label.text().endswith("Not drawing power")
    assert "no power for 1 min" in card.status_label.toolTip()
    assert show(status=CHARGING, power_w=3_000.0, soc_percent=70.0).endswith("Charging")


def test_times_are_shown_in_the_site_zone() -> None:
    """The overview and the detail show the site's clock, not the desk computer's."""
    at = datetime(2026, 1, 1, 0, 30, tzinfo=UTC)
    set_site_zone(ZoneInfo("Pacific/Kiritimati"))  # UTC+14: never this machine's zone
    try:
        assert overview_local_time(at, now=at) == "14:30"
        assert site_clock(at) == "2026-01-01 14:30:00"
        now = datetime.now(UTC).replace(microsecond=0)
        expected = now.astimezone(ZoneInfo("Pacific/Kiritimati")).strftime("%H:%M:%S")
        assert detail_local_time(now) == expected
    finally:
        set_site_zone(None)


def test_duration_words() -> None:
    assert duration_text(45) == "45 s"
    assert duration_text(12 * 60 + 5) == "12 min"
    assert duration_text(3600 + 5 * 60) == "1 h 05 min"
    assert duration_text(26 * 3600) == "26 h 00 min"
