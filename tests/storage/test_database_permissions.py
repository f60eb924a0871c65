"""The database and ChargeDesk's data folders are readable by their owner only (POSIX)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from sqlalchemy import text

from console.storage.database import create_db_engine, default_data_dir, open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # what most desktops use: files 0644, folders 0755
    yield
    os.umask(previous)


def test_a_new_database_and_its_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "site.db"
    engine = open_database(f"sqlite:///{path}")
    with engine.begin() as connection:  # a write: -wal and -shm exist now
        connection.execute(text("CREATE TABLE probe (x INTEGER)"))
        side = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() for p in side)
        assert [_mode(p) for p in side] == [0o600, 0o600]
    assert _mode(path) == 0o600
    assert _mode(tmp_path / "new") == 0o700 and _mode(tmp_path / "new" / "deeper") == 0o700
    engine.dispose()


def test_an_existing_too_open_database_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "site.db"
    open_database(f"sqlite:///{path}").dispose()
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"")
    path.chmod(0o644)
    wal.chmod(0o666)
    engine = create_db_engine(f"sqlite:///{path}")
    assert _mode(path) == 0o600 and _mode(wal) == 0o600
    engine.dispose()


def test_the_user_data_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "share" / "ChargeDesk"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(target))
    assert default_data_dir() == target
    assert _mode(target) == 0o700
    target.chmod(0o755)
    default_data_dir()
    assert _mode(target) == 0o700


def test_a_folder_chosen_for_the_database_keeps_its_permissions(tmp_path: Path) -> None:
    # A database put in /tmp or a shared folder must not take that folder from others.
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    engine = open_database(f"sqlite:///{shared / 'site.db'}")
    engine.dispose()
    assert _mode(shared) == 0o1777
    assert _mode(shared / "site.db") == 0o600
