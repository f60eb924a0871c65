"""Keeps every charger's OCPP local authorization list in step with the cards.

A charger is brought up to date when it boots accepted (or reconnects without booting),
when cards change, and by a periodic reconcile that catches cards changed from the
command line while the server runs. Runs are scheduled by ``ChargerRuns``: one at a time
per charger, in tasks of their own, because the bus calls us from inside a charger's
message handler, which must not wait for a reply from that same charger.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import Connection

from console.core.clock import utcnow
from console.core.commands import ClearCache, Command, GetConfiguration, GetLocalListVersion
from console.core.enums import Approval, CommandResult
from console.core.events import (
    CardsChanged,
    ChargerBooted,
    ChargerConnected,
    ChargerDisconnected,
    Event,
    EventBus,
)
from console.core.local_lists import (
    LIST_MAX_KEY,
    NO_LIST,
    NOT_SUPPORTED,
    SEND_MAX_KEY,
    ListLimits,
    ListUpdate,
    LocalListState,
    differential_entries,
    fits_whole,
    full_list,
    limits_from_configuration,
    split_update,
)
from console.core.model import CommandOutcome
from console.core.site import SiteState
from console.core.staff import ENGINE_ACTOR, Actor, Permission, require
from console.services.audited import record
from console.services.background import cancel_and_wait
from console.services.commands import CommandService
from console.services.local_list_runs import ChargerRuns, RunRequest
from console.storage import cards as card_repo
from console.storage import local_lists as repo
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

RECONCILE_INTERVAL = 60.0
# A charger that reconnects without BootNotification is synced after this; one that boots
# is synced at its boot instead (OCPP wants no calls before the boot is accepted).
CONNECT_GRACE = 5.0
# SendLocalList answers after which a Full update replaces whatever the charger holds.
_REFUSED_DIFFERENTIAL = ("VersionMismatch", "Failed")


class _DifferentialRefused(Exception):
    """The charger would not take a Differential update: its list is not what we think."""

    def __init__(self, state: LocalListState) -> None:
        super().__init__(state.charger_id)
        self.state = state


class LocalListService:
    """Pushes the cards to the chargers' local lists and records what each one holds."""

    def __init__(
        self,
        commands: CommandService,
        writer: StorageWriter,
        site: SiteState,
        bus: EventBus,
        *,
        reconcile_interval: float = RECONCILE_INTERVAL,
        connect_grace: float = CONNECT_GRACE,
        call_timeout: float | None = None,
    ) -> None:
        self._commands = commands
        self._writer = writer
        self._site = site
        self._bus = bus
        self.reconcile_interval = reconcile_interval
        self.connect_grace = connect_grace
        self._call_timeout = call_timeout
        self._runs = ChargerRuns(self._run)
        self._ready: set[str] = set()  # connected and accepted: we may send it calls
        self._limits: dict[str, ListLimits] = {}  # read once per boot
        self._grace: dict[str, asyncio.TimerHandle] = {}
        self._unsubscribe: Callable[[], None] | None = None
        self._reconciler: asyncio.Task[None] | None = None

    # ----------------------------------------------------------------- life cycle

    def start(self) -> None:
        """Listen to the bus and start the periodic reconcile."""
        self._unsubscribe = self._bus.subscribe(self._on_event)
        self._reconciler = asyncio.get_running_loop().create_task(self._reconcile_forever())

    async def stop(self) -> None:
        """Stop listening and cancel every sync (a charger left half way gets a Full later)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for handle in self._grace.values():
            handle.cancel()
        self._grace.clear()
        if self._reconciler is not None:
            await cancel_and_wait(self._reconciler)
            self._reconciler = None
        await self._runs.stop()
        self._ready.clear()

    # ----------------------------------------------------------------- public API

    async def sync(self, charger_id: str, full: bool = False, *, actor: Actor) -> LocalListState:
        """Bring a charger's list up to date now (``full``: replace it whole).

        Staff use it to force a sync, so a charger that said it has no local list is asked
        again. Returns the stored state, unchanged when the charger is not connected. The
        audit log has who asked (before) and what came of it (after).
        """
        require(actor, Permission.CHARGER_COMMANDS)
        asked = {"full": full}
        await self._writer.submit(
            lambda c: record(c, actor, "local_list.sync", charger_id, None, asked)
        )
        charger = self._site.chargers.get(charger_id)
        if charger is not None and charger.online and charger.approval is Approval.ACCEPTED:
            self._ready.add(charger_id)
        future: asyncio.Future[LocalListState] = asyncio.get_running_loop().create_future()
        self._runs.request(charger_id, full=full, recheck=True, waiter=future)
        state = await future
        result = {"version": state.version, "result": state.last_result}
        await self._writer.submit(
            lambda c: record(c, actor, "local_list.outcome", charger_id, None, result)
        )
        return state

    async def clear_cache(self, charger_id: str, *, actor: Actor) -> CommandOutcome:
        """Empty the charger's authorization cache (ClearCache); the local list stays."""
        return await self._commands.send(charger_id, ClearCache(), self._call_timeout, actor=actor)

    async def states(self) -> list[LocalListState]:
        """What we know of every charger's local list, ordered by charger id."""
        return await self._writer.submit(repo.list_states)

    async def reconcile(self) -> None:
        """Sync the connected chargers whose confirmed version is behind the site's."""

        def read(connection: Connection) -> tuple[int, list[LocalListState]]:
            return card_repo.local_list_version(connection), repo.list_states(connection)

        site_version, states = await self._writer.submit(read)
        known = {state.charger_id: state for state in states}
        for charger_id in sorted(self._ready):
            state = known.get(charger_id)
            if state is not None and (state.supported is False or state.version >= site_version):
                continue
            self._runs.request(charger_id)

    async def wait_idle(self) -> None:
        """Return once no sync is running or asked for (for tests and shutdown)."""
        await self._runs.wait_idle()

    # ----------------------------------------------------------------- events

    def _on_event(self, event: Event) -> None:
        match event:
            case ChargerConnected(charger_id=charger_id):
                self._on_connected(charger_id)
            case ChargerBooted(charger_id=charger_id, accepted=accepted):
                self._on_booted(charger_id, accepted)
            case ChargerDisconnected(charger_id=charger_id):
                self._ready.discard(charger_id)
                self._cancel_grace(charger_id)
            case CardsChanged():
                for charger_id in sorted(self._ready):
                    self._runs.request(charger_id)
            case _:
                pass

    def _on_connected(self, charger_id: str) -> None:
        self._ready.discard(charger_id)
        self._cancel_grace(charger_id)
        charger = self._site.chargers.get(charger_id)
        if charger is None or charger.approval is not Approval.ACCEPTED:
            return  # a Pending charger gets its list once staff accept it and it boots
        self._grace[charger_id] = asyncio.get_running_loop().call_later(
            self.connect_grace, functools.partial(self._connected_without_boot, charger_id)
        )

    def _connected_without_boot(self, charger_id: str) -> None:
        self._grace.pop(charger_id, None)
        self._ready.add(charger_id)
        self._runs.request(charger_id, explicit=True)

    def _on_booted(self, charger_id: str, accepted: bool) -> None:
        self._cancel_grace(charger_id)
        if not accepted:
            self._ready.discard(charger_id)
            return
        self._ready.add(charger_id)
        # New firmware may bring (or drop) local lists and change the limits: ask afresh.
        self._limits.pop(charger_id, None)
        self._runs.succeeded(charger_id)
        self._runs.request(charger_id, recheck=True, explicit=True)

    def _cancel_grace(self, charger_id: str) -> None:
        handle = self._grace.pop(charger_id, None)
        if handle is not None:
            handle.cancel()

    async def _reconcile_forever(self) -> None:
        while True:
            await asyncio.sleep(self.reconcile_interval)
            try:
                await self.reconcile()
            except Exception:
                log.exception("local list reconcile failed")

    # ----------------------------------------------------------------- one run

    async def _run(self, charger_id: str, run: RunRequest) -> LocalListState:
        state = await self._writer.submit(lambda c: repo.get_state(c, charger_id))
        state = state or LocalListState(charger_id)
        if charger_id not in self._ready or (state.supported is False and not run.recheck):
            return state
        outcome = await self._send(charger_id, GetLocalListVersion())
        version = _list_version(outcome)
        if _refused_as_unsupported(outcome) or version == NOT_SUPPORTED:
            return await self._unsupported(state)
        if version is None:
            return await self._failed(state, "GetLocalListVersion", outcome)
        site_version = await self._writer.submit(card_repo.local_list_version)
        if not run.full and version == state.version == site_version:
            return await self._done(replace(state, supported=True), "Up to date")
        if site_version == NO_LIST:
            # No card was ever registered: nothing to give, and version 0 means "no list".
            return await self._done(replace(state, supported=True), "No cards yet")
        limits = self._limits.get(charger_id) or await self._read_limits(charger_id)
        state = replace(state, supported=True, max_length=limits.total or state.max_length)
        in_step = NO_LIST < version == state.version <= site_version
        since = version if in_step and not run.full else None
        try:
            return await self._push(state, since, limits.per_message)
        except _DifferentialRefused as refused:
            return await self._push(refused.state, None, limits.per_message)

    async def _push(
        self, state: LocalListState, since: int | None, per_message: int
    ) -> LocalListState:
        """Send a Differential update since ``since`` (None: a Full one) and record it."""
        now = utcnow()
        max_length = state.max_length

        def plan(connection: Connection) -> ListUpdate:
            # One transaction: the version and the cards it stands for must agree.
            site_version = card_repo.local_list_version(connection)
            active = card_repo.list_cards(connection, include_retired=False)
            if since is not None:
                changed = card_repo.cards_changed_since(connection, since)
                if fits_whole(len(active), changed, max_length):
                    return ListUpdate(site_version, False, differential_entries(changed))
            listed = full_list(active, max_length, now)
            return ListUpdate(site_version, True, listed.entries, listed.left_out)

        update = await self._writer.submit(plan)
        if not update.full and not update.entries:
            return await self._done(replace(state, version=update.version), "Up to date")
        messages = split_update(
            update.entries,
            version=update.version,
            full=update.full,
            size=per_message,
            floor=NO_LIST if since is None else since,
        )
        if len(messages) > 1 and state.version != NO_LIST:
            # Half way through, the charger's list matches no site version: forget the
            # old one, so an interrupted sync is followed by a Full update.
            state = await self._save(replace(state, version=NO_LIST))
        for number, message in enumerate(messages):
            outcome = await self._send(state.charger_id, message)
            if outcome.accepted:
                continue
            if _refused_as_unsupported(outcome):
                return await self._unsupported(state)
            if since is not None and number == 0 and outcome.status in _REFUSED_DIFFERENTIAL:
                raise _DifferentialRefused(state)
            return await self._failed(state, "SendLocalList", outcome)
        result = update.describe(len(messages), state.max_length)
        if update.left_out:
            log.warning("%s: local list cut short: %s", state.charger_id, result)
        return await self._done(replace(state, version=update.version), result)

    async def _read_limits(self, charger_id: str) -> ListLimits:
        """The charger's SendLocalListMaxLength and LocalAuthListMaxLength, read once."""
        outcome = await self._send(charger_id, GetConfiguration((SEND_MAX_KEY, LIST_MAX_KEY)))
        limits = limits_from_configuration(outcome.details.get("configurationKey") or [])
        if outcome.result in (CommandResult.ANSWERED, CommandResult.CALL_ERROR):
            self._limits[charger_id] = limits  # not when unanswered: ask again next time
        return limits

    # ----------------------------------------------------------------- outcomes

    async def _send(self, charger_id: str, command: Command) -> CommandOutcome:
        # The lists follow the cards on their own: ChargeDesk's calls, not a person's.
        return await self._commands.send(
            charger_id, command, self._call_timeout, actor=ENGINE_ACTOR
        )

    async def _save(self, state: LocalListState) -> LocalListState:
        return await self._writer.submit(lambda c: repo.save_state(c, state))

    async def _done(self, state: LocalListState, result: str) -> LocalListState:
        self._runs.succeeded(state.charger_id)
        return await self._save(replace(state, synced_at=utcnow(), last_result=result))

    async def _unsupported(self, state: LocalListState) -> LocalListState:
        # Not a failure: the charger is not asked again until it boots (new firmware).
        self._runs.succeeded(state.charger_id)
        log.info("%s: no local list support", state.charger_id)
        unsupported = replace(state, supported=False, synced_at=utcnow())
        return await self._save(replace(unsupported, last_result="The charger has no local list"))

    async def _failed(
        self, state: LocalListState, action: str, outcome: CommandOutcome
    ) -> LocalListState:
        if outcome.result is CommandResult.OFFLINE:
            return state  # nothing wrong with the charger: its next connect resumes
        self._runs.failed(state.charger_id)
        log.warning("%s: %s: %s", state.charger_id, action, outcome.describe())
        return await self._save(replace(state, last_result=f"{action}: {outcome.describe()}"))


def _list_version(outcome: CommandOutcome) -> int | None:
    if not outcome.accepted:
        return None
    version = outcome.details.get("listVersion")
    return version if isinstance(version, int) else None


def _refused_as_unsupported(outcome: CommandOutcome) -> bool:
    """A CALLERROR NotImplemented/NotSupported or a NotSupported status."""
    return outcome.result is CommandResult.NOT_SUPPORTED or outcome.status == "NotSupported"
