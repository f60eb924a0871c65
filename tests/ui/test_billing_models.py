"""The Billing tab's models: qtmodeltester, words, filters and the windows editor's checks."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from console.core.billing import (
    Payment,
    PaymentMethod,
    Receipt,
    ReceiptContent,
    ReceiptStatus,
    SiteDetails,
    StoredTariff,
)
from console.core.money import CostKind, CostLine, total_up
from console.core.tariffs import Tariff, TariffWindow
from console.ui.billing.receipts_model import ReceiptColumn, ReceiptsTableModel, open_amount
from console.ui.billing.receipts_proxy import ReceiptsFilterProxyModel
from console.ui.billing.tariffs_model import TariffColumn, TariffsTableModel, tariff_rows
from console.ui.billing.windows_model import TariffWindowsModel, WindowColumn, WindowDraft
from console.ui.billing.words import money_text, price_text, status_text, weekdays_text

D = Decimal
SITE = SiteDetails("St. Marien", "Car park P1", "DE1")
AT = datetime(2026, 3, 5, 9, tzinfo=UTC)


def receipt(
    number: int,
    status: ReceiptStatus,
    customer: str,
    paid: str | None = None,
    total: str = "4.00",
) -> Receipt:
    line = CostLine(CostKind.ENERGY, None, D("10"), D(total) / 10, D(total))
    breakdown = total_up(
        [line], tariff="Standard", currency="EUR", tax_rate=D("0.19"), prices_include_tax=True
    )
    content = ReceiptContent(
        number=f"2026-{number:05d}",
        issued_at=AT + timedelta(hours=number),
        site=SITE,
        session_id=100 + number,
        charger_id="CP-1",
        connector_id=1,
        started_at=AT,
        stopped_at=AT + timedelta(hours=1),
        energy_kwh=D("10"),
        customer=customer,
        breakdown=breakdown,
    )
    payments = (
        (Payment(number, number, PaymentMethod.TERMINAL, D(paid), AT, "T-991"),) if paid else ()
    )
    return Receipt(number, 2026, number, status, content, payments=payments)


def receipts() -> list[Receipt]:
    return [
        receipt(1, ReceiptStatus.PAID, "Dr. Maria Hoffmann", paid="4.00"),
        receipt(2, ReceiptStatus.UNPAID, "Jana Novak, B-XY 1234", paid="1.00"),
        receipt(3, ReceiptStatus.VOID, "BILL-1"),
    ]


def test_receipts_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = ReceiptsTableModel()
    model.set_receipts(receipts())
    qtmodeltester.check(model, force_py=True)
    proxy = ReceiptsFilterProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)


def test_receipts_show_state_as_colour_symbol_and_word() -> None:
    model = ReceiptsTableModel()
    model.set_receipts(receipts())
    texts = [model.index(row, ReceiptColumn.STATUS).data() for row in range(3)]
    assert texts == ["✓ Paid", "◷ Unpaid", "⊘ Void"]
    colours = {
        model.index(row, ReceiptColumn.STATUS).data(Qt.ItemDataRole.ForegroundRole).name()
        for row in range(3)
    }
    assert len(colours) == 3  # and never colour alone: the symbols and words differ too
    assert model.index(0, ReceiptColumn.TOTAL).data() == "EUR 4.00"
    assert model.index(1, ReceiptColumn.PAID).data() == "EUR 1.00 · card terminal"
    assert model.index(2, ReceiptColumn.PAID).data() == ""
    assert "T-991" in model.index(1, ReceiptColumn.PAID).data(Qt.ItemDataRole.ToolTipRole)


def test_open_amount_is_what_is_left_and_nothing_on_a_void_receipt() -> None:
    paid, unpaid, void = receipts()
    assert open_amount(paid) == D("0.00")
    assert open_amount(unpaid) == D("3.00")
    assert open_amount(void) == D("0.00")


def test_receipts_filter_by_text_and_unpaid_only() -> None:
    model = ReceiptsTableModel()
    model.set_receipts(receipts())
    proxy = ReceiptsFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.set_text("novak")
    assert proxy.rowCount() == 1 and proxy.receipt_at(0).number == 2
    proxy.set_text("t-991")  # a payment's reference
    assert proxy.rowCount() == 2
    proxy.set_text("")
    proxy.set_unpaid_only(True)
    assert [proxy.receipt_at(r).number for r in range(proxy.rowCount())] == [2]


def tariff(name: str = "Standard", **changes: Any) -> Tariff:
    fields: dict[str, Any] = {
        "name": name,
        "currency": "EUR",
        "timezone": "Europe/Berlin",
        "energy_price": D("0.39"),
        "tax_rate": D("0.19"),
    }
    fields.update(changes)
    return Tariff(**fields)


def test_tariffs_model_passes_qtmodeltester_and_says_who_pays(qtmodeltester: Any) -> None:
    peak = TariffWindow("Peak", frozenset(range(5)), time(16), time(20), D("0.59"))
    stored = [
        StoredTariff(1, tariff(idle_price=D("6"), idle_grace=timedelta(minutes=60))),
        StoredTariff(2, tariff("Visitors", windows=(peak,), minimum=D("2.00"))),
    ]
    model = TariffsTableModel()
    model.set_rows(tariff_rows(stored, {"STAFF": 1, "doctors": 1}, 1, 2))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, TariffColumn.USED_BY).data() == "★ site default, doctors, STAFF"
    assert model.index(1, TariffColumn.USED_BY).data() == "visitors"
    assert model.index(0, TariffColumn.IDLE).data() == "EUR 6.00 / h after 60 min"
    assert model.index(0, TariffColumn.TAX).data() == "19% incl."
    assert model.index(1, TariffColumn.WINDOWS).data() == "Peak"
    tip = model.index(1, TariffColumn.WINDOWS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Mon-Fri 16:00-20:00" in tip and "EUR 0.59 / kWh" in tip


def test_windows_model_passes_qtmodeltester_and_edits_days_and_times(qtmodeltester: Any) -> None:
    model = TariffWindowsModel()
    model.add_window(WindowDraft("Peak"))
    model.add_window(WindowDraft("Night", {0, 1, 2, 3, 4, 5, 6}, "22:00", "06:00", "0.29"))
    qtmodeltester.check(model, force_py=True)
    saturday = model.index(0, WindowColumn.MON + 5)
    assert saturday.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.setData(saturday, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(0, WindowColumn.ENERGY), "0,59")
    windows = model.windows()
    assert windows[0].weekdays == frozenset(range(6))
    assert windows[0].energy_price == D("0.59")
    assert windows[1].start == time(22) and windows[1].end == time(6)


def test_windows_model_names_each_problem() -> None:
    model = TariffWindowsModel()
    model.add_window(WindowDraft("Peak", set(), "08:00", "20:00"))
    model.add_window(WindowDraft("Late", {4}, "25:00", "02:00"))
    model.add_window(WindowDraft("Cheap", {5}, "00:00", "24:00", "free"))
    problems = model.problems()
    assert len(problems) == 3
    assert "Peak" in problems[0] and "day" in problems[0]
    assert "25:00" in problems[1]
    assert "free" in problems[2]
    bad = model.index(1, WindowColumn.START)
    assert bad.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "25:00" in bad.data(Qt.ItemDataRole.ToolTipRole)


def test_words_for_money_prices_and_days() -> None:
    assert money_text(D("1234.5"), "EUR") == "EUR 1234.50"
    assert price_text(D("0.3945"), "EUR", "kWh") == "EUR 0.3945 / kWh"
    assert price_text(D("1.2"), "EUR", "h") == "EUR 1.20 / h"
    assert weekdays_text(frozenset(range(5))) == "Mon-Fri"
    assert weekdays_text(frozenset({5, 6})) == "Sat, Sun"
    assert weekdays_text(frozenset(range(7))) == "every day"
    assert weekdays_text(frozenset({0, 2, 3, 4})) == "Mon, Wed-Fri"
    assert status_text(ReceiptStatus.UNPAID) == "◷ Unpaid"
