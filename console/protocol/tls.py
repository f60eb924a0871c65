"""The wss:// listener's TLS handshake, done by hand so that every failure is seen.

asyncio hides a failed server-side TLS handshake: ``ssl.SSLError`` is an ``OSError``,
logged only in debug mode, and the websocket server never hears of the connection. A
charger that "won't connect" over wss:// would leave no trace. So the listener accepts
plain TCP and each connection upgrades itself with ``loop.start_tls``: on success the
websocket connection starts on the TLS transport with the TLS facts (client certificate,
version) attached; on failure the server is told who failed and why, and the socket is
aborted.

Half-open connections cost a task each while they handshake, so a ``HandshakeGate``
bounds how many may be in progress: when it is full, the oldest handshake (most likely an
idle socket, a real charger finishes in milliseconds) is dropped to make room, so a flood
of idle sockets cannot starve a real charger.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import ssl
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, cast

from websockets.asyncio.server import ServerConnection

from console.protocol.handshake import format_peer

log = logging.getLogger(__name__)

HANDSHAKE_TIMEOUT = 10.0  # seconds a TLS handshake may take before it is refused
MAX_HANDSHAKES = 64  # TLS handshakes in progress at once
SHUTDOWN_TIMEOUT = 5.0  # seconds a closing TLS connection waits for the charger's close
DROP_REPORT_EVERY = 10.0  # seconds between refusal records of dropped handshakes


@dataclass(frozen=True, slots=True)
class TlsFacts:
    """What a finished TLS handshake tells about the charger.

    ``common_name`` and ``fingerprint`` (SHA-256 of the DER, lower-case hexadecimal) are
    None when the charger sent no client certificate; ``version`` is e.g. "TLSv1.3".
    """

    version: str | None = None
    common_name: str | None = None
    fingerprint: str | None = None

    @property
    def has_certificate(self) -> bool:
        """True when the charger presented a client certificate (one the CA vouches for)."""
        return self.fingerprint is not None


class TooManyHandshakes(ConnectionAbortedError):
    """A TLS handshake was dropped to make room for newer ones (a flood of idle sockets)."""


def tls_facts_of(ssl_object: Any) -> TlsFacts:
    """The facts of a finished handshake from its ``ssl.SSLObject``."""
    if ssl_object is None:
        return TlsFacts()
    version = ssl_object.version()
    der = ssl_object.getpeercert(binary_form=True)
    if not der:
        return TlsFacts(version)
    common_name = None
    # getpeercert() gives the parsed subject only for a verified certificate: with
    # CERT_OPTIONAL every certificate that reached this point was verified.
    subject = (ssl_object.getpeercert() or {}).get("subject", ())
    for rdn in subject:
        for name, value in rdn:
            if name == "commonName":
                common_name = value
    return TlsFacts(version, common_name, hashlib.sha256(der).hexdigest())


FailureCallback = Callable[[str | None, BaseException], Awaitable[None]]
DropCallback = Callable[[], Coroutine[Any, Any, None]]


class HandshakeGate:
    """Bounds the TLS handshakes in progress; the oldest is dropped when it is full.

    Each handshake comes with the function that aborts its socket: a task cancelled
    before it ever ran cannot close its socket itself.
    """

    def __init__(self, limit: int = MAX_HANDSHAKES) -> None:
        self.limit = max(1, limit)
        self._running: OrderedDict[asyncio.Task[None], Callable[[], None]] = OrderedDict()
        self.dropped = 0  # handshakes dropped to make room, since start
        self._reported_at: float | None = None
        self._reports: set[asyncio.Task[None]] = set()

    def __len__(self) -> int:
        return len(self._running)

    def admit(
        self, task: asyncio.Task[None], abort: Callable[[], None], on_drop: DropCallback
    ) -> None:
        """Count a new handshake's task, dropping the oldest one when full; a drop is
        reported through ``on_drop`` at most once per DROP_REPORT_EVERY seconds."""
        while len(self._running) >= self.limit:
            oldest, abort_oldest = self._running.popitem(last=False)
            self.dropped += 1
            abort_oldest()
            oldest.cancel()
            if self.drop_report_due():
                report = asyncio.get_running_loop().create_task(on_drop())
                self._reports.add(report)
                report.add_done_callback(self._reports.discard)
        self._running[task] = abort
        task.add_done_callback(self._finished)

    def drop_report_due(self, every: float = DROP_REPORT_EVERY) -> bool:
        """True at most once per ``every`` seconds: a flood is one refusal record, not
        one database write per dropped socket."""
        now = asyncio.get_running_loop().time()
        if self._reported_at is not None and now - self._reported_at < every:
            return False
        self._reported_at = now
        return True

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._running.pop(task, None)

    async def close(self) -> None:
        """Cancel every handshake in progress (the server is stopping)."""
        running, self._running = self._running, OrderedDict()
        for task, abort in running.items():
            abort()
            task.cancel()
        await asyncio.gather(*running, *self._reports, return_exceptions=True)


def tls_connection(
    context: ssl.SSLContext,
    gate: HandshakeGate,
    on_failure: FailureCallback,
    *,
    handshake_timeout: float = HANDSHAKE_TIMEOUT,
) -> type[ServerConnection]:
    """A ServerConnection class that does its own TLS handshake before the websocket one.

    ``on_failure(peer, error)`` hears of every failed handshake except a socket closed
    before it sent anything (a port check, a load balancer's probe).
    """

    class TlsServerConnection(ServerConnection):
        """Upgrades its TCP transport to TLS, then runs as a normal websocket connection."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.tls: TlsFacts | None = None
            self._made = False
            self._lost = False
            # Application data may arrive between the TLS handshake and the websocket
            # connection taking over the transport: kept until then.
            self._early: list[bytes] = []
            self._early_eof = False

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            raw = cast(asyncio.Transport, transport)
            raw.pause_reading()
            task = asyncio.get_running_loop().create_task(self._upgrade(raw))
            peer = _peer(raw)

            async def report_drop() -> None:
                await _report(peer, TooManyHandshakes("too many TLS handshakes at once"))

            gate.admit(task, raw.abort, report_drop)

        async def _upgrade(self, raw: asyncio.Transport) -> None:
            peer = _peer(raw)
            loop = asyncio.get_running_loop()
            # start_tls swaps the transport's protocol before it first waits; the watch
            # goes in between (it runs before the TLS protocol's connection_made) to
            # tell a socket that sent nothing from one that broke off a handshake.
            watch = _ByteWatch()
            loop.call_soon(watch.install, raw)
            try:
                secure = await loop.start_tls(
                    raw,
                    self,
                    context,
                    server_side=True,
                    ssl_handshake_timeout=handshake_timeout,
                    ssl_shutdown_timeout=SHUTDOWN_TIMEOUT,
                )
            except asyncio.CancelledError:
                raw.abort()  # dropped for newer handshakes, or the server stops
                raise
            except Exception as error:
                raw.abort()
                if watch.received == 0 and isinstance(
                    error, ConnectionResetError | BrokenPipeError
                ):
                    log.debug("%s closed before a TLS handshake: %r", peer, error)
                    return
                await _report(peer, error)
                return
            watch.remove(raw)
            if secure is None or self._lost:
                raw.abort()
                return
            self.tls = tls_facts_of(secure.get_extra_info("ssl_object"))
            self._made = True
            ServerConnection.connection_made(self, secure)
            for data in self._early:
                ServerConnection.data_received(self, data)
            self._early.clear()
            if self._early_eof:
                ServerConnection.eof_received(self)

        def data_received(self, data: bytes) -> None:
            if not self._made:
                self._early.append(data)
                return
            super().data_received(data)

        def eof_received(self) -> None:
            if not self._made:
                self._early_eof = True
                return
            super().eof_received()

        def connection_lost(self, exc: Exception | None) -> None:
            if not self._made:
                self._lost = True
                return
            super().connection_lost(exc)

    async def _report(peer: str | None, error: BaseException) -> None:
        try:
            await on_failure(peer, error)
        except Exception:
            log.exception("recording a failed TLS handshake failed")

    return TlsServerConnection


def _peer(transport: asyncio.BaseTransport) -> str | None:
    return format_peer(transport.get_extra_info("peername"))


class _ByteWatch(asyncio.BufferedProtocol):
    """Sits between a transport and its TLS protocol during the handshake, counting bytes."""

    def __init__(self) -> None:
        self.inner: Any = None
        self.received = 0

    def install(self, transport: asyncio.Transport) -> None:
        """Put the watch in front of the transport's present (TLS) protocol."""
        if transport.is_closing():
            return
        self.inner = transport.get_protocol()
        transport.set_protocol(self)

    def remove(self, transport: asyncio.Transport) -> None:
        """Give the transport back to the TLS protocol once the handshake is done."""
        if self.inner is not None and transport.get_protocol() is self:
            transport.set_protocol(self.inner)

    def get_buffer(self, sizehint: int) -> Any:
        return self.inner.get_buffer(sizehint)

    def buffer_updated(self, nbytes: int) -> None:
        self.received += nbytes
        self.inner.buffer_updated(nbytes)

    def eof_received(self) -> bool | None:
        result: bool | None = self.inner.eof_received()
        return result

    def connection_lost(self, exc: Exception | None) -> None:
        self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()
