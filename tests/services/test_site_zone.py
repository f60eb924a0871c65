"""Times shown and written in the site's zone, the zone named in files (issue 11)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from console.core.enums import Approval
from console.services.card_history import write_history_csv
from console.services.formatting import (
    format_local,
    format_with_zone,
    local_start_of,
    local_today,
    site_zone,
    with_zone,
    zone_label,
)
from console.services.queries import SiteQueries
from console.services.site_zone import configured_zone
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from console.storage import tariffs as tariff_repo
from console.storage.database import open_database

BERLIN = ZoneInfo("Europe/Berlin")
SUMMER = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)  # 10:00 CEST
WINTER = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)  # 09:00 CET


def _site(db_url: str, zone: str | None) -> None:
    engine = open_database(db_url)
    with engine.begin() as connection:
        if zone is not None:
            tariff_repo.set_site_timezone(connection, zone)
        charger_repo.add_charger(connection, "CP1", Approval.ACCEPTED, WINTER)
        session_repo.start_session(
            connection,
            charger_id="CP1",
            connector_id=1,
            id_tag="C1",
            meter_start=0,
            started_at=SUMMER,
            received_at=SUMMER,
            auth_status="Accepted",
            reservation_id=None,
            flags=(),
        )
        assert configured_zone(connection) == (ZoneInfo(zone) if zone else None)
    engine.dispose()


def test_a_site_that_names_no_zone_shows_this_computers(db_url: str) -> None:
    _site(db_url, None)
    queries = SiteQueries(db_url)
    try:
        assert queries.follow_site_zone() is None
    finally:
        queries.close()
    assert site_zone() is None
    assert format_local(SUMMER) == f"{SUMMER.astimezone():%Y-%m-%d %H:%M}"


def test_once_followed_every_time_without_a_zone_is_the_sites(db_url: str, tmp_path: Path) -> None:
    _site(db_url, "Europe/Berlin")
    queries = SiteQueries(db_url)
    try:
        assert queries.follow_site_zone() == BERLIN
        history = queries.card_history("C1")
    finally:
        queries.close()
    assert format_local(SUMMER) == "2026-07-01 10:00"
    assert format_local(WINTER) == "2026-01-01 09:00"
    assert format_with_zone(SUMMER) == "2026-07-01 10:00:00 CEST"
    assert format_with_zone(SUMMER, UTC) == "2026-07-01 08:00:00 UTC"
    assert zone_label() == "Europe/Berlin" and zone_label(UTC) == "UTC"
    assert with_zone("started") == "started (Europe/Berlin)"
    # The site's day starts at its midnight, whatever this computer's zone.
    assert local_start_of(SUMMER.date()) == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)
    assert local_today(now=datetime(2026, 7, 1, 22, 30, tzinfo=UTC)).day == 2
    # A history file: the zone in the header, the times in it (UTC when asked).
    assert history is not None
    for tz, title, start in (
        (None, "start (Europe/Berlin)", "2026-07-01T10:00:00+02:00"),
        (UTC, "start (UTC)", "2026-07-01T08:00:00+00:00"),
    ):
        path = tmp_path / f"history-{len(title)}.csv"
        assert write_history_csv(history, path, tz) == 1
        header, row = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        assert header[4] == title and row[4] == start
