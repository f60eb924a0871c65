"""Session values as text, and the CSV writer that runs in a worker thread.

Nothing here calls Qt: the writer runs off the GUI thread, so every translated word it
needs (header, flag labels, stop reasons) is prepared on the GUI thread beforehand.

Times are the site's (``console.services.formatting``): on screen to the minute, in files
as ISO 8601 with their UTC offset, under column titles that name the zone.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from console.core.model import Session
from console.services.csv_text import CsvWriter
from console.services.formatting import iso_local, to_local, with_zone
from console.ui import locale_format
from console.ui.sessions.words import flags_text, session_stop_text

CHECK_EVERY = 500  # rows between progress updates and cancel checks
TIME_FIELDS = (4, 5)  # start and end: the fields of ``csv_record`` that hold times


def local(moment: datetime) -> datetime:
    """A stored (UTC) time in the site's zone (UTC at the calendar's ends)."""
    return to_local(moment)


def display_time(moment: datetime) -> str:
    """A time for the table: the site's, to the minute, in the desk's language."""
    return locale_format.format_local(moment)


def iso_time(moment: datetime, tz: tzinfo | None = None) -> str:
    """A time for files: ISO 8601 in the site's zone (or ``tz``) with its UTC offset."""
    return iso_local(moment, tz)


def file_header(titles: Sequence[str], tz: tzinfo | None = None) -> list[str]:
    """The column titles of a file: the time columns name their zone, "Start (Europe/Berlin)"."""
    return [with_zone(t, tz) if i in TIME_FIELDS else t for i, t in enumerate(titles)]


def hours_minutes(seconds: float) -> str:
    """A duration as h:mm (hours go past 24 rather than turning into days)."""
    minutes = max(0, int(seconds)) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def kwh_text(energy_wh: float | None, decimals: int = 2) -> str:
    """Energy in kWh with a dot decimal; empty when unknown."""
    if energy_wh is None:
        return ""
    return f"{energy_wh / 1000:.{decimals}f}"


@dataclass(frozen=True, slots=True)
class SessionSnapshot:
    """One visible row frozen at export time (running sessions keep their live values)."""

    session: Session
    energy_wh: float | None
    duration_s: float


@dataclass(frozen=True, slots=True)
class CsvWords:
    """The translated texts the writer needs, in the words the table uses."""

    header: Sequence[str]
    running: str
    stop_reasons: dict[str, str]
    flag_labels: dict[str, str]
    tz: tzinfo | None = None  # the zone of the file's times; None: the site's


def csv_record(row: SessionSnapshot, words: CsvWords) -> list[str]:
    """The CSV fields of one row, in the table's column order."""
    session = row.session
    return [
        str(session.id),
        session.charger_id,
        str(session.connector_id),
        session.id_tag,
        iso_time(session.started_at, words.tz),
        iso_time(session.stopped_at, words.tz) if session.stopped_at else words.running,
        kwh_text(row.energy_wh, decimals=3),
        hours_minutes(row.duration_s),
        "" if session.running else session_stop_text(session, words.stop_reasons),
        flags_text(session.flags, words.flag_labels),
    ]


class ExportCancelled(Exception):
    """The person cancelled the export; nothing was written."""


@dataclass
class ExportProgress:
    """Shared between the GUI and the writer thread: rows done, and a cancel request."""

    total: int
    done: int = 0
    cancel: threading.Event = field(default_factory=threading.Event)


def write_csv(
    path: str | os.PathLike[str],
    rows: Sequence[SessionSnapshot],
    words: CsvWords,
    progress: ExportProgress,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``rows`` as UTF-8 CSV with a header row; returns the number of rows.

    The file is written beside the target and renamed at the end, so a cancelled or
    failed export never leaves half a file nor destroys an older export of that name.
    """
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    try:
        # utf-8-sig: spreadsheet programs only detect UTF-8 with the byte order mark.
        with partial.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = CsvWriter(stream)  # escapes formula-looking cells
            writer.writerow(file_header(words.header, words.tz))
            for start in range(0, len(rows), CHECK_EVERY):
                if progress.cancel.is_set():
                    raise ExportCancelled
                chunk = rows[start : start + CHECK_EVERY]
                writer.writerows(csv_record(row, words) for row in chunk)
                progress.done = min(len(rows), start + CHECK_EVERY)
                if on_progress is not None:
                    on_progress(progress.done)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(rows)
