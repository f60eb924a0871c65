"""The connection layer: connect, boot, heartbeat, deliver queued messages, reconnect."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ssl
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote

from ocpp.exceptions import OCPPError
from ocpp.v16 import call
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.typing import Subprotocol

from console.simulator.base import ChargerCore, Link, LinkLost, log
from console.simulator.handlers import SimulatorProtocol
from console.simulator.outbox import QueuedMessage

if TYPE_CHECKING:
    from console.simulator.charger import SimulatedCharger

_STOP_TIMEOUT_S = 5.0


class LinkMixin(ChargerCore):
    """Owns the websocket: one connection at a time, re-opened until ``stop()``."""

    @property
    def endpoint(self) -> str:
        """The URL we connect to: the base URL with our charger id as last path segment."""
        return f"{self._base_url().rstrip('/')}/{quote(self.charger_id, safe='')}"

    def _base_url(self) -> str:
        """The central system's URL for the next connection (the security layer overrides)."""
        return self.url

    def _auth_headers(self) -> dict[str, str]:
        """HTTP Basic auth (user name = charger id) when we have a password."""
        if self.password is None:
            return {}
        token = base64.b64encode(f"{self.charger_id}:{self.password}".encode()).decode()
        return {"Authorization": f"Basic {token}"}

    def _tls_context(self) -> ssl.SSLContext | None:
        """The TLS settings of the next connection (None: the library's default for wss)."""
        return None

    def _attempt_done(self, opened: bool, error: BaseException | None) -> None:
        """Hook: one connection attempt ended (``opened``: the websocket was open)."""

    async def start(self) -> None:
        """Start connecting in the background and return at once."""
        if self._main is not None and not self._main.done():
            return
        self._stopping = False
        self._main = asyncio.create_task(self._run(), name=f"sim-{self.charger_id}")

    async def stop(self) -> None:
        """Stop everything at once, as if the power were cut: nothing more is sent."""
        self._stopping = True
        self._notify()
        tasks = [t for t in (self._main, *self._tasks) if t is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            # Bounded, so a task that ignores its cancellation cannot hang a shutdown.
            _, stuck = await asyncio.wait(tasks, timeout=_STOP_TIMEOUT_S)
            for task in stuck:
                log.error("%s: task %s did not stop", self.charger_id, task.get_name())
        self._main = None
        self.connected = self.accepted = False
        self._notify()

    async def run(self) -> None:
        """Run until ``stop()`` is called; cancelling the caller stops the charger."""
        await self.start()
        main = self._main
        assert main is not None
        try:
            # asyncio.wait, unlike awaiting the task, does not raise when stop()
            # cancels it: a stop is the normal end of run().
            await asyncio.wait({main})
        finally:
            if not self._stopping:
                await self.stop()

    async def __aenter__(self) -> Any:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def go_offline(self, timeout: float = 10.0) -> None:
        """Drop the connection and stay away until ``come_back()``.

        Sessions keep running; their transaction messages are queued meanwhile.
        """
        self.offline = True
        self._notify()
        link = self._link
        if link is not None:
            await link.ws.close()
        await self.wait_for(lambda: self._link is None, timeout)

    async def come_back(self, wait: bool = True, timeout: float = 10.0) -> None:
        """Reconnect and boot; with ``wait``, return once the queue has been delivered."""
        self.offline = False
        self._notify()
        await self.start()
        if wait:
            await self.wait_delivered(timeout)

    async def call(self, payload: Any) -> Any:
        """Send any OCPP 1.6 call now, outside the normal flow, and return the reply.

        For protocol tests: a repeated StartTransaction, an odd MeterValues, a
        DataTransfer. Raises ConnectionError when not connected, OCPPError for a
        CALLERROR and TimeoutError when unanswered.
        """
        link = self._link
        if link is None:
            raise ConnectionError(f"{self.charger_id} is not connected")
        try:
            return await self._call_on(link, payload)
        except LinkLost as exc:
            raise ConnectionError(f"{self.charger_id} lost its connection") from exc

    async def send_raw(self, frame: str) -> None:
        """Send a text frame exactly as given (malformed frames for negative tests)."""
        link = self._link
        if link is None:
            raise ConnectionError(f"{self.charger_id} is not connected")
        await link.ws.send(frame)

    async def _reboot(self) -> None:
        """Close the connection and connect and boot again at once (Reset, firmware)."""
        self.accepted = False
        link = self._link
        if link is None:
            return
        self._reboot_requested = True
        # Let a call of ours that is in flight get its answer first: closing under it
        # can make the central system drop the answer to its command it already had.
        async with link.cp._call_lock:
            await link.ws.close()
        await self._wait_state(lambda: self._link is not link, timeout=self.response_timeout)

    # ----------------------------------------------------------------- main loop

    async def _run(self) -> None:
        failures = 0
        while not self._stopping:
            if self.offline:
                await self._wait_state(lambda: not self.offline or self._stopping)
                continue
            booted = False
            opened_before = self.connect_count
            error: BaseException | None = None
            try:
                booted = await self._connect_once()
            except InvalidStatus as exc:
                error = exc
                self.refused_status = exc.response.status_code
                self._fail(f"handshake refused: HTTP {exc.response.status_code}")
            except (OSError, TimeoutError, WebSocketException) as exc:
                error = exc
                self._fail(f"{type(exc).__name__}: {exc}")
            except Exception as exc:  # a bug must not silently end a fleet member
                error = exc
                log.exception("%s: connection failed", self.charger_id)
                self._fail(f"{type(exc).__name__}: {exc}")
            if not self._stopping:
                self._attempt_done(self.connect_count > opened_before, error)
            if self._stopping:
                break
            if self._reboot_requested:
                self._reboot_requested = False
                failures = 0
                continue
            if self.offline:
                continue
            if not self.reconnect:
                # Without reconnect we stay offline until come_back(), like a unit
                # whose modem has given up.
                self.offline = True
                self._notify()
                continue
            failures = 0 if booted else failures + 1
            delay = min(self.reconnect_delay * 2 ** max(0, failures - 1), self.reconnect_max_delay)
            await self._wait_state(lambda: self._stopping or self.offline, timeout=delay)

    def _fail(self, reason: str) -> None:
        self.last_error = reason
        log.info("%s: %s", self.charger_id, reason)
        self._notify()

    async def _connect_once(self) -> bool:
        headers = self._auth_headers()
        ping = self.config.integer("WebSocketPingInterval", 0)
        endpoint = self.endpoint
        tls = self._tls_context() if endpoint.startswith("wss://") else None
        async with connect(
            endpoint,
            ssl=tls,
            subprotocols=[Subprotocol(p) for p in self.subprotocols],
            # Off: permessage-deflate costs memory and CPU per connection (DESIGN.md).
            compression=None,
            additional_headers=headers,
            # Bounded: traffic goes to the given URL only, never through a proxy.
            proxy=None,
            open_timeout=self.response_timeout,
            ping_interval=ping or None,
            ping_timeout=ping or None,
        ) as ws:
            return await self._serve(ws)

    async def _serve(self, ws: ClientConnection) -> bool:
        # cast: only the full SimulatedCharger is ever connected; the protocol needs
        # its command handlers, which live in the layers above this one.
        charger = cast("SimulatedCharger", self)
        link = Link(ws, SimulatorProtocol(charger, ws, self.response_timeout))
        self._link = link
        self.connected = True
        self.subprotocol = ws.subprotocol
        self.connect_count += 1
        self.refused_status = None
        self._notify()
        reader = asyncio.create_task(link.cp.start(), name=f"sim-{self.charger_id}-reader")
        reader.add_done_callback(lambda _: link.closed.set())
        worker = asyncio.create_task(self._work(link), name=f"sim-{self.charger_id}-worker")
        try:
            await asyncio.wait({reader, worker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            link.closed.set()
            self._link = None
            self.connected = self.accepted = False
            self._notify()
            tasks = [reader, worker, *link.tasks]
            for task in tasks:
                task.cancel()
            for result in await asyncio.gather(*tasks, return_exceptions=True):
                if isinstance(result, Exception) and not isinstance(
                    result, LinkLost | WebSocketException
                ):
                    log.error("%s: link task failed", self.charger_id, exc_info=result)
                    self.last_error = f"{type(result).__name__}: {result}"
        return link.booted

    async def _work(self, link: Link) -> None:
        await self._boot(link)
        link.booted = True
        await self._after_boot(link)
        deliverer = asyncio.create_task(self._deliver_outbox(link))
        link.tasks.add(deliverer)
        await self._heartbeat_loop(link)

    # ----------------------------------------------------------------- boot

    async def _boot(self, link: Link) -> None:
        while True:
            reply = await self._send_boot(link)
            if self.accepted:
                return
            interval = float(reply.interval) if reply is not None else 0.0
            await self._wait_state(
                lambda: self.accepted or link.closed.is_set(),
                timeout=max(interval, self.boot_retry_floor),
            )
            if link.closed.is_set():
                raise LinkLost("BootNotification")
            if self.accepted:  # a triggered BootNotification was accepted meanwhile
                return

    async def _send_boot(self, link: Link) -> Any | None:
        """Send one BootNotification and apply its reply; None if it got no reply."""
        payload = call.BootNotification(
            charge_point_model=self.model,
            charge_point_vendor=self.vendor,
            charge_point_serial_number=self.serial,
            firmware_version=self.firmware,
            meter_type=f"Sim{self.kind}Meter",
        )
        try:
            reply = await self._call_on(link, payload)
        except (OCPPError, TimeoutError):
            return None
        self.registration_status = str(reply.status)
        if reply.status == "Accepted":
            if reply.interval > 0 and self.heartbeat_override is None:
                self._set_heartbeat(float(reply.interval))
            if not self.accepted:
                self.accepted = True
                self.boot_count += 1
        self._notify()
        return reply

    def _set_heartbeat(self, seconds: float) -> None:
        self.heartbeat_s = seconds
        self.config.set("HeartbeatInterval", str(round(seconds)))
        self._notify()

    async def _after_boot(self, link: Link) -> None:
        """Announce every connector's status once booted (subclasses add more)."""
        for connector in self._connectors.values():
            with contextlib.suppress(OCPPError, TimeoutError):
                await self._call_on(link, self._status_payload(connector))

    async def _heartbeat_loop(self, link: Link) -> None:
        while True:
            if await self._heartbeat_due(link, self.heartbeat_s):
                with contextlib.suppress(OCPPError, TimeoutError):
                    await self._call_on(link, call.Heartbeat())

    async def _heartbeat_due(self, link: Link, interval: float) -> bool:
        """Wait one interval; False if the interval changed meanwhile (the timer re-arms)."""
        changed = await self._wait_state(
            lambda: self.heartbeat_s != interval or link.closed.is_set(),
            timeout=interval if interval > 0 else None,
        )
        if link.closed.is_set():
            raise LinkLost("Heartbeat")
        return not changed

    # ----------------------------------------------------------------- delivery

    async def _deliver_outbox(self, link: Link) -> None:
        while not link.closed.is_set():
            message = self._outbox.head()
            if message is None:
                await self._wait_state(
                    lambda: self._outbox.head() is not None or link.closed.is_set()
                )
                continue
            await self._deliver(link, message)

    async def _deliver(self, link: Link, message: QueuedMessage) -> None:
        message.attempts += 1
        try:
            reply = await self._call_on(link, message.resolved())
        except TimeoutError:
            # Unanswered: keep it at the head and send it again; the central system
            # must treat the repeat idempotently.
            await self._wait_state(link.closed.is_set, timeout=self.retry_interval)
            return
        except OCPPError as exc:
            attempts = max(1, self.config.integer("TransactionMessageAttempts", 3))
            if message.attempts >= attempts:
                log.warning("%s: dropping %s after %s", self.charger_id, message.action, exc)
                self._outbox.remove(message)
                message.finish(error=f"{type(exc).__name__}: {exc}")
                self._notify()
            else:
                await self._wait_state(link.closed.is_set, timeout=self.retry_interval)
            return
        self._outbox.remove(message)
        message.finish(reply)
        self._on_transaction_reply(message)
        self._notify()
