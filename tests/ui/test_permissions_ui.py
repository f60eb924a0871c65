"""A person whose role does not allow a change is told so in the view, and nothing is sent."""

from __future__ import annotations

import qasync
from conftest import run, simulator, wait_until

from console.core.enums import CommandResult
from console.ui.alarms.page import AlarmsPage
from console.ui.console_app import Console
from console.ui.technician.commands import CommandsPage
from tests.actors import VIEWER


def _page(console: Console, kind: type) -> object:
    pages = console.window.technician.pages
    return next(pages.widget(i) for i in range(pages.count()) if isinstance(pages.widget(i), kind))


def test_a_viewer_is_refused_with_a_message_and_nothing_is_sent(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    commands = _page(console, CommandsPage)
    alarms = _page(console, AlarmsPage)
    assert isinstance(commands, CommandsPage) and isinstance(alarms, AlarmsPage)
    charger = simulator(console, "VIEW-1")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: "VIEW-1" in console.mirror.chargers)
        console.client.actor = VIEWER
        commands.show_charger("VIEW-1")
        commands.raw_action.setCurrentText("ClearCache")
        commands.raw_edit.setPlainText("{}")
        outcome = await commands.send_raw()
        assert outcome is not None and outcome.result is CommandResult.INVALID
        assert "Vera Viewer may not do this: it needs the technician role" in str(outcome.error)
        assert not [c for c in charger.received if c.action == "ClearCache"]
        assert await alarms.acknowledge_all() == []
        assert "may not do this" in alarms.outcome.text()

    try:
        run(qloop, scenario(), timeout=30)
    finally:
        run(qloop, charger.stop())
