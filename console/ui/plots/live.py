"""Reads what is new in the mirror's live power buffers, as segments for an energy grid.

The mirror appends a connector's present power whenever its charger is in an update;
between two points the power holds. Each call takes only the points added since the
previous call (walking each ring buffer from its newest end), so a refresh costs a few
points per connector, not the 15 minutes the buffers hold.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator

import numpy as np

from console.ui.plots.grid import ConnectorKey, EnergyGrid, Segments, step_segments
from console.ui.site_mirror import PowerBuffer, SiteMirror


def _newer(values: deque[float], than: float) -> int:
    """How many of the newest entries are later than ``than``."""
    if values[0] > than:  # all of them: the first read of a buffer
        return len(values)
    count = 0
    for at in reversed(values):
        if at <= than:
            break
        count += 1
    return count


class LiveFeed:
    """Turns the mirror's buffers into segments from ``since`` on, call after call.

    ``charger_id`` limits the feed to one charger's connectors (None: the whole site).
    A first read of 400 full buffers is over a million points: each call reads at most
    ``budget`` points of buffers it has not read before, and ``backlog`` says some wait.
    """

    budget = 60_000

    def __init__(self, mirror: SiteMirror, since: float, charger_id: str | None = None) -> None:
        self.mirror = mirror
        self.charger_id = charger_id
        self.integrated_to = since
        self._seen: dict[ConnectorKey, float] = {}
        self._carry: dict[int, float] = {}  # grid row -> the power holding now
        self.backlog = True  # buffers not read yet (until the first call says otherwise)

    def _buffers(self) -> Iterator[tuple[ConnectorKey, PowerBuffer]]:
        buffers = self.mirror.connector_power
        if self.charger_id is None:
            yield from buffers.items()
            return
        charger = self.mirror.chargers.get(self.charger_id)
        if charger is None:
            return
        for connector_id in charger.connectors:
            key = (self.charger_id, connector_id)
            buffer = buffers.get(key)
            if buffer is not None:
                yield key, buffer

    def take(self, grid: EnergyGrid, until: float) -> Segments:
        """Segments covering ``[integrated_to, until)`` for every connector known so far."""
        since = self.integrated_to
        if until <= since:
            return Segments.concat([])
        # Where each row's held power stops: at its first new point, else at ``until``.
        cut: dict[int, float] = {}
        one_rows: list[int] = []
        one_times: list[float] = []
        one_watts: list[float] = []
        bulk: list[Segments] = []
        new_carry: dict[int, float] = {}
        budget = self.budget
        self.backlog = False
        for key, buffer in self._buffers():
            times = buffer.times
            if not times:
                continue
            seen = self._seen.get(key, -math.inf)
            newest = times[-1]
            if newest <= seen:
                continue
            count = _newer(times, seen)
            if key not in self._seen:
                # A buffer read for the first time: its points so far all go in at once,
                # within this call's budget (or in a later call, still from ``since`` on).
                if count > budget:
                    self.backlog = True
                    continue
                budget -= count
            self._seen[key] = newest
            row = grid.row(key)
            if count == 1:  # the usual case: one new point, handled without numpy
                at = max(newest, since)
                one_rows.append(row)
                one_times.append(at)
                one_watts.append(buffer.watts[-1])
                cut[row] = at
                new_carry[row] = buffer.watts[-1]
                continue
            t = np.fromiter(times, np.float64, len(times))[-count:]
            w = np.fromiter(buffer.watts, np.float64, len(times))[-count:]
            older = t < since
            if older.any():
                # Points before the feed's start only tell what held at its start.
                last_old = int(np.flatnonzero(older)[-1])
                t, w = t[last_old:].copy(), w[last_old:]
                t[0] = since
            bulk.append(step_segments(row, t, w, until))
            cut[row] = float(t[0])
            new_carry[row] = float(w[-1])
        parts = [self._held(since, cut, until)]
        if one_rows:
            parts.append(
                Segments(
                    np.asarray(one_rows, np.int64),
                    np.asarray(one_times),
                    np.full(len(one_rows), until),
                    np.asarray(one_watts),
                )
            )
        parts.extend(bulk)
        self._carry.update(new_carry)
        self.integrated_to = until
        return Segments.concat(parts)

    def _held(self, since: float, cut: dict[int, float], until: float) -> Segments:
        """The powers that held from ``since`` until each row's first new point."""
        if not self._carry:
            return Segments.concat([])
        rows = np.fromiter(self._carry.keys(), np.int64, len(self._carry))
        watts = np.fromiter(self._carry.values(), np.float64, len(self._carry))
        ends = np.full(len(rows), until)
        if cut:
            for index, row in enumerate(rows.tolist()):
                end = cut.get(row)
                if end is not None:
                    ends[index] = end
        return Segments(rows, np.full(len(rows), since), ends, watts)
