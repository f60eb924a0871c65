"""Sessions tab, "End session…": staff end a stale session with a reason, in the console."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import qasync
from conftest import run, wait_until
from PySide6.QtCore import Qt
from sqlalchemy import Connection

from console.core.clock import utcnow
from console.core.enums import Approval, SessionFlag
from console.core.model import Card, Person, Session
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import people as people_repo
from console.storage import sessions as session_repo
from console.ui.console_app import Console
from console.ui.sessions.model import SESSION_ROLE, SessionsTableModel
from console.ui.sessions.words import Column

SHOTS = os.environ.get("CHARGEDESK_SHOTS")  # a folder: the test also saves what it shows


async def _stale_session(console: Console) -> int:
    def write(connection: Connection) -> Session:
        charger_repo.add_charger(connection, "CP-STALE", Approval.ACCEPTED, utcnow())
        session, _ = session_repo.start_session(
            connection,
            charger_id="CP-STALE",
            connector_id=2,
            id_tag="CARD-OLD",
            meter_start=12_000,
            started_at=utcnow() - timedelta(hours=30),
            received_at=utcnow() - timedelta(hours=30),
            auth_status="Accepted",
            reservation_id=None,
            flags=(),
        )
        return session

    session = await console.client.call(lambda e: e.writer.submit(write))
    return session.id


def test_end_session_asks_a_reason_and_shows_the_ended_session(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = console.window.sessions
    tx = run(qloop, _stale_session(console))
    run(qloop, view.reload())
    button = view.end_button
    assert not button.isEnabled()  # nothing selected
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data() == str(tx))
    view.table.selectRow(row)
    assert button.isEnabled()

    button.click()
    dialog = button.dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()  # no reason, no end
    dialog.reason_edit.setText("Charger lost power on Monday")
    assert dialog.ok_button.isEnabled()
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "end_session_dialog.png"))
    dialog.ok_button.click()

    def ended() -> Session | None:
        session: Session = view.proxy.index(row, 0).data(SESSION_ROLE)
        return None if session.running else session

    run(qloop, wait_until(ended))
    session = ended()
    assert session is not None and SessionFlag.ENDED_BY_STAFF.value in session.flags
    assert view.proxy.index(row, Column.STOP_REASON).data() == (
        "No stop from the charger: Charger lost power on Monday"
    )
    assert "Ended by staff" in view.proxy.index(row, Column.FLAGS).data()
    # The row may show the end (the engine's event) before the button's own answer.
    run(qloop, wait_until(lambda: "ended by staff" in view.message_label.text()))
    assert not button.isEnabled()  # it has ended
    if SHOTS:
        view.resize(1500, 300)
        view.table.resizeColumnsToContents()
        view.grab().save(os.path.join(SHOTS, "sessions_ended_by_staff.png"))


def test_the_table_says_why_a_session_ended_and_when_the_true_stop_came(qapp: object) -> None:
    start = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    estimated = Session(
        7,
        "CP",
        1,
        "C",
        start,
        0,
        stopped_at=start + timedelta(hours=1),
        meter_stop=900,
        flags=(SessionFlag.SUPERSEDED.value,),
        stop_estimated=True,
    )
    late = replace(
        estimated, id=8, meter_stop=1500, stop_reason="EVDisconnected", stop_estimated=False
    )
    model = SessionsTableModel(now=lambda: start + timedelta(days=1))
    model.set_sessions([estimated, late])

    def cell(session_id: int, column: Column, role: Qt.ItemDataRole) -> str:
        row = model.row_of(session_id)
        assert row is not None
        return str(model.index(row, column).data(role))

    display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    assert cell(7, Column.STOP_REASON, display) == "No stop from the charger"
    assert "never reported" in cell(7, Column.STOP_REASON, tip)
    assert cell(7, Column.FLAGS, display) == "⚠ Superseded by a new session"
    assert "arrived later" not in cell(7, Column.FLAGS, tip)
    # The charger's own stop came later: its reason shows, the flag stays, and says so.
    assert cell(8, Column.STOP_REASON, display) == "Car unplugged"
    assert cell(8, Column.FLAGS, display) == "⚠ Superseded by a new session"
    assert "arrived later" in cell(8, Column.FLAGS, tip)


def test_the_end_session_question_names_the_driver(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = console.window.sessions
    tx = run(qloop, _stale_session(console))

    def give_owner(connection: Connection) -> None:
        now = utcnow()
        person = people_repo.save_person(connection, Person(None, "Anna Hoffmann"), now)
        card_repo.save_card(connection, Card("CARD-OLD", person_id=person.id), now)

    run(qloop, console.client.call(lambda e: e.writer.submit(give_owner)))
    run(qloop, view.reload())
    holders = view.mirror.holders
    run(qloop, wait_until(lambda: holders.name("CARD-OLD") == "Anna Hoffmann"))
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data() == str(tx))
    view.table.selectRow(row)

    view.end_button.click()
    dialog = view.end_button.dialog
    assert dialog is not None
    assert "(Anna Hoffmann)?" in dialog.explanation.text()
    assert "CARD-OLD" not in dialog.explanation.text()
    dialog.reject()
