"""Shared fixtures. Qt runs offscreen for every GUI test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Staff passwords hashed at a test-sized argon2 cost (read when the hashing module is
# imported, and inherited by programs the tests start): full cost is 0.1-0.3 s a hash.
os.environ.setdefault("CHARGEDESK_TEST_ARGON2", "1")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite file for one test."""
    return f"sqlite:///{tmp_path / 'chargedesk.db'}"


@pytest.fixture(autouse=True)
def _site_zone_of_one_test() -> Iterator[None]:
    """The zone times are shown in is the program's (a console sets it from its site):
    each test starts with none set, whatever an earlier test's console chose."""
    from console.services.formatting import set_site_zone

    set_site_zone(None)
    yield
    set_site_zone(None)
