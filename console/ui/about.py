"""Help → About ChargeDesk: the version facts of ``--version`` and the licence notices."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.licences import ComponentLicence, component_licences, licence_texts
from console.log_files import log_folder
from console.version_info import VersionInfo, version_info

CONTEXT = "About"
HELP_MENU_NAME = "helpMenu"  # found by this name when another part added the menu first


def tr(text: str) -> str:
    """Translate a text of the About box."""
    return QCoreApplication.translate(CONTEXT, text)


class LicenceTextsDialog(QDialog):
    """Every bundled component's licence files, as plain text to read or copy."""

    def __init__(self, components: list[ComponentLicence], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Licence texts"))
        self.resize(760, 600)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText(licence_texts(components))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


class AboutDialog(QDialog):
    """ChargeDesk's version, where its data and logs are, and its components' licences."""

    COMPONENT, VERSION, LICENCE = range(3)

    def __init__(
        self,
        info: VersionInfo,
        components: list[ComponentLicence],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.info = info
        self.components = components
        self.setWindowTitle(self.tr("About ChargeDesk"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addLayout(self._facts())
        layout.addWidget(QLabel(self.tr("Components and their licences:")))
        self.table = self._component_table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons())
        self.texts_dialog: LicenceTextsDialog | None = None

    def _heading(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel()
        app_icon = QApplication.windowIcon()
        if not app_icon.isNull():
            icon.setPixmap(app_icon.pixmap(64, 64))
        row.addWidget(icon)
        title = QLabel(self.tr("ChargeDesk {version}").format(version=self.info.chargedesk))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(QLabel(self.tr("Operations console and OCPP central system")))
        row.addLayout(text, 1)
        return row

    def _facts(self) -> QFormLayout:
        form = QFormLayout()
        unknown = self.tr("not installed")
        rows = (
            (self.tr("Python:"), self.info.python),
            (self.tr("Qt:"), self.info.qt or unknown),
            (self.tr("PySide6:"), self.info.pyside or unknown),
            (self.tr("OCPP:"), ", ".join(self.info.ocpp)),
            (self.tr("Database:"), self.info.database),
            (self.tr("Log folder:"), self.info.log_folder),
        )
        for label, value in rows:
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
        return form

    def _component_table(self) -> QTableWidget:
        # A fixed list read once when the box opens (not live data: no model needed).
        table = QTableWidget(len(self.components), 3)
        table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        for row, component in enumerate(self.components):
            for column, value in enumerate((component.name, component.version, component.licence)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(row, column, item)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        header = table.horizontalHeader()
        header.setSectionResizeMode(self.COMPONENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.VERSION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.LICENCE, QHeaderView.ResizeMode.Stretch)
        return table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.texts_button = QPushButton(self.tr("Show licence texts…"))
        self.texts_button.clicked.connect(self.show_licence_texts)
        self.copy_button = QPushButton(self.tr("Copy version details"))
        self.copy_button.setToolTip(self.tr("For a support request: the lines of --version"))
        self.copy_button.clicked.connect(self.copy_details)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(self.texts_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    def show_licence_texts(self) -> None:
        """Open the licence texts beside the About box."""
        if self.texts_dialog is None:
            self.texts_dialog = LicenceTextsDialog(self.components, self)
        self.texts_dialog.show()
        self.texts_dialog.raise_()

    def copy_details(self) -> None:
        """Put the ``--version`` lines on the clipboard (English: they go to support)."""
        QGuiApplication.clipboard().setText("\n".join(self.info.lines()))


def window_version_info(window: QMainWindow) -> VersionInfo:
    """The facts for the console's window: its site's database and this desk's logs."""
    # Where the status bar says the data is (an attached console's: the site's).
    database = str(getattr(window, "database_place", ""))
    return version_info(database, log_folder(), qt=qVersion())


def show_about(window: QMainWindow) -> AboutDialog:
    """Open the About box (modeless: the console keeps running behind it); the one
    already open is brought to the front instead of a second one."""
    for open_box in window.findChildren(AboutDialog):
        if open_box.isVisible():
            open_box.raise_()
            open_box.activateWindow()
            return open_box
    dialog = AboutDialog(window_version_info(window), component_licences(), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def add_help_menu(window: QMainWindow) -> QAction:
    """Add Help → About ChargeDesk… (making the Help menu when there is none yet)."""
    menu = window.menuBar().findChild(QMenu, HELP_MENU_NAME)
    if menu is None:
        menu = window.menuBar().addMenu(tr("&Help"))
        menu.setObjectName(HELP_MENU_NAME)
    action = QAction(tr("&About ChargeDesk…"), window)
    action.setMenuRole(QAction.MenuRole.AboutRole)  # macOS puts it in the application menu
    action.triggered.connect(lambda: show_about(window))
    menu.addAction(action)
    return action
