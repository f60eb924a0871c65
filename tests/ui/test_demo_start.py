"""`chargedesk --demo` started as the command starts it, and what a first look must show.

The command line's own entry point runs (``console.cli.main(["--demo", ...])``): the demo
database is seeded in a temporary folder, the console opens offscreen on Qt's loop through
qasync and the simulated site connects. A coroutine started once that loop runs looks at
the window as a person would, then closes it, and the command returns as after a click
on the window's close button.
"""

from __future__ import annotations

import asyncio
import re
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import wait_until
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from console.cli import main
from console.core.billing import ReceiptStatus
from console.core.enums import Approval, ConnectorStatus
from console.simulator.demo_site import (
    DEMO_CHARGERS,
    FAULTED,
    RUNNING_SESSIONS,
    UNKNOWN_TAP,
    WAITING_CHARGER,
)
from console.ui.main_window import MainWindow
from console.ui.overview.model import Column
from console.ui.sessions.model import SESSION_ROLE

FIRST_LOOK_SECONDS = 90.0  # seeding, six chargers booting, first meter values
RUNNING = {ConnectorStatus.CHARGING, ConnectorStatus.SUSPENDED_EV}  # a DC car may be full


def expected_states() -> dict[tuple[str, int], set[ConnectorStatus]]:
    """Each demo connector and the states it may show once the scene is set."""
    states: dict[tuple[str, int], set[ConnectorStatus]] = {}
    for charger_id, _kind, connectors, *_rest in DEMO_CHARGERS:
        for connector in range(1, connectors + 1):
            states[(charger_id, connector)] = {ConnectorStatus.AVAILABLE}
    for charger_id, connector, _card in RUNNING_SESSIONS:
        states[(charger_id, connector)] = RUNNING
    # The refused tap may leave its connector Preparing for a moment.
    states[UNKNOWN_TAP[:2]] = {ConnectorStatus.AVAILABLE, ConnectorStatus.PREPARING}
    states[FAULTED[:2]] = {ConnectorStatus.FAULTED}
    return states


def shown_kw(text: str) -> float:
    """The number in a power cell ("11.0", "11,0 kW"); 0 when it shows none."""
    found = re.search(r"\d+(?:[.,]\d+)?", text or "")
    return float(found.group().replace(",", ".")) if found else 0.0


class FirstLook:
    """Checks the demo's window from inside the command's own event loop."""

    def __init__(self) -> None:
        self.error: BaseException | None = None
        self.done = False
        self.powered: set[tuple[str, int]] = set()
        self._began = time.monotonic()
        self._task: asyncio.Task[None] | None = None
        self.command_returned = False  # then stop polling: later tests' loops are not ours

    def start_when_running(self) -> None:
        """Start the checks once the command's qasync loop runs (polled by a Qt timer)."""
        if self.command_returned:
            return
        loop = asyncio.get_event_loop_policy().get_event_loop()
        window = _demo_window()
        if window is not None and loop.is_running():
            self._task = loop.create_task(self._run(window))
        elif time.monotonic() - self._began > FIRST_LOOK_SECONDS:
            # Never hang the suite (an exception in a Qt slot would be swallowed): say
            # why and close, so that the command returns.
            self.error = AssertionError("the demo's window never showed on a running loop")
            _close_every_window()
        else:
            QTimer.singleShot(50, self.start_when_running)

    async def _run(self, window: MainWindow) -> None:
        try:
            await asyncio.wait_for(self.check(window), FIRST_LOOK_SECONDS)
            self.done = True
        except BaseException as error:  # reported by the test after the command returned
            self.error = error
        finally:
            window.close()  # as the person closing it: the command then returns
            _close_every_window()  # were any other window open, the command would wait

    async def check(self, window: MainWindow) -> None:
        """What a person sees first: every connector's state, the charger waiting for
        approval, power on the running sessions, and the week of history and billing."""
        await self._overview(window)
        await self._sessions(window)
        await self._billing(window)

    async def _overview(self, window: MainWindow) -> None:
        model = window.overview.model
        mirror = window.mirror
        expected = expected_states()

        def status(key: tuple[str, int]) -> ConnectorStatus | None:
            charger = mirror.chargers.get(key[0])
            connector = None if charger is None else charger.connectors.get(key[1])
            return None if connector is None else connector.status

        def scene_set() -> bool:
            shown = {model.key(row) for row in range(model.rowCount())}
            return set(expected) <= shown and all(
                status(key) in allowed for key, allowed in expected.items()
            )

        try:
            await wait_until(scene_set, timeout=60)
        except AssertionError:
            wrong = {k: status(k) for k, allowed in expected.items() if status(k) not in allowed}
            raise AssertionError(f"connectors not in their demo state: {wrong}") from None
        for key, allowed in expected.items():
            row = model.row_of(key)
            assert row is not None, key
            text = str(model.index(row, Column.STATUS).data())
            words = {"Charging", "Suspended by car"} if allowed == RUNNING else None
            if status(key) is ConnectorStatus.FAULTED:
                words = {"Faulted"}
                problem = str(model.index(row, Column.PROBLEM).data())
                assert FAULTED[2] in problem, problem  # GroundFailure, said where it shows
            if words is not None:
                assert any(word in text for word in words), (key, text)

        # A charger waiting for approval: its row says so, and the panel offers Accept.
        waiting = WAITING_CHARGER[0]
        await wait_until(lambda: mirror.pending_approval() == [waiting], timeout=30)
        assert mirror.chargers[waiting].approval is Approval.PENDING
        row = model.row_of((waiting, 0))
        assert row is not None
        assert "approval" in str(model.index(row, Column.STATUS).data())
        panel = window.overview.approvals
        await wait_until(lambda: waiting in panel.lines, timeout=10)
        assert panel.isVisible() and waiting in panel.lines[waiting][0].text()

        # Every running session shows power above zero once its meter values arrive (a DC
        # car may fill up later and draw nothing: each must have shown power, not at once).
        running = {(charger_id, connector) for charger_id, connector, _ in RUNNING_SESSIONS}

        def all_powered() -> bool:
            for key in running - self.powered:
                row = model.row_of(key)
                if row is not None and shown_kw(model.index(row, Column.POWER).data()) > 0:
                    self.powered.add(key)
            return self.powered == running

        try:
            await wait_until(all_powered, timeout=45)
        except AssertionError:
            raise AssertionError(f"no power shown on {running - self.powered}") from None
        await wait_until(lambda: mirror.site_power_w > 0, timeout=10)

    async def _sessions(self, window: MainWindow) -> None:
        view = window.sessions
        window.tabs.setCurrentWidget(view)
        model = view.model
        running = {(charger_id, connector) for charger_id, connector, _ in RUNNING_SESSIONS}

        def sessions() -> list:  # type: ignore[type-arg]
            return [model.index(row, 0).data(SESSION_ROLE) for row in range(model.rowCount())]

        def history_and_live() -> bool:
            shown = sessions()
            live = {(s.charger_id, s.connector_id) for s in shown if s.running}
            return live == running and sum(1 for s in shown if not s.running) >= 10

        await wait_until(history_and_live, timeout=30)
        finished = [s for s in sessions() if not s.running]
        assert all((s.energy_wh or 0) > 0 for s in finished)
        assert {s.charger_id for s in finished} >= {c[0] for c in DEMO_CHARGERS}

    async def _billing(self, window: MainWindow) -> None:
        view = window.billing
        window.tabs.setCurrentWidget(view)
        await view.reload()  # as the tab's refresh does; the first read may still be going
        await wait_until(lambda: view.model.rowCount() >= 4, timeout=30)
        receipts = view.model.receipts()
        statuses = {receipt.status for receipt in receipts}
        assert statuses == {ReceiptStatus.PAID, ReceiptStatus.UNPAID, ReceiptStatus.VOID}
        voided = [r for r in receipts if r.status is ReceiptStatus.VOID]
        assert any(r.content.replaces == voided[0].label for r in receipts)
        assert any("Anna Schulz" in r.content.customer for r in receipts)  # the visitor
        assert all(r.total >= 0 for r in receipts) and any(r.total > 0 for r in receipts)
        assert view.summary_label.text()


def _demo_window() -> MainWindow | None:
    windows = [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, MainWindow)
        and widget.isVisible()
        and widget.windowTitle().endswith("demo")
    ]
    return windows[-1] if windows else None


def _close_every_window() -> None:
    """The command returns once its last visible window closes; close whatever is open."""
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()


@pytest.fixture
def command_surroundings(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The demo's throw-away folder in ``tmp_path``; the signal handlers and the asyncio
    loop the command installs are put back afterwards."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    yield tmp_path
    for signum, handler in handlers.items():
        signal.signal(signum, handler)
    asyncio.set_event_loop(None)


@pytest.mark.timeout(180)
def test_the_demo_starts_as_the_command_does_and_shows_the_site_at_first_look(
    command_surroundings: Path,
) -> None:
    _close_every_window()  # left by earlier tests: the command would wait for them too
    look = FirstLook()
    QTimer.singleShot(0, look.start_when_running)

    try:
        code = main(["--demo", "--port", "0"])
    finally:
        look.command_returned = True

    if look.error is not None:
        raise look.error
    assert look.done and code == 0
    # The demo's database lived in the temporary folder, and went with it.
    assert not list(command_surroundings.glob("chargedesk-demo-*"))
