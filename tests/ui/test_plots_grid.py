"""The numpy core of the power plots: energy per bucket, stored history, live buffers."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest

from console.services.queries import PowerPoint
from console.ui.plots.grid import EnergyGrid, Segments, step_segments
from console.ui.plots.history import HOLD_MIN, bucket_for, load_history
from console.ui.plots.live import LiveFeed
from console.ui.site_mirror import SiteMirror

NOW = 1_700_000_000.0  # a bucket edge for every bucket size used here


def _segments(rows: list[int], starts: list[float], ends: list[float], watts: list[float]):
    return Segments(
        np.asarray(rows, np.int64), np.asarray(starts), np.asarray(ends), np.asarray(watts)
    )


def test_a_segment_spread_over_buckets_keeps_its_energy() -> None:
    grid = EnergyGrid(10.0, 100.0, NOW)
    row = grid.row(("CP-1", 1))
    start = grid.t0 + 5.0
    grid.add(_segments([row], [start], [start + 37.0], [1000.0]))
    columns = grid.energy[row, :6]
    assert columns.tolist() == [5000.0, 10000.0, 10000.0, 10000.0, 2000.0, 0.0]
    assert grid.total[:6].tolist() == columns.tolist()


def test_mean_power_is_energy_over_elapsed_time() -> None:
    grid = EnergyGrid(60.0, 3600.0, NOW)
    row = grid.row(("CP-1", 1))
    # 11 kW for the first half of the current minute, nothing after.
    current = grid.column(NOW + 30)
    edge = grid.edge(current)
    grid.add(_segments([row], [edge], [edge + 15.0], [11000.0]))
    assert grid.mean_kw(None, current, current, edge + 30.0)[0] == pytest.approx(5.5)
    # Before known_from there is no data: NaN, not zero.
    assert math.isnan(grid.mean_kw(None, current, current, edge + 30.0, edge + 40.0)[0])


def test_total_is_the_sum_of_connectors_on_one_grid() -> None:
    grid = EnergyGrid(5.0, 60.0, NOW)
    a, b = grid.row(("CP-1", 1)), grid.row(("CP-2", 1))
    grid.add(
        _segments([a, b], [grid.t0, grid.t0 + 2.5], [grid.t0 + 5.0, grid.t0 + 5.0], [4000, 2000])
    )
    assert grid.total[0] == pytest.approx(4000 * 5 + 2000 * 2.5)


def test_the_grid_shifts_and_keeps_recent_columns() -> None:
    grid = EnergyGrid(1.0, 10.0, NOW)
    row = grid.row(("CP-1", 1))
    grid.add(_segments([row], [NOW - 1.0], [NOW], [500.0]))
    assert grid.column(NOW - 1.0) == 9
    grid.advance(NOW + 5.0)  # beyond the grid's last column: shift
    assert grid.column(NOW + 5.0) == grid.visible - 1
    assert grid.column(NOW - 1.0) == 4
    assert grid.energy[row, 4] == pytest.approx(500.0)
    assert grid.total.sum() == pytest.approx(500.0)
    grid.advance(NOW + 1000.0)  # far beyond: everything is old
    assert grid.total.sum() == 0.0


def test_merge_aligns_columns_by_time() -> None:
    main = EnergyGrid(10.0, 100.0, NOW)
    other = EnergyGrid(10.0, 100.0, NOW - 20.0)
    row = other.row(("CP-9", 2))
    other.add(_segments([row], [NOW - 50.0], [NOW - 40.0], [100.0]))
    main.merge(other)
    merged = main.find(("CP-9", 2))
    assert merged is not None
    assert main.energy[merged, main.column(NOW - 50.0)] == pytest.approx(1000.0)


def test_step_segments_hold_until_the_next_reading_or_the_hold() -> None:
    times = np.asarray([0.0, 10.0, 100.0])
    segments = step_segments(3, times, np.asarray([1.0, 2.0, 3.0]), until=130.0, hold=30.0)
    assert segments.ends.tolist() == [10.0, 40.0, 130.0]


class FakeQueries:
    """Stands in for SiteQueries: power points from a list, filtered as the query does."""

    def __init__(self, points: list[PowerPoint]) -> None:
        self.points = points
        self.calls = 0

    def power_history(
        self, since: datetime, until: datetime, charger_id: str | None = None
    ) -> list[PowerPoint]:
        self.calls += 1
        return [
            p
            for p in self.points
            if since <= p.at <= until and (charger_id is None or p.charger_id == charger_id)
        ]


def _point(charger: str, connector: int, at: float, watts: float) -> PowerPoint:
    return PowerPoint(charger, connector, datetime.fromtimestamp(at, UTC), watts)


def test_history_turns_readings_into_bucket_means_across_chunks() -> None:
    # Two days of 11 kW sampled every minute, then silence: read in 6 h chunks.
    start = NOW - 2 * 86400
    points = [_point("CP-1", 1, start + i * 60.0, 11000.0) for i in range(2 * 24 * 60 - 60)]
    points.append(_point("CP-1", 0, start + 60.0, 99000.0))  # the main meter: left out
    queries = FakeQueries(points)
    grid = load_history(queries, EnergyGrid(600.0, 7 * 86400, NOW), NOW)  # type: ignore[arg-type]
    assert queries.calls > 8
    first = grid.column(start)
    means = grid.mean_kw(None, first + 1, first + 20, NOW)
    assert means == pytest.approx(np.full(20, 11.0))
    # The last reading holds two intervals (the hold floor), then the power is zero.
    assert grid.mean_kw(None, grid.column(NOW - 600), grid.column(NOW - 600), NOW)[0] == 0.0
    assert grid.find(("CP-1", 0)) is None
    assert HOLD_MIN <= 120.0


def test_bucket_sizes_suit_each_range() -> None:
    assert bucket_for(15 * 60) == 1.0
    assert bucket_for(3600) == 5.0
    assert bucket_for(86400) == 60.0
    assert bucket_for(7 * 86400) == 600.0


def test_live_feed_takes_only_new_points(qapp: object) -> None:
    mirror = SiteMirror()
    key = ("CP-1", 1)
    buffer = mirror.connector_power.setdefault(key, type(mirror.site_power)())
    for i in range(10):
        buffer.append(NOW - 10 + i, 1000.0)
    grid = EnergyGrid(1.0, 60.0, NOW)
    feed = LiveFeed(mirror, NOW - 5.5)
    grid.add(feed.take(grid, NOW))
    row = grid.find(key)
    assert row is not None
    assert grid.energy[row].sum() == pytest.approx(5500.0)
    buffer.append(NOW + 1, 3000.0)
    grid.add(feed.take(grid, NOW + 2))
    # 1 s more of 1 kW, then 1 s of 3 kW.
    assert grid.energy[row].sum() == pytest.approx(5500.0 + 1000.0 + 3000.0)
    grid.add(feed.take(grid, NOW + 3))  # nothing new: the power holds
    assert grid.energy[row].sum() == pytest.approx(5500.0 + 1000.0 + 3000.0 + 3000.0)
