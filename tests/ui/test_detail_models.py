"""The detail view's table models: checked by qtmodeltester, merged without resets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.core.enums import ConnectorStatus, Direction, FrameKind
from console.core.model import LoggedFrame
from console.services.queries import StatusChange
from console.ui.detail.models import (
    MessageLogTableModel,
    StatusHistoryTableModel,
    frame_rows,
)

T0 = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)


def _frames(count: int, start: int = 0) -> list[LoggedFrame]:
    """Newest first, as the query returns them: a call in, our reply out, and so on."""
    frames = []
    for n in range(start, start + count):
        incoming = n % 2 == 0
        frames.append(
            LoggedFrame(
                at=T0 + timedelta(seconds=n),
                charger_id="CP-1",
                direction=Direction.IN if incoming else Direction.OUT,
                kind=FrameKind.CALL if incoming else FrameKind.RESULT,
                message_id=f"id-{n // 2}",
                action="Heartbeat",
                payload='[2,"id","Heartbeat",{}]' if incoming else '[3,"id",{"currentTime":"x"}]',
                latency_ms=None if incoming else 4.2,
            )
        )
    return frames[::-1]


def test_message_log_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = MessageLogTableModel()
    model.set_rows(frame_rows(_frames(10)))
    qtmodeltester.check(model)
    assert model.rowCount() == 10
    newest = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert newest[1] == "→" and newest[2] == "Heartbeat · reply"
    assert newest[4] == "4 ms" and newest[5] == '{"currentTime":"x"}'
    assert model.data(model.index(1, 1)) == "←"


def test_new_frames_go_in_at_the_top_without_a_reset(qtbot: QtBot) -> None:
    model = MessageLogTableModel()
    model.set_rows(frame_rows(_frames(6)))
    events: list[tuple[str, int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: events.append(("in", first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: events.append(("out", first, last)))
    model.modelReset.connect(lambda: events.append(("reset", 0, 0)))
    # Two newer frames arrive; the read is limited to 6, so the two oldest drop off.
    model.set_rows(frame_rows(_frames(6, start=2)))
    assert events == [("out", 4, 5), ("in", 0, 1)]
    assert [r.frame.at for r in model.rows] == [f.at for f in _frames(6, start=2)]
    model.set_rows(frame_rows(_frames(6, start=2)))  # nothing new: nothing happens
    assert len(events) == 2


def test_errors_and_unreadable_frames_are_marked(qtbot: QtBot) -> None:
    error = LoggedFrame(
        T0, "CP-1", Direction.IN, FrameKind.ERROR, "m1", "Reset",
        '[4,"m1","NotSupported","no reset here",{}]',
    )  # fmt: skip
    garbage = LoggedFrame(T0, "CP-1", Direction.IN, FrameKind.INVALID, None, None, "{oops")
    model = MessageLogTableModel()
    model.set_rows(frame_rows([error, garbage]))
    assert model.data(model.index(0, 2)) == "Reset · ERROR"
    assert "NotSupported" in model.data(model.index(0, 5))
    assert model.data(model.index(1, 2)) == "unreadable frame"
    assert model.data(model.index(1, 5)) == "{oops"


def test_status_history_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    changes = [
        StatusChange(1, ConnectorStatus.FAULTED, "GroundFailure", "RCD", T0),
        StatusChange(1, ConnectorStatus.CHARGING, "NoError", None, T0 - timedelta(minutes=5)),
        StatusChange(0, ConnectorStatus.AVAILABLE, "NoError", None, T0 - timedelta(hours=1)),
    ]
    model = StatusHistoryTableModel()
    model.set_rows(changes)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 2)) == "✖  Faulted"
    assert model.data(model.index(0, 3)) == "GroundFailure"
    assert model.data(model.index(1, 3)) == ""
    assert model.data(model.index(2, 1)) == "Charger"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Status"
