"""``chargedesk --version``: the versions, the OCPP versions spoken, database and logs."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from console import cli
from console.version_info import OCPP_VERSIONS, SUBPROTOCOL_NAMES, chargedesk_version


def test_version_prints_every_fact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One line each: ChargeDesk, Python, Qt/PySide6, OCPP, database, log folder."""
    monkeypatch.setenv("CHARGEDESK_LOG_DIR", str(tmp_path / "logs"))
    assert cli.main(["--version", "--db", str(tmp_path / "site.db")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"ChargeDesk {chargedesk_version()}"
    assert lines[1].startswith("Python 3.")
    assert lines[2].startswith("Qt 6.") and ", PySide6 6." in lines[2]
    assert lines[3] == "OCPP versions spoken: OCPP 1.6J"
    assert lines[4] == f"Database: {tmp_path / 'site.db'}"
    assert lines[5] == f"Log folder: {tmp_path / 'logs'}"
    assert not (tmp_path / "site.db").exists()  # nothing opened or created
    assert not (tmp_path / "logs").exists()


def test_version_names_the_default_database_without_making_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without --db: the default file's place in the user data folder."""
    assert cli.main(["--version"]) == 0
    database = capsys.readouterr().out.splitlines()[4]
    assert database.startswith("Database: ") and database.endswith("chargedesk.db")


def test_version_comes_from_the_package_metadata() -> None:
    """The installed (editable) package's version, as pyproject.toml gives it."""
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert f'version = "{chargedesk_version()}"' in pyproject


def test_ocpp_versions_are_the_servers() -> None:
    """The OCPP versions named are the ones the server offers by default."""
    from console.protocol.server import CentralSystemServer

    default = inspect.signature(CentralSystemServer.__init__).parameters["dialects"].default
    assert tuple(SUBPROTOCOL_NAMES[d.subprotocol] for d in default) == OCPP_VERSIONS
