"""Keeps every frame in and out, with a size-bounded retention."""

from __future__ import annotations

from console.core.model import LoggedFrame
from console.storage import logs as log_repo
from console.storage.writer import StorageWriter

DEFAULT_KEEP_ROWS = 500_000
PRUNE_EVERY = 10_000


class MessageLogService:
    """Implements the protocol's MessageLogPort on top of the writer's shared commits.

    Frames ride along with the next commit rather than costing one each; the oldest
    rows beyond ``keep_rows`` are pruned every ``PRUNE_EVERY`` frames.
    """

    def __init__(self, writer: StorageWriter, keep_rows: int = DEFAULT_KEEP_ROWS) -> None:
        self._writer = writer
        self.keep_rows = keep_rows
        self._since_prune = 0

    def record(self, frame: LoggedFrame) -> None:
        """Queue a frame for the next commit; never blocks."""
        self._writer.append_rows(log_repo.message_log, [log_repo.frame_row(frame)])
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:
            self._since_prune = 0
            keep = self.keep_rows
            self._writer.submit_nowait(lambda c: log_repo.prune_message_log(c, keep))
