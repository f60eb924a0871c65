"""The OCPP-J central system: a websocket server chargers connect to.

Usage (on the engine loop)::

    server = CentralSystemServer(messages, admission, message_log, port=9000,
                                 tls_port=9443, tls_context=context)
    await server.start()
    outcome = await server.send("CP-1", Reset(hard=False))
    await server.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import weakref
from collections.abc import Callable, Sequence
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response
from websockets.typing import Subprotocol

from console.core.charger_ids import charger_id_problem
from console.core.commands import ChangeConfiguration, Command
from console.core.enums import RefusalReason
from console.core.model import CommandOutcome
from console.protocol import outcomes
from console.protocol.connection import (
    CLOSE_NORMAL,
    ChargerConnection,
    ConnectionSettings,
)
from console.protocol.dialect import Dialect
from console.protocol.handshake import (
    basic_credentials,
    charger_id_from_path,
    choose_subprotocol,
    format_peer,
    offered_subprotocols,
)
from console.protocol.listeners import Listeners
from console.protocol.ocpp16 import OCPP16
from console.protocol.ports import (
    REFUSED_HTTP_STATUS,
    AdmissionPort,
    ChargerMessagePort,
    MessageLogPort,
)
from console.protocol.tls import HANDSHAKE_TIMEOUT, MAX_HANDSHAKES, TlsFacts

log = logging.getLogger(__name__)

MAX_FRAME_BYTES = 1024 * 1024
REPLACED_REASON = "replaced by a new connection"
REALM = "ChargeDesk"

#: Turns a failed TLS handshake into the reason recorded for the technician.
DescribeTlsFailure = Callable[[BaseException], RefusalReason]


class CentralSystemServer:
    """Accepts chargers, hands their messages to the ports and sends them commands.

    ``dialects`` lists the OCPP versions offered (1.6 only for now); the charger's
    order of preference decides which one a connection speaks. Everything else is
    keyword-only tuning: keepalive pings find half-open sockets, ``call_timeout`` is
    the default wait for a charger's answer, ``max_bad_frames`` broken frames in a row
    close the connection (0: never), and a charger silent for ``idle_intervals``
    heartbeat intervals (``heartbeat_interval`` until it boots) is closed as offline.

    wss:// listens on ``tls_port`` (0: any free port) when a ``tls_context`` is given,
    beside ws:// on ``port`` unless ``plain`` is False; both share the admission and
    the connections. ``describe_tls_failure`` names the reason of a failed TLS handshake
    (the services know the words); at most ``max_tls_handshakes`` run at once.
    """

    def __init__(
        self,
        messages: ChargerMessagePort,
        admission: AdmissionPort,
        message_log: MessageLogPort,
        host: str = "0.0.0.0",
        port: int = 9000,
        *,
        ping_interval: float | None = 60,
        ping_timeout: float | None = 60,
        call_timeout: float = 30,
        max_bad_frames: int = 10,
        compression: bool = False,
        heartbeat_interval: float = 300,
        idle_intervals: float = 3,
        dialects: Sequence[Dialect] = (OCPP16,),
        plain: bool = True,
        tls_port: int | None = None,
        tls_context: ssl.SSLContext | None = None,
        describe_tls_failure: DescribeTlsFailure | None = None,
        max_tls_handshakes: int = MAX_HANDSHAKES,
        tls_handshake_timeout: float = HANDSHAKE_TIMEOUT,
    ) -> None:
        self._messages = messages
        self._admission = admission
        self._message_log = message_log
        self._host = host
        self._requested_port = port
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout
        self._compression = compression
        self._settings = ConnectionSettings(
            call_timeout=call_timeout,
            max_bad_frames=max_bad_frames,
            heartbeat_interval=heartbeat_interval,
            idle_intervals=idle_intervals,
        )
        self._dialects = {dialect.subprotocol: dialect for dialect in dialects}
        self._listeners = Listeners(
            port,
            plain=plain,
            tls_port=tls_port,
            tls_context=tls_context,
            max_handshakes=max_tls_handshakes,
            handshake_timeout=tls_handshake_timeout,
        )
        self.tls_gate = self._listeners.gate  # the TLS handshakes under way
        self._describe_tls_failure = describe_tls_failure
        self._started = False
        self._connections: dict[str, ChargerConnection] = {}
        # The id the admission accepted each handshake as, until its connection runs.
        # Weak: a handshake that fails after process_request never reaches the handler.
        self._admitted: weakref.WeakKeyDictionary[ServerConnection, str] = (
            weakref.WeakKeyDictionary()
        )
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def subprotocols(self) -> list[str]:
        """The subprotocols offered, e.g. ``["ocpp1.6"]``."""
        return list(self._dialects)

    async def start(self) -> None:
        """Listen for chargers: ws:// (unless switched off) and wss:// (when configured)."""
        await self._listeners.start(self._listen, self._on_tls_hello, self._on_tls_failure)
        self._started = True

    async def _listen(self, port: int, connection_class: type[ServerConnection]) -> Server:
        return await serve(
            self._serve_connection,
            self._host,
            port,
            process_request=self._process_request,
            create_connection=connection_class,
            subprotocols=[Subprotocol(name) for name in self._dialects],
            select_subprotocol=self._select_subprotocol,
            # permessage-deflate roughly triples memory per connection and slows frames.
            compression="deflate" if self._compression else None,
            ping_interval=self._ping_interval,
            ping_timeout=self._ping_timeout,
            max_size=MAX_FRAME_BYTES,
        )

    @property
    def port(self) -> int:
        """The ws:// port listened on (the real one when started with port 0); 0 when
        ws:// is switched off (see ``plain_port``)."""
        port = self.plain_port
        return 0 if port is None else port

    @property
    def plain_port(self) -> int | None:
        """The ws:// port (the real one once started), None when ws:// is off."""
        return self._listeners.plain_port

    @property
    def tls_port(self) -> int | None:
        """The wss:// port (the real one once started), None when there is no wss://."""
        return self._listeners.tls_port

    async def stop(self) -> None:
        """Close every connection with 1001 and wait until all are gone."""
        if not self._started:
            return
        self._started = False
        await self._listeners.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def is_connected(self, charger_id: str) -> bool:
        """True while the charger has an open connection."""
        connection = self._connections.get(charger_id)
        return connection is not None and connection.is_open

    def local_host(self, charger_id: str) -> str | None:
        """Our address the charger's open connection came in on, or None."""
        connection = self._connections.get(charger_id)
        return None if connection is None or not connection.is_open else connection.local_host

    def connected_ids(self) -> list[str]:
        """Ids of the chargers with an open connection."""
        return [cid for cid, connection in self._connections.items() if connection.is_open]

    async def send(
        self,
        charger_id: str,
        command: Command,
        timeout: float | None = None,
    ) -> CommandOutcome:
        """Send a command in the charger's OCPP version and wait for its outcome."""
        connection = self._connections.get(charger_id)
        if connection is None or not connection.is_open:
            return outcomes.offline()
        action, payload = connection.dialect.encode(command)
        outcome = await connection.call(action, payload, self._timeout(timeout))
        if (
            isinstance(command, ChangeConfiguration)
            and command.key == "HeartbeatInterval"
            and outcome.accepted
        ):
            # The watchdog must not call a charger offline that now reports less often.
            with contextlib.suppress(ValueError):
                connection.set_heartbeat_interval(float(command.value))
        return outcome

    async def send_raw(
        self,
        charger_id: str,
        action: str,
        payload: dict[str, Any],
        timeout: float | None = None,
    ) -> CommandOutcome:
        """Send a hand-written CALL (for technicians); refused when it breaks the schema."""
        connection = self._connections.get(charger_id)
        if connection is None or not connection.is_open:
            return outcomes.offline()
        problem = connection.dialect.raw_action_problem(action)
        if problem is not None:
            return outcomes.invalid(problem)
        return await connection.call(action, payload, self._timeout(timeout))

    async def disconnect(self, charger_id: str, reason: str = "closed by staff") -> None:
        """Close a charger's connection with 1000; nothing happens when it is offline."""
        connection = self._connections.get(charger_id)
        if connection is not None:
            await connection.close(CLOSE_NORMAL, reason)

    def _timeout(self, timeout: float | None) -> float:
        return self._settings.call_timeout if timeout is None else timeout

    def _select_subprotocol(
        self, ws: ServerConnection, offered: Sequence[Subprotocol]
    ) -> Subprotocol | None:
        chosen = choose_subprotocol(offered, self.subprotocols)
        return None if chosen is None else Subprotocol(chosen)

    async def _process_request(self, ws: ServerConnection, request: Request) -> Response | None:
        """Refuse a handshake before the websocket opens: bad path, no version, no entry.

        The subprotocol is checked before the credentials so that a charger speaking
        another OCPP version is never registered (in approval mode) by the admission. An
        id outside the OCPP rules never reaches the admission either, and is refused like
        an unknown one.
        """
        peer = format_peer(ws.remote_address)
        path = request.path
        offered = tuple(offered_subprotocols(request.headers))
        username, password = basic_credentials(request.headers.get("Authorization"))
        charger_id = charger_id_from_path(path)
        if charger_id is None:
            return await self._refuse(
                ws, None, RefusalReason.BAD_PATH, peer, path, 404, offered, username
            )
        if charger_id_problem(charger_id) is not None:
            reason = RefusalReason.INVALID_ID
            # Shown percent-encoded: a Cyrillic look-alike must not read as the real "CP1".
            shown = quote(charger_id, safe="")
            return await self._refuse(
                ws, shown, reason, peer, path, REFUSED_HTTP_STATUS, offered, username
            )
        if choose_subprotocol(offered, self.subprotocols) is None:
            reason = RefusalReason.NO_SUBPROTOCOL
            return await self._refuse(ws, charger_id, reason, peer, path, 400, offered, username)
        tls: TlsFacts | None = getattr(ws, "tls", None)
        verdict = await self._admission.check_handshake(
            charger_id, username, password, peer=peer, tls=tls
        )
        if verdict.accepted:
            self._admitted[ws] = verdict.charger_id or charger_id
            return None
        reason = verdict.reason or RefusalReason.UNKNOWN_CHARGER
        return await self._refuse(
            ws, charger_id, reason, peer, path, verdict.http_status, offered, username
        )

    async def _on_tls_hello(self, ws: ServerConnection) -> None:
        """A charger sent wss:// to our ws:// port: no HTTP request, so no id or path."""
        peer = format_peer(ws.remote_address)
        log.info("refused a TLS handshake from %s on the ws:// port", peer)
        try:
            await self._admission.record_refusal(None, RefusalReason.TLS_FAILURE, peer, "", 0)
        except Exception:
            log.exception("recording a refused TLS handshake failed")

    async def _on_tls_failure(self, peer: str | None, error: BaseException) -> None:
        """A TLS handshake on the wss:// port failed: recorded by address, with the reason."""
        reason = RefusalReason.TLS_HANDSHAKE
        if self._describe_tls_failure is not None:
            try:
                reason = self._describe_tls_failure(error)
            except Exception:
                log.exception("describing a failed TLS handshake failed")
        log.info("refused a TLS handshake from %s: %s (%s)", peer, reason.value, error)
        await self._admission.record_refusal(None, reason, peer, "", 0)

    async def _refuse(
        self,
        ws: ServerConnection,
        charger_id: str | None,
        reason: RefusalReason,
        peer: str | None,
        path: str,
        status: int,
        offered: tuple[str, ...] = (),
        username: str | None = None,
    ) -> Response:
        log.info("refused %.300s from %s (%s): %s", path, peer, status, reason.value)
        try:
            await self._admission.record_refusal(
                charger_id, reason, peer, path, status, subprotocols=offered, username=username
            )
        except Exception:
            log.exception("recording a refused handshake failed")
        # The body stays generic: telling a stranger "unknown id" or "wrong password"
        # would help guess ids. The technician sees the reason in the refusal log.
        response = ws.respond(status, f"{HTTPStatus(status).phrase}\n")
        if status == HTTPStatus.UNAUTHORIZED:
            response.headers["WWW-Authenticate"] = f'Basic realm="{REALM}"'
        return response

    async def _serve_connection(self, ws: ServerConnection) -> None:
        """Run one charger's connection; only the current one reports going offline."""
        charger_id = self._admitted.pop(ws, None)
        dialect = self._dialects.get(ws.subprotocol or "")
        if charger_id is None or dialect is None:  # process_request refused these already
            await ws.close(CLOSE_NORMAL, "no charger id or subprotocol")
            return
        connection = ChargerConnection(
            ws,
            charger_id,
            dialect,
            self._messages,
            self._admission,
            self._message_log,
            self._settings,
        )
        previous = self._connections.get(charger_id)
        self._connections[charger_id] = connection
        if previous is not None:
            # In the background: a half-open old socket may take close_timeout to go.
            log.info("%s: new connection from %s replaces the old one", charger_id, connection.peer)
            self._spawn(previous.close(CLOSE_NORMAL, REPLACED_REASON))
        try:
            try:
                await self._admission.charger_connected(charger_id, connection.peer)
            except Exception:
                log.exception("%s: charger_connected failed", charger_id)
            await connection.run()
        finally:
            if self._connections.get(charger_id) is connection:
                del self._connections[charger_id]
                code, reason = connection.close_info()
                try:
                    await self._admission.charger_disconnected(charger_id, code, reason)
                except Exception:
                    log.exception("%s: charger_disconnected failed", charger_id)

    def _spawn(self, coroutine: Any) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
