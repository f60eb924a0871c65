"""Keeping the cost of a running session cheap to recompute while it grows.

A running session's cost is asked for live, again and again, while its readings pile up
(a 4-hour session sampled every 10 s has 1,440). Between two edges of the tariff's
windows a reading only splits the energy between the readings around it, and those parts
add up again in the same line: dropping it changes nothing. So only the readings next to
a window edge, and the first and last, are needed; ``compact_readings`` keeps those.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime

from console.core.tariffs import MeterReading, Tariff, window_changes


def monotonic_readings(
    readings: Sequence[MeterReading], until: datetime | None = None
) -> list[MeterReading]:
    """Readings in time order up to ``until``, skipping any below an earlier one (a meter
    never runs backwards: the rule ``cost_of`` applies)."""
    kept: list[MeterReading] = []
    for reading in sorted(readings, key=lambda r: r.at):
        if until is not None and reading.at > until:
            break
        if not kept or reading.wh >= kept[-1].wh:
            kept.append(reading)
    return kept


def compact_readings(
    tariff: Tariff, readings: Sequence[MeterReading], until: datetime | None = None
) -> tuple[MeterReading, ...]:
    """The readings that decide the energy lines of ``cost_of``: the same cost, fewer
    readings. A reading is kept when it is first or last, shares its instant with a
    neighbour, or a window edge falls between its neighbours."""
    usable = monotonic_readings(readings, until)
    if len(usable) <= 2:
        return tuple(usable)
    edges = window_changes(tariff, usable[0].at, usable[-1].at)
    kept = [usable[0]]
    for before, reading, after in zip(usable, usable[1:], usable[2:], strict=False):
        if before.at == reading.at or reading.at == after.at or _edge_between(edges, before, after):
            kept.append(reading)
    kept.append(usable[-1])
    return tuple(kept)


def _edge_between(edges: Sequence[datetime], before: MeterReading, after: MeterReading) -> bool:
    """True when a window edge lies strictly between the two readings."""
    index = bisect_right(edges, before.at)
    return index < len(edges) and edges[index] < after.at
