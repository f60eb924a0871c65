"""Keeps every frame in and out, within a size budget in bytes.

A charger decides how big its frames are, so the log is bounded by bytes, not rows: a
payload above ``payload_limit`` is kept cut, with a marker saying how many bytes were
left out, and the oldest frames are pruned once the log holds more than its budget.
The log's size is a running estimate (the stored total, read from an index at start,
plus what was recorded since, less what was pruned), so recording a frame costs no
query. Pruning runs on the writer in batches of at most ``PRUNE_MAX_ROWS`` rows (a short
transaction between the chargers' own), aiming at ``PRUNE_TO`` of the budget.

What a charger sends is also limited per charger: each may have ``flood_rate`` bytes a
second of large payloads (above ``LARGE_PAYLOAD``; with a burst of ``flood_burst``)
stored up to the payload limit; beyond that its large frames are kept cut to
``FLOOD_PAYLOAD_LIMIT``. A flood of large frames is still visible frame by frame, but
costs a kilobyte each, not 64.
"""

from __future__ import annotations

import logging
import re
import time
from concurrent.futures import Future
from dataclasses import replace

from console.core.enums import Direction
from console.core.model import LoggedFrame
from console.core.redaction import redact_secrets
from console.storage import logs as log_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

DEFAULT_BUDGET_BYTES = 500 * 1000 * 1000  # 500 MB
DEFAULT_PAYLOAD_LIMIT = 64 * 1024  # bytes of a payload kept; the rest is cut
DEFAULT_FLOOD_RATE = 32 * 1024  # bytes a second of large payloads per charger
DEFAULT_FLOOD_BURST = 2 * 1024 * 1024
FLOOD_PAYLOAD_LIMIT = 1024  # bytes kept of a payload from a charger over its rate
LARGE_PAYLOAD = 8 * 1024  # smaller payloads (MeterValues, however many) always count as usual
MAX_TRACKED_CHARGERS = 20_000  # the per-charger allowances start over beyond this
PRUNE_TO = 0.9  # of the budget: prune in batches, not a few rows per frame
PRUNE_MAX_ROWS = 10_000  # rows deleted in one transaction
TRUNCATION_MARKER = "…[truncated by ChargeDesk: {omitted} of {total} bytes left out]"


def truncate_payload(payload: str, limit: int) -> tuple[str, int]:
    """The payload cut to ``limit`` bytes (UTF-8) with a visible marker, and the bytes cut.

    A payload within the limit comes back as it is, with 0.
    """
    if len(payload) <= limit // 4:  # at most 4 bytes a character: surely within the limit
        return payload, 0
    data = payload.encode("utf-8")
    if len(data) <= limit:
        return payload, 0
    # A character split at the cut is dropped whole rather than stored half.
    kept = data[:limit].decode("utf-8", errors="ignore")
    omitted = len(data) - len(kept.encode("utf-8"))
    return kept + TRUNCATION_MARKER.format(omitted=omitted, total=len(data)), omitted


_MARKER_AT_END = re.compile(r"…\[truncated by ChargeDesk: (\d+) of (\d+) bytes left out\]\Z")


def truncation_of(payload: str) -> tuple[int, int] | None:
    """(bytes left out, bytes the frame had) of a payload stored cut; None when whole."""
    found = _MARKER_AT_END.search(payload[-120:])
    return None if found is None else (int(found.group(1)), int(found.group(2)))


def is_truncated(payload: str) -> bool:
    """Was this stored payload cut (does it end with the marker)?"""
    return truncation_of(payload) is not None


class MessageLogService:
    """Implements the protocol's MessageLogPort on top of the writer's shared commits.

    Frames ride along with the next commit rather than costing one each. While the
    writer keeps no bulk rows (the disk is low or full) frames are counted, not stored.
    """

    def __init__(
        self,
        writer: StorageWriter,
        budget_bytes: int = DEFAULT_BUDGET_BYTES,
        payload_limit: int = DEFAULT_PAYLOAD_LIMIT,
        flood_rate: float = DEFAULT_FLOOD_RATE,
        flood_burst: float = DEFAULT_FLOOD_BURST,
    ) -> None:
        self._writer = writer
        self.budget_bytes = budget_bytes
        self.payload_limit = payload_limit
        self.flood_rate = flood_rate
        self.flood_burst = flood_burst
        self._allowance: dict[str, tuple[float, float]] = {}  # charger -> (bytes, at)
        self.truncated = 0  # frames stored cut since start
        self.skipped = 0  # frames not stored because bulk logs were paused
        # Each written by one thread only (loop / writer), so no update is lost.
        self._stored_at_start = 0
        self._recorded = 0  # bytes recorded since start (the event loop)
        self._pruned = 0  # bytes pruned since start (the writer thread)
        self._pruning: Future[tuple[int, int]] | None = None

    @property
    def estimated_bytes(self) -> int:
        """What the log holds, as far as we know (rows the writer dropped count too)."""
        return self._stored_at_start + self._recorded - self._pruned

    async def start(self) -> None:
        """Read what the log holds now (from the size index: no payload is read)."""
        self._stored_at_start = await self._writer.submit(log_repo.message_log_bytes)
        self._prune_if_over()

    def record(self, frame: LoggedFrame) -> None:
        """Queue a frame for the next commit; never blocks."""
        if not self._writer.keeping_bulk:
            self.skipped += 1
            return
        redacted = redact_secrets(frame.payload)  # transfer URLs carry a password or token
        if redacted is not frame.payload:
            frame = replace(frame, payload=redacted)
        limit = self.payload_limit
        if frame.direction is Direction.IN and len(frame.payload) > LARGE_PAYLOAD:
            limit = self._limit_for(frame.charger_id, min(len(frame.payload), limit))
        payload, omitted = truncate_payload(frame.payload, limit)
        if omitted:
            frame = replace(frame, payload=payload)
            self.truncated += 1
        row = log_repo.frame_row(frame, omitted)
        self._writer.append_rows(log_repo.message_log, [row])
        self._recorded += row["size"]
        self._prune_if_over()

    def _limit_for(self, charger_id: str, cost: int) -> int:
        """The payload limit for a large frame of this charger: its allowance refills at
        ``flood_rate`` up to ``flood_burst``; an exhausted allowance means a small limit."""
        now = time.monotonic()
        allowance, at = self._allowance.get(charger_id, (self.flood_burst, now))
        allowance = min(self.flood_burst, allowance + (now - at) * self.flood_rate)
        if len(self._allowance) >= MAX_TRACKED_CHARGERS and charger_id not in self._allowance:
            self._allowance.clear()
        if allowance >= cost:
            self._allowance[charger_id] = (allowance - cost, now)
            return self.payload_limit
        self._allowance[charger_id] = (allowance, now)
        return FLOOD_PAYLOAD_LIMIT

    def _prune_if_over(self) -> None:
        if self.estimated_bytes <= self.budget_bytes or self._pruning is not None:
            return
        excess = self.estimated_bytes - int(self.budget_bytes * PRUNE_TO)
        self._pruning = self._writer.submit_nowait(
            lambda c: log_repo.prune_oldest_frames(c, excess, PRUNE_MAX_ROWS)
        )

        def pruned(future: Future[tuple[int, int]]) -> None:
            # On the writer thread. Still over the budget (a batch is bounded)? The next
            # frame prunes again.
            if not future.cancelled() and future.exception() is None:
                deleted, freed = future.result()
                if deleted:
                    self._pruned += freed
                else:  # nothing to delete: the estimate counted frames the writer dropped
                    self._pruned = self._stored_at_start + self._recorded
            else:
                log.warning("could not prune the message log: %s", future.exception())
            self._pruning = None

        self._pruning.add_done_callback(pruned)
