"""Report figures against a hand-built site whose answers are worked out in report_fixture."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from report_fixture import BERLIN, build_site, utc
from sqlalchemy import Connection

from console.services.report_usage import (
    ConnectorUtilisation,
    heatmap_table,
    usage_heatmap,
    utilisation,
    write_heatmap_csv,
    write_utilisation_csv,
)
from console.services.reports import (
    ReportRow,
    energy_report,
    energy_report_table,
    report_total,
    write_energy_report_csv,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[Connection]:
    _url, engine = build_site(tmp_path)
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def _row(key: str, sessions: int, kwh: str, unbilled: int, **revenue: str) -> ReportRow:
    return ReportRow(
        key, sessions, Decimal(kwh), {c: Decimal(v) for c, v in revenue.items()}, unbilled
    )


def test_by_month_uses_local_start_and_keeps_empty_months(connection: Connection) -> None:
    rows = energy_report(connection, date(2026, 1, 1), date(2026, 4, 1), "month", BERLIN)
    # Session 6 started 2025-12-31 23:30 UTC = 2026-01-01 00:30 in Berlin: January.
    # Session 7 started 22:30 UTC = 23:30 on New Year's Eve: left out. Session 5 runs.
    # Session 3 crosses into February but started in January.
    assert rows == [
        _row("2026-01", 4, "22.000", 2, EUR="5.60"),
        _row("2026-02", 1, "3.000", 0, EUR="1.19"),
        _row("2026-03", 1, "4.000", 0, CHF="5.00"),
    ]
    assert report_total(rows) == _row("Total", 6, "29.000", 2, CHF="5.00", EUR="6.79")


def test_by_day_counts_a_session_crossing_midnight_on_its_first_day(
    connection: Connection,
) -> None:
    rows = energy_report(connection, date(2026, 1, 10), date(2026, 1, 12), "day", BERLIN)
    assert rows == [_row("2026-01-10", 2, "14.000", 1, EUR="3.50"), _row("2026-01-11", 0, "0", 0)]


def test_by_day_over_the_dst_change(connection: Connection) -> None:
    rows = energy_report(connection, date(2026, 3, 28), date(2026, 3, 31), "day", BERLIN)
    assert [row.key for row in rows] == ["2026-03-28", "2026-03-29", "2026-03-30"]
    assert rows[1] == _row("2026-03-29", 1, "4.000", 0, CHF="5.00")


def test_by_iso_week(connection: Connection) -> None:
    rows = energy_report(connection, date(2026, 1, 1), date(2026, 2, 1), "week", BERLIN)
    assert [row.key for row in rows] == [f"2026-W0{week}" for week in range(1, 6)]
    assert rows[0] == _row("2026-W01", 1, "2.000", 1)  # session 6, Thursday 1 January
    assert rows[1] == _row("2026-W02", 2, "14.000", 1, EUR="3.50")  # Saturday 10 January
    assert rows[4] == _row("2026-W05", 1, "6.000", 0, EUR="2.10")  # Saturday 31 January


def test_by_charger_and_by_group(connection: Connection) -> None:
    by_charger = energy_report(connection, date(2026, 1, 1), date(2026, 4, 1), "charger", BERLIN)
    assert by_charger == [
        _row("CP-A", 3, "16.000", 2, EUR="3.50"),
        _row("CP-B", 3, "13.000", 0, CHF="5.00", EUR="3.29"),
    ]
    by_group = energy_report(connection, date(2026, 1, 1), date(2026, 4, 1), "group", BERLIN)
    # Session 6 has no bill: its card's group counts.
    assert by_group == [
        _row("(no group)", 2, "8.000", 1, CHF="5.00"),
        _row("STAFF", 4, "21.000", 1, EUR="6.79"),
    ]


def test_a_range_must_not_be_empty(connection: Connection) -> None:
    with pytest.raises(ValueError, match="after its start"):
        energy_report(connection, date(2026, 2, 1), date(2026, 1, 1), "day", BERLIN)
    with pytest.raises(ValueError):
        energy_report(connection, date(2026, 1, 1), date(2026, 2, 1), "year", BERLIN)


def test_energy_report_csv_has_bom_currencies_and_total(
    connection: Connection, tmp_path: Path
) -> None:
    rows = energy_report(connection, date(2026, 1, 1), date(2026, 4, 1), "month", BERLIN)
    path = tmp_path / "energy.csv"
    assert write_energy_report_csv(rows, "month", path) == 4
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "month,sessions,unbilled sessions,energy kWh,revenue CHF,revenue EUR"
    assert lines[1] == "2026-01,4,2,22.000,0.00,5.60"
    assert lines[-1] == "Total,6,2,29.000,5.00,6.79"
    assert energy_report_table([], "day") == [
        ["day", "sessions", "unbilled sessions", "energy kWh"],
        ["Total", "0", "0", "0.000"],
    ]


def test_heatmap_places_energy_where_it_flowed(connection: Connection) -> None:
    matrix = usage_heatmap(connection, date(2026, 1, 1), date(2026, 4, 1), BERLIN)
    expected = {
        # session 7: only its half after the range start (Thursday 00:00 local)
        # session 6: 2 kWh over 00:30-01:30 local
        (THU, 0): 1.5 + 1.0,
        (THU, 1): 1.0,
        # session 1 without samples: 10 kWh spread over 10:00-12:00 local
        (SAT, 10): 5.0,
        (SAT, 11): 5.0,
        # session 2 by its hourly readings, session 3 (6 kWh, 23:00-00:30 local) evenly
        (SAT, 23): 0.75 + 4.0,
        (SUN, 0): 2.25 + 2.0,
        # session 2's last half hour, and session 4 on the DST day (01:30-04:30 local,
        # 2 real hours: 02:00-03:00 does not exist)
        (SUN, 1): 1.0 + 1.0,
        (SUN, 3): 2.0,
        (SUN, 4): 1.0,
        # session 5 (running, samples in kWh): 0.5 + 0.75 in 09h local, 0.25 in 10h
        (MON, 9): 1.25,
        (MON, 10): 0.25,
        # session 8: Tuesday 10 February, 11:00-12:00 local
        (TUE, 11): 3.0,
    }
    for day in range(7):
        for hour in range(24):
            assert matrix[day][hour] == pytest.approx(expected.get((day, hour), 0.0)), (day, hour)
    assert sum(map(sum, matrix)) == pytest.approx(32.0)


def test_heatmap_clips_to_the_range(connection: Connection, tmp_path: Path) -> None:
    # 2026-01-11 local starts at 2026-01-10 23:00 UTC: session 2 keeps 2.25 + 1.0 kWh.
    matrix = usage_heatmap(connection, date(2026, 1, 11), date(2026, 1, 12), BERLIN)
    assert matrix[SUN][0] == pytest.approx(2.25)
    assert matrix[SUN][1] == pytest.approx(1.0)
    assert sum(map(sum, matrix)) == pytest.approx(3.25)
    table = heatmap_table(matrix)
    assert table[0][:3] == ["weekday", "00", "01"]
    assert table[7][0] == "Sun" and table[7][-1] == "3.250"
    path = tmp_path / "heat.csv"
    assert write_heatmap_csv(matrix, path) == 7


def test_utilisation_from_status_history(connection: Connection, tmp_path: Path) -> None:
    rows = utilisation(
        connection, date(2026, 1, 10), date(2026, 1, 11), BERLIN, now=utc("2026-06-01 00:00")
    )
    # The day is 2026-01-09 23:00 to 2026-01-10 23:00 UTC (24 h).
    # CP-A/1: Available before; Preparing 09:00, Charging 09:05 (queued offline),
    #   SuspendedEV 10:35, Finishing 11:00, Available 11:15: 1.5 h charging, 2.25 h occupied.
    # CP-A/2: Charging since the day before until 01:00 (2 h in range), Preparing from
    #   22:30 (received time, no charger time) to the end: 2 h charging, 2.5 h occupied.
    # Connector 0 is not a connector; CP-B has no status before the end of the day.
    assert rows == [
        ConnectorUtilisation("CP-A", 1, 1.5 / 24, 2.25 / 24, 1.5, 2.25),
        ConnectorUtilisation("CP-A", 2, 2 / 24, 2.5 / 24, 2.0, 2.5),
    ]
    path = tmp_path / "utilisation.csv"
    assert write_utilisation_csv(rows, path) == 2
    text = path.read_text(encoding="utf-8-sig").splitlines()
    assert text[1] == "CP-A,1,6.2,9.4,1.50,2.25"


def test_utilisation_stops_at_now(connection: Connection) -> None:
    # Up to 2026-01-10 10:00 UTC: 11 h in range, 55 min charging.
    rows = utilisation(
        connection, date(2026, 1, 10), date(2026, 1, 11), BERLIN, now=utc("2026-01-10 10:00")
    )
    assert rows[0].charging_hours == pytest.approx(55 / 60)
    assert rows[0].charging_share == pytest.approx(55 / 60 / 11)
    assert (
        utilisation(
            connection, date(2026, 1, 10), date(2026, 1, 11), BERLIN, now=utc("2025-01-01 00:00")
        )
        == []
    )
