"""Renders the main screens of the demo site to PNG: `python -m console.screenshots DIR`.

Starts the console offscreen on a throw-away demo database with the simulated site,
waits until the chargers have booted and sessions run, then saves every main view at
1366x768 — overview, charger detail, sessions, cards, billing, reports and each
technician tool — and the dialogs worth showing: the card editor waiting for a tap, an
import preview with a problem row, a history, the tariff editor, a visitor start, a
receipt and a service report as PDF pages.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QWidget

from console.demo import demo_config, demo_site_of
from console.ui.alarms.screens import alarm_screens
from console.ui.billing.screens import billing_screens
from console.ui.cards.editor import CardEditorDialog
from console.ui.cards.history import HistoryDialog
from console.ui.cards.import_dialog import ImportDialog
from console.ui.console_app import Console, cancel_pending_tasks, create_application
from console.ui.reports.screens import report_screens
from console.ui.staff.screens import staff_screens
from console.ui.tasks import set_gui_loop
from console.ui.technician.connection_screens import connections_screen
from console.ui.technician.message_screens import message_log_screen
from console.ui.technician.security_screens import security_screens
from console.ui.technician.tool_screens import technician_tool_screens
from console.ui.technician.transfer_screens import transfers_screen

SIZE = (1366, 768)
SETTLE_SECONDS = 20.0  # long enough for several meter values on every running session
# An import file with a new card, a changed demo card, a new person and a problem row.
IMPORT_SAMPLE = (
    "card,status,group,expires,max_sessions,owner,department,email,phone,note\n"
    "04A1B2C3,active,STAFF,2027-12-31,1,Dr. Maria Hoffmann,Radiology,,,\n"
    "04NEW0101,active,STAFF,2027-06-30,1,Lena Fischer,Cardiology CC-3100,"
    "l.fischer@st-marien.example,,New starter\n"
    "VISITOR-02,blocked,VISITOR,,1,,,,,Not returned\n"
    "04NEW 0102,active,STAFF,2027-12-31,1,,,,,\n"
)


async def _settle(seconds: float) -> None:
    # A fixed pause is right here: the picture should show the site after a while of
    # live traffic, not the first moment some condition holds.
    await asyncio.sleep(seconds)


def take_screenshots(target: Path, settle: float = SETTLE_SECONDS) -> list[Path]:
    """Save the screenshots into ``target`` and return their paths."""
    target.mkdir(parents=True, exist_ok=True)
    app = create_application()
    loop = qasync.QEventLoop(app)
    set_gui_loop(loop)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="chargedesk-shots-") as folder:
        console = Console(demo_config(Path(folder), 0), demo=True)
        simulators = demo_site_of(console.client.engine)
        simulators.start()
        window = console.window
        window.resize(*SIZE)
        window.show()
        try:
            loop.run_until_complete(_settle(settle))
            saved += staff_screens(loop, window, target)  # the login: the admin is at the desk
            views = [
                ("overview", window.overview),
                ("charger-detail", window.detail),
                ("sessions", window.sessions),
            ]
            for name, view in views:
                if view is window.detail:
                    window.detail.show_charger("P2-DC-01")
                window.tabs.setCurrentWidget(view)
                loop.run_until_complete(_settle(2.0))
                path = target / f"{name}.png"
                window.grab().save(str(path))
                saved.append(path)
            saved += _card_screens(loop, window, target, Path(folder))
            saved += report_screens(loop, window, target)
            saved += billing_screens(loop, window, target)
            saved += technician_tool_screens(loop, window, target)
            saved += alarm_screens(loop, window, target)
            saved += message_log_screen(loop, window, target)
            saved += connections_screen(loop, window, target)
            saved += transfers_screen(loop, window, target)
            saved += security_screens(loop, window, target)  # last: a charger reconnects
        finally:
            simulators.stop()
            window.close()
            cancel_pending_tasks(loop)
            console.stop()
            loop.close()
    return saved


def _save(widget: QWidget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


def _card_screens(loop: qasync.QEventLoop, window: Any, target: Path, folder: Path) -> list[Path]:
    """The cards tab with its refused cards, then the editor, import and history dialogs."""
    cards = window.cards
    actions = cards.card_actions
    window.tabs.setCurrentWidget(cards)
    loop.run_until_complete(cards.reload())
    loop.run_until_complete(_settle(1.0))
    saved = [_save(window, target / "cards.png")]

    editor = actions.tasks.start(actions.register())
    assert editor is not None
    loop.run_until_complete(_settle(0.5))
    dialog = actions.dialog
    assert isinstance(dialog, CardEditorDialog)
    dialog.tap.choose_charger("P1-AC-01")
    dialog.group_combo.setCurrentText("STAFF")
    dialog.tap.start()
    loop.run_until_complete(_settle(0.5))
    saved.append(_save(dialog, target / "card-editor.png"))
    dialog.reject()
    loop.run_until_complete(editor)

    sample = folder / "cards-import.csv"
    sample.write_text(IMPORT_SAMPLE, encoding="utf-8")
    importing = ImportDialog(cards.client, window)
    importing.open()
    loop.run_until_complete(importing.load(str(sample)))
    loop.run_until_complete(_settle(0.5))
    saved.append(_save(importing, target / "card-import.png"))
    importing.reject()

    cards.select_card("04A1B2C3")
    history = loop.run_until_complete(actions.card_history(cards.selected_card()))
    assert isinstance(history, HistoryDialog)
    loop.run_until_complete(_settle(0.5))
    saved.append(_save(history, target / "card-history.png"))
    history.reject()
    loop.run_until_complete(_settle(0.2))
    return saved


if __name__ == "__main__":
    destination = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for written in take_screenshots(destination):
        print(written)
