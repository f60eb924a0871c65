"""A small central system, written with the ocpp library, to test the simulator against.

The product's central system is tested elsewhere (driven by the simulator); here the
simulator is tested against this independent, minimal one, which records every
message it receives and can send any command.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import ssl
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

import pytest
from ocpp import routing
from ocpp.exceptions import InternalError
from ocpp.v16 import ChargePoint, call_result
from ocpp.v16.enums import Action
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from console.simulator import SimulatedCharger

F = TypeVar("F", bound=Callable[..., Any])


def on(action: str) -> Callable[[F], F]:
    """``ocpp.routing.on``, typed."""
    return cast(Callable[[F], F], routing.on(action))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Received:
    """One message the central system received."""

    charger_id: str
    action: str
    payload: dict[str, Any]  # snake_case keys, as the ocpp library hands them
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


class CentralPoint(ChargePoint):  # type: ignore[misc]
    """The central system's side of one charger connection."""

    def __init__(self, charger_id: str, ws: ServerConnection, central: MiniCentral) -> None:
        super().__init__(charger_id, ws, response_timeout=5)
        self.central = central

    async def route_message(self, raw_msg: str) -> None:
        """Leave a call unanswered when the test asks for it (a server that hangs)."""
        try:
            message = json.loads(raw_msg)
        except ValueError:
            message = None  # the library answers bad frames itself
        if (
            isinstance(message, list)
            and message[:1] == [2]
            and self.central.ignore_next.get(message[2], 0) > 0
        ):
            self.central.ignore_next[message[2]] -= 1
            self.central.record(self.id, f"ignored:{message[2]}", {})
            return
        await super().route_message(raw_msg)

    def _got(self, action: str, payload: dict[str, Any]) -> None:
        self.central.record(self.id, action, payload)

    @on(Action.boot_notification)
    async def on_boot_notification(self, **payload: Any) -> Any:
        self._got("BootNotification", payload)
        status = self.central.boot_statuses.pop(0) if self.central.boot_statuses else "Accepted"
        interval = self.central.heartbeat_interval if status == "Accepted" else 0
        return call_result.BootNotification(current_time=_now(), interval=interval, status=status)

    @on(Action.heartbeat)
    def on_heartbeat(self, **payload: Any) -> Any:
        self._got("Heartbeat", payload)
        return call_result.Heartbeat(current_time=_now())

    @on(Action.status_notification)
    def on_status_notification(self, **payload: Any) -> Any:
        self._got("StatusNotification", payload)
        return call_result.StatusNotification()

    @on(Action.authorize)
    def on_authorize(self, **payload: Any) -> Any:
        self._got("Authorize", payload)
        return call_result.Authorize(id_tag_info={"status": self.central.tag_status(payload)})

    @on(Action.start_transaction)
    async def on_start_transaction(self, **payload: Any) -> Any:
        await self.central.maybe_drop(self, "StartTransaction")
        self._got("StartTransaction", payload)
        return call_result.StartTransaction(
            transaction_id=next(self.central.tx_ids),
            id_tag_info={"status": self.central.start_status(payload)},
        )

    @on(Action.stop_transaction)
    async def on_stop_transaction(self, **payload: Any) -> Any:
        await self.central.maybe_drop(self, "StopTransaction")
        self._got("StopTransaction", payload)
        return call_result.StopTransaction(id_tag_info={"status": "Accepted"})

    @on(Action.meter_values)
    async def on_meter_values(self, **payload: Any) -> Any:
        await self.central.maybe_drop(self, "MeterValues")
        self._got("MeterValues", payload)
        return call_result.MeterValues()

    @on(Action.data_transfer)
    def on_data_transfer(self, **payload: Any) -> Any:
        self._got("DataTransfer", payload)
        return call_result.DataTransfer(status="UnknownVendorId")

    @on(Action.diagnostics_status_notification)
    def on_diagnostics_status_notification(self, **payload: Any) -> Any:
        self._got("DiagnosticsStatusNotification", payload)
        return call_result.DiagnosticsStatusNotification()

    @on(Action.firmware_status_notification)
    def on_firmware_status_notification(self, **payload: Any) -> Any:
        self._got("FirmwareStatusNotification", payload)
        return call_result.FirmwareStatusNotification()

    # ----------------------------------------------------------------- security extension

    @on(Action.security_event_notification)
    def on_security_event_notification(self, **payload: Any) -> Any:
        self._got("SecurityEventNotification", payload)
        return call_result.SecurityEventNotification()

    @on(Action.sign_certificate)
    def on_sign_certificate(self, **payload: Any) -> Any:
        self._got("SignCertificate", payload)
        return call_result.SignCertificate(status="Accepted")

    @on(Action.log_status_notification)
    def on_log_status_notification(self, **payload: Any) -> Any:
        self._got("LogStatusNotification", payload)
        return call_result.LogStatusNotification()

    @on(Action.signed_firmware_status_notification)
    def on_signed_firmware_status_notification(self, **payload: Any) -> Any:
        self._got("SignedFirmwareStatusNotification", payload)
        return call_result.SignedFirmwareStatusNotification()


class MiniCentral:
    """Records what chargers send; configurable answers; sends commands on request."""

    def __init__(self) -> None:
        self.url = ""
        self.messages: list[Received] = []
        self.points: dict[str, CentralPoint] = {}
        self.headers: dict[str, Headers] = {}
        self.paths: list[str] = []
        self.subprotocols: dict[str, str | None] = {}
        self.boot_statuses: list[str] = []  # consumed one per boot; then Accepted
        self.heartbeat_interval = 300
        self.invalid_tags: set[str] = set()  # answered Invalid to Authorize
        self.invalid_on_start: set[str] = set()  # answered Invalid to StartTransaction only
        self.password: str | None = None
        # action -> how many times to close the connection instead of answering
        self.drop_next: dict[str, int] = {}
        # action -> how many times to answer with a CALLERROR / not at all
        self.error_next: dict[str, int] = {}
        self.ignore_next: dict[str, int] = {}
        self.tx_ids = itertools.count(1001)
        # Per charger, of its latest connection: TLS or not, and its client certificate.
        self.tls: dict[str, bool] = {}
        self.peer_certs: dict[str, dict[str, Any] | None] = {}
        self._server: Server | None = None
        self._tls_server: Server | None = None
        self._changed = asyncio.Event()

    async def start(self) -> None:
        """Listen on 127.0.0.1, on a free port."""
        self._server = await serve(
            self._handle,
            "127.0.0.1",
            0,
            subprotocols=["ocpp1.6"],  # type: ignore[list-item]
            compression=None,
            process_request=self._process_request,
        )
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/ocpp"

    async def start_tls(self, context: ssl.SSLContext) -> str:
        """Also listen with TLS on another free port; returns its wss:// URL."""
        self._tls_server = await serve(
            self._handle,
            "127.0.0.1",
            0,
            subprotocols=["ocpp1.6"],  # type: ignore[list-item]
            compression=None,
            process_request=self._process_request,
            ssl=context,
        )
        port = self._tls_server.sockets[0].getsockname()[1]
        return f"wss://127.0.0.1:{port}/ocpp"

    async def close(self) -> None:
        """Stop listening and close every connection."""
        for server in (self._server, self._tls_server):
            if server is not None:
                server.close()
                await server.wait_closed()

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        charger_id = request.path.rsplit("/", 1)[-1]
        self.paths.append(request.path)
        self.headers[charger_id] = request.headers
        if self.password is not None:
            token = base64.b64encode(f"{charger_id}:{self.password}".encode()).decode()
            if request.headers.get("Authorization") != f"Basic {token}":
                return connection.respond(401, "bad credentials\n")
        return None

    async def _handle(self, ws: ServerConnection) -> None:
        charger_id = ws.request.path.rsplit("/", 1)[-1] if ws.request else "?"
        point = CentralPoint(charger_id, ws, self)
        self.points[charger_id] = point
        tls = ws.transport.get_extra_info("ssl_object") is not None
        self.tls[charger_id] = tls
        self.peer_certs[charger_id] = ws.transport.get_extra_info("peercert") if tls else None
        self.subprotocols[charger_id] = ws.subprotocol
        self.notify()
        try:
            await point.start()
        except ConnectionClosed:
            pass
        finally:
            if self.points.get(charger_id) is point:
                del self.points[charger_id]
            self.notify()

    # ----------------------------------------------------------------- behaviour

    def tag_status(self, payload: dict[str, Any]) -> str:
        return "Invalid" if payload["id_tag"] in self.invalid_tags else "Accepted"

    def start_status(self, payload: dict[str, Any]) -> str:
        tag = payload["id_tag"]
        return "Invalid" if tag in self.invalid_tags | self.invalid_on_start else "Accepted"

    async def maybe_drop(self, point: CentralPoint, action: str) -> None:
        """Close the connection, or answer a CALLERROR, instead of answering, if asked to."""
        if self.drop_next.get(action, 0) > 0:
            self.drop_next[action] -= 1
            self.record(point.id, f"dropped:{action}", {})
            await point._connection.close()
            raise ConnectionClosed(None, None)
        if self.error_next.get(action, 0) > 0:
            self.error_next[action] -= 1
            self.record(point.id, f"error:{action}", {})
            raise InternalError(description="the test asked for an error")

    # ----------------------------------------------------------------- observing

    def record(self, charger_id: str, action: str, payload: dict[str, Any]) -> None:
        self.messages.append(Received(charger_id, action, payload))
        self.notify()

    def notify(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def of(self, action: str, charger_id: str | None = None) -> list[dict[str, Any]]:
        """Payloads of ``action`` received (from one charger, if given), in order."""
        return [
            m.payload
            for m in self.messages
            if m.action == action and (charger_id is None or m.charger_id == charger_id)
        ]

    def actions(self, charger_id: str | None = None) -> list[str]:
        """Actions received, in order."""
        return [m.action for m in self.messages if charger_id in (None, m.charger_id)]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate()`` holds, re-checked whenever a message arrives."""
        async with asyncio.timeout(timeout):
            while not (value := predicate()):
                await self._changed.wait()
        return value

    async def call(self, charger_id: str, payload: Any) -> Any:
        """Send a command to a connected charger and return its reply payload."""
        point = await self.wait_for(lambda: self.points.get(charger_id))
        return await point.call(payload, suppress=False)


@pytest.fixture
async def central() -> AsyncIterator[MiniCentral]:
    """A running MiniCentral."""
    server = MiniCentral()
    await server.start()
    yield server
    await server.close()


# Timings that keep every test well under a second of waiting.
FAST: dict[str, Any] = {
    "meter_interval": 0.05,
    "heartbeat_interval": 300.0,
    "boot_retry_floor": 0.02,
    "reconnect_delay": 0.02,
    "reconnect_max_delay": 0.1,
    "response_timeout": 5.0,
    "retry_interval": 0.05,
    "speed": 120.0,
    "seed": 7,
}


@pytest.fixture
async def make_charger(central: MiniCentral) -> AsyncIterator[Callable[..., SimulatedCharger]]:
    """Factory for chargers pointed at ``central`` (not started), stopped at teardown."""
    made: list[SimulatedCharger] = []

    def factory(charger_id: str = "CP-1", **options: Any) -> SimulatedCharger:
        settings = {**FAST, **options}
        url = settings.pop("url", central.url)
        charger = SimulatedCharger(charger_id, url, **settings)
        made.append(charger)
        return charger

    yield factory
    for charger in made:
        await charger.stop()


@pytest.fixture
async def booted(
    central: MiniCentral, make_charger: Callable[..., SimulatedCharger]
) -> SimulatedCharger:
    """A started AC charger with two connectors, booted and with statuses announced."""
    charger = make_charger()
    await charger.start()
    await charger.wait_booted()
    await central.wait_for(lambda: len(central.of("StatusNotification")) >= 3)
    return charger
