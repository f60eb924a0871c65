"""How long the site reports take over a year of data at a site with 20 chargers.

Builds a SQLite file with 20 chargers x 2 connectors, two sessions per connector and day
for a year (29,200 sessions), an energy register and a power sample every 5 minutes while
charging (about 1.3 million samples), five status changes per session and bills for 80%
of the sessions, then times each report once.

    python benchmarks/reports_year.py [--keep DB_FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, insert

from console.services.report_usage import usage_heatmap, utilisation
from console.services.reports import energy_report
from console.services.statements import monthly_statement
from console.storage.database import open_database
from console.storage.tables import (
    ChargerRow,
    MeterSampleRow,
    PersonRow,
    SessionBillRow,
    SessionRow,
    StatusHistoryRow,
    table_of,
)

ZONE = ZoneInfo("Europe/Berlin")
YEAR = 2025
BREAKDOWN = json.dumps({"format": 1})  # never parsed by the reports


def _build(connection: Connection) -> dict[str, int]:
    rng = random.Random(7)
    first = datetime(YEAR, 1, 1, tzinfo=UTC)
    connection.execute(
        insert(table_of(ChargerRow)),
        [
            {"id": f"CP-{n:02d}", "approval": "accepted", "registered_at": first, "retired": 0}
            for n in range(20)
        ],
    )
    connection.execute(
        insert(table_of(PersonRow)),
        [
            {"id": p, "name": f"Person {p}", "department": f"Dept {p % 8}", "created_at": first}
            for p in range(1, 201)
        ],
    )
    sessions, samples, statuses, bills = [], [], [], []
    sid = 0
    for day in range(365):
        for charger in range(20):
            for connector in (1, 2):
                for slot in (7, 13):
                    sid += 1
                    start = first + timedelta(days=day, hours=slot + rng.random() * 4)
                    minutes = rng.randint(30, 240)
                    charge = min(minutes, rng.randint(30, 180))
                    stop = start + timedelta(minutes=minutes)
                    wh = charge * 11000 // 60
                    cid = f"CP-{charger:02d}"
                    person = rng.randint(1, 200)
                    sessions.append(
                        {
                            "id": sid, "charger_id": cid, "connector_id": connector,
                            "id_tag": f"CARD{person}", "id_tag_key": f"card{person}",
                            "auth_status": "Accepted", "started_at": start,
                            "start_received_at": start, "meter_start": 0, "stopped_at": stop,
                            "stop_received_at": stop, "meter_stop": wh, "flags": "",
                        }
                    )  # fmt: skip
                    for step in range(0, charge, 5):
                        at = start + timedelta(minutes=step)
                        for measurand, value in (
                            ("Energy.Active.Import.Register", step * 11000 / 60),
                            ("Power.Active.Import", 11000.0),
                        ):
                            samples.append(
                                {
                                    "charger_id": cid, "connector_id": connector,
                                    "session_key": sid, "taken_at": at, "received_at": at,
                                    "measurand": measurand, "phase": "", "location": "",
                                    "unit": "Wh", "value": value,
                                }
                            )  # fmt: skip
                    for offset, status in (
                        (0, "Preparing"), (1, "Charging"), (charge, "SuspendedEV"),
                        (minutes - 1, "Finishing"), (minutes, "Available"),
                    ):  # fmt: skip
                        at = start + timedelta(minutes=offset)
                        statuses.append(
                            {
                                "charger_id": cid, "connector_id": connector, "status": status,
                                "error_code": "NoError", "charger_time": at, "received_at": at,
                            }
                        )  # fmt: skip
                    if rng.random() < 0.8:
                        gross = wh * 35 // 1000
                        bills.append(
                            {
                                "session_id": sid, "tariff_name": "Staff", "currency": "EUR",
                                "breakdown": BREAKDOWN, "net_cents": gross * 100 // 119,
                                "tax_cents": gross - gross * 100 // 119, "gross_cents": gross,
                                "energy_wh": float(wh), "id_tag": f"CARD{person}",
                                "group_name": "STAFF", "person_id": person,
                                "department": f"Dept {person % 8}", "billed_at": stop,
                            }
                        )  # fmt: skip
    connection.execute(insert(table_of(SessionRow)), sessions)
    connection.execute(insert(table_of(SessionBillRow)), bills)
    connection.execute(insert(table_of(StatusHistoryRow)), statuses)
    for chunk in range(0, len(samples), 100_000):
        connection.execute(insert(table_of(MeterSampleRow)), samples[chunk : chunk + 100_000])
    return {"sessions": len(sessions), "samples": len(samples), "statuses": len(statuses)}


def main() -> None:
    """Build the year and print the time of each report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database here")
    args = parser.parse_args()
    path = args.keep or Path(tempfile.mkdtemp()) / "year.db"
    fresh = not path.exists()
    engine = open_database(f"sqlite:///{path}")
    if fresh:
        began = time.perf_counter()
        with engine.begin() as connection:
            counts = _build(connection)
        print(f"built {counts} in {time.perf_counter() - began:.1f} s")
    since, until = date(YEAR, 1, 1), date(YEAR + 1, 1, 1)
    jobs = {
        "energy by day": lambda c: energy_report(c, since, until, "day", ZONE),
        "energy by month": lambda c: energy_report(c, since, until, "month", ZONE),
        "energy by charger": lambda c: energy_report(c, since, until, "charger", ZONE),
        "energy by group": lambda c: energy_report(c, since, until, "group", ZONE),
        "usage heat map": lambda c: usage_heatmap(c, since, until, ZONE),
        "utilisation": lambda c: utilisation(c, since, until, ZONE),
        "department statement (month)": lambda c: monthly_statement(
            c, YEAR, 6, department="Dept 3", tz=ZONE
        ),
    }
    with engine.connect() as connection:
        for name, job in jobs.items():
            began = time.perf_counter()
            job(connection)
            print(f"{name:30} {time.perf_counter() - began:6.2f} s")
    engine.dispose()


if __name__ == "__main__":
    main()
