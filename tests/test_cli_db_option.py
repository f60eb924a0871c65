"""``--db`` and ``--utc`` mean the same before and after the sub-command's name.

A sub-command's own option must never reset one given before it: ``chargedesk --db X
restore F`` put a backup over the default database before this was fixed.
"""

from __future__ import annotations

import pytest

from console.cli import build_parser


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "/tmp/site.db", "backup", "/tmp/copy.db"],
        ["backup", "/tmp/copy.db", "--db", "/tmp/site.db"],
        ["--db", "/tmp/site.db", "restore", "/tmp/copy.db"],
        ["--db", "/tmp/site.db", "sessions", "list"],
    ],
)
def test_db_given_anywhere_is_the_database_used(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.db.endswith("/tmp/site.db")


def test_without_db_the_default_database_is_meant() -> None:
    args = build_parser().parse_args(["backup", "/tmp/copy.db"])
    assert args.db is None
    assert args.utc is False


def test_utc_before_the_sub_command_counts() -> None:
    assert build_parser().parse_args(["--utc", "sessions", "list"]).utc is True
