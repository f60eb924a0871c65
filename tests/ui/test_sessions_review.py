"""Sessions tab, "Review readings…": staff decide on readings that cannot be true."""

from __future__ import annotations

import os
from datetime import timedelta

import qasync
from conftest import run, wait_until

from console.core.clock import utcnow
from console.core.enums import Approval, SessionFlag
from console.core.model import MeterReport, MeterValue, SampledValue, Session, StartRequest
from console.services.engine import CentralSystem
from console.storage import chargers as charger_repo
from console.ui.console_app import Console
from console.ui.sessions.model import SESSION_ROLE
from console.ui.sessions.words import Column

SHOTS = os.environ.get("CHARGEDESK_SHOTS")  # a folder: the test also saves what it shows


async def _session_with_a_wild_reading(engine: CentralSystem) -> int:
    await engine.writer.submit(
        lambda c: charger_repo.add_charger(c, "CP-ODD", Approval.ACCEPTED, utcnow())
    )
    start = utcnow() - timedelta(minutes=30)
    decision = await engine.charging.start_transaction(
        "CP-ODD", StartRequest(1, "CARD-ODD", 1000, start)
    )
    tx = decision.transaction_id
    wild = SampledValue(5_000_000.0, "Energy.Active.Import.Register", "Wh")
    await engine.charging.meter_values(
        "CP-ODD", MeterReport(1, tx, (MeterValue(start + timedelta(minutes=1), (wild,)),))
    )
    return tx


def test_review_readings_shows_for_a_flagged_session_and_records_the_decision(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = console.window.sessions
    tx = run(qloop, console.client.call(_session_with_a_wild_reading))
    run(qloop, view.reload())
    button = view.review_button
    assert button.isHidden()  # nothing selected
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data() == str(tx))
    assert "Readings need review" in view.proxy.index(row, Column.FLAGS).data()
    view.table.selectRow(row)
    assert not button.isHidden()
    if SHOTS:
        view.resize(1500, 300)
        view.table.resizeColumnsToContents()
        view.grab().save(os.path.join(SHOTS, "sessions_readings_need_review.png"))

    button.click()
    dialog = button.dialog
    assert dialog is not None and dialog.isVisible()
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "review_readings_dialog.png"))
    dialog.leave_out_button.click()

    def decided() -> Session | None:
        session: Session = view.proxy.index(row, 0).data(SESSION_ROLE)
        return session if SessionFlag.READINGS_LEFT_OUT.value in session.flags else None

    run(qloop, wait_until(decided))
    session = decided()
    assert session is not None and SessionFlag.READINGS_NEED_REVIEW.value not in session.flags
    assert "left out" in view.message_label.text()
    assert button.isHidden()
    if SHOTS:
        view.resize(1500, 300)
        view.table.resizeColumnsToContents()
        view.grab().save(os.path.join(SHOTS, "sessions_readings_reviewed.png"))
