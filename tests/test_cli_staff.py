"""``chargedesk staff`` on a real SQLite file: accounts added and changed as the OS
account (audited as the command line), the owner check, and a site that requires a
staff login for the command line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_staff_fixtures import *  # noqa: F403
from cli_staff_fixtures import OS_ACCOUNT, Run

from console.core.audit import AuditEntry
from console.core.staff import Role
from console.core.staff_accounts import SecuritySettings
from console.services.staff_settings import write_security_settings
from console.storage import audit
from console.storage.database import create_db_engine

PASSWORD = "correct horse battery"


def _entries(site_db: Path) -> list[AuditEntry]:
    engine = create_db_engine(f"sqlite:///{site_db}")
    with engine.connect() as connection:
        entries = audit.entries(connection, newest_first=False, limit=None)
    engine.dispose()
    return entries


def _require_login(site_db: Path) -> None:
    engine = create_db_engine(f"sqlite:///{site_db}")
    with engine.begin() as connection:
        write_security_settings(connection, SecuritySettings(cli_requires_login=True))
    engine.dispose()


def test_accounts_are_added_and_changed_as_the_os_account(run: Run, site_db: Path) -> None:
    code, out, _ = run(
        "staff", "add", "anna", "--name", "Anna Berg", "--roles", "admin", "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0 and "anna added (admin)" in out
    assert run("staff", "add", "bo", "--roles", "desk", "--password-stdin", stdin=PASSWORD)[0] == 0
    assert run("staff", "roles", "BO", "desk,technician")[0] == 0
    code, out, _ = run("staff", "passwd", "bo", "--password-stdin", stdin="a brand new one\n")
    assert code == 0 and "changed at the next login" in out
    assert run("staff", "disable", "bo")[0] == 0
    code, out, _ = run("staff", "list", "--json")
    accounts = {account["username"]: account for account in map(json.loads, out.splitlines())}
    assert accounts["bo"]["roles"] == ["desk", "technician"]
    assert not accounts["bo"]["active"] and accounts["bo"]["must_change_password"]
    assert accounts["anna"]["display_name"] == "Anna Berg"
    code, out, _ = run("staff", "list")
    assert "bo" in out and "disabled, must change password" in out
    entries = _entries(site_db)
    assert [entry.action for entry in entries] == [
        "staff.add",
        "staff.add",
        "staff.roles",
        "staff.password_reset",
        "staff.disable",
    ]
    assert {(entry.actor, entry.origin, entry.staff_id) for entry in entries} == {
        (OS_ACCOUNT, "command line", None)
    }


def test_mistakes_are_one_line_and_exit_1(run: Run, site_db: Path) -> None:
    code, _, err = run(
        "staff", "add", "anna", "--roles", "admin", "--password-stdin", stdin="short"
    )
    assert code == 1 and "at least 10 characters" in err
    code, _, err = run(
        "staff", "add", "anna", "--roles", "boss", "--password-stdin", stdin=PASSWORD
    )
    assert code == 1 and "'boss' are not roles" in err
    code, _, err = run("staff", "add", "anna", "--roles", "admin")  # no terminal to ask
    assert code == 1 and "--password-stdin" in err
    assert (
        run("staff", "add", "anna", "--roles", "admin", "--password-stdin", stdin=PASSWORD)[0] == 0
    )
    code, _, err = run("staff", "disable", "anna")
    assert code == 1 and "last enabled admin" in err
    code, _, err = run("staff", "unlock", "nobody")
    assert code == 1 and "no staff account 'nobody'" in err
    assert len(_entries(site_db)) == 1


def test_the_password_is_asked_twice_at_a_terminal(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([PASSWORD, PASSWORD, PASSWORD, "something else"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert run("staff", "add", "anna", "--roles", "admin", terminal=True)[0] == 0
    code, _, err = run("staff", "passwd", "anna", terminal=True)
    assert code == 1 and "the two passwords differ" in err


def test_a_database_owned_by_another_account_is_refused(
    run: Run, site_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = site_db.stat().st_uid
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)
    code, out, err = run(
        "staff", "add", "anna", "--roles", "admin", "--password-stdin", stdin=PASSWORD
    )
    assert code == 1 and out == ""
    assert "belongs to the account" in err and len(err.strip().splitlines()) == 1
    assert _entries(site_db) == []


def test_a_site_can_require_a_staff_login(
    run: Run, site_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        run("staff", "add", "anna", "--roles", "admin", "--password-stdin", stdin=PASSWORD)[0] == 0
    )
    assert run("staff", "add", "bo", "--roles", "desk", "--password-stdin", stdin=PASSWORD)[0] == 0
    _require_login(site_db)
    code, _, err = run("staff", "list")  # a script without credentials
    assert code == 1 and "CHARGEDESK_USER" in err
    monkeypatch.setenv("CHARGEDESK_USER", "bo")
    monkeypatch.setenv("CHARGEDESK_PASSWORD", PASSWORD)
    assert run("staff", "list")[0] == 0  # a desk clerk sees the accounts
    code, _, err = run("staff", "add", "cy", "--roles", "desk", "--password-stdin", stdin=PASSWORD)
    assert code == 1 and "needs the admin role" in err
    monkeypatch.setenv("CHARGEDESK_USER", "anna")
    assert run("staff", "add", "cy", "--roles", "desk", "--password-stdin", stdin=PASSWORD)[0] == 0
    added = _entries(site_db)[-1]
    assert (added.action, added.actor, added.origin, added.target) == (
        "staff.add", "anna", "command line", "cy"
    )  # fmt: skip
    assert added.staff_id is not None
    monkeypatch.setenv("CHARGEDESK_PASSWORD", "not the password")
    code, _, err = run("staff", "list")
    assert code == 1 and "username or the password is wrong" in err
    assert Role.ADMIN.value in {
        entry.after.get("roles") for entry in _entries(site_db) if entry.after
    }
