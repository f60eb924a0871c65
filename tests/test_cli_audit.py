"""``chargedesk audit``: list with filters, export, and ``check`` finding an entry edited
or deleted with plain SQL (exit 4)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cli_staff_fixtures import *  # noqa: F403
from cli_staff_fixtures import OS_ACCOUNT, Run

from console.cli_actor import os_account_actor
from console.core.staff import Role
from console.services.staff_local import LocalServices, run_local

PASSWORD = "correct horse battery"


def _history(run: Run, site_db: Path) -> None:
    """Three entries, as the command line's account: two accounts added and one given
    more roles (through the services in one go: quicker than three commands)."""
    actor = os_account_actor()

    async def work(services: LocalServices) -> None:
        staff = services.staff
        await staff.add_account("anna", "", PASSWORD, frozenset({Role.ADMIN}), actor=actor)
        bo = await staff.add_account("bo", "", PASSWORD, frozenset({Role.DESK}), actor=actor)
        await staff.set_roles(bo.id, frozenset({Role.DESK, Role.TECHNICIAN}), actor=actor)

    run_local(f"sqlite:///{site_db}", work)


def test_list_with_filters(run: Run, site_db: Path) -> None:
    _history(run, site_db)
    code, out, _ = run("audit", "list", "--json")
    entries = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [entry["seq"] for entry in entries] == [3, 2, 1]
    assert {(entry["actor"], entry["origin"]) for entry in entries} == {
        (OS_ACCOUNT, "command line")
    }
    code, out, _ = run("audit", "list", "--action", "staff.roles")
    assert code == 0 and "roles: desk -> desk,technician" in out and "staff.add" not in out
    code, out, _ = run("audit", "list", "--limit", "1", "--json")
    assert [json.loads(line)["seq"] for line in out.splitlines()] == [3]
    code, out, _ = run("audit", "list", "--since", "2000-01-01", "--until", "2000-12-31")
    assert code == 0 and "no audit log entries match" in out
    code, out, _ = run("audit", "list", "--actor", "someone else", "--json")
    assert code == 0 and out == ""
    code, _, err = run("audit", "list", "--since", "yesterday")
    assert code == 1 and "--since 'yesterday' is not a day or a time" in err


def test_export_by_file_type(run: Run, site_db: Path, tmp_path: Path) -> None:
    _history(run, site_db)
    code, out, _ = run("audit", "export", str(tmp_path / "log.jsonl"))
    assert code == 0 and "wrote 3 audit log entries" in out
    lines = (tmp_path / "log.jsonl").read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3]
    code, out, _ = run("audit", "export", str(tmp_path / "log.csv"), "--action", "staff.add")
    assert code == 0 and "wrote 2" in out
    text = (tmp_path / "log.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("seq,time,zone,person") and len(text.splitlines()) == 3
    code, out, _ = run("audit", "list", "--action", "audit.export")
    assert out.count("audit.export") == 2  # each export is on the record


def test_check_exits_4_when_an_entry_is_edited_or_deleted(run: Run, site_db: Path) -> None:
    _history(run, site_db)
    code, out, _ = run("audit", "check")
    assert code == 0 and "intact: 3 entries" in out
    with sqlite3.connect(site_db) as plain:
        plain.execute("""UPDATE audit_log SET "after" = '{"roles":"admin"}' WHERE seq = 2""")
    code, out, _ = run("audit", "check")
    assert code == 4 and "at entry 2: changed after it was written" in out
    with sqlite3.connect(site_db) as plain:
        plain.execute("DELETE FROM audit_log WHERE seq = 2")
    code, out, _ = run("audit", "check")
    assert code == 4 and "at entry 3: entry 2 deleted" in out
    assert "changed after" not in out
