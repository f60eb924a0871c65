"""Stored power samples onto an energy grid, read in a worker thread in bounded chunks.

A week of a large site is millions of samples. Reading it in half-hour chunks keeps
memory flat and, as important, keeps few objects alive at a time: the cyclic garbage
collector's full passes (which hold the GIL, and so stall the GUI and engine threads)
stay short. The cancel flag lets a range change abandon a read no longer wanted.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from datetime import UTC, datetime

import numpy as np

from console.services.queries import SiteQueries
from console.ui.plots.grid import ConnectorKey, EnergyGrid, Segments, step_segments

CHUNK_SECONDS = 1800
# A stored reading holds until the next one, but not forever: a charger that stops a
# session sends no "0 W" reading. It holds for two of its usual intervals, within bounds.
HOLD_MIN = 30.0
HOLD_MAX = 900.0
HOLD_DEFAULT = 300.0


class HistoryCancelled(Exception):
    """The read was abandoned (the range changed before it finished)."""


def _utc(at: float) -> datetime:
    return datetime.fromtimestamp(at, UTC)


def _hold(times: list[float]) -> float | None:
    """Two of the connector's usual sample intervals, or None while that is unknown."""
    if len(times) < 3:
        return None
    usual = float(np.median(np.diff(np.asarray(times))))
    return min(HOLD_MAX, max(HOLD_MIN, 2.0 * usual))


def load_history(
    queries: SiteQueries,
    grid: EnergyGrid,
    until: float,
    charger_id: str | None = None,
    cancel: threading.Event | None = None,
) -> EnergyGrid:
    """Add the stored power of ``[grid.t0, until)`` to ``grid`` (a fresh one) and return it.

    Runs in a worker thread. Connector 0 (a charger's own main meter) is left out: its
    power is already the sum of the connectors'.
    """
    since = grid.t0
    carry: dict[ConnectorKey, tuple[float, float]] = {}
    holds: dict[ConnectorKey, float] = {}
    start = since - HOLD_MAX  # a reading just before the range still holds into it
    while start < until:
        if cancel is not None and cancel.is_set():
            raise HistoryCancelled
        end = min(start + CHUNK_SECONDS, until)
        points = queries.power_history(
            _utc(start), _utc(end - 1e-6), charger_id
        )  # inclusive bounds
        readings: dict[ConnectorKey, tuple[list[float], list[float]]] = defaultdict(
            lambda: ([], [])
        )
        for point in points:
            if point.connector_id == 0:
                continue
            if grid.first_reading is None:  # points come oldest first
                grid.first_reading = max(since, point.at.timestamp())
            times, watts = readings[(point.charger_id, point.connector_id)]
            times.append(point.at.timestamp())
            watts.append(point.power_w)
        parts: list[Segments] = []
        for key in set(readings) | set(carry):
            times, watts = readings.get(key, ([], []))
            if key not in holds:
                found = _hold(times)
                if found is not None:
                    holds[key] = found
            hold = holds.get(key, HOLD_DEFAULT)
            if key in carry:
                times = [carry[key][0], *times]
                watts = [carry[key][1], *watts]
            segments = step_segments(grid.row(key), np.asarray(times), np.asarray(watts), end, hold)
            # The carried reading was counted up to the previous chunk's end already.
            parts.append(
                Segments(
                    segments.rows,
                    np.maximum(segments.starts, start),
                    segments.ends,
                    segments.watts,
                )
            )
            if times[-1] + hold > end:
                carry[key] = (times[-1], watts[-1])
            else:
                carry.pop(key, None)
        grid.add(Segments.concat(parts))
        start = end
    return grid


def bucket_for(span_s: float) -> float:
    """The bucket size for a range: about one or two per pixel column of a wide plot."""
    for limit, bucket in ((15 * 60, 1.0), (3600, 5.0), (24 * 3600, 60.0)):
        if span_s <= limit:
            return bucket
    return 600.0 if span_s <= 7 * 24 * 3600 else math.ceil(span_s / 1000 / 600) * 600.0
