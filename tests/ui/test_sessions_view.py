"""SessionsView in the real console: live sessions from a simulated charger, CSV export."""

from __future__ import annotations

import csv
import math
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from conftest import run, wait_until
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Connection

from console.core.authorization import normalize_id_tag
from console.core.clock import utcnow
from console.core.enums import Approval
from console.core.model import Card, Session
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from console.ui.console_app import Console
from console.ui.sessions import export_job
from console.ui.sessions.export import file_header, write_csv
from console.ui.sessions.model import SESSION_ROLE
from console.ui.sessions.view import SessionsView
from console.ui.sessions.words import Column, column_titles


def simulator(console: Console, charger_id: str, meter_interval: float = 0.2) -> SimulatedCharger:
    """A quick simulated charger pointed at the console."""
    url = f"ws://127.0.0.1:{console.client.engine.port}/ocpp/"
    return SimulatedCharger(
        charger_id,
        url,
        connectors=1,
        boot_retry_floor=0.05,
        reconnect_delay=0.05,
        retry_interval=0.2,
        meter_interval=meter_interval,
        speed=60.0,
        seed=5,
    )


async def add_card(console: Console, id_tag: str) -> None:
    card = Card(id_tag)
    await console.client.call(
        lambda e: e.writer.submit(lambda c: card_repo.save_card(c, card, utcnow()))
    )


def _row(session: Session) -> dict[str, Any]:
    return {
        "id": session.id,
        "charger_id": session.charger_id,
        "connector_id": session.connector_id,
        "id_tag": session.id_tag,
        "id_tag_key": normalize_id_tag(session.id_tag),
        "auth_status": "Accepted",
        "reservation_id": None,
        "started_at": session.started_at,
        "start_received_at": session.started_at,
        "meter_start": session.meter_start,
        "stopped_at": session.stopped_at,
        "stop_received_at": session.stopped_at,
        "meter_stop": session.meter_stop,
        "stop_reason": session.stop_reason,
        "stop_id_tag": None,
        "flags": ",".join(session.flags),
    }


async def store_sessions(console: Console, sessions: list[Session]) -> None:
    """Write sessions straight into the database through the storage layer."""

    def write(connection: Connection) -> None:
        for charger_id in sorted({s.charger_id for s in sessions}):
            if charger_repo.get_charger(connection, charger_id) is None:
                charger_repo.add_charger(connection, charger_id, Approval.ACCEPTED, utcnow())
        connection.execute(session_repo.sessions.insert(), [_row(s) for s in sessions])

    await console.client.call(lambda e: e.writer.submit(write), timeout=120)


def history(count: int, chargers: int = 6) -> list[Session]:
    """``count`` sessions of the last 25 days at most; a few flagged, the newest two running."""
    now = utcnow().replace(microsecond=0)
    spacing = min(7 * 60, 25 * 24 * 3600 // count)  # seconds: all within the default 30 days
    sessions = []
    for n in range(1, count + 1):
        start = now - timedelta(seconds=spacing * n + 180)
        flags = ("invalid_card",) if n % 7 == 0 else ()
        if n <= 2:
            sessions.append(Session(n, f"CP-{n % chargers}", 1, f"card-{n % 11}", start, 1000))
            continue
        sessions.append(
            Session(
                n,
                f"CP-{n % chargers}",
                1 + n % 2,
                f"card-{n % 11}",
                start,
                1000,
                stopped_at=start + timedelta(minutes=5 + n % 300),
                meter_stop=1000 + (n * 137) % 40_000,
                stop_reason=("EVDisconnected", "Remote", None)[n % 3],
                flags=flags,
            )
        )
    return sessions


KWH_SHOWN = 0.0051  # half the 0.01 kWh the column shows (and float noise)


def shown_kwh(view: SessionsView, row: int) -> float:
    """The energy a row of the table shows, as a number (NaN when it shows none)."""
    text = str(view.proxy.index(row, Column.ENERGY).data() or "")
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return math.nan


def visible(view: SessionsView, column: Column) -> list[str]:
    return [view.proxy.index(row, column).data() for row in range(view.proxy.rowCount())]


def export(view: SessionsView, loop: qasync.QEventLoop, path: Path) -> list[list[str]]:
    """Export through the view (the save dialog replaced) and read the file back."""
    done: list[int] = []
    view.exportFinished.connect(lambda _path, rows: done.append(rows))
    view.choose_export_path = lambda _suggested: str(path)  # type: ignore[method-assign]
    assert view.export_csv() is not None

    async def finished() -> None:
        await wait_until(lambda: done, timeout=60)

    run(loop, finished())
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_a_simulated_session_appears_live_and_its_stop_updates_the_row(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = console.window.sessions
    model, proxy = view.model, view.proxy

    async def scenario() -> None:
        await add_card(console, "CARD-LIVE")
        await view.reload()
        # A reading a second: between two, the charger's register holds still long
        # enough for the screen to show exactly it.
        charger = simulator(console, "SIM-S1", meter_interval=1.0)
        await charger.start()
        try:
            await charger.wait_booted()
            transaction_id = await charger.start_session(1, "CARD-LIVE")
            assert transaction_id is not None and transaction_id > 0
            await wait_until(lambda: model.row_of(transaction_id) is not None)
            assert proxy.index(0, 0).data(SESSION_ROLE).id == transaction_id  # on top
            assert proxy.index(0, Column.CHARGER).data() == "SIM-S1"
            assert proxy.index(0, Column.CARD).data() == "CARD-LIVE"
            assert proxy.index(0, Column.END).data() == "▶ running"
            # Energy so far is what the charger's own meter counted since the start: its
            # register (as last sent) minus the session's meterStart, to the 0.01 kWh shown.
            session = charger.session(1)
            assert session is not None
            meter, meter_start = charger.connector(1).meter, session.meter_start

            def shows_the_meter(row: int) -> bool:
                counted_kwh = (int(meter.energy_wh) - meter_start) / 1000  # as sent: whole Wh
                return counted_kwh > 0 and abs(shown_kwh(view, row) - counted_kwh) <= KWH_SHOWN

            await wait_until(lambda: shows_the_meter(0), timeout=15)
            assert view.charger_combo.findData("SIM-S1") > 0

            await charger.stop_session(1)
            await wait_until(lambda: not model.session_at(model.row_of(transaction_id)).running)
            stopped = model.session_at(model.row_of(transaction_id))
            assert model.rowCount() == 1
            row = proxy.mapFromSource(model.index(model.row_of(transaction_id), 0)).row()
            # Stopped: the meterStop the charger sent, less its meterStart.
            assert stopped.meter_stop == int(meter.energy_wh)
            sent_kwh = (int(meter.energy_wh) - meter_start) / 1000
            assert abs(shown_kwh(view, row) - sent_kwh) <= KWH_SHOWN, (
                proxy.index(row, Column.ENERGY).data(),
                sent_kwh,
            )
            assert proxy.index(row, Column.END).data() != "▶ running"
            assert proxy.index(row, Column.STOP_REASON).data() == "Stopped at charger"
        finally:
            await charger.stop()

    run(qloop, scenario())


def test_csv_export_of_a_filtered_sorted_view_matches_the_visible_rows(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    view = console.window.sessions
    run(qloop, store_sessions(console, history(60)))
    run(qloop, view.reload())
    assert view.proxy.rowCount() == 60

    view.filter_edit.setText("cp-1")
    run(qloop, wait_until(lambda: view.proxy.rowCount() == 10))
    view.table.sortByColumn(Column.ENERGY, Qt.SortOrder.DescendingOrder)
    energies = [float(text) for text in visible(view, Column.ENERGY) if text != "—"]
    assert energies == sorted(energies, reverse=True)

    rows = export(view, qloop, tmp_path / "filtered.csv")
    # The time columns name the site's zone ("Start (UTC)" on a site in UTC).
    assert rows[0] == file_header(column_titles(for_file=True))
    assert rows[0][4] == "Start (UTC)"
    assert len(rows) - 1 == view.proxy.rowCount()
    for row, record in enumerate(rows[1:]):
        session = view.proxy.index(row, 0).data(SESSION_ROLE)
        shown = [view.proxy.index(row, column).data() for column in Column]
        assert record[Column.SESSION] == shown[Column.SESSION] == str(session.id)
        for column in (Column.CHARGER, Column.CONNECTOR, Column.CARD, Column.DURATION):
            assert record[column] == shown[column]
        assert record[Column.STOP_REASON] == shown[Column.STOP_REASON]
        assert record[Column.FLAGS] == shown[Column.FLAGS].removeprefix("⚠ ")
        start = datetime.fromisoformat(record[Column.START])
        assert start.utcoffset() is not None and start == session.started_at
        if session.running:
            assert record[Column.END] == "running"
        else:
            assert datetime.fromisoformat(record[Column.END]) == session.stopped_at
            assert abs(float(record[Column.ENERGY]) - float(shown[Column.ENERGY])) < 0.0051
            assert record[Column.ENERGY] == f"{session.energy_wh / 1000:.3f}"

    view.running_check.setChecked(True)
    assert [view.proxy.index(0, 0).data(SESSION_ROLE).id] == [1]  # session 2 is on CP-2
    view.filter_edit.clear()
    run(qloop, wait_until(lambda: view.proxy.rowCount() == 2))
    running = export(view, qloop, tmp_path / "running.csv")
    assert [record[Column.END] for record in running[1:]] == ["running", "running"]


def test_a_large_export_shows_progress_and_the_window_keeps_working(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the snapshot is taken on the GUI thread; the file is written in a worker
    while the window goes on working. (How long each takes on a busy machine is measured
    by ``python -m benchmarks.gui_timings export``, docs/benchmarks.md.)"""
    view = console.window.sessions
    rows = 5_000
    run(qloop, store_sessions(console, history(rows, chargers=40)), timeout=120)
    run(qloop, view.reload(), timeout=60)
    assert view.proxy.rowCount() == rows

    # The writer is held at its start until the test has seen the window work meanwhile:
    # were it on the GUI thread, nothing below could run (and the gate would time out).
    writing = threading.Event()
    gate = threading.Event()
    writers: list[int] = []

    def held_write_csv(*args: Any, **kwargs: Any) -> int:
        writers.append(threading.get_ident())
        writing.set()
        if not gate.wait(30):
            raise RuntimeError("the GUI thread never let the writer go on")
        return write_csv(*args, **kwargs)

    monkeypatch.setattr(export_job, "write_csv", held_write_csv)
    done: list[int] = []
    view.exportFinished.connect(lambda _path, written: done.append(written))
    path = tmp_path / "all.csv"
    view.choose_export_path = lambda _suggested: str(path)  # type: ignore[method-assign]
    job = view.export_csv()
    assert job is not None and job.dialog is not None
    assert job.dialog.isVisible()
    assert job.dialog.maximum() == rows
    assert not view.export_button.isEnabled()

    run(qloop, wait_until(writing.is_set))
    assert writers[0] != threading.main_thread().ident  # written off the GUI thread
    # Meanwhile the window works: filtering shows other rows; the export keeps its snapshot.
    view.filter_edit.setText("cp-1")
    run(qloop, wait_until(lambda: 0 < view.proxy.rowCount() < rows))
    assert view.export_job is job and not done
    gate.set()

    run(qloop, wait_until(lambda: done, timeout=60), timeout=70)
    assert done == [rows]
    assert view.export_job is None and view.export_button.isEnabled()
    with path.open(encoding="utf-8-sig", newline="") as stream:
        assert sum(1 for _ in csv.reader(stream)) == rows + 1
    assert view.message_label.text().startswith(f"{rows} sessions exported to ")


def test_cancelling_a_large_export_writes_nothing(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    view = console.window.sessions
    run(qloop, store_sessions(console, history(2_500)))
    run(qloop, view.reload())
    assert view.proxy.rowCount() == 2_500, (view.model.rowCount(), view.bar.period())
    path = tmp_path / "cancelled.csv"
    view.choose_export_path = lambda _suggested: str(path)  # type: ignore[method-assign]
    job = view.export_csv()
    assert job is not None and job.dialog is not None
    cancel_button = job.dialog.findChild(QPushButton)
    assert cancel_button is not None
    cancel_button.click()  # as the person pressing Cancel
    run(qloop, wait_until(lambda: view.export_job is None))
    assert not path.exists()
    assert list(tmp_path.glob("*.part")) == []
    assert "cancelled" in view.message_label.text()


def test_an_export_that_cannot_be_written_is_shown_to_the_person(
    console: Console, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    view = console.window.sessions
    run(qloop, store_sessions(console, history(5)))
    run(qloop, view.reload())
    failures: list[str] = []
    view.exportFailed.connect(failures.append)
    target = tmp_path / "missing-folder" / "sessions.csv"
    view.choose_export_path = lambda _suggested: str(target)  # type: ignore[method-assign]
    view.export_csv()
    run(qloop, wait_until(lambda: failures))
    assert str(target) in failures[0]
    assert view.error_box is not None and view.error_box.isVisible()
    assert "could not be written" in view.message_label.text()
    assert view.export_button.isEnabled()
    view.error_box.close()


def test_keyboard_ctrl_f_focuses_the_filter_and_ctrl_e_exports(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    window = console.window
    window.show()
    window.tabs.setCurrentWidget(window.sessions)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = window.sessions
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    asked: list[str] = []

    def choose(suggested: str) -> None:
        asked.append(suggested)  # and cancel the dialog

    view.choose_export_path = choose  # type: ignore[method-assign]
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.filter_edit.hasFocus)
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert asked[0].endswith(".csv")  # cancelled in the dialog: nothing happens


def test_the_charger_list_filters_the_table(console: Console, qloop: qasync.QEventLoop) -> None:
    view = console.window.sessions
    run(qloop, store_sessions(console, history(24, chargers=3)))
    run(qloop, view.reload())
    assert [view.charger_combo.itemData(i) for i in range(view.charger_combo.count())] == [
        None,
        "CP-0",
        "CP-1",
        "CP-2",
    ]
    view.charger_combo.setCurrentIndex(view.charger_combo.findData("CP-2"))
    assert set(visible(view, Column.CHARGER)) == {"CP-2"}
    assert view.proxy.rowCount() == 8
    assert view.summary_label.text().startswith("8 session")


def test_a_failed_read_is_shown_instead_of_an_empty_table(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = console.window.sessions

    class BrokenClient:
        async def read(self, _work: Any) -> Any:
            raise OSError("database is locked")

    view.client = BrokenClient()  # type: ignore[assignment]
    run(qloop, view.reload())
    assert "database is locked" in view.message_label.text()
    assert view.error_box is not None and view.error_box.isVisible()
    assert "Loading" not in view.summary_label.text()
    view.error_box.close()


def test_the_date_range_filters_and_reloads_and_a_reversed_range_is_explained(
    console: Console, qloop: qasync.QEventLoop
) -> None:
    view = console.window.sessions
    run(qloop, store_sessions(console, history(20)))  # the last 2.5 hours
    run(qloop, view.reload())
    assert view.proxy.rowCount() == 20
    loads: list[int] = []
    view.loaded.connect(loads.append)
    # Two days back: the sessions of the last 2.5 hours may have begun yesterday.
    before = view.to_edit.date().addDays(-2)
    view.to_edit.setDate(before)
    assert view.proxy.rowCount() == 0  # at once, before the database answers
    run(qloop, wait_until(lambda: loads == [0]))
    view.from_edit.setDate(before.addDays(1))
    assert "From date is after the To date" in view.message_label.text()
