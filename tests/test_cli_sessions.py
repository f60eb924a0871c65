"""``chargedesk sessions end``: staff end a stale session from the command line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from console.cli import build_parser, main
from console.core.enums import Approval, AsideReason, SessionFlag
from console.core.model import MeterValue, OrphanStop, SampledValue, Session
from console.storage import chargers as charger_repo
from console.storage import samples as sample_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
Capture = pytest.CaptureFixture[str]


def _with_running_session(db_url: str) -> int:
    """A database with one running session that has one energy reading (1,250 Wh)."""
    engine = open_database(db_url)
    with engine.begin() as conn:
        charger_repo.add_charger(conn, "CP1", Approval.ACCEPTED, T0)
        session, _ = session_repo.start_session(
            conn,
            charger_id="CP1",
            connector_id=1,
            id_tag="CARD",
            meter_start=250,
            started_at=T0,
            received_at=T0,
            auth_status="Accepted",
            reservation_id=None,
            flags=(),
        )
        reading = MeterValue(
            T0 + timedelta(minutes=20),
            (SampledValue(1.25, session_repo.ENERGY_REGISTER, "kWh", context="Sample.Periodic"),),
        )
        rows = session_repo.sample_rows("CP1", 1, session.id, (reading,), T0)
        session_repo.add_samples(conn, rows)
    engine.dispose()
    return session.id


def _session(db_url: str, tx: int) -> Session:
    engine = open_database(db_url)
    with engine.connect() as conn:
        session = session_repo.get_session(conn, tx)
    engine.dispose()
    assert session is not None
    return session


def test_sessions_end_ends_a_running_session_with_the_reason(
    tmp_path: Path, capsys: Capture
) -> None:
    db_url = f"sqlite:///{tmp_path / 'cli.db'}"
    tx = _with_running_session(db_url)
    code = main(["sessions", "end", str(tx), "--reason", "charger lost power", "--db", db_url])
    assert code == 0, capsys.readouterr().err
    assert f"session {tx} ended by staff: 1.000 kWh" in capsys.readouterr().out
    session = _session(db_url, tx)
    assert not session.running and session.stop_estimated
    assert session.meter_stop == 1250  # the last reading, in Wh
    assert session.stopped_at == T0 + timedelta(minutes=20)
    assert SessionFlag.ENDED_BY_STAFF.value in session.flags
    assert session.end_note == "charger lost power"

    # Twice, or an unknown session: a readable refusal and exit 1.
    assert main(["sessions", "end", str(tx), "--reason", "again", "--db", db_url]) == 1
    assert "already ended" in capsys.readouterr().err
    assert main(["sessions", "end", "4242", "--reason", "x", "--db", db_url]) == 1
    assert "no session 4242" in capsys.readouterr().err


def test_sessions_end_needs_a_reason(tmp_path: Path, capsys: Capture) -> None:
    db_url = f"sqlite:///{tmp_path / 'cli.db'}"
    tx = _with_running_session(db_url)
    with pytest.raises(SystemExit):
        main(["sessions", "end", str(tx), "--db", db_url])
    assert main(["sessions", "end", str(tx), "--reason", "  ", "--db", db_url]) == 1
    assert "reason" in capsys.readouterr().err
    assert _session(db_url, tx).running


def test_the_stale_session_time_is_an_option_of_serve_and_the_console() -> None:
    assert build_parser().parse_args(["serve"]).stale_session_minutes == 15.0
    assert (
        build_parser().parse_args(["serve", "--stale-session-minutes", "5"]).stale_session_minutes
        == 5.0
    )
    assert (
        build_parser().parse_args(["--stale-session-minutes", "30"]).stale_session_minutes == 30.0
    )
    for wrong in ("0", "-3", "soon"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["serve", "--stale-session-minutes", wrong])


def test_kept_aside_lists_stops_and_samples_that_counted_nowhere(
    tmp_path: Path, capsys: Capture
) -> None:
    db_url = f"sqlite:///{tmp_path / 'site.db'}"
    session_id = _with_running_session(db_url)
    engine = open_database(db_url)
    why = AsideReason.OTHER_CHARGER.value
    with engine.begin() as conn:
        stop = OrphanStop("CP-EVIL", session_id, 999_999, T0, None, None, T0, why)
        session_repo.add_orphan_stop(conn, stop, ())
        values = (MeterValue(T0, (SampledValue(1e6, session_repo.ENERGY_REGISTER),)),)
        rows = sample_repo.aside_rows("CP-EVIL", 1, session_id, why, values, T0)
        sample_repo.add_aside_samples(conn, rows)
    engine.dispose()
    assert main(["sessions", "kept-aside", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "StopTransactions kept aside: 1" in out and "999999 Wh" in out
    assert "CP-EVIL" in out and "1e+06" in out and why in out
    assert main(["sessions", "kept-aside", "--db", db_url, "--charger", "CP1", "--json"]) == 0
    assert capsys.readouterr().out == ""  # CP1 sent nothing that was kept aside
