"""The actions on the selected connector, enabled only when they make sense.

The same QActions serve the button row and the context menu, so both always agree on
what is possible and why not.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from console.core.enums import Approval, ConnectorStatus
from console.core.site import ChargerState
from console.core.staff import Permission
from console.ui.actions import StaffActions
from console.ui.overview.format import relative_time, translate
from console.ui.role_controls import gate
from console.ui.theme import status_text

_STARTABLE = {ConnectorStatus.AVAILABLE, ConnectorStatus.PREPARING, ConnectorStatus.FINISHING}


@dataclass(frozen=True, slots=True)
class ActionPlan:
    """Whether an action can be used now, its label, and why (tooltip)."""

    enabled: bool
    text: str
    reason: str


def plan_actions(charger: ChargerState | None, connector_id: int) -> dict[str, ActionPlan]:
    """What each action on a connector may do now; the reason is shown when it may not."""
    tr = translate
    connector = charger.connectors.get(connector_id) if charger else None
    whole = charger.connectors.get(0) if charger else None
    status = connector.status if connector else None
    running = connector is not None and connector.transaction_id is not None
    conn_unavailable = status is ConnectorStatus.UNAVAILABLE
    charger_unavailable = whole is not None and whole.status is ConnectorStatus.UNAVAILABLE
    texts = {
        "start": tr("Start session…"),
        "visitor": tr("Start for visitor…"),
        "stop": tr("Stop session"),
        "unlock": tr("Unlock"),
        "connector_available": tr("Make connector available")
        if conn_unavailable
        else tr("Make connector unavailable"),
        "charger_available": tr("Make charger available")
        if charger_unavailable
        else tr("Make charger unavailable"),
        "soft_reset": tr("Soft reset"),
        "hard_reset": tr("Hard reset"),
    }
    blocked = _blocked(charger)
    if blocked:
        return {name: ActionPlan(False, text, blocked) for name, text in texts.items()}
    no_connector = tr("This charger has reported no connectors yet")
    why: dict[str, str] = {
        "start": "",
        "stop": "" if running else tr("No session is running on this connector"),
        "unlock": "" if connector_id else no_connector,
        "connector_available": "" if connector_id else no_connector,
        "charger_available": "",
        "soft_reset": "",
        "hard_reset": "",
    }
    if not connector_id:
        why["start"] = no_connector
    elif running:
        why["start"] = tr("A session is already running on this connector")
    elif status is not None and status not in _STARTABLE:
        why["start"] = tr("The connector is %1").replace("%1", _status_word(status))
    why["visitor"] = why["start"]
    helps = {
        "start": tr(
            "Ask the charger to start a session for a card; the message says when it "
            "started, or why not"
        ),
        "visitor": tr("Start a session for a driver without a card, billed as a visitor"),
        "stop": tr("Ask the charger to end the session (asks first, naming whose it is)"),
        "unlock": tr("Release the cable of this connector"),
        "connector_available": tr("Let this connector take sessions again")
        if conn_unavailable
        else tr("Take this connector out of use"),
        "charger_available": tr("Let the whole charger take sessions again")
        if charger_unavailable
        else tr("Take the whole charger out of use"),
        "soft_reset": tr("Restart the charger after ending its sessions (asks first)"),
        "hard_reset": tr("Restart the charger at once, cutting power (asks first)"),
    }
    return {
        name: ActionPlan(not why[name], text, why[name] or helps[name])
        for name, text in texts.items()
    }


def _blocked(charger: ChargerState | None) -> str:
    tr = translate
    if charger is None:
        return tr("Select a connector in the table first")
    if charger.approval is Approval.PENDING:
        return tr("%1 is waiting for approval").replace("%1", charger.charger_id)
    if charger.approval is Approval.REJECTED:
        return tr("%1 was rejected").replace("%1", charger.charger_id)
    if not charger.online:
        return (
            tr("%1 is offline (last seen %2): commands cannot reach it")
            .replace("%1", charger.charger_id)
            .replace("%2", relative_time(charger.last_seen))
        )
    return ""


def _status_word(status: ConnectorStatus) -> str:
    return status_text(status).lower()


#: What each action needs the person at the desk to be allowed to do.
PERMISSIONS = {
    "start": Permission.SESSIONS,
    "visitor": Permission.VISITORS,
    "stop": Permission.SESSIONS,
    "unlock": Permission.CHARGER_COMMANDS,
    "connector_available": Permission.CHARGER_COMMANDS,
    "charger_available": Permission.CHARGER_COMMANDS,
    "soft_reset": Permission.CHARGER_COMMANDS,
    "hard_reset": Permission.CHARGER_COMMANDS,
}


class ConnectorActions(QObject):
    """QActions for the selected connector, wired to ``StaffActions``."""

    NAMES = (
        "start",
        "visitor",
        "stop",
        "unlock",
        "connector_available",
        "charger_available",
        "soft_reset",
        "hard_reset",
    )

    def __init__(self, staff: StaffActions, parent: QWidget) -> None:
        super().__init__(parent)
        self.staff = staff
        self.charger: ChargerState | None = None
        self.connector_id = 0
        self.actions: dict[str, QAction] = {}
        for name in self.NAMES:
            action = QAction(parent)
            action.triggered.connect(lambda _=False, n=name: self._on_triggered(n))
            self.actions[name] = action
        self.select(None, 0)

    def select(self, charger: ChargerState | None, connector_id: int) -> None:
        """Point the actions at a connector (None: nothing selected) and refresh them."""
        self.charger = charger
        self.connector_id = connector_id
        for name, plan in plan_actions(charger, connector_id).items():
            action = self.actions[name]
            action.setText(plan.text)
            action.setToolTip(plan.reason)
            action.setStatusTip(plan.reason)
            gate(self.staff.client, action, PERMISSIONS[name], plan.enabled)

    def menu(self, parent: QWidget) -> QMenu:
        """A context menu with the same actions; disabled ones say why in a tooltip."""
        menu = QMenu(parent)
        menu.setToolTipsVisible(True)
        for group in (
            ("start", "visitor", "stop", "unlock"),
            ("connector_available", "charger_available"),
        ):
            for name in group:
                menu.addAction(self.actions[name])
            menu.addSeparator()
        menu.addAction(self.actions["soft_reset"])
        menu.addAction(self.actions["hard_reset"])
        return menu

    def _on_triggered(self, name: str) -> None:
        charger = self.charger
        if charger is None:
            return
        cid, connector_id = charger.charger_id, self.connector_id
        connector = charger.connectors.get(connector_id)
        staff = self.staff
        if name == "start":
            staff.tasks.start(staff.start_session(cid, connector_id))
        elif name == "visitor":
            staff.tasks.start(staff.start_visitor(cid, connector_id))
        elif name == "stop" and connector is not None and connector.transaction_id is not None:
            staff.tasks.start(staff.stop_session(cid, connector_id, connector.transaction_id))
        elif name == "unlock":
            staff.tasks.start(staff.unlock(cid, connector_id))
        elif name == "connector_available":
            unavailable = connector is not None and connector.status is ConnectorStatus.UNAVAILABLE
            staff.tasks.start(staff.set_available(cid, connector_id, unavailable))
        elif name == "charger_available":
            whole = charger.connectors.get(0)
            unavailable = whole is not None and whole.status is ConnectorStatus.UNAVAILABLE
            staff.tasks.start(staff.set_available(cid, 0, unavailable))
        elif name in ("soft_reset", "hard_reset"):
            staff.tasks.start(staff.reset(cid, hard=name == "hard_reset"))
