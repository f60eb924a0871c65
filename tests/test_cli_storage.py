"""The storage bounds reach the engine's configuration from the command line."""

from __future__ import annotations

import pytest

from console.cli import build_parser
from console.cli_storage import storage_settings
from console.services.engine import EngineConfig
from console.services.storage_watch import StorageLimits


def test_serve_options_set_the_budgets_and_the_disk_threshold() -> None:
    args = build_parser().parse_args(
        ["serve", "--message-log-mb", "120", "--payload-limit-kb", "16", "--min-free-mb",
         "2048", "--min-free-percent", "2.5", "--keep-events-days", "30",
         "--keep-refused-cards-days", "7"]
    )  # fmt: skip
    config = EngineConfig(database_url="sqlite://", **storage_settings(args))
    assert config.message_log_bytes == 120_000_000
    assert config.message_log_payload_limit == 16 * 1024
    limits = config.storage_limits
    assert limits.min_free_bytes == 2048 * 1024 * 1024 and limits.min_free_ratio == 0.025
    assert (limits.charger_event_days, limits.refused_card_days) == (30, 7)


def test_defaults_match_the_engine_and_the_console_gets_them_too() -> None:
    for argv in (["serve"], []):
        settings = storage_settings(build_parser().parse_args(argv))
        assert settings["message_log_bytes"] == EngineConfig("sqlite://").message_log_bytes
        assert settings["storage_limits"] == StorageLimits()


@pytest.mark.parametrize("bad", [["--message-log-mb", "0"], ["--min-free-percent", "100"]])
def test_nonsense_is_refused(bad: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", *bad])
    assert bad[0] in capsys.readouterr().err
