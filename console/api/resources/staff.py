"""Staff accounts and the site's security settings: what the console's Staff pages do
(list, add, roles, disable and enable, reset a password, unlock), changing one's own
password, and the security settings (idle lock, command-line login, plain ports)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from console.api.models import ApiModel
from console.api.problems import not_found, register
from console.api.routing import ApiCall, ApiRouter
from console.core.clock import utcnow
from console.core.staff import Permission, Role
from console.core.staff_accounts import (
    MAX_IDLE_LOCK_MINUTES,
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    LastAdmin,
    SecuritySettings,
    StaffAccount,
    UsernameTaken,
)

router = ApiRouter(
    "staff",
    "Staff accounts and their roles, passwords and lock-outs; the site's security settings",
)

# Both are StaffInputError (422) for the console; for a script they are a conflict with
# the site's state, not a malformed input.
register(UsernameTaken, 409, "Conflict", "username-taken")
register(LastAdmin, 409, "Not possible now", "last-admin")

_ROLES_TEXT = "viewer (sees everything, changes nothing), desk, technician, admin"


class StaffAccountOut(ApiModel):
    """A staff account (never its password or its hash)."""

    id: int
    username: str
    display_name: str = Field(description="The person's name as shown")
    roles: list[Role] = Field(description="What the account may do, in a fixed order")
    active: bool = Field(description="False: disabled, it cannot log in (it is never deleted)")
    locked: bool = Field(description="True while failed logins keep it locked")
    locked_until: datetime | None = Field(
        None, description="The end of the current or last lock-out (UTC)"
    )
    must_change_password: bool = Field(
        description="True after an admin reset the password, until the person changes it"
    )
    created_at: datetime
    last_login_at: datetime | None = None


class StaffCreateBody(ApiModel):
    """A new staff account."""

    username: str = Field(
        min_length=1,
        max_length=64,
        description="Letters, digits, dots, dashes, underscores or @; unique without case",
    )
    display_name: str = Field(
        "", max_length=128, description="The person's name as shown (default: the username)"
    )
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)
    roles: list[Role] = Field(min_length=1, max_length=4, description=_ROLES_TEXT)
    must_change_password: bool = Field(
        False, description="true: the person must choose their own password at the first login"
    )


class StaffRolesBody(ApiModel):
    """The roles an account holds from now on (and only these)."""

    roles: list[Role] = Field(min_length=1, max_length=4, description=_ROLES_TEXT)


class StaffPasswordBody(ApiModel):
    """A new password an admin gives; the person changes it at their next login."""

    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)


class OwnPasswordBody(ApiModel):
    """The logged-in person's current password and their new one."""

    current_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    new_password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)


class SecuritySettingsOut(ApiModel):
    """The site's security settings."""

    idle_lock_minutes: int = Field(
        description="The console locks after this long without a key or a click"
    )
    cli_requires_login: bool = Field(
        description="The command line asks for a staff login instead of acting as the "
        "operating-system account"
    )
    plain_port_enabled: bool = Field(
        description="The plain ws:// port for chargers (profiles 0 and 1) is open; read at start"
    )
    api_plain_local: bool = Field(
        description="The API also answers plain HTTP on 127.0.0.1 (scripts on this PC); "
        "read at start"
    )


class SecuritySettingsBody(ApiModel):
    """Every security setting (PUT replaces them all: read them first with GET)."""

    idle_lock_minutes: int = Field(
        ge=1, le=MAX_IDLE_LOCK_MINUTES, description="Minutes without input before the console locks"
    )
    cli_requires_login: bool
    plain_port_enabled: bool
    api_plain_local: bool


def staff_account_out(account: StaffAccount, now: datetime | None = None) -> StaffAccountOut:
    """The API form of a staff account; ``locked`` as of ``now``."""
    order = list(Role)
    return StaffAccountOut(
        id=account.id,
        username=account.username,
        display_name=account.display_name,
        roles=sorted(account.roles, key=order.index),
        active=account.active,
        locked=account.locked_at(now or utcnow()),
        locked_until=account.locked_until,
        must_change_password=account.must_change_password,
        created_at=account.created_at,
        last_login_at=account.last_login_at,
    )


def settings_out(settings: SecuritySettings) -> SecuritySettingsOut:
    """The API form of the security settings."""
    return SecuritySettingsOut(
        idle_lock_minutes=settings.idle_lock_minutes,
        cli_requires_login=settings.cli_requires_login,
        plain_port_enabled=settings.plain_port_enabled,
        api_plain_local=settings.api_plain_local,
    )


async def _account_id(call: ApiCall) -> int:
    """The path's staff id, 404 when no account has it (before any change is tried)."""
    staff_id: int = call.path["staff_id"]
    if await call.engine.staff.account(staff_id) is None:
        raise not_found(f"staff account {staff_id}")
    return staff_id


@router.get("/api/staff", summary="Staff accounts, by username", response=list[StaffAccountOut])
async def list_staff_accounts(call: ApiCall) -> list[StaffAccountOut]:
    """Every account, disabled ones included (accounts are never deleted: the audit log
    names them). Open to every role, like the console's Staff page and
    `chargedesk staff list`."""
    now = utcnow()
    return [staff_account_out(a, now) for a in await call.engine.staff.accounts()]


@router.get(
    "/api/staff/{staff_id:int}",
    summary="One staff account",
    response=StaffAccountOut,
    errors=(404,),
)
async def get_staff_account(call: ApiCall) -> StaffAccountOut:
    """The account with this id."""
    staff_id: int = call.path["staff_id"]
    account = await call.engine.staff.account(staff_id)
    if account is None:
        raise not_found(f"staff account {staff_id}")
    return staff_account_out(account)


@router.post(
    "/api/staff",
    summary="Add a staff account",
    needs=Permission.STAFF,
    body=StaffCreateBody,
    response=StaffAccountOut,
    status=201,
    errors=(403, 409, 422),
)
async def add_staff_account(call: ApiCall) -> StaffAccountOut:
    """Adds an account with these roles (admin role needed). A username in use, even by
    a disabled account, is a 409: enable that account instead. The password is checked
    like at the console (at least 10 characters) and stored only as an argon2 hash; the
    audit entry never holds it."""
    body: StaffCreateBody = call.body
    account = await call.engine.staff.add_account(
        body.username,
        body.display_name,
        body.password,
        frozenset(body.roles),
        actor=call.actor,
        must_change_password=body.must_change_password,
    )
    return staff_account_out(account)


@router.put(
    "/api/staff/{staff_id:int}/roles",
    summary="Give a staff account these roles",
    needs=Permission.STAFF,
    body=StaffRolesBody,
    response=StaffAccountOut,
    errors=(403, 404, 409, 422),
)
async def set_staff_roles(call: ApiCall) -> StaffAccountOut:
    """The account holds exactly these roles from now on; its open API logins end (it
    logs in again with what it now may do). The last enabled admin keeps the admin role
    (409)."""
    staff_id = await _account_id(call)
    roles = frozenset(call.body.roles)
    account = await call.engine.staff.set_roles(staff_id, roles, actor=call.actor)
    return staff_account_out(account)


async def _set_active(call: ApiCall, active: bool) -> StaffAccountOut:
    staff_id = await _account_id(call)
    account = await call.engine.staff.set_active(staff_id, active, actor=call.actor)
    return staff_account_out(account)


@router.post(
    "/api/staff/{staff_id:int}/disable",
    summary="Disable a staff account",
    needs=Permission.STAFF,
    response=StaffAccountOut,
    errors=(403, 404, 409),
)
async def disable_staff_account(call: ApiCall) -> StaffAccountOut:
    """The account can no longer log in and its open API logins end; nothing is deleted
    (enable it again to undo). The last enabled admin cannot be disabled (409). API
    tokens are separate: revoke a script's token yourself."""
    return await _set_active(call, False)


@router.post(
    "/api/staff/{staff_id:int}/enable",
    summary="Enable a disabled staff account",
    needs=Permission.STAFF,
    response=StaffAccountOut,
    errors=(403, 404),
)
async def enable_staff_account(call: ApiCall) -> StaffAccountOut:
    """The account can log in again with its roles and password."""
    return await _set_active(call, True)


@router.post(
    "/api/staff/{staff_id:int}/password",
    summary="Reset a staff account's password",
    needs=Permission.STAFF,
    body=StaffPasswordBody,
    response=StaffAccountOut,
    errors=(403, 404, 422),
)
async def reset_staff_password(call: ApiCall) -> StaffAccountOut:
    """Gives the account this password, to be changed at its next login
    (`must_change_password` becomes true); it also ends a lock-out. The password is not
    echoed and not in the audit log."""
    staff_id = await _account_id(call)
    password: str = call.body.password
    account = await call.engine.staff.reset_password(staff_id, password, actor=call.actor)
    return staff_account_out(account)


@router.post(
    "/api/staff/{staff_id:int}/unlock",
    summary="End a staff account's lock-out",
    needs=Permission.STAFF,
    response=StaffAccountOut,
    errors=(403, 404),
)
async def unlock_staff_account(call: ApiCall) -> StaffAccountOut:
    """Five failed logins lock an account for a while; this ends the lock now."""
    staff_id = await _account_id(call)
    account = await call.engine.staff.unlock(staff_id, actor=call.actor)
    return staff_account_out(account)


@router.post(
    "/api/me/password",
    summary="Change my own password",
    body=OwnPasswordBody,
    response=StaffAccountOut,
    errors=(422,),
)
async def change_my_password(call: ApiCall) -> StaffAccountOut:
    """For a staff login (no role needed). A wrong current password is a 422; so is a
    call with an API token (a token has no password: revoke it and make another). The
    change ends this account's API logins, this one too: log in again with the new
    password."""
    body: OwnPasswordBody = call.body
    account = await call.engine.staff.change_own_password(
        call.actor, body.current_password, body.new_password
    )
    return staff_account_out(account)


@router.get(
    "/api/security-settings",
    summary="The site's security settings",
    response=SecuritySettingsOut,
)
async def get_security_settings(call: ApiCall) -> SecuritySettingsOut:
    """The idle lock, whether the command line needs a staff login, and the plain ports
    (`plain_port_enabled` for chargers, `api_plain_local` for this API)."""
    return settings_out(await call.engine.staff.settings())


@router.put(
    "/api/security-settings",
    summary="Change the site's security settings",
    needs=Permission.SECURITY_SETTINGS,
    body=SecuritySettingsBody,
    response=SecuritySettingsOut,
    errors=(403, 422),
)
async def save_security_settings(call: ApiCall) -> SecuritySettingsOut:
    """Replaces every setting (send them all; GET them first). Audited with the values
    before and after. `plain_port_enabled` and `api_plain_local` take effect at the
    engine's next start: a running engine keeps its ports as they are."""
    body: SecuritySettingsBody = call.body
    wanted = SecuritySettings(
        idle_lock_minutes=body.idle_lock_minutes,
        cli_requires_login=body.cli_requires_login,
        plain_port_enabled=body.plain_port_enabled,
        api_plain_local=body.api_plain_local,
    )
    return settings_out(await call.engine.staff.save_settings(wanted, actor=call.actor))
