"""A charger's service report: what a technician hands over after a visit.

Gathers, for one charger and a period: identity and firmware, the connection history
(connects, disconnects, boots), faults and alarms, its configuration against the baseline
of its model, and the technicians' notes. ``render_service_report_pdf`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from console.core.alarms import Alarm, TechnicianNote
from console.core.clock import utcnow
from console.core.configuration import KeyDifference, compare
from console.core.model import ChargerRecord
from console.storage import alarms as alarm_repo
from console.storage import chargers as charger_repo
from console.storage import notes as note_repo
from console.storage import snapshots as snapshot_repo
from console.storage.service_history import (
    ChargerEvent,
    FaultRecord,
    events_between,
    faults_between,
)

HISTORY_KINDS = ("connected", "disconnected", "boot")


@dataclass(frozen=True, slots=True)
class ConfigurationCheck:
    """The charger's newest configuration snapshot against its model's baseline."""

    snapshot_name: str | None  # None: no snapshot of this charger
    snapshot_at: datetime | None
    baseline_name: str | None  # None: no baseline for the model
    baseline_charger: str | None
    key_count: int
    differences: tuple[KeyDifference, ...]

    @property
    def summary(self) -> str:
        """One line saying what was compared and how it came out."""
        if self.snapshot_name is None:
            return "No configuration snapshot of this charger."
        if self.baseline_name is None:
            return f"No baseline for this model; snapshot '{self.snapshot_name}' not compared."
        if not self.differences:
            return (
                f"Snapshot '{self.snapshot_name}' matches the baseline "
                f"'{self.baseline_name}' ({self.key_count} keys)."
            )
        return (
            f"Snapshot '{self.snapshot_name}' differs from the baseline "
            f"'{self.baseline_name}' in {len(self.differences)} of {self.key_count} keys."
        )


@dataclass(frozen=True, slots=True)
class ServiceReport:
    """Everything the service report prints, as plain values."""

    charger_id: str
    since: datetime
    until: datetime
    generated_at: datetime
    charger: ChargerRecord | None
    history: tuple[ChargerEvent, ...]
    faults: tuple[FaultRecord, ...]
    alarms: tuple[Alarm, ...]
    configuration: ConfigurationCheck
    notes: tuple[TechnicianNote, ...]

    @property
    def firmware(self) -> str:
        """The firmware version from the last boot ("" when unknown)."""
        boot = None if self.charger is None else self.charger.boot
        return (boot.firmware_version or "") if boot is not None else ""


def _configuration(
    connection: Connection, charger: ChargerRecord | None, charger_id: str
) -> ConfigurationCheck:
    snapshots = snapshot_repo.list_snapshots(connection, charger_id=charger_id)
    if not snapshots:
        return ConfigurationCheck(None, None, None, None, 0, ())
    latest = snapshots[0]
    boot = None if charger is None else charger.boot
    vendor = latest.vendor if boot is None else boot.vendor
    model = latest.model if boot is None else boot.model
    baseline = snapshot_repo.baseline_of(connection, vendor, model)
    if baseline is None:
        return ConfigurationCheck(latest.name, latest.taken_at, None, None, len(latest.entries), ())
    differences = compare(baseline.entries, latest.entries)
    return ConfigurationCheck(
        latest.name,
        latest.taken_at,
        baseline.name,
        baseline.charger_id,
        len(latest.entries),
        tuple(differences),
    )


def service_report(
    connection: Connection, charger_id: str, since: datetime, until: datetime
) -> ServiceReport:
    """Gather the service report of ``charger_id`` for ``[since, until)``."""
    charger = charger_repo.get_charger(connection, charger_id)
    return ServiceReport(
        charger_id=charger_id,
        since=since,
        until=until,
        generated_at=utcnow(),
        charger=charger,
        history=tuple(events_between(connection, charger_id, since, until, HISTORY_KINDS)),
        faults=tuple(faults_between(connection, charger_id, since, until)),
        alarms=tuple(
            reversed(
                alarm_repo.list_alarms(
                    connection, charger_id=charger_id, since=since, until=until, limit=None
                )
            )
        ),
        configuration=_configuration(connection, charger, charger_id),
        notes=tuple(note_repo.list_notes(connection, charger_id, since, until)),
    )
