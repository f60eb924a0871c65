"""The reference server: a central system built on the ``ocpp`` library alone.

ocpp.v16.ChargePoint with an ``@on`` handler per message the load sends, no storage and
the library's default schema validation. It takes the same flags as ``chargedesk serve``
(``--db`` and ``--admission`` are accepted and ignored) and keeps the same contract:
a ``listening on ws://`` line on stdout when ready, and on SIGTERM or SIGINT a JSON
metrics file with the loop lag measured since start.

Run alone: ``python -m benchmarks.plain_server --port 9000 --metrics-file m.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import signal
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

from ocpp.routing import on
from ocpp.v16 import ChargePoint, call_result
from ocpp.v16.enums import Action, AuthorizationStatus, RegistrationStatus
from websockets.asyncio.server import Request, Response, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from benchmarks.common import raise_open_file_limit
from console.services.loop_lag import LoopLagMonitor

_transaction_ids = itertools.count(1)
_ACCEPTED = {"status": AuthorizationStatus.accepted}


def _now() -> str:
    return datetime.now(UTC).isoformat()


class PlainChargePoint(ChargePoint):
    """Answers every message the benchmark sends, and keeps nothing."""

    @on(Action.boot_notification)
    def on_boot_notification(self, **_: Any) -> call_result.BootNotification:
        """Accept every charger."""
        return call_result.BootNotification(
            current_time=_now(), interval=300, status=RegistrationStatus.accepted
        )

    @on(Action.heartbeat)
    def on_heartbeat(self, **_: Any) -> call_result.Heartbeat:
        """Tell the time."""
        return call_result.Heartbeat(current_time=_now())

    @on(Action.status_notification)
    def on_status_notification(self, **_: Any) -> call_result.StatusNotification:
        """Acknowledge."""
        return call_result.StatusNotification()

    @on(Action.authorize)
    def on_authorize(self, **_: Any) -> call_result.Authorize:
        """Accept every card."""
        return call_result.Authorize(id_tag_info=_ACCEPTED)

    @on(Action.start_transaction)
    def on_start_transaction(self, **_: Any) -> call_result.StartTransaction:
        """A new transaction id for every start."""
        return call_result.StartTransaction(
            transaction_id=next(_transaction_ids), id_tag_info=_ACCEPTED
        )

    @on(Action.stop_transaction)
    def on_stop_transaction(self, **_: Any) -> call_result.StopTransaction:
        """Acknowledge."""
        return call_result.StopTransaction()

    @on(Action.meter_values)
    def on_meter_values(self, **_: Any) -> call_result.MeterValues:
        """Acknowledge."""
        return call_result.MeterValues()


def charger_id_from_path(path: str) -> str | None:
    """The charger id of ``/ocpp/<id>`` or ``/<id>``; None for any other path."""
    parts = [part for part in path.split("?", 1)[0].split("/") if part]
    if len(parts) == 1 or (len(parts) == 2 and parts[0] == "ocpp"):
        return parts[-1]
    return None


def _check_path(connection: ServerConnection, request: Request) -> Response | None:
    if charger_id_from_path(request.path) is None:
        return connection.respond(HTTPStatus.NOT_FOUND, "use /ocpp/<chargerId>\n")
    return None


async def _handle(ws: ServerConnection) -> None:
    if ws.subprotocol != "ocpp1.6":
        await ws.close(1002, "subprotocol ocpp1.6 required")
        return
    charger_id = charger_id_from_path(ws.request.path if ws.request else "") or "?"
    with contextlib.suppress(ConnectionClosed):
        await PlainChargePoint(charger_id, ws).start()


def write_metrics(path: Path, metrics: dict[str, Any]) -> None:
    """Write the metrics file atomically (the runner may read it as soon as we exit)."""
    scratch = path.with_suffix(path.suffix + ".tmp")
    scratch.write_text(json.dumps(metrics, indent=2))
    os.replace(scratch, path)


async def serve_until_signalled(host: str, port: int, metrics_file: Path | None) -> None:
    """Serve until SIGTERM or SIGINT, then write the metrics and close."""
    monitor = LoopLagMonitor()
    monitor.start()
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    async with serve(
        _handle,
        host,
        port,
        subprotocols=[Subprotocol("ocpp1.6")],
        process_request=_check_path,
        backlog=1024,
    ) as server:
        bound = server.sockets[0].getsockname()[1]
        print(f"listening on ws://{host}:{bound}/ocpp/<chargerId>", flush=True)
        await stopping.wait()
        connections = len(server.connections)
        if metrics_file is not None:
            write_metrics(
                metrics_file,
                {"server": "plain-ocpp", "connections_at_stop": connections, **monitor.summary()},
            )
        server.close(close_connections=True)
    await monitor.stop()


def main(argv: list[str] | None = None) -> None:
    """Parse the flags and serve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--metrics-file", type=Path)
    parser.add_argument("--db", help="ignored (accepted to stand in for chargedesk serve)")
    parser.add_argument("--admission", help="ignored (accepted to stand in for chargedesk serve)")
    args = parser.parse_args(argv)
    raise_open_file_limit(65_536)
    asyncio.run(serve_until_signalled(args.host, args.port, args.metrics_file))


if __name__ == "__main__":
    main()
