"""Alarms in the console: the banner, the alarm list, the service report dialog, the model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import qasync
from conftest import run, simulator, wait_until
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from console.core.alarms import Alarm, AlarmKind
from console.ui.alarms.banner import show_alarms_page
from console.ui.alarms.model import AlarmFilterProxy, AlarmTableModel
from console.ui.alarms.notifier import AlarmNotifier, set_sound_enabled, sound_enabled
from console.ui.alarms.page import AlarmsPage
from console.ui.console_app import Console
from tests.actors import named

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _alarm(alarm_id: int, kind: AlarmKind = AlarmKind.FAULTED, **changes: object) -> Alarm:
    values: dict[str, object] = {
        "id": alarm_id,
        "charger_id": f"CP-{alarm_id}",
        "connector_id": 1 if kind is AlarmKind.FAULTED else None,
        "kind": kind,
        "message": f"alarm {alarm_id}",
        "details": {},
        "raised_at": T0 + timedelta(minutes=alarm_id),
        **changes,
    }
    return Alarm(**values)  # type: ignore[arg-type]


def _alarms_page(console: Console) -> AlarmsPage:
    pages = console.window.technician.pages
    for index in range(pages.count()):
        page = pages.widget(index)
        if isinstance(page, AlarmsPage):
            return page
    raise AssertionError("no alarms page")


def test_alarm_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = AlarmTableModel()
    model.set_alarms(
        [
            _alarm(3, AlarmKind.SECURITY),
            _alarm(2, AlarmKind.OFFLINE, cleared_at=T0 + timedelta(hours=1)),
            _alarm(1, acknowledged_at=T0, acknowledged_by="Tom"),
        ]
    )
    model.upsert(_alarm(4, AlarmKind.REBOOTS))
    model.upsert(_alarm(1, cleared_at=T0, acknowledged_at=T0, acknowledged_by="Tom"))
    proxy = AlarmFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_open_only(True)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]
    assert proxy.rowCount() == 3  # alarm 1 is cleared and acknowledged: dealt with
    assert model.index(0, AlarmTableModel.KIND).data() == "↻ Reboots"
    assert model.index(3, AlarmTableModel.ACKNOWLEDGED).data().startswith("Tom, ")
    assert "cleared" in model.index(2, AlarmTableModel.STATE).data()
    assert model.index(0, AlarmTableModel.KIND).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_sound_setting_is_remembered_and_offscreen_has_no_tray(qapp: object) -> None:
    assert not sound_enabled()
    set_sound_enabled(True)
    assert QSettings().value("alarms/sound") == "true" and sound_enabled()
    notifier = AlarmNotifier()
    assert notifier.tray is None  # offscreen: skipped quietly
    notifier.notify(_alarm(1))
    assert len(notifier.notified) == 1


def test_a_fault_shows_the_banner_and_acknowledging_hides_it(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    window = console.window
    banner = window.alarm_banner
    page = _alarms_page(console)
    console.client.actor = named("Desk Dana")  # logged in: acknowledgements carry the name
    charger = simulator(console, "CP-ALARM", connectors=2)
    window.show()
    assert banner.isHidden()

    async def scenario() -> None:
        await charger.start()
        try:
            await charger.wait_booted()
            await wait_until(
                lambda: (
                    all(charger.status(i) == "Available" for i in charger.connector_ids)
                    and window.mirror.chargers.get("CP-ALARM") is not None
                )
            )
            await charger.fault(2, "HighTemperature", "Cable hot")
            await wait_until(lambda: banner.isVisible())
            # A sentence naming the charger and the connector (was "CP-ALARM / 2: …").
            assert "Connector 2 of CP-ALARM is faulted" in banner.text.text()
            assert "HighTemperature" in banner.text.text()
            assert "1 unacknowledged alarm" in banner.count.text()
            await wait_until(lambda: banner.notifier.notified)  # the bridge's event
            assert banner.notifier.notified[-1].charger_id == "CP-ALARM"
            await wait_until(lambda: page.model.rowCount() == 1)
            qtbot.mouseClick(banner.show_button, Qt.MouseButton.LeftButton)
            assert window.tabs.currentWidget() is window.technician
            assert window.technician.pages.currentWidget() is page
            qtbot.mouseClick(banner.acknowledge_button, Qt.MouseButton.LeftButton)
            await wait_until(lambda: banner.isHidden())
            await wait_until(lambda: page.model.alarms[0].acknowledged)
            assert page.model.alarms[0].acknowledged_by == "Desk Dana"
            stored = await console.client.read(lambda q: q.alarms())
            assert [a.acknowledged_by for a in stored] == ["Desk Dana"]
            assert stored[0].open  # still faulted
            await charger.clear_fault(2)
            await wait_until(lambda: not page.model.alarms[0].open)
            message = page.model.index(0, page.model.MESSAGE).data()
            assert message.startswith("Connector 2 of CP-ALARM was faulted: HighTemperature")
            page.open_only.setChecked(True)
            assert page.proxy.rowCount() == 0
        finally:
            await charger.stop()

    run(qloop, scenario())


def test_alarms_page_acknowledges_all(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    page = _alarms_page(console)
    charger = simulator(console, "CP-MANY", connectors=2)
    show_alarms_page(console.window.tabs, console.window.technician)

    async def scenario() -> None:
        await charger.start()
        try:
            await charger.wait_booted()
            await wait_until(lambda: all(charger.status(i) == "Available" for i in (1, 2)))
            await charger.fault(1)
            await charger.fault(2)
            await wait_until(lambda: page.model.rowCount() == 2)
            assert page.acknowledge_all_button.isEnabled()
            page.table.selectRow(0)
            assert page.acknowledge_button.isEnabled()
            done = await page.acknowledge_all()
            assert len(done) == 2
            assert not page.acknowledge_all_button.isEnabled()
            assert "2 alarms acknowledged" in page.outcome.text()
            await wait_until(lambda: console.window.alarm_banner.isHidden())
        finally:
            await charger.stop()

    run(qloop, scenario())


def test_service_report_dialog_adds_a_note_and_saves_the_pdf(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _alarms_page(console)
    charger = simulator(console, "CP-REPORT", connectors=1, firmware="2.0.9")
    target = tmp_path / "report.pdf"

    async def scenario() -> None:
        await charger.start()
        try:
            await charger.wait_booted()
            await wait_until(lambda: charger.status(1) == "Available")
            await charger.fault(1, "ConnectorLockFailure", "Lock stuck")
            await wait_until(lambda: page.model.rowCount() == 1)
            page.table.selectRow(0)
            dialog = page.service_report_dialog(page.selected_alarms()[0].charger_id)
            qtbot.addWidget(dialog)
            dialog.show()
            assert dialog.charger.charger_id == "CP-REPORT"
            dialog.note_edit.setPlainText("Freed the lock; tested twice.")
            note = await dialog.add_note()
            assert note is not None and note.text == "Freed the lock; tested twice."
            assert dialog.note_list.count() == 1
            dialog.choose_path = lambda _suggested: str(target)  # type: ignore[method-assign]
            assert await dialog.save_pdf(target)
            assert "Saved" in dialog.status.text()
            dialog.reject()
        finally:
            await charger.stop()

    run(qloop, scenario())
    document = pdfium.PdfDocument(str(target))
    try:
        text = " ".join(document[0].get_textpage().get_text_range().split())
    finally:
        document.close()
    for expected in ("CP-REPORT", "2.0.9", "ConnectorLockFailure", "Freed the lock"):
        assert expected in text, expected
