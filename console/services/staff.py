"""Staff accounts: the first admin, logins, accounts and roles, passwords, settings.

Every change checks the actor's permission before anything happens, runs in one writer
transaction together with its audit entry, and is announced with StaffChanged (or
SecuritySettingsChanged). Password hashing (argon2, deliberately slow) runs in a worker
thread, never on the engine loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from console.core.clock import utcnow
from console.core.events import EventBus, SecuritySettingsChanged, StaffChanged
from console.core.staff import (
    ENGINE_ACTOR,
    Actor,
    Origin,
    Permission,
    Role,
    require,
    roles_text,
)
from console.core.staff_accounts import (
    AccountNotFound,
    FirstAdminExists,
    LastAdmin,
    SecuritySettings,
    StaffAccount,
    StaffInputError,
    UsernameTaken,
    WrongPassword,
    check_display_name,
    check_password,
    check_roles,
    check_username,
)
from console.services.staff_login import Clock, LoginGate, LoginRefused, Sleep, actor_of
from console.services.staff_passwords import check_staff_password, hash_staff_password
from console.services.staff_settings import (
    read_security_settings,
    settings_dict,
    write_security_settings,
)
from console.storage import audit
from console.storage import staff as staff_repo
from console.storage.writer import StorageWriter

__all__ = [
    "DEMO_ACCOUNTS",
    "AccountNotFound",
    "FirstAdminExists",
    "LastAdmin",
    "LoginRefused",
    "SecuritySettings",
    "StaffInputError",
    "StaffService",
    "UsernameTaken",
    "WrongPassword",
]

#: The demo site's accounts: (username, password, roles). Shown on screen with --demo.
DEMO_ACCOUNTS: tuple[tuple[str, str, frozenset[Role]], ...] = (
    ("admin", "admin-password", frozenset(Role)),
    ("desk", "desk-password", frozenset({Role.DESK})),
    ("tech", "tech-password", frozenset({Role.TECHNICIAN})),
    ("viewer", "viewer-password", frozenset({Role.VIEWER})),
)


def _account_dict(account: StaffAccount) -> dict[str, Any]:
    return {
        "username": account.username,
        "display_name": account.display_name,
        "roles": roles_text(account.roles),
        "active": account.active,
        "must_change_password": account.must_change_password,
    }


class StaffService:
    """Staff accounts and their logins, roles and passwords; the security settings."""

    def __init__(
        self,
        writer: StorageWriter,
        bus: EventBus,
        *,
        clock: Clock = utcnow,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._writer = writer
        self._bus = bus
        self._clock = clock
        self._gate = LoginGate(writer, bus, clock, sleep)

    # -- reading -------------------------------------------------------------------

    async def needs_first_admin(self) -> bool:
        """True while no staff account exists (the console then asks for the first admin)."""
        return await self._writer.submit(lambda c: staff_repo.count_accounts(c) == 0)

    async def accounts(self) -> list[StaffAccount]:
        """Every account, disabled ones included, by username."""
        return await self._writer.submit(staff_repo.list_accounts)

    async def account(self, staff_id: int) -> StaffAccount | None:
        """One account (its display name, whether it must change its password), or None."""
        return await self._writer.submit(lambda c: staff_repo.get_account(c, staff_id))

    async def settings(self) -> SecuritySettings:
        """The site's security settings."""
        return await self._writer.submit(read_security_settings)

    # -- logging in ----------------------------------------------------------------

    async def login(self, username: str, password: str, *, origin: Origin, place: str) -> Actor:
        """The actor of the account, or LoginRefused with words for the person.

        Failed logins are answered after a growing wait and lock the account after five
        (staff_login.py); every login and failed login is in the audit log.
        """
        return await self._gate.login(username, password, origin=origin, place=place)

    async def create_first_admin(
        self,
        username: str,
        display_name: str,
        password: str,
        *,
        place: str,
        origin: Origin = Origin.CONSOLE,
    ) -> Actor:
        """Create the site's first account, with every role, and log it in.

        Only while no account exists (FirstAdminExists otherwise): it is how a new site
        gets its admin without anyone to authorize it.
        """
        name = check_username(username)
        shown = check_display_name(display_name, name)
        hashed = await asyncio.to_thread(hash_staff_password, check_password(password))
        now = self._clock()

        def store(connection: Connection) -> Actor:
            if staff_repo.count_accounts(connection):
                raise FirstAdminExists(
                    "staff accounts exist already: log in as an admin to add accounts"
                )
            account = staff_repo.add_account(connection, name, shown, hashed, frozenset(Role), now)
            staff_repo.record_login(connection, account.id, now)
            actor = actor_of(account, origin, place)
            audit.append(connection, actor, "staff.first_admin", name, None, _account_dict(account))
            return actor

        actor = await self._writer.submit(store)
        assert actor.staff_id is not None
        self._bus.publish(StaffChanged(actor.staff_id, name, "staff.first_admin"))
        return actor

    async def ensure_demo_accounts(self) -> list[tuple[str, str, frozenset[Role]]]:
        """Create the demo accounts on a site without accounts; the ones created.

        For ``--demo`` only: the passwords are known to everyone (DEMO_ACCOUNTS).
        """
        hashes = [
            await asyncio.to_thread(hash_staff_password, password)
            for _name, password, _roles in DEMO_ACCOUNTS
        ]
        now = self._clock()

        def store(connection: Connection) -> list[StaffAccount]:
            if staff_repo.count_accounts(connection):
                return []
            made = []
            for (name, _password, roles), hashed in zip(DEMO_ACCOUNTS, hashes, strict=True):
                account = staff_repo.add_account(connection, name, name.title(), hashed, roles, now)
                audit.append(
                    connection, ENGINE_ACTOR, "staff.add", name, None, _account_dict(account)
                )
                made.append(account)
            return made

        made = await self._writer.submit(store)
        for account in made:
            self._bus.publish(StaffChanged(account.id, account.username, "staff.add"))
        names = {account.username for account in made}
        return [entry for entry in DEMO_ACCOUNTS if entry[0] in names]

    # -- accounts ------------------------------------------------------------------

    async def add_account(
        self,
        username: str,
        display_name: str,
        password: str,
        roles: frozenset[Role],
        *,
        actor: Actor,
        must_change_password: bool = False,
    ) -> StaffAccount:
        """Add an account (UsernameTaken when the username is in use, even disabled)."""
        require(actor, Permission.STAFF)
        name = check_username(username)
        shown = check_display_name(display_name, name)
        check_roles(frozenset(roles))
        hashed = await asyncio.to_thread(hash_staff_password, check_password(password))
        now = self._clock()

        def store(connection: Connection) -> StaffAccount:
            existing = staff_repo.find_account(connection, name)
            if existing is not None:
                state = "" if existing.active else " (disabled: enable it instead)"
                raise UsernameTaken(
                    f"the username '{existing.username}' is taken{state}: choose another"
                )
            account = staff_repo.add_account(
                connection,
                name,
                shown,
                hashed,
                frozenset(roles),
                now,
                must_change_password=must_change_password,
            )
            audit.append(connection, actor, "staff.add", name, None, _account_dict(account))
            return account

        account = await self._writer.submit(store)
        self._bus.publish(StaffChanged(account.id, account.username, "staff.add"))
        return account

    async def _change(
        self,
        staff_id: int,
        action: str,
        actor: Actor,
        change: Callable[[Connection, StaffAccount], StaffAccount | None],
        describe: Callable[[StaffAccount], dict[str, Any]],
    ) -> StaffAccount:
        """One change of one account with its audit entry, in one transaction."""

        def store(connection: Connection) -> StaffAccount:
            before = staff_repo.get_account(connection, staff_id)
            if before is None:
                raise AccountNotFound(staff_id)
            after = change(connection, before)
            assert after is not None
            audit.append(
                connection, actor, action, before.username, describe(before), describe(after)
            )
            return after

        account = await self._writer.submit(store)
        self._bus.publish(StaffChanged(account.id, account.username, action))
        return account

    async def set_roles(
        self, staff_id: int, roles: frozenset[Role], *, actor: Actor
    ) -> StaffAccount:
        """Give an account these roles; the last enabled admin keeps the admin role."""
        require(actor, Permission.STAFF)
        wanted = check_roles(frozenset(roles))

        def change(connection: Connection, before: StaffAccount) -> StaffAccount | None:
            if before.active and before.is_admin and Role.ADMIN not in wanted:
                _keep_an_admin(connection, before)
            return staff_repo.set_roles(connection, staff_id, wanted)

        return await self._change(
            staff_id, "staff.roles", actor, change, lambda a: {"roles": roles_text(a.roles)}
        )

    async def set_active(self, staff_id: int, active: bool, *, actor: Actor) -> StaffAccount:
        """Enable or disable an account; the last enabled admin cannot be disabled."""
        require(actor, Permission.STAFF)

        def change(connection: Connection, before: StaffAccount) -> StaffAccount | None:
            if before.active and before.is_admin and not active:
                _keep_an_admin(connection, before)
            return staff_repo.set_active(connection, staff_id, active)

        action = "staff.enable" if active else "staff.disable"
        return await self._change(staff_id, action, actor, change, lambda a: {"active": a.active})

    async def reset_password(
        self, staff_id: int, new_password: str, *, actor: Actor
    ) -> StaffAccount:
        """Give an account a new password, to be changed at its next login; ends a lock."""
        require(actor, Permission.STAFF)
        hashed = await asyncio.to_thread(hash_staff_password, check_password(new_password))
        now = self._clock()

        def change(connection: Connection, _before: StaffAccount) -> StaffAccount | None:
            return staff_repo.set_password(connection, staff_id, hashed, now, must_change=True)

        return await self._change(staff_id, "staff.password_reset", actor, change, _password_state)

    async def change_own_password(self, actor: Actor, old: str, new: str) -> StaffAccount:
        """The logged-in person changes their own password (no STAFF permission needed)."""
        if actor.staff_id is None:
            raise StaffInputError(
                f"{actor.name} is not a staff account: its password is not kept by ChargeDesk"
            )
        staff_id = actor.staff_id
        check_password(new)
        if new == old:
            raise StaffInputError("choose a new password that differs from the current one")
        stored = await self._writer.submit(lambda c: staff_repo.password_hash_of(c, staff_id))
        if stored is None:
            raise AccountNotFound(actor.name)
        if not await asyncio.to_thread(check_staff_password, old, stored):
            raise WrongPassword("the current password is wrong: type it again")
        hashed = await asyncio.to_thread(hash_staff_password, new)
        now = self._clock()

        def change(connection: Connection, _before: StaffAccount) -> StaffAccount | None:
            return staff_repo.set_password(connection, staff_id, hashed, now, must_change=False)

        return await self._change(
            staff_id, "staff.password_changed", actor, change, _password_state
        )

    async def unlock(self, staff_id: int, *, actor: Actor) -> StaffAccount:
        """End an account's lock-out after failed logins."""
        require(actor, Permission.STAFF)

        def change(connection: Connection, _before: StaffAccount) -> StaffAccount | None:
            return staff_repo.unlock(connection, staff_id)

        return await self._change(staff_id, "staff.unlock", actor, change, _lock_state)

    # -- settings ------------------------------------------------------------------

    async def save_settings(self, settings: SecuritySettings, *, actor: Actor) -> SecuritySettings:
        """Store the security settings (checked first), audited with before and after."""
        require(actor, Permission.SECURITY_SETTINGS)
        wanted = settings.checked()

        def store(connection: Connection) -> SecuritySettings:
            before = read_security_settings(connection)
            write_security_settings(connection, wanted)
            audit.append(
                connection,
                actor,
                "security.settings",
                "site",
                settings_dict(before),
                settings_dict(wanted),
            )
            return wanted

        saved = await self._writer.submit(store)
        self._bus.publish(SecuritySettingsChanged(saved))
        return saved


def _keep_an_admin(connection: Connection, account: StaffAccount) -> None:
    if staff_repo.active_admin_ids(connection) <= {account.id}:
        raise LastAdmin(
            f"{account.username} is the last enabled admin: give another account the admin "
            "role first, or the site cannot manage its staff any more"
        )


def _password_state(account: StaffAccount) -> dict[str, Any]:
    # Never the hash: the audit log is exported and read by people.
    return {"must_change_password": account.must_change_password}


def _lock_state(account: StaffAccount) -> dict[str, Any]:
    locked: datetime | None = account.locked_until
    return {"locked_until": locked}
