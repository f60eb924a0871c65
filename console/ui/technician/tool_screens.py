"""Screenshots of the Configuration and Commands pages (see console/screenshots.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import qasync

from console.ui.technician.commands import CommandsPage
from console.ui.technician.configuration import ConfigurationPage

CHARGER = "P1-AC-01"


def technician_tool_screens(loop: qasync.QEventLoop, window: Any, target: Path) -> list[Path]:
    """The Configuration page with edited keys and their outcomes, then the Commands page."""
    view = window.technician
    window.tabs.setCurrentWidget(view)
    pages = [view.pages.widget(i) for i in range(view.pages.count())]
    config = next(p for p in pages if isinstance(p, ConfigurationPage))
    commands = next(p for p in pages if isinstance(p, CommandsPage))
    saved: list[Path] = []

    view.pages.setCurrentWidget(config)
    config.ask_reset = lambda *_: False  # type: ignore[method-assign, assignment]  # no dialog
    config.show_charger(CHARGER)
    loop.run_until_complete(config.refresh())
    loop.run_until_complete(config.snapshots.save())
    for key, value in (("ConnectionTimeOut", "90"), ("WebSocketPingInterval", "30")):
        row = config.model.row_of(key)
        config.model.setData(config.model.index(row, 1), value)
    loop.run_until_complete(config.apply())
    loop.run_until_complete(config.snapshots.save())
    snapshots = config.snapshots.model.snapshots
    if len(snapshots) >= 2:
        config.snapshots.select(snapshots[0].id, snapshots[1].id)
        loop.run_until_complete(config.snapshots.compare_selected())
    config.model.setData(config.model.index(config.model.row_of("ResetRetries"), 1), "5")
    loop.run_until_complete(asyncio.sleep(0.5))
    path = target / "technician-configuration.png"
    window.grab().save(str(path))
    saved.append(path)

    view.pages.setCurrentWidget(commands)
    commands.show_charger(CHARGER)
    commands.trigger_combo.setCurrentText("StatusNotification")
    commands.trigger_connector.setCurrentIndex(commands.trigger_connector.findData(1))
    loop.run_until_complete(commands.trigger())
    if commands.trigger_follow is not None:  # the picture shows what the charger sent
        loop.run_until_complete(asyncio.wait_for(asyncio.shield(commands.trigger_follow), 30))
    loop.run_until_complete(commands.clear_cache())
    commands.vendor_edit.setText("com.example")
    commands.message_id_edit.setText("Ping")
    loop.run_until_complete(commands.data_transfer())
    commands.raw_action.setCurrentText("ChangeAvailability")
    commands.raw_edit.setPlainText('{\n  "connectorId": "1",\n  "type": "Operative"\n}')
    loop.run_until_complete(asyncio.sleep(0.5))
    path = target / "technician-commands.png"
    window.grab().save(str(path))
    saved.append(path)
    return saved
