"""The Configuration page over real websockets: read, edit in place, apply, snapshots."""

from __future__ import annotations

from typing import Any

import qasync
from conftest import run, simulator, wait_until
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.core.configuration import (
    ConfigEntry,
    ConfigSnapshot,
    DifferenceKind,
    KeyChange,
    KeyDifference,
)
from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.simulator import SimulatedCharger
from console.ui.console_app import Console
from console.ui.technician.config_models import (
    BaselineResultsModel,
    ConfigKeysModel,
    DifferencesModel,
    ResultRow,
    SnapshotsModel,
    outcome_look,
)
from console.ui.technician.configuration import ConfigurationPage
from tests.actors import ADMIN


def _page(console: Console) -> ConfigurationPage:
    pages = console.window.technician.pages
    found = [pages.widget(i) for i in range(pages.count())]
    page = next(p for p in found if isinstance(p, ConfigurationPage))
    titles = [pages.tabText(i) for i in range(pages.count())]
    assert "Configuration" in titles and "Commands" in titles
    # On screen: the page reads a chosen charger's keys when it is looked at.
    console.window.show()
    console.window.tabs.setCurrentWidget(console.window.technician)
    pages.setCurrentWidget(page)
    return page


def _edit(page: ConfigurationPage, key: str, value: str) -> None:
    model = page.model
    row = model.row_of(key)
    assert row >= 0, key
    assert model.setData(model.index(row, ConfigKeysModel.VALUE), value)


def _outcome_text(page: ConfigurationPage, key: str) -> str:
    model = page.model
    return str(model.data(model.index(model.row_of(key), ConfigKeysModel.OUTCOME)))


def _stop(qloop: qasync.QEventLoop, *chargers: SimulatedCharger) -> None:
    for charger in chargers:
        run(qloop, charger.stop())


def test_read_edit_apply_with_reboot_prompt(console: Console, qloop: qasync.QEventLoop) -> None:
    page = _page(console)
    charger = simulator(console, "CFG-UI")
    asked: list[tuple[str, list[str]]] = []

    def ask_reset(charger_id: str, keys: list[str]) -> bool:
        asked.append((charger_id, keys))
        return True

    page.ask_reset = ask_reset  # type: ignore[method-assign]

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: "CFG-UI" in console.mirror.chargers)
        page.show_charger("CFG-UI")
        # Choosing an online charger reads its configuration at once.
        await wait_until(lambda: page.model.rowCount() > 20)
        model = page.model
        readonly = model.row_of("NumberOfConnectors")
        writable = model.row_of("HeartbeatInterval")
        assert (
            not model.flags(model.index(readonly, ConfigKeysModel.VALUE))
            & (model.flags(model.index(writable, ConfigKeysModel.VALUE))).ItemIsEditable
        )
        assert model.data(model.index(readonly, ConfigKeysModel.READONLY)) == "read-only"
        # A read-only key cannot be edited in the table; the charger refuses it anyway.
        assert not model.setData(model.index(readonly, ConfigKeysModel.VALUE), "4")
        _edit(page, "ConnectionTimeOut", "75")
        _edit(page, "WebSocketPingInterval", "30")
        _edit(page, "MeterValuesSampledData", "NotAMeasurand")
        assert page.apply_button.isEnabled()
        charger.received.clear()
        changes = await page.apply()
        statuses = {c.key: c.outcome.status for c in changes}
        assert statuses == {
            "ConnectionTimeOut": "Accepted",
            "WebSocketPingInterval": "RebootRequired",
            "MeterValuesSampledData": "Rejected",
        }
        assert _outcome_text(page, "ConnectionTimeOut") == "✓ Accepted"
        assert _outcome_text(page, "WebSocketPingInterval") == "↻ RebootRequired"
        assert _outcome_text(page, "MeterValuesSampledData") == "✕ Rejected"
        # Each outcome says what it means, in the console's shared words.
        reboot = model.index(model.row_of("WebSocketPingInterval"), ConfigKeysModel.OUTCOME)
        assert model.data(reboot, Qt.ItemDataRole.ToolTipRole) == (
            "Setting saved: it takes effect when the charger restarts"
        )
        # Accepted values become the value; the rejected edit stays to be corrected.
        assert model.changed() == {"MeterValuesSampledData": "NotAMeasurand"}
        assert asked == [("CFG-UI", ["WebSocketPingInterval"])]
        assert page.last_reset is not None and page.last_reset.accepted
        await wait_until(lambda: any(c.action == "Reset" for c in charger.received))
        assert page.banner.isVisibleTo(page) and "Soft reset" in page.banner.text.text()
        assert charger.configuration["ConnectionTimeOut"] == "75"

    try:
        run(qloop, scenario())
    finally:
        _stop(qloop, charger)


def test_no_reset_offered_without_reboot(console: Console, qloop: qasync.QEventLoop) -> None:
    page = _page(console)
    charger = simulator(console, "CFG-NR")
    asked: list[Any] = []
    page.ask_reset = lambda *args: asked.append(args) or False  # type: ignore[method-assign]

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: "CFG-NR" in console.mirror.chargers)
        page.show_charger("CFG-NR")
        await wait_until(lambda: page.model.rowCount() > 20)
        _edit(page, "ResetRetries", "4")
        changes = await page.apply()
        assert [c.outcome.status for c in changes] == ["Accepted"]
        assert asked == []
        assert not any(c.action == "Reset" for c in charger.received)
        # An unknown key is NotSupported (through the service the page uses).
        unknown = await console.client.call(
            lambda e: e.configuration.change("CFG-NR", {"NoSuchKey": "1"}, actor=ADMIN)
        )
        assert unknown[0].outcome.status == "NotSupported"
        assert outcome_look(unknown[0].outcome).label == "⊘ NotSupported"

    try:
        run(qloop, scenario())
    finally:
        _stop(qloop, charger)


def test_snapshots_compare_and_apply_baseline(console: Console, qloop: qasync.QEventLoop) -> None:
    page = _page(console)
    panel = page.snapshots
    model = {"vendor": "Acme", "model": "Wallbox-11"}
    ref = simulator(console, "SN-REF", **model)
    one = simulator(console, "SN-ONE", **model)
    two = simulator(console, "SN-TWO", **model)

    async def scenario() -> None:
        for charger in (ref, one, two):
            await charger.start()
            await charger.wait_booted()
        await wait_until(
            lambda: all(
                console.mirror.chargers.get(c) is not None
                and console.mirror.chargers[c].boot is not None
                for c in ("SN-REF", "SN-ONE", "SN-TWO")
            )
        )
        page.show_charger("SN-REF")
        await wait_until(lambda: page.model.rowCount() > 20)
        panel.name_edit.setText("before")
        first = await panel.save()
        assert first is not None and first.name == "before"
        _edit(page, "ResetRetries", "6")
        _edit(page, "ConnectionTimeOut", "45")
        await page.apply()
        second = await panel.save()
        assert second is not None
        assert {s.id for s in panel.model.snapshots} == {first.id, second.id}

        panel.select(first.id, second.id)
        differences = await panel.compare_selected()
        assert {(d.key, d.left, d.right) for d in differences} == {
            ("ResetRetries", "3", "6"),
            ("ConnectionTimeOut", "60", "45"),
        }
        assert panel.diff_model.rowCount() == 2

        panel.select(second.id)
        marked = await panel.mark_baseline()
        assert marked is not None and marked.baseline
        assert any(s.baseline for s in panel.model.snapshots)

        page.show_charger("SN-ONE")
        await wait_until(lambda: page.model.rowCount() > 20)
        comparison = await panel.compare_baseline()
        assert comparison is not None
        assert {d.key for d in comparison.differences} == {"ResetRetries", "ConnectionTimeOut"}
        assert all(d.kind is DifferenceKind.DIFFERENT for d in comparison.differences)

        panel.scope.setCurrentIndex(1)  # this model
        await panel.reload()
        panel.select(second.id)
        targets = [panel.targets.item(i).text() for i in range(panel.targets.count())]
        assert targets == ["SN-ONE", "SN-REF", "SN-TWO"]
        panel.check("SN-ONE", "SN-TWO")
        results = await panel.apply_baseline()
        assert [r.charger_id for r in results] == ["SN-ONE", "SN-TWO"]
        rows = {(r.charger_id, r.key, r.look.text) for r in panel.results_model.rows}
        assert rows == {
            ("SN-ONE", "ResetRetries", "Accepted"),
            ("SN-ONE", "ConnectionTimeOut", "Accepted"),
            ("SN-TWO", "ResetRetries", "Accepted"),
            ("SN-TWO", "ConnectionTimeOut", "Accepted"),
        }
        assert one.configuration["ResetRetries"] == "6"
        assert two.configuration["ConnectionTimeOut"] == "45"

    try:
        run(qloop, scenario(), timeout=60)
    finally:
        _stop(qloop, ref, one, two)


def test_models_pass_the_model_tester(qtmodeltester: Any, qtbot: QtBot) -> None:
    keys = ConfigKeysModel()
    keys.set_entries(
        [ConfigEntry("HeartbeatInterval", "60"), ConfigEntry("NumberOfConnectors", "2", True)]
    )
    keys.setData(keys.index(0, ConfigKeysModel.VALUE), "30")
    accepted = CommandOutcome(CommandResult.ANSWERED, status="Accepted")
    keys.set_outcome(KeyChange("CP", "HeartbeatInterval", "30", accepted))
    qtmodeltester.check(keys, force_py=True)

    from datetime import UTC, datetime

    snapshot = ConfigSnapshot(
        1, "CP", "ref", "Acme", "W-11", "1.0", datetime.now(UTC), True, keys.entries and ()
    )
    snapshots = SnapshotsModel()
    snapshots.set_snapshots([snapshot])
    qtmodeltester.check(snapshots, force_py=True)

    differences = DifferencesModel()
    differences.set_differences(
        [
            KeyDifference("A", DifferenceKind.ADDED, None, "1"),
            KeyDifference("B", DifferenceKind.REMOVED, "2", None),
            KeyDifference("C", DifferenceKind.DIFFERENT, "3", "4"),
        ]
    )
    qtmodeltester.check(differences, force_py=True)

    results = BaselineResultsModel()
    offline = CommandOutcome(CommandResult.OFFLINE, error="charger is not connected")
    results.set_rows(
        [
            ResultRow("CP", "HeartbeatInterval", "30", outcome_look(accepted)),
            ResultRow("CP2", "—", "", outcome_look(offline)),
        ]
    )
    qtmodeltester.check(results, force_py=True)


def test_long_and_read_only_values_are_shown_whole(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    page = _page(console)
    charger = simulator(console, "CFG-LONG")
    long_value = ",".join(
        [
            "Energy.Active.Import.Register",
            "Power.Active.Import",
            "Current.Import",
            "Voltage",
            "SoC",
            "Temperature",
            "Frequency",
        ]
    )
    charger.config.set("MeterValuesSampledData", long_value)
    console.window.resize(1366, 768)

    async def scenario() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: "CFG-LONG" in console.mirror.chargers)
        page.show_charger("CFG-LONG")
        await wait_until(lambda: page.model.rowCount() > 20)

    try:
        run(qloop, scenario())
    finally:
        _stop(qloop, charger)
    model = page.model
    row = model.row_of("MeterValuesSampledData")
    cell = model.index(row, ConfigKeysModel.VALUE)
    assert model.data(cell) == long_value
    # The cell is narrower than the value: the whole value is in its tooltip ...
    view_row = page.proxy.mapFromSource(cell)
    width = page.table.columnWidth(ConfigKeysModel.VALUE)
    assert page.table.fontMetrics().horizontalAdvance(long_value) > width
    assert long_value in str(model.data(cell, Qt.ItemDataRole.ToolTipRole))
    # ... and below the table, wrapped and selectable, when the key is chosen.
    page.table.setCurrentIndex(view_row)
    assert page.value_view.value_text.toPlainText() == long_value
    assert page.value_view.heading.text() == "MeterValuesSampledData"
    readonly = page.proxy.mapFromSource(model.index(model.row_of("NumberOfConnectors"), 0))
    page.table.setCurrentIndex(readonly)
    assert "(read-only)" in page.value_view.heading.text()
    assert (
        page.value_view.value_text.toPlainText()
        == model.entries[model.row_of("NumberOfConnectors")].value
    )
    assert page.value_view.value_text.isReadOnly()
    height = page.value_view.height()
    page.table.setCurrentIndex(view_row)
    assert page.value_view.height() == height  # the box never moves what is around it
