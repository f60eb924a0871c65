"""The charger detail view against a real console and a simulated DC charger."""

from __future__ import annotations

from typing import Any

import pytest
import qasync
from conftest import run, wait_until
from pytestqt.qtbot import QtBot

from console.core.model import Card
from console.services.admin import add_card
from console.simulator import SimulatedCharger
from console.ui.console_app import Console
from console.ui.detail.view import ChargerDetailView
from tests.actors import ADMIN


def _dc_charger(console: Console, charger_id: str, meter_interval: float = 0.3) -> SimulatedCharger:
    return SimulatedCharger(
        charger_id,
        f"ws://127.0.0.1:{console.client.engine.port}/ocpp/",
        connectors=2,
        kind="DC",
        meter_interval=meter_interval,
        speed=60.0,  # energy and SoC move quickly; timestamps stay real
        soc_start=40.0,
        vendor="Kempower",
        model="S-Series 50",
        firmware="2.11.3",
        seed=5,
    )


@pytest.fixture
def detail(console: Console, qtbot: QtBot) -> ChargerDetailView:
    """The console's detail view, on screen (it reads the message log only when shown)."""
    window = console.window
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentWidget(window.detail)
    return window.detail


def test_detail_shows_boot_details_and_a_running_dc_session(
    console: Console, qloop: qasync.QEventLoop, detail: ChargerDetailView
) -> None:
    add_card(console.config.database_url, Card("DC-CARD"), actor=ADMIN)
    # A reading a second: between two, the meter holds still long enough to be shown.
    charger = _dc_charger(console, "CP-DC", meter_interval=1.0)
    assert detail.empty_label.isVisible() and not detail.body.isVisible()
    # Chosen before it ever connected (as a restored setting does): it fills in later.
    detail.show_charger("CP-DC")
    assert detail.charger_id == "CP-DC"
    assert detail.title.text() == "CP-DC"
    assert detail.body.isVisible() and not detail.empty_label.isVisible()

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: detail.boot_panel.fields["vendor"].text() == "Kempower")
        assert await charger.start_session(1, "DC-CARD") is not None
        await wait_until(lambda: 1 in detail.cards)
        card = detail.cards[1]
        await wait_until(
            lambda: (
                card.soc_bar.isVisibleTo(card)
                and "kWh" in card.energy_label.text()
                and "started" not in card.duration_label.text()
                and detail.messages_model.rowCount() > 4
                # The live figures come from events, the message rows from the log's next
                # commit: wait for both rather than assume one order.
                and {"StartTransaction", "MeterValues"}
                <= {r.frame.action for r in detail.messages_model.rows}
                and any(c.status.value == "Charging" for c in detail.history_model.rows)
            ),
            timeout=10,
        )
        # The energy shown is what the charger's own meter counted since the session
        # began (its register as last sent, less meterStart), to the 0.01 kWh shown.
        session = charger.session(1)
        assert session is not None
        meter, meter_start = charger.connector(1).meter, session.meter_start

        def shows_the_meter() -> bool:
            counted = (int(meter.energy_wh) - meter_start) / 1000  # as sent: whole Wh
            shown = card.energy_label.text().removesuffix(" kWh").replace(",", ".")
            try:
                return counted > 0 and abs(float(shown) - counted) <= 0.0051
            except ValueError:  # "— kWh": no reading yet
                return False

        await wait_until(shows_the_meter, timeout=10)

    try:
        run(qloop, scenario())
        fields = {name: label.text() for name, label in detail.boot_panel.fields.items()}
        assert fields["model"] == "S-Series 50"
        assert fields["serial"] == "SN-CP-DC"
        assert fields["firmware"] == "2.11.3"
        assert fields["connection"].startswith("● Online since")
        assert fields["address"].startswith("127.0.0.1")
        assert detail.subtitle.text() == "Kempower · S-Series 50"
        card = detail.cards[1]
        assert card.card_label.text() == "Card DC-CARD"
        assert card.status_label.text().endswith("Charging")
        assert 40 <= card.soc_bar.value() <= 100
        assert card.soc_label.text() == f"SoC {card.soc_bar.value()} %"
        assert card.stop_button.isEnabled() and not card.start_button.isEnabled()
        assert detail.cards[2].idle_label.isVisibleTo(detail.cards[2])
        actions = {r.frame.action for r in detail.messages_model.rows}
        assert {"StartTransaction", "MeterValues"} <= actions
        assert detail.picker.currentText() == "CP-DC"
        assert detail.plot.charger_id == "CP-DC"
    finally:
        run(qloop, charger.stop())


def test_stop_button_stops_the_session_through_staff_actions(
    console: Console,
    qloop: qasync.QEventLoop,
    detail: ChargerDetailView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_card(console.config.database_url, Card("STOP-CARD"), actor=ADMIN)
    asked: list[str] = []

    async def confirm(title: str, text: str, proceed: str = "") -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr(detail.staff, "confirm", confirm)
    outcomes: list[Any] = []
    detail.staff.outcome.connect(lambda *args: outcomes.append(args))
    charger = _dc_charger(console, "CP-STOP")

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        # Picked from the list, as a person does.
        await wait_until(lambda: detail.picker.findText("CP-STOP") >= 0)
        detail.picker.activated.emit(detail.picker.findText("CP-STOP"))
        assert detail.charger_id == "CP-STOP"
        assert await charger.start_session(2, "STOP-CARD") is not None
        await wait_until(lambda: 2 in detail.cards and detail.cards[2].stop_button.isEnabled())
        detail.cards[2].stop_button.click()
        await charger.wait_for(lambda: charger.session(2) is None, timeout=10)
        await wait_until(lambda: detail.cards[2].idle_label.isVisibleTo(detail.cards[2]))

    try:
        run(qloop, scenario())
    finally:
        run(qloop, charger.stop())
    assert asked == ["Stop session"]
    assert outcomes and outcomes[-1][0] == "CP-STOP" and outcomes[-1][2].accepted
    assert detail.staff.banner.isVisible()


def test_a_connector_card_wider_than_the_column_widens_the_column(
    detail: ChargerDetailView,
) -> None:
    # German words are longer: the column grows to the card instead of cutting it off.
    def long_words(card: Any) -> None:
        card.availability_button.setText("Ladepunkt nicht verfügbar machen " * 3)

    card = detail.body.card(1, long_words)
    needed = card.minimumSizeHint().width()
    assert detail.body._scroll.minimumWidth() >= needed
    detail.body.clear_cards()
