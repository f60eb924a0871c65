"""ChargerTableModel and its proxy against a mirror fed by hand-made updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.core.enums import Approval, ConnectorStatus
from console.core.site import ChargerState, ConnectorState
from console.ui.bridge import SiteUpdate
from console.ui.overview.format import natural_key, relative_time
from console.ui.overview.model import KEY_ROLE, PROBLEM_ROLE, ChargerTableModel, Column
from console.ui.overview.proxy import ChargerFilterProxyModel
from console.ui.overview.row_actions import plan_actions
from console.ui.site_mirror import SiteMirror

NOW = datetime.now(UTC)


def make_charger(
    charger_id: str, *statuses: ConnectorStatus, online: bool = True, **whole: Any
) -> ChargerState:
    state = ChargerState(charger_id, approval=Approval.ACCEPTED, online=online, last_seen=NOW)
    for number, status in enumerate(statuses, start=1):
        state.connectors[number] = ConnectorState(number, status=status, status_at=NOW)
    if whole:
        state.connectors[0] = ConnectorState(0, **whole)
    return state


def push(mirror: SiteMirror, *chargers: ChargerState, full: bool = False) -> None:
    mirror.apply(SiteUpdate(chargers={c.charger_id: c for c in chargers}, full=full))


def keys(model: ChargerTableModel) -> list[tuple[str, int]]:
    return [model.index(row, 0).data(KEY_ROLE) for row in range(model.rowCount())]


def changed_rows(model: ChargerTableModel, recorded: list[tuple[int, int]]) -> set[int]:
    return {row for top, bottom in recorded for row in range(top, bottom + 1)}


def record_changes(model: ChargerTableModel) -> list[tuple[int, int]]:
    recorded: list[tuple[int, int]] = []

    def on_changed(top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        if top.column() == 0 and bottom.column() == len(Column) - 1:
            recorded.append((top.row(), bottom.row()))  # a clock tick is one column

    model.dataChanged.connect(on_changed)
    return recorded


AVAILABLE, CHARGING, FAULTED = (
    ConnectorStatus.AVAILABLE,
    ConnectorStatus.CHARGING,
    ConnectorStatus.FAULTED,
)


def test_model_passes_the_model_tester_through_updates(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    mirror = SiteMirror()
    push(
        mirror,
        make_charger("CP-2", AVAILABLE, AVAILABLE),
        make_charger("CP-10", CHARGING),
        full=True,
    )
    model = ChargerTableModel(mirror)
    qtmodeltester.check(model)
    assert keys(model) == [("CP-2", 1), ("CP-2", 2), ("CP-10", 1)]

    push(mirror, make_charger("CP-3"))  # no connectors known yet: shown as the whole charger
    push(mirror, make_charger("CP-3", AVAILABLE, FAULTED))
    push(mirror, make_charger("CP-2", FAULTED, AVAILABLE, online=False))
    qtmodeltester.check(model)
    proxy = ChargerFilterProxyModel(model)
    proxy.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)


def test_an_update_changes_only_the_rows_of_the_chargers_it_names(qtbot: QtBot) -> None:
    mirror = SiteMirror()
    a, b, c = (make_charger(i, AVAILABLE, AVAILABLE) for i in ("CP-1", "CP-2", "CP-3"))
    push(mirror, a, b, c, full=True)
    model = ChargerTableModel(mirror)
    recorded = record_changes(model)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    charging = make_charger("CP-2", CHARGING, AVAILABLE)
    charging.connectors[1] = replace(
        charging.connectors[1], transaction_id=7, id_tag="CARD-1", power_w=7400.0
    )
    push(mirror, charging)
    assert changed_rows(model, recorded) == {2, 3}
    assert model.index(2, Column.POWER).data() == "7.4"
    assert model.index(2, Column.CARD).data() == "CARD-1"

    # A full update with the same rows signals only what differs from what is shown.
    recorded.clear()
    push(mirror, a, charging, replace(c, online=False), full=True)
    assert changed_rows(model, recorded) == {4, 5}
    assert not resets

    # A full update with other rows resets the model.
    push(mirror, a, charging, full=True)
    assert resets and keys(model) == [("CP-1", 1), ("CP-1", 2), ("CP-2", 1), ("CP-2", 2)]


def test_new_chargers_are_inserted_and_connectors_replace_the_whole_charger_row(
    qtbot: QtBot,
) -> None:
    mirror = SiteMirror()
    push(mirror, make_charger("CP-1", AVAILABLE), full=True)
    model = ChargerTableModel(mirror)
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))

    push(mirror, make_charger("CP-NEW"))
    assert inserted == [(1, 1)] and keys(model)[1] == ("CP-NEW", 0)
    assert model.index(1, Column.CONNECTOR).data() == "—"

    push(mirror, make_charger("CP-NEW", AVAILABLE, AVAILABLE))
    assert removed == [(1, 1)] and inserted[-1] == (1, 2)
    assert keys(model) == [("CP-1", 1), ("CP-NEW", 1), ("CP-NEW", 2)]


def test_faulted_and_offline_rows_stand_out_and_say_why(qtbot: QtBot) -> None:
    mirror = SiteMirror()
    faulted = make_charger("CP-1", FAULTED, AVAILABLE)
    faulted.connectors[1] = replace(
        faulted.connectors[1], error_code="GroundFailure", info="RCD tripped"
    )
    push(mirror, faulted, make_charger("CP-2", CHARGING, online=False), full=True)
    model = ChargerTableModel(mirror)

    assert model.index(0, Column.STATUS).data() == "Faulted"
    assert model.index(0, Column.PROBLEM).data() == "GroundFailure — RCD tripped"
    assert model.index(0, Column.STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(2, Column.STATUS).data() == "Offline"
    assert model.index(2, Column.CONNECTION).data().startswith("Offline · seen")
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert [model.index(r, 0).data(PROBLEM_ROLE) for r in range(3)] == [True, False, True]


def test_filter_by_text_and_problems_and_sort_naturally(qtbot: QtBot) -> None:
    mirror = SiteMirror()
    cards = make_charger("CP-10", CHARGING)
    cards.connectors[1] = replace(cards.connectors[1], transaction_id=1, id_tag="NURSE-7")
    push(mirror, cards, make_charger("CP-2", FAULTED), make_charger("CP-9", AVAILABLE), full=True)
    model = ChargerTableModel(mirror)
    proxy = ChargerFilterProxyModel(model)
    proxy.sort(Column.CHARGER, Qt.SortOrder.AscendingOrder)
    shown = lambda: [proxy.index(r, 0).data() for r in range(proxy.rowCount())]  # noqa: E731
    assert shown() == ["CP-2", "CP-9", "CP-10"]

    proxy.set_text("nurse")
    assert shown() == ["CP-10"]
    proxy.set_text("")
    proxy.set_only_problems(True)
    assert shown() == ["CP-2"]
    proxy.set_only_problems(False)
    proxy.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)
    assert shown()[0] == "CP-2"  # problems first


def test_actions_are_enabled_only_when_they_make_sense(qtbot: QtBot) -> None:
    idle = make_charger("CP-1", AVAILABLE)
    plan = plan_actions(idle, 1)
    assert plan["start"].enabled and not plan["stop"].enabled
    assert "No session" in plan["stop"].reason

    running = make_charger("CP-1", CHARGING)
    running.connectors[1] = replace(running.connectors[1], transaction_id=3)
    plan = plan_actions(running, 1)
    assert plan["stop"].enabled and not plan["start"].enabled

    offline = make_charger("CP-1", AVAILABLE, online=False)
    plan = plan_actions(offline, 1)
    assert not any(p.enabled for p in plan.values())
    assert "offline" in plan["soft_reset"].reason

    unavailable = make_charger(
        "CP-1", ConnectorStatus.UNAVAILABLE, status=ConnectorStatus.UNAVAILABLE
    )
    plan = plan_actions(unavailable, 1)
    assert plan["connector_available"].text == "Make connector available"
    assert plan["charger_available"].text == "Make charger available"
    assert not plan["start"].enabled

    assert not any(p.enabled for p in plan_actions(None, 0).values())


def test_times_and_names_read_naturally() -> None:
    assert relative_time(NOW - timedelta(seconds=12), NOW) == "12 s ago"
    assert relative_time(NOW - timedelta(minutes=5, seconds=3), NOW) == "5 min ago"
    assert relative_time(None, NOW) == "never"
    assert ":" in relative_time(NOW - timedelta(hours=3), NOW)
    assert sorted(["CP-10", "CP-2", "cp-1"], key=natural_key) == ["cp-1", "CP-2", "CP-10"]
