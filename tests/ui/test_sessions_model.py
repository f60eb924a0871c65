"""SessionsTableModel and its filter proxy with hand-made sessions and a fixed clock."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from console.core.model import Session
from console.core.site import ChargerState, ConnectorState
from console.services.formatting import with_zone, zone_label
from console.ui.sessions.export import (
    CsvWords,
    ExportCancelled,
    ExportProgress,
    SessionSnapshot,
    csv_record,
    hours_minutes,
    iso_time,
    write_csv,
)
from console.ui.sessions.model import SESSION_ROLE, SessionsTableModel
from console.ui.sessions.proxy import SessionsFilterProxyModel
from console.ui.sessions.words import Column, column_titles, flag_labels, stop_reason_words
from console.ui.table_model import SORT_ROLE

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def finished(
    sid: int,
    charger: str,
    energy_wh: int,
    *,
    card: str = "CARD-1",
    hours_ago: float = 5,
    minutes: int = 90,
    flags: tuple[str, ...] = (),
    reason: str | None = "EVDisconnected",
) -> Session:
    start = NOW - timedelta(hours=hours_ago)
    return Session(
        sid,
        charger,
        1,
        card,
        start,
        10_000,
        stopped_at=start + timedelta(minutes=minutes),
        meter_stop=10_000 + energy_wh,
        stop_reason=reason,
        flags=flags,
    )


def running(sid: int, charger: str, *, card: str = "CARD-9", minutes_ago: int = 75) -> Session:
    return Session(sid, charger, 2, card, NOW - timedelta(minutes=minutes_ago), 5_000)


def sample_sessions() -> list[Session]:
    return [
        finished(1, "CP-A", 900, hours_ago=30),
        finished(2, "CP-B", 10_000, card="staff-7", hours_ago=20, flags=("invalid_card",)),
        finished(3, "CP-A", 2_500, hours_ago=10, minutes=605, reason=None),
        finished(4, "CP-C", -1, hours_ago=8, flags=("meter_backwards", "suspect_timestamp")),
        running(5, "CP-B"),
        running(6, "CP-C", card="Visitor-3", minutes_ago=5),
    ]


def make_model(sessions: list[Session] | None = None) -> SessionsTableModel:
    model = SessionsTableModel(now=lambda: NOW)
    model.set_sessions(sample_sessions() if sessions is None else sessions)
    return model


def make_proxy(model: SessionsTableModel) -> SessionsFilterProxyModel:
    proxy = SessionsFilterProxyModel()
    proxy.setSourceModel(model)
    return proxy


def live_charger(charger_id: str, connector_id: int, session_id: int, wh: float) -> ChargerState:
    state = ChargerState(charger_id, online=True)
    state.connectors[connector_id] = ConnectorState(
        connector_id, transaction_id=session_id, session_start_wh=5_000, energy_wh=5_000 + wh
    )
    return state


def column_texts(model: SessionsTableModel | SessionsFilterProxyModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def ids(model: SessionsTableModel | SessionsFilterProxyModel) -> list[int]:
    return [model.index(row, 0).data(SESSION_ROLE).id for row in range(model.rowCount())]


def test_model_passes_the_model_tester_with_finished_and_running_sessions(
    qtmodeltester: ModelTester,
) -> None:
    model = make_model()
    qtmodeltester.check(model)
    proxy = make_proxy(model)
    qtmodeltester.check(proxy)
    # The tester keeps watching the signals while the model changes live.
    model.update_live({"CP-B": live_charger("CP-B", 2, 5, 4_200)}, ["CP-B"])
    model.tick()
    model.upsert(running(7, "CP-D"))
    model.upsert(finished(5, "CP-B", 4_300, hours_ago=75 / 60, minutes=70))
    proxy.sort(Column.ENERGY, ASC)
    proxy.set_running_only(True)
    model.set_sessions(sample_sessions()[:2])


def test_cells_read_as_a_person_expects() -> None:
    model = make_model()
    row_of = {session_id: model.row_of(session_id) for session_id in range(1, 7)}

    def cell(session_id: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.index(row_of[session_id], column).data(role)

    assert cell(3, Column.ENERGY) == "2.50"
    assert cell(3, Column.DURATION) == "10:05"
    assert cell(3, Column.STOP_REASON) == "Stopped at charger"  # omitted reason means Local
    assert cell(1, Column.STOP_REASON) == "Car unplugged"
    assert "EVDisconnected" in str(cell(1, Column.STOP_REASON, Qt.ItemDataRole.ToolTipRole))
    assert cell(4, Column.ENERGY) == "0.00"  # the meter ran backwards: never negative
    assert cell(5, Column.END) == "▶ running"
    assert cell(5, Column.DURATION) == "1:15"
    assert cell(5, Column.ENERGY) == "—"  # no reading from the charger yet
    assert cell(5, Column.STOP_REASON) == ""
    assert cell(1, Column.FLAGS) == ""
    assert cell(2, Column.FLAGS) == "⚠ Card not valid"
    tooltip = str(cell(4, Column.FLAGS, Qt.ItemDataRole.ToolTipRole))
    assert "meter reading at the end was lower" in tooltip
    assert "time far in the future" in tooltip
    assert cell(2, Column.FLAGS, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.headerData(Column.ENERGY, Qt.Orientation.Horizontal) == "Energy (kWh)"


def test_running_sessions_take_live_energy_from_the_mirror_and_refresh_only_their_rows() -> None:
    model = make_model()
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles: changed.append(
            (top.row(), bottom.row(), top.column(), bottom.column())
        )
    )
    # A connector now serving another transaction is not this session's energy.
    chargers = {
        "CP-B": live_charger("CP-B", 2, 5, 3_456),
        "CP-C": live_charger("CP-C", 2, 99, 7_000),
    }
    model.update_live(chargers, ["CP-B", "CP-C"])
    row = model.row_of(5)
    assert model.index(row, Column.ENERGY).data() == "3.46"
    assert model.index(model.row_of(6), Column.ENERGY).data() == "—"
    assert changed == [(row, row, Column.ENERGY, Column.ENERGY)]
    changed.clear()
    model.update_live(chargers, ["CP-B"])  # nothing new: no repaint
    assert changed == []
    model.tick()
    running_rows = {model.row_of(5), model.row_of(6)}
    assert {c[0] for c in changed} == running_rows
    assert all(c[2] == c[3] == Column.DURATION for c in changed)


def test_a_started_session_appears_on_top_and_its_stop_updates_the_same_row() -> None:
    model = make_model()
    new = running(8, "CP-D", minutes_ago=0)
    model.upsert(new)
    assert model.row_of(8) == 0  # newest start first
    stopped = Session(8, "CP-D", 2, "CARD-9", new.started_at, 5_000, NOW, 6_500, "Remote")
    model.upsert(stopped)
    assert model.rowCount() == 7
    assert model.index(0, Column.ENERGY).data() == "1.50"
    assert model.index(0, Column.STOP_REASON).data() == "Stopped remotely"
    model.upsert(new)  # a late "started" never revives a stopped session
    assert not model.session_at(0).running


def test_filter_by_text_matches_charger_or_card_in_any_case() -> None:
    proxy = make_proxy(make_model())
    proxy.set_text("cp-a")
    assert sorted(ids(proxy)) == [1, 3]
    proxy.set_text("  VISITOR ")
    assert ids(proxy) == [6]
    proxy.set_text("Staff-7")
    assert ids(proxy) == [2]
    proxy.set_text("")
    assert proxy.rowCount() == 6


def test_running_only_charger_and_period_filters_combine() -> None:
    proxy = make_proxy(make_model())
    proxy.set_running_only(True)
    assert sorted(ids(proxy)) == [5, 6]
    proxy.set_charger("CP-C")
    assert ids(proxy) == [6]
    proxy.set_running_only(False)
    assert sorted(ids(proxy)) == [4, 6]
    proxy.set_charger(None)
    proxy.set_period(NOW - timedelta(hours=12), NOW)
    assert sorted(ids(proxy)) == [3, 4, 5, 6]


def test_energy_sorts_by_number_not_by_text() -> None:
    proxy = make_proxy(make_model())
    proxy.set_running_only(False)
    proxy.set_text("cp-")
    proxy.sort(Column.ENERGY, ASC)
    finished_energies = [t for t in column_texts(proxy, Column.ENERGY) if t != "—"]
    # As text "10.00" would come before "2.50".
    assert finished_energies == ["0.00", "0.90", "2.50", "10.00"]
    proxy.sort(Column.ENERGY, DESC)
    assert column_texts(proxy, Column.ENERGY)[:2] == ["10.00", "2.50"]
    assert proxy.index(0, Column.ENERGY).data(SORT_ROLE) == 10_000.0


def test_duration_and_time_sort_by_raw_values_and_running_rows_move_when_they_overtake() -> None:
    model = make_model()
    proxy = make_proxy(model)
    proxy.sort(Column.DURATION, DESC)
    assert column_texts(proxy, Column.DURATION)[0] == "10:05"  # "10:05" < "1:30" as text
    proxy.sort(Column.END, DESC)
    assert ids(proxy)[:2] in ([5, 6], [6, 5])  # running sessions end "after everything"
    proxy.sort(Column.START, ASC)
    assert ids(proxy) == [1, 2, 3, 4, 5, 6]
    # Sorted by energy, a running session climbs past finished ones as it charges.
    proxy.sort(Column.ENERGY, DESC)
    model.update_live({"CP-C": live_charger("CP-C", 2, 6, 50_000)})
    assert ids(proxy)[0] == 6


def test_sorting_keeps_the_selected_session_selected() -> None:
    model = make_model()
    proxy = make_proxy(model)
    kept = QPersistentModelIndex(model.index(model.row_of(3), Column.CARD))
    proxy.sort(Column.ENERGY, ASC)
    assert kept.isValid()
    assert kept.row() == model.row_of(3)
    assert kept.column() == Column.CARD


def test_csv_record_uses_iso_local_times_dot_decimals_and_the_table_words() -> None:
    words = CsvWords(column_titles(True), "running", stop_reason_words(), flag_labels())
    done = finished(3, "CP-A", 2_500, hours_ago=10, minutes=605, flags=("invalid_card",))
    record = csv_record(SessionSnapshot(done, 2_500, 605 * 60), words)
    assert record[0:4] == ["3", "CP-A", "1", "CARD-1"]
    assert datetime.fromisoformat(record[4]) == done.started_at
    assert datetime.fromisoformat(record[4]).utcoffset() is not None
    assert record[6:] == ["2.500", "10:05", "Car unplugged", "Card not valid"]
    live = csv_record(SessionSnapshot(running(5, "CP-B"), 1234.5, 75 * 60), words)
    assert live[5:9] == ["running", "1.234", "1:15", ""]
    assert iso_time(NOW).startswith("2026-11-23")
    assert hours_minutes(27 * 3600 + 59) == "27:00"


def test_a_cancelled_write_leaves_no_file_and_an_old_export_untouched(tmp_path: Path) -> None:
    words = CsvWords(column_titles(True), "running", stop_reason_words(), flag_labels())
    rows = [SessionSnapshot(finished(i, "CP", 1000), 1000, 60) for i in range(1, 1200)]
    target = tmp_path / "sessions.csv"
    target.write_text("older export")
    progress = ExportProgress(len(rows))
    with pytest.raises(ExportCancelled):
        write_csv(target, rows, words, progress, on_progress=lambda _done: progress.cancel.set())
    assert target.read_text() == "older export"
    assert list(tmp_path.iterdir()) == [target]
    assert write_csv(target, rows, words, ExportProgress(len(rows))) == len(rows)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        parsed = list(csv.reader(stream))
    # The time columns name the zone of their times (issue 11).
    titles = column_titles(True)
    assert parsed[0] == [*titles[:4], with_zone(titles[4]), with_zone(titles[5]), *titles[6:]]
    assert parsed[0][4].endswith(f"({zone_label()})")
    assert len(parsed) == len(rows) + 1


def test_header_and_rows_of_an_empty_or_invalid_index() -> None:
    model = make_model([])
    assert model.rowCount() == 0
    assert model.data(QModelIndex()) is None
    assert model.headerData(99, Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
