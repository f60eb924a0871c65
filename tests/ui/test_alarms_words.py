"""Alarm words are sentences that name the charger, with times in the site's zone; the
overview totals name offline and faulted chargers and take a person to their rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import qasync
from conftest import run, simulator, wait_until
from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from console.core.alarms import Alarm, AlarmKind
from console.services.formatting import set_site_zone, site_zone
from console.ui.alarms.model import AlarmTableModel
from console.ui.alarms.words import alarm_headline, alarm_sentence
from console.ui.console_app import Console
from console.ui.overview.model import KEY_ROLE
from console.ui.overview.view import OverviewView

WINTER = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # 09:00 CET in Berlin
SUMMER = datetime(2026, 7, 1, 12, 5, tzinfo=UTC)  # 14:05 CEST in Berlin


@pytest.fixture
def berlin() -> Iterator[ZoneInfo]:
    """The site's zone is Europe/Berlin for the test (the process-wide setting restored)."""
    before = site_zone()
    zone = ZoneInfo("Europe/Berlin")
    set_site_zone(zone)
    yield zone
    set_site_zone(before)


def _alarm(kind: AlarmKind, details: dict[str, object], **values: object) -> Alarm:
    fields: dict[str, object] = {
        "id": 1,
        "charger_id": "P2-DC-02",
        "connector_id": None,
        "kind": kind,
        "message": "",
        "details": details,
        "raised_at": WINTER,
        **values,
    }
    return Alarm(**fields)  # type: ignore[arg-type]


def test_every_kind_reads_as_a_sentence_naming_the_charger_in_site_time(
    qapp: object, berlin: ZoneInfo
) -> None:
    cases = {
        "P2-DC-02 has been offline since 2026-03-02 09:00 CET.": _alarm(
            AlarmKind.OFFLINE,
            {"since": WINTER.isoformat()},
            # As stored before this change: the sentence is written again from the details.
            message="Offline since 2026-03-02 08:00:00 UTC",
        ),
        "Connector 2 of P2-DC-02 is faulted: GroundFailure (vendor code E42), RCD tripped.": (
            _alarm(
                AlarmKind.FAULTED,
                {"error_code": "GroundFailure", "vendor_error_code": "E42", "info": "RCD tripped"},
                connector_id=2,
            )
        ),
        "P2-DC-02 rebooted 3 times within 30 minutes.": _alarm(
            AlarmKind.REBOOTS, {"boots": 3, "window_minutes": 30.0}
        ),
        "P2-DC-02 is locked until 2026-07-01 14:05 CEST after 5 wrong passwords from 10.0.0.7.": (
            _alarm(
                AlarmKind.LOCKED_OUT,
                {
                    "peer": "10.0.0.7",
                    "failures": 5,
                    "locked_until": SUMMER.isoformat(),
                    "by_address": False,
                },
            )
        ),
        "P2-DC-02 reported a security event: TamperDetectionActivated (door opened) at "
        "2026-07-01 14:05 CEST.": _alarm(
            AlarmKind.SECURITY,
            # As stored before this change: only the notice's text.
            {
                "text": "action=SecurityEventNotification, type=TamperDetectionActivated, "
                "timestamp=2026-07-01 12:05:00+00:00, tech_info=door opened"
            },
        ),
        "Only 50 MB free on the database's disk.": _alarm(
            AlarmKind.DISK_LOW, {"free_bytes": 1}, message="Only 50 MB free on the database's disk"
        ),
    }
    for expected, alarm in cases.items():
        assert alarm_sentence(alarm) == expected
        assert "UTC" not in alarm_headline(alarm)
    offline = cases["P2-DC-02 has been offline since 2026-03-02 09:00 CET."]
    assert alarm_headline(offline) == "⚠ Offline · " + alarm_sentence(offline)


def test_the_alarm_list_shows_site_time_and_names_the_zone(qapp: object, berlin: ZoneInfo) -> None:
    model = AlarmTableModel()
    raised = _alarm(AlarmKind.OFFLINE, {"since": WINTER.isoformat()}, cleared_at=SUMMER)
    disk = _alarm(AlarmKind.DISK_LOW, {}, id=2, charger_id="database", message="Disk low")
    model.set_alarms([raised, disk])
    assert model.index(0, AlarmTableModel.TIME).data() == "2026-03-02 09:00"
    assert model.index(0, AlarmTableModel.STATE).data().endswith("2026-07-01 14:05")
    # Cleared: the condition is told in the past tense, both ends in site time.
    assert model.index(0, AlarmTableModel.MESSAGE).data() == (
        "P2-DC-02 was offline from 2026-03-02 09:00 CET until 2026-07-01 14:05 CEST."
    )
    assert "Europe/Berlin" in model.headerData(
        AlarmTableModel.TIME, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
    )
    assert model.index(1, AlarmTableModel.CHARGER).data() == "(database)"


def test_the_totals_name_the_offline_charger_and_take_you_to_its_row(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    window = console.window
    view = window.overview
    online = view.totals.online
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    # Enough rows that the last charger (sorted by id) is below the fold at 1366x768.
    chargers = [simulator(console, f"CP-{n:02d}", connectors=2) for n in range(1, 9)]
    away = simulator(console, "CP-ZZ-AWAY", connectors=2, reconnect=False)

    async def scenario() -> None:
        try:
            for charger in [*chargers, away]:
                await charger.start()
            for charger in [*chargers, away]:
                await charger.wait_booted()
            await wait_until(lambda: view.model.rowCount() == 18)
            await away.go_offline()
            await wait_until(lambda: online.names == ["CP-ZZ-AWAY"])
            assert "⚠ Offline:" in online.note.text() and "CP-ZZ-AWAY" in online.note.text()
            assert online.value.text() == "8 / 9"
            row = _row_rect(view, "CP-ZZ-AWAY")
            assert row is None or not view.table.viewport().rect().contains(row)  # below
            view.filter_edit.setText("CP-01")  # a filter hiding it is cleared on the way
            with qtbot.waitSignal(view.totals.chargerRequested, timeout=2000) as blocker:
                online.note.linkActivated.emit("charger:CP-ZZ-AWAY")
            assert blocker.args == ["CP-ZZ-AWAY"]
            selected = view.selected_key()
            assert selected is not None and selected[0] == "CP-ZZ-AWAY"
            assert view.filter_edit.text() == ""
            shown = _row_rect(view, "CP-ZZ-AWAY")
            assert shown is not None and view.table.viewport().rect().contains(shown)
            # The faulted total names its charger too, and leads to the faulted connector.
            await chargers[3].fault(2, "GroundFailure")
            faulted = view.totals.faulted
            await wait_until(lambda: faulted.names == ["CP-04"])
            assert "CP-04" in faulted.note.text()
            faulted.note.linkActivated.emit("charger:CP-04")
            assert view.selected_key() == ("CP-04", 2)
        finally:
            for charger in [*chargers, away]:
                await charger.stop()

    run(qloop, scenario(), timeout=90)


def _row_rect(view: OverviewView, charger_id: str) -> QRect | None:
    """Where the charger's first row is drawn in the table's viewport (None: not shown)."""
    model = view.table.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        key = index.data(KEY_ROLE)
        if key and key[0] == charger_id:
            rect = view.table.visualRect(index)
            return rect if rect.isValid() else None
    return None
