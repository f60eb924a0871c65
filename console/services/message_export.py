"""Exporting the message log as JSON lines: exactly the frames a filter shows.

Times are the site's, with their UTC offset and the zone named on every line ("zone"),
unless the technician asks for UTC (to lay beside a charger's own log, which is often
in UTC). Runs in a worker thread. The file is written beside its destination and renamed at the
end, so a cancelled or failed export never leaves half a file under the chosen name.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from console.services.formatting import to_local, zone_label
from console.storage.message_search import (
    FrameFilter,
    StoredFrame,
    count_frames,
    iter_frames,
)

__all__ = ["ExportCancelled", "ExportProgress", "FrameFilter", "StoredFrame", "export_frames"]


class ExportCancelled(Exception):
    """The person cancelled the export; nothing was written."""


class ExportProgress:
    """Shared between the worker (writes) and the GUI (polls); plain ints, no locking needed."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.cancel = threading.Event()


def frame_json(stored: StoredFrame, tz: tzinfo | None = None) -> dict[str, Any]:
    """One line of the export: the frame's facts and its payload exactly as on the wire.

    ``at`` is in ``tz`` (None: the site's zone) with its UTC offset; ``zone`` names it.
    """
    frame = stored.frame
    return {
        "id": stored.id,
        "at": to_local(frame.at, tz).isoformat(timespec="milliseconds"),
        "zone": zone_label(tz),
        "charger_id": frame.charger_id,
        "direction": frame.direction.value,
        "kind": frame.kind.value,
        "message_id": frame.message_id,
        "action": frame.action,
        "latency_ms": frame.latency_ms,
        "payload": frame.payload,
    }


def export_frames(
    connection: Connection,
    where: FrameFilter,
    upto_id: int,
    path: Path,
    progress: ExportProgress | None = None,
    on_batch: Callable[[int], None] | None = None,
    utc: bool = False,
) -> int:
    """Write every frame matching ``where`` up to ``upto_id``, oldest first; returns how many.

    Times are in the site's zone, or in UTC when ``utc``.
    """
    progress = progress or ExportProgress()
    tz = UTC if utc else None
    progress.total = count_frames(connection, where, upto_id=upto_id)
    temporary = path.with_name(path.name + ".part")
    written = 0
    try:
        with temporary.open("w", encoding="utf-8", newline="\n") as out:
            for batch in iter_frames(connection, where, upto_id):
                if progress.cancel.is_set():
                    raise ExportCancelled
                out.writelines(
                    json.dumps(frame_json(s, tz), ensure_ascii=False) + "\n" for s in batch
                )
                written += len(batch)
                progress.done = written
                if on_batch is not None:
                    on_batch(written)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return written
