"""What the Security page asks of the engine: every call it makes, in one place.

Each function here runs on the engine loop (through ``EngineClient.call``) and only
calls the engine's services: ``engine.security`` (ChargerSecurityService),
``engine.profile_upgrade``, ``engine.admission`` and the site CA (``engine.site_ca``).
Keeping them together keeps the page's contract with those services readable.
Reads that a service offers as plain functions are awaited only when they return an
awaitable, so a read may be sync or async on the service side.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from console.core.staff import Actor

EVENTS_LIMIT = 200
NO_SITE_CA = "ChargeDesk runs without a site CA: start it with a TLS port (wss://)"
ISSUED_LIMIT = 100


async def maybe_await(value: Any) -> Any:
    """``value``, awaited when it is awaitable."""
    if inspect.isawaitable(value):
        return await value
    return value


def site_authority(engine: Any) -> Any:
    """The engine's site CA (SiteAuthority), or None when the engine has none."""
    for name in ("site_ca", "authority", "pki"):
        authority = getattr(engine, name, None)
        if authority is not None:
            return authority
    # The security service holds the one the engine was started with.
    return getattr(getattr(engine, "security", None), "authority", None)


@dataclass(frozen=True, slots=True)
class ChargerSecurityFacts:
    """What the page shows of one charger: the certificates issued to it, its events."""

    charger_id: str
    issued: list[Any]
    events: list[Any]
    connected_profile: int | None = None  # the profile its open connection met


@dataclass(frozen=True, slots=True)
class SiteCaFacts:
    """The site CA, the server certificate and the firmware signing certificate."""

    ca: Any
    server: Any
    signing: Any
    available: bool  # False: the engine runs without a site CA (no TLS port)


async def charger_facts(engine: Any, charger_id: str) -> ChargerSecurityFacts:
    """Read the certificates the site CA issued to the charger and its security events."""
    security = getattr(engine, "security", None)
    issued: list[Any] = []
    events: list[Any] = []
    if security is not None:
        read_issued = getattr(security, "issued_certificates", None)
        if read_issued is not None:
            issued = list(await maybe_await(read_issued(charger_id, ISSUED_LIMIT)))
        events = list(await maybe_await(security.security_events(charger_id, EVENTS_LIMIT)))
    profile_of = getattr(getattr(engine, "admission", None), "connection_profile", None)
    connected = profile_of(charger_id) if callable(profile_of) else None
    return ChargerSecurityFacts(charger_id, issued, events, connected)


async def installed_certificates(
    engine: Any, charger_id: str, certificate_type: str, actor: Actor
) -> tuple[Any, list[Any]]:
    """(outcome, hashes) of GetInstalledCertificateIds."""
    outcome, hashes = await engine.security.installed_certificates(
        charger_id, certificate_type, actor=actor
    )
    return outcome, list(hashes or [])


async def site_ca_facts(engine: Any) -> SiteCaFacts:
    """The site CA's certificates (read off the engine loop: they are files)."""
    authority = site_authority(engine)
    if authority is None:
        return SiteCaFacts(None, None, None, available=False)

    def read() -> SiteCaFacts:
        return SiteCaFacts(
            authority.ca, authority.server, authority.signing_certificate(), available=True
        )

    return await asyncio.to_thread(read)


async def ca_bytes(engine: Any, form: str) -> bytes:
    """The site CA certificate as PEM or DER (``form``: "pem" or "der")."""
    authority = site_authority(engine)
    if authority is None:
        raise RuntimeError(NO_SITE_CA)
    read: Callable[[], bytes] = authority.ca_der if form == "der" else authority.ca_pem
    return await asyncio.to_thread(read)


async def site_ca_change(engine: Any, actor: Actor, name: str, *args: str) -> Any:
    """A change to the site CA by a person: ``name`` is create_signing_certificate,
    import_signing_certificate (certificate and key PEM) or renew_server_certificate.

    Done by the engine's PKI upkeep, which checks the permission (security settings:
    an admin) and writes the audit entry.
    """
    upkeep = getattr(engine, "pki_upkeep", None)
    if upkeep is None:
        raise RuntimeError(NO_SITE_CA)
    return await getattr(upkeep, name)(*args, actor=actor)


async def move_up(
    engine: Any, charger_id: str, target: int, actor: Actor, progress: Callable[[Any], None]
) -> Any:
    """The guided move up; ``progress`` is called on the engine loop for every step."""
    return await engine.profile_upgrade.move_up(charger_id, target, actor=actor, progress=progress)


async def move_down(engine: Any, charger_id: str, target: int, actor: Actor) -> Any:
    """Lower the charger's required profile (the service refuses unless an admin asks)."""
    return await maybe_await(engine.profile_upgrade.move_down(charger_id, target, actor=actor))
