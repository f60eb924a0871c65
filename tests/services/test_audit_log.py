"""The audit log service: pages for admins, exports, and the chain check finding an
entry edited or deleted with plain SQL in the SQLite file or on the PostgreSQL server."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from actors import DESK
from sqlalchemy import create_engine, text
from staff_fixtures import *  # noqa: F403

from console.core.audit import hash_of
from console.core.staff import Actor, Origin, PermissionDenied, Role
from console.services.audit_log import AuditFilter, AuditLogService, change_summary
from console.services.staff import LoginRefused, StaffService
from console.storage.database import engine_url
from console.storage.writer import StorageWriter

pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)

if TYPE_CHECKING:  # the conftest of this folder; imported only for types
    from conftest import EngineFactory

PASSWORD = "correct horse battery"


async def _site_with_history(staff: StaffService) -> Actor:
    """An admin, two accounts and a failed login: six entries."""
    admin = await staff.create_first_admin("anna", "Anna Berg", PASSWORD, place="desk 1")
    bo = await staff.add_account("bo", "Bo", PASSWORD, frozenset({Role.DESK}), actor=admin)
    await staff.add_account("cy", "Cy", PASSWORD, frozenset({Role.TECHNICIAN}), actor=admin)
    await staff.set_roles(bo.id, frozenset({Role.DESK, Role.TECHNICIAN}), actor=admin)
    with pytest.raises(LoginRefused):
        await staff.login("=HYPERLINK(1)", "x" * 12, origin=Origin.CONSOLE, place="desk 1")
    await staff.set_active(bo.id, False, actor=admin)
    return admin


async def test_entries_are_for_admins_filtered_and_paged(
    staff: StaffService, audit_log: AuditLogService
) -> None:
    admin = await _site_with_history(staff)
    with pytest.raises(PermissionDenied):
        await audit_log.entries(actor=DESK)
    every = await audit_log.entries(actor=admin)
    assert [entry.seq for entry in every] == [6, 5, 4, 3, 2, 1]  # newest first
    page = await audit_log.entries(actor=admin, limit=2, offset=2)
    assert [entry.seq for entry in page] == [4, 3]
    added = await audit_log.entries(AuditFilter(action="staff.add"), actor=admin)
    assert [entry.target for entry in added] == ["cy", "bo"]
    roles = await audit_log.entries(AuditFilter(target="bo", action="staff.roles"), actor=admin)
    assert change_summary(roles[0]) == "roles: desk -> desk,technician"
    assert {
        entry.actor for entry in await audit_log.entries(AuditFilter(actor="ANNA"), actor=admin)
    } == {"anna"}


async def test_export_csv_and_json_lines(
    staff: StaffService, audit_log: AuditLogService, tmp_path: Path
) -> None:
    admin = await _site_with_history(staff)
    with pytest.raises(PermissionDenied):
        await audit_log.export(tmp_path / "no.csv", actor=DESK)
    assert not (tmp_path / "no.csv").exists()
    count = await audit_log.export(tmp_path / "log.csv", actor=admin)
    assert count == 6
    with (tmp_path / "log.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:4] == ["seq", "time", "zone", "person"]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4", "5", "6"]  # oldest first
    failed = rows[5]
    assert failed[7] == "staff.login_failed"
    assert failed[3] == failed[8] == "'=HYPERLINK(1)"  # no formula in a spreadsheet
    # The export is itself recorded: who took a copy of the log, and where.
    newest = (await audit_log.entries(actor=admin, limit=1))[0]
    assert newest.action == "audit.export" and newest.after["entries"] == 6
    lines = await audit_log.export(
        tmp_path / "log.jsonl", AuditFilter(action="staff.add"), actor=admin, file_format="jsonl"
    )
    objects = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert lines == len(objects) == 2
    assert objects[0]["target"] == "bo" and objects[0]["after"]["roles"] == "desk"
    assert {"seq", "at", "prev_hash", "hash", "before", "after"} <= set(objects[0])
    with pytest.raises(ValueError, match="csv or jsonl"):
        await audit_log.export(tmp_path / "log.xml", actor=admin, file_format="xml")


def _plain_sql(site_url: str, *statements: str) -> None:
    """Change the database behind ChargeDesk's back, as someone with the file or the
    server's password could."""
    engine = create_engine(engine_url(site_url))
    with engine.begin() as plain:
        for statement in statements:
            plain.execute(text(statement))
    engine.dispose()


async def test_check_finds_an_edited_and_a_deleted_entry(
    staff: StaffService, audit_log: AuditLogService, writer: StorageWriter, site_url: str
) -> None:
    await _site_with_history(staff)
    report = await audit_log.check()
    assert report.intact and report.entries == 6
    _plain_sql(site_url, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2")
    report = await audit_log.check()
    assert [(p.seq, p.problem) for p in report.problems] == [(2, "changed after it was written")]
    _plain_sql(
        site_url,
        "UPDATE audit_log SET actor = 'anna' WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 4",
    )
    report = await audit_log.check()
    assert [(p.seq, p.problem) for p in report.problems] == [(5, "entry 4 deleted")]


async def test_check_finds_the_newest_entry_deleted(
    staff: StaffService, audit_log: AuditLogService, site_url: str
) -> None:
    await _site_with_history(staff)
    _plain_sql(site_url, "DELETE FROM audit_log WHERE seq = 6")
    report = await audit_log.check()
    assert not report.intact and report.entries == 5
    assert "newest 1 entry deleted" in report.problems[0].problem


async def test_entries_hash_as_written(staff: StaffService, audit_log: AuditLogService) -> None:
    admin = await _site_with_history(staff)
    entries = await audit_log.entries(actor=admin)
    assert all(hash_of(entry) == entry.hash for entry in entries)


async def test_the_engine_has_staff_and_audit(make_engine: EngineFactory) -> None:
    engine = await make_engine()
    assert await engine.staff.needs_first_admin()
    admin = await engine.staff.create_first_admin("root", "", PASSWORD, place="here")
    assert [entry.action for entry in await engine.audit.entries(actor=admin)] == [
        "staff.first_admin"
    ]
    assert (await engine.audit.check()).intact
