"""Stand-ins for the engine's security services, shared by the Security page's tests.

They answer like the real ones (a CommandOutcome, CertificateHash rows, a request
outcome with words; the PKI upkeep checks the permission and uses the real site CA).
The stand-in engine runs on an asyncio loop in its own thread, reached through the real
EngineClient, so calls cross threads as in the console.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from console.core.charger_security import IssuedCertificate, SecurityEvent
from console.core.clock import utcnow
from console.core.commands import CertificateHash
from console.core.enums import Approval, CommandResult
from console.core.model import ChargerRecord, CommandOutcome
from console.core.site import ChargerState
from console.core.staff import Actor, Origin, Permission, Role, require
from console.services.site_ca import SiteAuthority
from console.ui.bridge import SiteUpdate
from console.ui.engine_client import EngineClient
from console.ui.site_mirror import SiteMirror
from console.ui.technician.security import SecurityPage

CHARGER = "CP-1"
TECHNICIAN = Actor("tina", frozenset({Role.TECHNICIAN}), Origin.CONSOLE, staff_id=2)
ADMIN = Actor("ada", frozenset({Role.ADMIN, Role.TECHNICIAN}), Origin.CONSOLE, staff_id=1)
DESK = Actor("dora", frozenset({Role.DESK}), Origin.CONSOLE, staff_id=3)
ACCEPTED = CommandOutcome(CommandResult.ANSWERED, status="Accepted")
HASH = CertificateHash("SHA256", "aa11", "bb22", "0c")
NOW = utcnow()


@dataclass
class FakeSecurity:
    """Answers like ChargerSecurityService; records what it was asked."""

    authority: Any
    asked: list[tuple[Any, ...]] = field(default_factory=list)
    more_events: list[SecurityEvent] = field(default_factory=list)

    async def install_ca(self, charger_id: str, *, actor: Actor) -> CommandOutcome:
        require(actor, Permission.CHARGER_SECURITY)
        self.asked.append(("install_ca", charger_id, actor.name))
        return CommandOutcome(
            CommandResult.ANSWERED, status="Accepted", action="InstallCertificate"
        )

    async def installed_certificates(
        self, charger_id: str, certificate_type: str, *, actor: Actor
    ) -> tuple[CommandOutcome, list[CertificateHash]]:
        require(actor, Permission.CHARGER_SECURITY)
        self.asked.append(("installed", charger_id, certificate_type))
        if certificate_type == "ManufacturerRootCertificate":
            return CommandOutcome(CommandResult.ANSWERED, status="NotFound"), []
        return ACCEPTED, [HASH]

    async def delete_certificate(
        self, charger_id: str, certificate: CertificateHash, *, actor: Actor
    ) -> CommandOutcome:
        require(actor, Permission.CHARGER_SECURITY)
        self.asked.append(("delete", charger_id, certificate))
        return ACCEPTED

    async def request_charger_certificate(self, charger_id: str, *, actor: Actor) -> Any:
        require(actor, Permission.CHARGER_SECURITY)
        self.asked.append(("request", charger_id))
        return _RequestOutcome(ACCEPTED, True, f"{charger_id} now holds a certificate.")

    async def security_events(self, charger_id: str | None, limit: int) -> list[SecurityEvent]:
        return [
            *self.more_events,
            SecurityEvent(2, charger_id, NOW, NOW, "InvalidCentralSystemCertificate", "critical"),
            SecurityEvent(1, charger_id, NOW, NOW, "StartupOfTheDevice", "info", "cold boot"),
        ]

    async def issued_certificates(
        self, charger_id: str | None, limit: int
    ) -> list[IssuedCertificate]:
        return [
            IssuedCertificate(
                1,
                "charger",
                "1f2e",
                f"CN={charger_id},O=ChargeDesk site",
                charger_id,
                NOW - timedelta(days=1),
                NOW + timedelta(days=729),
                NOW,
                "ab" * 32,
                "",
            )
        ]


@dataclass(frozen=True)
class _RequestOutcome:
    outcome: CommandOutcome
    succeeded: bool
    message: str


class FakeUpkeep:
    """PkiUpkeep's staff changes: the permission check, then the real site CA."""

    def __init__(self, authority: SiteAuthority) -> None:
        self.authority = authority
        self.audited: list[tuple[str, str]] = []

    async def create_signing_certificate(self, *, actor: Actor) -> Any:
        require(actor, Permission.SECURITY_SETTINGS)
        self.audited.append(("ca.signing_create", actor.name))
        return await asyncio.to_thread(self.authority.create_signing_certificate)

    async def import_signing_certificate(self, cert: str, key: str, *, actor: Actor) -> Any:
        require(actor, Permission.SECURITY_SETTINGS)
        info = await asyncio.to_thread(self.authority.import_signing_certificate, cert, key)
        self.audited.append(("ca.signing_import", actor.name))
        return info

    async def renew_server_certificate(self, *, actor: Actor) -> Any:
        require(actor, Permission.SECURITY_SETTINGS)
        self.audited.append(("ca.renew", actor.name))
        return await asyncio.to_thread(self.authority.renew_server)


class FakeEngine:
    """The parts of CentralSystem the Security page uses."""

    def __init__(self, authority: SiteAuthority) -> None:
        self.authority = authority
        self.pki_upkeep = FakeUpkeep(authority)
        self.security = FakeSecurity(authority)
        self.profile_upgrade: Any = None
        self.admission = FakeAdmission()


class FakeAdmission:
    """The admission's connection_profile: CP-1 came on wss:// with its password."""

    def connection_profile(self, charger_id: str) -> int | None:
        return 2


class EngineLoop:
    """An asyncio loop in its own thread, standing in for the EngineThread."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def submit(self, factory: Callable[[Any], Coroutine[Any, Any, Any]]) -> Future[Any]:
        """Run ``factory(engine)`` on the engine loop (as EngineThread.submit)."""
        return asyncio.run_coroutine_threadsafe(factory(self.engine), self.loop)

    def stop(self) -> None:
        """Stop the loop and its thread."""
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


class FakeQueries:
    """SiteQueries' chargers() read."""

    def __init__(self, profile: int) -> None:
        self.profile = profile

    def chargers(self) -> list[ChargerRecord]:
        return [
            ChargerRecord(CHARGER, Approval.ACCEPTED, True, None, NOW, NOW, False, self.profile)
        ]


@dataclass
class Desk:
    """A page with its stand-in engine."""

    page: SecurityPage
    client: EngineClient
    engine: FakeEngine
    mirror: SiteMirror


def make_desk(authority: SiteAuthority, profile: int = 1) -> tuple[Desk, EngineLoop]:
    """A Security page on a stand-in engine, showing CP-1 (online)."""
    engine = FakeEngine(authority)
    loop = EngineLoop(engine)
    client = EngineClient(loop, FakeQueries(profile))  # type: ignore[arg-type]
    client.actor = TECHNICIAN
    mirror = SiteMirror()
    state = ChargerState(CHARGER, approval=Approval.ACCEPTED, online=True, peer="127.0.0.1:5")
    mirror.apply(SiteUpdate(chargers={CHARGER: state}, full=True))
    page = SecurityPage(client, mirror)
    page.show_charger(CHARGER)
    return Desk(page, client, engine, mirror), loop
