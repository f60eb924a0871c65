"""The console's change buttons follow the roles of the person at the desk.

A viewer sees every change disabled, each saying which role it needs; a desk clerk gets
the desk's buttons back and not the technician's. One console per test, switched between
people by setting the client's actor (as a login or a switch of user does).
"""

from __future__ import annotations

from typing import TypeVar

import qasync
from conftest import log_in, run, simulator, wait_until
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from console.core.enums import ConnectorStatus
from console.core.staff import Permission
from console.ui.alarms.page import AlarmsPage
from console.ui.console_app import Console
from console.ui.staff.roles import needs_role_text
from console.ui.technician.commands import CommandsPage
from console.ui.technician.configuration import ConfigurationPage
from console.ui.technician.connections import ConnectionsPage
from console.ui.technician.security import SecurityPage
from console.ui.technician.transfers import TransfersPage
from tests.actors import DESK, TECHNICIAN, VIEWER

T = TypeVar("T")


def _refused(control: QWidget | QAction, permission: Permission) -> bool:
    """Disabled, and its tooltip names the role it needs."""
    return not control.isEnabled() and control.toolTip() == needs_role_text(permission)


def _available(console: Console, charger_id: str, connector_id: int) -> bool:
    charger = console.mirror.chargers.get(charger_id)
    connector = charger.connectors.get(connector_id) if charger else None
    return connector is not None and connector.status is ConnectorStatus.AVAILABLE


def test_a_viewer_sees_the_overview_and_cards_buttons_disabled(
    staffed_console: Console, qloop: qasync.QEventLoop
) -> None:
    console = staffed_console
    log_in(qloop, console, "vera")
    window = console.window
    cards = window.cards
    for button in (cards.register_button, cards.import_button, cards.people.add_button):
        assert _refused(button, Permission.CARDS), button.text()
    overview = window.overview
    charger = simulator(console, "ROLE-1")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: _available(console, "ROLE-1", 1))
        await wait_until(lambda: overview.proxy.rowCount() > 0)
        await wait_until(lambda: overview.select("ROLE-1", 1))
        await wait_until(lambda: overview.selected_key() == ("ROLE-1", 1))

    try:
        run(qloop, scenario(), timeout=20)
        actions = overview.row_actions.actions
        assert not actions["start"].isEnabled()
        assert needs_role_text(Permission.SESSIONS) in actions["start"].toolTip()
        assert _refused(actions["unlock"], Permission.CHARGER_COMMANDS)
        console.client.actor = DESK
        assert actions["start"].isEnabled()
        assert _refused(actions["unlock"], Permission.CHARGER_COMMANDS)
        assert cards.register_button.isEnabled() and cards.people.add_button.isEnabled()
        console.client.actor = VIEWER
        assert not actions["start"].isEnabled()
    finally:
        run(qloop, charger.stop())


def _page(console: Console, kind: type[T]) -> T:
    pages = console.window.technician.pages
    found = [pages.widget(i) for i in range(pages.count())]
    return next(page for page in found if isinstance(page, kind))


def test_each_tab_offers_a_person_only_what_their_roles_allow(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    window = console.window
    commands = _page(console, CommandsPage)
    configuration = _page(console, ConfigurationPage)
    security = _page(console, SecurityPage)
    desk_controls: list[tuple[QWidget | QAction, Permission]] = [
        (window.sessions.end_button, Permission.SESSIONS),
        (window.sessions.review_button, Permission.RECEIPTS),
        (window.sessions.cost_bar.issue_button, Permission.RECEIPTS),
        (window.billing.pay_button, Permission.PAYMENTS),
        (window.cards.register_button, Permission.CARDS),
        (window.cards.edit_button, Permission.CARDS),
        (window.cards.refused.register_button, Permission.CARDS),
        (_page(console, AlarmsPage).acknowledge_all_button, Permission.ALARMS),
        (window.alarm_banner.acknowledge_button, Permission.ALARMS),
    ]
    others: list[tuple[QWidget | QAction, Permission]] = [
        (window.billing.void_button, Permission.VOID_RECEIPTS),
        (window.billing.tariffs.add_button, Permission.TARIFFS),
        (window.billing.tariffs.edit_button, Permission.TARIFFS),
        (window.billing.site_panel.edit_button, Permission.SITE),
        (commands.soft_reset_button, Permission.CHARGER_COMMANDS),
        (commands.raw_button, Permission.RAW_CALLS),
        (commands.data_button, Permission.CHARGER_COMMANDS),
        (commands.local_list.sync_button, Permission.CHARGER_COMMANDS),
        (configuration.apply_button, Permission.CONFIGURATION),
        (configuration.snapshots.save_button, Permission.CONFIGURATION),
        (configuration.snapshots.apply_button, Permission.CONFIGURATION),
        (_page(console, TransfersPage).firmware_button, Permission.FIRMWARE),
        (_page(console, ConnectionsPage).register_button, Permission.APPROVALS),
        (_page(console, ConnectionsPage).password_button, Permission.CHARGER_SECURITY),
        (security.install_button, Permission.CHARGER_SECURITY),
        (security.up_button, Permission.CHARGER_SECURITY),
        (security.site_ca.renew_button, Permission.SECURITY_SETTINGS),
        (window.overview.row_actions.actions["hard_reset"], Permission.CHARGER_COMMANDS),
        (window.detail.soft_reset_button, Permission.CHARGER_COMMANDS),
    ]
    console.client.actor = VIEWER
    for control, permission in desk_controls + others:
        assert _refused(control, permission), control.text()
    assert window.cards.export_button.isEnabled()  # looking and exporting stay open

    console.client.actor = DESK
    for control, permission in desk_controls:
        # Allowed now: the control's own tooltip is back (enabled once a row is chosen).
        assert control.toolTip() != needs_role_text(permission), control.text()
    assert window.cards.register_button.isEnabled()
    for control, permission in others:
        assert _refused(control, permission), control.text()

    console.client.actor = TECHNICIAN
    assert _refused(window.cards.register_button, Permission.CARDS)
    assert commands.raw_button.toolTip() != needs_role_text(Permission.RAW_CALLS)
    assert configuration.snapshots.save_button.isEnabled()
    assert _refused(window.billing.tariffs.add_button, Permission.TARIFFS)
