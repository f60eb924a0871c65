"""The main window: remembered layout, shortcuts, status bar."""

from __future__ import annotations

import warnings

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.ui.console_app import Console
from console.ui.main_window import MainWindow


def test_window_keeps_size_and_view_between_runs(console: Console, qtbot: QtBot) -> None:
    window = console.window
    window.show()
    window.resize(1200, 700)
    window.tabs.setCurrentWidget(window.sessions)
    window.close()  # saves the settings
    assert QSettings().value("window/geometry") == window.saveGeometry()

    again = MainWindow(console.client, console.mirror)
    qtbot.addWidget(again)
    assert again.tabs.currentWidget() is again.sessions


def test_views_have_keyboard_shortcuts(console: Console, qtbot: QtBot) -> None:
    window = console.window
    window.show()
    # The offscreen platform has no window manager to activate windows; shortcuts of a
    # window only fire while it is the active one.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    qtbot.keyClick(window.tabs, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.sessions
    qtbot.keyClick(window.tabs, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.overview


def test_status_bar_shows_where_chargers_connect_and_the_database(console: Console) -> None:
    port = console.client.engine.port
    assert f"ws://127.0.0.1:{port}/ocpp/<charger id>" in console.window.address_label.text()
    assert "console.db" in console.window.database_label.text()
