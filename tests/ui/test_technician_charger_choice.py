"""One charger choice for every technician page (and the Charger tab)."""

from __future__ import annotations

import qasync
from conftest import run, simulator, wait_until

from console.ui.console_app import Console
from console.ui.technician.charger_choice import ChargerChoice, shared_selection
from console.ui.technician.commands import CommandsPage
from console.ui.technician.configuration import ConfigurationPage
from console.ui.technician.connections import ConnectionsPage
from console.ui.technician.messages import MessageLogPage
from console.ui.technician.transfers import TransfersPage


def _pages(console: Console) -> dict[type, object]:
    pages = console.window.technician.pages
    return {type(pages.widget(i)): pages.widget(i) for i in range(pages.count())}


def _shown(console: Console) -> dict[str, str | None]:
    """The charger each place shows, as a person reads it off the screen."""
    pages = _pages(console)
    config = pages[ConfigurationPage]
    commands = pages[CommandsPage]
    connections = pages[ConnectionsPage]
    messages = pages[MessageLogPage]
    assert isinstance(config, ConfigurationPage) and isinstance(commands, CommandsPage)
    assert isinstance(connections, ConnectionsPage) and isinstance(messages, MessageLogPage)
    return {
        "configuration": config.picker.combo.currentData(),
        "commands": commands.picker.combo.currentData(),
        "connections": connections.picker.combo.currentData(),
        "connections history": connections.charger_id,
        "messages": messages.filter_bar.charger_combo.currentData(),
        "charger tab": console.window.detail.charger_id,
    }


def test_choosing_a_charger_on_one_page_shows_it_on_all(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    one, two = simulator(console, "CH-ONE"), simulator(console, "CH-TWO")
    pages = _pages(console)
    config, messages, transfers = (
        pages[ConfigurationPage],
        pages[MessageLogPage],
        pages[TransfersPage],
    )
    assert isinstance(config, ConfigurationPage) and isinstance(messages, MessageLogPage)
    assert isinstance(transfers, TransfersPage)
    pickers = console.window.technician.findChildren(ChargerChoice)
    assert {p.selection for p in pickers} == {shared_selection(console.mirror)}

    async def scenario() -> None:
        await one.start()
        await two.start()
        await one.wait_booted()
        await two.wait_booted()
        await wait_until(lambda: {"CH-ONE", "CH-TWO"} <= set(console.mirror.chargers))
        await wait_until(lambda: transfers.chargers.count() >= 2)
        transfers.choose(["CH-ONE", "CH-TWO"])  # a firmware update for both, set up

        # Picked by the person in the Configuration page's combo.
        combo = config.picker.combo
        combo.setCurrentIndex(combo.findData("CH-TWO"))
        combo.activated.emit(combo.currentIndex())
        assert set(_shown(console).values()) == {"CH-TWO"}, _shown(console)

        # Picked in the message log's charger filter: the other pages follow.
        bar = messages.filter_bar.charger_combo
        bar.setCurrentIndex(bar.findData("CH-ONE"))
        bar.activated.emit(bar.currentIndex())
        assert set(_shown(console).values()) == {"CH-ONE"}, _shown(console)

        # "All chargers" in the message log is a filter, not a choice: nothing else moves.
        bar.setCurrentIndex(0)
        bar.activated.emit(0)
        shown = _shown(console)
        assert shown.pop("messages") is None
        assert set(shown.values()) == {"CH-ONE"}

        # The Charger tab and the technician's pages share the choice both ways.
        console.window.detail.show_charger("CH-TWO")
        assert set(_shown(console).values()) == {"CH-TWO"}, _shown(console)
        # What is ticked for a firmware update never changes behind the person's back.
        assert sorted(transfers.chosen_ids()) == ["CH-ONE", "CH-TWO"]

    try:
        run(qloop, scenario())
    finally:
        run(qloop, one.stop())
        run(qloop, two.stop())
