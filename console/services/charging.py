"""What chargers report: boots, statuses, cards, sessions and meter values.

Implements the protocol's ChargerMessagePort. Each handler commits before it returns,
updates the live site state, then publishes an event: the charger is answered only
after its data is safe, and the console only hears of what is stored.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from console.core.authorization import authorize
from console.core.clock import utcnow
from console.core.enums import (
    Approval,
    AsideReason,
    AuthorizationStatus,
    ConnectorStatus,
    SessionFlag,
)
from console.core.events import (
    CardRefused,
    ChargerBooted,
    ChargerNotice,
    ChargerStatusChanged,
    EventBus,
    MeterSampled,
    SessionFlagsChanged,
    SessionStarted,
    SessionStopped,
)
from console.core.model import (
    BootDecision,
    BootInfo,
    IdTagInfo,
    MeterReport,
    MeterValue,
    OrphanStop,
    Session,
    StartDecision,
    StartRequest,
    StatusReport,
    StopRequest,
)
from console.core.site import SiteState
from console.protocol.ports import DataTransferReply
from console.services.meter_intake import MeterIntake
from console.services.sessions import publish_ended
from console.storage import cards as card_repo
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

# A charger clock this far ahead of ours, or before this year, is not believed.
FUTURE_TOLERANCE = timedelta(hours=1)
EARLIEST_PLAUSIBLE_YEAR = 2015
PENDING_RETRY_INTERVAL = 30  # seconds until a waiting charger sends BootNotification again
# Statuses of a connector with no transaction on it (1.6 has no transaction id in them).
_NO_TRANSACTION_STATUSES = frozenset(
    {ConnectorStatus.AVAILABLE, ConnectorStatus.UNAVAILABLE, ConnectorStatus.FAULTED}
)


def _suspect_time(at: datetime, now: datetime) -> bool:
    return at > now + FUTURE_TOLERANCE or at.year < EARLIEST_PLAUSIBLE_YEAR


def _judge_card(connection: Connection, id_tag: str, now: datetime) -> IdTagInfo:
    card = card_repo.get_card(connection, id_tag)
    running = session_repo.count_running_for_card(connection, id_tag)
    return authorize(card, now=now, running_sessions=running)


def _judge_presented_card(
    connection: Connection, charger_id: str, id_tag: str, now: datetime
) -> tuple[IdTagInfo, bool]:
    """Judge a card a driver presented at the reader (Authorize, never ConcurrentTx); a
    refusal is counted. Also: is the card known?"""
    verdict = authorize(card_repo.get_card(connection, id_tag), now=now)
    if verdict.status is AuthorizationStatus.ACCEPTED:
        return verdict, True
    card_repo.record_refusal(connection, id_tag, charger_id, verdict.status, now)
    return verdict, card_repo.get_card(connection, id_tag) is not None


class ChargingService:
    """Turns charger messages into stored facts, live state and events."""

    def __init__(
        self,
        writer: StorageWriter,
        site: SiteState,
        bus: EventBus,
        heartbeat_interval: int = 300,
    ) -> None:
        self._writer = writer
        self._site = site
        self._bus = bus
        self.heartbeat_interval = heartbeat_interval
        self._intake = MeterIntake(writer)  # where MeterValues go; which readings count
        # Charger -> when it last really rebooted (first boot of a connection): sessions
        # received before it end when their connector reports a status with no transaction.
        self._rebooted_at: dict[str, datetime] = {}
        # Services following notifications with their full details (file transfers);
        # awaited after the notice is stored, so a listener's own write comes after it.
        self.notice_listeners: list[Callable[[str, str, dict[str, Any]], Awaitable[None]]] = []
        # Signs a charger's CSR (SignCertificate); set by the engine (ChargerSecurityService).
        self.certificate_signer: Callable[[str, str], Awaitable[bool]] | None = None

    async def boot(self, charger_id: str, boot: BootInfo) -> BootDecision:
        """Store the boot details; Accepted only for chargers a person (or open mode) admitted."""
        now = utcnow()

        def store(connection: Connection) -> Approval | None:
            record = charger_repo.get_charger(connection, charger_id)
            charger_repo.record_boot(connection, charger_id, boot, now)
            return None if record is None else record.approval

        approval = await self._writer.submit(store)
        accepted = approval is Approval.ACCEPTED
        rejected = approval is Approval.REJECTED
        interval = self.heartbeat_interval if accepted else PENDING_RETRY_INTERVAL
        state = self._site.charger(charger_id)
        state.boot = boot
        state.heartbeat_interval = interval
        if approval is not None:
            state.approval = approval
        if boot.reboot:
            self._rebooted_at[charger_id] = now
        self._bus.publish(ChargerBooted(charger_id, boot, accepted, now))
        return BootDecision(accepted=accepted, rejected=rejected, heartbeat_interval=interval)

    async def heartbeat(self, charger_id: str) -> None:
        """Nothing to store: the connection already noted that the charger was seen."""

    async def status(self, charger_id: str, report: StatusReport) -> None:
        """Store the status and its history, update the connector, publish.

        After a real reboot, a connector that reports a status with no transaction ends
        the sessions it held from before the reboot (flag "stopped by boot").
        """
        now = utcnow()
        rebooted_at = self._rebooted_at.get(charger_id)
        ends_sessions = (
            rebooted_at is not None
            and report.connector_id > 0
            and report.status in _NO_TRANSACTION_STATUSES
        )

        def store(connection: Connection) -> list[Session]:
            charger_repo.save_status(connection, charger_id, report, now)
            if not ends_sessions:
                return []
            return session_repo.end_running_on_connector(
                connection,
                charger_id,
                report.connector_id,
                flag=SessionFlag.STOPPED_BY_CHARGER_BOOT.value,
                received_at=now,
                fallback_at=report.timestamp or now,
                started_before=rebooted_at,
            )

        ended = await self._writer.submit(store)
        publish_ended(self._site, self._bus, ended)
        connector = self._site.charger(charger_id).connector(report.connector_id)
        connector.status = report.status
        connector.error_code = report.error_code
        connector.info = report.info
        connector.status_at = report.timestamp or now
        self._bus.publish(
            ChargerStatusChanged(
                charger_id,
                report.connector_id,
                report.status,
                report.error_code,
                report.info,
                connector.status_at,
                report.vendor_error_code,
            )
        )

    async def authorize(self, charger_id: str, id_tag: str) -> IdTagInfo:
        """Judge a card by the 1.6 rules."""
        now = utcnow()
        verdict, known = await self._writer.submit(
            lambda c: _judge_presented_card(c, charger_id, id_tag, now)
        )
        self._publish_refusal(charger_id, id_tag, verdict, known, now)
        return verdict

    def _publish_refusal(
        self, charger_id: str, id_tag: str, verdict: IdTagInfo, known: bool, now: datetime
    ) -> None:
        if verdict.status is not AuthorizationStatus.ACCEPTED:
            self._bus.publish(CardRefused(charger_id, id_tag, verdict.status, known, now))

    async def start_transaction(self, charger_id: str, request: StartRequest) -> StartDecision:
        """Store the session (even with a card we would refuse: it is flagged) and answer.

        A session still open on the connector was never stopped (a connector charges one
        car): it is ended first, flagged "superseded", so the card is not ConcurrentTx.
        """
        now = utcnow()

        def store(connection: Connection) -> tuple[Session, bool, IdTagInfo, bool, list[Session]]:
            superseded: list[Session] = []
            repeat = session_repo.find_repeated_start(
                connection,
                charger_id=charger_id,
                connector_id=request.connector_id,
                id_tag=request.id_tag,
                started_at=request.timestamp,
                meter_start=request.meter_start,
            )
            if repeat is None:
                superseded = session_repo.end_running_on_connector(
                    connection,
                    charger_id,
                    request.connector_id,
                    flag=SessionFlag.SUPERSEDED.value,
                    received_at=now,
                    fallback_at=request.timestamp,
                )
            verdict = _judge_card(connection, request.id_tag, now)
            known = True
            flags: list[str] = []
            if verdict.status is not AuthorizationStatus.ACCEPTED:
                flags.append(SessionFlag.INVALID_CARD.value)
            if request.timestamp_unusable or _suspect_time(request.timestamp, now):
                flags.append(SessionFlag.SUSPECT_TIMESTAMP.value)
            session, new = session_repo.start_session(
                connection,
                charger_id=charger_id,
                connector_id=request.connector_id,
                id_tag=request.id_tag,
                meter_start=request.meter_start,
                started_at=request.timestamp,
                received_at=now,
                auth_status=verdict.status.value,
                reservation_id=request.reservation_id,
                flags=tuple(flags),
            )
            if new and verdict.status is not AuthorizationStatus.ACCEPTED:
                card_repo.record_refusal(
                    connection, request.id_tag, charger_id, verdict.status, now
                )
                known = card_repo.get_card(connection, request.id_tag) is not None
            if not new:
                # A retry: answer as the first time, not as a second concurrent session.
                verdict = IdTagInfo(
                    AuthorizationStatus(session_repo.stored_auth_status(connection, session.id)),
                    verdict.expiry_date,
                    verdict.parent_id_tag,
                )
            return session, new, verdict, known, superseded

        session, new, verdict, known, superseded = await self._writer.submit(store)
        publish_ended(self._site, self._bus, superseded)
        if new:
            self._publish_refusal(charger_id, request.id_tag, verdict, known, now)
            if session.running:
                connector = self._site.charger(charger_id).connector(request.connector_id)
                connector.transaction_id = session.id
                connector.id_tag = session.id_tag
                connector.session_start_wh = session.meter_start
            self._bus.publish(SessionStarted(session))
        return StartDecision(session.id, verdict)

    async def stop_transaction(self, charger_id: str, request: StopRequest) -> IdTagInfo | None:
        """Close the session; odd stops are acknowledged and kept aside, never refused."""
        now = utcnow()
        rows = session_repo.sample_rows(
            charger_id, 0, request.transaction_id, request.transaction_data, now
        )

        def store(connection: Connection) -> tuple[Session | None, bool, IdTagInfo | None]:
            verdict = _judge_card(connection, request.id_tag, now) if request.id_tag else None
            session = session_repo.get_session(connection, request.transaction_id)
            if session is None or session.charger_id != charger_id:
                # Answered, kept aside with the reason; the session it names (another
                # charger's) is not touched and its transactionData stays with the orphan.
                why = (
                    AsideReason.UNKNOWN_TRANSACTION
                    if session is None
                    else AsideReason.OTHER_CHARGER
                )
                orphan = OrphanStop(
                    charger_id,
                    request.transaction_id,
                    request.meter_stop,
                    request.timestamp,
                    request.id_tag,
                    request.reason,
                    now,
                    why_kept_aside=why.value,
                )
                session_repo.add_orphan_stop(connection, orphan, request.transaction_data)
                return None, False, verdict
            flags: list[str] = []
            if request.meter_stop < session.meter_start:
                flags.append(SessionFlag.METER_BACKWARDS.value)
            # A stop before its start (a clock set back, or a start stored with our
            # receipt time) would break the bill: flagged, and stopped at the start.
            stopped_at = max(request.timestamp, session.started_at)
            suspect = request.timestamp_unusable or _suspect_time(request.timestamp, now)
            if suspect or stopped_at != request.timestamp:
                flags.append(SessionFlag.SUSPECT_TIMESTAMP.value)
            for row in rows:
                row["connector_id"] = session.connector_id
            session_repo.add_samples(connection, rows)
            stopped, closed = session_repo.stop_session(
                connection,
                transaction_id=request.transaction_id,
                meter_stop=request.meter_stop,
                stopped_at=stopped_at,
                received_at=now,
                reason=request.reason,
                id_tag=request.id_tag,
                extra_flags=tuple(flags),
            )
            return stopped, closed, verdict

        session, closed, verdict = await self._writer.submit(store)
        if session is not None and closed:
            connector = self._site.charger(charger_id).connector(session.connector_id)
            if connector.transaction_id == session.id:
                connector.transaction_id = None
                connector.id_tag = None
                connector.session_start_wh = None
                connector.power_w = 0.0
            self._bus.publish(SessionStopped(session))
        if verdict is not None and verdict.status is AuthorizationStatus.CONCURRENT_TX:
            # The card's own session is the one ending: that is no concurrency.
            verdict = IdTagInfo(
                AuthorizationStatus.ACCEPTED, verdict.expiry_date, verdict.parent_id_tag
            )
        return verdict

    async def meter_values(self, charger_id: str, report: MeterReport) -> None:
        """Store the samples (a repeat is skipped), then publish the newest readings.

        Samples of another charger's or an unknown transaction are kept aside; they, and
        readings that flag their session (another connector, implausible), feed no live
        figure.
        """
        intake = await self._intake.store(charger_id, report, utcnow())
        if intake.flagged is not None:
            self._bus.publish(SessionFlagsChanged(intake.flagged))
        if intake.counted and report.meter_values:
            self._publish_readings(charger_id, report, report.meter_values[-1])

    def _publish_readings(self, charger_id: str, report: MeterReport, latest: MeterValue) -> None:
        readings = _readings(latest)
        connector = self._site.charger(charger_id).connector(report.connector_id)
        if readings["power"] is not None:
            connector.power_w = readings["power"]
        if readings["energy"] is not None:
            connector.energy_wh = readings["energy"]
        if readings["soc"] is not None:
            connector.soc_percent = readings["soc"]
        self._bus.publish(
            MeterSampled(
                charger_id,
                report.connector_id,
                report.transaction_id,
                latest.timestamp,
                readings["power"],
                readings["energy"],
                readings["soc"],
            )
        )

    async def data_transfer(
        self, charger_id: str, vendor_id: str, message_id: str | None, data: str | None
    ) -> DataTransferReply:
        """No vendor extensions are known yet: recorded, and answered UnknownVendorId.

        The data itself is kept once, in the message log (cut there when it is large);
        the charger event only says how long it was.
        """
        details: dict[str, Any] = {"vendor_id": vendor_id, "message_id": message_id}
        if data is not None:
            details["data_length"] = len(data)
        await self.notice(charger_id, "data_transfer", details)
        return DataTransferReply("UnknownVendorId")

    async def notice(self, charger_id: str, kind: str, details: dict[str, Any]) -> None:
        """Record a firmware, diagnostics, log or security notification and publish it.

        While the disk is low the writer keeps no bulk logs: the notice is published
        (alarms and transfers still follow it) but not stored.
        """
        now = utcnow()
        if self._writer.keeping_bulk:
            await self._writer.submit(
                lambda c: charger_repo.add_event(c, charger_id, kind, now, details)
            )
        text = ", ".join(f"{key}={value}" for key, value in details.items() if value is not None)
        self._bus.publish(ChargerNotice(charger_id, kind, text, now))
        for listener in self.notice_listeners:
            try:
                await listener(charger_id, kind, details)
            except Exception:
                log.exception("%s: a notice listener failed", charger_id)

    async def sign_certificate(self, charger_id: str, csr: str) -> bool:
        """SignCertificate: handed to the certificate signer; refused when there is none."""
        if self.certificate_signer is None:
            return False
        return await self.certificate_signer(charger_id, csr)


_UNIT_SCALE = {"W": 1.0, "kW": 1000.0, "Wh": 1.0, "kWh": 1000.0}


def _readings(value: MeterValue) -> dict[str, float | None]:
    """Present power (W), energy register (Wh) and SoC (%) of one meter value, if reported.

    Per-phase power values are summed when no total is given.
    """
    power_total: float | None = None
    power_phases = 0.0
    has_phases = False
    energy: float | None = None
    soc: float | None = None
    for sample in value.samples:
        if math.isnan(sample.value):
            continue
        scaled = sample.value * _UNIT_SCALE.get(sample.unit or "", 1.0)
        if sample.measurand == "Power.Active.Import":
            if sample.phase and sample.phase.startswith("L") and "-" not in sample.phase:
                power_phases += scaled
                has_phases = True
            elif not sample.phase:
                power_total = scaled
        elif sample.measurand == "Energy.Active.Import.Register" and not sample.phase:
            energy = scaled
        elif sample.measurand == "SoC":
            soc = sample.value
    if power_total is None and has_phases:
        power_total = power_phases
    return {"power": power_total, "energy": energy, "soc": soc}
