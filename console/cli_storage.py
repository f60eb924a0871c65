"""Command-line options that bound storage: message log budget, log retention, disk watch."""

from __future__ import annotations

import argparse
from typing import Any

from console.services.message_log import DEFAULT_BUDGET_BYTES, DEFAULT_PAYLOAD_LIMIT
from console.services.storage_watch import GIB, StorageLimits

MB = 1000 * 1000
KIB = 1024
MIB = 1024 * 1024


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("give a number above 0")
    return value


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value < 100:
        raise argparse.ArgumentTypeError("give a percentage from 0 to 99")
    return value


def add_storage_options(parser: argparse.ArgumentParser) -> None:
    """Add the storage bounds to a parser of a command that runs the engine."""
    defaults = StorageLimits()
    group = parser.add_argument_group("storage bounds")
    group.add_argument(
        "--message-log-mb",
        type=_positive_int,
        default=DEFAULT_BUDGET_BYTES // MB,
        metavar="MB",
        help="size budget of the message log; the oldest frames go first "
        f"(default {DEFAULT_BUDGET_BYTES // MB})",
    )
    group.add_argument(
        "--payload-limit-kb",
        type=_positive_int,
        default=DEFAULT_PAYLOAD_LIMIT // KIB,
        metavar="KIB",
        help="frames above this size are logged cut, with a marker "
        f"(default {DEFAULT_PAYLOAD_LIMIT // KIB})",
    )
    group.add_argument(
        "--keep-events-days",
        type=_positive_int,
        default=defaults.charger_event_days,
        metavar="DAYS",
        help=f"days charger events are kept (default {defaults.charger_event_days})",
    )
    group.add_argument(
        "--keep-refused-cards-days",
        type=_positive_int,
        default=defaults.refused_card_days,
        metavar="DAYS",
        help=f"days a refused card is remembered (default {defaults.refused_card_days})",
    )
    group.add_argument(
        "--min-free-mb",
        type=_positive_int,
        default=defaults.min_free_bytes // MIB,
        metavar="MIB",
        help="below this much free disk space (and below --min-free-percent) an alarm is "
        f"raised and bulk logs pause (default {GIB // MIB})",
    )
    group.add_argument(
        "--min-free-percent",
        type=_percent,
        default=defaults.min_free_ratio * 100,
        metavar="PERCENT",
        help=f"see --min-free-mb (default {defaults.min_free_ratio * 100:g})",
    )


def storage_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The EngineConfig fields set by ``add_storage_options``."""
    limits = StorageLimits(
        charger_event_days=args.keep_events_days,
        refused_card_days=args.keep_refused_cards_days,
        min_free_bytes=args.min_free_mb * MIB,
        min_free_ratio=args.min_free_percent / 100,
    )
    return {
        "message_log_bytes": args.message_log_mb * MB,
        "message_log_payload_limit": args.payload_limit_kb * KIB,
        "storage_limits": limits,
    }
