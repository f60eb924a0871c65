"""``chargedesk api-tokens`` on a real SQLite file: a token added (its secret printed once),
listed without secrets, revoked; mistakes are one line; only an admin may add or revoke.

The commands run through this module's own parser (cli_api_tokens.add_parser with the
``--db`` option of console/cli.py), so they are tested whether or not cli.py names them.
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from cli_staff_fixtures import *  # noqa: F403
from cli_staff_fixtures import OS_ACCOUNT, Run

from console import cli_api_tokens
from console.cli import _add_db
from console.core.audit import AuditEntry
from console.core.staff_accounts import SecuritySettings
from console.services.staff_settings import write_security_settings
from console.storage import audit
from console.storage.database import create_db_engine

PASSWORD = "correct horse battery"
Tokens = Run


@pytest.fixture
def tokens(
    site_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Tokens:
    """``chargedesk api-tokens ARGS --db site`` in-process: (exit code, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog="chargedesk")
    cli_api_tokens.add_parser(parser.add_subparsers(dest="command"), _add_db)

    def run_command(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script, no terminal
        url = f"sqlite:///{site_db}"
        try:
            code = cli_api_tokens.run(parser.parse_args(["api-tokens", *args, "--db", url]), url)
        except SystemExit as stop:
            code = int(stop.code or 0)
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run_command


def _entries(site_db: Path) -> list[AuditEntry]:
    engine = create_db_engine(f"sqlite:///{site_db}")
    with engine.connect() as connection:
        entries = audit.entries(connection, newest_first=False, limit=None)
    engine.dispose()
    return entries


def _listed(tokens: Tokens) -> dict[str, dict[str, object]]:
    code, out, _ = tokens("list", "--json")
    assert code == 0
    return {token["name"]: token for token in map(json.loads, out.splitlines())}


def test_a_token_is_added_listed_and_revoked_as_the_os_account(
    tokens: Tokens, site_db: Path
) -> None:
    code, out, err = tokens("add", "nightly export", "--roles", "desk,technician")
    assert code == 0 and err == ""
    first, secret, warning = out.splitlines()
    assert first.startswith("API token 1 'nightly export' added (desk,technician, expires never)")
    assert secret.startswith("cdk_") and len(secret) == 47
    assert "shown only now" in warning
    code, out, _ = tokens("add", "monthly", "--roles", "viewer", "--expires-days", "30")
    assert code == 0 and "expires 20" in out.splitlines()[0]

    listed = _listed(tokens)
    assert listed["nightly export"]["roles"] == ["desk", "technician"]
    assert listed["nightly export"]["prefix"] == secret[:8]
    assert listed["nightly export"]["state"] == "active"
    assert listed["nightly export"]["created_by"] == OS_ACCOUNT
    assert listed["monthly"]["expires_at"] is not None
    code, out, _ = tokens("list")
    assert code == 0 and "nightly export" in out and secret[:8] in out
    assert secret[8:] not in out and "LAST USED" in out

    code, out, _ = tokens("revoke", "1")
    assert code == 0 and "'nightly export' revoked" in out
    assert _listed(tokens)["nightly export"]["state"] == "revoked"
    assert _listed(tokens)["nightly export"]["revoked_by"] == OS_ACCOUNT

    entries = _entries(site_db)
    assert [(e.action, e.target) for e in entries] == [
        ("api_token.add", "nightly export"),
        ("api_token.add", "monthly"),
        ("api_token.revoke", "nightly export"),
    ]
    assert {(e.actor, e.origin) for e in entries} == {(OS_ACCOUNT, "command line")}
    assert all(secret[8:] not in repr(e) for e in entries)


def test_an_empty_list_says_how_to_add_one(tokens: Tokens) -> None:
    code, out, _ = tokens("list")
    assert code == 0 and "chargedesk api-tokens add" in out


def test_mistakes_are_one_line_and_exit_1(tokens: Tokens, site_db: Path) -> None:
    mistakes = [
        (("add", "x", "--roles", "boss"), "'boss' are not roles"),
        (("add", "x", "--roles", "viewer", "--expires-days", "0"), "--expires-days must be 1"),
        (("add", " ", "--roles", "viewer"), "give the token a name"),
        (("revoke", "7"), "there is no API token 7"),
    ]
    for args, words in mistakes:
        code, out, err = tokens(*args)
        assert code == 1 and out == "" and words in err, args
        assert len(err.strip().splitlines()) == 1
    assert tokens("add", "x", "--roles", "viewer")[0] == 0
    code, _, err = tokens("add", "X", "--roles", "viewer")
    assert code == 1 and "'x' exists already" in err
    assert tokens("revoke", "1")[0] == 0
    code, _, err = tokens("revoke", "1")
    assert code == 1 and "revoked already" in err
    assert len(_entries(site_db)) == 2


def test_with_a_staff_login_only_an_admin_adds_tokens(
    run: Run, tokens: Tokens, site_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for username, roles in (("anna", "admin"), ("bo", "desk")):
        assert (
            run("staff", "add", username, "--roles", roles, "--password-stdin", stdin=PASSWORD)[0]
            == 0
        )
    engine = create_db_engine(f"sqlite:///{site_db}")
    with engine.begin() as connection:
        write_security_settings(connection, SecuritySettings(cli_requires_login=True))
    engine.dispose()
    code, _, err = tokens("list")  # a script without credentials
    assert code == 1 and "CHARGEDESK_USER" in err
    monkeypatch.setenv("CHARGEDESK_USER", "bo")
    monkeypatch.setenv("CHARGEDESK_PASSWORD", PASSWORD)
    assert tokens("list")[0] == 0  # a desk clerk sees the tokens
    code, _, err = tokens("add", "bo's script", "--roles", "admin")
    assert code == 1 and "needs the admin role" in err
    monkeypatch.setenv("CHARGEDESK_USER", "anna")
    assert tokens("add", "anna's script", "--roles", "desk")[0] == 0
    added = _entries(site_db)[-1]
    assert (added.action, added.actor, added.origin) == ("api_token.add", "anna", "command line")
    assert _listed(tokens)["anna's script"]["created_by"] == "anna"
