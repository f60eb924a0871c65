"""The technician's pages and the power plots show times in the site's zone, not the PC's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime

from console.core.enums import Direction, FrameKind
from console.core.model import LoggedFrame
from console.services.formatting import set_site_zone
from console.services.message_export import StoredFrame
from console.ui.plots import style
from console.ui.technician.message_filter import _utc, _wall
from console.ui.technician.message_model import local_time_ms

AT = datetime(2026, 1, 1, 0, 0, 0, 123_000, tzinfo=UTC)


@pytest.fixture
def tokyo() -> Iterator[None]:
    """A site far from this PC's zone (and from UTC)."""
    set_site_zone(ZoneInfo("Asia/Tokyo"))
    yield
    set_site_zone(None)


def test_frame_times_filter_times_and_plot_times_are_the_sites(tokyo: None) -> None:
    frame = LoggedFrame(AT, "CP", Direction.IN, FrameKind.CALL, "1", "Heartbeat", "[2]")
    assert local_time_ms(StoredFrame(1, frame)) == "2026-01-01 09:00:00.123"
    # The filter's "From" typed as the site's wall clock means that moment at the site.
    typed = QDateTime(QDate(2026, 1, 1), QTime(9, 0, 0))
    assert _utc(typed) == datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
    assert _utc(_wall(AT)) == AT.replace(microsecond=0)
    assert style.time_text(AT.timestamp(), 900) == "09:00:00"
    assert style.site_utc_offset() == -9 * 3600
