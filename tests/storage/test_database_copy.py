"""``chargedesk db copy --to postgresql://...``: a site's SQLite data moved to PostgreSQL,
checked table by table, with the audit chain intact and new ids after the copied ones.

Two sources: the demo's week of history, and a database an engine filled with sessions
from simulated chargers (and audit entries from staff changes).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from console.cli import main
from console.core.clock import utcnow
from console.core.enums import AdmissionMode
from console.core.model import Card
from console.services import admin
from console.services.engine import CentralSystem, EngineConfig
from console.simulator.charger import SimulatedCharger
from console.storage import sessions as session_repo
from console.storage.copy import copy_database, table_digest
from console.storage.database import create_db_engine, open_database
from console.storage.tables import Base
from tests.actors import ADMIN
from tests.template_db import _NAME_PREFIX, _admin, _database_url, _drop, _made, _worker


def _demo_site(path: Path) -> str:
    from console.services.demo_data import seed_demo_database
    from console.simulator.demo_site import DEMO_CARDS, DEMO_CHARGERS

    url = f"sqlite:///{path}"
    seed_demo_database(url, [(c[0], c[2], c[3]) for c in DEMO_CHARGERS], DEMO_CARDS)
    admin.add_card(url, Card("AUDITED-1"), actor=ADMIN)  # and an audit chain to carry over
    admin.add_card(url, Card("AUDITED-2"), actor=ADMIN)
    return url


def _rows(url: str, table: str) -> int:
    engine = create_db_engine(url)
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(text(table))).scalar()
    engine.dispose()
    return int(count or 0)


def test_the_demo_site_moves_to_postgresql_checked(
    tmp_path: Path, empty_postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _demo_site(tmp_path / "site.db")
    code = main(["db", "copy", "--to", empty_postgres_url, "--db", source, "--batch", "500"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "done:" in out and "DIFFERENT" not in out
    for table in ("sessions", "meter_samples", "receipts", "payments", "audit_log"):
        assert _rows(empty_postgres_url, table) > 0
    # The copy's own entry follows the copied chain; the check passes on the target.
    assert _rows(empty_postgres_url, "audit_log") == _rows(source, "audit_log") + 1
    assert main(["audit", "check", "--db", empty_postgres_url]) == 0
    assert "audit log intact" in capsys.readouterr().out

    # Ids go on after the copied ones, in every table whose ids come from a sequence
    # (session ids are the highest plus one: the engine test below starts one).
    engine = open_database(empty_postgres_url)
    with engine.begin() as connection:
        for table in ("people", "receipts", "payments", "tariffs", "status_history"):
            highest = connection.execute(text(f"SELECT max(id) FROM {table}")).scalar()
            following = connection.execute(
                text("SELECT nextval(pg_get_serial_sequence(:t, 'id'))"), {"t": table}
            ).scalar()
            assert highest is not None and following == highest + 1, table
    engine.dispose()

    # Into a database that holds data: refused, and nothing changes.
    before = _rows(empty_postgres_url, "sessions")
    assert main(["db", "copy", "--to", empty_postgres_url, "--db", source]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert _rows(empty_postgres_url, "sessions") == before


def test_every_row_is_the_same_on_both_sides(tmp_path: Path, postgres_url: str) -> None:
    source = _demo_site(tmp_path / "site.db")
    report = copy_database(source, postgres_url, batch_rows=97)
    assert report.ok and report.rows > 5000
    assert all(table.matches for table in report.tables)
    # Independently of the report: the checksum of each table, read again.
    left, right = create_db_engine(source), create_db_engine(postgres_url)
    with left.connect() as a, right.connect() as b:
        for table in Base.metadata.sorted_tables:
            if table.name != "alembic_version":
                assert table_digest(a, table) == table_digest(b, table), table.name
    left.dispose()
    right.dispose()


async def _sessions_from_an_engine(url: str, count: int) -> list[int]:
    """Run ``count`` sessions from a simulated charger through a real engine on ``url``."""
    engine = CentralSystem(
        EngineConfig(database_url=url, host="127.0.0.1", port=0, admission=AdmissionMode.OPEN)
    )
    await engine.start()
    charger = SimulatedCharger(
        "CP-COPY", f"ws://127.0.0.1:{engine.port}/ocpp/", meter_interval=0.02, speed=60.0,
        boot_retry_floor=0.05, reconnect_delay=0.05, retry_interval=0.2, response_timeout=5.0,
    )  # fmt: skip
    try:
        await charger.start()
        await charger.wait_booted()
        ids = []
        for _ in range(count):
            tx = await charger.start_session(1, "COPY-CARD")
            assert tx is not None
            target = charger.sent["MeterValues"] + 3
            await charger.wait_for(lambda t=target: charger.sent["MeterValues"] >= t)
            assert await charger.stop_session(1)
            ids.append(tx)
        await charger.wait_delivered()
    finally:
        await charger.stop()
        await engine.stop()
    return ids


async def test_an_engines_sessions_move_and_the_engine_goes_on_there(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = f"sqlite:///{tmp_path / 'engine.db'}"
    admin.add_card(source, Card("COPY-CARD"), actor=ADMIN)
    copied = await _sessions_from_an_engine(source, 3)
    code = await asyncio.to_thread(main, ["db", "copy", "--to", postgres_url, "--db", source])
    assert code == 0, capsys.readouterr()
    # The site starts on PostgreSQL: its next session has a new id, after the copied ones.
    later = await _sessions_from_an_engine(postgres_url, 1)
    assert later[0] > max(copied)
    engine = open_database(postgres_url)
    with engine.connect() as connection:
        sessions = session_repo.list_sessions(connection)
        assert sorted(s.id for s in sessions) == sorted([*copied, *later])
        assert all(s.energy_wh and s.stopped_at and s.stopped_at <= utcnow() for s in sessions)
        assert session_repo.samples_of_session(connection, copied[0])
    engine.dispose()
    assert await asyncio.to_thread(main, ["audit", "check", "--db", postgres_url]) == 0


def test_text_keys_in_a_language_collation_still_match(
    tmp_path: Path, postgres_template: str
) -> None:
    """A server whose databases sort text by a language ("P1-b" before "P1-C", where
    SQLite puts "P1-C" first): the copy is still found equal, row for row."""
    name = f"{_NAME_PREFIX}{os.getpid()}_{_worker()}_icu{next(_made)}"
    _admin(
        f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu '
        "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
    )
    try:
        target = _database_url(name)
        open_database(target).dispose()
        source = f"sqlite:///{tmp_path / 'site.db'}"
        open_database(source).dispose()
        for charger_id in ("P1-C", "P1-b", "p1-a", "P1-10", "P1-9"):
            admin.add_charger(source, charger_id, None, actor=ADMIN)
        report = copy_database(source, target)
        assert report.ok, [table for table in report.tables if not table.matches]
    finally:
        _drop(name)
