"""One charger's websocket: the receive loop, our CALLs to it, the message log, the watchdog.

Calls from the charger are handled one after the other in arrival order: OCPP lets a
charger have one CALL outstanding anyway, and billing data must be stored in the order
it was measured. The handler is awaited inside the receive loop, so a port method must
never await a command to its own charger (that reply could only be read after the
handler returns); ``call`` refuses to be called from there instead of hanging.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from console.core.clock import utcnow
from console.core.enums import Direction, FrameKind
from console.core.model import CommandOutcome, LoggedFrame
from console.protocol import outcomes
from console.protocol.dialect import Dialect
from console.protocol.errors import ErrorCode, OcppError
from console.protocol.framing import (
    UNREADABLE_ID,
    CallFrame,
    ErrorFrame,
    FrameError,
    ResultFrame,
    encode_call,
    encode_error,
    encode_result,
    parse_frame,
)
from console.protocol.handshake import format_peer
from console.protocol.ports import AdmissionPort, ChargerMessagePort, MessageLogPort

log = logging.getLogger(__name__)

CLOSE_NORMAL = 1000
CLOSE_GOING_AWAY = 1001
CLOSE_POLICY_VIOLATION = 1008


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    """Limits of one connection; the server passes its own settings down."""

    call_timeout: float = 30
    max_bad_frames: int = 10  # in a row; 0 never disconnects
    heartbeat_interval: float = 300  # assumed until a BootNotification sets it
    idle_intervals: float = 3  # silent for this many intervals -> offline


@dataclass(frozen=True, slots=True)
class _Broken:
    """A reply to our CALL that was no valid OCPP-J frame."""

    reason: str


_Reply = ResultFrame | ErrorFrame | _Broken | None  # None: the connection closed


@dataclass(slots=True)
class _Pending:
    future: asyncio.Future[_Reply]
    action: str
    sent_at: float


class ChargerConnection:
    """The protocol object of one open websocket of one charger."""

    def __init__(
        self,
        ws: ServerConnection,
        charger_id: str,
        dialect: Dialect,
        messages: ChargerMessagePort,
        admission: AdmissionPort,
        message_log: MessageLogPort,
        settings: ConnectionSettings,
    ) -> None:
        self._ws = ws
        self._charger_id = charger_id
        self.dialect = dialect
        self._messages = messages
        self._admission = admission
        self._message_log = message_log
        self._settings = settings
        self.peer = format_peer(ws.remote_address)
        self._loop = asyncio.get_running_loop()
        self._pending: dict[str, _Pending] = {}
        self._call_lock = asyncio.Lock()
        self._bad_frames = 0
        self._last_rx = self._loop.time()
        self._idle_timeout = settings.idle_intervals * settings.heartbeat_interval
        self._watchdog: asyncio.TimerHandle | None = None
        self._recv_task: asyncio.Task[Any] | None = None
        self._closing: tuple[int, str] | None = None
        self._closed = False
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def charger_id(self) -> str:
        """The charge point id from the URL."""
        return self._charger_id

    @property
    def messages(self) -> ChargerMessagePort:
        """The services handling what the charger sends (for the dialect's handlers)."""
        return self._messages

    @property
    def local_host(self) -> str | None:
        """Our address this connection came in on: the one the charger can reach us at."""
        address = self._ws.local_address
        return str(address[0]) if address else None

    @property
    def is_open(self) -> bool:
        """False once the connection is closing or closed."""
        return not self._closed and self._closing is None

    def close_info(self) -> tuple[int | None, str]:
        """Close code and reason: ours when we closed it, else what the socket saw."""
        if self._closing is not None:
            return self._closing
        return self._ws.close_code, self._ws.close_reason or ""

    def set_heartbeat_interval(self, seconds: float) -> None:
        """Restart the idle watchdog for a new heartbeat interval (0: keep the default)."""
        if seconds <= 0:
            seconds = self._settings.heartbeat_interval
        self._idle_timeout = seconds * self._settings.idle_intervals
        self._arm_watchdog()

    async def run(self) -> None:
        """Read frames until the socket closes; then fail the CALL still waiting."""
        self._recv_task = asyncio.current_task()
        self._arm_watchdog()
        try:
            while True:
                try:
                    data = await self._ws.recv()
                except ConnectionClosed:
                    break
                try:
                    await self._on_frame(data)
                except Exception:
                    # A bug of ours on one frame must not take the charger offline.
                    log.exception("%s: failed on a frame", self._charger_id)
        finally:
            self._closed = True
            if self._watchdog is not None:
                self._watchdog.cancel()
            for pending in self._pending.values():
                if not pending.future.done():
                    pending.future.set_result(None)
            self._pending.clear()

    async def close(self, code: int, reason: str) -> None:
        """Close the websocket (the reason is shown to people, keep it short)."""
        if self._closing is None:
            self._closing = (code, reason)
        await self._ws.close(code, reason)

    async def call(
        self,
        action: str,
        payload: dict[str, Any],
        timeout: float | None,
    ) -> CommandOutcome:
        """Send a CALL and wait for its reply; one CALL at a time per charger.

        ``timeout`` covers waiting for an earlier CALL to finish as well.
        """
        if asyncio.current_task() is self._recv_task:
            raise RuntimeError(
                "a handler of a charger's message cannot await a command to the same"
                " charger: run the command in a separate task"
            )
        try:
            self.dialect.schemas.check_call(action, payload)
        except OcppError as exc:
            return outcomes.invalid(f"request breaks the schema: {exc.description}")
        if not self.is_open:
            return outcomes.offline()
        try:
            async with asyncio.timeout(timeout), self._call_lock:
                reply = await self._exchange(action, payload)
        except TimeoutError:
            return outcomes.timed_out(timeout)
        return self._outcome(action, reply)

    async def _exchange(self, action: str, payload: dict[str, Any]) -> _Reply:
        if not self.is_open:
            return None
        unique_id = str(uuid.uuid4())
        future: asyncio.Future[_Reply] = self._loop.create_future()
        self._pending[unique_id] = _Pending(future, action, time.perf_counter())
        try:
            if not await self._send(
                encode_call(unique_id, action, payload), FrameKind.CALL, unique_id, action
            ):
                return None
            return await future
        finally:
            self._pending.pop(unique_id, None)

    def _outcome(self, action: str, reply: _Reply) -> CommandOutcome:
        if reply is None:
            return outcomes.offline("connection closed before the answer")
        if isinstance(reply, _Broken):
            return outcomes.invalid(f"malformed reply: {reply.reason}")
        if isinstance(reply, ErrorFrame):
            return outcomes.call_error(reply)
        try:
            self.dialect.schemas.check_result(action, reply.payload)
        except OcppError as exc:
            return outcomes.invalid(f"reply breaks the schema: {exc.description}", reply.payload)
        return outcomes.answered(reply.payload)

    async def _on_frame(self, data: str | bytes) -> None:
        received = time.perf_counter()
        self._last_rx = self._loop.time()
        now = utcnow()
        try:
            self._admission.charger_seen(self._charger_id, now)
        except Exception:
            log.exception("%s: charger_seen failed", self._charger_id)
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        try:
            frame = parse_frame(data)
        except FrameError as exc:
            self._record(now, Direction.IN, FrameKind.INVALID, exc.unique_id, None, text)
            await self._on_bad_frame(exc, received)
            return
        except Exception:
            # A bug of ours in parsing: the frame is still answered, as unreadable.
            log.exception("%s: parsing a frame failed", self._charger_id)
            self._record(now, Direction.IN, FrameKind.INVALID, None, None, text)
            broken = FrameError(ErrorCode.FORMATION_VIOLATION, "frame could not be read")
            await self._on_bad_frame(broken, received)
            return
        if isinstance(frame, CallFrame):
            await self._on_call(frame, text, now, received)
        else:
            self._on_reply(frame, text, now, received)

    async def _on_call(self, frame: CallFrame, text: str, now: datetime, received: float) -> None:
        action, unique_id = frame.action, frame.unique_id
        self._record(now, Direction.IN, FrameKind.CALL, unique_id, action, text)
        if not self._may_call(action):
            # Not counted as a bad frame: a pending charger that sends its queued
            # messages is not broken, it just has to wait for staff.
            log.info("%s: refused %s before acceptance", self._charger_id, action)
            error = OcppError(ErrorCode.SECURITY_ERROR, "charge point not accepted")
            await self._send_error(unique_id, error, action, received)
            return
        handler = self.dialect.handlers.get(action)
        try:
            if handler is None:
                raise self.dialect.unknown_action(action)
            self.dialect.schemas.check_call(action, frame.payload)
        except OcppError as exc:
            # Unknown actions count as bad frames too: a charger looping on something we
            # cannot handle is as broken as one sending garbage.
            log.info("%s: refused %s: %s", self._charger_id, action, exc)
            await self._send_error(unique_id, exc, action, received)
            await self._count_bad_frame()
            return
        except Exception:
            # A bug of ours in checking; the CALL is still answered, with its own id.
            log.exception("%s: checking %s failed", self._charger_id, action)
            error = OcppError(ErrorCode.INTERNAL_ERROR, f"{action} could not be checked")
            await self._send_error(unique_id, error, action, received)
            return
        self._bad_frames = 0
        try:
            reply = await handler(self, frame.payload)
            self._check_own_reply(action, reply)
            data = encode_result(unique_id, reply)
        except OcppError as exc:
            await self._send_error(unique_id, exc, action, received)
        except Exception:
            log.exception("%s: handling %s failed", self._charger_id, action)
            error = OcppError(ErrorCode.INTERNAL_ERROR, f"{action} could not be handled")
            await self._send_error(unique_id, error, action, received)
        else:
            latency = (time.perf_counter() - received) * 1000
            await self._send(data, FrameKind.RESULT, unique_id, action, latency)

    def _may_call(self, action: str) -> bool:
        """Whether this charger may make this CALL now: all of them once it is accepted."""
        if action in self.dialect.pre_acceptance_actions:
            return True
        try:
            return self._admission.is_accepted(self._charger_id)
        except Exception:
            log.exception("%s: approval check failed", self._charger_id)
            return False

    def _check_own_reply(self, action: str, reply: dict[str, Any]) -> None:
        """A reply of ours that breaks the schema would confuse the charger: say so."""
        try:
            self.dialect.schemas.check_result(action, reply)
        except OcppError as exc:
            log.error("%s: our %s reply breaks the schema: %s", self._charger_id, action, exc)
            raise OcppError(ErrorCode.INTERNAL_ERROR, f"{action} could not be answered") from exc

    def _on_reply(
        self, frame: ResultFrame | ErrorFrame, text: str, now: datetime, received: float
    ) -> None:
        kind = FrameKind.RESULT if isinstance(frame, ResultFrame) else FrameKind.ERROR
        pending = self._pending.pop(frame.unique_id, None)
        if pending is None:
            # Typically a reply that came after we gave up waiting.
            log.warning("%s: dropped a reply to unknown id %r", self._charger_id, frame.unique_id)
            self._record(now, Direction.IN, kind, frame.unique_id, None, text)
            return
        self._bad_frames = 0
        latency = (received - pending.sent_at) * 1000
        self._record(now, Direction.IN, kind, frame.unique_id, pending.action, text, latency)
        if not pending.future.done():
            pending.future.set_result(frame)

    async def _on_bad_frame(self, exc: FrameError, received: float) -> None:
        log.info("%s: bad frame: %s", self._charger_id, exc)
        if exc.answerable:
            await self._send_error(exc.unique_id or UNREADABLE_ID, exc, None, received)
        elif exc.unique_id is not None:
            # The charger meant to answer our CALL but garbled it: fail that CALL now.
            pending = self._pending.pop(exc.unique_id, None)
            if pending is not None and not pending.future.done():
                pending.future.set_result(_Broken(exc.description))
        await self._count_bad_frame()

    async def _count_bad_frame(self) -> None:
        self._bad_frames += 1
        limit = self._settings.max_bad_frames
        if limit > 0 and self._bad_frames >= limit and self._closing is None:
            log.warning("%s: %d bad frames in a row, closing", self._charger_id, limit)
            await self.close(CLOSE_POLICY_VIOLATION, f"{limit} bad frames in a row")

    async def _send_error(
        self, unique_id: str, exc: OcppError, action: str | None, received: float
    ) -> None:
        latency = (time.perf_counter() - received) * 1000
        data = encode_error(unique_id, exc.code.value, exc.description, exc.details)
        await self._send(data, FrameKind.ERROR, unique_id, action, latency)

    async def _send(
        self,
        data: bytes,
        kind: FrameKind,
        unique_id: str,
        action: str | None,
        latency_ms: float | None = None,
    ) -> bool:
        """Log and send one frame; False when the socket is already closed."""
        # Logged before sending so that a reply never appears before its call.
        text = data.decode()
        self._record(utcnow(), Direction.OUT, kind, unique_id, action, text, latency_ms)
        try:
            await self._ws.send(data, text=True)
        except ConnectionClosed:
            return False
        return True

    def _record(
        self,
        at: datetime,
        direction: Direction,
        kind: FrameKind,
        unique_id: str | None,
        action: str | None,
        text: str,
        latency_ms: float | None = None,
    ) -> None:
        frame = LoggedFrame(
            at, self._charger_id, direction, kind, unique_id, action, text, latency_ms
        )
        try:
            self._message_log.record(frame)
        except Exception:
            # Losing a log line is better than losing the message it describes.
            log.exception("%s: message log failed", self._charger_id)

    def _arm_watchdog(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        if self._closed or self._idle_timeout <= 0:
            return
        self._watchdog = self._loop.call_at(self._last_rx + self._idle_timeout, self._on_idle)

    def _on_idle(self) -> None:
        # Timers are cheaper than resetting one on every frame: on expiry, look at the
        # time of the last frame and sleep again if something arrived meanwhile.
        self._watchdog = None
        due = self._last_rx + self._idle_timeout
        if self._loop.time() < due - 0.01:
            self._watchdog = self._loop.call_at(due, self._on_idle)
            return
        log.info("%s: silent for %g s, closing", self._charger_id, self._idle_timeout)
        reason = f"nothing received for {self._idle_timeout:g} s"
        task = self._loop.create_task(self.close(CLOSE_GOING_AWAY, reason))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
