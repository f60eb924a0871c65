"""Help → About ChargeDesk: versions, places, the components' licences and their texts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from console.licences import component_licences
from console.services.queries import database_location
from console.ui.about import HELP_MENU_NAME, AboutDialog, add_help_menu
from console.ui.console_app import Console, application_icon
from console.version_info import version_info


def _dialog(qtbot: QtBot, tmp_path: Path) -> AboutDialog:
    QApplication.setWindowIcon(application_icon())  # as create_application does
    info = version_info(str(tmp_path / "site.db"), tmp_path / "logs", qt="6.11.3")
    dialog = AboutDialog(info, component_licences())
    qtbot.addWidget(dialog)
    return dialog


def test_about_box_shows_versions_places_and_licences(qtbot: QtBot, tmp_path: Path) -> None:
    """The facts of --version, and one row per component with its licence."""
    dialog = _dialog(qtbot, tmp_path)
    dialog.show()
    table = dialog.table
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert "websockets" in names and "chargedesk" in names
    row = names.index("websockets")
    assert table.item(row, 2).text() == "BSD-3-Clause"
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "OCPP 1.6J" in labels and str(tmp_path / "site.db") in labels
    assert str(tmp_path / "logs") in labels and "6.11.3" in labels
    assert not dialog.grab().isNull()


def test_licence_texts_view_and_copy(qtbot: QtBot, tmp_path: Path) -> None:
    """ "Show licence texts" opens the texts; "Copy" puts the --version lines on the clipboard."""
    dialog = _dialog(qtbot, tmp_path)
    dialog.texts_button.click()
    assert dialog.texts_dialog is not None and dialog.texts_dialog.isVisible()
    assert "Redistribution and use" in dialog.texts_dialog.text.toPlainText()
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[3] == "OCPP versions spoken: OCPP 1.6J"


def test_help_menu_is_made_once(qtbot: QtBot) -> None:
    """Help → About ChargeDesk…; a second action joins the same Help menu."""
    window = QMainWindow()
    qtbot.addWidget(window)
    first = add_help_menu(window)
    second = add_help_menu(window)
    menus = [m for m in window.menuBar().findChildren(QMenu) if m.objectName() == HELP_MENU_NAME]
    assert len(menus) == 1
    assert first in menus[0].actions() and second in menus[0].actions()
    assert "About ChargeDesk" in first.text().replace("&", "")


def test_console_window_has_help_about(console: Console, qtbot: QtBot) -> None:
    """The console's menu bar ends with Help → About ChargeDesk…, which opens the box
    with the site's database."""
    window = console.window
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert titles[-1] == "Help"
    window.about_action.trigger()
    boxes = window.findChildren(AboutDialog)
    assert len(boxes) == 1 and boxes[0].isVisible()
    labels = " ".join(label.text() for label in boxes[0].findChildren(QLabel))
    assert database_location(console.config.database_url) in labels
    window.about_action.trigger()  # again: the open box comes to the front, no second one
    assert window.findChildren(AboutDialog) == boxes
    boxes[0].close()
