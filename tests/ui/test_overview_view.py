"""The overview against a real console: approvals, keyboard, and what a person sees."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from conftest import run, running_console, simulator, wait_until
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.core.clock import utcnow
from console.core.enums import AdmissionMode, Approval, ConnectorStatus
from console.core.model import Card
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.ui.console_app import Console
from tests.actors import ADMIN


@pytest.fixture
def approving(qloop: qasync.QEventLoop, tmp_path: Path) -> Iterator[Console]:
    """A running console where unknown chargers wait for a person's approval."""
    with running_console(tmp_path, AdmissionMode.APPROVE) as instance:
        yield instance


def test_a_waiting_charger_is_listed_and_accepting_it_admits_it(
    approving: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    view = approving.window.overview
    panel = view.approvals
    charger = simulator(approving, "CP-NEW-1", vendor="Vendor", model="Model")
    assert not panel.isVisibleTo(view)

    async def scenario() -> None:
        await charger.start()
        try:
            await wait_until(lambda: "CP-NEW-1" in panel.lines)
            await wait_until(lambda: "Vendor Model" in panel.lines["CP-NEW-1"][0].text())
            assert panel.isVisibleTo(view)
            label, accept, _reject = panel.lines["CP-NEW-1"]
            assert "127.0.0.1" in label.text() and "waiting for approval" in label.text()
            qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
            await wait_until(
                lambda: approving.mirror.chargers["CP-NEW-1"].approval is Approval.ACCEPTED
            )
            await wait_until(lambda: not panel.isVisibleTo(view))
            assert view.banner.kind == "ok"
        finally:
            await charger.stop()

    run(qloop, scenario())


def test_enter_and_double_click_open_the_detail_and_ctrl_f_finds(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    window = console.window
    view = window.overview
    window.show()
    qtbot.waitExposed(window)
    charger = simulator(console, "CP-KEY", connectors=1)

    async def scenario() -> None:
        await charger.start()
        try:
            await charger.wait_booted()
            await wait_until(lambda: view.select("CP-KEY", 1))
        finally:
            await charger.stop()

    run(qloop, scenario())
    view.table.setFocus()
    with qtbot.waitSignal(view.chargerActivated, timeout=2000) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == ["CP-KEY"]
    assert window.detail.charger_id == "CP-KEY"

    window.tabs.setCurrentWidget(view)
    index = view.table.currentIndex()
    position = view.table.visualRect(index).center()
    viewport = view.table.viewport()
    with qtbot.waitSignal(view.chargerActivated, timeout=2000):
        # The view only takes a double click on the index its press selected.
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=position)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=position)

    window.tabs.setCurrentWidget(view)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.filter_edit
    qtbot.keyClicks(view.filter_edit, "nothing-like-this")
    assert view.proxy.rowCount() == 0 and "0 of 1" in view.count_label.text()
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Escape)
    assert view.filter_edit.text() == "" and view.proxy.rowCount() == 1

    menu = view.row_actions.menu(view)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["Start session…", "Start for visitor…", "Stop session", "Unlock"]
    assert "Hard reset" in texts


def test_render_a_busy_site(
    approving: Console, qloop: qasync.QEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    """AC and DC chargers, one charging, one faulted, one offline, one waiting: look at it."""
    window = approving.window
    view = window.overview
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    specs = {
        "CP-ENTRANCE-1": {"connectors": 2, "kind": "AC"},
        "CP-ENTRANCE-2": {"connectors": 2, "kind": "AC"},
        "CP-GARAGE-DC1": {"connectors": 1, "kind": "DC", "soc_start": 35.0},
        "CP-STAFF-3": {"connectors": 2, "kind": "AC", "power_kw": 22.0},
        "CP-VISITOR-4": {"connectors": 1, "kind": "AC", "reconnect": False},
    }
    chargers = [simulator(approving, cid, **options) for cid, options in specs.items()]
    newcomer = simulator(approving, "CP-NEW-7", vendor="Alfen", model="Eve Single")

    async def scenario() -> None:
        try:
            await _render_busy_site()
        finally:
            await _stop_all([*chargers, newcomer])

    async def _render_busy_site() -> None:
        for card in ("04A2B3C4", "NURSE-0117", "VISITOR-22"):
            await approving.client.call(
                lambda e, c=card: e.writer.submit(
                    lambda conn: card_repo.save_card(conn, Card(c), utcnow())
                )
            )
        for cid in specs:
            await approving.client.call(lambda e, i=cid: e.admission.add_charger(i, actor=ADMIN))
        for charger in [*chargers, newcomer]:
            await charger.start()
        for charger in chargers:
            await charger.wait_booted()
        entrance, _, dc, staff, visitor = chargers
        await entrance.start_session(1, "04A2B3C4")
        await dc.start_session(1, "NURSE-0117")
        await staff.start_session(2, "VISITOR-22")
        await staff.fault(1, "GroundFailure", "RCD tripped")
        await visitor.stop()
        mirror = approving.mirror
        await wait_until(lambda: "CP-NEW-7" in view.approvals.lines, timeout=15)
        await wait_until(lambda: not mirror.chargers["CP-VISITOR-4"].online, timeout=15)
        await wait_until(
            lambda: mirror.chargers["CP-STAFF-3"].connectors[1].status is ConnectorStatus.FAULTED
        )
        await wait_until(lambda: mirror.site_power_w > 40_000, timeout=15)
        # Rendered while the loop runs: Qt events handled between two run_until_complete
        # calls would run the simulators' callbacks with no running asyncio loop.
        view.select("CP-ENTRANCE-1", 1)
        assert window.grab().save(str(target))

    target = Path(os.environ.get("OVERVIEW_PNG", tmp_path / "overview.png"))
    run(qloop, scenario(), timeout=90)
    assert target.stat().st_size > 10_000


async def _stop_all(chargers: list[SimulatedCharger]) -> None:
    # Sessions end first: on Python 3.11 a stop() racing a session's meter loop can lose
    # its cancellation inside asyncio.wait_for and hang (reported to the simulator's owner).
    for charger in chargers:
        for connector_id in charger.connector_ids:
            if charger.connected and charger.session(connector_id) is not None:
                await charger.stop_session(connector_id)
        await charger.stop()
