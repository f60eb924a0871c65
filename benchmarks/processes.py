"""The runner's side of its child processes: a server under test and the load generator."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import psutil

REPO_ROOT = Path(__file__).resolve().parent.parent
READY_MARK = "listening on ws://"


def child_env() -> dict[str, str]:
    """Environment for children: unbuffered output, and this repository importable."""
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def _tail(path: Path, lines: int = 15) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class ServerStartError(RuntimeError):
    """The server under test did not come up; the message says why."""


@dataclass
class ServerSpec:
    """A server under test: its name and its command line less the common flags."""

    name: str
    argv: list[str]
    takes_db: bool  # whether to pass --db and --admission open


class ServerProcess:
    """One server under test as a subprocess, its output in files under ``workdir``."""

    def __init__(self, spec: ServerSpec, workdir: Path, port: int) -> None:
        self.spec = spec
        self.workdir = workdir
        self.port = port
        self.metrics_file = workdir / "metrics.json"
        self.stdout_file = workdir / "server.out"
        self.stderr_file = workdir / "server.err"
        self.proc: subprocess.Popen[bytes] | None = None
        self._ps: psutil.Process | None = None

    @property
    def argv(self) -> list[str]:
        """The full command line."""
        argv = [*self.spec.argv, "--host", "127.0.0.1", "--port", str(self.port)]
        if self.spec.takes_db:
            argv += ["--db", f"sqlite:///{self.workdir / 'bench.db'}", "--admission", "open"]
        return [*argv, "--metrics-file", str(self.metrics_file)]

    @property
    def url_base(self) -> str:
        """Chargers connect to this plus their id."""
        return f"ws://127.0.0.1:{self.port}/ocpp/"

    def start(self, timeout: float = 60.0) -> None:
        """Start and wait for the ready line; raise ServerStartError with the output tail."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.stdout_file.open("wb") as out, self.stderr_file.open("wb") as err:
            self.proc = subprocess.Popen(
                self.argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=child_env()
            )
        self._ps = psutil.Process(self.proc.pid)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if READY_MARK in self.stdout_file.read_text(errors="replace"):
                return
            if self.proc.poll() is not None:
                raise ServerStartError(
                    f"exited with code {self.proc.returncode} before '{READY_MARK}':\n"
                    f"{_tail(self.stdout_file)}\n{_tail(self.stderr_file)}".rstrip()
                )
            time.sleep(0.05)
        self.stop()
        raise ServerStartError(f"no '{READY_MARK}' line within {timeout:.0f} s")

    def _terminate(self, timeout: float, resend_every: float = 10.0) -> int:
        """SIGTERM until the server exits or ``timeout`` passes; how many were sent.

        A busy asyncio server can lose a signal (its wake-up pipe full), so one that is
        still running after ``resend_every`` seconds gets another.
        """
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        sent = 0
        while time.monotonic() < deadline:
            self.proc.send_signal(signal.SIGTERM)
            sent += 1
            try:
                self.proc.wait(min(resend_every, max(0.1, deadline - time.monotonic())))
                break
            except subprocess.TimeoutExpired:
                continue
        return sent

    def rss(self) -> int:
        """Resident memory in bytes of the server and any children it started."""
        assert self._ps is not None
        total = self._ps.memory_info().rss
        for child in self._ps.children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                total += child.memory_info().rss
        return total

    def cpu_seconds(self) -> float:
        """User plus system CPU time the server used so far."""
        assert self._ps is not None
        times = self._ps.cpu_times()
        return times.user + times.system

    def stop(self, timeout: float = 30.0) -> dict[str, Any]:
        """SIGTERM, wait, SIGKILL if needed; returns the metrics file's content (or why not)."""
        if self.proc is None:
            return {"error": "not started"}
        note: dict[str, Any] = {}
        started = time.monotonic()
        if self.proc.poll() is None:
            note["sigterms"] = self._terminate(timeout)
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(10)
                note["error"] = f"did not stop within {timeout:.0f} s of SIGTERM; killed"
            elif note["sigterms"] > 1:
                note["error"] = (
                    f"still running 10 s after SIGTERM; stopped after {note['sigterms']}"
                )
        else:
            note["error"] = f"had exited with code {self.proc.returncode} before SIGTERM"
        note["exit_code"] = self.proc.returncode
        note["stop_s"] = round(time.monotonic() - started, 2)
        if self.metrics_file.exists():
            try:
                return {**json.loads(self.metrics_file.read_text()), **note}
            except ValueError as exc:
                note["metrics_error"] = f"unreadable metrics file: {exc}"
        else:
            note["metrics_error"] = "no metrics file written"
        return note


class LoadgenError(RuntimeError):
    """The load generator failed or went silent."""


class LoadgenProcess:
    """The load generator subprocess, spoken to with JSON lines."""

    def __init__(self, args: list[str], stderr_path: Path) -> None:
        self.stderr_path = stderr_path
        self._stderr: IO[bytes] = stderr_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.loadgen", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=child_env(),
            text=True,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def expect(self, event: str, timeout: float) -> dict[str, Any]:
        """Wait for the next ``event`` line; raise LoadgenError on error, exit or timeout."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self._lines.get(timeout=max(0.0, remaining))
            except queue.Empty:
                raise LoadgenError(
                    f"no '{event}' from the load generator in {timeout:.0f} s"
                ) from None
            if line is None:
                raise LoadgenError(f"load generator exited before '{event}':\n{self.tail()}")
            try:
                message: dict[str, Any] = json.loads(line)
            except ValueError:
                continue
            if message.get("event") == "error":
                raise LoadgenError(f"load generator: {message.get('error')}\n{self.tail()}")
            if message.get("event") == event:
                return message

    def go(self) -> None:
        """Let the load generator go on to its next phase."""
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def tail(self) -> str:
        """The end of its stderr."""
        return _tail(self.stderr_path)

    def close(self) -> None:
        """Make sure it is gone."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self._stderr.close()
