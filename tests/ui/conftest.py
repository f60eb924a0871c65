"""GUI fixtures: a real console (engine thread on 127.0.0.1 port 0, SQLite file) under qasync."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from console.core.enums import AdmissionMode
from console.core.staff import Actor, Origin, Role
from console.services.engine import EngineConfig
from console.simulator.charger import SimulatedCharger
from console.storage.database import open_database
from console.storage.samples import set_power_ceiling_w
from console.ui.console_app import Console, cancel_pending_tasks, create_application
from console.ui.tasks import set_gui_loop

T = TypeVar("T")

#: Who is at the desk in the console fixtures: every role, so the existing GUI tests
#: (written before staff accounts) may do everything they did.
DESK_ADMIN = Actor("Test Admin", frozenset(Role), Origin.CONSOLE, None, "tests")


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
    set_gui_loop(loop)
    yield loop
    cancel_pending_tasks(loop)
    set_gui_loop(None)
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
def running_console(
    folder: Path, admission: AdmissionMode, actor: Actor | None = DESK_ADMIN
) -> Iterator[Console]:
    """A console on an ephemeral port and a SQLite file in ``folder``, stopped afterwards.

    ``actor`` is at the desk from the start (every role by default); None asks for a login.
    """
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
    instance = Console(config, actor=actor)
    try:
        yield instance
    finally:
        _stop_simulators()
        instance.window.close()
        instance.stop()
        # The window's own lambdas, connected to its children's signals, hold it in a
        # cycle Python cannot collect while Qt keeps the connections: delete it, or
        # every test's window lives (and is walked by each gc) until the run ends.
        shiboken6.delete(instance.window)


#: Simulated chargers made by ``simulator`` for the running test.
_SIMULATORS: list[SimulatedCharger] = []


def _stop_simulators() -> None:
    """Stop the test's simulated chargers while the GUI loop can still run them.

    They live on the GUI thread's loop; stopping the engine while they still hold their
    connections would wait out its close timeout (10 s), since nothing pumps that loop
    while the engine thread is joined.
    """
    chargers, _SIMULATORS[:] = list(_SIMULATORS), []
    loop = asyncio.get_event_loop_policy().get_event_loop()
    if not chargers or loop.is_running() or loop.is_closed():
        return

    async def stop_all() -> None:
        await asyncio.gather(
            *(asyncio.wait_for(charger.stop(), 5) for charger in chargers),
            return_exceptions=True,
        )

    loop.run_until_complete(stop_all())


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
    charger = SimulatedCharger(charger_id, url, **settings)
    _SIMULATORS.append(charger)
    return charger


# ---------------------------------------------------------------- staff accounts

STAFF_PASSWORD = "correct horse battery"
#: Accounts seeded by ``seed_staff``: (username, display name, roles).
STAFF = (
    ("anna", "Anna Berg", frozenset(Role)),
    ("dana", "Dana Desk", frozenset({Role.DESK})),
    ("vera", "Vera Viewer", frozenset({Role.VIEWER})),
)


def seed_staff(folder: Path) -> str:
    """The staff accounts of ``STAFF`` in ``folder``'s console database, made before the
    console starts (as an admin would have made them); the database URL."""
    from console.services.staff_local import run_local
    from console.services.staff_passwords import use_test_cost

    use_test_cost()
    url = f"sqlite:///{folder / 'console.db'}"
    loop = asyncio.get_event_loop_policy().get_event_loop()

    async def work(services: Any) -> None:
        (username, name, _roles), *others = STAFF
        admin = await services.staff.create_first_admin(
            username, name, STAFF_PASSWORD, place="tests"
        )
        for username, name, roles in others:
            await services.staff.add_account(username, name, STAFF_PASSWORD, roles, actor=admin)

    try:
        run_local(url, work)
    finally:
        asyncio.set_event_loop(loop)  # asyncio.run left none: the GUI's loop stays current
    return url


@pytest.fixture
def staffed_console(qloop: qasync.QEventLoop, tmp_path: Path) -> Iterator[Console]:
    """A shown console on a database with the ``STAFF`` accounts, nobody logged in yet."""
    seed_staff(tmp_path)
    with running_console(tmp_path, AdmissionMode.OPEN, actor=None) as instance:
        instance.window.show()
        yield instance


def log_in(loop: asyncio.AbstractEventLoop, console: Console, username: str) -> None:
    """Log in on the console's lock screen as a ``STAFF`` account; wait until uncovered."""
    from console.ui.staff.forms import LoginForm

    desk = console.window.desk
    run(loop, wait_until(lambda: isinstance(desk.cover.form, LoginForm)))
    form = desk.cover.form
    assert isinstance(form, LoginForm)
    if not form.username.isReadOnly():
        form.username.setText(username)
    form.password.setText(STAFF_PASSWORD)

    async def submit_and_wait() -> None:
        # One run of the loop: the desk's task after the login runs on it to its end.
        assert await form.submit() is not None, form.refusal.text()
        await wait_until(lambda: not desk.locked and console.client.actor.name == username)
        await wait_until(lambda: not desk.tasks.tasks)

    run(loop, submit_and_wait())
