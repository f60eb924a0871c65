"""Staff, their roles and what each role may do; who did something (the actor).

Permissions are checked by the services, never only by hiding buttons: the console, the
command line and the API all call the same service operation with an ``Actor`` and the
operation refuses with ``PermissionDenied`` before it changes anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """A role a staff account can hold; a person may hold several."""

    VIEWER = "viewer"  # sees everything, changes nothing
    DESK = "desk"  # sessions for people, cards, visitors, payments, receipts
    TECHNICIAN = "technician"  # charger commands, configuration, firmware, approvals
    ADMIN = "admin"  # tariffs, site details, staff accounts, voids, security settings


class Permission(StrEnum):
    """One kind of change; each service operation that changes something needs one."""

    SESSIONS = "sessions"  # start, stop and end sessions for people
    CARDS = "cards"  # cards and people: register, edit, block, import
    VISITORS = "visitors"  # visitor sessions and their quotes
    PAYMENTS = "payments"  # record payments
    RECEIPTS = "receipts"  # issue receipts, review readings before billing
    ALARMS = "alarms"  # acknowledge alarms, add notes
    CHARGER_COMMANDS = "charger_commands"  # reset, unlock, availability, triggers, local lists
    RAW_CALLS = "raw_calls"  # hand-written OCPP calls
    CONFIGURATION = "configuration"  # ChangeConfiguration, snapshots, baselines
    FIRMWARE = "firmware"  # firmware updates, diagnostics, logs
    APPROVALS = "approvals"  # add, accept, reject, retire chargers; unlock lockouts
    CHARGER_SECURITY = "charger_security"  # passwords, certificates, profile upgrades
    TARIFFS = "tariffs"  # tariffs and group prices
    SITE = "site"  # site details
    STAFF = "staff"  # staff accounts and their roles and passwords
    VOID_RECEIPTS = "void_receipts"  # void and reissue receipts
    SECURITY_SETTINGS = "security_settings"  # profile downgrades, plain port, CA, login rules
    AUDIT = "audit"  # read and export the audit log


_DESK = frozenset(
    {
        Permission.SESSIONS,
        Permission.CARDS,
        Permission.VISITORS,
        Permission.PAYMENTS,
        Permission.RECEIPTS,
        Permission.ALARMS,
    }
)
_TECHNICIAN = frozenset(
    {
        Permission.SESSIONS,  # a technician ends a stuck session while fixing a charger
        Permission.ALARMS,
        Permission.CHARGER_COMMANDS,
        Permission.RAW_CALLS,
        Permission.CONFIGURATION,
        Permission.FIRMWARE,
        Permission.APPROVALS,
        Permission.CHARGER_SECURITY,
    }
)
_ADMIN = frozenset(
    {
        Permission.TARIFFS,
        Permission.SITE,
        Permission.STAFF,
        Permission.VOID_RECEIPTS,
        Permission.SECURITY_SETTINGS,
        Permission.AUDIT,
    }
)

#: What each role may do. An admin is not automatically a desk clerk or a technician:
#: the first admin account gets all four roles, later ones get what they are given.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset(),
    Role.DESK: _DESK,
    Role.TECHNICIAN: _TECHNICIAN,
    Role.ADMIN: _ADMIN,
}

#: The role a person needs for a permission, named in refusals ("needs the desk role").
ROLE_FOR: dict[Permission, Role] = {
    permission: role
    for role in (Role.ADMIN, Role.TECHNICIAN, Role.DESK)
    for permission in ROLE_PERMISSIONS[role]
}


class Origin(StrEnum):
    """Where a change was made from."""

    CONSOLE = "console"
    CLI = "command line"
    API = "api"
    ENGINE = "engine"  # ChargeDesk itself (reconciles, timeouts): not a person


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asks for a change, with their roles, and from where.

    ``staff_id`` is the staff account's id; None for the operating-system account of the
    command line and for the engine itself. ``place`` says where: the host name, the
    desk, the API client's address.
    """

    name: str
    roles: frozenset[Role]
    origin: Origin
    staff_id: int | None = None
    place: str = ""
    permissions: frozenset[Permission] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        granted: set[Permission] = set()
        for role in self.roles:
            granted |= ROLE_PERMISSIONS[role]
        object.__setattr__(self, "permissions", frozenset(granted))

    def may(self, permission: Permission) -> bool:
        """True when one of the actor's roles grants ``permission``."""
        return self.origin is Origin.ENGINE or permission in self.permissions

    @property
    def is_person(self) -> bool:
        """False for ChargeDesk's own automatic changes."""
        return self.origin is not Origin.ENGINE


class PermissionDenied(PermissionError):
    """The actor's roles do not allow the operation; nothing was changed."""

    def __init__(self, actor: Actor, permission: Permission) -> None:
        role = ROLE_FOR.get(permission, Role.ADMIN)
        super().__init__(f"{actor.name} may not do this: it needs the {role.value} role")
        self.actor = actor
        self.permission = permission
        self.role = role


def require(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDenied unless ``actor`` may do ``permission``."""
    if not actor.may(permission):
        raise PermissionDenied(actor, permission)


def roles_from_text(text: str | Iterable[str]) -> frozenset[Role]:
    """Roles from "desk,technician" (or a list of names); unknown names raise ValueError."""
    names = text.split(",") if isinstance(text, str) else list(text)
    return frozenset(Role(name.strip().lower()) for name in names if name.strip())


def roles_text(roles: Iterable[Role]) -> str:
    """Roles as stored and shown: "admin,desk" in a fixed order."""
    order = list(Role)
    return ",".join(role.value for role in sorted(set(roles), key=order.index))


#: ChargeDesk's own changes (reconciles, stale sessions ended by the watchdog).
ENGINE_ACTOR = Actor("ChargeDesk", frozenset(), Origin.ENGINE)
