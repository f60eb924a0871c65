"""The console's main window: overview, charger detail, sessions and cards, and the status bar."""

from __future__ import annotations

import time

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

from console.services.connections import listener_urls
from console.services.queries import database_location
from console.ui.about import add_help_menu
from console.ui.alarms.banner import AlarmBanner, show_alarms_page
from console.ui.billing.view import BillingView
from console.ui.cards.view import CardsView
from console.ui.detail.view import ChargerDetailView
from console.ui.engine_client import EngineClient
from console.ui.keyboard import tab_leaves_everywhere
from console.ui.overview.view import OverviewView
from console.ui.reports.view import ReportsView
from console.ui.sessions.view import SessionsView
from console.ui.site_mirror import SiteMirror
from console.ui.staff.admin_view import AdminView
from console.ui.staff.desk import StaffDesk
from console.ui.technician.view import TechnicianView

STALE_AFTER = 2.0  # seconds without an update before the status bar says so
DATA_WIDTH = 260  # pixels at most for the database location in the status bar


class MainWindow(QMainWindow):
    """Tabs for the main views; remembers its size, layout and last view."""

    def __init__(self, client: EngineClient, mirror: SiteMirror, demo: bool = False) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        title = self.tr("ChargeDesk")
        self.setWindowTitle(title + (self.tr(" — demo") if demo else ""))
        self.setMinimumSize(1000, 640)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.overview = OverviewView(client, mirror)
        self.detail = ChargerDetailView(client, mirror)
        self.sessions = SessionsView(client, mirror)
        self.cards = CardsView(client, mirror)
        self.billing = BillingView(client, mirror)
        self.reports = ReportsView(client)
        self.technician = TechnicianView(client, mirror)
        self.admin = AdminView(client)
        self.tabs.addTab(self.overview, self.tr("&Overview"))
        self.tabs.addTab(self.detail, self.tr("&Charger"))
        self.tabs.addTab(self.sessions, self.tr("&Sessions"))
        self.tabs.addTab(self.cards, self.tr("C&ards"))
        self.tabs.addTab(self.billing, self.tr("&Billing"))
        self.tabs.addTab(self.reports, self.tr("&Reports"))
        self.tabs.addTab(self.technician, self.tr("&Technician"))
        self.tabs.addTab(self.admin, self.tr("A&dmin"))
        # The alarm banner sits in the tab row, seen whatever view is open; an alarm
        # coming or going moves nothing below it.
        self.alarm_banner = AlarmBanner(client, mirror)
        self.alarm_banner.showRequested.connect(
            lambda: show_alarms_page(self.tabs, self.technician)
        )
        self.tabs.setCornerWidget(self.alarm_banner, Qt.Corner.TopRightCorner)
        self.setCentralWidget(self.tabs)
        tab_leaves_everywhere(self)  # views built lazily call tab_leaves themselves
        self.overview.chargerActivated.connect(self._on_charger_activated)
        self.sessions.chargerActivated.connect(self._on_charger_activated)

        for index in range(self.tabs.count()):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.tabs.setCurrentIndex(i))

        self._build_status_bar()
        # Login at start, lock and switch user: the tabs go into a stack with the lock screen.
        self.desk = StaffDesk(self, client, demo)
        self.about_action = add_help_menu(self)  # after the Desk menu: Help comes last
        self.admin.accounts.settings_box.saved.connect(self.desk.apply_settings)
        self._freshness = QTimer(self)
        self._freshness.timeout.connect(self._on_freshness_tick)
        self._freshness.start(1000)
        mirror.chargersChanged.connect(self._on_chargers_changed)
        self._restore_settings()

    def _build_status_bar(self) -> None:
        config = self.client.engine.config
        engine = self.client.engine
        urls = listener_urls(config.host, engine.plain_port, engine.tls_port)
        # One address fits the bar (ws:// unless it is off); every one is in the tooltip.
        shown = urls[0] if urls else ""
        if engine.plain_port is not None and engine.tls_port is not None:
            shown += self.tr(" · wss:// on port %1").replace("%1", str(engine.tls_port))
        self.address_label = QLabel(self.tr("Chargers connect to: ") + shown)
        self.address_label.setToolTip("\n".join(urls))
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.connected_label = QLabel()
        # An attached console's data is the site's, not the file beside it.
        self.database_place = (  # the About box says it too
            getattr(engine, "remote_database", None) or database_location(config.database_url)
        )
        # The chargers' address matters more on a narrow bar: a long path is cut in its
        # middle (whole in the tooltip) rather than the address at its end.
        data = self.tr("Data: ") + self.database_place
        self.database_label = QLabel(
            self.fontMetrics().elidedText(data, Qt.TextElideMode.ElideMiddle, DATA_WIDTH)
        )
        self.database_label.setToolTip(data)
        # Shown only while updates are late, left of the figures: it takes its room from
        # the address, and the figures beside it stay put when it comes and goes.
        self.freshness_label = QLabel()
        self.freshness_label.hide()
        bar = self.statusBar()
        bar.addWidget(self.address_label, 1)
        bar.addPermanentWidget(self.freshness_label)
        bar.addPermanentWidget(self.connected_label)
        bar.addPermanentWidget(self.database_label)
        self._on_chargers_changed([], True)

    def _on_chargers_changed(self, _ids: list[str], _full: bool) -> None:
        total = len(self.mirror.chargers)
        self.connected_label.setText(
            self.tr("%n charger(s) connected", "", self.mirror.online) + f" / {total}"
        )

    def _on_freshness_tick(self) -> None:
        age = time.time() - self.mirror.last_update
        stale = self.mirror.last_update and age > STALE_AFTER
        text = self.tr("⚠ no update for %1 s").replace("%1", f"{age:.0f}") if stale else ""
        self.freshness_label.setText(text)
        self.freshness_label.setVisible(bool(text))

    def _on_charger_activated(self, charger_id: str) -> None:
        self.detail.show_charger(charger_id)
        self.tabs.setCurrentWidget(self.detail)

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.tabs.setCurrentIndex(int(str(settings.value("window/tab", 0))))
        charger = settings.value("window/charger")
        if charger:
            self.detail.show_charger(str(charger))

    def save_settings(self) -> None:
        """Remember size, layout and the view in use for the next start."""
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/tab", self.tabs.currentIndex())
        if self.detail.charger_id:
            settings.setValue("window/charger", self.detail.charger_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the settings; the application then stops the engine."""
        self.save_settings()
        super().closeEvent(event)
