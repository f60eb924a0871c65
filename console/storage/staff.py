"""Repository of staff accounts: plain dataclasses out, the password hash kept apart.

``StaffAccount`` never carries the hash; ``login_state`` hands it (and the failed-login
counters) to the staff service, the only place that checks passwords.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from console.core.staff import Role, roles_from_text, roles_text
from console.core.staff_accounts import StaffAccount, username_key
from console.storage.rows import utc_or_none
from console.storage.tables import table_of
from console.storage.tables_security import StaffRow

staff = table_of(StaffRow)


@dataclass(frozen=True, slots=True)
class LoginState:
    """What a login needs about an account: who, the hash, and the failures so far."""

    account: StaffAccount
    password_hash: str
    failed_logins: int
    last_failed_at: datetime | None


def _account(row: Any) -> StaffAccount:
    return StaffAccount(
        id=int(row.id),
        username=row.username,
        display_name=row.display_name,
        roles=roles_from_text(row.roles),
        active=bool(row.active),
        must_change_password=bool(row.must_change_password),
        created_at=utc_or_none(row.created_at),  # type: ignore[arg-type]
        last_login_at=utc_or_none(row.last_login_at),
        locked_until=utc_or_none(row.locked_until),
    )


def count_accounts(connection: Connection) -> int:
    """How many accounts exist, disabled ones included."""
    return int(connection.execute(select(func.count()).select_from(staff)).scalar_one())


def list_accounts(connection: Connection) -> list[StaffAccount]:
    """Every account, by username."""
    query = select(staff).order_by(staff.c.username_key)
    return [_account(row) for row in connection.execute(query)]


def get_account(connection: Connection, staff_id: int) -> StaffAccount | None:
    """The account with ``staff_id``, or None."""
    row = connection.execute(select(staff).where(staff.c.id == staff_id)).first()
    return None if row is None else _account(row)


def find_account(connection: Connection, username: str) -> StaffAccount | None:
    """The account called ``username`` (compared without case), or None."""
    row = connection.execute(select(staff).where(staff.c.username_key == username_key(username)))
    first = row.first()
    return None if first is None else _account(first)


def login_state(connection: Connection, username: str) -> LoginState | None:
    """The account ``username`` with its password hash and failure counters, or None."""
    row = connection.execute(
        select(staff).where(staff.c.username_key == username_key(username))
    ).first()
    if row is None:
        return None
    return LoginState(
        _account(row), row.password_hash, int(row.failed_logins), utc_or_none(row.last_failed_at)
    )


def password_hash_of(connection: Connection, staff_id: int) -> str | None:
    """The stored password hash of an account, or None when there is no such account."""
    return connection.execute(
        select(staff.c.password_hash).where(staff.c.id == staff_id)
    ).scalar_one_or_none()


def add_account(
    connection: Connection,
    username: str,
    display_name: str,
    password_hash: str,
    roles: frozenset[Role],
    now: datetime,
    *,
    must_change_password: bool = False,
) -> StaffAccount:
    """Store a new account and return it (IntegrityError when the username is taken)."""
    result = connection.execute(
        insert(staff).values(
            username=username,
            username_key=username_key(username),
            display_name=display_name,
            password_hash=password_hash,
            roles=roles_text(roles),
            active=True,
            must_change_password=must_change_password,
            created_at=now,
            password_changed_at=now,
            failed_logins=0,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    account = get_account(connection, int(key[0]))
    assert account is not None
    return account


def _change(connection: Connection, staff_id: int, **values: Any) -> StaffAccount | None:
    connection.execute(update(staff).where(staff.c.id == staff_id).values(**values))
    return get_account(connection, staff_id)


def set_roles(connection: Connection, staff_id: int, roles: frozenset[Role]) -> StaffAccount | None:
    """Give an account these roles; None when there is no such account."""
    return _change(connection, staff_id, roles=roles_text(roles))


def set_active(connection: Connection, staff_id: int, active: bool) -> StaffAccount | None:
    """Enable or disable an account; None when there is no such account."""
    return _change(connection, staff_id, active=active)


def set_password(
    connection: Connection,
    staff_id: int,
    password_hash: str,
    now: datetime,
    *,
    must_change: bool,
) -> StaffAccount | None:
    """Store a new password hash; a new password also ends a lock-out."""
    return _change(
        connection,
        staff_id,
        password_hash=password_hash,
        password_changed_at=now,
        must_change_password=must_change,
        failed_logins=0,
        last_failed_at=None,
        locked_until=None,
    )


def rehash(connection: Connection, staff_id: int, password_hash: str) -> None:
    """Replace the hash of the same password (stronger hashing parameters)."""
    connection.execute(
        update(staff).where(staff.c.id == staff_id).values(password_hash=password_hash)
    )


def record_login(connection: Connection, staff_id: int, now: datetime) -> StaffAccount | None:
    """A good login: the failures are forgotten."""
    return _change(connection, staff_id, last_login_at=now, failed_logins=0, last_failed_at=None)


def record_failure(
    connection: Connection,
    staff_id: int,
    failures: int,
    now: datetime,
    locked_until: datetime | None,
) -> StaffAccount | None:
    """A failed login: the count within the window, and the lock when it was reached."""
    values: dict[str, Any] = {"failed_logins": failures, "last_failed_at": now}
    if locked_until is not None:
        values["locked_until"] = locked_until
    return _change(connection, staff_id, **values)


def unlock(connection: Connection, staff_id: int) -> StaffAccount | None:
    """End a lock-out and forget the failed logins."""
    return _change(connection, staff_id, failed_logins=0, last_failed_at=None, locked_until=None)


def active_admin_ids(connection: Connection) -> set[int]:
    """The ids of the enabled accounts that hold the admin role."""
    rows = connection.execute(select(staff.c.id, staff.c.roles).where(staff.c.active.is_(True)))
    return {int(row.id) for row in rows if Role.ADMIN in roles_from_text(row.roles)}
