"""One simulated charger of the load generator: a raw websocket and prebuilt frames.

No ocpp library on this side: the load generator must stay far cheaper per message than
the servers it measures, so a frame is one ``%`` operation and a reply one orjson parse.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import orjson
from websockets.asyncio.client import ClientConnection
from websockets.protocol import State

from benchmarks import frames

ID_TAG = b"BENCHCARD01"
POWER_W = 7400
ENERGY_STEP_WH = 2


class CallFailed(Exception):
    """A call was answered with a CALLERROR, or with something that is not its reply."""


@dataclass
class Recorder:
    """What all chargers of one load-generator process measured.

    Only replies that arrive while ``measuring`` is set count towards the window's
    figures; setup and teardown calls are counted apart.
    """

    measuring: bool = False
    latencies_ms: list[float] = field(default_factory=list)
    window_calls: Counter[str] = field(default_factory=Counter)
    all_calls: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    replies: Counter[str] = field(default_factory=Counter)
    server_calls: Counter[str] = field(default_factory=Counter)
    late_ticks: int = 0

    def record(self, action: str, seconds: float) -> None:
        """Count one answered call and, inside the window, keep its latency."""
        self.all_calls[action] += 1
        if self.measuring:
            self.window_calls[action] += 1
            self.latencies_ms.append(seconds * 1000.0)


@dataclass
class LoadSettings:
    """How each charger behaves once connected."""

    mode: str  # "flood", "steady" or "idle"
    heartbeat_every: int = 50
    steady_period_s: float = 1.0
    idle_interval_s: float = 30.0
    call_timeout_s: float = 30.0


class ChargerSession:
    """One charger: sequential calls (OCPP allows one outstanding CALL) over one socket."""

    def __init__(
        self, charger_id: str, ws: ClientConnection, recorder: Recorder, settings: LoadSettings
    ) -> None:
        self.charger_id = charger_id
        self.ws = ws
        self.recorder = recorder
        self.settings = settings
        self.transaction_id: int | None = None
        self.energy_wh = 0
        self.failed = False
        self._seq = 0

    @property
    def is_open(self) -> bool:
        """Whether the socket is open and no call of this charger has failed."""
        return not self.failed and self.ws.state is State.OPEN

    def next_uid(self) -> bytes:
        """A fresh message id for this connection."""
        self._seq += 1
        return b"%d" % self._seq

    async def call(self, action: str, uid: bytes, frame: bytes) -> dict[str, Any]:
        """Send one CALL, wait for its reply (answering CALLs from the server meanwhile)."""
        ws = self.ws
        expected = uid.decode()
        started = time.perf_counter()
        async with asyncio.timeout(self.settings.call_timeout_s):
            await ws.send(frame, text=True)
            while True:
                message = orjson.loads(await ws.recv(decode=False))
                kind = message[0]
                if kind == 2:
                    # The server may ask things of a charger (configuration, triggers).
                    self.recorder.server_calls[str(message[2])] += 1
                    await ws.send(frames.call_error_not_supported(message[1]), text=True)
                    continue
                if message[1] != expected:
                    self.recorder.errors["reply with an unexpected id"] += 1
                    continue
                break
        self.recorder.record(action, time.perf_counter() - started)
        if kind != 3:
            self.recorder.errors[f"CALLERROR to {action}: {message[2]}"] += 1
            raise CallFailed(f"{action}: {message[2]} {message[3]}")
        payload: dict[str, Any] = message[2]
        return payload

    async def setup(self) -> None:
        """BootNotification; then, unless idle, a status and a started transaction."""
        uid = self.next_uid()
        reply = await self.call(
            "BootNotification", uid, frames.boot_notification(uid, self.charger_id.encode())
        )
        self.recorder.replies[f"BootNotification {reply.get('status')}"] += 1
        if self.settings.mode == "idle":
            return
        await self._status(b"Preparing")
        uid = self.next_uid()
        reply = await self.call(
            "StartTransaction", uid, frames.start_transaction(uid, ID_TAG, self.energy_wh)
        )
        self.transaction_id = int(reply["transactionId"])
        status = reply.get("idTagInfo", {}).get("status")
        self.recorder.replies[f"StartTransaction idTag {status}"] += 1
        await self._status(b"Charging")

    async def _status(self, status: bytes) -> None:
        uid = self.next_uid()
        await self.call("StatusNotification", uid, frames.status_notification(uid, status))

    async def meter_values(self) -> None:
        """One MeterValues of the running transaction, the energy register a bit higher."""
        assert self.transaction_id is not None
        self.energy_wh += ENERGY_STEP_WH
        uid = self.next_uid()
        frame = frames.meter_values(uid, self.transaction_id, POWER_W, self.energy_wh)
        await self.call("MeterValues", uid, frame)

    async def heartbeat(self) -> None:
        """One Heartbeat."""
        uid = self.next_uid()
        await self.call("Heartbeat", uid, frames.heartbeat(uid))

    async def teardown(self) -> None:
        """Stop the transaction (if any) and close the socket."""
        try:
            if self.transaction_id is not None and self.is_open:
                uid = self.next_uid()
                frame = frames.stop_transaction(uid, self.transaction_id, ID_TAG, self.energy_wh)
                await self.call("StopTransaction", uid, frame)
        finally:
            await self.ws.close()


async def run_load(
    session: ChargerSession, stop: asyncio.Event, offset: float, started: float
) -> None:
    """Drive one charger in the configured mode until ``stop`` is set.

    ``offset`` (0..1) spreads the chargers' periodic calls over their period so they do
    not all fire at once; ``started`` is the shared ``perf_counter`` start of the load.
    """
    settings = session.settings
    # Start each charger's call counter at a different point so the fleet's heartbeats
    # are spread evenly instead of all falling on the same round.
    count = int(offset * settings.heartbeat_every)
    if settings.mode == "flood":
        while not stop.is_set():
            count += 1
            if count % settings.heartbeat_every == 0:
                await session.heartbeat()
            else:
                await session.meter_values()
        return
    period = settings.steady_period_s if settings.mode == "steady" else settings.idle_interval_s
    due = started + offset * period
    while not stop.is_set():
        delay = due - time.perf_counter()
        if delay > 0:
            # Wake at once when the load stops rather than sleeping out a long period.
            try:
                async with asyncio.timeout(delay):
                    await stop.wait()
                return
            except TimeoutError:
                pass
        count += 1
        if settings.mode == "idle" or count % settings.heartbeat_every == 0:
            await session.heartbeat()
        else:
            await session.meter_values()
        due += period
        now = time.perf_counter()
        if due < now:
            # A reply slower than the period: skip the missed tick, never burst to catch up.
            session.recorder.late_ticks += 1
            due = now
