"""Start a session for a visitor without a card: who they are, all of it optional.

Before anything starts the dialog quotes the price: the tariff in force for the visitor
now (energy, time, idle, fees, limits) and what an example charge would cost, so the
driver can say no before the car charges.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.services.price_quote import PriceQuote
from console.ui.billing.words import duration_text, money_text, price_text, tr, weekdays_text
from console.ui.message_bar import hold_place
from console.ui.tasks import TaskKeeper

if TYPE_CHECKING:
    from console.ui.engine_client import EngineClient

log = logging.getLogger(__name__)


def quote_text(quote: PriceQuote | None) -> str:
    """The price as the dialog quotes it (rich text); says so when no tariff applies."""
    if quote is None:
        return tr(
            "<b>No tariff applies to visitors:</b> the session will not be billed. "
            "Set a visitor or default tariff on the Billing tab first."
        )
    tariff, currency = quote.tariff, quote.currency
    prices = []
    if quote.energy_price:
        prices.append(price_text(quote.energy_price, currency, tr("kWh")))
    if quote.time_price:
        prices.append(price_text(quote.time_price, currency, tr("h charging")))
    if tariff.idle_price:
        idle = price_text(tariff.idle_price, currency, tr("h idle"))
        grace = tariff.idle_grace.total_seconds() / 3600
        if grace:
            idle += tr(" after %1 plugged in without charging").replace("%1", duration_text(grace))
        prices.append(idle)
    if tariff.session_fee:
        prices.append(tr("session fee %1").replace("%1", money_text(tariff.session_fee, currency)))
    if tariff.minimum is not None:
        prices.append(tr("at least %1").replace("%1", money_text(tariff.minimum, currency)))
    if tariff.maximum is not None:
        prices.append(tr("at most %1").replace("%1", money_text(tariff.maximum, currency)))
    basis = tr("incl. tax") if tariff.prices_include_tax else tr("plus tax")
    text = (
        tr("<b>Price (%1):</b> %2 (%3).")
        .replace("%1", _escape(tariff.name))
        .replace("%2", ", ".join(prices) or money_text(quote.example_cost, currency))
        .replace("%3", basis)
    )
    if quote.window is not None:
        window = quote.window
        hours = f"{window.start:%H:%M}-{window.end:%H:%M}"
        text += " " + (
            tr("Now the %1 prices apply (%2 %3).")
            .replace("%1", _escape(window.name))
            .replace("%2", weekdays_text(window.weekdays))
            .replace("%3", hours)
        )
    elif tariff.windows:
        text += " " + tr("Other prices apply at some hours (see the tariff).")
    example = money_text(quote.example_cost, currency)
    kwh = f"{quote.example_kwh:f}"
    if quote.prices_time:
        text += "<br>" + (
            tr("Example: about <b>%1</b> for %2 kWh (about %3 at %4 kW).")
            .replace("%1", example)
            .replace("%2", kwh)
            .replace("%3", duration_text(quote.example_hours))
            .replace("%4", f"{quote.example_power_kw:f}")
        )
    else:
        text += "<br>" + (
            tr("Example: about <b>%1</b> for %2 kWh.").replace("%1", example).replace("%2", kwh)
        )
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True, slots=True)
class VisitorEntry:
    """What staff know of the visitor; any of it may be missing."""

    name: str | None
    plate: str | None
    phone: str | None
    email: str | None


class VisitorDialog(QDialog):
    """Name, vehicle plate, phone and e-mail; ChargeDesk issues a one-time card for them.

    With a ``client`` the dialog reads and quotes the price in force before the session
    starts (``quote_label``); ``quote_read`` is that read, for tests to await.
    """

    def __init__(
        self,
        charger_id: str,
        connector_id: int,
        parent: QWidget | None = None,
        client: EngineClient | None = None,
    ) -> None:
        super().__init__(parent)
        self.quote: PriceQuote | None = None
        self.quote_read: asyncio.Task[Any] | None = None
        self.tasks = TaskKeeper(owner=self, wait_for_loop=True)
        self.setWindowTitle(tr("Start for visitor"))
        intro = QLabel(
            tr(
                "Start a session on <b>%1</b>, connector <b>%2</b>, for a driver without a "
                "card. ChargeDesk issues a one-time card and bills the session at the "
                "visitor tariff when it ends. Everything below is optional."
            )
            .replace("%1", charger_id)
            .replace("%2", str(connector_id))
        )
        intro.setWordWrap(True)
        self.quote_label = QLabel()
        self.quote_label.setWordWrap(True)
        self.quote_label.setStyleSheet(
            "QLabel { background:#EEF4FA; border:1px solid #C9D9EA; border-radius:4px;"
            " padding:6px; }"
        )
        self.quote_label.setText(tr("Reading the price…"))
        self.quote_label.setVisible(client is not None)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(tr("e.g. Jana Novak"))
        self.plate_edit = QLineEdit()
        self.plate_edit.setPlaceholderText(tr("e.g. B-XY 1234"))
        self.plate_edit.setMaxLength(32)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(tr("for questions about the bill"))
        self.phone_edit.setMaxLength(64)
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(tr("to send the receipt"))
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color:#A8410B;")
        hold_place(self.problem_label)  # the buttons stay where they are
        form = QFormLayout()
        form.addRow(tr("&Name:"), self.name_edit)
        form.addRow(tr("Vehicle &plate:"), self.plate_edit)
        form.addRow(tr("P&hone:"), self.phone_edit)
        form.addRow(tr("&E-mail:"), self.email_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Start session"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.email_edit.textChanged.connect(self._revalidate)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.quote_label)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._revalidate()
        if client is not None:
            self.quote_read = self.tasks.start(self.read_quote(client))

    async def read_quote(self, client: EngineClient) -> PriceQuote | None:
        """Read the price in force for a visitor now and show it."""
        try:
            self.quote = await client.read(lambda q: q.visitor_quote())
        except Exception as error:  # the dialog still works; the price is said missing
            log.warning("could not read the visitor price: %s", error)
            self.quote_label.setText(
                tr("The price could not be read: %1").replace("%1", _escape(str(error)))
            )
            return None
        self.show_quote(self.quote)
        return self.quote

    def show_quote(self, quote: PriceQuote | None) -> None:
        """Show ``quote`` (None: no tariff applies)."""
        self.quote = quote
        self.quote_label.setText(quote_text(quote))
        self.quote_label.show()

    def done(self, result: int) -> None:  # Qt override
        """Closing the dialog stops reading the price."""
        if self.quote_read is not None and not self.quote_read.done():
            self.quote_read.cancel()
        super().done(result)

    def problem(self) -> str:
        """Why the details cannot be used yet; empty when they can."""
        email = self.email_edit.text().strip()
        if email and ("@" not in email or email.startswith("@") or email.endswith("@")):
            return tr("The e-mail address looks incomplete")
        return ""

    def _revalidate(self) -> None:
        problem = self.problem()
        self.problem_label.setText(f"⚠ {problem}" if problem else "")
        self.problem_label.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def entry(self) -> VisitorEntry:
        """The visitor as entered, blanks as None."""

        def value(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return VisitorEntry(
            value(self.name_edit),
            value(self.plate_edit),
            value(self.phone_edit),
            value(self.email_edit),
        )
