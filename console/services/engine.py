"""The engine: storage writer, services and the OCPP server on one asyncio loop.

Headless (``chargedesk serve``) that loop is the main thread's; in the console it runs in
an ``EngineThread`` beside the GUI (DESIGN.md, Concurrency).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine

from console.core.alarms import AlarmKind
from console.core.commands import TriggerMessage
from console.core.enums import AdmissionMode
from console.core.events import EventBus
from console.core.model import ChargerRecord, Session, StatusReport
from console.core.site import SiteState
from console.core.staff import ENGINE_ACTOR
from console.protocol.server import CentralSystemServer
from console.services.admission import AdmissionService
from console.services.alarms import DEFAULT_OFFLINE_GRACE, AlarmService
from console.services.api_tokens import ApiTokenService
from console.services.audit_log import AuditLogService
from console.services.background import cancel_and_wait
from console.services.backups import BackupService
from console.services.billing import BillingService
from console.services.cards import CardService
from console.services.charger_security import ChargerSecurityService
from console.services.charging import ChargingService
from console.services.commands import CommandService
from console.services.configuration import ConfigurationService
from console.services.engine_lock import DatabaseLock, hold_for_engine
from console.services.file_endpoint import FileEndpoint
from console.services.follow_through import FollowThrough
from console.services.local_lists import RECONCILE_INTERVAL, LocalListService
from console.services.lockouts import GuessPolicy
from console.services.loop_lag import LoopLagMonitor
from console.services.message_log import (
    DEFAULT_BUDGET_BYTES,
    DEFAULT_PAYLOAD_LIMIT,
    MessageLogService,
)
from console.services.notes import NoteService
from console.services.pki_upkeep import PKI_ALARM_SOURCE, PkiUpkeep
from console.services.profile_upgrade import ProfileUpgradeService
from console.services.raw_calls import RawCallService
from console.services.receipts import ReceiptService
from console.services.security_events import SecurityEventService
from console.services.security_profiles import plain_port_enabled
from console.services.sessions import DEFAULT_AVAILABLE_TIMEOUT, SessionService
from console.services.site_ca import PkiError, SiteAuthority
from console.services.staff import StaffService
from console.services.storage_watch import StorageLimits, StorageWatch
from console.services.tls_refusals import tls_refusal_reason
from console.services.transfers import TransferService, data_folder_of
from console.services.visitors import VisitorService
from console.storage import chargers as charger_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

SEEN_FLUSH_INTERVAL = 30.0  # seconds between writes of chargers' last-seen times


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Everything the engine needs to start."""

    database_url: str
    host: str = "0.0.0.0"
    port: int = 9000
    admission: AdmissionMode = AdmissionMode.APPROVE
    heartbeat_interval: int = 300
    message_log_bytes: int = DEFAULT_BUDGET_BYTES  # the message log's size budget
    message_log_payload_limit: int = DEFAULT_PAYLOAD_LIMIT  # bytes kept of one payload
    # log retention and the free-space threshold of the disk watch
    storage_limits: StorageLimits = field(default_factory=StorageLimits)
    call_timeout: float = 30.0
    ping_interval: float | None = 60.0
    ping_timeout: float | None = 60.0
    compression: bool = False
    local_list_reconcile_interval: float = RECONCILE_INTERVAL
    file_port: int = 0  # the file endpoint for diagnostics and firmware (0: any free port)
    alarm_offline_grace: float = DEFAULT_OFFLINE_GRACE
    # seconds a connector may report Available mid-session before the session is ended
    stale_session_timeout: float = DEFAULT_AVAILABLE_TIMEOUT
    # password lock-outs and the limit on unknown chargers waiting for approval
    guess_policy: GuessPolicy = field(default_factory=GuessPolicy)
    # wss:// (security profiles 2 and 3): its port (0: any free one; None: no wss://)
    # and the site CA's folder (None: no wss://); ws:// can be switched off here or by
    # the site setting "plain_port_enabled".
    tls_port: int | None = None
    plain_port: bool = True
    pki_folder: Path | None = None


class EngineExtension(Protocol):
    """Something that runs with the engine on its loop (the HTTP API): started after the
    engine listens, stopped before the engine stops. The composition root adds them, so
    the services never import the layers above them."""

    async def start(self, engine: CentralSystem) -> None:
        """Start on the engine's loop; the engine is running."""

    async def stop(self) -> None:
        """Stop; the engine is still running."""


class CentralSystem:
    """The object graph of the central system; start and stop it on its loop."""

    def __init__(self, config: EngineConfig, extensions: Sequence[EngineExtension] = ()) -> None:
        self.config = config
        self.extensions = list(extensions)
        self._started_extensions: list[EngineExtension] = []
        self.bus = EventBus()
        self.site = SiteState()
        self.lag = LoopLagMonitor()
        self.db: Engine | None = None
        self._writer: StorageWriter | None = None
        self._server: CentralSystemServer | None = None
        self._flusher: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[object]] = set()
        self.pki_upkeep: PkiUpkeep | None = None  # the site CA's daily check (with wss://)
        # Held while running: ``chargedesk restore`` refuses while an engine has the file.
        self._database_lock: DatabaseLock | None = None

    @property
    def writer(self) -> StorageWriter:
        """The database writer (available once started)."""
        assert self._writer is not None, "the engine is not started"
        return self._writer

    @property
    def server(self) -> CentralSystemServer:
        """The OCPP server (available once started)."""
        assert self._server is not None, "the engine is not started"
        return self._server

    @property
    def port(self) -> int:
        """The ws:// port the server listens on (the real one when configured as 0); 0
        when ws:// is switched off."""
        return self.server.port

    @property
    def tls_port(self) -> int | None:
        """The wss:// port (the real one when configured as 0); None without wss://."""
        return self.server.tls_port

    @property
    def plain_port(self) -> int | None:
        """The ws:// port, None when ws:// is switched off."""
        return self.server.plain_port

    async def start(self) -> None:
        """Open and migrate the database, load the site, start listening."""
        config = self.config
        self._database_lock = hold_for_engine(config.database_url)
        # Migrations are blocking I/O: keep the loop free while they run.
        try:
            self.db = await asyncio.to_thread(open_database, config.database_url)
        except BaseException:
            self._database_lock.release()
            raise
        self._writer = StorageWriter(self.db, config.storage_limits.reserve_bytes)
        self._writer.start()
        self.admission = AdmissionService(
            self._writer, self.site, self.bus, config.admission, config.guess_policy
        )
        self.charging = ChargingService(
            self._writer, self.site, self.bus, config.heartbeat_interval
        )
        self.message_log = MessageLogService(
            self._writer, config.message_log_bytes, config.message_log_payload_limit
        )
        await self.message_log.start()
        self.cards = CardService(self._writer, self.bus)
        await self._load_site()
        self.sessions = SessionService(
            self._writer, self.site, self.bus, config.stale_session_timeout
        )
        self.alarms = AlarmService(self._writer, self.bus, offline_grace=config.alarm_offline_grace)
        await self.alarms.start()
        self.storage_watch = StorageWatch(
            self._writer, self.alarms, config.database_url, config.storage_limits
        )
        self.backups = BackupService(self._writer, self.alarms, config.database_url)
        self.notes = NoteService(self._writer)
        self.staff = StaffService(self._writer, self.bus)
        self.api_tokens = ApiTokenService(self._writer, self.bus)
        self.audit = AuditLogService(self._writer)
        self.authority, tls_context = await self._start_pki()
        plain = config.plain_port and await self._writer.submit(plain_port_enabled)
        self._server = CentralSystemServer(
            messages=self.charging,
            admission=self.admission,
            message_log=self.message_log,
            host=config.host,
            port=config.port,
            ping_interval=config.ping_interval,
            ping_timeout=config.ping_timeout,
            call_timeout=config.call_timeout,
            compression=config.compression,
            plain=plain,
            tls_port=config.tls_port,
            tls_context=tls_context,
            describe_tls_failure=tls_refusal_reason,
        )
        self.commands = CommandService(self._server, self._writer)
        self.commands.restart_expected = self.alarms.expect_restart
        self.configuration = ConfigurationService(self.commands, self._writer, self.site)
        self.raw_calls = RawCallService(self._server, self._writer)
        self.local_lists = LocalListService(
            self.commands,
            self._writer,
            self.site,
            self.bus,
            reconcile_interval=config.local_list_reconcile_interval,
        )
        self.billing = BillingService(self._writer, self.bus, self.db)
        self.receipts = ReceiptService(self._writer, self.bus)
        self.visitors = VisitorService(self._writer, self.bus, self.commands)
        self.follow_through = FollowThrough(
            self.commands, self.visitors, self.billing, self._writer, self.bus
        )
        self.transfers = TransferService(
            self._server,
            self._writer,
            FileEndpoint(data_folder_of(config.database_url), config.host, config.file_port),
        )
        self.transfers.restart_expected = self.alarms.expect_restart
        self.charging.notice_listeners.append(self.transfers.on_notice)
        # The 1.6 security extension; without a site CA (no PKI folder) SignCertificate is
        # refused and no CA can be installed on chargers.
        self.security_events = SecurityEventService(self._writer)
        self.charging.notice_listeners.append(self.security_events.on_notice)
        self.security = ChargerSecurityService(
            self._server, self._writer, self.security_events, self.transfers, self.authority
        )
        self.charging.certificate_signer = self.security.sign_certificate
        self.security.site_ca_changes = self.pki_upkeep
        self.profile_upgrade = ProfileUpgradeService(
            self._server,
            self._writer,
            self.bus,
            self.admission,
            self.security,
            lambda: self.tls_port is not None,
        )
        self.profile_upgrade.restart_expected = self.alarms.expect_restart
        await self.transfers.start()
        self.admission.on_approval_changed = self._on_approval_changed
        try:
            await self._server.start()
        except BaseException:
            await self._close_storage()
            raise
        self.lag.start()
        self.local_lists.start()
        self.billing.start()
        self.storage_watch.start()
        self.backups.start()
        if self.pki_upkeep is not None:
            self.pki_upkeep.start()
        self.sessions.start()
        self.visitors.begin()
        self._flusher = asyncio.get_running_loop().create_task(self._flush_seen_forever())
        try:
            for extension in self.extensions:
                await extension.start(self)
                self._started_extensions.append(extension)
        except BaseException:
            await self.stop()
            raise

    async def _start_pki(self) -> tuple[SiteAuthority | None, ssl.SSLContext | None]:
        """Create or renew the site CA (off the loop: key generation is slow) and the
        wss:// context; its warnings are logged and raised as an alarm."""
        folder = self.config.pki_folder
        if folder is None:
            return None, None
        authority = SiteAuthority(folder)
        try:
            warnings = await asyncio.to_thread(authority.ensure)
            context = None
            if self.config.tls_port is not None:
                context = await asyncio.to_thread(authority.server_ssl_context)
        except (PkiError, OSError, ValueError) as error:
            # ws:// keeps working; staff see why wss:// is off instead of no engine at all.
            message = f"wss:// is off: {error}. Fix the certificates in {folder}, then restart."
            log.error("site CA: %s", message)
            await self.alarms.raise_condition(
                PKI_ALARM_SOURCE, AlarmKind.SECURITY, message, {"folder": str(folder)}
            )
            return None, None
        # Renewed daily from now on; the warnings become an alarm that clears with them.
        self.pki_upkeep = PkiUpkeep(authority, context, self.writer, self.alarms, self.bus)
        await self.pki_upkeep.begin(warnings)
        return authority, context

    async def _load_site(self) -> None:
        def read(
            connection: Connection,
        ) -> tuple[list[ChargerRecord], list[tuple[str, int, StatusReport]], list[Session]]:
            return (
                charger_repo.list_chargers(connection),
                charger_repo.connector_statuses(connection),
                session_repo.list_sessions(connection, running_only=True),
            )

        records, statuses, running = await self.writer.submit(read)
        for record in records:
            state = self.site.charger(record.id)
            state.approval = record.approval
            state.boot = record.boot
            state.last_seen = record.last_seen
        for charger_id, connector_id, report in statuses:
            connector = self.site.charger(charger_id).connector(connector_id)
            connector.status = report.status
            connector.error_code = report.error_code
            connector.info = report.info
            connector.status_at = report.timestamp
        for session in running:
            connector = self.site.charger(session.charger_id).connector(session.connector_id)
            connector.transaction_id = session.id
            connector.id_tag = session.id_tag
            connector.session_start_wh = session.meter_start

    def _on_approval_changed(self, charger_id: str, accepted: bool) -> None:
        if self._server is None or not self._server.is_connected(charger_id):
            return
        work: Coroutine[Any, Any, object]
        if accepted:
            # Ask for a new BootNotification now rather than after the Pending interval.
            boot = TriggerMessage("BootNotification")
            work = self.commands.send(charger_id, boot, actor=ENGINE_ACTOR)
        else:
            work = self._server.disconnect(charger_id, "rejected by staff")
        task: asyncio.Task[object] = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _flush_seen_forever(self) -> None:
        while True:
            await asyncio.sleep(SEEN_FLUSH_INTERVAL)
            try:
                await self.admission.flush_seen()
            except Exception:
                log.exception("could not store last-seen times")

    async def stop(self) -> None:
        """Close every charger connection, store what is pending, close the database."""
        while self._started_extensions:
            await self._started_extensions.pop().stop()
        if self._flusher is not None:
            await cancel_and_wait(self._flusher)
            self._flusher = None
        if self._server is not None:
            await self.local_lists.stop()
            await self._server.stop()
            self._server = None
        await self.lag.stop()
        if self._writer is not None:
            self.cards.close()
            await self.sessions.close()
            await self.storage_watch.close()
            await self.backups.close()
            await self.alarms.close()
            await self.billing.close()
            await self.receipts.close()
            await self.visitors.close()
            await self.transfers.close()
            await self.security.close()
            if self.pki_upkeep is not None:
                await self.pki_upkeep.close()
            await self.admission.flush_seen()
        await self._close_storage()

    async def _close_storage(self) -> None:
        if self._writer is not None:
            await asyncio.to_thread(self._writer.stop)
            self._writer = None
        if self.db is not None:
            self.db.dispose()
            self.db = None
        if self._database_lock is not None:
            self._database_lock.release()
            self._database_lock = None
