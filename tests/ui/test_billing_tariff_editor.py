"""The tariff editor: inline checks as the person types, and saving through the real engine."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import qasync
from conftest import run, wait_until
from PySide6.QtCore import Qt

from console.ui.billing.tariff_editor import TariffEditorDialog
from console.ui.billing.tariff_fields import TariffDraft
from console.ui.billing.tariffs_model import TariffColumn
from console.ui.billing.view import BillingView
from console.ui.billing.windows_model import WindowColumn
from console.ui.console_app import Console

D = Decimal


async def _never(_draft: TariffDraft) -> None:
    raise AssertionError("not saved in this test")


def billing_view(console: Console) -> BillingView:
    console.window.show()
    console.window.tabs.setCurrentWidget(console.window.billing)
    return console.window.billing


async def open_editor(view: BillingView) -> TariffEditorDialog:
    await wait_until(lambda: isinstance(view.billing.dialog, TariffEditorDialog))
    dialog = view.billing.dialog
    assert isinstance(dialog, TariffEditorDialog)
    return dialog


def test_the_editor_lists_problems_inline_and_saves_only_when_none_are_left(qtbot: object) -> None:
    dialog = TariffEditorDialog(_never)
    assert not dialog.save_button.isEnabled()
    assert "A tariff needs a name" in dialog.problems_label.text()
    assert "border" in dialog.name_edit.styleSheet()

    dialog.name_edit.setText("Staff")
    assert dialog.save_button.isEnabled() and dialog.problems_label.isHidden()
    dialog.energy_edit.setText("abc")
    dialog.minimum_edit.setText("5.00")
    dialog.maximum_edit.setText("2.005")
    assert not dialog.save_button.isEnabled()
    text = dialog.problems_label.text()
    assert "Energy price: abc is not a number" in text
    assert "Maximum must be whole cents" in text
    assert "border" in dialog.energy_edit.styleSheet()

    dialog.energy_edit.setText("0,35")  # a comma is read as the decimal point
    dialog.maximum_edit.setText("2.00")
    assert "The maximum is below the minimum" in dialog.problems_label.text()
    dialog.maximum_edit.setText("40")
    dialog.currency_edit.setText("EU")
    assert "three-letter code" in dialog.problems_label.text()
    dialog.currency_edit.setText("eur")
    dialog.timezone_combo.setCurrentText("Mars/Olympus")
    assert "Unknown timezone" in dialog.problems_label.text()
    dialog.timezone_combo.setCurrentText("Europe/Vienna")
    dialog.tax_edit.setText("120")
    assert "between 0 and 100" in dialog.problems_label.text()
    dialog.tax_edit.setText("20")

    dialog.add_window_button.click()
    model = dialog.windows_model
    model.setData(model.index(0, WindowColumn.START), "7:3x")
    assert "Window Peak" in dialog.problems_label.text()
    assert not dialog.save_button.isEnabled()
    model.setData(model.index(0, WindowColumn.START), "16:00")
    model.setData(model.index(0, WindowColumn.ENERGY), "0.45")
    assert dialog.save_button.isEnabled(), dialog.problems_label.text()

    draft = dialog.draft()
    tariff = draft.tariff
    assert tariff.currency == "EUR" and tariff.timezone == "Europe/Vienna"
    assert tariff.energy_price == D("0.35") and tariff.tax_rate == D("0.2")
    assert tariff.minimum == D("5.00") and tariff.maximum == D("40")
    assert tariff.windows[0].start == time(16) and tariff.windows[0].energy_price == D("0.45")
    dialog.deleteLater()


def test_add_and_edit_a_tariff_through_the_view_and_the_engine(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = billing_view(console)

    async def scenario() -> None:
        await view.reload()
        assert "No site default" in view.tariffs.note_label.text()
        view.tariffs.add_button.click()
        dialog = await open_editor(view)
        dialog.name_edit.setText("Staff")
        dialog.energy_edit.setText("0.30")
        dialog.time_edit.setText("0.50")
        dialog.idle_edit.setText("6")
        dialog.grace_spin.setValue(45)
        dialog.fee_edit.setText("1.00")
        dialog.minimum_edit.setText("2.00")
        dialog.tax_included_check.setChecked(False)
        dialog.groups_edit.setText("STAFF, doctors, staff")
        dialog.default_check.setChecked(True)
        dialog.add_window_button.click()
        model = dialog.windows_model
        model.setData(model.index(0, WindowColumn.MON + 5), 2, Qt.ItemDataRole.CheckStateRole)
        model.setData(model.index(0, WindowColumn.ENERGY), "0.40")
        dialog.save_button.click()
        await wait_until(lambda: view.billing.dialog is None)
        assert view.billing.banner.kind == "ok", view.billing.banner.text.text()

        stored = console.queries.tariffs()
        assert [s.tariff.name for s in stored] == ["Staff"]
        tariff = stored[0].tariff
        assert tariff.idle_grace == timedelta(minutes=45) and not tariff.prices_include_tax
        assert tariff.windows[0].weekdays == frozenset(range(6))
        assert console.queries.tariff_groups() == {"doctors": stored[0].id, "STAFF": stored[0].id}
        assert console.queries.default_tariff_id() == stored[0].id
        await wait_until(
            lambda: (
                view.tariffs.model.index(0, TariffColumn.USED_BY).data()
                == "★ site default, doctors, STAFF"
            )
        )
        assert "No site default" not in view.tariffs.note_label.text()
        assert not view.tariffs.retire_button.isEnabled() or view.tariffs.selected() is None

        # A second tariff may not take the first one's name: the engine refuses, the
        # dialog stays open with what was typed and says why.
        view.tariffs.add_button.click()
        dialog = await open_editor(view)
        dialog.name_edit.setText("staff")
        dialog.energy_edit.setText("0.49")
        dialog.save_button.click()
        await wait_until(lambda: "Not saved" in dialog.problems_label.text())
        assert "already a tariff named" in dialog.problems_label.text()
        assert view.billing.dialog is dialog and dialog.isVisible()
        dialog.name_edit.setText("Visitors")
        dialog.groups_edit.setText("")
        dialog.visitor_check.setChecked(True)
        dialog.save_button.click()
        await wait_until(lambda: view.billing.dialog is None)
        await wait_until(lambda: view.tariffs.model.rowCount() == 2)
        assert console.queries.visitor_tariff_id() is not None

        # Edit: the groups taken away pay the default again.
        assert view.tariffs.select(stored[0].id)
        view.tariffs.edit_button.click()
        dialog = await open_editor(view)
        assert dialog.name_edit.text() == "Staff" and dialog.energy_edit.text() == "0.30"
        assert dialog.minimum_edit.text() == "2.00" and dialog.grace_spin.value() == 45
        dialog.groups_edit.setText("STAFF")
        dialog.energy_edit.setText("0.32")
        dialog.save_button.click()
        await wait_until(lambda: view.billing.dialog is None)
        assert console.queries.tariff_groups() == {"STAFF": stored[0].id}
        edited = console.queries.tariffs()
        assert {s.tariff.name: s.tariff.energy_price for s in edited} == {
            "Staff": D("0.32"),
            "Visitors": D("0.49"),
        }

    run(qloop, scenario(), timeout=60)
