"""The server's listening sockets: ws:// and wss:// on ports of their own.

Both run the same websocket server code (admission, connections); they differ only in
the connection class: on ws:// it notices a TLS hello sent by mistake, on wss:// it does
its own TLS handshake first (protocol/tls.py).
"""

from __future__ import annotations

import contextlib
import ssl
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection

from console.protocol.connection import CLOSE_GOING_AWAY
from console.protocol.sniffing import TlsCallback, sniffing_connection
from console.protocol.tls import (
    HANDSHAKE_TIMEOUT,
    MAX_HANDSHAKES,
    FailureCallback,
    HandshakeGate,
    tls_connection,
)

#: Starts one websocket listener on a port with a connection class.
Listen = Callable[[int, type[ServerConnection]], Awaitable[Server]]


class Listeners:
    """ws:// on ``port`` unless ``plain`` is False; wss:// on ``tls_port`` when a
    ``tls_context`` is given (0: any free port)."""

    def __init__(
        self,
        port: int,
        *,
        plain: bool = True,
        tls_port: int | None = None,
        tls_context: ssl.SSLContext | None = None,
        max_handshakes: int = MAX_HANDSHAKES,
        handshake_timeout: float = HANDSHAKE_TIMEOUT,
    ) -> None:
        self._port = port
        self._plain = plain
        self._tls_port = tls_port if tls_context is not None else None
        self._tls_context = tls_context
        self._handshake_timeout = handshake_timeout
        self.gate = HandshakeGate(max_handshakes)
        self._plain_server: Server | None = None
        self._tls_server: Server | None = None
        # Every connection made, so a stop can drop the ones that never sent a request.
        self._connections: weakref.WeakSet[ServerConnection] = weakref.WeakSet()

    async def start(
        self, listen: Listen, on_hello: TlsCallback, on_failure: FailureCallback
    ) -> None:
        """Listen; ``on_hello`` hears of TLS sent to ws://, ``on_failure`` of failed
        handshakes on wss://."""
        try:
            if self._plain:
                plain_class = self._tracked(sniffing_connection(on_hello))
                self._plain_server = await listen(self._port, plain_class)
            if self._tls_context is not None and self._tls_port is not None:
                connection_class = tls_connection(
                    self._tls_context,
                    self.gate,
                    on_failure,
                    handshake_timeout=self._handshake_timeout,
                )
                self._tls_server = await listen(self._tls_port, self._tracked(connection_class))
        except BaseException:
            await self.close()
            raise

    def _tracked(self, base: type[ServerConnection]) -> type[ServerConnection]:
        return _tracking(self._connections, base)

    @property
    def plain_port(self) -> int | None:
        """The ws:// port (the real one once listening), None when ws:// is off."""
        return _port_of(self._plain_server, self._port) if self._plain else None

    @property
    def tls_port(self) -> int | None:
        """The wss:// port (the real one once listening), None when there is no wss://."""
        if self._tls_port is None:
            return None
        return _port_of(self._tls_server, self._tls_port)

    async def close(self) -> None:
        """Stop listening, close every connection with 1001, drop handshakes under way."""
        servers = [s for s in (self._plain_server, self._tls_server) if s is not None]
        self._plain_server = self._tls_server = None
        for server in servers:
            server.close(code=CLOSE_GOING_AWAY, reason="central system stopping")
        await self.gate.close()
        # A socket that connected but never sent its HTTP request would hold the stop
        # for the whole opening timeout (10 s): nobody is waiting for its answer.
        for connection in list(self._connections):
            transport = getattr(connection, "transport", None)
            if connection.request is None and transport is not None:
                with contextlib.suppress(Exception):
                    transport.abort()
        for server in servers:
            await server.wait_closed()


def _tracking(
    connections: weakref.WeakSet[ServerConnection], base: type[ServerConnection]
) -> type[ServerConnection]:
    """``base`` with every instance added to ``connections``."""

    class Tracked(base):  # type: ignore[valid-type, misc]  # a class made at run time
        """A connection the listeners can find again at a stop."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            connections.add(self)

    return Tracked


def _port_of(server: Server | None, requested: int) -> int:
    """The port a listener got (the requested one until it listens)."""
    if server is None:
        return requested
    port: int = server.sockets[0].getsockname()[1]
    return port
