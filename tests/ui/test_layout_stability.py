"""The screen does not move under people's hands: messages have a fixed place.

For every view with a message bar, what lies below the bar keeps its place in the window
before, during and after a message (a failure, a plain "done", none). Alarms, chargers
waiting for approval and buttons shown only for some rows move nothing either. A row
the filter hides is no selection, so no action reaches a connector nobody can see.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import qasync
from conftest import run, running_console, simulator, wait_until
from PySide6.QtCore import QPoint, QRect, QSortFilterProxyModel
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from console.core.alarms import Alarm, AlarmKind
from console.core.clock import utcnow
from console.core.enums import AdmissionMode, SessionFlag
from console.core.model import Session
from console.ui import message_bar
from console.ui.cards.table import build_table
from console.ui.console_app import Console
from console.ui.main_window import MainWindow
from console.ui.message_bar import MessageBar

LONG_FAILURE = "CP-LAYOUT — Change configuration: " + "the charger refused the value. " * 12


def settle() -> None:
    """Let posted layout requests run, twice: a layout can ask for another pass."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def place(widget: QWidget, window: QWidget) -> QRect:
    """Where ``widget`` is in the window."""
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def show_window(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    settle()


def views_with_bars(
    window: MainWindow,
) -> list[tuple[str, Callable[[], None], MessageBar, QWidget]]:
    """(name, how to open it, its message bar, a widget below the bar) for every view."""
    technician = window.technician
    pages = {type(technician.pages.widget(i)).__name__: i for i in range(technician.pages.count())}

    def tab(view: QWidget) -> Callable[[], None]:
        return lambda: window.tabs.setCurrentWidget(view)

    def page(name: str) -> Callable[[], None]:
        def open_page() -> None:
            window.tabs.setCurrentWidget(technician)
            technician.pages.setCurrentIndex(pages[name])

        return open_page

    def tech(name: str) -> Any:
        return technician.pages.widget(pages[name])

    overview, sessions, cards, billing, detail = (
        window.overview,
        window.sessions,
        window.cards,
        window.billing,
        window.detail,
    )
    return [
        ("overview", tab(overview), overview.banner, overview.filter_edit),
        ("overview table", tab(overview), overview.banner, overview.splitter),
        ("charger", tab(detail), detail.staff.banner, detail.body),
        ("sessions", tab(sessions), sessions.cost_bar.banner, sessions.table),
        ("cards", tab(cards), cards.card_actions.banner, cards.table),
        ("billing", tab(billing), billing.billing.banner, billing.table),
        (
            "connections",
            page("ConnectionsPage"),
            tech("ConnectionsPage").banner,
            tech("ConnectionsPage").addresses_box,
        ),
        (
            "configuration",
            page("ConfigurationPage"),
            tech("ConfigurationPage").banner,
            tech("ConfigurationPage").table,
        ),
        (
            "commands",
            page("CommandsPage"),
            tech("CommandsPage").banner,
            tech("CommandsPage").log_view,
        ),
        (
            "transfers",
            page("TransfersPage"),
            tech("TransfersPage").banner,
            tech("TransfersPage").transfers_view,
        ),
    ]


def test_a_message_moves_nothing_below_it_in_any_view(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    window = console.window
    charger = simulator(console, "CP-LAYOUT", connectors=2)

    async def connect() -> None:
        await charger.start()
        await charger.wait_booted()
        await wait_until(lambda: "CP-LAYOUT" in window.mirror.chargers)

    run(qloop, connect())
    try:
        window.detail.show_charger("CP-LAYOUT")
        show_window(window, qtbot)
        for name, open_view, bar, below in views_with_bars(window):
            open_view()
            settle()
            assert below.isVisible(), name
            before = place(below, window)
            bar.show_error(LONG_FAILURE)
            settle()
            assert bar.isVisible() and bar.kind == "failed", name
            assert place(below, window) == before, f"{name}: a failure moved what is below it"
            assert not bar.fades(), f"{name}: a failure must stay until dismissed"
            bar.show_pending("CP-LAYOUT", "Soft reset")
            settle()
            assert place(below, window) == before, f"{name}: a pending command moved it"
            bar.show_done("Saved")
            settle()
            assert bar.fades(), f"{name}: a plain done may fade"
            assert place(below, window) == before, f"{name}: a done message moved it"
            bar.close_button.click()  # dismissed by the person
            settle()
            assert bar.isHidden() and bar.kind == "", name
            assert place(below, window) == before, f"{name}: dismissing moved it"
    finally:
        run(qloop, charger.stop())


def test_done_fades_but_keeps_its_place_and_failures_stay(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(message_bar, "CALM_SECONDS", 0.2)
    holder = QWidget()
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    layout = QVBoxLayout(holder)
    bar = MessageBar()
    below = QLabel("the table")
    layout.addWidget(bar)
    layout.addWidget(below)
    layout.addStretch(1)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    settle()
    top = below.mapTo(holder, QPoint(0, 0))
    bar.show_message("ok", "Card 04A1B2C3 saved")
    assert bar.fades()
    with qtbot.waitSignal(bar._timer.timeout, timeout=5000):
        pass
    settle()
    assert bar.kind == "" and bar.isHidden()
    assert below.mapTo(holder, QPoint(0, 0)) == top
    for kind in ("failed", "warning", "pending", "info"):
        bar.show_message(kind, "Needs a person")
        assert not bar.fades(), kind
    bar.show_message("failed", "x" * 2000)  # very long: still two lines, never taller
    settle()
    assert below.mapTo(holder, QPoint(0, 0)) == top
    assert "x" * 2000 in bar.toolTip()  # the whole text is one hover away


def _alarm() -> Alarm:
    return Alarm(
        id=1,
        charger_id="CP-ALARM",
        connector_id=2,
        kind=next(iter(AlarmKind)),
        message="Connector 2 faulted: HighTemperature — Cable hot",
        details={},
        raised_at=utcnow(),
    )


def test_an_alarm_moves_no_page_and_squeezes_no_tab(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    window = console.window
    banner = window.alarm_banner
    show_window(window, qtbot)
    pages = [window.overview, window.sessions, window.technician]
    before = {}
    for view in pages:
        window.tabs.setCurrentWidget(view)
        settle()
        before[view] = place(view, window)
    bar = window.tabs.tabBar()
    banner._on_alarm(_alarm(), False)
    settle()
    assert banner.isVisible()
    assert "HighTemperature" in banner.text.toolTip()
    for view in pages:
        window.tabs.setCurrentWidget(view)
        settle()
        assert place(view, window) == before[view], "an alarm moved a page"
    # The banner uses the tab row's free space: every tab keeps its full width.
    assert bar.width() >= bar.sizeHint().width()
    assert banner.mapTo(window, QPoint(0, 0)).x() >= bar.mapTo(window, QPoint(0, 0)).x() + (
        bar.sizeHint().width()
    )
    window.resize(1000, 640)  # the smallest window: text shortened, tabs whole
    settle()
    assert bar.width() >= bar.sizeHint().width()
    assert banner.acknowledge_button.isVisible()
    banner.pending.clear()
    banner._refresh()
    settle()
    assert banner.isHidden()


def test_a_charger_waiting_for_approval_moves_nothing(
    qloop: qasync.QEventLoop, qtbot: QtBot, tmp_path: Path
) -> None:
    with running_console(tmp_path, AdmissionMode.APPROVE) as console:
        window = console.window
        view = window.overview
        show_window(window, qtbot)
        before = place(view.filter_edit, window)
        banner_before = place(view.banner, window)
        chargers = [simulator(console, f"CP-WAIT-{n}") for n in (1, 2, 3)]

        async def scenario() -> None:
            for charger in chargers:
                await charger.start()
            await wait_until(lambda: len(view.approvals.lines) == 3, timeout=20)

        try:
            run(qloop, scenario())
            settle()
            assert view.approvals.isVisible()
            assert place(view.filter_edit, window) == before, "an approval request moved it"
            assert place(view.banner, window) == banner_before
        finally:
            for charger in chargers:
                run(qloop, charger.stop())


def _sessions() -> list[Session]:
    now = utcnow().replace(microsecond=0)
    return [
        Session(
            n,
            f"CP-{n}",
            1,
            f"CARD-{n}",
            now - timedelta(hours=n),
            1000,
            stopped_at=now - timedelta(hours=n) + timedelta(minutes=30),
            meter_stop=5000,
            flags=(SessionFlag.READINGS_NEED_REVIEW.value,) if n == 2 else (),
        )
        for n in (1, 2, 3)
    ]


def test_a_session_filtered_out_is_no_selection_and_buttons_do_not_shift(
    console: Console, qloop: qasync.QEventLoop, qtbot: QtBot
) -> None:
    window = console.window
    view = window.sessions
    show_window(window, qtbot)
    window.tabs.setCurrentWidget(view)
    view.model.set_sessions(_sessions())
    settle()
    end_place = place(view.end_button, window)
    row = next(
        r
        for r in range(view.proxy.rowCount())
        if view.model.session_at(view.proxy.mapToSource(view.proxy.index(r, 0)).row()).id == 2
    )
    view.table.selectRow(row)
    settle()
    assert view.end_button.session is not None and view.end_button.session.id == 2
    assert view.review_button.isVisible()  # flagged: its button shows, nothing else moves
    assert place(view.end_button, window) == end_place
    assert view.cost_bar.session is not None

    view.proxy.set_text("CP-3")  # the selected session is hidden by the filter
    settle()
    assert view.table.selectionModel().selectedRows() == []
    assert view.end_button.session is None and not view.end_button.isEnabled()
    assert view.review_button.session is None
    assert view.cost_bar.session is None
    assert not view.cost_bar.issue_button.isEnabled()

    view.proxy.set_text("")
    view.table.selectRow(0)
    settle()
    assert view.end_button.session is not None
    view.model.set_sessions(_sessions()[2:])  # a reload: Qt says nothing of the lost row
    settle()
    shown = view.table.selectionModel().selectedRows()
    if not shown:
        assert view.end_button.session is None and view.cost_bar.session is None


def test_every_filtered_table_drops_a_hidden_selection_instead_of_moving_it(
    qtbot: QtBot,
) -> None:
    # Qt's single-selection tables select the next row when the selected one goes; the
    # console's tables (overview, sessions, cards, billing, their dialogs) select none.
    model = QStandardItemModel()
    for name in ("P1-AC-01", "P1-AC-02", "P2-DC-02"):
        model.appendRow(QStandardItem(name))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    table = build_table(proxy, ["P1-AC-02"])
    qtbot.addWidget(table)
    table.selectRow(1)
    assert [i.data() for i in table.selectionModel().selectedRows()] == ["P1-AC-02"]
    proxy.setFilterFixedString("P2-DC")
    assert table.selectionModel().selectedRows() == []
    assert not table.currentIndex().isValid()
    proxy.setFilterFixedString("")
    assert table.selectionModel().selectedRows() == []  # nothing comes back by itself
    table.selectRow(0)
    model.removeRow(2)  # another row goes: the selection stays
    assert [i.data() for i in table.selectionModel().selectedRows()] == ["P1-AC-01"]
