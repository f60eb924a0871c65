"""Role-aware controls: a button a person's roles do not allow is disabled and says why.

The services refuse anyway (``PermissionDenied``); greying out saves the person a click
that can only fail, and the tooltip names the role to ask an admin for. ``allow`` is
re-evaluated whenever the person at the desk changes (``EngineClient.actor_changed``).
"""

from __future__ import annotations

import contextlib
import weakref
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from console.core.i18n import tr_noop
from console.core.staff import ROLE_FOR, Actor, Permission, PermissionDenied, Role
from console.ui.engine_client import EngineClient

_ROLE_WORDS = {
    Role.VIEWER: tr_noop("Roles", "viewer"),
    Role.DESK: tr_noop("Roles", "desk"),
    Role.TECHNICIAN: tr_noop("Roles", "technician"),
    Role.ADMIN: tr_noop("Roles", "admin"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Roles", text)


def role_name(role: Role) -> str:
    """A role as shown to people: "desk", "technician"."""
    return _tr(_ROLE_WORDS[role])


def roles_words(roles: frozenset[Role] | set[Role]) -> str:
    """Roles in their fixed order, "desk, admin"; "viewer" when there are no others
    (viewing is what every role may do, so it is named only when it is all)."""
    shown = [role_name(role) for role in Role if role in roles and role is not Role.VIEWER]
    return ", ".join(shown) if shown else role_name(Role.VIEWER)


def needs_role_text(permission: Permission) -> str:
    """The tooltip of a control the person may not use: "Needs the desk role"."""
    role = ROLE_FOR.get(permission, Role.ADMIN)
    return _tr("Needs the %1 role: ask an admin").replace("%1", role_name(role))


def refusal_text(error: PermissionDenied) -> str:
    """A refusal from a service in words for the message bar."""
    return (
        _tr("%1 may not do this: it needs the %2 role. Ask an admin, or switch user.")
        .replace("%1", error.actor.name)
        .replace("%2", role_name(error.role))
    )


class _Gate(QObject):
    """Keeps one control's enabled state and tooltip in step with the actor's roles."""

    def __init__(self, target: QWidget | QAction, permission: Permission) -> None:
        super().__init__(target)
        self._target: weakref.ref[Any] = weakref.ref(target)
        self.permission = permission
        self.own_tooltip = target.toolTip()

    def apply(self, actor: Actor) -> None:
        """Enable the control for an actor who may use it; otherwise disable and explain."""
        target = self._target()
        if target is None:
            return
        allowed = actor.may(self.permission)
        target.setEnabled(allowed)
        target.setToolTip(self.own_tooltip if allowed else needs_role_text(self.permission))


def allow(client: EngineClient, target: QWidget | QAction, permission: Permission) -> None:
    """Let ``target`` be used only by people whose roles grant ``permission``.

    For a control that is also enabled by other rules (a row selected), call
    ``permitted(client, permission)`` in that rule instead.
    """
    gate = _Gate(target, permission)
    gate.apply(client.actor)
    client.actor_changed.changed.connect(gate.apply)

    def forget(_: object = None) -> None:
        # The control is gone; the client lives on and must not call into it.
        with contextlib.suppress(RuntimeError, TypeError):
            client.actor_changed.changed.disconnect(gate.apply)

    target.destroyed.connect(forget)


def permitted(client: EngineClient, permission: Permission) -> bool:
    """True when the person at the desk may do ``permission``."""
    return client.actor.may(permission)
