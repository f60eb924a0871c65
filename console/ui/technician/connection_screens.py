"""The Connections page's screenshot for the documentation (used by console.screenshots).

The demo site's chargers all get in, so the picture first makes a few attempts a
misconfigured charger would: a wrong URL path, an OCPP version we do not speak,
wss:// on our ws:// port and ws:// on our wss:// port. They are plain socket writes,
like a charger's first bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path
from typing import Any

from console.ui.technician.connections import ConnectionsPage

READ_TIMEOUT = 30.0
CHARGER = "P2-DC-01"
# The first bytes of a TLS 1.2 ClientHello record (type 0x16, version 0x0301).
TLS_HELLO = bytes.fromhex("160301002f0100002b0303") + bytes(32) + bytes.fromhex("000002002f0100")


def _request(path: str, subprotocol: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: chargedesk\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        f"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: {subprotocol}\r\n\r\n"
    ).encode()


async def _attempt(port: int, first_bytes: bytes) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(first_bytes)
    await writer.drain()
    with contextlib.suppress(OSError):
        await asyncio.wait_for(reader.read(), 5)
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()


async def _until(condition: Any) -> None:
    deadline = time.monotonic() + READ_TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the connections page was not read in time")
        await asyncio.sleep(0.05)


def connections_screen(loop: asyncio.AbstractEventLoop, window: Any, target: Path) -> list[Path]:
    """technician-connections.png: refusals with their reasons, the URLs, one history."""
    page = window.technician.findChild(ConnectionsPage)
    window.tabs.setCurrentWidget(window.technician)
    window.technician.pages.setCurrentWidget(page)
    port = page.client.engine.port
    for first_bytes in (
        _request("/chargers/P1-AC-01", "ocpp1.6"),
        _request("/ocpp/WB-GARAGE-3", "ocpp2.0.1"),
        TLS_HELLO,
    ):
        loop.run_until_complete(_attempt(port, first_bytes))
    tls_port = page.client.engine.tls_port
    if tls_port:  # ws:// sent to the wss:// port: refused in the TLS handshake
        loop.run_until_complete(_attempt(tls_port, _request("/ocpp/P1-AC-02", "ocpp1.6")))
    page.show_charger(CHARGER)
    loop.run_until_complete(page.reload())
    loop.run_until_complete(page.check_reachability())
    loop.run_until_complete(_until(lambda: page.history_model.rowCount() > 0))
    refused = next(
        (r for r in range(page.attempts_proxy.rowCount()) if _cell(page, r, 2).startswith("WB-")), 0
    )
    page.select_attempt(refused)
    loop.run_until_complete(asyncio.sleep(0.5))  # let the tables paint
    path = target / "technician-connections.png"
    window.grab().save(str(path))
    return [path]


def _cell(page: ConnectionsPage, row: int, column: int) -> str:
    return str(page.attempts_proxy.index(row, column).data() or "")
