"""Payload builders shared by the simulator's command tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any


def iso(delta_s: float = 0.0) -> str:
    """Now (plus ``delta_s``) as an OCPP timestamp."""
    moment = datetime.now(UTC) + timedelta(seconds=delta_s)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def profile(purpose: str, limit: float, unit: str = "W", **extra: Any) -> dict[str, Any]:
    """A charging profile with one period, in the ocpp library's snake_case."""
    return {
        "charging_profile_id": extra.pop("profile_id", 1),
        "stack_level": extra.pop("stack_level", 0),
        "charging_profile_purpose": purpose,
        "charging_profile_kind": extra.pop("kind", "Absolute"),
        "charging_schedule": {
            "charging_rate_unit": unit,
            "start_schedule": iso(-1),
            "charging_schedule_period": [{"start_period": 0, "limit": limit}],
        },
        **extra,
    }
