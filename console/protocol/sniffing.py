"""Noticing a TLS ClientHello sent to the plain ws:// port.

A charger configured with ``wss://`` opens its connection with a TLS record (content
type 0x16, version 0x03 0x0n). websockets reads it as an invalid HTTP request, closes
the socket and never calls ``process_request``, so the refusal would leave no trace.
This connection class looks at the first bytes it receives and, when the handshake
ended without a request, reports a TLS attempt to the server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from websockets.asyncio.server import ServerConnection

TLS_RECORD_START = b"\x16\x03"  # handshake record, SSL 3.0 / TLS 1.x framing

TlsCallback = Callable[[ServerConnection], Awaitable[None]]


def looks_like_tls(first_bytes: bytes) -> bool:
    """True when the bytes open a TLS handshake record rather than an HTTP request."""
    return first_bytes.startswith(TLS_RECORD_START)


def sniffing_connection(on_tls: TlsCallback) -> type[ServerConnection]:
    """A ServerConnection class that calls ``on_tls`` for a TLS handshake it refused."""

    class SniffingConnection(ServerConnection):
        """Remembers whether the connection opened with a TLS record."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.opened_with_tls = False
            self._sniffed = False

        def data_received(self, data: bytes) -> None:
            if not self._sniffed and data:
                self._sniffed = True
                self.opened_with_tls = looks_like_tls(data)
            super().data_received(data)

        async def handshake(self, *args: Any, **kwargs: Any) -> None:
            await super().handshake(*args, **kwargs)
            if self.request is None and self.opened_with_tls:
                await on_tls(self)

    return SniffingConnection
