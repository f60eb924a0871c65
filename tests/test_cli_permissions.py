"""The command line acts as the operating-system account: its changes are audited under
that account's name with the origin "command line", and a role it lacks is refused."""

from __future__ import annotations

import getpass
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.cli import main
from console.cli_actor import os_account_actor
from console.core.audit import AuditEntry
from console.core.staff import Actor, Origin, Role
from console.storage import audit
from console.storage.database import open_database

Capture = pytest.CaptureFixture[str]

# (arguments, audit action, target): one command of each kind that changes something.
CHANGES = [
    (["chargers", "add", "CLI-1"], "charger.add", "CLI-1"),
    (["chargers", "reject", "CLI-1"], "charger.reject", "CLI-1"),
    (["cards", "add", "CLI-CARD", "--group", "STAFF"], "card.add", "CLI-CARD"),
    (["cards", "block", "CLI-CARD", "--reason", "lost"], "card.block", "CLI-CARD"),
    (["tariffs", "add", "Base", "--energy-price", "0.30", "--default"], "tariff.add", "1"),
]


def _entries(db_url: str) -> list[AuditEntry]:
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            return audit.entries(connection, newest_first=False)
    finally:
        engine.dispose()


@pytest.fixture
def account() -> str:
    """The name the command line's changes are recorded under."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown account"


def test_changes_are_audited_as_the_os_account(db_url: str, account: str, tmp_path: Path) -> None:
    for argv, _action, _target in CHANGES:
        assert main([*argv, "--db", db_url]) == 0, argv
    csv = tmp_path / "cards.csv"
    csv.write_text("card,group\nCLI-CSV,STAFF\n", encoding="utf-8")
    assert main(["cards", "import", str(csv), "--db", db_url]) == 0
    entries = _entries(db_url)
    expected = [(action, target) for _argv, action, target in CHANGES] + [("card.import", "")]
    assert [(e.action, e.target) for e in entries] == expected
    assert {(e.actor, e.origin, e.place) for e in entries} == {
        (account, Origin.CLI.value, socket.gethostname())
    }
    assert entries[3].before["status"] == "active" and entries[3].after["status"] == "blocked"
    assert entries[-1].after == {"cards": ["CLI-CSV"]}


def test_the_os_account_has_every_role() -> None:
    actor = os_account_actor()
    assert actor.roles == frozenset(Role) and actor.origin is Origin.CLI


@pytest.fixture
def viewer_at_the_keyboard(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The command line acting as someone who may only look (as a site requiring a staff
    login for the command line would have it for a viewer)."""
    viewer = Actor("Vera Viewer", frozenset({Role.VIEWER}), Origin.CLI, 4, "test host")
    monkeypatch.setattr("console.cli_actor.os_account_actor", lambda: viewer)
    yield


@pytest.mark.usefixtures("viewer_at_the_keyboard")
def test_a_role_the_account_lacks_is_refused_in_one_line(
    db_url: str, capsys: Capture, tmp_path: Path
) -> None:
    csv = tmp_path / "cards.csv"
    csv.write_text("card\nCLI-CSV\n", encoding="utf-8")
    refused = [argv for argv, _action, _target in CHANGES]
    refused += [["cards", "import", str(csv)], ["chargers", "unlock", "CLI-1"]]
    refused += [["sessions", "end", "1", "--reason", "stuck"]]
    for argv in refused:
        assert main([*argv, "--db", db_url]) == 1, argv
        err = capsys.readouterr().err
        assert "Vera Viewer may not do this: it needs the" in err, (argv, err)
        assert "Traceback" not in err
    assert _entries(db_url) == []
    assert main(["cards", "list", "--json", "--db", db_url]) == 0  # looking is allowed
    assert capsys.readouterr().out == ""
