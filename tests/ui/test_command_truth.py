"""What the console says about a command is what really happened (issue 11).

The real console (engine thread, qasync) and simulated chargers over websockets: a start
is followed to the session or to the card's refusal, a stop to the energy and the cost
with a way to the receipt; every other answer gets its true meaning.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import qasync
from conftest import run, simulator, wait_until
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from console.core.clock import utcnow
from console.core.enums import AuthorizationStatus, CardStatus, CommandResult
from console.core.model import Card, CommandOutcome, Person
from console.core.tariffs import Tariff
from console.storage import cards as card_repo
from console.storage import people as people_repo
from console.ui.card_picker import CardChoice, CardChoices, CardDialog, card_choices
from console.ui.command_words import outcome_words
from console.ui.console_app import Console
from tests.actors import ADMIN

ANNA = "04A1B2C3"
BLOCKED = "04B7C8D9"  # blocked in the demo too


async def _register(console: Console, card: Card, owner: str | None = None) -> None:
    def store(connection: Any) -> None:
        person_id = None
        if owner is not None:
            person_id = people_repo.save_person(connection, Person(None, owner), utcnow()).id
        card_repo.save_card(connection, replace(card, person_id=person_id), utcnow())

    await console.client.call(lambda e: e.writer.submit(store))


async def _tariff(console: Console) -> None:
    tariff = Tariff(
        name="Staff", currency="EUR", timezone="Europe/Berlin", energy_price=Decimal("0.50")
    )

    async def store(engine: Any) -> None:
        await engine.billing.set_default_tariff(
            await engine.billing.save_tariff(None, tariff, actor=ADMIN), actor=ADMIN
        )

    await console.client.call(store)


def _running(console: Console, charger_id: str, connector_id: int) -> bool:
    charger = console.mirror.chargers.get(charger_id)
    connector = charger.connectors.get(connector_id) if charger is not None else None
    return connector is not None and connector.transaction_id is not None


@pytest.fixture
def asked(console: Console, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The hooks' answers: the card to give, whether to go ahead; what was asked."""
    given: dict[str, Any] = {"card": ANNA, "confirm": True, "questions": []}
    staff = console.window.overview.staff

    async def confirm(title: str, text: str, proceed: str = "") -> bool:
        given["questions"].append((title, text))
        return bool(given["confirm"])

    monkeypatch.setattr(staff, "ask_card", lambda *args: given["card"])
    monkeypatch.setattr(staff, "confirm", confirm)
    return given


def test_start_and_stop_say_whose_session_and_what_it_cost(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, asked: dict[str, Any]
) -> None:
    view = console.window.overview
    staff = view.staff
    charger = simulator(console, "P1-AC-02", connectors=2)
    opened: list[QUrl] = []

    async def scenario() -> None:
        await _tariff(console)
        await _register(console, Card(ANNA), owner="Anna Hoffmann")
        await charger.start()
        try:
            await charger.wait_booted()
            await wait_until(lambda: view.model.row_of(("P1-AC-02", 2)) is not None)

            started = await staff.start_session("P1-AC-02", 2)
            assert started is not None and started.succeeded, started
            assert view.banner.kind == "ok"
            assert "Session started for Anna Hoffmann" in view.banner.text.text()
            session = started.follow_up.session if started.follow_up else None
            assert session is not None and session.connector_id == 2
            await charger.wait_for(lambda: charger.sent_count("MeterValues") >= 3)
            await wait_until(
                lambda: (
                    (c := console.mirror.chargers["P1-AC-02"].connectors.get(2)) is not None
                    and (c.session_energy_wh or 0) > 0
                )
            )

            stopped = await staff.stop_session("P1-AC-02", 2, session.id)
            [(title, question)] = asked["questions"]
            assert title == "Stop session"
            assert "Anna Hoffmann" in question and "P1-AC-02, connector 2" in question
            assert re.search(r"running \d+ (s|min)\b", question) and "kWh" in question
            assert stopped is not None and stopped.succeeded, stopped
            end = stopped.follow_up
            assert end is not None and end.session is not None and end.cost is not None
            text = view.banner.text.text()
            kwh = f"{(end.session.energy_wh or 0) / 1000:.3f} kWh"
            assert f"Session ended · {kwh} · EUR {end.cost:.2f}" in text, text
            assert 'href="receipt:' in text and "Receipt…" in text

            files = staff._receipt_files()

            def open_url(url: QUrl) -> bool:
                opened.append(url)
                return True

            files.open_url = open_url  # type: ignore[method-assign]
            view.banner.text.linkActivated.emit(f"receipt:{session.id}")
            await wait_until(lambda: bool(opened) and view.banner.kind == "ok", timeout=20)
            assert opened[0].toLocalFile().endswith(".pdf")
            assert "Receipt" in view.banner.text.text()
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=90)


def test_a_blocked_card_is_asked_about_and_then_reported_refused(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, asked: dict[str, Any]
) -> None:
    view = console.window.overview
    staff = view.staff
    charger = simulator(console, "P1-AC-03", connectors=1)
    asked["card"] = BLOCKED

    async def scenario() -> None:
        await _register(console, Card(BLOCKED, status=CardStatus.BLOCKED), owner="Tom Weber")
        await charger.start()
        try:
            await charger.wait_booted()
            outcome = await staff.start_session("P1-AC-03", 1)
        finally:
            await charger.stop()
        [(_title, question)] = asked["questions"]
        assert "Tom Weber · 04B7C8D9" in question and "blocked" in question
        assert outcome is not None and outcome.accepted and not outcome.succeeded
        assert view.banner.kind == "failed"
        assert "Card refused by the charger: Blocked" in view.banner.text.text()

    run(qloop, scenario(), timeout=60)


def test_declining_a_card_that_may_not_charge_sends_nothing(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, asked: dict[str, Any]
) -> None:
    staff = console.window.overview.staff
    asked["card"], asked["confirm"] = "NOBODY-1", False
    sent: list[Any] = []
    staff.outcome.connect(lambda *args: sent.append(args))

    assert run(qloop, staff.start_session("P1-NONE", 1)) is None
    [(_title, question)] = asked["questions"]
    assert "not registered" in question and sent == []


def test_a_charger_that_accepts_but_never_starts_is_said_so(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, asked: dict[str, Any]
) -> None:
    view = console.window.overview
    staff = view.staff
    staff.start_wait = 1.0
    charger = simulator(console, "P1-AC-04", connectors=1)

    async def never_start(*_args: Any) -> None:
        return None

    charger._remote_start = never_start  # type: ignore[method-assign, assignment]

    async def scenario() -> None:
        await _register(console, Card(ANNA))
        await charger.start()
        try:
            await charger.wait_booted()
            outcome = await staff.start_session("P1-AC-04", 1)
        finally:
            await charger.stop()
        assert outcome is not None and outcome.accepted and not outcome.succeeded
        assert view.banner.kind == "warning"
        assert "The charger accepted but no session started within 1 s" in (view.banner.text.text())

    run(qloop, scenario(), timeout=60)


def test_unlock_and_scheduled_unavailability_are_not_failures(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, asked: dict[str, Any]
) -> None:
    view = console.window.overview
    staff = view.staff
    charger = simulator(console, "P1-AC-05", connectors=2)

    async def scenario() -> None:
        await _register(console, Card(ANNA), owner="Anna Hoffmann")
        await charger.start()
        try:
            await charger.wait_booted()
            await wait_until(lambda: "P1-AC-05" in console.mirror.chargers)
            unlocked = await staff.unlock("P1-AC-05", 1)
            assert unlocked is not None and unlocked.status == "Unlocked"
            assert view.banner.kind == "ok" and "Unlocked" in view.banner.text.text()

            assert await charger.start_session(2, ANNA) is not None
            await wait_until(lambda: _running(console, "P1-AC-05", 2))
            scheduled = await staff.set_available("P1-AC-05", 2, False)
            assert scheduled is not None and scheduled.status == "Scheduled"
            question = asked["questions"][-1][1]
            assert "Anna Hoffmann" in question
            assert view.banner.kind == "info"
            assert (
                "P1-AC-05, connector 2 will become unavailable when the running session ends"
                in view.banner.text.text()
            )
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=60)


def test_a_reset_names_the_sessions_it_ends(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, asked: dict[str, Any]
) -> None:
    staff = console.window.overview.staff
    charger = simulator(console, "P1-AC-06", connectors=2)
    asked["confirm"] = False

    async def scenario() -> None:
        await _register(console, Card(ANNA), owner="Anna Hoffmann")
        await charger.start()
        try:
            await charger.wait_booted()
            assert await charger.start_session(1, ANNA) is not None
            await wait_until(lambda: _running(console, "P1-AC-06", 1))
            assert await staff.reset("P1-AC-06", hard=False) is None
        finally:
            await charger.stop()
        [(_title, question)] = asked["questions"]
        assert "the session of Anna Hoffmann on P1-AC-06, connector 1" in question.replace(
            "The session", "the session"
        )

    run(qloop, scenario(), timeout=60)


# --------------------------------------------------------------------- words, no charger


@pytest.mark.parametrize(
    ("outcome", "kind", "words"),
    [
        (
            CommandOutcome(CommandResult.ANSWERED, "Unlocked", action="UnlockConnector"),
            "ok",
            "the cable can be taken out",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "UnlockFailed", action="UnlockConnector"),
            "failed",
            "could not unlock",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "NotSupported", action="UnlockConnector"),
            "warning",
            "cannot unlock",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "RebootRequired", action="ChangeConfiguration"),
            "info",
            "takes effect when the charger restarts",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "Rejected", action="ChangeConfiguration"),
            "failed",
            "Refused by the charger",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "NotSupported", action="ChangeConfiguration"),
            "warning",
            "does not know that setting",
        ),
        (CommandOutcome(CommandResult.ANSWERED, "Accepted", action="Reset"), "ok", "restarting"),
        (CommandOutcome(CommandResult.ANSWERED, "Accepted", action="ClearCache"), "ok", "emptied"),
        (
            CommandOutcome(CommandResult.ANSWERED, "NotImplemented", action="TriggerMessage"),
            "warning",
            "cannot send that message",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "UnknownVendorId", action="DataTransfer"),
            "failed",
            "vendor id",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "Occupied", action="ReserveNow"),
            "failed",
            "in use",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "Accepted", action="CancelReservation"),
            "ok",
            "cancelled",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "Accepted", action="RemoteStartTransaction"),
            "info",
            "will start",
        ),
        (
            CommandOutcome(CommandResult.ANSWERED, "Rejected", action="RemoteStartTransaction"),
            "failed",
            "Refused by the charger",
        ),
        (CommandOutcome(CommandResult.OFFLINE, error="not connected"), "failed", "offline"),
        (CommandOutcome(CommandResult.TIMEOUT), "failed", "did not answer in time"),
        (CommandOutcome(CommandResult.NOT_SUPPORTED), "warning", "does not support"),
        (
            CommandOutcome(CommandResult.CALL_ERROR, error="InternalError"),
            "failed",
            "answered with an error: InternalError",
        ),
    ],
)
def test_every_answer_has_its_true_meaning(
    qapp: Any, outcome: CommandOutcome, kind: str, words: str
) -> None:
    said = outcome_words(outcome, "P1-AC-02")
    assert said.kind == kind and words in said.sentence, said


def test_scheduled_says_when(qapp: Any) -> None:
    outcome = CommandOutcome(CommandResult.ANSWERED, "Scheduled", action="ChangeAvailability")
    said = outcome_words(outcome, "P1-AC-02", target="P1-AC-02", available=False)
    assert said.kind == "info"
    assert said.sentence == "P1-AC-02 will become unavailable when the running session ends"


def test_the_card_picker_offers_people_who_may_charge_and_finds_them_by_name(
    qtbot: QtBot,
) -> None:
    now = utcnow()
    people = [Person(1, "Anna Hoffmann"), Person(2, "Tom Weber"), Person(3, "Eva Lang")]
    cards = [
        Card(ANNA, person_id=1),
        Card(BLOCKED, status=CardStatus.BLOCKED, person_id=2),
        Card("04EEEEEE", expires_at=now - timedelta(days=1), person_id=3),
        Card("04F00001"),
        Card("VABCDEFGHJ", note="One-time visitor token: Jane"),
    ]
    choices = card_choices(cards, people, recent=["04F00001"], now=now)
    dialog = CardDialog("Start a session on P1-AC-02, connector 2, for:", choices)
    qtbot.addWidget(dialog)

    shown = [dialog.combo.itemText(i) for i in range(dialog.combo.count())]
    assert shown == ["04F00001", "Anna Hoffmann · 04A1B2C3"]  # recent first; no blocked
    dialog.combo.setEditText("hoffm")
    assert dialog.card() == ANNA and "Anna Hoffmann" in dialog.found.text()
    dialog.combo.setEditText("Weber")  # typed by hand: found, and said why it may not
    assert dialog.card() == BLOCKED and "blocked" in dialog.found.text()
    assert choices.find(BLOCKED) == CardChoice(BLOCKED, "Tom Weber", AuthorizationStatus.BLOCKED)
    expired = choices.find("04eeeeee")
    assert expired is not None and not expired.may_charge
    dialog.combo.setEditText("")
    assert not dialog.buttons.buttons()[0].isEnabled() or dialog.card() == ""


def test_the_card_picker_completes_names(qtbot: QtBot) -> None:
    choices = CardChoices((CardChoice(ANNA, "Anna Hoffmann", AuthorizationStatus.ACCEPTED),), ())
    dialog = CardDialog("for:", choices)
    qtbot.addWidget(dialog)
    completer = dialog.combo.completer()
    assert completer is not None
    completer.setCompletionPrefix("hoff")
    assert completer.currentCompletion() == "Anna Hoffmann · 04A1B2C3"
