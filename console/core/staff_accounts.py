"""Staff accounts as the services and the console see them (no password hash).

The rules for usernames and passwords live here so the console can check a form before
it asks the engine, and the engine checks again whatever the caller did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from console.core.staff import Role

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # argon2 takes any length; a megabyte "password" is an attack
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


@dataclass(frozen=True, slots=True)
class StaffAccount:
    """A person who logs in at the desk, their roles and the state of their login.

    ``locked_until`` is set while too many failed logins keep the account locked (it
    may lie in the past: the lock is over). Accounts are disabled (``active`` False),
    never deleted: the audit log names them.
    """

    id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    active: bool
    must_change_password: bool
    created_at: datetime
    last_login_at: datetime | None
    locked_until: datetime | None

    def locked_at(self, now: datetime) -> bool:
        """True while a lock-out holds at ``now``."""
        return self.locked_until is not None and self.locked_until > now

    @property
    def is_admin(self) -> bool:
        """True when the account holds the admin role."""
        return Role.ADMIN in self.roles


class StaffInputError(ValueError):
    """A username, name, password or set of roles that cannot be used; says why."""


class AccountNotFound(LookupError):
    """No staff account has this id or username."""

    def __init__(self, which: object) -> None:
        super().__init__(f"there is no staff account {which}: reload the list of accounts")


class UsernameTaken(StaffInputError):
    """Another account already has this username (compared without case)."""


class LastAdmin(StaffInputError):
    """The change would leave the site without an enabled admin account."""


class FirstAdminExists(StaffInputError):
    """Accounts exist already: the first admin is made only on an empty site."""


class WrongPassword(StaffInputError):
    """The current password given to change it is not the account's password."""


def username_key(username: str) -> str:
    """The form usernames are compared in: "Anna" and "anna " are one account."""
    return username.strip().lower()


def check_username(username: str) -> str:
    """``username`` trimmed, or StaffInputError saying what is wrong with it."""
    name = username.strip()
    if not name:
        raise StaffInputError("give a username")
    if not USERNAME_PATTERN.fullmatch(name):
        raise StaffInputError(
            f"the username '{name[:70]}' cannot be used: use up to 64 letters, digits, "
            "dots, dashes, underscores or @, starting with a letter or digit"
        )
    return name


def check_display_name(display_name: str, username: str) -> str:
    """The name shown for the person (the username when none is given)."""
    name = " ".join(display_name.split())
    if len(name) > 128:
        raise StaffInputError("the name is too long: use at most 128 characters")
    return name or username


def check_password(password: str) -> str:
    """``password`` unchanged, or StaffInputError when it is too short or too long."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffInputError(
            f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters "
            "(a few words together are easy to remember)"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise StaffInputError(
            f"the password is too long: use at most {MAX_PASSWORD_LENGTH} characters"
        )
    if not password.strip():
        raise StaffInputError("the password cannot be only spaces")
    return password


def check_roles(roles: frozenset[Role]) -> frozenset[Role]:
    """``roles``, or StaffInputError when there is none."""
    if not roles:
        raise StaffInputError(
            "give the account at least one role (viewer sees everything and changes nothing)"
        )
    return roles


MAX_IDLE_LOCK_MINUTES = 24 * 60


@dataclass(frozen=True, slots=True)
class SecuritySettings:
    """The site's security settings an admin changes.

    ``idle_lock_minutes``: the console locks after this long without a key or a click.
    ``cli_requires_login``: the command line asks for a staff login instead of acting
    as the operating-system account. ``plain_port_enabled``: the ``ws://`` port (security
    profiles 0 and 1) is open beside ``wss://``; read at start. ``api_plain_local``: the
    API also answers plain HTTP on 127.0.0.1 (for scripts on this PC); read at start.
    """

    idle_lock_minutes: int = 10
    cli_requires_login: bool = False
    plain_port_enabled: bool = True
    api_plain_local: bool = False

    def checked(self) -> SecuritySettings:
        """These settings, or StaffInputError saying which value cannot be used."""
        if not 1 <= self.idle_lock_minutes <= MAX_IDLE_LOCK_MINUTES:
            raise StaffInputError(
                f"the idle lock must be 1 to {MAX_IDLE_LOCK_MINUTES} minutes "
                f"(not {self.idle_lock_minutes})"
            )
        return self
