"""The heat map and the energy report of one period: the same figure, or a difference
the page explains part by part (issue 11: 6818.6 kWh beside 6785.6 kWh in the demo).

A real SQLite database in Europe/Berlin, the week of the spring DST change (Sunday
2026-03-29, 02:00 CET -> 03:00 CEST), with sessions across both edges of the week, one
across the DST hour and one still running.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection

from console.core.enums import Approval
from console.core.model import MeterValue, SampledValue
from console.services.report_usage import usage_heatmap, usage_heatmap_totals
from console.services.reports import energy_report, report_total
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from console.storage import tariffs as tariff_repo
from console.storage.database import open_database
from console.storage.tariffs import site_timezone

BERLIN = ZoneInfo("Europe/Berlin")
FIRST, UNTIL = date(2026, 3, 23), date(2026, 3, 30)  # Monday to Sunday, local
SUN = 6


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _session(
    connection: Connection, connector: int, start: str, hours: float, kwh: float, stop: bool
) -> None:
    """A session at constant power with a register reading every 15 minutes."""
    started = utc(start)
    session, _ = session_repo.start_session(
        connection,
        charger_id="CP-1",
        connector_id=connector,
        id_tag="STAFF1",
        meter_start=100_000,
        started_at=started,
        received_at=started,
        auth_status="Accepted",
        reservation_id=None,
        flags=(),
    )
    steps = int(hours * 4)
    values = tuple(
        MeterValue(
            started + timedelta(minutes=15 * n),
            (SampledValue(100_000 + kwh * 1000 * n / steps, unit="Wh"),),
        )
        for n in range(1, steps + 1)
    )
    rows = session_repo.sample_rows("CP-1", connector, session.id, values, started)
    session_repo.add_samples(connection, rows)
    if stop:
        stopped = started + timedelta(hours=hours)
        session_repo.stop_session(
            connection,
            transaction_id=session.id,
            meter_stop=100_000 + int(kwh * 1000),
            stopped_at=stopped,
            received_at=stopped,
            reason="EVDisconnected",
            id_tag=None,
            extra_flags=(),
        )


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[Connection]:
    engine = open_database(f"sqlite:///{tmp_path / 'site.db'}")
    with engine.begin() as connection:
        charger_repo.add_charger(connection, "CP-1", Approval.ACCEPTED, utc("2026-01-01 00:00"))
        tariff_repo.set_site_timezone(connection, "Europe/Berlin")
        # The week starts at 2026-03-22 23:00 UTC and ends at 2026-03-29 22:00 UTC.
        _session(connection, 1, "2026-03-22 22:00", 3, 3.0, stop=True)  # 2 kWh inside
        _session(connection, 2, "2026-03-25 08:00", 2, 5.0, stop=True)  # wholly inside
        _session(connection, 1, "2026-03-29 00:30", 2, 4.0, stop=True)  # across DST
        _session(connection, 2, "2026-03-29 21:00", 2, 4.0, stop=True)  # 2 kWh after the end
        _session(connection, 3, "2026-03-29 20:00", 1, 1.5, stop=False)  # running
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def test_the_heat_map_total_is_the_report_total_plus_the_explained_parts(
    connection: Connection,
) -> None:
    zone = site_timezone(connection)
    report = report_total(energy_report(connection, FIRST, UNTIL, "day", zone))
    matrix, totals = usage_heatmap_totals(connection, FIRST, UNTIL, zone)
    heat = sum(map(sum, matrix))
    # The report: the three finished sessions started in the week, whole.
    assert float(report.energy_kwh) == pytest.approx(5.0 + 4.0 + 4.0)
    assert totals.report_kwh == pytest.approx(float(report.energy_kwh))
    assert totals.heatmap_kwh == pytest.approx(heat) == pytest.approx(2.0 + 5.0 + 4.0 + 2.0 + 1.5)
    assert totals.running_kwh == pytest.approx(1.5)
    assert totals.before_kwh == pytest.approx(2.0)
    assert totals.after_kwh == pytest.approx(2.0)
    assert totals.ignored_kwh == pytest.approx(0.0, abs=1e-9)
    assert not totals.agree
    assert totals.heatmap_kwh == pytest.approx(
        totals.report_kwh
        + totals.running_kwh
        + totals.before_kwh
        - totals.after_kwh
        - totals.ignored_kwh
    )
    # The same matrix as the heat map alone, and its hours are local across the DST
    # change: 00:30-02:30 UTC is 01:30 CET to 04:30 CEST; 02:00-03:00 never happened.
    assert matrix == usage_heatmap(connection, FIRST, UNTIL, zone)
    assert matrix[SUN][1] == pytest.approx(1.0)
    assert matrix[SUN][2] == 0.0
    assert matrix[SUN][3] == pytest.approx(2.0)
    assert matrix[SUN][4] == pytest.approx(1.0)


def test_a_period_of_finished_sessions_inside_it_gives_one_total(connection: Connection) -> None:
    # Wednesday alone: only the session wholly inside it.
    wednesday = date(2026, 3, 25)
    zone = site_timezone(connection)
    report = report_total(
        energy_report(connection, wednesday, wednesday + timedelta(1), "day", zone)
    )
    _matrix, totals = usage_heatmap_totals(connection, wednesday, wednesday + timedelta(1), zone)
    assert totals.agree
    assert totals.heatmap_kwh == pytest.approx(float(report.energy_kwh)) == pytest.approx(5.0)


def test_unbelievable_readings_are_the_ignored_part(connection: Connection) -> None:
    # A session whose stop is beyond what the connector can deliver: the report counts
    # meter stop - start, the heat map places only what it believes.
    started = utc("2026-03-26 08:00")
    with connection.begin_nested():
        session, _ = session_repo.start_session(
            connection,
            charger_id="CP-1",
            connector_id=4,
            id_tag="STAFF1",
            meter_start=0,
            started_at=started,
            received_at=started,
            auth_status="Accepted",
            reservation_id=None,
            flags=(),
        )
        session_repo.stop_session(
            connection,
            transaction_id=session.id,
            meter_stop=10_000_000,  # 10 MWh in ten minutes
            stopped_at=started + timedelta(minutes=10),
            received_at=started + timedelta(minutes=10),
            reason="EVDisconnected",
            id_tag=None,
            extra_flags=(),
        )
        zone = site_timezone(connection)
        _matrix, totals = usage_heatmap_totals(connection, FIRST, UNTIL, zone)
    assert totals.report_kwh == pytest.approx(13.0 + 10_000.0)
    assert totals.ignored_kwh == pytest.approx(10_000.0)
    assert totals.heatmap_kwh == pytest.approx(
        totals.report_kwh
        + totals.running_kwh
        + totals.before_kwh
        - totals.after_kwh
        - totals.ignored_kwh
    )


def test_the_demo_sites_figures_agree_or_add_up(tmp_path: Path) -> None:
    # The history `chargedesk --demo` starts with, through the same services as the
    # Reports tab: over the whole history both totals are one figure; over the last
    # three days the difference is exactly the parts the page names.
    from console.services.demo_data import seed_demo_database
    from console.simulator.demo_site import DEMO_CARDS, DEMO_CHARGERS

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    seed_demo_database(url, [(c[0], c[2], c[3]) for c in DEMO_CHARGERS], DEMO_CARDS)
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            zone = site_timezone(connection)
            assert zone == BERLIN
            today = datetime.now(UTC).astimezone(zone).date()
            until = today + timedelta(days=1)
            for first, whole in ((today - timedelta(days=29), True), (today - timedelta(3), False)):
                report = report_total(energy_report(connection, first, until, "day", zone))
                _matrix, totals = usage_heatmap_totals(connection, first, until, zone)
                assert totals.report_kwh == pytest.approx(float(report.energy_kwh))
                assert totals.heatmap_kwh == pytest.approx(
                    totals.report_kwh
                    + totals.running_kwh
                    + totals.before_kwh
                    - totals.after_kwh
                    - totals.ignored_kwh
                )
                assert totals.ignored_kwh == pytest.approx(0.0, abs=1e-6)
                if whole:
                    assert totals.agree and report.unbilled == 0
    finally:
        engine.dispose()
