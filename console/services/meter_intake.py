"""Where the samples of a MeterValues go, and which readings are believed.

A charger is believed only about itself. Samples naming another charger's transaction or
an unknown one are kept aside with the reason and never counted. Samples of the charger's
own transaction on another connector are stored with the connector the charger named
(so bills, which read the session's connector, leave them out) and flag the session. An
energy register reading that goes backwards or jumps further than a connector can
deliver in the time flags the session "readings need review"; bills and live figures
leave it out until staff decide.

The owner of each transaction is remembered (a bounded cache), so the common case costs
no database read and its rows still join the writer's shared multi-row INSERT.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from console.core.enums import AsideReason, SessionFlag
from console.core.model import MeterReport, MeterValue, Session
from console.core.readings import BILLED_LOCATIONS, ENERGY_REGISTER, plausible_step
from console.storage import samples as sample_repo
from console.storage import sessions as session_repo
from console.storage.writer import StorageWriter

TRACKED_SESSIONS = 4096  # transactions whose owner is remembered (most recent first)


@dataclass(slots=True)
class _Track:
    """What is known of one transaction: whose it is and its last plausible reading.

    The reading is kept as plain numbers (its time, Wh as float): every MeterValues is
    checked against it, and Decimal arithmetic there cost more than the rest of the
    intake together.
    """

    charger_id: str
    connector_id: int
    last_at: datetime
    last_wh: float
    ceiling_w: float  # the site's power ceiling when the transaction was first seen


@dataclass(frozen=True, slots=True)
class Intake:
    """What became of one MeterValues.

    ``counted``: the samples may feed live figures. ``aside``: why they were kept aside
    (empty when they were not). ``flagged``: the session, when its flags changed.
    """

    counted: bool
    aside: str = ""
    flagged: Session | None = None


_UNIT_WH = {"": 1.0, "Wh": 1.0, "kWh": 1000.0}


def register_readings(values: tuple[MeterValue, ...]) -> list[tuple[datetime, float]]:
    """The energy register readings a bill would read from some meter values: (time, Wh).

    The same samples the bill reads (core/readings: the register at the outlet, no phase,
    a number in Wh or kWh), as floats for the plausibility check.
    """
    readings = []
    for value in values:
        for sample in value.samples:
            if (
                sample.measurand == ENERGY_REGISTER
                and not sample.phase
                and (sample.location or "") in BILLED_LOCATIONS
                and sample.raw_value is None
            ):
                scale = _UNIT_WH.get(sample.unit or "")
                if scale is None:
                    continue  # not an energy unit a bill reads
                wh = float(sample.value) * scale
                if math.isfinite(wh):
                    readings.append((value.timestamp, wh))
    return readings


class MeterIntake:
    """Stores the samples of MeterValues where they belong; see the module docstring."""

    def __init__(self, writer: StorageWriter) -> None:
        self._writer = writer
        self._tracks: OrderedDict[int, _Track] = OrderedDict()

    async def store(self, charger_id: str, report: MeterReport, now: datetime) -> Intake:
        """Store the samples of one MeterValues; committed when this returns."""
        values = report.meter_values
        tx = report.transaction_id
        if tx is None:  # readings of a connector outside any session: the charger's own
            rows = sample_repo.sample_rows(charger_id, report.connector_id, None, values, now)
            await self._writer.insert_rows(sample_repo.meter_samples, rows)
            return Intake(counted=True)
        track = await self._track(tx)
        if track is None or track.charger_id != charger_id:
            why = AsideReason.UNKNOWN_TRANSACTION if track is None else AsideReason.OTHER_CHARGER
            rows = sample_repo.aside_rows(charger_id, report.connector_id, tx, why, values, now)
            await self._writer.submit(lambda c: sample_repo.add_aside_samples(c, rows))
            return Intake(counted=False, aside=why.value)
        rows = sample_repo.sample_rows(charger_id, report.connector_id, tx, values, now)
        await self._writer.insert_rows(sample_repo.meter_samples, rows)
        flags: list[str] = []
        if report.connector_id != track.connector_id:
            flags.append(SessionFlag.CONNECTOR_MISMATCH.value)
        elif not self._all_plausible(track, values):
            flags.append(SessionFlag.READINGS_NEED_REVIEW.value)
        if not flags:
            return Intake(counted=True)
        flagged = await self._flag(tx, tuple(flags))
        return Intake(counted=False, flagged=flagged)

    def forget(self, transaction_id: int) -> None:
        """Drop what is remembered of a transaction (its session changed under us)."""
        self._tracks.pop(transaction_id, None)

    async def _track(self, transaction_id: int) -> _Track | None:
        if not 0 < transaction_id <= session_repo.MAX_TRANSACTION_ID:
            return None  # no id we ever issue: no need to look
        track = self._tracks.get(transaction_id)
        if track is not None:
            self._tracks.move_to_end(transaction_id)
            return track
        session, ceiling_w = await self._writer.submit(
            lambda c: (session_repo.get_session(c, transaction_id), sample_repo.power_ceiling_w(c))
        )
        if session is None:
            return None  # not remembered: the id may be issued later
        # meterStart is a sound first "last reading": a later register is never below it,
        # and the elapsed time since the start bounds any honest jump.
        track = _Track(
            session.charger_id,
            session.connector_id,
            session.started_at,
            float(session.meter_start),
            ceiling_w,
        )
        self._tracks[transaction_id] = track
        if len(self._tracks) > TRACKED_SESSIONS:
            self._tracks.popitem(last=False)
        return track

    def _all_plausible(self, track: _Track, values: tuple[MeterValue, ...]) -> bool:
        """Check new readings against the last plausible one (which they then advance).

        A reading older than the last plausible one (a queued message arriving late) is
        checked when the session is billed, against its neighbours in time.
        """
        plausible = True
        for at, wh in sorted(register_readings(values), key=lambda reading: reading[0]):
            if at <= track.last_at:
                continue
            if plausible_step(track.last_at, track.last_wh, at, wh, track.ceiling_w):
                track.last_at, track.last_wh = at, wh
            else:
                plausible = False
        return plausible

    async def _flag(self, transaction_id: int, flags: tuple[str, ...]) -> Session | None:
        """Flag the session; returns it when its flags changed (None when they had not)."""
        # Readings that came after a decision are readings staff have not seen.
        reopened = (
            (SessionFlag.READINGS_KEPT.value, SessionFlag.READINGS_LEFT_OUT.value)
            if SessionFlag.READINGS_NEED_REVIEW.value in flags
            else ()
        )

        def write(connection: Connection) -> tuple[Session | None, Session | None]:
            before = session_repo.get_session(connection, transaction_id)
            after = session_repo.change_flags(connection, transaction_id, flags, reopened)
            return before, after

        before, after = await self._writer.submit(write)
        if after is None or (before is not None and before.flags == after.flags):
            return None
        return after
