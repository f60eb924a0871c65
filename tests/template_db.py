"""Fixtures: a migrated SQLite file per test, copied from one template per module.

Migrating takes about a third of a second; copying a file takes nothing. Passwords are
hashed at the tests' small argon2 cost.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from console.services import staff_passwords
from console.storage.database import open_database


@pytest.fixture(autouse=True)
def small_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash at the tests' small argon2 cost (milliseconds, not a tenth of a second)."""
    monkeypatch.setattr(staff_passwords, "_hasher", staff_passwords._TEST)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database file, made once per module."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def site_db(template_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the migrated database for one test."""
    path = tmp_path / "site.db"
    shutil.copyfile(template_db, path)
    return path
