"""Meter samples: every different sample is kept, a repeat is not, old rows survive 0006."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text

from console.core.enums import AsideReason
from console.core.model import MeterValue, OrphanStop, SampledValue
from console.storage import samples as sample_repo
from console.storage import sessions as session_repo
from console.storage.database import alembic_config, create_db_engine, migrate, open_database

T0 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
REGISTER = "Energy.Active.Import.Register"
pytestmark = pytest.mark.both_databases  # SQLite and PostgreSQL (tests/conftest.py)


def _count(connection, table) -> int:  # type: ignore[no-untyped-def]
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def test_old_samples_keep_their_data_and_are_still_recognised_as_repeats(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0005")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO meter_samples (charger_id, connector_id, session_key, taken_at,"
                " received_at, measurand, phase, location, unit, context, value, raw_value)"
                " VALUES ('CP1', 1, 7, :at, :at, :m, '', '', NULL, NULL, 1234.5, NULL)"
            ),
            # As SQLAlchemy stores a UTC time in SQLite.
            {"at": "2026-11-30 08:00:00.000000", "m": REGISTER},
        )
    migrate(engine)
    value = MeterValue(T0, (SampledValue(1234.5, REGISTER),))
    periodic = MeterValue(T0, (SampledValue(1234.5, REGISTER, context="Sample.Periodic"),))
    with engine.begin() as connection:
        old = connection.execute(select(sample_repo.meter_samples)).one()
        assert (old.unit, old.context, old.reading, old.value) == ("", "", "1234.5", 1234.5)
        repeat = sample_repo.sample_rows("CP1", 1, 7, (value,), T0)
        sample_repo.add_samples(connection, repeat)
        assert _count(connection, sample_repo.meter_samples) == 1
        sample_repo.add_samples(connection, sample_repo.sample_rows("CP1", 1, 7, (periodic,), T0))
        assert _count(connection, sample_repo.meter_samples) == 2
    engine.dispose()


def test_signed_data_is_keyed_by_a_bounded_digest(db_url: str) -> None:
    engine = open_database(db_url)
    signed = "x" * 5000
    value = MeterValue(T0, (SampledValue(float("nan"), REGISTER, raw_value=signed),))
    other = MeterValue(T0, (SampledValue(float("nan"), REGISTER, raw_value=signed + "y"),))
    with engine.begin() as connection:
        for values in ((value,), (value,), (other,)):
            sample_repo.add_samples(connection, sample_repo.sample_rows("CP1", 1, 7, values, T0))
        rows = connection.execute(select(sample_repo.meter_samples)).all()
    engine.dispose()
    assert len(rows) == 2
    assert all(len(row.reading) <= 80 and row.raw_value.startswith("x") for row in rows)


def test_samples_kept_aside_are_bounded_per_charger(db_url: str) -> None:
    engine = open_database(db_url)
    why = AsideReason.UNKNOWN_TRANSACTION.value
    with engine.begin() as connection:
        for n in range(12):
            values = (MeterValue(T0, (SampledValue(float(n), REGISTER),)),)
            rows = sample_repo.aside_rows("CP-B", 1, 99, why, values, T0)
            sample_repo.add_aside_samples(connection, rows, keep=5)
        sample_repo.add_aside_samples(connection, rows, keep=5)  # a repeat: stored once
        kept = sample_repo.list_aside_samples(connection)
    engine.dispose()
    assert [sample.value for sample in kept] == [11.0, 10.0, 9.0, 8.0, 7.0]


def test_stops_kept_aside_are_bounded_per_charger(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A charger stopping made-up transactions (each with up to 1 MiB of transactionData)
    # must not grow the database for ever; another charger's stops are not touched.
    monkeypatch.setattr(session_repo, "ORPHAN_STOPS_KEPT", 3)
    engine = open_database(db_url)
    why = AsideReason.UNKNOWN_TRANSACTION.value
    with engine.begin() as connection:
        session_repo.add_orphan_stop(
            connection, OrphanStop("CP-A", 7, 100, T0, None, None, T0, why), ()
        )
        for n in range(10):
            stop = OrphanStop("CP-B", 1000 + n, n, T0, None, None, T0, why)
            session_repo.add_orphan_stop(connection, stop, ())
        kept = session_repo.list_orphan_stops(connection)
    engine.dispose()
    assert [(s.charger_id, s.transaction_id) for s in kept] == [
        ("CP-A", 7),
        ("CP-B", 1007),
        ("CP-B", 1008),
        ("CP-B", 1009),
    ]
