"""The base of the console's table models: columns, sorting through a proxy, signals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from console.ui.table_model import (
    LEFT,
    RIGHT,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    RowTableModel,
    columns_of,
)


@dataclass(frozen=True)
class Plug:
    """A row for the tests: a charger's connector and its power."""

    name: str
    kilowatts: float


class PlugModel(RowTableModel[Plug]):
    """Name and power; power sorts by number, strong ones are red."""

    def __init__(self) -> None:
        super().__init__()
        self.set_columns(
            (
                Column[Plug]("Name", lambda p: p.name, header_tip="The connector"),
                Column[Plug](
                    "Power",
                    lambda p: f"{p.kilowatts:g} kW",
                    sort=lambda p: p.kilowatts,
                    align=RIGHT,
                    foreground=lambda p: QColor("red") if p.kilowatts > 20 else None,
                ),
            )
        )


PLUGS = [Plug("B-1", 9.0), Plug("a-2", 22.0), Plug("C-3", 11.0)]


def plug_model() -> PlugModel:
    model = PlugModel()
    model.set_rows(PLUGS)
    return model


def test_base_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    qtmodeltester.check(plug_model(), force_py=True)
    qtmodeltester.check(PlugModel(), force_py=True)  # empty


def test_columns_answer_display_sort_align_tooltip_colour_and_row() -> None:
    model = plug_model()
    power = model.index(1, 1)
    assert power.data() == "22 kW"
    assert power.data(SORT_ROLE) == 22.0
    assert model.index(1, 0).data(SORT_ROLE) == "a-2"  # no sort key: the text
    assert power.data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert power.data(Qt.ItemDataRole.ForegroundRole) == QColor("red")
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    assert power.data(ROW_ROLE) == PLUGS[1]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Power"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "The connector"
    )
    assert model.headerData(5, Qt.Orientation.Horizontal) is None
    assert model.index(7, 0).data() is None
    assert model.row_at(2) == PLUGS[2] and model.row_at(3) is None
    assert model.find_row(lambda p: p.name == "C-3") == 2
    assert model.find_row(lambda p: p.name == "none") is None


def test_proxy_sorts_by_the_sort_role() -> None:
    model = plug_model()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    shown = [proxy.index(row, 1).data() for row in range(proxy.rowCount())]
    assert shown == ["9 kW", "11 kW", "22 kW"]  # by number, not by text
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == "a-2"


def test_set_rows_resets_and_update_row_repaints_one_row(qtbot: Any) -> None:
    model = plug_model()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset], timeout=1000):
        model.set_rows(PLUGS[:2])
    assert model.rowCount() == 2
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles: changed.append(
            (top.row(), top.column(), bottom.row(), bottom.column())
        )
    )
    model.update_row(1, Plug("a-2", 3.0))
    assert changed == [(1, 0, 1, 1)]
    assert model.index(1, 1).data() == "3 kW"


def test_refresh_rows_repaints_only_changed_rows_when_the_rows_are_the_same(qtbot: Any) -> None:
    model = plug_model()
    changed: list[int] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.row()))
    model.modelReset.connect(lambda: resets.append(True))
    model.refresh_rows([PLUGS[0], Plug("a-2", 7.0), PLUGS[2]], key=lambda p: p.name)
    assert changed == [1] and not resets
    model.refresh_rows([PLUGS[2], PLUGS[0]], key=lambda p: p.name)
    assert resets == [True]
    assert [model.index(r, 0).data() for r in range(2)] == ["C-3", "B-1"]


def test_insert_remove_and_keep_first_emit_row_signals(qtbot: Any) -> None:
    model = plug_model()
    with qtbot.waitSignal(model.rowsInserted, timeout=1000) as inserted:
        model.insert_rows(0, [Plug("D-4", 50.0)])
    assert inserted.args[1:] == [0, 0]
    assert model.index(0, 0).data() == "D-4"
    with qtbot.waitSignal(model.rowsRemoved, timeout=1000) as removed:
        model.keep_first(2)
    assert removed.args[1:] == [2, 3]
    assert model.rowCount() == 2


def test_new_titles_of_the_same_columns_only_change_the_header(qtbot: Any) -> None:
    model = plug_model()
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.headerDataChanged, timeout=1000):
        model.set_columns((Column[Plug]("Left", str), Column[Plug]("Right", str)))
    assert not resets
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Right"


def test_merge_newest_inserts_new_rows_on_top_and_drops_the_oldest(qtbot: Any) -> None:
    model = plug_model()  # B-1, a-2, C-3: newest first
    resets: list[bool] = []
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    fresh = [Plug("E-5", 1.0), Plug("D-4", 2.0), PLUGS[0], PLUGS[1]]  # C-3 fell off
    model.merge_newest(fresh, key=lambda p: p.name)
    assert not resets and inserted == [(0, 1)] and removed == [(2, 2)]
    assert [model.index(r, 0).data() for r in range(4)] == ["E-5", "D-4", "B-1", "a-2"]
    model.merge_newest([Plug("X", 0.0)], key=lambda p: p.name)  # a gap: start again
    assert resets == [True] and model.rowCount() == 1


def test_columns_of_binds_per_column_functions(qtmodeltester: Any) -> None:
    model = RowTableModel[Plug]()
    model.set_columns(
        columns_of(
            ["Name", "Power"],
            lambda p, c: p.name if c == 0 else f"{p.kilowatts:g}",
            sort=lambda p, c: p.name if c == 0 else p.kilowatts,
            right=[1],
            header_tips=["The connector"],
        )
    )
    model.set_rows(PLUGS)
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 1).data() == "22" and model.index(1, 1).data(SORT_ROLE) == 22.0
    assert model.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.index(1, 0).data(Qt.ItemDataRole.TextAlignmentRole) == LEFT
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
