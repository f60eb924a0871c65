"""State, observability and call plumbing shared by the simulated charger's layers.

The charger is built as a chain of small layers, each in its own module:
``ChargerCore`` (this) -> ``LinkMixin`` (connection, boot, heartbeat, delivery)
-> ``SessionMixin`` (sessions, meter, faults) -> ``CommandsMixin`` /
``ManagementMixin`` (answers to central-system commands) -> ``SimulatedCharger``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import Counter, deque
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from ocpp.exceptions import OCPPError
from ocpp.v16 import call
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from console.simulator.clock import iso, utcnow
from console.simulator.config import Configuration, default_settings
from console.simulator.localauth import AuthCache, LocalAuthList
from console.simulator.meter import ConnectorMeter
from console.simulator.outbox import Outbox, QueuedMessage
from console.simulator.profiles import ChargingProfiles
from console.simulator.state import CallReply, ConnectorState, ReceivedCommand, Session

if TYPE_CHECKING:
    from console.simulator.handlers import SimulatorProtocol

log = logging.getLogger("console.simulator")

_REPLY_HISTORY = 1000

T = TypeVar("T")
# What to do after a command has been answered (the ocpp library's @after hook).
Followup = Callable[[], Coroutine[Any, Any, object]]
# A command handler's result: the reply payload and an optional follow-up.
Answer = tuple[Any, Followup | None]
# A DataTransfer handler: (vendorId, messageId, data) -> (status, data).
DataTransferHandler = Callable[[str, str | None, str | None], tuple[str, str | None]]


class LinkLost(Exception):
    """The websocket closed while a call was waiting for its answer."""


@dataclass(eq=False)
class Link:
    """One websocket connection and the tasks that live and die with it."""

    ws: ClientConnection
    cp: SimulatorProtocol
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    booted: bool = False


class ChargerCore:
    """Everything the layers share; see ``SimulatedCharger`` for the constructor's meaning."""

    def __init__(
        self,
        charger_id: str,
        url: str,
        connectors: int = 2,
        kind: str = "AC",
        power_kw: float | None = None,
        password: str | None = None,
        meter_interval: float = 10.0,
        *,
        vendor: str = "ChargeDesk",
        model: str | None = None,
        serial: str | None = None,
        firmware: str = "1.4.2",
        subprotocols: Sequence[str] = ("ocpp1.6",),
        reconnect: bool = True,
        heartbeat_interval: float | None = None,
        boot_retry_floor: float = 1.0,
        reconnect_delay: float = 1.0,
        reconnect_max_delay: float = 30.0,
        response_timeout: float = 30.0,
        retry_interval: float = 10.0,
        authorize_before_start: bool = True,
        allow_offline_tx: bool = True,
        supports_local_list: bool = True,
        local_list_max_length: int = 1000,
        send_local_list_max_length: int = 250,
        unlock_supported: bool = True,
        soc_start: float | None = None,
        battery_kwh: float = 60.0,
        speed: float = 1.0,
        seed: int | None = None,
        validate_messages: bool = True,
        clock_offset: float = 0.0,
    ) -> None:
        kind = kind.upper()
        if kind not in ("AC", "DC"):
            raise ValueError(f"kind must be 'AC' or 'DC', not {kind!r}")
        if connectors < 1:
            raise ValueError("a charger has at least one connector")
        self.charger_id = charger_id
        self.url = url
        self.kind = kind
        default_kw = 50.0 if kind == "DC" else 11.0
        self.power_kw = float(power_kw if power_kw is not None else default_kw)
        self.password = password
        self.meter_interval = meter_interval
        # BootNotification limits these to 20/20/25/50 characters; longer ones would
        # fail schema validation and the charger would never boot.
        self.vendor = vendor[:20]
        self.model = (model or f"Sim{kind}-{self.power_kw:g}kW")[:20]
        self.serial = (serial or f"SN-{charger_id}")[:25]
        self.firmware = firmware[:50]
        self.subprotocols = tuple(subprotocols)
        self.reconnect = reconnect
        self.heartbeat_override = heartbeat_interval
        self.heartbeat_s: float = heartbeat_interval if heartbeat_interval is not None else 300.0
        self.boot_retry_floor = boot_retry_floor
        self.reconnect_delay = reconnect_delay
        self.reconnect_max_delay = reconnect_max_delay
        self.response_timeout = response_timeout
        self.retry_interval = retry_interval
        self.authorize_before_start = authorize_before_start
        self.supports_local_list = supports_local_list
        self.unlock_supported = unlock_supported
        self.soc_start = soc_start
        self.validate_messages = validate_messages
        # Seconds the charger's clock is ahead of (negative: behind) the real time.
        self.clock_offset = clock_offset
        self.data_transfer_handler: DataTransferHandler | None = None
        self._rng = random.Random(seed)
        self._connectors = {
            i: ConnectorState(
                i,
                ConnectorMeter(
                    kind,
                    self.power_kw,
                    self._rng,
                    battery_kwh=battery_kwh,
                    speed=speed,
                    register_wh=float(self._rng.randint(0, 500_000)) if i else 0.0,
                ),
            )
            for i in range(connectors + 1)
        }
        self.config = Configuration(
            default_settings(
                connectors,
                kind,
                heartbeat_interval=round(self.heartbeat_s),
                meter_interval=f"{meter_interval:g}",
                allow_offline_tx=allow_offline_tx,
                supports_local_list=supports_local_list,
                local_list_max_length=local_list_max_length,
                send_local_list_max_length=send_local_list_max_length,
                retry_interval=round(retry_interval),
            )
        )
        self.local_auth = LocalAuthList(local_list_max_length, send_local_list_max_length)
        self.auth_cache = AuthCache()
        self.profiles = ChargingProfiles()
        self._outbox = Outbox()
        self._next_local_id = -1
        # Observability: what tests assert on.
        self.received: list[ReceivedCommand] = []
        # Bounded: a fleet runs for hours; tests only look at the recent replies.
        self.replies: deque[CallReply] = deque(maxlen=_REPLY_HISTORY)
        self.sent: Counter[str] = Counter()
        self.accepted = False
        self.connected = False
        self.offline = False
        self.registration_status: str | None = None
        self.boot_count = 0
        self.sessions_started = 0
        self.sessions_stopped = 0
        self.connect_count = 0
        self.last_error: str | None = None
        self.refused_status: int | None = None
        self.subprotocol: str | None = None
        self.diagnostics_status = "Idle"
        self.firmware_status = "Idle"
        # Replaced on every change; waiters hold the old one, which is then set.
        self._changed = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._link: Link | None = None
        self._main: asyncio.Task[None] | None = None
        self._stopping = False
        self._reboot_requested = False

    # ----------------------------------------------------------------- observing

    @property
    def connector_ids(self) -> list[int]:
        """The numbers of the physical connectors (1..n)."""
        return [i for i in self._connectors if i > 0]

    def connector(self, connector_id: int) -> ConnectorState:
        """The state of one connector (0 is the charger as a whole)."""
        return self._connectors[connector_id]

    def status(self, connector_id: int) -> str:
        """The connector's current OCPP status (``"Available"``, ``"Charging"``...)."""
        return self._connectors[connector_id].status

    def session(self, connector_id: int) -> Session | None:
        """The running session on a connector, if any."""
        return self._connectors[connector_id].session

    def transaction_id(self, connector_id: int) -> int | None:
        """The central system's transactionId of the running session, once known."""
        session = self._connectors[connector_id].session
        return None if session is None else session.transaction_id

    @property
    def queued(self) -> list[QueuedMessage]:
        """Transaction messages not yet answered, oldest first."""
        return list(self._outbox)

    @property
    def local_list(self) -> dict[str, str]:
        """The local authorization list: idTag -> status."""
        return self.local_auth.as_dict()

    @property
    def configuration(self) -> dict[str, str]:
        """All configuration keys and their values."""
        return self.config.as_dict()

    async def wait_for(self, predicate: Callable[[], T], timeout: float = 10.0) -> T:
        """Wait until ``predicate()`` is truthy (re-checked on every state change).

        Returns the predicate's value; raises TimeoutError after ``timeout`` seconds.
        """
        if await self._wait_state(predicate, timeout):
            return predicate()
        raise TimeoutError(f"{self.charger_id}: condition not met within {timeout}s")

    async def wait_booted(self, timeout: float = 10.0) -> None:
        """Wait until the central system has accepted our BootNotification."""
        await self.wait_for(lambda: self.accepted, timeout)

    async def wait_delivered(self, timeout: float = 10.0) -> None:
        """Wait until we are booted and every queued transaction message is answered."""
        await self.wait_for(lambda: self.accepted and not len(self._outbox), timeout)

    def sent_count(self, action: str) -> int:
        """How many calls of ``action`` we have sent (retries included)."""
        return self.sent[action]

    # ----------------------------------------------------------------- internals

    def _notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def _wait_state(
        self,
        predicate: Callable[[], Any],
        timeout: float | None = None,
    ) -> bool:
        """Wait for ``predicate()`` or the timeout; returns whether the predicate holds."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while not predicate():
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                return False
            # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancel that
            # arrives as the event fires, and stop() would then wait forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    await self._changed.wait()
        return True

    def _spawn(
        self, coro: Coroutine[Any, Any, object], name: str | None = None
    ) -> asyncio.Task[Any]:
        """Run ``coro`` as a task the charger holds (not garbage-collected), cancelled on stop."""
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            if not isinstance(exc, LinkLost):
                log.error("%s: task %s failed", self.charger_id, task.get_name(), exc_info=exc)
                self.last_error = f"{type(exc).__name__}: {exc}"

    def _record_command(self, action: str, payload: dict[str, Any]) -> None:
        self.received.append(ReceivedCommand(str(action), dict(payload)))
        self._notify()

    async def _call_on(self, link: Link, payload: Any) -> Any:
        """Send one call on ``link`` and return the reply payload.

        Raises LinkLost if the connection closes first (the ocpp library alone would
        wait for its response timeout), and OCPPError/TimeoutError as the library does.
        """
        action = type(payload).__name__
        self.sent[action] += 1
        self._notify()
        pending = asyncio.ensure_future(
            link.cp.call(payload, suppress=False, skip_schema_validation=not self.validate_messages)
        )
        # If we are cancelled or the link drops, the call's own outcome (often the
        # connection's error) is abandoned: retrieve it so asyncio does not log it.
        pending.add_done_callback(_consume)
        closed = asyncio.ensure_future(link.closed.wait())
        answered = False
        try:
            await asyncio.wait({pending, closed}, return_when=asyncio.FIRST_COMPLETED)
            answered = pending.done()
        finally:
            closed.cancel()
            if not pending.done():
                pending.cancel()
        if not answered or pending.cancelled():
            self._reply(action, None, "connection lost")
            raise LinkLost(action)
        try:
            reply = pending.result()
        except ConnectionClosed as exc:
            self._reply(action, None, "connection lost")
            raise LinkLost(action) from exc
        except (OCPPError, TimeoutError) as exc:
            self._reply(action, None, f"{type(exc).__name__}: {exc}")
            raise
        self._reply(action, reply, None)
        return reply

    def _reply(self, action: str, payload: Any, error: str | None) -> None:
        self.replies.append(CallReply(action, payload, error))
        self._notify()

    async def _send(self, payload: Any) -> Any | None:
        """Send a non-transaction message now; None if we are not connected or it failed."""
        link = self._link
        if link is None:
            return None
        try:
            return await self._call_on(link, payload)
        except (LinkLost, OCPPError, TimeoutError):
            return None

    def _stamp(self, moment: datetime | None = None) -> str:
        """A timestamp as this charger's clock (off by ``clock_offset``) writes it."""
        return iso((moment or utcnow()) + timedelta(seconds=self.clock_offset))

    def _status_payload(self, connector: ConnectorState) -> call.StatusNotification:
        return call.StatusNotification(
            connector_id=connector.connector_id,
            error_code=connector.error_code,
            status=connector.status,
            timestamp=self._stamp(),
            info=connector.info,
        )

    async def _set_status(self, connector_id: int, status: str) -> None:
        """Change a connector's status and report it (if it changed and we are booted)."""
        connector = self._connectors[connector_id]
        faulted = status == "Faulted"
        error_code = connector.fault_code if faulted else "NoError"
        info = connector.fault_info if faulted else None
        if (connector.status, connector.error_code, connector.info) == (status, error_code, info):
            return
        connector.status, connector.error_code, connector.info = status, error_code, info
        self._notify()
        if self.accepted:
            await self._send(self._status_payload(connector))

    def _idle_status(self, connector: ConnectorState) -> str:
        """The status of a connector with no session."""
        if connector.faulted:
            return "Faulted"
        whole = self._connectors[0]
        if not connector.operative or not whole.operative:
            return "Unavailable"
        if connector.reservation is not None:
            return "Reserved"
        return "Available"

    def _on_transaction_reply(self, message: QueuedMessage) -> None:
        """Hook: a queued transaction message has been answered (see SessionMixin)."""


def _consume(task: asyncio.Future[Any]) -> None:
    """Retrieve an abandoned call's outcome, so asyncio does not log it as lost."""
    if not task.cancelled():
        task.exception()
