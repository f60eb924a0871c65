"""Reports and statements over HTTPS: the same numbers as the services, and CSV files
byte for byte those of ``chargedesk report``/``statements --csv FILE`` on the same site.

The site is the reports' hand-placed site (tests/services/report_fixture.py): Berlin,
sessions across midnight, a month end and the DST day, two currencies, a department.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import update

from console.api.server import ApiServer
from console.cli import main as cli_main
from console.core.enums import AdmissionMode, CardStatus
from console.core.staff import Role
from console.services import report_usage, reports, statements
from console.services.engine import CentralSystem, EngineConfig
from console.storage.database import open_database
from console.storage.tables import CardRow, table_of
from tests.actors import ADMIN
from tests.api.api_helpers import ApiClient, ApiSite, api_config, site_tls
from tests.services.report_fixture import BERLIN, build_site


@pytest.fixture
async def report_site(tmp_path: Path) -> AsyncIterator[tuple[ApiSite, str]]:
    """The reports' site served by a running engine with its API; and its database URL."""
    url, seeded = build_site(tmp_path)
    with seeded.begin() as connection:  # the fixture's cards predate today's statuses
        connection.execute(update(table_of(CardRow)).values(status=CardStatus.ACTIVE.value))
    seeded.dispose()
    api = ApiServer(api_config())
    config = EngineConfig(
        database_url=url,
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
        tls_port=0,
        pki_folder=tmp_path / "pki",
    )
    engine = CentralSystem(config, [api])
    await engine.start()
    await engine.staff.ensure_demo_accounts()
    await engine.billing.set_site_timezone(BERLIN.key, actor=ADMIN)
    async with aiohttp.ClientSession() as http:
        client = ApiClient(http, f"https://localhost:{api.port}", site_tls(tmp_path))
        yield ApiSite(engine, api, client, tmp_path), url
    await engine.stop()


async def _cli_csv(tmp_path: Path, name: str, *argv: str) -> bytes:
    """The file the command line writes with ``--csv FILE`` (run beside the engine)."""
    target = tmp_path / name
    code = await asyncio.to_thread(cli_main, [*argv, "--csv", str(target)])
    assert code == 0
    return target.read_bytes()


async def test_each_report_csv_is_the_command_lines_file(
    report_site: tuple[ApiSite, str], tmp_path: Path
) -> None:
    site, url = report_site
    viewer = await site.as_role(Role.VIEWER)  # reports change nothing: every role reads them
    span = {"since": "2026-01-01", "until": "2026-04-01"}
    cli_span = ("--from", "2026-01-01", "--to", "2026-04-01", "--db", url)
    for by in ("day", "week", "month", "charger", "group"):
        reply = await viewer.get("/api/reports/energy.csv", params=span | {"by": by})
        assert reply.status == 200
        assert reply.headers["Content-Type"] == "text/csv; charset=utf-8"
        disposition = reply.headers["Content-Disposition"]
        assert f'filename="energy-{by}-2026-01-01_2026-04-01.csv"' in disposition
        expected = await _cli_csv(tmp_path, f"{by}.csv", "report", "energy", *cli_span, "--by", by)
        assert reply.raw == expected, by
    for kind in ("heatmap", "utilisation"):
        reply = await viewer.get(f"/api/reports/{kind}.csv", params=span)
        assert reply.status == 200
        assert reply.raw == await _cli_csv(tmp_path, f"{kind}.csv", "report", kind, *cli_span)
    # A file for spreadsheets: byte order mark, CRLF, the zone named in the header.
    energy = await viewer.get("/api/reports/energy.csv", params=span | {"by": "month"})
    assert energy.raw.startswith(b"\xef\xbb\xbfmonth (Europe/Berlin),sessions,")
    assert b"\r\n2026-01," in energy.raw


async def test_statement_csv_is_the_command_lines_file(
    report_site: tuple[ApiSite, str], tmp_path: Path
) -> None:
    site, url = report_site
    desk = await site.as_role(Role.DESK)
    departments = await desk.get("/api/statements/departments", params={"month": "2026-02"})
    assert departments.body == {"month": "2026-02", "departments": ["radiology"]}
    for subject, who, month in (
        ("department", "radiology", "2026-02"),
        ("department", "Radiology", "2026-01"),
        ("person", "Jürgen Groß", "2026-01"),
        ("person", "2", "2026-02"),
    ):
        reply = await desk.get("/api/statements.csv", params={"month": month, subject: who})
        assert reply.status == 200, reply.body
        expected = await _cli_csv(
            tmp_path, "statement.csv", "statements", subject, who, "--month", month, "--db", url
        )
        assert reply.raw == expected, (subject, who)
    pdf = await desk.get("/api/statements.pdf", params={"month": "2026-01", "person": "1"})
    assert pdf.status == 200 and pdf.raw.startswith(b"%PDF")
    assert 'filename="statement-2026-01-J-rgen-Gro.pdf"' in pdf.headers["Content-Disposition"]


async def test_json_totals_are_the_services(report_site: tuple[ApiSite, str]) -> None:
    site, url = report_site
    viewer = await site.as_role(Role.VIEWER)
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            rows = reports.energy_report(
                connection, date(2026, 1, 1), date(2026, 4, 1), "month", BERLIN
            )
            matrix, totals = report_usage.usage_heatmap_totals(
                connection, date(2026, 1, 1), date(2026, 2, 1), BERLIN
            )
            used = report_usage.utilisation(connection, date(2026, 1, 1), date(2026, 2, 1), BERLIN)
            statement = statements.monthly_statement(
                connection, 2026, 1, department="Radiology", tz=BERLIN
            )
    finally:
        engine.dispose()

    energy = await viewer.get(
        "/api/reports/energy", params={"since": "2026-01-01", "until": "2026-04-01", "by": "month"}
    )
    assert energy.status == 200
    body = energy.body
    total = reports.report_total(rows)
    assert body["zone"] == "Europe/Berlin" and [r["key"] for r in body["rows"]] == [
        "2026-01",
        "2026-02",
        "2026-03",
    ]
    assert body["total"]["sessions"] == total.sessions and total.sessions > 0
    assert body["total"]["energy_kwh"] == str(total.energy_kwh)
    assert body["total"]["revenue"] == {k: str(v) for k, v in total.revenue.items()}
    assert set(body["total"]["revenue"]) == {"CHF", "EUR"}
    assert [r["sessions"] for r in body["rows"]] == [r.sessions for r in rows]
    # The Reports tab reads through SiteQueries: the same rows.
    queries = site.api.queries
    assert queries is not None
    assert queries.energy_report(date(2026, 1, 1), date(2026, 4, 1), "month") == rows

    january = {"since": "2026-01-01", "until": "2026-02-01"}
    heat = (await viewer.get("/api/reports/heatmap", params=january)).body
    assert heat["kwh"] == matrix and heat["weekdays"][0] == "Mon"
    assert heat["totals"]["heatmap_kwh"] == totals.heatmap_kwh
    assert heat["totals"]["report_kwh"] == totals.report_kwh
    usage = (await viewer.get("/api/reports/utilisation", params=january)).body
    assert [
        (c["charger_id"], c["connector_id"], c["charging_share"]) for c in usage["connectors"]
    ] == [(u.charger_id, u.connector_id, u.charging_share) for u in used]

    shown = await viewer.get(
        "/api/statements", params={"month": "2026-01", "department": "Radiology"}
    )
    assert shown.status == 200
    assert shown.body["energy_kwh"] == str(statement.energy_kwh)
    assert [(t["currency"], t["gross"]) for t in shown.body["totals"]] == [
        (t.currency, str(t.gross)) for t in statement.totals
    ]
    assert [s["name"] for s in shown.body["sections"]] == [s.name for s in statement.sections]


async def test_report_inputs_are_checked(report_site: tuple[ApiSite, str]) -> None:
    site, _url = report_site
    viewer = await site.as_role(Role.VIEWER)
    backwards = await viewer.get(
        "/api/reports/energy", params={"since": "2026-02-01", "until": "2026-01-01"}
    )
    assert backwards.status == 422 and "until must be after since" in backwards.problem["detail"]
    assert (await viewer.get("/api/reports/energy", params={"since": "2026-01-01"})).status == 422
    bad_by = await viewer.get(
        "/api/reports/energy.csv",
        params={"since": "2026-01-01", "until": "2026-02-01", "by": "hour"},
    )
    assert bad_by.status == 422
    typo = await viewer.get(
        "/api/reports/heatmap", params={"from": "2026-01-01", "until": "2026-02-01"}
    )
    assert typo.status == 400 and "from" in typo.problem["detail"]
    both = await viewer.get(
        "/api/statements", params={"month": "2026-01", "person": "1", "department": "x"}
    )
    assert both.status == 422
    month = await viewer.get("/api/statements.csv", params={"month": "2026-13", "person": "1"})
    assert month.status == 422
    nobody = await viewer.get("/api/statements", params={"month": "2026-01", "person": "Nemo"})
    assert nobody.status == 409 and "Nemo" in nobody.problem["detail"]
    assert (await site.anonymous.get("/api/reports/energy.csv")).status == 401
