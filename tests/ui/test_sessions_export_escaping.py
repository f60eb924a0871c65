"""The sessions CSV export escapes formula-looking cells through the shared CSV writer."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from console.core.model import Session
from console.ui.sessions.export import CsvWords, ExportProgress, SessionSnapshot, write_csv
from console.ui.sessions.words import column_titles, flag_labels, stop_reason_words

EVIL = '=HYPERLINK("http://x","y")'
START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_a_hostile_charger_id_and_card_do_not_become_formulas(tmp_path: Path) -> None:
    words = CsvWords(column_titles(True), "running", stop_reason_words(), flag_labels())
    session = Session(
        1, EVIL, 1, "@card", START, 0, stopped_at=START + timedelta(hours=1), meter_stop=500
    )
    target = tmp_path / "sessions.csv"
    assert write_csv(target, [SessionSnapshot(session, 500, 3600)], words, ExportProgress(1)) == 1
    with target.open(encoding="utf-8-sig", newline="") as stream:
        record = list(csv.reader(stream))[1]
    assert record[0:4] == ["1", "'" + EVIL, "1", "'@card"]
    assert record[6] == "0.500"
