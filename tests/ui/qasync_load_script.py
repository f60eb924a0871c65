"""Run as a separate process by test_qasync_survival: websocket load under qasync.

PySide6 6.12.0 with qasync 0.28.0 aborted within seconds of this kind of load ("Fatal
Python error: none_dealloc"), so it runs in its own process where an abort shows up as
an exit code instead of killing the test run. Exit code 0 means it survived.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
import websockets
from PySide6.QtWidgets import QApplication, QLabel

CLIENTS = 50


async def _echo(connection: websockets.asyncio.server.ServerConnection) -> None:
    async for message in connection:
        await connection.send(message)


async def _client(port: int, until: float, counter: list[int]) -> None:
    async with websockets.connect(f"ws://127.0.0.1:{port}/", compression=None) as ws:
        while time.monotonic() < until:
            await ws.send('[2,"1","Heartbeat",{}]')
            await ws.recv()
            counter[0] += 1


async def main(seconds: float, label: QLabel) -> int:
    async with websockets.serve(_echo, "127.0.0.1", 0, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        until = time.monotonic() + seconds
        counter = [0]
        clients = [asyncio.create_task(_client(port, until, counter)) for _ in range(CLIENTS)]
        while time.monotonic() < until:  # repaint while the load runs, as the console does
            label.setText(f"{counter[0]} frames")
            label.repaint()
            await asyncio.sleep(0.05)
        await asyncio.gather(*clients)
        return counter[0]


if __name__ == "__main__":
    app = QApplication(sys.argv)
    label = QLabel()
    label.show()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        frames = loop.run_until_complete(main(float(sys.argv[1]), label))
    print(f"survived {frames} frames")
