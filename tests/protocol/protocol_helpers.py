"""Fakes of the three ports and small websocket clients for the protocol tests."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from console.core.enums import AuthorizationStatus, Direction, FrameKind, RefusalReason
from console.core.model import BootDecision, IdTagInfo, LoggedFrame, StartDecision
from console.protocol.ports import DataTransferReply, HandshakeVerdict
from console.protocol.server import CentralSystemServer
from console.protocol.tls import TlsFacts

SUBPROTOCOL = "ocpp1.6"
WAIT = 5.0  # seconds any single expected thing may take before the test fails

Hook = Callable[[str, Any], Awaitable[None]]


class FakeMessages:
    """ChargerMessagePort recording every call; answers and failures are configurable."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Any]] = []
        self.boot_decision = BootDecision(accepted=True, rejected=False, heartbeat_interval=300)
        self.id_tag_info = IdTagInfo(AuthorizationStatus.ACCEPTED)
        self.transaction_id = 42
        self.stop_info: IdTagInfo | None = None
        self.data_transfer_reply = DataTransferReply("Accepted", "pong")
        self.raise_in: dict[str, BaseException] = {}
        self.hooks: dict[str, Hook] = {}

    async def _called(self, method: str, charger_id: str, arg: Any = None) -> None:
        self.calls.append((method, charger_id, arg))
        if method in self.hooks:
            await self.hooks[method](charger_id, arg)
        if method in self.raise_in:
            raise self.raise_in[method]

    def last(self, method: str) -> Any:
        """The argument of the latest call of ``method``."""
        return [arg for name, _, arg in self.calls if name == method][-1]

    async def boot(self, charger_id: str, boot: Any) -> BootDecision:
        await self._called("boot", charger_id, boot)
        return self.boot_decision

    async def heartbeat(self, charger_id: str) -> None:
        await self._called("heartbeat", charger_id)

    async def status(self, charger_id: str, report: Any) -> None:
        await self._called("status", charger_id, report)

    async def authorize(self, charger_id: str, id_tag: str) -> IdTagInfo:
        await self._called("authorize", charger_id, id_tag)
        return self.id_tag_info

    async def start_transaction(self, charger_id: str, request: Any) -> StartDecision:
        await self._called("start_transaction", charger_id, request)
        return StartDecision(self.transaction_id, self.id_tag_info)

    async def stop_transaction(self, charger_id: str, request: Any) -> IdTagInfo | None:
        await self._called("stop_transaction", charger_id, request)
        return self.stop_info

    async def meter_values(self, charger_id: str, report: Any) -> None:
        await self._called("meter_values", charger_id, report)

    async def data_transfer(
        self, charger_id: str, vendor_id: str, message_id: str | None, data: str | None
    ) -> DataTransferReply:
        await self._called("data_transfer", charger_id, (vendor_id, message_id, data))
        return self.data_transfer_reply

    async def notice(self, charger_id: str, kind: str, details: dict[str, Any]) -> None:
        await self._called("notice", charger_id, (kind, details))


@dataclass
class Refusal:
    charger_id: str | None
    reason: RefusalReason
    peer: str | None
    path: str
    http_status: int
    subprotocols: tuple[str, ...] = ()
    username: str | None = None


class FakeAdmission:
    """AdmissionPort with verdicts per charger id; tracks who is online."""

    def __init__(self) -> None:
        self.verdicts: dict[str, HandshakeVerdict] = {}
        self.handshakes: list[tuple[str, str | None, str | None]] = []
        self.tls_facts: list[TlsFacts | None] = []  # what each handshake's TLS showed
        self.refusals: list[Refusal] = []
        self.connected: list[tuple[str, str | None]] = []
        self.disconnected: list[tuple[str, int | None, str]] = []
        self.online: set[str] = set()
        self.seen: Counter[str] = Counter()
        self.not_accepted: set[str] = set()  # chargers the approval gate keeps out
        self._changed = asyncio.Condition()

    async def check_handshake(
        self,
        charger_id: str,
        username: str | None,
        password: str | None,
        *,
        peer: str | None = None,
        tls: TlsFacts | None = None,
    ) -> HandshakeVerdict:
        self.handshakes.append((charger_id, username, password))
        self.tls_facts.append(tls)
        return self.verdicts.get(charger_id, HandshakeVerdict.accept())

    async def record_refusal(
        self,
        charger_id: str | None,
        reason: RefusalReason,
        peer: str | None,
        path: str,
        http_status: int,
        *,
        subprotocols: tuple[str, ...] = (),
        username: str | None = None,
    ) -> None:
        self.refusals.append(
            Refusal(charger_id, reason, peer, path, http_status, subprotocols, username)
        )
        await self._notify()

    async def charger_connected(self, charger_id: str, peer: str | None) -> None:
        self.connected.append((charger_id, peer))
        self.online.add(charger_id)
        await self._notify()

    async def charger_disconnected(
        self, charger_id: str, close_code: int | None, reason: str
    ) -> None:
        self.disconnected.append((charger_id, close_code, reason))
        self.online.discard(charger_id)
        await self._notify()

    def charger_seen(self, charger_id: str, at: datetime) -> None:
        assert at.tzinfo is not None
        self.seen[charger_id] += 1

    def is_accepted(self, charger_id: str) -> bool:
        return charger_id not in self.not_accepted

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait(self, predicate: Callable[[], bool]) -> None:
        """Wait until ``predicate`` holds after a connect or disconnect."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), WAIT)

    async def wait_connected(self, charger_id: str, times: int = 1) -> None:
        await self.wait(lambda: [c for c, _ in self.connected].count(charger_id) >= times)

    async def wait_disconnected(self, charger_id: str, times: int = 1) -> None:
        await self.wait(lambda: [c for c, _, _ in self.disconnected].count(charger_id) >= times)


class FakeMessageLog:
    """MessageLogPort keeping frames in a list."""

    def __init__(self) -> None:
        self.frames: list[LoggedFrame] = []

    def record(self, frame: LoggedFrame) -> None:
        self.frames.append(frame)

    def find(
        self, direction: Direction, kind: FrameKind, message_id: str | None = None
    ) -> list[LoggedFrame]:
        return [
            f
            for f in self.frames
            if f.direction is direction
            and f.kind is kind
            and (message_id is None or f.message_id == message_id)
        ]


@dataclass
class Ports:
    messages: FakeMessages
    admission: FakeAdmission
    log: FakeMessageLog


def url(server: CentralSystemServer, charger_id: str = "CP1", prefix: str = "/ocpp/") -> str:
    return f"ws://127.0.0.1:{server.port}{prefix}{charger_id}"


def basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


async def open_ws(
    server: CentralSystemServer,
    charger_id: str = "CP1",
    *,
    prefix: str = "/ocpp/",
    subprotocols: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> ClientConnection:
    """A raw client websocket (the caller closes it)."""
    offered = [SUBPROTOCOL] if subprotocols is None else subprotocols
    return await connect(
        url(server, charger_id, prefix),
        subprotocols=offered,  # type: ignore[arg-type]
        additional_headers=headers,
        open_timeout=WAIT,
    )


async def exchange(ws: ClientConnection, frame: Any) -> list[Any]:
    """Send a frame (a list, or raw text) and return the next frame received, parsed."""
    await ws.send(frame if isinstance(frame, str | bytes) else json.dumps(frame))
    return json.loads(await asyncio.wait_for(ws.recv(), WAIT))


Answer = Callable[[str, dict[str, Any]], list[Any] | dict[str, Any] | None]


class ScriptedCharger:
    """A small charger: sends CALLs and answers the server's CALLs with ``answer``.

    ``answer(action, payload)`` returns a CALLRESULT payload (dict), a whole frame
    (list, e.g. a CALLERROR; "{id}" is replaced by the call's id) or None (no answer).
    """

    _ids = itertools.count(1)

    def __init__(self, ws: ClientConnection, answer: Answer | None = None) -> None:
        self.ws = ws
        self.answer: Answer = answer or (lambda action, payload: {"status": "Accepted"})
        self.received: list[list[Any]] = []
        self.call_arrived = asyncio.Event()
        self._waiting: dict[str, asyncio.Future[list[Any]]] = {}
        self._task = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        try:
            async for text in self.ws:
                message = json.loads(text)
                if message[0] == 2:
                    self.received.append(message)
                    self.call_arrived.set()
                    await self._answer(message)
                elif message[1] in self._waiting:
                    self._waiting.pop(message[1]).set_result(message)
        except ConnectionClosed:
            pass

    async def _answer(self, message: list[Any]) -> None:
        reply = self.answer(message[2], message[3])
        if reply is None:
            return
        if isinstance(reply, dict):
            frame: list[Any] = [3, message[1], reply]
        else:
            frame = [message[1] if item == "{id}" else item for item in reply]
        await self.ws.send(json.dumps(frame))

    async def request(self, action: str, payload: dict[str, Any]) -> list[Any]:
        """Send a CALL and return the reply frame."""
        unique_id = f"c{next(self._ids)}"
        future: asyncio.Future[list[Any]] = asyncio.get_running_loop().create_future()
        self._waiting[unique_id] = future
        await self.ws.send(json.dumps([2, unique_id, action, payload]))
        return await asyncio.wait_for(future, WAIT)

    async def close(self) -> None:
        await self.ws.close()
        await asyncio.wait_for(self._task, WAIT)
