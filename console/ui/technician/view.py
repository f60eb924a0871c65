"""The Technician tab: one page per tool, all showing the one charger chosen.

The choice is the console's shared ``ChargerSelection``: picked on any page (or in the
Charger tab), every page follows it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from console.ui.alarms.page import AlarmsPage
from console.ui.engine_client import EngineClient
from console.ui.site_mirror import SiteMirror
from console.ui.technician.charger_choice import shared_selection
from console.ui.technician.commands import CommandsPage
from console.ui.technician.configuration import ConfigurationPage
from console.ui.technician.connections import ConnectionsPage
from console.ui.technician.messages import MessageLogPage
from console.ui.technician.security import SecurityPage
from console.ui.technician.transfers import TransfersPage


class TechnicianView(QWidget):
    """Tools for finding out on site why a charger misbehaves."""

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.pages = QTabWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        # In the order a technician works through them: what is wrong, can it connect,
        # what did it say, how is it set up, what can be done, what does it log.
        self.add_page(AlarmsPage(client, mirror), self.tr("Alarms"))
        connections = ConnectionsPage(client, mirror)
        self.add_page(connections, self.tr("Connections"))
        self.add_page(MessageLogPage(client, mirror), self.tr("Messages"))
        self.add_page(ConfigurationPage(client, mirror), self.tr("Configuration"))
        self.add_page(CommandsPage(client, mirror), self.tr("Commands"))
        self.add_page(TransfersPage(client, mirror), self.tr("Diagnostics && firmware"))
        security = SecurityPage(client, mirror)
        security.connectionsWanted.connect(lambda: self.pages.setCurrentWidget(connections))
        self.add_page(security, self.tr("Security"))
        self.selection = shared_selection(mirror)
        self.selection.chosen.connect(self._on_chosen)

    @property
    def charger_id(self) -> str | None:
        """The charger every page shows."""
        return self.selection.charger_id

    def add_page(self, page: QWidget, title: str) -> None:
        """Add a tool's page."""
        self.pages.addTab(page, title)

    def show_charger(self, charger_id: str) -> None:
        """Point every page that follows a charger at ``charger_id``."""
        if self.selection.charger_id != charger_id:
            self.selection.choose(charger_id)  # _on_chosen runs from the signal
        else:
            self._on_chosen(charger_id)

    def _on_chosen(self, charger_id: str) -> None:
        # Pages with a picker follow the shared choice themselves; calling them again
        # changes nothing. The others (alarms) are told here. Not the transfers page:
        # its ticks choose the chargers a firmware update goes to, and a charger picked
        # on another page must never silently change them.
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            show = getattr(page, "show_charger", None)
            if callable(show) and not isinstance(page, TransfersPage):
                show(charger_id)
