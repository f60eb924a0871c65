"""The audit log page: entries made by real service calls, filters, paging, export, the chain."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import qasync
from conftest import STAFF_PASSWORD, log_in, run, wait_until

from console.core.audit import GENESIS, AuditEntry, ChainProblem
from console.core.staff import Role
from console.services.audit_log import ChainReport
from console.services.staff_passwords import use_test_cost
from console.ui.console_app import Console
from console.ui.staff import audit_page as audit_page_module
from console.ui.staff.audit_page import AuditLogPage, chain_words
from console.ui.staff.calls import engine_call
from console.ui.staff.models import AuditEntriesModel, change_summary


@pytest.fixture(autouse=True)
def cheap_hashes() -> None:
    """argon2 at the tests' cost."""
    use_test_cost()


def audit_page(console: Console, loop: qasync.QEventLoop) -> AuditLogPage:
    """The Admin tab's audit log page, shown and read (its first read has ended)."""
    window = console.window
    window.tabs.setCurrentWidget(window.admin)
    window.admin.setCurrentWidget(window.admin.audit)
    page = window.admin.audit
    run(loop, wait_until(lambda: page.model.rowCount() > 0 and not page.tasks.tasks))
    run(loop, wait_until(lambda: not window.admin.accounts.tasks.tasks))
    return page


def actions(page: AuditLogPage) -> list[str]:
    """The actions of the rows the page shows (after its text filter)."""
    proxy = page.proxy
    return [
        str(proxy.index(row, AuditEntriesModel.ACTION).data()) for row in range(proxy.rowCount())
    ]


def test_the_audit_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    now = datetime.now(UTC)
    entry = AuditEntry(
        1,
        now,
        "anna",
        1,
        "console",
        "DESK-1",
        "card.block",
        "04A1B2C3",
        {"status": "active"},
        {"status": "blocked", "reason": "lost"},
        GENESIS,
        "f" * 64,
    )
    model = AuditEntriesModel()
    model.set_entries([entry])
    qtmodeltester.check(model)
    assert model.index(0, AuditEntriesModel.ORIGIN).data() == "console (DESK-1)"
    assert model.index(0, AuditEntriesModel.CHANGE).data() == (
        "status: active → blocked; reason: lost"
    )


def test_changes_and_chain_results_in_words() -> None:
    assert change_summary(None, {"roles": "desk"}) == "roles: desk"
    assert change_summary({"a": 1, "b": 2}, {"a": 1, "b": 3}) == "b: 2 → 3"
    assert change_summary(None, None) == ""
    assert chain_words(ChainReport(12345, [])) == "12,345 entries, intact"
    broken = ChainReport(40, [ChainProblem(17, "changed after it was written")])
    assert chain_words(broken) == "40 entries, broken: entry 17 changed after it was written"


def test_the_page_lists_filters_and_pages_entries_of_real_changes(
    staffed_console: Console, qloop: qasync.QEventLoop, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = staffed_console.client
    log_in(qloop, staffed_console, "anna")
    admin = client.actor
    run(
        qloop,
        engine_call(
            client,
            lambda e: e.staff.add_account(
                "otto", "Otto Tech", STAFF_PASSWORD, frozenset({Role.TECHNICIAN}), actor=admin
            ),
        ),
    )
    page = audit_page(staffed_console, qloop)
    run(qloop, wait_until(lambda: "staff.add" in actions(page) and "staff.login" in actions(page)))
    assert actions(page)[0] == "staff.add"  # newest first: Otto, added by Anna
    row = page.model.entries[0]
    assert (row.actor, row.target) == ("anna", "otto")

    page.action.setText("staff.add")
    run(qloop, page.reload())
    assert actions(page) == ["staff.add"] * 3  # Otto; Vera and Dana at the seeding
    page.text.setText("vera")  # find on this page
    assert page.proxy.rowCount() == 1
    page.text.clear()

    page.action.clear()
    page.person.setText("ANNA")  # a person compared without case
    run(qloop, page.reload())
    assert {entry.actor for entry in page.model.entries} == {"anna"}

    page.use_dates.setChecked(True)
    run(qloop, page.reload())
    assert page.model.rowCount() > 0  # the last 30 days up to today hold them all
    page.since.setDate(page.since.date().addYears(-2))
    page.until.setDate(page.until.date().addYears(-1))
    run(qloop, page.reload())
    assert page.model.rowCount() == 0 and page.page_label.text() == "no entries"

    # A long log is read a page at a time.
    page.use_dates.setChecked(False)
    page.person.clear()
    monkeypatch.setattr(audit_page_module, "PAGE_SIZE", 2)
    page.offset = 0
    newest = run(qloop, page.reload())
    assert len(newest) == 2 and page.more and page.older_button.isEnabled()
    assert not page.newer_button.isEnabled()
    run(qloop, page.older())
    assert page.offset == 2 and page.page_label.text() == "entries 3 to 4"
    assert {e.seq for e in page.model.entries}.isdisjoint({e.seq for e in newest})
    run(qloop, page.newer())
    assert [e.seq for e in page.model.entries] == [e.seq for e in newest]


def test_export_and_a_broken_chain(
    staffed_console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    log_in(qloop, staffed_console, "anna")
    page = audit_page(staffed_console, qloop)
    report = run(qloop, page.check())
    assert report is not None and report.intact
    assert page.chain_label.text().endswith("entries, intact")

    target = tmp_path / "audit.jsonl"
    page.choose_export_path = lambda: (str(target), "jsonl")  # type: ignore[method-assign]
    count = run(qloop, page.export())
    assert count >= 4 and len(target.read_text(encoding="utf-8").splitlines()) == count
    assert "written to" in page.bar.text.text()

    # Someone edits an entry in the database file behind ChargeDesk's back.
    with sqlite3.connect(tmp_path / "console.db") as connection:
        connection.execute("UPDATE audit_log SET target = 'mallory' WHERE seq = 2")
    report = run(qloop, page.check())
    assert report is not None and not report.intact
    assert "entry 2 changed after it was written" in page.chain_label.text()
    assert page.bar.kind == "warning"
