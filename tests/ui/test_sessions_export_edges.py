"""The sessions CSV export survives year-1 and year-9999 times already stored."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.core.model import Session
from console.ui.sessions.export import (
    CsvWords,
    ExportProgress,
    SessionSnapshot,
    display_time,
    write_csv,
)
from console.ui.sessions.words import column_titles, flag_labels, stop_reason_words

YEAR_1 = datetime(1, 1, 1, 0, 0, tzinfo=UTC)
YEAR_9999 = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)


@pytest.fixture
def in_berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's zone is Europe/Berlin for the test."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_edge_years_are_exported_and_shown(in_berlin: None, tmp_path: Path) -> None:
    words = CsvWords(column_titles(True), "running", stop_reason_words(), flag_labels())
    sessions = [
        Session(1, "CP1", 1, "A", YEAR_1, 0, stopped_at=YEAR_9999, meter_stop=500),
        Session(2, "CP1", 2, "B", YEAR_9999, 0),
    ]
    snapshots = [SessionSnapshot(s, 500, 60) for s in sessions]
    target = tmp_path / "sessions.csv"
    assert write_csv(target, snapshots, words, ExportProgress(2)) == 2
    with target.open(encoding="utf-8-sig", newline="") as stream:
        text = " ".join(" ".join(row) for row in csv.reader(stream))
    assert "0001-01-01T00:53" in text  # Berlin's local mean time in year 1
    assert "9999-12-31T23:30:00+00:00" in text  # no local date: written in UTC
    assert display_time(YEAR_9999) == "9999-12-31 23:30"
    assert display_time(YEAR_1) == "0001-01-01 00:53"
