"""Year-1 and year-9999 times already stored never break people's views or CSV files.

Such times came from chargers with broken clocks before timestamps were checked; the
site's zone (Europe/Berlin here, an hour east of UTC) pushes 9999-12-31 23:30 UTC past
the end of the calendar and year-1 times in western zones before its start.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from console.cli import main
from console.core.enums import Approval
from console.services.formatting import format_local, local_start_of, to_local
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database

YEAR_1 = datetime(1, 1, 1, 0, 0, tzinfo=UTC)
YEAR_9999 = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def in_berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's zone is Europe/Berlin for the test."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("tz", [None, BERLIN, NEW_YORK, UTC])
@pytest.mark.parametrize("instant", [YEAR_1, YEAR_9999, YEAR_1.replace(tzinfo=None)])
def test_to_local_never_raises_at_the_calendars_ends(
    in_berlin: None, instant: datetime, tz: ZoneInfo | None
) -> None:
    local = to_local(instant, tz)
    assert local.tzinfo is not None
    # The same instant, in the zone when it has a date there, else in UTC.
    assert local.replace(tzinfo=None) - local.utcoffset() == instant.replace(tzinfo=None)  # type: ignore[operator]
    assert format_local(instant, tz)[:4] in {"0001", "9999"}


def test_to_local_still_converts_ordinary_times(in_berlin: None) -> None:
    winter = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    assert format_local(winter) == "2026-01-10 13:00"
    assert format_local(winter, NEW_YORK) == "2026-01-10 07:00"


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31)])
@pytest.mark.parametrize("tz", [None, BERLIN, NEW_YORK])
def test_local_start_of_a_day_at_the_ends_is_clamped(
    in_berlin: None, day: date, tz: ZoneInfo | None
) -> None:
    start = local_start_of(day, tz)
    assert start.tzinfo is not None
    assert start.year == day.year


def _store_edge_sessions(db_url: str) -> None:
    engine = open_database(db_url)
    with engine.begin() as conn:
        charger_repo.add_charger(conn, "CP1", Approval.ACCEPTED, YEAR_1)
        for connector, start, stop in ((1, YEAR_1, YEAR_9999), (2, YEAR_9999, None)):
            session, _ = session_repo.start_session(
                conn,
                charger_id="CP1",
                connector_id=connector,
                id_tag="EDGE",
                meter_start=0,
                started_at=start,
                received_at=start,
                auth_status="Accepted",
                reservation_id=None,
                flags=("suspect_timestamp",),
            )
            if stop is not None:
                session_repo.stop_session(
                    conn,
                    transaction_id=session.id,
                    meter_stop=1_000,
                    stopped_at=stop,
                    received_at=stop,
                    reason="Local",
                    id_tag=None,
                    extra_flags=(),
                )
    engine.dispose()


def test_cards_history_and_its_csv_survive_edge_years(
    in_berlin: None, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _store_edge_sessions(db_url)
    target = tmp_path / "history.csv"
    code = main(["cards", "history", "EDGE", "--csv", str(target), "--db", db_url])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    assert "0001-01-01" in out and "9999-12-31" in out
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert len(rows) == 3
    cells = " ".join(" ".join(row) for row in rows[1:])
    assert "0001-01-01T00:53" in cells  # Berlin's local mean time in year 1
    assert "9999-12-31T23:30:00+00:00" in cells  # no local date: shown in UTC
