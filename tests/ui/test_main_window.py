"""The main window: remembered layout, shortcuts, status bar."""

from __future__ import annotations

import time
import warnings

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.ui.console_app import Console
from console.ui.main_window import DATA_WIDTH, MainWindow


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
    assert "console.db" in console.window.database_label.toolTip()


def test_a_long_database_path_is_cut_in_its_middle(console: Console) -> None:
    """The address stays readable: the path gives way, whole in its tooltip."""
    label = console.window.database_label
    assert label.fontMetrics().horizontalAdvance(label.text()) <= DATA_WIDTH
    assert label.toolTip().endswith("console.db")


def test_late_updates_are_shown_without_moving_the_figures(console: Console) -> None:
    """The warning appears left of the figures, which stay where the eye finds them."""
    window = console.window
    window.show()
    window.statusBar().layout().activate()
    before = window.connected_label.mapTo(window, QPoint(0, 0))
    assert not window.freshness_label.isVisible()

    window.mirror.last_update = time.time() - 30
    window._on_freshness_tick()
    window.statusBar().layout().activate()
    assert window.freshness_label.isVisible()
    assert window.freshness_label.text() == "⚠ no update for 30 s"
    assert window.connected_label.mapTo(window, QPoint(0, 0)) == before

    window.mirror.last_update = time.time()
    window._on_freshness_tick()
    assert not window.freshness_label.isVisible()
