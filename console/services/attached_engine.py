"""A site's engine as an attached console sees it: the same shape as ``CentralSystem``.

The screens of an attached console (``chargedesk --connect``) are the screens of the
console on the site PC. They find here what they find on the engine there: the services
(as proxies that call the site's engine, attached_calls.py), the event bus (fed by the
site's event stream), the live site state (a copy, refreshed for the chargers the
events name), the ports chargers connect to and the engine's configuration facts.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from console.core.events import EventBus
from console.core.site import ChargerState, SiteState
from console.core.staff import Actor, Origin, Role, roles_from_text
from console.services.admission import AdmissionService
from console.services.alarms import AlarmService
from console.services.api_tokens import ApiTokenService
from console.services.attached_calls import BlockingProxy, ServiceProxy
from console.services.attached_link import LinkLost, RemoteError, SiteLink
from console.services.audit_log import AuditLogService
from console.services.background import cancel_and_wait
from console.services.backups import BackupService
from console.services.billing import BillingService
from console.services.cards import CardService
from console.services.charger_security import ChargerSecurityService
from console.services.commands import CommandService
from console.services.configuration import ConfigurationService
from console.services.engine import EngineConfig
from console.services.event_json import UnknownEventType, event_from_json
from console.services.follow_through import FollowThrough
from console.services.local_lists import LocalListService
from console.services.notes import NoteService
from console.services.pki_upkeep import PkiUpkeep
from console.services.profile_upgrade import ProfileUpgradeService
from console.services.raw_calls import RawCallService
from console.services.receipts import ReceiptService
from console.services.sessions import SessionService
from console.services.site_ca import SiteAuthority
from console.services.staff import StaffService
from console.services.transfers import TransferService

log = logging.getLogger(__name__)

REFRESH_INTERVAL = 0.2  # seconds between fetches of the chargers the events named
FULL_REFRESH_EVERY = 25  # refreshes: every charger again (last-seen times publish nothing)
RECONNECT_DELAYS = (0.5, 1.0, 2.0, 5.0)

#: engine attribute -> the service class whose methods the proxy offers.
SERVICES: dict[str, type] = {
    "admission": AdmissionService,
    "alarms": AlarmService,
    "api_tokens": ApiTokenService,
    "audit": AuditLogService,
    "backups": BackupService,
    "billing": BillingService,
    "cards": CardService,
    "commands": CommandService,
    "configuration": ConfigurationService,
    "follow_through": FollowThrough,
    "local_lists": LocalListService,
    "notes": NoteService,
    "pki_upkeep": PkiUpkeep,
    "profile_upgrade": ProfileUpgradeService,
    "raw_calls": RawCallService,
    "receipts": ReceiptService,
    "security": ChargerSecurityService,
    "sessions": SessionService,
    "staff": StaffService,
    "transfers": TransferService,
}
_STATES = TypeAdapter(list[ChargerState])
#: Events whose news the live copy of the site carries (see ``_take``).
_STATE_ONLY = frozenset({"meter_sampled", "charger_status_changed"})


@dataclass(frozen=True, slots=True)
class ChargerRefreshed:
    """Published on the attached console's bus when the live copy of a charger was read
    anew (its readings or status changed at the site): the console's bridge then shows
    the charger's new state, as it does for a MeterSampled in the site PC's console."""

    charger_id: str


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """What the site's engine said of itself when this console attached."""

    base_url: str
    version: str
    host: str
    plain_port: int | None
    tls_port: int | None
    charger_urls: tuple[str, ...]
    heartbeat_interval: int
    site_zone: str | None


class AttachedEngine:
    """Stands for the site's engine in an attached console; lives on the link's loop."""

    def __init__(self, link: SiteLink, facts: SiteFacts, local_folder: Path) -> None:
        self.link = link
        self.facts = facts
        self.bus = EventBus()
        self.site = SiteState()
        self.profiles: dict[str, int | None] = {}
        # The engine facts the screens read: ports, the heartbeat, and a local database
        # URL for this desk's own files (receipt PDFs are rendered here).
        self.config = EngineConfig(
            database_url=f"sqlite:///{local_folder / 'attached.db'}",
            host=facts.host,
            heartbeat_interval=facts.heartbeat_interval,
        )
        self.remote_database = f"the site at {facts.base_url}"
        self.authority: Any = None
        self._dirty: set[str] = set()
        self._pending: list[Any] = []
        self._tasks: list[asyncio.Task[None]] = []
        self.last_update = 0.0  # monotonic time of the last state read from the site
        # The demo accounts the engine process made (a demo in a child process).
        self.demo: list[tuple[str, str, list[str]]] = []
        self.connected = False

    def install(self, loop: asyncio.AbstractEventLoop, local_folder: Path) -> None:
        """Build the service proxies (on the link's loop, before any call)."""
        for name, cls in SERVICES.items():
            setattr(self, name, ServiceProxy(self.link, name, cls))
        self.authority = BlockingProxy(self.link, "authority", SiteAuthority, loop)
        admission: ServiceProxy = self.admission  # type: ignore[attr-defined]
        admission.answer_locally("connection_profile", self.profiles.get)
        staff: ServiceProxy = self.staff  # type: ignore[attr-defined]
        staff.answer_locally("login", self.login)
        staff.answer_locally("needs_first_admin", self.needs_first_admin)
        staff.answer_locally("create_first_admin", self.create_first_admin)
        staff.answer_locally("ensure_demo_accounts", self.demo_accounts)
        transfers: ServiceProxy = self.transfers  # type: ignore[attr-defined]
        transfers.answer_locally("upload_root", local_folder)  # firmware dialogs start here

    # -- facts the screens read -----------------------------------------------------------

    @property
    def port(self) -> int:
        """The site's ws:// port (0 when off)."""
        return self.facts.plain_port or 0

    @property
    def plain_port(self) -> int | None:
        """The site's ws:// port, None when off."""
        return self.facts.plain_port

    @property
    def tls_port(self) -> int | None:
        """The site's wss:// port, None when off."""
        return self.facts.tls_port

    # -- logging in ---------------------------------------------------------------------

    async def login(
        self, username: str, password: str, *, origin: Any = None, place: str = ""
    ) -> Actor:
        """Log in at the site; from then on this desk follows the site's events."""
        await self.link.logout()
        actor = await self.link.login(username, password, place)
        self._follow()
        await self.refresh(None)
        return actor

    def _follow(self) -> None:
        if not self._tasks:
            self._tasks = [
                asyncio.get_running_loop().create_task(self._follow_events()),
                asyncio.get_running_loop().create_task(self._refresh_forever()),
            ]

    async def needs_first_admin(self) -> bool:
        """True while the site has no staff account (the site PC's console makes one)."""
        answer = await self.link.request("GET", "/api/console/hello")
        return bool(answer.get("needs_first_admin"))

    async def create_first_admin(
        self,
        username: str,
        display_name: str,
        password: str,
        *,
        place: str = "",
        origin: Any = None,
    ) -> Actor:
        """Make the site's first admin (the site answers only to this PC) and log in."""
        body = {"username": username, "display_name": display_name, "password": password}
        answer = await self.link.request("POST", "/api/console/first-admin", json=body)
        self.link.token = answer["token"]
        self._follow()
        await self.refresh(None)
        return Actor(
            answer["username"],
            roles_from_text(answer["roles"]),
            Origin.API,
            answer.get("staff_id"),
            place,
        )

    async def demo_accounts(self) -> list[tuple[str, str, frozenset[Role]]]:
        """The demo site's accounts, as the engine process made them at its start."""
        return [(name, secret, roles_from_text(roles)) for name, secret, roles in self.demo]

    # -- following the site ---------------------------------------------------------------

    async def refresh(self, charger_ids: list[str] | None) -> None:
        """Read the live state of ``charger_ids`` (None: every charger) into the copy."""
        params = [("charger", i) for i in charger_ids] if charger_ids else None
        answer = await self.link.request("GET", "/api/console/live", params=params)
        states = _STATES.validate_python(answer["chargers"])
        if charger_ids is None:
            gone = set(self.site.chargers) - {s.charger_id for s in states}
            for charger_id in gone:
                del self.site.chargers[charger_id]
        for state in states:
            self.site.chargers[state.charger_id] = state
        self.profiles.update(answer["profiles"])
        self.last_update = time.monotonic()

    async def _refresh_forever(self) -> None:
        tick = 0
        while True:
            await asyncio.sleep(REFRESH_INTERVAL)
            tick += 1
            full = tick % FULL_REFRESH_EVERY == 0
            if not (full or self._dirty or self._pending):
                continue
            dirty, self._dirty = sorted(self._dirty), set()
            pending, self._pending = self._pending, []
            try:
                if full or dirty:
                    await self.refresh(None if full else dirty)
            except (LinkLost, RemoteError) as error:
                log.warning("attached console: cannot read the site's state: %s", error)
                self._dirty.update(dirty)
            else:
                for charger_id in dirty:
                    self.bus.publish(ChargerRefreshed(charger_id))  # type: ignore[arg-type]
            # After the copy holds the new state: the bridge then shows both together.
            for event in pending:
                self.bus.publish(event)

    async def _follow_events(self) -> None:
        failures = 0
        while True:
            try:
                async for data in self.link.events():
                    self.connected = True
                    failures = 0
                    self._take(data)
            except (LinkLost, RemoteError, OSError) as error:
                log.warning("attached console: the site's event stream ended: %s", error)
            except Exception:  # never let one bad event end the following
                log.exception("attached console: event stream failed")
            self.connected = False
            await asyncio.sleep(RECONNECT_DELAYS[min(failures, len(RECONNECT_DELAYS) - 1)])
            failures += 1
            self._dirty.update(self.site.chargers)  # whatever was missed meanwhile

    def _take(self, data: dict[str, Any]) -> None:
        kind = data.get("type")
        if kind == "hello":
            return
        charger_id = data.get("charger_id")
        if kind in _STATE_ONLY and isinstance(charger_id, str):
            # The live copy carries readings and statuses (the console's bridge shows them
            # from there, not from the events): marking the charger is enough, and it
            # spares decoding a thousand events a second on a large site.
            self._dirty.add(charger_id)
            return
        try:
            event = event_from_json(data)
        except (UnknownEventType, ValueError) as error:
            log.info("attached console: event not understood (%s): %s", data.get("type"), error)
            return
        if isinstance(charger_id, str):
            self._dirty.add(charger_id)
        self._pending.append(event)

    async def close(self) -> None:
        """Stop following the site and log out."""
        await cancel_and_wait(*self._tasks)
        self._tasks = []
        await self.link.logout()
