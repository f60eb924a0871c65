"""The cost so far of running sessions, kept cheap while they grow.

The GUI asks again and again while a session runs. The first time, everything the session
used is read; after that only the meter samples and status changes stored since, and
only the readings that decide the cost are kept (``core.live_cost``). Readings that
cannot be true are left out (unless staff kept them), as the bill leaves them out.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from console.core.enums import SessionFlag
from console.core.live_cost import compact_readings
from console.core.model import Session
from console.core.money import CostBreakdown
from console.core.readings import check_readings, plausible_next
from console.core.tariffs import MeterReading, SessionUsage, StatusChange, Tariff, cost_of
from console.services.billing_plan import pricing_of
from console.storage import usage as usage_repo
from console.storage.samples import power_ceiling_w


@dataclass(slots=True)
class _Live:
    """What a running session used, as read so far."""

    session: Session
    tariff: Tariff  # the readings were compacted for its windows
    sample_id: int
    status_id: int
    readings: list[MeterReading] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)


class LiveCosts:
    """Cost so far of running sessions; call ``cost`` from worker threads."""

    def __init__(self) -> None:
        self._live: dict[int, _Live] = {}
        self._lock = threading.Lock()

    def forget(self, session_id: int) -> None:
        """Drop what is kept of a session (it stopped)."""
        with self._lock:
            self._live.pop(session_id, None)

    def cost(self, connection: Connection, session: Session, now: datetime) -> CostBreakdown | None:
        """What the running ``session`` has cost up to ``now`` (None: no tariff applies)."""
        pricing = pricing_of(connection, session)
        if pricing is None:
            return None
        with self._lock:
            live = self._live.get(session.id)
            ceiling = power_ceiling_w(connection)
            fresh = live is not None and live.session == session and live.tariff == pricing.tariff
            if live is None or not fresh or not self._refresh(connection, live, ceiling):
                live = self._load(connection, session, pricing.tariff, ceiling)
                self._live[session.id] = live
            readings = compact_readings(pricing.tariff, live.readings)
            live.readings = list(readings)
            usage = SessionUsage(session.started_at, None, readings, tuple(live.statuses))
        return cost_of(pricing.tariff, usage, now)

    @staticmethod
    def _load(connection: Connection, session: Session, tariff: Tariff, ceiling: float) -> _Live:
        # Ids first: a row stored meanwhile is read twice, which changes no cost.
        live = _Live(
            session,
            tariff,
            usage_repo.last_sample_id(connection),
            usage_repo.last_status_id(connection),
        )
        readings = usage_repo.energy_readings(connection, session, None)
        live.readings = _counted(session, readings, ceiling)
        live.statuses = usage_repo.status_changes(connection, session, None)
        return live

    @staticmethod
    def _refresh(connection: Connection, live: _Live, ceiling: float) -> bool:
        """Add what was stored since; False when a new reading needs the full check."""
        readings, live.sample_id = usage_repo.energy_readings_after(
            connection, live.session, live.sample_id
        )
        if readings and SessionFlag.READINGS_KEPT.value not in live.session.flags:
            last = max(live.readings, key=lambda reading: reading.at)
            for reading in sorted(readings, key=lambda reading: reading.at):
                # A late reading older than the last one, or one that cannot follow it,
                # is judged against all its neighbours: read everything again.
                if reading.at <= last.at or not plausible_next(last, reading, ceiling):
                    return False
                last = reading
        statuses, live.status_id = usage_repo.status_changes_after(
            connection, live.session, live.status_id
        )
        live.readings.extend(readings)
        live.statuses.extend(statuses)
        return True


def _counted(session: Session, readings: list[MeterReading], ceiling: float) -> list[MeterReading]:
    """The readings a live cost counts: the plausible ones, unless staff kept them all."""
    if SessionFlag.READINGS_KEPT.value in session.flags:
        return readings
    return list(check_readings(readings, ceiling).plausible)
