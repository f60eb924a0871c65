"""Database growth under hostile load: how fast can an outsider fill ChargeDesk's disk?

Starts ``chargedesk serve`` on 127.0.0.1 (a fresh SQLite database in a temporary folder,
the default ``approve`` admission mode), then runs two patterns one after the other:

1. ``datatransfer``: a charger nobody approved (answered Pending) sends DataTransfer
   frames of just under 1 MiB in a loop for ``--seconds`` (one call at a time, as OCPP
   allows), whatever the answer;
2. ``refusals``: ``--handshakes`` (default 1,000) websocket handshakes with 8,000-character
   charger ids, ``--concurrency`` at a time, bounded by ``--seconds`` as well.

For each it prints the growth of the database (the file plus its -wal) in MB and MB/s.
Everything stays on 127.0.0.1 and is bounded in count and time. It uses nothing but
``serve --host --port --db``, so it runs against older versions too:

    python benchmarks/hostile.py [--seconds 20]
    python benchmarks/hostile.py --chargedesk-cmd "env PYTHONPATH=/tmp/old python -m console.cli"

The server runs in the temporary folder, so a custom command imports the code its own
environment names (the second line: a copy of an older version in /tmp/old).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shlex
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

REPO_ROOT = Path(__file__).resolve().parent.parent
FRAME_BYTES = 1024 * 1024 - 256  # a DataTransfer frame just under the 1 MiB frame limit
ID_CHARS = 8000
MB = 1000 * 1000
REPLY_TIMEOUT = 15.0
MAX_RECONNECTS = 100


@dataclass
class Pattern:
    """What one pattern did and how much the database grew meanwhile."""

    name: str
    seconds: float = 0.0
    sent: int = 0
    answered: int = 0  # CALLRESULT (or, for handshakes, refused with an HTTP status)
    errors: int = 0  # CALLERROR (or handshakes that were accepted)
    failures: int = 0  # timeouts, closed connections, other errors
    reconnects: int = 0
    growth_bytes: int = 0
    growth_after_settle_bytes: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def mb_per_second(self) -> float:
        """Database growth in MB per second of load (after the settle time)."""
        return self.growth_after_settle_bytes / MB / self.seconds if self.seconds else 0.0


def database_bytes(database: Path) -> int:
    """Size of the database file and its write-ahead log."""
    total = 0
    for path in (database, database.with_name(database.name + "-wal")):
        with contextlib.suppress(FileNotFoundError):
            total += path.stat().st_size
    return total


def free_port() -> int:
    """A port nobody listens on just now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    command: list[str], database: Path, port: int, log: Path, this_repository: bool
) -> subprocess.Popen[bytes]:
    """Start the server and wait until it accepts TCP connections (at most 60 s).

    It runs in the database's folder, so ``python -m console.cli`` imports whatever the
    command's environment says (PYTHONPATH, an installed package), never this checkout
    by accident; only the default command is pointed at this repository.
    """
    env = dict(os.environ)
    if this_repository:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    argv = [*command, "serve", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--db", f"sqlite:///{database}"]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=database.parent
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited ({proc.returncode}):\n{log.read_text()[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return proc
        time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("the server did not listen within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Ask the server to stop (Ctrl-C), then insist."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


async def _open(url: str) -> ClientConnection:
    return await connect(
        url,
        subprotocols=["ocpp1.6"],  # type: ignore[list-item]
        open_timeout=REPLY_TIMEOUT,
        max_size=None,
        compression=None,
    )


async def _call(ws: ClientConnection, unique_id: str, action: str, payload: Any) -> list[Any]:
    await ws.send(json.dumps([2, unique_id, action, payload]))
    while True:
        reply = json.loads(await asyncio.wait_for(ws.recv(), REPLY_TIMEOUT))
        if reply[0] == 2:  # a call from the server: say no and wait on for our answer
            await ws.send(json.dumps([4, reply[1], "NotImplemented", "", {}]))
            continue
        if reply[1] == unique_id:
            return reply  # type: ignore[no-any-return]


async def data_transfer_flood(url: str, seconds: float) -> Pattern:
    """Pattern 1: a pending charger sends ~1 MiB DataTransfer frames for ``seconds``."""
    pattern = Pattern("datatransfer")
    data = "D" * (FRAME_BYTES - 80)
    boot = {"chargePointVendor": "Hostile", "chargePointModel": "Flood"}
    started = time.monotonic()
    ws: ClientConnection | None = None
    try:
        while time.monotonic() - started < seconds and pattern.reconnects <= MAX_RECONNECTS:
            try:
                if ws is None:
                    ws = await _open(url)
                    await _call(ws, "boot", "BootNotification", boot)
                pattern.sent += 1
                reply = await _call(
                    ws, f"dt{pattern.sent}", "DataTransfer", {"vendorId": "x", "data": data}
                )
                if reply[0] == 3:
                    pattern.answered += 1
                else:
                    pattern.errors += 1
                    pattern.statuses[str(reply[2])] = pattern.statuses.get(str(reply[2]), 0) + 1
            except (ConnectionClosed, InvalidHandshake, OSError, TimeoutError):
                pattern.failures += 1
                pattern.reconnects += 1
                if ws is not None:
                    with contextlib.suppress(Exception):
                        await ws.close()
                ws = None
    finally:
        if ws is not None:
            with contextlib.suppress(Exception):
                await ws.close()
    pattern.seconds = time.monotonic() - started
    return pattern


async def refused_handshakes(base: str, count: int, concurrency: int, seconds: float) -> Pattern:
    """Pattern 2: ``count`` handshakes with 8,000-character ids, ``concurrency`` at a time."""
    pattern = Pattern("refusals")
    rng = random.Random(10)
    alphabet = string.ascii_uppercase + string.digits
    started = time.monotonic()
    next_index = iter(range(count))

    async def worker() -> None:
        for _ in next_index:
            if time.monotonic() - started > seconds:
                return
            charger_id = "".join(rng.choices(alphabet, k=ID_CHARS))
            pattern.sent += 1
            try:
                ws = await _open(base + charger_id)
            except InvalidStatus as refusal:
                pattern.answered += 1
                status = str(refusal.response.status_code)
                pattern.statuses[status] = pattern.statuses.get(status, 0) + 1
            except (InvalidHandshake, OSError, TimeoutError) as error:
                pattern.failures += 1
                name = type(error).__name__
                pattern.statuses[name] = pattern.statuses.get(name, 0) + 1
            else:
                pattern.errors += 1  # let in: counted, and closed at once
                await ws.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    pattern.seconds = time.monotonic() - started
    return pattern


async def measured(database: Path, settle: float, run: Any) -> Pattern:
    """Run a pattern and record the database growth right after it and after ``settle`` s."""
    before = database_bytes(database)
    pattern: Pattern = await run
    pattern.growth_bytes = database_bytes(database) - before
    await asyncio.sleep(settle)  # the server may still be committing what it received
    pattern.growth_after_settle_bytes = database_bytes(database) - before
    return pattern


async def run(args: argparse.Namespace, port: int, database: Path) -> list[Pattern]:
    """Both patterns, one after the other."""
    base = f"ws://127.0.0.1:{port}/ocpp/"
    flood = await measured(
        database, args.settle, data_transfer_flood(base + "HOSTILE-1", args.seconds)
    )
    refusals = await measured(
        database,
        args.settle,
        refused_handshakes(base, args.handshakes, args.concurrency, args.seconds),
    )
    return [flood, refusals]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per pattern and a JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="per pattern (default 20)")
    parser.add_argument("--handshakes", type=int, default=1000, help="pattern 2 (default 1000)")
    parser.add_argument("--concurrency", type=int, default=10, help="pattern 2 (default 10)")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds after each pattern")
    default_command = f"{shlex.quote(sys.executable)} -m console.cli"
    parser.add_argument(
        "--chargedesk-cmd",
        default=default_command,
        help="how to run chargedesk, e.g. 'env PYTHONPATH=/tmp/old python -m console.cli' "
        "(default: this Python on this checkout)",
    )
    parser.add_argument("--keep", type=Path, help="keep the database and server log here")
    args = parser.parse_args(argv)
    args.seconds = min(max(args.seconds, 1.0), 600.0)
    args.handshakes = min(max(args.handshakes, 1), 100_000)
    args.concurrency = min(max(args.concurrency, 1), 100)
    with tempfile.TemporaryDirectory(prefix="chargedesk-hostile-") as folder:
        workdir = args.keep or Path(folder)
        workdir.mkdir(parents=True, exist_ok=True)
        database = workdir / "hostile.db"
        port = free_port()
        proc = start_server(
            shlex.split(args.chargedesk_cmd),
            database,
            port,
            workdir / "server.log",
            this_repository=args.chargedesk_cmd == default_command,
        )
        try:
            initial = database_bytes(database)
            patterns = asyncio.run(run(args, port, database))
        finally:
            stop_server(proc)
        final = database_bytes(database)
    print(f"server: {args.chargedesk_cmd} serve (approve mode)")
    print(f"database at start {initial / MB:.1f} MB")
    for p in patterns:
        ok, bad = ("answered", "CALLERROR") if p.name == "datatransfer" else ("refused", "let in")
        print(
            f"{p.name:13} {p.seconds:6.1f} s  sent {p.sent:6d}  {ok} {p.answered:6d}  "
            f"{bad} {p.errors:6d}  failures {p.failures:4d}  "
            f"growth {p.growth_after_settle_bytes / MB:8.1f} MB = {p.mb_per_second:7.2f} MB/s"
            f"  {p.statuses}"
        )
    print(f"database after stop: {final / MB:.1f} MB")
    summary = {
        "command": args.chargedesk_cmd,
        "seconds": args.seconds,
        "database_mb_at_start": initial / MB,
        "database_mb_after_stop": final / MB,
        "patterns": [{**asdict(p), "mb_per_second": p.mb_per_second} for p in patterns],
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
