"""Controls with their own enable rule (a row selected) that also follow the actor's roles.

``console.ui.staff.roles.allow`` owns a control's enabled state outright; a control that
is also enabled by the selection or a charger being online needs both rules at once:
``gate(client, button, Permission.X, own_rule)`` wherever the view computed
``setEnabled(own_rule)``, and ``when_actor_changes(client, view, refresh)`` so the view
re-runs that computation after a login or a switch of user.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from console.core.staff import Permission
from console.ui.engine_client import EngineClient
from console.ui.staff.roles import needs_role_text, permitted

# The control's own tooltip, kept while the role tooltip replaces it.
_OWN_TIP = "roleGateOwnToolTip"


def gate(
    client: EngineClient,
    control: QWidget | QAction,
    permission: Permission,
    own_rule: bool = True,
) -> bool:
    """Enable ``control`` when its own rule holds and the person may do ``permission``.

    A control refused for lack of a role says which role it needs in its tooltip; its
    own tooltip comes back once the person may use it. Returns the enabled state.
    """
    allowed = permitted(client, permission)
    needs = needs_role_text(permission)
    current = control.toolTip()
    if current != needs:
        # The view may have set a new tooltip of its own since the last call (Block and
        # Unblock say different things): that is the one to restore.
        control.setProperty(_OWN_TIP, current)
    own_tip = control.property(_OWN_TIP)
    control.setToolTip(str(own_tip or "") if allowed else needs)
    enabled = own_rule and allowed
    control.setEnabled(enabled)
    return enabled


def when_actor_changes(client: EngineClient, owner: QWidget, refresh: Callable[[], Any]) -> None:
    """Call ``refresh`` whenever the person at the desk changes, while ``owner`` lives."""

    def on_change(_actor: object) -> None:
        refresh()

    client.actor_changed.changed.connect(on_change)

    def forget(_: object = None) -> None:
        # The view is gone; the client lives on and must not call into it.
        with contextlib.suppress(RuntimeError, TypeError):
            client.actor_changed.changed.disconnect(on_change)

    owner.destroyed.connect(forget)
