"""Charging profiles installed by the central system, and the power limit they impose."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from console.simulator.clock import parse_time

VOLTS = 230.0  # phase voltage used to turn an ampere limit into watts
DEFAULT_PHASES = 3
_RECURRENCE = {"Daily": timedelta(days=1), "Weekly": timedelta(weeks=1)}


@dataclass(eq=False)
class InstalledProfile:
    """A csChargingProfiles as received (snake_case keys) and where it applies."""

    connector_id: int
    profile: dict[str, Any]
    installed_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def profile_id(self) -> int:
        """chargingProfileId."""
        return int(self.profile["charging_profile_id"])

    @property
    def purpose(self) -> str:
        """chargingProfilePurpose."""
        return str(self.profile["charging_profile_purpose"])

    @property
    def stack_level(self) -> int:
        """stackLevel."""
        return int(self.profile["stack_level"])

    def schedule_start(self, at: datetime, tx_start: datetime | None) -> datetime | None:
        """When the schedule's period 0 begins for a moment ``at`` (None: not applicable)."""
        schedule = self.profile["charging_schedule"]
        kind = self.profile.get("charging_profile_kind", "Absolute")
        if kind == "Relative":
            return tx_start
        start = (
            parse_time(schedule.get("start_schedule"))
            or parse_time(self.profile.get("valid_from"))
            or self.installed_at
        )
        period = _RECURRENCE.get(str(self.profile.get("recurrency_kind")))
        if kind == "Recurring" and period is not None and at > start:
            start += ((at - start) // period) * period
        return start

    def limit_w(self, at: datetime, tx_start: datetime | None) -> float | None:
        """The limit in watts at ``at``, or None if this profile does not apply then."""
        valid_from = parse_time(self.profile.get("valid_from"))
        valid_to = parse_time(self.profile.get("valid_to"))
        if (valid_from and at < valid_from) or (valid_to and at >= valid_to):
            return None
        start = self.schedule_start(at, tx_start)
        if start is None:
            return None
        schedule = self.profile["charging_schedule"]
        elapsed = (at - start).total_seconds()
        duration = schedule.get("duration")
        if elapsed < 0 or (duration is not None and elapsed >= duration):
            return None
        current = None
        for period in sorted(schedule["charging_schedule_period"], key=lambda p: p["start_period"]):
            if period["start_period"] <= elapsed:
                current = period
        if current is None:
            return None
        limit = float(current["limit"])
        if schedule.get("charging_rate_unit") == "A":
            limit *= VOLTS * int(current.get("number_phases") or DEFAULT_PHASES)
        return limit

    def change_points(
        self, start: datetime, end: datetime, tx_start: datetime | None
    ) -> set[datetime]:
        """Moments in [start, end) where this profile's limit may change."""
        points: set[datetime] = set()
        schedule = self.profile["charging_schedule"]
        for bound in ("valid_from", "valid_to"):
            moment = parse_time(self.profile.get(bound))
            if moment is not None:
                points.add(moment)
        occurrence = self.schedule_start(start, tx_start)
        period = _RECURRENCE.get(str(self.profile.get("recurrency_kind")))
        while occurrence is not None and occurrence < end:
            for p in schedule["charging_schedule_period"]:
                points.add(occurrence + timedelta(seconds=p["start_period"]))
            if schedule.get("duration") is not None:
                points.add(occurrence + timedelta(seconds=schedule["duration"]))
            if self.profile.get("charging_profile_kind") != "Recurring" or period is None:
                break
            occurrence += period
        return {p for p in points if start <= p < end}


class ChargingProfiles:
    """The profiles installed on a charger, with OCPP 1.6 stacking rules."""

    def __init__(self) -> None:
        self._installed: list[InstalledProfile] = []

    def install(self, connector_id: int, profile: dict[str, Any]) -> None:
        """SetChargingProfile: same id, or same connector+purpose+stack level, is replaced."""
        new = InstalledProfile(connector_id, profile)
        self._installed = [
            p
            for p in self._installed
            if p.profile_id != new.profile_id
            and not (
                p.connector_id == connector_id
                and p.purpose == new.purpose
                and p.stack_level == new.stack_level
            )
        ]
        self._installed.append(new)

    def clear(
        self,
        profile_id: int | None = None,
        connector_id: int | None = None,
        purpose: str | None = None,
        stack_level: int | None = None,
    ) -> int:
        """ClearChargingProfile: remove matching profiles, return how many were removed."""

        def matches(p: InstalledProfile) -> bool:
            if profile_id is not None:
                return p.profile_id == profile_id
            return (
                (connector_id is None or p.connector_id == connector_id)
                and (purpose is None or p.purpose == purpose)
                and (stack_level is None or p.stack_level == stack_level)
            )

        before = len(self._installed)
        self._installed = [p for p in self._installed if not matches(p)]
        return before - len(self._installed)

    def clear_transaction(self, connector_id: int) -> None:
        """A TxProfile ends with its transaction."""
        self.clear(connector_id=connector_id, purpose="TxProfile")

    def installed(self, connector_id: int | None = None) -> list[dict[str, Any]]:
        """The installed profiles (of one connector, if given)."""
        return [
            p.profile
            for p in self._installed
            if connector_id is None or p.connector_id == connector_id
        ]

    def limit_w(self, connector_id: int, at: datetime, tx_start: datetime | None) -> float | None:
        """The effective limit in watts on a connector at ``at``; None means unlimited."""
        limits = [self._stack(0, "ChargePointMaxProfile", at, tx_start)]
        if connector_id > 0:
            tx = self._stack(connector_id, "TxProfile", at, tx_start) if tx_start else None
            if tx is None:
                tx = self._stack(connector_id, "TxDefaultProfile", at, tx_start)
            if tx is None:
                tx = self._stack(0, "TxDefaultProfile", at, tx_start)
            limits.append(tx)
        present = [x for x in limits if x is not None]
        return min(present) if present else None

    def composite(
        self,
        connector_id: int,
        start: datetime,
        duration: int,
        tx_start: datetime | None,
        default_w: float,
    ) -> list[tuple[int, float]]:
        """(startPeriod seconds, limit W) pairs over ``duration`` seconds from ``start``."""
        end = start + timedelta(seconds=duration)
        points = {start}
        for p in self._installed:
            if p.connector_id in (0, connector_id):
                points |= p.change_points(start, end, tx_start)
        periods: list[tuple[int, float]] = []
        for moment in sorted(points):
            limit = self.limit_w(connector_id, moment, tx_start)
            value = default_w if limit is None else min(limit, default_w)
            offset = int((moment - start).total_seconds())
            if periods and periods[-1][0] == offset:
                periods.pop()  # two changes within one second: the later one holds
            if not periods or periods[-1][1] != value:
                periods.append((offset, value))
        return periods

    def _stack(
        self, connector_id: int, purpose: str, at: datetime, tx_start: datetime | None
    ) -> float | None:
        # The highest stack level that is in force at ``at`` wins.
        candidates = [
            p for p in self._installed if p.connector_id == connector_id and p.purpose == purpose
        ]
        for p in sorted(candidates, key=lambda p: p.stack_level, reverse=True):
            limit = p.limit_w(at, tx_start)
            if limit is not None:
                return limit
        return None
