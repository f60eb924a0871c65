"""The site CA kept alive in a running engine, and the changes staff make to it.

Once a day (off the event loop: the certificate files and key generation are slow) the
engine asks the site CA to renew what is due (``SiteAuthority.ensure``). When the server
certificate changed, from that check, from ``chargedesk ca renew`` run beside the engine
or from the Security page, the new chain is loaded into the wss:// listener's TLS
context: the context is the same object, so the next handshake shows the new certificate
while connected chargers keep theirs. Each new server certificate of the site CA is kept
in the issued certificates.

Warnings (the CA, or a server certificate of the site's own PKI, running out) become one
alarm of the "site CA" that is cleared when the warnings go. Security alarms end when a
person acknowledges them, so while the warning holds it is raised again at most once a
week after that, never once a day.

The changes staff make from the console (firmware signing certificate created or
imported, server certificate renewed) check ``Permission.SECURITY_SETTINGS`` and write an
audit entry with the certificate's facts before and after (never a key), like the
command line's (``site_ca_admin``).
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from console.core.alarms import AlarmKind
from console.core.clock import utcnow
from console.core.events import AlarmChanged, EventBus
from console.core.staff import Actor, Permission, require
from console.services.alarms import AlarmService
from console.services.audited import record
from console.services.background import cancel_and_wait
from console.services.site_ca import CertificateInfo, SiteAuthority
from console.services.site_ca_admin import certificate_facts, remember_certificate
from console.storage import alarms as alarm_repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

CHECK_INTERVAL = 24 * 3600.0  # seconds between two checks of the certificates
PKI_ALARM_SOURCE = "site CA"  # the "charger" of the site CA's alarms
REMIND_AFTER = timedelta(days=7)  # an acknowledged warning that still holds comes back


@dataclass(frozen=True, slots=True)
class PkiCheck:
    """What one check found: the warnings, the server certificate in use, and whether
    it is a new one (loaded into the wss:// listener)."""

    warnings: tuple[str, ...]
    server: CertificateInfo | None
    renewed: bool


def alarm_text(warnings: Sequence[str]) -> str:
    """The alarm's sentence: the warnings, and what to do about them."""
    return f"Site CA: {'; '.join(warnings)}. The Security page shows the certificates"


def _signature(warnings: Sequence[str]) -> str:
    """The warnings without their numbers: "12 days left" tomorrow is the same warning."""
    return re.sub(r"\d+", "#", "; ".join(warnings))


def _quietly(read: Callable[[], CertificateInfo | None]) -> CertificateInfo | None:
    try:
        return read()
    except (ValueError, OSError):  # missing or unreadable: "none" before the change
        return None


class PkiUpkeep:
    """Renews the site's certificates in a running engine; staff's audited changes."""

    def __init__(
        self,
        authority: SiteAuthority,
        context: ssl.SSLContext | None,
        writer: StorageWriter,
        alarms: AlarmService,
        bus: EventBus,
        *,
        interval: float = CHECK_INTERVAL,
    ) -> None:
        """``context`` is the wss:// listener's (None: no wss://, nothing to reload)."""
        self.authority = authority
        self.context = context
        # Other listeners showing the server certificate (the API's HTTPS port).
        self.extra_contexts: list[ssl.SSLContext] = []
        self.interval = interval
        self._writer = writer
        self._alarms = alarms
        self._bus = bus
        self._loaded: str | None = None  # fingerprint of the server certificate in use
        self._reminded: tuple[str, datetime] | None = None  # (signature, raised at)
        self._lock = asyncio.Lock()  # one change of the certificate files at a time
        self._task: asyncio.Task[None] | None = None

    # -- running ---------------------------------------------------------------------
    async def begin(self, warnings: Sequence[str]) -> None:
        """Take note of the certificates the engine started with (``warnings``: what
        ``ensure`` said at start): the server certificate is kept in the issued ones
        and the alarm is raised or cleared."""
        server = await asyncio.to_thread(_quietly, lambda: self.authority.server)
        if server is not None:
            self._loaded = server.fingerprint
            await self._store_server(server)
        await self._report(list(warnings), utcnow())

    def start(self) -> None:
        """Check every ``interval`` seconds on the running loop."""
        self._task = asyncio.get_running_loop().create_task(self._every_day())

    async def close(self) -> None:
        """Stop checking."""
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None

    async def _every_day(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check()
            except Exception:
                log.exception("the daily check of the site CA failed")

    async def check(self, now: datetime | None = None) -> PkiCheck:
        """Renew what is due now (``now``: the time to judge by), load a new server
        certificate into the wss:// listener, and raise or clear the alarm."""
        moment = now or utcnow()
        async with self._lock:
            try:
                warnings = await asyncio.to_thread(self.authority.ensure, now=moment)
                server, renewed = await self._take_server()
            except (ValueError, OSError) as error:  # PkiError is a ValueError
                # The listener keeps the certificate it has; staff hear why nothing renewed.
                warnings = [f"the certificates could not be checked or renewed ({error})"]
                server, renewed = None, False
        if renewed and server is not None:
            await self._store_server(server)
        await self._report(warnings, moment)
        return PkiCheck(tuple(warnings), server, renewed)

    async def _take_server(self) -> tuple[CertificateInfo, bool]:
        """The server certificate in the files, loaded into the listener when new."""
        server = await asyncio.to_thread(lambda: self.authority.server)
        if server.fingerprint == self._loaded:
            return server, False
        contexts = [c for c in (self.context, *self.extra_contexts) if c is not None]
        if contexts:
            # A whole context made from the files first: a key that does not fit the
            # certificate raises here, before the listener's context is touched.
            await asyncio.to_thread(self.authority.server_ssl_context)
            cert_path, key_path = self.authority.server_files()
            # On the loop, where every handshake uses this context: none is half-way
            # through it while the chain changes. Two small local files.
            for context in contexts:
                context.load_cert_chain(cert_path, key_path)
        self._loaded = server.fingerprint
        log.info("site CA: the wss:// port now shows server certificate %s", server.serial)
        return server, True

    async def _store_server(self, server: CertificateInfo) -> None:
        # A site's own PKI issued its certificate, not the site CA: not kept as issued.
        if self.authority.own is None:
            await self._writer.submit(lambda c: remember_certificate(c, "server", server))

    # -- the alarm -------------------------------------------------------------------
    async def _report(self, warnings: list[str], now: datetime) -> None:
        for warning in warnings:
            log.warning("site CA: %s", warning)
        kind = AlarmKind.SECURITY

        def read_open(connection: Connection) -> Any:
            return alarm_repo.open_alarm(connection, PKI_ALARM_SOURCE, None, kind)

        current = await self._writer.submit(read_open)
        if not warnings:
            self._reminded = None
            if current is not None:
                await self._clear(current.id, now)
            return
        signature = _signature(warnings)
        if current is not None and current.details.get("signature") == signature:
            return  # still open and still about the same certificates
        reminded = self._reminded
        if (
            current is None
            and reminded is not None
            and reminded[0] == signature
            and now - reminded[1] < REMIND_AFTER
        ):
            return  # acknowledged lately: not again every day
        if current is not None:
            await self._clear(current.id, now)  # about other certificates: the new one says
        details = {
            "folder": str(self.authority.folder),
            "warnings": list(warnings),
            "signature": signature,
        }
        await self._alarms.raise_condition(PKI_ALARM_SOURCE, kind, alarm_text(warnings), details)
        self._reminded = (signature, now)

    async def _clear(self, alarm_id: int, now: datetime) -> None:
        # Security alarms are moments to AlarmService (it keeps no open ones in memory),
        # so clearing this one here leaves nothing of it out of step.
        cleared = await self._writer.submit(lambda c: alarm_repo.clear_alarm(c, alarm_id, now))
        if cleared is not None:
            self._bus.publish(AlarmChanged(cleared))

    # -- staff's changes -------------------------------------------------------------
    async def create_signing_certificate(self, *, actor: Actor) -> CertificateInfo:
        """Make a firmware signing certificate issued by the site CA (replacing any)."""
        require(actor, Permission.SECURITY_SETTINGS)
        async with self._lock:
            before = await asyncio.to_thread(_quietly, self.authority.signing_certificate)
            after = await asyncio.to_thread(self.authority.create_signing_certificate)

        def store(connection: Connection) -> None:
            remember_certificate(connection, "firmware_signing", after)
            self._audit(connection, actor, "ca.signing_create", before, after)

        await self._writer.submit(store)
        return after

    async def import_signing_certificate(
        self, cert_pem: str, key_pem: str, *, actor: Actor
    ) -> CertificateInfo:
        """Use a firmware signing certificate and its key from elsewhere (PEM texts);
        raises PkiError, saying why, when they do not fit (nothing changed then)."""
        require(actor, Permission.SECURITY_SETTINGS)
        async with self._lock:
            before = await asyncio.to_thread(_quietly, self.authority.signing_certificate)
            after = await asyncio.to_thread(
                self.authority.import_signing_certificate, cert_pem, key_pem
            )
        await self._writer.submit(
            lambda c: self._audit(c, actor, "ca.signing_import", before, after)
        )
        return after

    async def renew_server_certificate(self, *, actor: Actor) -> CertificateInfo:
        """Make a new server certificate now and show it on the wss:// port at once;
        raises PkiError for a site with its own PKI (renewed there, not here)."""
        require(actor, Permission.SECURITY_SETTINGS)
        async with self._lock:
            before = await asyncio.to_thread(_quietly, lambda: self.authority.server)
            await asyncio.to_thread(self.authority.renew_server)
            after, _renewed = await self._take_server()

        def store(connection: Connection) -> None:
            remember_certificate(connection, "server", after)
            record(
                connection,
                actor,
                "ca.renew",
                "server certificate",
                certificate_facts(before),
                certificate_facts(after),
            )

        await self._writer.submit(store)
        return after

    @staticmethod
    def _audit(
        connection: Connection,
        actor: Actor,
        action: str,
        before: CertificateInfo | None,
        after: CertificateInfo,
    ) -> None:
        facts = certificate_facts
        target = "firmware signing certificate"
        record(connection, actor, action, target, facts(before), facts(after))
