"""The Commands page over real websockets: each command's outcome, the log, raw calls."""

from __future__ import annotations

import asyncio
from typing import Any

import qasync
from conftest import run, simulator, wait_until

from console.core.enums import CommandResult, Direction
from console.core.model import Card, CommandOutcome
from console.services.admin import add_card
from console.ui.console_app import Console
from console.ui.technician.commands import TRIGGER_MESSAGES, CommandsPage
from console.ui.technician.commands_log import CommandLogModel
from tests.actors import ADMIN


class _NoCharger:
    connectors: dict[int, object] = {}


_NO = _NoCharger()


def _page(console: Console) -> CommandsPage:
    pages = console.window.technician.pages
    found = [pages.widget(i) for i in range(pages.count())]
    return next(p for p in found if isinstance(p, CommandsPage))


def _logged(console: Console, charger_id: str, action: str) -> bool:
    frames = console.client.queries.recent_frames(charger_id, limit=500)
    return any(f.action == action and f.direction is Direction.OUT for f in frames)


def test_every_command_outcome_and_message_log(console: Console, qloop: qasync.QEventLoop) -> None:
    page = _page(console)
    charger = simulator(console, "CMD-1")
    charger.data_transfer_handler = lambda vendor, message, data: ("Accepted", f"echo:{data}")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(
            lambda: (
                "CMD-1" in console.mirror.chargers
                and {1, 2} <= set(console.mirror.chargers["CMD-1"].connectors)
            )
        )
        page.show_charger("CMD-1")
        charger.received.clear()
        outcomes: list[tuple[str, CommandOutcome | None]] = []
        for message in TRIGGER_MESSAGES:
            page.trigger_combo.setCurrentText(message)
            page.trigger_connector.setCurrentIndex(0)  # the charger as a whole
            outcomes.append((message, await page.trigger()))
        page.trigger_combo.setCurrentText("StatusNotification")
        page.trigger_connector.setCurrentIndex(page.trigger_connector.findData(2))
        outcomes.append(("StatusNotification/2", await page.trigger()))
        for name, outcome in outcomes:
            assert outcome is not None and outcome.accepted, name
        triggers = [c.payload for c in charger.received if c.action == "TriggerMessage"]
        assert [t["requested_message"] for t in triggers[:6]] == list(TRIGGER_MESSAGES)
        assert triggers[-1] == {"requested_message": "StatusNotification", "connector_id": 2}
        await charger.wait_booted()  # the triggered BootNotification went through

        assert (await page.clear_cache()).accepted  # type: ignore[union-attr]
        page.connector_combo.setCurrentIndex(page.connector_combo.findData(1))
        assert (await page.change_availability(False)).accepted  # type: ignore[union-attr]
        assert (await page.change_availability(True)).accepted  # type: ignore[union-attr]
        unlocked = await page.unlock()
        assert unlocked is not None and unlocked.status == "Unlocked"
        page.vendor_edit.setText("com.example")
        page.message_id_edit.setText("Ping")
        page.data_edit.setText("hello")
        transfer = await page.data_transfer()
        assert transfer is not None and transfer.accepted
        assert transfer.details.get("data") == "echo:hello"
        actions = [c.action for c in charger.received]
        for action in ("ClearCache", "ChangeAvailability", "UnlockConnector", "DataTransfer"):
            assert action in actions
        assert {"vendor_id": "com.example", "message_id": "Ping", "data": "hello"} in [
            c.payload for c in charger.received if c.action == "DataTransfer"
        ]
        soft = await page.reset(False)  # no session runs: no question asked
        assert soft is not None and soft.accepted
        await wait_until(lambda: any(c.action == "Reset" for c in charger.received))
        await charger.wait_booted()
        await wait_until(lambda: console.mirror.chargers["CMD-1"].online)
        hard = await page.reset(True)
        assert hard is not None and hard.accepted
        resets = [c.payload["type"] for c in charger.received if c.action == "Reset"]
        assert resets == ["Soft", "Hard"]

        # Every outcome is on the page's log, newest first, and every frame in the log.
        titles = [row.title for row in page.log_model.rows]
        assert titles[0] == "Hard reset" and "Clear cache" in titles
        assert any("Data transfer" in t for t in titles)
        assert (
            "echo:hello" in page.log_model.rows[titles.index("Data transfer to com.example")].reply
        )
        for action in (
            "TriggerMessage",
            "ClearCache",
            "ChangeAvailability",
            "UnlockConnector",
            "DataTransfer",
            "Reset",
        ):
            await wait_until(lambda a=action: _logged(console, "CMD-1", a))  # type: ignore[misc]

    try:
        run(qloop, scenario(), timeout=60)
    finally:
        run(qloop, charger.stop())


def test_reset_asks_when_a_session_runs(console: Console, qloop: qasync.QEventLoop) -> None:
    page = _page(console)
    add_card(console.config.database_url, Card("ANY-CARD"), actor=ADMIN)
    charger = simulator(console, "CMD-S")
    asked: list[str] = []

    def confirm(title: str, text: str, proceed: str = "") -> bool:
        asked.append(title)
        return False

    page.staff.confirm = confirm  # type: ignore[method-assign, assignment]

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        page.show_charger("CMD-S")
        assert await charger.start_session(1, "ANY-CARD") is not None
        await wait_until(
            lambda: any(
                c.transaction_id is not None
                for s in [console.mirror.chargers.get("CMD-S")]
                if s is not None
                for c in s.connectors.values()
            )
        )
        charger.received.clear()
        assert await page.reset(True) is None
        assert asked == ["Hard reset"]
        assert not any(c.action == "Reset" for c in charger.received)

    try:
        run(qloop, scenario(), timeout=30)
    finally:
        run(qloop, charger.stop())


def test_raw_call_checked_before_sending(console: Console, qloop: qasync.QEventLoop) -> None:
    page = _page(console)
    charger = simulator(console, "RAW-UI")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: "RAW-UI" in console.mirror.chargers)
        page.show_charger("RAW-UI")
        charger.received.clear()
        page.raw_action.setCurrentText("ChangeAvailability")
        page.raw_edit.setPlainText('{"connectorId": "one", "type": "Inoperative"}')
        # The problem shows inline while typing; Send is disabled.
        assert "connectorId" in page.raw_problem.text()
        assert not page.raw_button.isEnabled()
        assert await page.send_raw() is None
        # Even when asked directly, the engine refuses it without sending.
        refused = await console.client.command(
            lambda e: e.raw_calls.send(
                "RAW-UI", "ChangeAvailability", '{"connectorId": "x"}', actor=ADMIN
            )
        )
        assert refused.result is CommandResult.INVALID
        page.raw_edit.setPlainText('{"connectorId": 1, "type": "Inoperative"}')
        assert page.raw_button.isEnabled() and "Matches" in page.raw_problem.text()
        # (The local list sync may talk to the charger meanwhile; nothing else did.)
        assert not [c for c in charger.received if c.action == "ChangeAvailability"]
        sent = await page.send_raw()
        assert sent is not None and sent.accepted
        received = [c.payload for c in charger.received if c.action == "ChangeAvailability"]
        assert received == [{"connector_id": 1, "type": "Inoperative"}]
        assert page.log_model.rows[0].title == "Raw ChangeAvailability"
        await wait_until(lambda: _logged(console, "RAW-UI", "ChangeAvailability"))
        page.raw_action.setCurrentText("Reset")
        page.raw_edit.setPlainText("{not json")
        assert "not JSON" in page.raw_problem.text()

    try:
        run(qloop, scenario(), timeout=30)
    finally:
        run(qloop, charger.stop())


def test_command_log_model(qtmodeltester: Any) -> None:
    model = CommandLogModel()
    model.add("CP", "Clear cache", CommandOutcome(CommandResult.ANSWERED, status="Accepted"))
    model.add("CP", "Reset", CommandOutcome(CommandResult.OFFLINE, error="not connected"))
    model.add(
        "CP",
        "Data transfer",
        CommandOutcome(CommandResult.ANSWERED, status="Accepted", details={"data": "x"}),
    )
    qtmodeltester.check(model, force_py=True)
    assert model.rows[0].reply == "data=x"


def test_the_local_list_box_shows_the_charger_list_and_sends_it_whole(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    page = _page(console)
    box = page.local_list
    add_card(console.client.engine.config.database_url, Card("LL-CARD-1"), actor=ADMIN)
    charger = simulator(console, "LL-1")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: "LL-1" in console.mirror.chargers)
        # The list goes to the charger when it boots; the box reads what is known.
        await charger.wait_for(lambda: "ll-card-1" in {k.lower() for k in charger.local_list})
        page.show_charger("LL-1")
        await wait_until(lambda: "Version" in box.state_label.text())
        await box.sync("LL-1")

    run(qloop, scenario(), timeout=60)
    assert "Full list sent" in box.state_label.text() or "Version" in box.state_label.text()
    assert box.sync_button.isEnabled()


def test_a_trigger_shows_the_message_the_charger_sent(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    page = _page(console)
    charger = simulator(console, "TRIG-1")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(
            lambda: {1, 2} <= set(console.mirror.chargers.get("TRIG-1", _NO).connectors)
        )
        page.show_charger("TRIG-1")
        page.trigger_combo.setCurrentText("StatusNotification")
        page.trigger_connector.setCurrentIndex(page.trigger_connector.findData(2))
        outcome = await page.trigger()
        assert outcome is not None and outcome.accepted
        follow = page.trigger_follow
        assert follow is not None
        text = await asyncio.wait_for(follow, 30)
        # What the charger sent, as it sent it: the connector asked about and its status.
        assert text.startswith("StatusNotification received ")
        assert '"connectorId":2' in text and '"status":' in text
        assert text in page.trigger_result.text()
        row = page.log_model.rows[0]
        assert row.outcome is outcome and text in row.reply
        shown = page.log_model.index(0, 4).data()
        assert "StatusNotification received" in shown

        page.trigger_combo.setCurrentText("BootNotification")
        page.trigger_connector.setCurrentIndex(0)
        assert (await page.trigger()) is not None
        assert page.trigger_follow is not None and page.trigger_follow is not follow
        boot = await asyncio.wait_for(page.trigger_follow, 30)
        assert boot.startswith("BootNotification received ") and "chargePointVendor" in boot
        assert page.log_model.rows[1].reply.startswith("StatusNotification")  # kept

    try:
        run(qloop, scenario(), timeout=60)
    finally:
        run(qloop, charger.stop())
