"""The console's engine as a child process: started, watched and stopped with the window.

With the engine in its own process the GUI thread no longer competes with the chargers
for the interpreter. The child (``console.engine_child``) is given the engine's
configuration on its standard input and says when it listens; the console then attaches
to it through its API over HTTPS on this PC. Closing the child's standard input stops it,
so it also stops when the console is killed.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import TypeAdapter

from console.services.engine import EngineConfig

log = logging.getLogger(__name__)

START_TIMEOUT = 120.0  # a first start creates the site CA and migrates the database
STOP_TIMEOUT = 30.0


class EngineProcessError(RuntimeError):
    """The engine process could not start; the message says why."""


@dataclass(frozen=True, slots=True)
class ChildReady:
    """What the child said when it was ready."""

    api_url: str
    port: int
    tls_port: int | None
    demo_accounts: list[tuple[str, str, list[str]]]


class EngineProcess:
    """One engine child process."""

    def __init__(
        self,
        config: EngineConfig,
        api: dict[str, Any],
        log_path: Path,
        demo: bool = False,
        on_exit: Callable[[int], None] | None = None,
    ) -> None:
        self.config = config
        self.api = api
        self.log_path = log_path
        self.demo = demo
        self.on_exit = on_exit
        self.proc: subprocess.Popen[str] | None = None
        self._stopping = False
        self._log: IO[str] | None = None

    def start(self) -> ChildReady:
        """Start the child and wait until it listens."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("a", encoding="utf-8")
        settings = {
            "engine": TypeAdapter(EngineConfig).dump_python(self.config, mode="json"),
            "api": self.api,
            "demo": self.demo,
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "console.engine_child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(settings) + "\n")
        self.proc.stdin.flush()
        ready = self._wait_ready()
        threading.Thread(target=self._watch, name="engine-watch", daemon=True).start()
        return ready

    def _wait_ready(self) -> ChildReady:
        assert self.proc is not None and self.proc.stdout is not None
        result: dict[str, Any] = {}

        def read() -> None:
            assert self.proc is not None and self.proc.stdout is not None
            for line in self.proc.stdout:
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if message.get("event") in ("ready", "failed"):
                    result.update(message)
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(START_TIMEOUT)
        if result.get("event") == "ready" and result.get("api_url"):
            return ChildReady(
                api_url=result["api_url"],
                port=result["port"],
                tls_port=result.get("tls_port"),
                demo_accounts=[tuple(a) for a in result.get("demo_accounts", [])],
            )
        self.stop()
        if result.get("event") == "failed":
            raise EngineProcessError(str(result.get("error")))
        if result.get("event") == "ready":
            raise EngineProcessError("the engine has no API to attach to (is wss:// off?)")
        raise EngineProcessError(
            f"the engine did not start in {START_TIMEOUT:.0f} s; see {self.log_path}"
        )

    def _watch(self) -> None:
        assert self.proc is not None
        code = self.proc.wait()
        if not self._stopping:
            log.error("the engine process ended unexpectedly (exit code %s)", code)
            if self.on_exit is not None:
                self.on_exit(code)

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Close the child's standard input (it stops cleanly), wait, then make sure."""
        self._stopping = True
        proc = self.proc
        if proc is not None and proc.poll() is None:
            if proc.stdin is not None:
                proc.stdin.close()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
        if self._log is not None:
            self._log.close()
            self._log = None

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        return self.proc.pid if self.proc is not None else None
