"""Power on a common time grid: energy per connector per time bucket, in numpy.

Power is a step function: a reading holds until the next one. Every source (stored
samples, the mirror's live buffers) is turned into *segments* — a connector drew
``watts`` from ``start`` to ``end`` — and each segment's energy is added to the buckets
it overlaps. A bucket's mean power is then its energy divided by its duration, exact
whatever the sampling rate, and the site total is the sum of the connector rows on the
same grid. No Qt here: this runs in worker threads too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

ConnectorKey = tuple[str, int]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# A bucket's worth of extra columns beyond the visible span, so the grid shifts (a copy
# of every row) only every so often rather than on every new bucket.
_SLACK = 0.2
_BINCOUNT_FROM = 20_000  # segments; below it, np.add.at costs less than a full-grid pass


@dataclass(frozen=True, slots=True)
class Segments:
    """Flat arrays: row ``rows[i]`` drew ``watts[i]`` watts from ``starts[i]`` to ``ends[i]``."""

    rows: IntArray
    starts: FloatArray
    ends: FloatArray
    watts: FloatArray

    @staticmethod
    def concat(parts: Iterable[Segments]) -> Segments:
        """One set of segments out of several."""
        items = list(parts)
        if not items:
            return EMPTY
        return Segments(
            np.concatenate([p.rows for p in items]),
            np.concatenate([p.starts for p in items]),
            np.concatenate([p.ends for p in items]),
            np.concatenate([p.watts for p in items]),
        )


EMPTY = Segments(
    np.zeros(0, np.int64), np.zeros(0, np.float64), np.zeros(0, np.float64), np.zeros(0)
)


def step_segments(
    row: int, times: FloatArray, watts: FloatArray, until: float, hold: float = math.inf
) -> Segments:
    """Segments of one connector's readings: each holds until the next, ``hold`` at most.

    The last reading holds until ``until`` (or ``hold``). ``times`` must be sorted.
    """
    if len(times) == 0:
        return EMPTY
    following = np.empty_like(times)
    following[:-1] = times[1:]
    following[-1] = max(until, times[-1])
    ends = np.minimum(following, times + hold)
    return Segments(np.full(len(times), row, np.int64), times, ends, watts)


class EnergyGrid:
    """Energy (W·s) per connector row and per time bucket, plus the row total.

    Column ``c`` covers ``[t0 + c·bucket, t0 + (c+1)·bucket)``. Rows are added when a
    connector is first seen. ``advance(now)`` shifts the grid so ``now`` stays inside.
    """

    def __init__(self, bucket_s: float, span_s: float, now: float) -> None:
        self.bucket_s = float(bucket_s)
        self.span_s = float(span_s)
        self.visible = math.ceil(span_s / bucket_s) + 1
        self.size = self.visible + max(2, math.ceil(self.visible * _SLACK))
        self.t0 = math.floor((now - span_s) / bucket_s) * bucket_s
        self.keys: list[ConnectorKey] = []
        self._rows: dict[ConnectorKey, int] = {}
        # Rows are allocated in growing blocks: a site's 400 connectors appear one by one.
        self._store: FloatArray = np.zeros((16, self.size))
        self.total: FloatArray = np.zeros(self.size)
        # Set by load_history: when the first stored reading holds in the grid (None: no
        # stored reading in it, so the grid says nothing about what was drawn, not zero).
        self.first_reading: float | None = None

    @property
    def energy(self) -> FloatArray:
        """Energy (W·s) per row and column: a view, writable in place."""
        return self._store[: len(self.keys)]

    # ----------------------------------------------------------------- geometry

    def column(self, at: float) -> int:
        """The column holding time ``at`` (may be outside the grid)."""
        return math.floor((at - self.t0) / self.bucket_s)

    def edge(self, column: int) -> float:
        """The start time of a column."""
        return self.t0 + column * self.bucket_s

    def advance(self, now: float) -> None:
        """Shift the columns left when ``now`` would fall beyond the grid."""
        current = self.column(now)
        if current < self.size:
            return
        shift = current - (self.visible - 1)
        if shift >= self.size:
            self.energy[:] = 0.0
            self.total[:] = 0.0
        else:
            keep = self.size - shift
            self.energy[:, :keep] = self.energy[:, shift:]
            self.energy[:, keep:] = 0.0
            self.total[:keep] = self.total[shift:]
            self.total[keep:] = 0.0
        self.t0 += shift * self.bucket_s

    # ----------------------------------------------------------------- rows

    def row(self, key: ConnectorKey) -> int:
        """The row of a connector, added (all zero) when first seen."""
        index = self._rows.get(key)
        if index is None:
            index = self._rows[key] = len(self.keys)
            if index == len(self._store):
                grown = np.zeros((2 * len(self._store), self.size))
                grown[:index] = self._store
                self._store = grown
            self.keys.append(key)
        return index

    def find(self, key: ConnectorKey) -> int | None:
        """The row of a connector, or None when it has no row."""
        return self._rows.get(key)

    # ----------------------------------------------------------------- data

    def add(self, segments: Segments) -> None:
        """Add each segment's energy to the buckets it overlaps (parts outside are dropped)."""
        if len(segments.rows) == 0:
            return
        low, high = self.t0, self.t0 + self.size * self.bucket_s
        starts = np.clip(segments.starts, low, high)
        ends = np.clip(segments.ends, low, high)
        keep = ends > starts
        if not keep.all():
            starts, ends = starts[keep], ends[keep]
            rows, watts = segments.rows[keep], segments.watts[keep]
        else:
            rows, watts = segments.rows, segments.watts
        if len(rows) == 0:
            return
        bucket = self.bucket_s
        first = np.minimum(((starts - self.t0) // bucket).astype(np.int64), self.size - 1)
        # An end exactly on an edge belongs to the bucket before it.
        last = np.minimum(np.ceil((ends - self.t0) / bucket).astype(np.int64) - 1, self.size - 1)
        last = np.maximum(last, first)
        same = first == last
        cols: list[IntArray] = [first[same]]
        row_parts: list[IntArray] = [rows[same]]
        amounts: list[FloatArray] = [watts[same] * (ends[same] - starts[same])]
        split = ~same
        if split.any():
            r, w = rows[split], watts[split]
            f, la = first[split], last[split]
            s, e = starts[split], ends[split]
            cols += [f, la]
            row_parts += [r, r]
            amounts += [w * (self.t0 + (f + 1) * bucket - s), w * (e - (self.t0 + la * bucket))]
            middle = la - f - 1
            if middle.any():
                counts = middle[middle > 0]
                base = np.repeat(f[middle > 0] + 1, counts)
                offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
                cols.append(base + offsets)
                row_parts.append(np.repeat(r[middle > 0], counts))
                amounts.append(np.repeat(w[middle > 0] * bucket, counts))
        all_rows = np.concatenate(row_parts)
        all_cols = np.concatenate(cols)
        all_amounts = np.concatenate(amounts)
        if len(all_cols) < _BINCOUNT_FROM:
            np.add.at(self._store, (all_rows, all_cols), all_amounts)
            np.add.at(self.total, all_cols, all_amounts)
            return
        # Many segments (a first fill): bincount is far faster than add.at.
        used = len(self.keys)
        flat = np.bincount(all_rows * self.size + all_cols, all_amounts, used * self.size)
        self._store[:used] += flat.reshape(used, self.size)
        self.total += np.bincount(all_cols, all_amounts, self.size)

    def merge(self, other: EnergyGrid) -> None:
        """Add another grid's energy (same bucket size; its columns are aligned by time)."""
        offset = round((other.t0 - self.t0) / self.bucket_s)
        src_lo, dst_lo = max(0, -offset), max(0, offset)
        width = min(other.size - src_lo, self.size - dst_lo)
        if width <= 0:
            return
        for src_row, key in enumerate(other.keys):
            dst_row = self.row(key)
            self.energy[dst_row, dst_lo : dst_lo + width] += other.energy[
                src_row, src_lo : src_lo + width
            ]
        self.total[dst_lo : dst_lo + width] += other.total[src_lo : src_lo + width]

    # ----------------------------------------------------------------- reading

    def durations(self, first: int, last: int, now: float, known_from: float) -> FloatArray:
        """Seconds of columns ``first..last`` with data: after ``known_from``, before ``now``."""
        starts = self.t0 + np.arange(first, last + 1) * self.bucket_s
        ends = np.minimum(starts + self.bucket_s, now)
        seconds: FloatArray = np.clip(ends - np.maximum(starts, known_from), 0.0, self.bucket_s)
        return seconds

    def window(self, now: float) -> tuple[int, int]:
        """The columns (first, last inclusive) of the visible span ending at ``now``."""
        last = min(self.column(now), self.size - 1)
        first = max(0, self.column(now - self.span_s))
        return first, last

    def mean_kw(
        self,
        rows: IntArray | None,
        first: int,
        last: int,
        now: float,
        known_from: float = -math.inf,
    ) -> FloatArray:
        """Mean power in kW of some rows (None: the total) over columns ``first..last``.

        Columns (or their parts) before ``known_from`` have no data yet: NaN, not zero.
        """
        seconds = self.durations(first, last, now, known_from)
        seconds[seconds <= 0] = np.nan
        if rows is None:
            return self.total[first : last + 1] / seconds / 1000.0
        return self.energy[rows, first : last + 1] / seconds / 1000.0

    def times(self, first: int, last: int, now: float) -> FloatArray:
        """Where to draw columns ``first..last``: their middles, the current one at ``now``."""
        middles = self.t0 + (np.arange(first, last + 1) + 0.5) * self.bucket_s
        drawn: FloatArray = np.minimum(middles, now)
        return drawn
