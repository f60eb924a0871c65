"""A visitor without a card: started from the overview through the dialog against a simulated
charger (real websockets), its cost so far live in the charger detail, billed when it ends."""

from __future__ import annotations

from typing import Any

import qasync
from billing_ui_fixtures import billing_site
from conftest import run, simulator, wait_until
from PySide6.QtWidgets import QDialogButtonBox

from console.core.billing import ReceiptStatus
from console.core.enums import ConnectorStatus
from console.core.model import CommandOutcome
from console.ui.billing.visitor_dialog import VisitorDialog
from console.ui.console_app import Console
from console.ui.overview.model import Column


def test_start_for_a_visitor_shows_the_live_cost_and_bills_the_visitor(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    console.window.show()
    window = console.window
    view = window.overview
    outcomes: list[tuple[str, str, CommandOutcome]] = []
    view.staff.outcome.connect(lambda c, title, outcome: outcomes.append((c, title, outcome)))
    charger = simulator(console, "CP-VIS", connectors=1)

    def status() -> str:
        row = view.model.row_of(("CP-VIS", 1))
        return "" if row is None else str(view.model.index(row, Column.STATUS).data() or "")

    def open_visitor_dialog() -> VisitorDialog | None:
        dialogs = [d for d in view.findChildren(VisitorDialog) if d.isVisible()]
        return dialogs[0] if dialogs else None

    async def scenario() -> Any:
        await billing_site(console)
        await charger.start()
        try:
            await charger.wait_booted()
            await wait_until(lambda: status() == "Available")
            assert view.select("CP-VIS", 1)
            action = view.row_actions.actions["visitor"]
            assert action.isEnabled() and action.text() == "Start for visitor…"
            action.trigger()
            await wait_until(lambda: open_visitor_dialog() is not None)
            dialog = open_visitor_dialog()
            assert dialog is not None
            dialog.name_edit.setText("Jana Novak")
            dialog.plate_edit.setText("B-XY 1234")
            dialog.email_edit.setText("jana@")
            ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
            assert not ok.isEnabled() and "e-mail" in dialog.problem_label.text()
            dialog.email_edit.setText("")  # everything is optional
            assert ok.isEnabled()
            ok.click()

            await wait_until(lambda: len(outcomes) == 1, timeout=15)
            charger_id, title, outcome = outcomes[0]
            assert charger_id == "CP-VIS" and outcome.accepted, outcome.describe()
            assert "Jana Novak" in title
            visitor = view.staff.last_visitor
            assert visitor is not None and visitor.plate == "B-XY 1234"
            # The charger received RemoteStartTransaction with the one-time token.
            await charger.wait_for(lambda: charger.transaction_id(1) is not None, timeout=15)
            session = charger.session(1)
            assert session is not None and session.id_tag == visitor.token

            # A running session shows its cost so far, live, in the charger detail.
            window.detail.show_charger("CP-VIS")
            window.tabs.setCurrentWidget(window.detail)
            await wait_until(lambda: 1 in window.detail.cards)
            card = window.detail.cards[1]
            window.detail.costs.poller.poll()
            await wait_until(lambda: "so far" in card.cost_label.text(), timeout=15)
            first = card.cost_label.text()
            assert first.startswith("EUR ") and card.cost_label.isVisible()
            assert "Tariff Visitors" in card.cost_label.toolTip()
            await wait_until(lambda: card.cost_label.text() != first, timeout=15)

            await charger.stop_session(1)
            await charger.wait_for(lambda: charger.status(1) == ConnectorStatus.AVAILABLE)
            # The visitor's receipt is issued when the session is billed.
            billing = window.billing
            window.tabs.setCurrentWidget(billing)
            await wait_until(
                lambda: any(
                    r.content.customer == "Jana Novak, B-XY 1234" for r in billing.model.receipts()
                ),
                timeout=15,
            )
            receipt = next(
                r for r in billing.model.receipts() if r.content.customer.startswith("Jana")
            )
            assert receipt.status is ReceiptStatus.UNPAID and receipt.total > 0
            assert receipt.content.breakdown.tariff == "Visitors"
        finally:
            await charger.stop()

    run(qloop, scenario(), timeout=90)
