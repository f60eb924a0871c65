"""The staff service on a real SQLite file: first admin, logins and lock-outs, roles,
passwords, settings, and every change audited in its own transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from actors import DESK, VIEWER
from argon2 import PasswordHasher
from sqlalchemy import select, update
from staff_fixtures import *  # noqa: F403
from staff_fixtures import FakeClock, Sleeps

from console.core.events import Event, SecuritySettingsChanged, StaffChanged
from console.core.staff import Actor, Origin, Permission, PermissionDenied, Role
from console.core.staff_accounts import SecuritySettings, StaffInputError
from console.services.staff import (
    DEMO_ACCOUNTS,
    FirstAdminExists,
    LastAdmin,
    LoginRefused,
    StaffService,
    UsernameTaken,
    WrongPassword,
)
from console.services.staff_login import DISABLED_WORDS, WRONG_WORDS
from console.services.staff_roles import PERMISSION_WORDS, roles_table
from console.storage import audit
from console.storage import staff as staff_repo
from console.storage.writer import StorageWriter

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

PASSWORD = "correct horse battery"


async def _actions(writer: StorageWriter) -> list[str]:
    entries = await writer.submit(lambda c: audit.entries(c, newest_first=False, limit=None))
    return [entry.action for entry in entries]


async def _admin(staff: StaffService) -> Actor:
    return await staff.create_first_admin("anna", "Anna Berg", PASSWORD, place="desk 1")


async def _login(staff: StaffService, username: str, password: str) -> Actor:
    return await staff.login(username, password, origin=Origin.CONSOLE, place="desk 1")


async def test_first_admin_gets_every_role_once(
    staff: StaffService, writer: StorageWriter, events: list[Event]
) -> None:
    assert await staff.needs_first_admin()
    admin = await _admin(staff)
    assert admin.roles == frozenset(Role) and admin.name == "anna" and admin.staff_id
    assert not await staff.needs_first_admin()
    with pytest.raises(FirstAdminExists):
        await staff.create_first_admin("other", "", PASSWORD, place="desk 2")
    assert [a.username for a in await staff.accounts()] == ["anna"]
    assert await _actions(writer) == ["staff.first_admin"]
    assert StaffChanged(admin.staff_id, "anna", "staff.first_admin") in events


async def test_login_good_returns_the_person_and_is_audited(
    staff: StaffService, writer: StorageWriter, sleeps: Sleeps
) -> None:
    admin = await _admin(staff)
    desk = await staff.add_account("Bo", "Bo Lind", PASSWORD, frozenset({Role.DESK}), actor=admin)
    actor = await _login(staff, "BO ", PASSWORD)  # usernames compare without case
    assert actor == Actor("Bo", frozenset({Role.DESK}), Origin.CONSOLE, desk.id, "desk 1")
    account = await staff.account(desk.id)
    assert account is not None and account.last_login_at is not None
    assert (await _actions(writer))[-1] == "staff.login"
    assert sleeps.delays == []


async def test_failed_logins_slow_down_then_lock_for_15_minutes(
    staff: StaffService, writer: StorageWriter, sleeps: Sleeps, clock: FakeClock
) -> None:
    admin = await _admin(staff)
    for _ in range(4):
        with pytest.raises(LoginRefused) as refused:
            await _login(staff, "anna", "wrong password!")
        assert refused.value.words == WRONG_WORDS
    with pytest.raises(LoginRefused) as fifth:
        await _login(staff, "anna", "wrong password!")
    assert "locked for 15 more minutes" in fifth.value.words
    assert sleeps.delays == [0.5, 1.0, 2.0, 4.0, 8.0]
    # Locked: even the right password is refused, at once.
    with pytest.raises(LoginRefused) as locked:
        await _login(staff, "anna", PASSWORD)
    assert "locked" in locked.value.words and locked.value.delay == 0.0
    actions = await _actions(writer)
    assert actions.count("staff.login_failed") == 6 and actions.count("staff.locked") == 1
    clock.advance(minutes=15, seconds=1)
    assert (await _login(staff, "anna", PASSWORD)).staff_id == admin.staff_id


async def test_failures_further_apart_than_15_minutes_do_not_add_up(
    staff: StaffService, sleeps: Sleeps, clock: FakeClock
) -> None:
    await _admin(staff)
    for _ in range(6):
        with pytest.raises(LoginRefused) as refused:
            await _login(staff, "anna", "wrong password!")
        assert refused.value.words == WRONG_WORDS
        clock.advance(minutes=16)
    assert sleeps.delays == [0.5] * 6


async def test_an_unknown_user_reads_like_a_wrong_password(
    staff: StaffService, writer: StorageWriter, sleeps: Sleeps
) -> None:
    await _admin(staff)
    with pytest.raises(LoginRefused) as unknown:
        await _login(staff, "nobody", PASSWORD)
    with pytest.raises(LoginRefused) as wrong:
        await _login(staff, "anna", "wrong password!")
    assert unknown.value.words == wrong.value.words == WRONG_WORDS
    for _ in range(4):
        with pytest.raises(LoginRefused) as refused:
            await _login(staff, "nobody", PASSWORD)
    assert "locked" in refused.value.words  # unknown names "lock" like real ones
    assert sleeps.delays == [0.5, 0.5, 1.0, 2.0, 4.0, 8.0]
    entries = await writer.submit(lambda c: audit.entries(c, audit.AuditFilter(target="nobody")))
    assert entries and all(entry.action == "staff.login_failed" for entry in entries)
    assert entries[-1].actor == "nobody" and entries[-1].after["reason"] == "no such account"


async def test_a_disabled_account_cannot_log_in(staff: StaffService, sleeps: Sleeps) -> None:
    admin = await _admin(staff)
    bo = await staff.add_account("bo", "", PASSWORD, frozenset({Role.DESK}), actor=admin)
    await staff.set_active(bo.id, False, actor=admin)
    with pytest.raises(LoginRefused) as right_password:
        await _login(staff, "bo", PASSWORD)
    assert right_password.value.words == DISABLED_WORDS
    with pytest.raises(LoginRefused) as wrong_password:
        await _login(staff, "bo", "wrong password!")
    assert wrong_password.value.words == WRONG_WORDS  # tells nothing without the password
    await staff.set_active(bo.id, True, actor=admin)
    assert (await _login(staff, "bo", PASSWORD)).staff_id == bo.id


async def test_the_last_enabled_admin_is_protected(
    staff: StaffService, writer: StorageWriter
) -> None:
    admin = await _admin(staff)
    assert admin.staff_id is not None
    before = await _actions(writer)
    with pytest.raises(LastAdmin):
        await staff.set_roles(admin.staff_id, frozenset({Role.DESK}), actor=admin)
    with pytest.raises(LastAdmin):
        await staff.set_active(admin.staff_id, False, actor=admin)
    assert await _actions(writer) == before  # refused: nothing changed, nothing audited
    second = await staff.add_account("cleo", "", PASSWORD, frozenset({Role.ADMIN}), actor=admin)
    changed = await staff.set_roles(admin.staff_id, frozenset({Role.DESK}), actor=admin)
    assert changed.roles == frozenset({Role.DESK})
    with pytest.raises(LastAdmin):
        await staff.set_active(second.id, False, actor=admin)
    entry = (await writer.submit(lambda c: audit.entries(c, limit=1)))[0]
    assert entry.action == "staff.roles" and entry.target == "anna"
    assert entry.before == {"roles": "viewer,desk,technician,admin"}
    assert entry.after == {"roles": "desk"}


@pytest.mark.parametrize("actor", [DESK, VIEWER], ids=["desk", "viewer"])
async def test_only_admins_change_accounts(
    staff: StaffService, writer: StorageWriter, actor: Actor
) -> None:
    admin = await _admin(staff)
    assert admin.staff_id is not None
    before = await _actions(writer)
    roles = frozenset({Role.DESK})
    with pytest.raises(PermissionDenied, match="admin role"):
        await staff.add_account("eve", "", PASSWORD, roles, actor=actor)
    with pytest.raises(PermissionDenied):
        await staff.set_roles(admin.staff_id, roles, actor=actor)
    with pytest.raises(PermissionDenied):
        await staff.set_active(admin.staff_id, False, actor=actor)
    with pytest.raises(PermissionDenied):
        await staff.reset_password(admin.staff_id, "a new password", actor=actor)
    with pytest.raises(PermissionDenied):
        await staff.unlock(admin.staff_id, actor=actor)
    with pytest.raises(PermissionDenied):
        await staff.save_settings(SecuritySettings(idle_lock_minutes=5), actor=actor)
    assert [a.username for a in await staff.accounts()] == ["anna"]
    assert await _actions(writer) == before


async def test_a_refused_change_leaves_no_audit_entry(
    staff: StaffService, writer: StorageWriter
) -> None:
    admin = await _admin(staff)
    await staff.add_account("bo", "", PASSWORD, frozenset({Role.DESK}), actor=admin)
    before = await _actions(writer)
    with pytest.raises(UsernameTaken, match="'bo' is taken"):
        await staff.add_account("BO", "", PASSWORD, frozenset({Role.DESK}), actor=admin)
    with pytest.raises(StaffInputError, match="at least 10 characters"):
        await staff.add_account("cy", "", "short", frozenset({Role.DESK}), actor=admin)
    with pytest.raises(StaffInputError, match="at least one role"):
        await staff.add_account("cy", "", PASSWORD, frozenset(), actor=admin)
    with pytest.raises(StaffInputError, match="cannot be used"):
        await staff.add_account("no spaces", "", PASSWORD, frozenset({Role.DESK}), actor=admin)
    assert await _actions(writer) == before


async def test_reset_and_change_own_password(staff: StaffService, writer: StorageWriter) -> None:
    admin = await _admin(staff)
    bo = await staff.add_account("bo", "", PASSWORD, frozenset({Role.DESK}), actor=admin)
    reset = await staff.reset_password(bo.id, "given by the admin", actor=admin)
    assert reset.must_change_password
    bo_actor = await _login(staff, "bo", "given by the admin")
    with pytest.raises(WrongPassword):
        await staff.change_own_password(bo_actor, "not the password", "chosen by bo myself")
    changed = await staff.change_own_password(bo_actor, "given by the admin", "chosen by bo")
    assert not changed.must_change_password
    assert (await _login(staff, "bo", "chosen by bo")).staff_id == bo.id
    actions = await _actions(writer)
    assert actions[-3:] == ["staff.login", "staff.password_changed", "staff.login"]
    entries = await writer.submit(lambda c: audit.entries(c, limit=None))
    assert all("hash" not in str(entry.after) for entry in entries)  # never the password hash


async def test_an_admin_unlocks_a_locked_account(
    staff: StaffService, writer: StorageWriter
) -> None:
    admin = await _admin(staff)
    bo = await staff.add_account("bo", "", PASSWORD, frozenset({Role.DESK}), actor=admin)
    for _ in range(5):
        with pytest.raises(LoginRefused):
            await _login(staff, "bo", "wrong password!")
    with pytest.raises(LoginRefused, match="locked"):
        await _login(staff, "bo", PASSWORD)
    unlocked = await staff.unlock(bo.id, actor=admin)
    assert unlocked.locked_until is None
    assert (await _login(staff, "bo", PASSWORD)).staff_id == bo.id


async def test_login_rehashes_a_password_hashed_with_other_parameters(
    staff: StaffService, writer: StorageWriter
) -> None:
    admin = await _admin(staff)
    bo = await staff.add_account("bo", "", PASSWORD, frozenset({Role.DESK}), actor=admin)
    old = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1).hash(PASSWORD)
    table = staff_repo.staff
    await writer.submit(
        lambda c: c.execute(update(table).where(table.c.id == bo.id).values(password_hash=old))
    )
    await _login(staff, "bo", PASSWORD)
    stored = await writer.submit(
        lambda c: c.execute(select(table.c.password_hash).where(table.c.id == bo.id)).scalar()
    )
    assert stored != old and "m=1024,t=1" in stored
    assert (await _login(staff, "bo", PASSWORD)).staff_id == bo.id


async def test_security_settings_are_saved_by_admins_and_audited(
    staff: StaffService, writer: StorageWriter, events: list[Event]
) -> None:
    admin = await _admin(staff)
    assert await staff.settings() == SecuritySettings(10, False, True)
    wanted = SecuritySettings(idle_lock_minutes=3, cli_requires_login=True)
    assert await staff.save_settings(wanted, actor=admin) == wanted
    assert await staff.settings() == wanted
    assert SecuritySettingsChanged(wanted) in events
    entry = (await writer.submit(lambda c: audit.entries(c, limit=1)))[0]
    assert entry.action == "security.settings"
    assert entry.before["idle_lock_minutes"] == 10 and entry.after["idle_lock_minutes"] == 3
    with pytest.raises(StaffInputError, match="idle lock"):
        await staff.save_settings(SecuritySettings(idle_lock_minutes=0), actor=admin)


async def test_demo_accounts_only_on_a_site_without_accounts(staff: StaffService) -> None:
    made = await staff.ensure_demo_accounts()
    assert made == list(DEMO_ACCOUNTS)
    assert all(len(password) >= 10 for _name, password, _roles in made)
    desk = await _login(staff, "desk", "desk-password")
    assert desk.roles == frozenset({Role.DESK})
    assert await staff.ensure_demo_accounts() == []


def test_the_roles_table_in_the_docs_matches_the_permissions() -> None:
    assert set(PERMISSION_WORDS) == set(Permission)
    doc = Path(__file__).resolve().parents[2] / "docs" / "staff-and-audit.md"
    assert roles_table() in doc.read_text(encoding="utf-8"), (
        "docs/staff-and-audit.md is out of date: paste python -m console.services.staff_roles"
    )
