"""The technician's message export: the site's time, or UTC when the technician asks."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import qasync
from conftest import run, simulator, wait_until
from pytestqt.qtbot import QtBot

from console.services.formatting import set_site_zone
from console.ui.console_app import Console
from console.ui.technician.messages import MessageLogPage


def test_the_export_is_in_site_time_unless_utc_is_ticked(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    window = console.window
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentWidget(window.technician)
    page = window.technician.findChild(MessageLogPage)
    assert page is not None
    window.technician.pages.setCurrentWidget(page)
    set_site_zone(ZoneInfo("Europe/Berlin"))  # as the console does for a site in Berlin
    charger = simulator(console, "CP-ZONE")
    site, utc = tmp_path / "site.jsonl", tmp_path / "utc.jsonl"

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: page.model.rowCount() >= 2)
        page.pause_button.click()
        assert not page.export_utc_check.isChecked()  # the site's time unless asked
        await page.export_to(site)
        page.export_utc_check.setChecked(True)
        await page.export_to(utc)

    try:
        run(qloop, scenario())
    finally:
        run(qloop, charger.stop())
    first = json.loads(site.read_text(encoding="utf-8").splitlines()[0])
    same = json.loads(utc.read_text(encoding="utf-8").splitlines()[0])
    assert first["zone"] == "Europe/Berlin" and first["at"][-6:] in ("+01:00", "+02:00")
    assert same["zone"] == "UTC" and same["at"].endswith("+00:00")
    assert first["id"] == same["id"]
    assert datetime.fromisoformat(first["at"]) == datetime.fromisoformat(same["at"])
