"""Receipt states, payment methods, money and weekdays in words a person understands.

A receipt's state is shown as colour + symbol + word (DESIGN.md), with Okabe-Ito colours
so colour-blind staff can tell them apart, and never by colour alone.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.core.billing import PaymentMethod, ReceiptStatus
from console.core.money import CostKind, CostLine
from console.services.quantities import (
    DurationWords,
    format_duration,
    format_energy,
    format_line_quantity,
)
from console.ui import locale_format
from console.ui.locale_format import format_local, format_money

_CONTEXT = "BillingView"

# (colour, symbol) per receipt state.
RECEIPT_STYLE: dict[ReceiptStatus, tuple[str, str]] = {
    ReceiptStatus.UNPAID: ("#D55E00", "◷"),  # vermillion: money still to collect
    ReceiptStatus.PAID: ("#009E73", "✓"),  # bluish green
    ReceiptStatus.VOID: ("#7F7F7F", "⊘"),  # grey: kept, but no longer counts
}


def tr(text: str) -> str:
    """Translate a Billing tab string."""
    return QCoreApplication.translate(_CONTEXT, text)


def status_word(status: ReceiptStatus) -> str:
    """A receipt's state in one word."""
    words = {
        ReceiptStatus.UNPAID: tr("Unpaid"),
        ReceiptStatus.PAID: tr("Paid"),
        ReceiptStatus.VOID: tr("Void"),
    }
    return words[status]


def status_symbol(status: ReceiptStatus) -> str:
    """The symbol shown beside the word, so colour is not the only cue."""
    return RECEIPT_STYLE[status][1]


def status_colour(status: ReceiptStatus) -> QColor:
    """The colour of a receipt state."""
    return QColor(RECEIPT_STYLE[status][0])


def status_text(status: ReceiptStatus) -> str:
    """Symbol and word, as the table shows them."""
    return f"{status_symbol(status)} {status_word(status)}"


def method_word(method: PaymentMethod) -> str:
    """How a receipt was paid, in words."""
    words = {
        PaymentMethod.CASH: tr("Cash"),
        PaymentMethod.TERMINAL: tr("Card terminal"),
        PaymentMethod.INVOICE: tr("Invoice to department / cost centre"),
    }
    return words[method]


def method_short(method: PaymentMethod) -> str:
    """How a receipt was paid, in one or two words (for a table cell)."""
    words = {
        PaymentMethod.CASH: tr("cash"),
        PaymentMethod.TERMINAL: tr("card terminal"),
        PaymentMethod.INVOICE: tr("invoice"),
    }
    return words[method]


def money_text(amount: Decimal | None, currency: str) -> str:
    """An amount as receipts and reports print it: "EUR 12.34"; empty for None."""
    return "" if amount is None else format_money(amount, currency)


def price_text(price: Decimal | None, currency: str, unit: str) -> str:
    """A unit price as written in a tariff: "EUR 0.39 / kWh"; empty when there is none."""
    if price is None:
        return ""
    exponent = price.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    text = locale_format.price_text(price, currency, places)  # 0.3945 keeps four decimals
    return f"{text} / {unit}" if unit else text


def weekday_names() -> list[str]:
    """Monday to Sunday, abbreviated (0 = Monday as in ``datetime.weekday``)."""
    return [tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun")]


def weekdays_text(days: frozenset[int]) -> str:
    """Days as a short list, with ranges: "Mon-Fri", "Sat, Sun", "every day"."""
    if days == frozenset(range(7)):
        return tr("every day")
    names = weekday_names()
    ordered = sorted(days)
    parts: list[str] = []
    start = previous = ordered[0] if ordered else 0
    for day in [*ordered[1:], None]:
        if day is not None and day == previous + 1:
            previous = day
            continue
        if previous - start >= 2:
            parts.append(f"{names[start]}-{names[previous]}")
        else:
            parts.extend(names[d] for d in range(start, previous + 1))
        if day is not None:
            start = previous = day
    return ", ".join(parts)


def local_text(moment: datetime | None) -> str:
    """A stored (UTC) time in the desk's zone, to the minute."""
    return format_local(moment)


def kwh_text(kwh: Decimal | float | None) -> str:
    """Energy in kWh to three decimals."""
    if kwh is None:
        return ""
    if locale_format.display_locale() is None:
        return f"{float(kwh):,.3f}"
    return locale_format.number_text(float(kwh), 3)


def duration_words() -> DurationWords:
    """How durations are written, translated: "38 s", "44 min", "1 h 02 min"."""
    return DurationWords(tr("%1 s"), tr("%1 min"), tr("%1 h %2 min"))


def duration_text(hours: Decimal | float) -> str:
    """A duration given in hours as people read it: "44 min", "1 h 02 min"."""
    return format_duration(hours, duration_words())


def energy_text(kwh: Decimal | float | None) -> str:
    """Energy with its unit, three decimals: "23.246 kWh"; empty for None."""
    if kwh is None:
        return ""
    if locale_format.display_locale() is None:
        return format_energy(kwh, tr("kWh"))
    rounded = Decimal(format_energy(kwh, ""))  # rounded half up as on the receipt
    return locale_format.number_text(rounded, 3) + " " + tr("kWh")


def component_word(line: CostLine) -> str:
    """What a bill line charges for, with its tariff window: "Energy (Peak)"."""
    words = {
        CostKind.ENERGY: tr("Energy"),
        CostKind.CHARGING_TIME: tr("Charging time"),
        CostKind.IDLE: tr("Idle time"),
        CostKind.SESSION_FEE: tr("Session fee"),
        CostKind.MINIMUM_ADJUSTMENT: tr("Minimum charge"),
        CostKind.MAXIMUM_ADJUSTMENT: tr("Maximum charge"),
    }
    name = words.get(line.kind, str(line.kind))
    return f"{name} ({line.window})" if line.window else name


def quantity_text(line: CostLine) -> str:
    """A bill line's quantity as people read it: "23.246 kWh", "44 min", "1"."""
    return format_line_quantity(line, duration_words())
