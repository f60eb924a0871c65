"""The Technician tab's message log against a real console and simulated chargers."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import qasync
from conftest import run, simulator, wait_until
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.core.enums import Direction, FrameKind
from console.core.model import Card
from console.services.admin import add_card
from console.services.message_export import StoredFrame
from console.ui.console_app import Console
from console.ui.technician.message_model import MessageRow
from console.ui.technician.messages import MessageLogPage
from tests.actors import ADMIN


@pytest.fixture
def page(console: Console, qtbot: QtBot) -> MessageLogPage:
    """The message log page, on screen in the Technician tab."""
    window = console.window
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentWidget(window.technician)
    found = window.technician.findChild(MessageLogPage)
    assert found is not None
    window.technician.pages.setCurrentWidget(found)
    assert window.technician.pages.tabText(window.technician.pages.currentIndex()) == "Messages"
    return found


def rows_of(page: MessageLogPage, action: str, kind: FrameKind) -> list[MessageRow]:
    return [
        r
        for r in page.model.rows
        if r.stored.frame.action == action and r.stored.frame.kind is kind
    ]


def test_a_session_shows_up_live_with_calls_paired_to_replies(
    console: Console, qloop: qasync.QEventLoop, page: MessageLogPage
) -> None:
    add_card(console.config.database_url, Card("LIVE-CARD"), actor=ADMIN)
    charger = simulator(console, "CP-LIVE")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        assert await charger.start_session(1, "LIVE-CARD") is not None
        await wait_until(
            lambda: (
                rows_of(page, "StartTransaction", FrameKind.RESULT)
                and rows_of(page, "MeterValues", FrameKind.CALL)
            )
        )
        reply = rows_of(page, "StartTransaction", FrameKind.RESULT)[0]
        call = rows_of(page, "StartTransaction", FrameKind.CALL)[0]
        assert reply.stored.frame.direction is Direction.OUT
        assert reply.stored.frame.message_id == call.stored.frame.message_id
        assert reply.stored.frame.latency_ms is not None
        # Selecting the reply shows it pretty-printed and finds its call.
        page.table.selectRow(page.model.row_of_id(reply.id) or 0)
        await wait_until(lambda: page.detail.partner is not None)
        assert page.detail.partner is not None and page.detail.partner.id == call.id
        assert '"transactionId"' in page.detail.payload_text.toPlainText()
        assert "\n  " in page.detail.payload_text.toPlainText()  # indented
        assert '"StartTransaction"' in page.detail.partner_text.toPlainText()
        assert page.detail.partner_button.isEnabled()
        page.detail.partner_button.click()
        await wait_until(lambda: page.detail.frame is not None and page.detail.frame.id == call.id)
        assert page.model.row(page.table.currentIndex()) == call

    try:
        run(qloop, scenario())
    finally:
        run(qloop, charger.stop())
    assert "Authorize" in {r.stored.frame.action for r in page.model.rows}


def test_commands_appear_in_the_message_log(
    console: Console, qloop: qasync.QEventLoop, page: MessageLogPage
) -> None:
    charger = simulator(console, "CP-CMD")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        outcome = await console.client.command(
            lambda e: e.commands.unlock("CP-CMD", 1, actor=ADMIN)
        )
        assert outcome.status is not None
        await wait_until(lambda: rows_of(page, "UnlockConnector", FrameKind.RESULT))
        call = rows_of(page, "UnlockConnector", FrameKind.CALL)[0]
        reply = rows_of(page, "UnlockConnector", FrameKind.RESULT)[0]
        assert call.stored.frame.direction is Direction.OUT
        assert reply.stored.frame.direction is Direction.IN
        assert page.model.data(page.model.index(page.model.row_of_id(call.id) or 0, 2)) == (
            "↑ to charger"
        )
        assert outcome.status in reply.stored.frame.payload

    try:
        run(qloop, scenario())
    finally:
        run(qloop, charger.stop())


def test_show_charger_filters_and_pause_stops_then_resume_catches_up(
    console: Console, qloop: qasync.QEventLoop, page: MessageLogPage
) -> None:
    add_card(console.config.database_url, Card("PAUSE-CARD"), actor=ADMIN)
    busy, other = simulator(console, "CP-BUSY"), simulator(console, "CP-OTHER")

    async def scenario() -> None:
        await busy.start()
        await other.start()
        await busy.wait_booted()
        await other.wait_booted()
        console.window.technician.show_charger("CP-BUSY")
        assert page.filter_bar.charger_combo.currentText() == "CP-BUSY"
        assert page.model.filter.charger_id == "CP-BUSY"
        assert await busy.start_session(1, "PAUSE-CARD") is not None  # meter values flow
        await wait_until(lambda: rows_of(page, "MeterValues", FrameKind.CALL))
        page.pause_button.click()
        assert page.paused and page.pause_button.text() == "▶ Resume"
        frozen = page.model.newest_id
        await wait_until(lambda: page.new_while_paused >= 3)
        assert page.model.newest_id == frozen
        assert "new frames — Show" in page.new_label.text()
        stored_newer = page.new_while_paused
        page.pause_button.click()
        assert not page.paused and page.new_label.text() == ""
        await wait_until(lambda: sum(1 for r in page.model.rows if r.id > frozen) >= stored_newer)

    try:
        run(qloop, scenario())
    finally:
        run(qloop, busy.stop())
        run(qloop, other.stop())
    assert {r.stored.frame.charger_id for r in page.model.rows} == {"CP-BUSY"}
    ids = [r.id for r in page.model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)


def test_export_writes_exactly_the_filtered_rows(
    console: Console, qloop: qasync.QEventLoop, page: MessageLogPage, tmp_path: Path
) -> None:
    add_card(console.config.database_url, Card("EXPORT-CARD"), actor=ADMIN)
    charger = simulator(console, "CP-EXP")
    target = tmp_path / "frames.jsonl"

    async def scenario() -> int:
        await charger.start()
        await charger.wait_booted()
        assert await charger.start_session(1, "EXPORT-CARD") is not None
        await wait_until(lambda: len(rows_of(page, "MeterValues", FrameKind.CALL)) >= 3)
        page.pause_button.click()  # the view stops moving: export what it shows
        page.filter_bar.set_charger("CP-EXP")
        page.filter_bar.direction_combo.setCurrentIndex(1)  # from the charger
        await wait_until(lambda: page.model.exhausted and not page.model.loading)
        return await page.export_to(target)

    try:
        written = run(qloop, scenario())
    finally:
        run(qloop, charger.stop())
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    shown = [r.stored for r in reversed(page.model.rows)]
    assert written == len(lines) == len(shown) > 3
    assert [line["id"] for line in lines] == [s.id for s in shown]
    assert {line["direction"] for line in lines} == {"in"}
    assert {line["charger_id"] for line in lines} == {"CP-EXP"}
    assert lines[0]["payload"] == shown[0].frame.payload


def test_ctrl_f_goes_to_the_text_search_and_text_filters(
    console: Console, qloop: qasync.QEventLoop, page: MessageLogPage, qtbot: QtBot
) -> None:
    charger = simulator(console, "CP-TEXT")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: rows_of(page, "BootNotification", FrameKind.RESULT))
        page.table.setFocus()
        qtbot.keySequence(page.table, QKeySequence.StandardKey.Find)
        await wait_until(lambda: QApplication.focusWidget() is page.filter_bar.text_edit)
        page.filter_bar.text_edit.setText("chargePointVendor")
        await wait_until(
            lambda: page.model.filter.text == "chargePointVendor" and page.model.exhausted
        )

    try:
        run(qloop, scenario())
    finally:
        run(qloop, charger.stop())
    assert [r.stored.frame.action for r in page.model.rows] == ["BootNotification"]
    assert page.model.rows[0].stored.frame.kind is FrameKind.CALL
    assert isinstance(page.model.rows[0].stored, StoredFrame)
    assert page.detail.frame is None  # a new filter clears the frame shown
    assert page.detail.heading.text().startswith("Choose")


def test_go_to_partner_widens_a_filter_that_hides_it(
    console: Console, qloop: qasync.QEventLoop, page: MessageLogPage
) -> None:
    charger = simulator(console, "CP-PAIR")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        page.filter_bar.kind_combo.setCurrentIndex(2)  # replies only: calls are hidden
        await wait_until(lambda: rows_of(page, "BootNotification", FrameKind.RESULT))
        assert not rows_of(page, "BootNotification", FrameKind.CALL)
        reply = rows_of(page, "BootNotification", FrameKind.RESULT)[0]
        page.table.selectRow(page.model.row_of_id(reply.id) or 0)
        await wait_until(lambda: page.detail.partner is not None)
        partner = page.detail.partner
        assert partner is not None and partner.frame.kind is FrameKind.CALL
        page.detail.partner_button.click()
        await wait_until(
            lambda: page.detail.frame is not None and page.detail.frame.id == partner.id
        )

    try:
        run(qloop, scenario())
    finally:
        run(qloop, charger.stop())
    assert page.model.filter.kinds == ()
    assert page.model.filter.charger_id == "CP-PAIR"
    assert page.filter_bar.charger_combo.currentText() == "CP-PAIR"


def test_the_log_follows_frames_stored_after_it_opened_and_after_clear_filter(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    """Regression: rows read before the page was first shown froze it (and Clear filter)."""
    add_card(console.config.database_url, Card("FOLLOW-CARD"), actor=ADMIN)
    charger = simulator(console, "CP-FOLLOW")
    window = console.window
    page = window.technician.findChild(MessageLogPage)
    assert page is not None

    async def newer_than(newest: int) -> None:
        await wait_until(lambda: page.model.newest_id > newest and not page.model.loading)

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        # Chosen at start-up (a restored charger): the page reads rows while hidden.
        window.technician.show_charger("CP-FOLLOW")
        await wait_until(lambda: page.model.rowCount() > 0 and not page.model.loading)
        assert not page.isVisible()
        assert await charger.start_session(1, "FOLLOW-CARD") is not None
        window.resize(1366, 768)
        window.show()
        window.tabs.setCurrentWidget(window.technician)
        window.technician.pages.setCurrentWidget(page)
        seen = page.model.newest_id
        await newer_than(seen)  # frames stored after the page opened come in
        await wait_until(lambda: rows_of(page, "MeterValues", FrameKind.CALL))
        assert page.table.verticalScrollBar().value() == 0  # the newest stay in view
        page.clear_button.click()
        assert page.model.filter.charger_id is None
        await wait_until(lambda: page.model.rowCount() > 0 and not page.model.loading)
        after_clear = page.model.newest_id
        await newer_than(after_clear)
        await newer_than(page.model.newest_id)  # and keep coming, tick after tick

    try:
        run(qloop, scenario())
    finally:
        run(qloop, charger.stop())
    ids = [r.id for r in page.model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)


def test_scrolling_down_holds_the_rows_and_counts_what_arrived(
    console: Console, qloop: qasync.QEventLoop, page: MessageLogPage
) -> None:
    add_card(console.config.database_url, Card("SCROLL-CARD"), actor=ADMIN)
    charger = simulator(console, "CP-SCROLL")
    scroll = page.table.verticalScrollBar()

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        assert await charger.start_session(1, "SCROLL-CARD") is not None
        await wait_until(lambda: scroll.maximum() > 5, timeout=20)
        scroll.setValue(scroll.maximum())  # reading older frames
        assert page.paused and not page.held
        await wait_until(lambda: not page.model.loading)
        frozen = page.model.newest_id
        await wait_until(lambda: page.new_while_paused >= 3)
        assert page.model.newest_id == frozen  # nothing moved under the reader's eyes
        assert "new frames — Show" in page.new_label.text()
        await charger.stop()  # no more frames: the count must settle on the stored one
        # Each read yields to the loop, so the page's live timer runs meanwhile.
        deadline = time.monotonic() + 15
        where = page.model.filter
        while True:
            stored = await console.client.read(lambda q: q.count_frames(where, frozen, None))
            if page.new_while_paused == stored:
                break
            assert time.monotonic() < deadline, (page.new_while_paused, stored)
        assert page.new_while_paused == stored > 0
        assert page.new_label.text() == f"{stored:,} new frames — Show"
        page.new_label.click()  # Show: the new frames go in, back at the top
        assert not page.paused and scroll.value() == 0
        await wait_until(lambda: sum(1 for r in page.model.rows if r.id > frozen) == stored)
        assert page.new_label.text() == ""

    run(qloop, scenario(), timeout=60)
