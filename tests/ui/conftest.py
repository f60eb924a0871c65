"""GUI fixtures: a real console (engine thread on 127.0.0.1 port 0, SQLite file) under qasync."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from console.core.enums import AdmissionMode
from console.services.engine import EngineConfig
from console.simulator.charger import SimulatedCharger
from console.storage.database import open_database
from console.storage.samples import set_power_ceiling_w
from console.ui.console_app import Console, cancel_pending_tasks, create_application

_ALONE = "CHARGEDESK_TEST_ALONE"  # the node id of a test running in a process of its own

T = TypeVar("T")


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["chargedesk-tests"]


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[None]:
    """Window settings go to a temporary folder, never the developer's own."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """Collect windows left by earlier tests, and this one's, here on the GUI thread.

    A window left to the cyclic garbage collector may be collected in whatever thread
    allocates next (the engine's, a worker's): Qt objects deleted off their thread leave
    timers behind, and Qt crashes on them later.
    """
    gc.collect()
    yield
    gc.collect()


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """The GUI's asyncio loop, as in the console."""
    create_application()
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    yield loop
    cancel_pending_tasks(loop)
    asyncio.set_event_loop(None)
    loop.close()


def run(
    loop: asyncio.AbstractEventLoop, coroutine: Coroutine[Any, Any, T], timeout: float = 30
) -> T:
    """Run a coroutine on the GUI loop, processing Qt events meanwhile."""
    return loop.run_until_complete(asyncio.wait_for(coroutine, timeout))


async def wait_until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    """Wait for a condition while the GUI loop keeps running; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


SIMULATOR_POWER_CEILING_W = 400_000.0 * 100  # the real ceiling at up to 100x speed


@contextlib.contextmanager
def running_console(folder: Path, admission: AdmissionMode) -> Iterator[Console]:
    """A console on an ephemeral port and a SQLite file in ``folder``, stopped afterwards."""
    config = EngineConfig(
        database_url=f"sqlite:///{folder / 'console.db'}",
        host="127.0.0.1",
        port=0,
        admission=admission,
        heartbeat_interval=60,
    )
    # Simulated meters run ``speed`` times faster than their real timestamps: a power
    # ceiling that allows for it, stored before the engine starts.
    database = open_database(config.database_url)
    with database.begin() as connection:
        set_power_ceiling_w(connection, SIMULATOR_POWER_CEILING_W)
    database.dispose()
    instance = Console(config)
    try:
        yield instance
    finally:
        instance.window.close()
        instance.stop()


@pytest.fixture
def console(qloop: qasync.QEventLoop, tmp_path: Path) -> Iterator[Console]:
    """A running console with an open admission on an ephemeral port."""
    with running_console(tmp_path, AdmissionMode.OPEN) as instance:
        yield instance


def simulator(console: Console, charger_id: str, **options: Any) -> SimulatedCharger:
    """A quick simulated charger pointed at the console (short intervals, fast meter)."""
    settings: dict[str, Any] = {
        "boot_retry_floor": 0.05,
        "reconnect_delay": 0.05,
        "retry_interval": 0.2,
        "response_timeout": 5.0,
        "meter_interval": 0.2,
        "speed": 60.0,
        "seed": 3,
        **options,
    }
    url = f"ws://127.0.0.1:{console.client.engine.port}/ocpp/"
    return SimulatedCharger(charger_id, url, **settings)


@pytest.fixture
def alone(request: pytest.FixtureRequest) -> bool:
    """For tests that time the GUI loop: True in a process of the test's own.

    In the suite's process the test is run again in a fresh process, must pass there,
    and the fixture gives False (the test then returns at once). The suite's process
    carries every earlier test's windows, models and garbage; the loop stalls they caused
    (0.6 s in an export, a plot lag p99 over 30 ms) are nothing a console meets, and what
    such a test measured depended on which tests ran before it.
    """
    node = request.node.nodeid
    if os.environ.get(_ALONE) == node:
        return True
    command = [sys.executable, "-m", "pytest", node, "-q", "-s", "-p", "no:cacheprovider"]
    result = subprocess.run(
        command,
        cwd=request.config.rootpath,
        env={**os.environ, _ALONE: node},
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout[-4000:] + result.stderr[-2000:]
    assert result.returncode == 0 and "1 passed" in result.stdout, report
    print("\n".join(line for line in result.stdout.splitlines() if "lag" in line))
    return False
