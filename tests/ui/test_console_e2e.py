"""The whole console against a simulated charger over real websockets.

Start a session from the window, see its power in the site graph and its row in the
sessions table, stop it, and see the row finished.
"""

from __future__ import annotations

from typing import Any

import pytest
import qasync
from conftest import run, simulator, wait_until
from pytestqt.qtbot import QtBot
from test_actions import add_card

from console.ui.console_app import Console
from console.ui.sessions.model import SessionsTableModel


def _session_cell(model: SessionsTableModel, row: int, title: str) -> str:
    for column in range(model.columnCount()):
        if model.headerData(column, orientation=_horizontal()) == title:
            return str(model.index(row, column).data() or "")
    raise AssertionError(f"no column {title}")


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


@pytest.fixture
def staff_answers(console: Console, monkeypatch: pytest.MonkeyPatch) -> None:
    staff = console.window.overview.staff
    monkeypatch.setattr(staff, "ask_card", lambda *args: "DESK-CARD")

    async def confirm(*_args: Any) -> bool:
        return True

    monkeypatch.setattr(staff, "confirm", confirm)


def test_session_from_the_window_shows_in_graph_and_sessions_table(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, staff_answers: None
) -> None:
    window = console.window
    overview = window.overview
    sessions = window.sessions.model
    charger = simulator(console, "CP-E2E", connectors=1, power_kw=11.0)
    window.show()  # the graph only draws while it can be seen

    async def scenario() -> None:
        await add_card(console, "DESK-CARD")
        await charger.start()
        try:
            await charger.wait_booted()
            await wait_until(lambda: overview.select("CP-E2E", 1))
            overview.row_actions.actions["start"].trigger()
            tx = await charger.wait_for(lambda: charger.transaction_id(1), timeout=15)

            # Its power reaches the site graph…
            await wait_until(lambda: overview.plot.latest_kw() > 5.0, timeout=15)
            # …and its row the sessions table, running.
            await wait_until(lambda: sessions.row_of(tx) is not None, timeout=15)
            row = sessions.row_of(tx)
            assert row is not None
            assert _session_cell(sessions, row, window.sessions.tr("Charger")) == "CP-E2E"
            assert "running" in _session_cell(sessions, row, window.sessions.tr("End"))

            await wait_until(lambda: overview.row_actions.actions["stop"].isEnabled())
            overview.row_actions.actions["stop"].trigger()
            await charger.wait_for(lambda: charger.transaction_id(1) is None, timeout=15)

            def finished() -> bool:
                current = sessions.row_of(tx)
                return current is not None and "running" not in _session_cell(
                    sessions, current, window.sessions.tr("End")
                )

            await wait_until(finished, timeout=15)
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=90)
