"""``chargedesk chargers``: passwords that follow the rules and stay off the command line,
ids that follow the OCPP rules, and unlocking after wrong passwords."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from console.cli import main
from console.core.clock import utcnow
from console.services.passwords import verify_password
from console.storage import chargers as charger_repo
from console.storage import lockouts as lockout_repo
from console.storage.database import open_database

Capture = pytest.CaptureFixture[str]


def _hash(db_url: str, charger_id: str) -> str | None:
    engine = open_database(db_url)
    with engine.connect() as connection:
        stored = charger_repo.password_hash(connection, charger_id)
    engine.dispose()
    return stored


def test_generated_password_is_printed_once_and_stored_hashed(db_url: str, capsys: Capture) -> None:
    assert main(["chargers", "add", "CP1", "--generate-password", "--db", db_url]) == 0
    out = capsys.readouterr().out
    password = out.split("password (shown only now): ")[1].strip()
    assert 16 <= len(password) <= 40
    stored = _hash(db_url, "CP1")
    assert stored is not None and password not in stored
    assert verify_password(password, stored)


def test_password_read_from_standard_input(
    db_url: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a secret from a file!\n"))
    assert main(["chargers", "add", "CP2", "--password-stdin", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "a secret from a file!" not in out
    stored = _hash(db_url, "CP2")
    assert stored is not None and verify_password("a secret from a file!", stored)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["CP3", "--password", "short"], "16 to 40"),
        (["CP3", "--password", "x" * 41], "16 to 40"),
        (["CP 3"], "charger id"),
        (["X" * 49], "charger id"),
    ],
)
def test_bad_ids_and_passwords_are_refused(
    db_url: str, capsys: Capture, argv: list[str], message: str
) -> None:
    assert main(["chargers", "add", *argv, "--db", db_url]) == 2
    assert message in capsys.readouterr().err
    assert main(["chargers", "list", "--json", "--db", db_url]) == 0
    assert capsys.readouterr().out == ""


def test_ids_differing_in_case_are_one_charger(db_url: str, capsys: Capture) -> None:
    assert main(["chargers", "add", "Gate-1", "--db", db_url]) == 0
    assert main(["chargers", "add", "GATE-1", "--db", db_url]) == 0
    assert "charger Gate-1 registered" in capsys.readouterr().out.splitlines()[-1]
    assert main(["chargers", "accept", "gate-1", "--db", db_url]) == 0
    assert main(["chargers", "list", "--json", "--db", db_url]) == 0
    assert capsys.readouterr().out.count('"id": "Gate-1"') == 1


def test_unlock(db_url: str, capsys: Capture) -> None:
    assert main(["chargers", "add", "CP4", "--generate-password", "--db", db_url]) == 0
    engine = open_database(db_url)
    with engine.begin() as connection:
        lockout_repo.add_failure(
            connection,
            lockout_repo.charger_lock_key("CP4"),
            utcnow(),
            timedelta(minutes=10),
            1,
            timedelta(minutes=15),
        )
    engine.dispose()
    capsys.readouterr()
    assert main(["chargers", "unlock", "cp4", "--db", db_url]) == 0
    assert capsys.readouterr().out.strip() == "charger cp4 unlocked"
    assert main(["chargers", "unlock", "CP4", "--db", db_url]) == 0
    assert "was not locked" in capsys.readouterr().out
