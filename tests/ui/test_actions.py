"""StaffActions against the real console and simulated chargers: commands and their outcomes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import qasync
from conftest import run, simulator, wait_until
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from console.core.clock import utcnow
from console.core.enums import CommandResult, ConnectorStatus
from console.core.model import Card, CommandOutcome
from console.storage import cards as card_repo
from console.ui.actions import CardDialog
from console.ui.console_app import Console
from console.ui.overview.model import Column

Outcomes = list[tuple[str, str, CommandOutcome]]


async def add_card(console: Console, id_tag: str) -> None:
    card = Card(id_tag)
    await console.client.call(
        lambda e: e.writer.submit(lambda c: card_repo.save_card(c, card, utcnow()))
    )


def record(console: Console) -> Outcomes:
    outcomes: Outcomes = []
    console.window.overview.staff.outcome.connect(
        lambda charger_id, title, outcome: outcomes.append((charger_id, title, outcome))
    )
    return outcomes


@pytest.fixture
def answers(console: Console, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the hooks answer: a card id for ask_card, a bool for confirm (async, as in use)."""
    given: dict[str, Any] = {"card": "CARD-1", "confirm": True, "asked": []}
    staff = console.window.overview.staff

    async def confirm(title: str, text: str, proceed: str = "") -> bool:
        given["asked"].append(title)
        return bool(given["confirm"])

    monkeypatch.setattr(staff, "ask_card", lambda *args: given["card"])
    monkeypatch.setattr(staff, "confirm", confirm)
    return given


def test_start_and_stop_a_session_from_the_overview(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, answers: dict[str, Any]
) -> None:
    view = console.window.overview
    model = view.model
    outcomes = record(console)
    charger = simulator(console, "CP-AC", connectors=2)

    def cell(column: Column) -> str:
        row = model.row_of(("CP-AC", 1))
        return "" if row is None else str(model.index(row, column).data() or "")

    async def scenario() -> None:
        await add_card(console, "CARD-1")
        await charger.start()
        try:
            await charger.wait_booted()
            await wait_until(lambda: cell(Column.STATUS) == "Available")
            assert view.select("CP-AC", 1)
            start = view.row_actions.actions["start"]
            assert start.isEnabled() and not view.row_actions.actions["stop"].isEnabled()

            start.trigger()  # through the button's action, as a person would
            await wait_until(lambda: len(outcomes) == 1)
            assert outcomes[0][0] == "CP-AC" and outcomes[0][2].accepted
            assert view.banner.isVisible() or view.banner.kind == "ok"
            await wait_until(lambda: cell(Column.CARD) == "CARD-1", timeout=15)
            await wait_until(lambda: float(cell(Column.POWER) or 0) > 1.0)
            assert cell(Column.STATUS) == "Charging"
            await wait_until(lambda: view.row_actions.actions["stop"].isEnabled())
            assert not start.isEnabled()

            view.row_actions.actions["stop"].trigger()
            await wait_until(lambda: len(outcomes) == 2)
            assert answers["asked"] == ["Stop session"]
            assert outcomes[1][2].result is CommandResult.ANSWERED and outcomes[1][2].accepted
            await wait_until(lambda: cell(Column.CARD) == "", timeout=15)
            await charger.wait_for(lambda: charger.status(1) == ConnectorStatus.AVAILABLE)
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=60)


def test_a_declined_confirmation_sends_nothing(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, answers: dict[str, Any]
) -> None:
    staff = console.window.overview.staff
    outcomes = record(console)
    answers["confirm"] = False
    answers["card"] = None

    async def scenario() -> None:
        assert await staff.reset("CP-ANY", hard=True) is None
        assert await staff.stop_session("CP-ANY", 1, 42) is None
        assert await staff.start_session("CP-ANY", 1) is None

    run(qloop, scenario())
    assert outcomes == [] and answers["asked"] == ["Hard reset", "Stop session"]


def test_a_command_to_an_offline_charger_says_so_in_the_banner(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, answers: dict[str, Any]
) -> None:
    view = console.window.overview
    staff = view.staff
    outcomes = record(console)
    charger = simulator(console, "CP-GONE", connectors=1, reconnect=False)
    online: Callable[[], bool] = lambda: bool(  # noqa: E731
        (state := console.mirror.chargers.get("CP-GONE")) and state.online
    )

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(online)
        await wait_until(lambda: view.model.row_of(("CP-GONE", 1)) is not None)
        await charger.stop()
        await wait_until(lambda: not online())

        assert view.select("CP-GONE", 1)
        soft_reset = view.row_actions.actions["soft_reset"]
        assert not soft_reset.isEnabled() and "offline" in soft_reset.toolTip()

        outcome = await staff.unlock("CP-GONE", 1)
        assert outcome is not None and outcome.result is CommandResult.OFFLINE

    run(qloop, scenario())
    assert outcomes[-1][2].result is CommandResult.OFFLINE
    assert view.banner.kind == "failed"
    assert "offline" in view.banner.text.text().lower()


def test_the_real_dialogs_ask_without_blocking_the_loop(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    staff = console.window.overview.staff
    console.window.show()
    qtbot.waitExposed(console.window)

    def dialog(kind: type[QDialog], about: str = "CP-NOWHERE") -> QDialog | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                text = widget.text() if isinstance(widget, QMessageBox) else about
                if about in text:
                    return widget
        return None

    async def scenario() -> None:
        reset = staff.tasks.start(staff.reset("CP-NOWHERE", hard=False))
        await wait_until(lambda: dialog(QMessageBox) is not None)
        box = dialog(QMessageBox)
        assert isinstance(box, QMessageBox) and "CP-NOWHERE" in box.text()
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        assert box.defaultButton() is cancel  # Enter must not reset by accident
        cancel.click()
        assert await reset is None

        start = staff.tasks.start(staff.start_session("CP-NOWHERE", 2))
        await wait_until(lambda: dialog(CardDialog) is not None)
        card_dialog = dialog(CardDialog)
        assert isinstance(card_dialog, CardDialog)
        card_dialog.combo.setEditText("  VISITOR-9 ")
        card_dialog.accept()
        # Nobody registered VISITOR-9: the console asks before using it.
        await wait_until(lambda: dialog(QMessageBox, "VISITOR-9") is not None)
        warning = dialog(QMessageBox, "VISITOR-9")
        assert isinstance(warning, QMessageBox) and "not registered" in warning.text()
        [anyway] = [b for b in warning.buttons() if b.text() == "Start anyway"]
        anyway.click()
        outcome = await start
        assert outcome is not None and outcome.result is CommandResult.OFFLINE

    run(qloop, scenario())
    assert "VISITOR-9" in run(qloop, staff.recent_cards())
