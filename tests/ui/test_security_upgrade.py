"""The guided move up: planned steps, live progress from the engine thread, outcomes.

The move itself is the engine's (services/profile_upgrade.py); here a stand-in reports
its steps from the engine thread, as the real one does, and the dialog must show them
on the GUI thread while the move runs.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from conftest import run, simulator, wait_until
from security_fakes import ADMIN, CHARGER, DESK, TECHNICIAN, Desk, make_desk

from console.core.enums import AdmissionMode
from console.core.staff import Actor, Permission, require
from console.services.engine import EngineConfig
from console.services.profile_upgrade import UpgradeOutcome, UpgradeStep
from console.services.site_ca import SiteAuthority
from console.ui.console_app import Console
from console.ui.technician.security import SecurityPage
from console.ui.technician.security_upgrade import (
    DONE,
    FAILED,
    RUNNING,
    WAITING,
    UpgradeDialog,
    outcome_text,
    planned_steps,
    step_key,
)


class FakeUpgrade:
    """Reports each step from the engine thread; waits at ``gate`` after the first."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.threads: set[int] = set()
        self.fail_at: str | None = None
        self.moved_down: list[tuple[str, int, str]] = []

    async def move_up(
        self, charger_id: str, target: int, *, actor: Actor, progress: Callable[[Any], None]
    ) -> UpgradeOutcome:
        require(actor, Permission.CHARGER_SECURITY)
        keys = [step.key for step in planned_steps(target)]
        total = len(keys)
        for number, key in enumerate(keys, start=1):
            self.threads.add(threading.get_ident())
            progress(UpgradeStep(key, number, total, "running", f"{key}…"))
            if key == self.fail_at:
                progress(UpgradeStep(key, number, total, "failed", "SecurityProfile refused."))
                message = (
                    f"Step {number} failed: {charger_id} refused the new profile."
                    " It keeps working on profile 1; check its firmware supports TLS."
                )
                return UpgradeOutcome(charger_id, target, False, 1, message, key)
            progress(UpgradeStep(key, number, total, "done", f"{key} done"))
            if number == 1:
                await asyncio.to_thread(self.gate.wait, 10)
        message = f"{charger_id} is connected again on security profile {target}."
        return UpgradeOutcome(charger_id, target, True, target, message)

    async def move_down(self, charger_id: str, target: int, *, actor: Actor) -> None:
        require(actor, Permission.SECURITY_SETTINGS)
        self.moved_down.append((charger_id, target, actor.name))


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> SiteAuthority:
    """One site CA for the module."""
    made = SiteAuthority(tmp_path_factory.mktemp("pki"))
    made.ensure()
    return made


@pytest.fixture
def desk(qloop: qasync.QEventLoop, authority: SiteAuthority) -> Iterator[Desk]:
    made, loop = make_desk(authority, profile=1)
    made.engine.profile_upgrade = FakeUpgrade()
    yield made
    made.engine.profile_upgrade.gate.set()
    made.page.close()
    loop.stop()


def test_the_steps_shown_before_it_runs() -> None:
    assert [s.key for s in planned_steps(2)] == ["install_ca", "password", "profile", "reconnect"]
    three = planned_steps(3)
    assert [s.key for s in three][2] == "certificate"
    assert "profile 3" in three[-1].text
    keys = [s.key for s in three]
    assert step_key({"name": "Install CA"}, keys) == "install_ca"
    assert step_key({"index": 1}, keys) == "password"
    assert step_key({"name": "something new"}, keys) is None
    assert outcome_text({"succeeded": True}, CHARGER, 3) == (
        "ok",
        "CP-1 is connected again on security profile 3.",
    )


def test_progress_shows_live_and_the_outcome_in_words(qloop: qasync.QEventLoop, desk: Desk) -> None:
    page = desk.page
    run(qloop, page.refresh())
    dialog = page.open_upgrade()
    assert dialog is not None
    assert dialog.target.count() == 2  # from profile 1: to 2 or 3
    dialog.choose_target(3)
    assert dialog.step_marks() == [WAITING] * 5

    async def move() -> Any:
        task = asyncio.ensure_future(page.run_upgrade(dialog))
        # The first step is done while the engine still works on the move.
        await wait_until(lambda: dialog.step_marks()[:2] == [DONE, WAITING], 5)
        assert not task.done()
        assert dialog.outcome_kind == "pending"
        desk.engine.profile_upgrade.gate.set()
        return await task

    outcome = run(qloop, move())
    assert outcome.succeeded
    assert dialog.step_marks() == [DONE] * 5
    assert dialog.outcome_kind == "ok"
    assert dialog.outcome_label.text() == "CP-1 is connected again on security profile 3."
    assert "profile 3" in page.banner.text.text()
    # The steps were reported on the engine's thread, never the GUI's.
    assert threading.get_ident() not in desk.engine.profile_upgrade.threads
    dialog.close()


def test_a_failed_step_says_which_and_what_to_do(qloop: qasync.QEventLoop, desk: Desk) -> None:
    desk.engine.profile_upgrade.fail_at = "profile"
    desk.engine.profile_upgrade.gate.set()
    dialog = UpgradeDialog(desk.client, CHARGER, 1)
    dialog.choose_target(2)
    run(qloop, dialog.run())
    marks = dialog.step_marks()
    assert marks[:2] == [DONE, DONE] and marks[2] == FAILED and marks[3] == WAITING
    assert dialog.outcome_kind == "failed"
    assert "Step 3 failed" in dialog.outcome_label.text()
    assert dialog.run_button.text() == "Try again" and dialog.run_button.isEnabled()
    assert RUNNING not in marks
    dialog.close()


def test_a_desk_clerk_is_refused_with_the_role_named(qloop: qasync.QEventLoop, desk: Desk) -> None:
    desk.client.actor = DESK
    dialog = UpgradeDialog(desk.client, CHARGER, 1)
    assert run(qloop, dialog.run()) is None
    assert dialog.outcome_kind == "failed"
    assert "technician role" in dialog.outcome_label.text()
    dialog.close()


def test_moving_down_is_for_admins(qloop: qasync.QEventLoop, desk: Desk) -> None:
    page = desk.page
    run(qloop, page.refresh())

    async def to_zero(_required: int) -> int:
        return 0

    page.ask_down_target = to_zero  # type: ignore[method-assign]
    # Refused in the service, whatever the button says.
    assert run(qloop, page.move_down()) is None
    assert "admin role" in page.banner.text.text()
    desk.client.actor = ADMIN
    page._update_buttons()
    assert page.down_button.isEnabled() and "admin" not in page.down_button.text()
    run(qloop, page.move_down())
    assert desk.engine.profile_upgrade.moved_down == [(CHARGER, 0, "ada")]
    assert page.banner.kind == "ok"


@pytest.fixture
def tls_console(qloop: qasync.QEventLoop, tmp_path: Path) -> Iterator[Console]:
    """A real console with ws:// and wss:// on free ports and a site CA in ``tmp_path``."""
    config = EngineConfig(
        database_url=f"sqlite:///{tmp_path / 'console.db'}",
        host="127.0.0.1",
        port=0,
        admission=AdmissionMode.OPEN,
        heartbeat_interval=60,
        tls_port=0,
        pki_folder=tmp_path / "pki",
    )
    instance = Console(config, actor=TECHNICIAN)
    try:
        yield instance
    finally:
        instance.window.close()
        instance.stop()


def test_moving_a_real_charger_up_through_the_page(
    qloop: qasync.QEventLoop, tls_console: Console
) -> None:
    """Profile 1 -> 2 with the real engine: the simulator comes back on wss://."""
    client = tls_console.client
    engine = client.engine

    async def register() -> None:
        await engine.admission.add_charger("CP-UI", "old-password-0123456", actor=ADMIN)
        await engine.admission.set_security_profile("CP-UI", 1, actor=ADMIN)

    run(qloop, client.call(lambda _e: register()))
    charger = simulator(
        tls_console,
        "CP-UI",
        password="old-password-0123456",
        security_profile=1,
        tls_port=engine.tls_port,
    )
    page = tls_console.window.technician.findChild(SecurityPage)
    assert page is not None

    async def move() -> Any:
        await charger.start()
        await charger.wait_booted()
        page.show_charger("CP-UI")
        await wait_until(lambda: page.choice.online())
        await page.refresh()
        assert page.required == 1 and page.connected_profile == 1
        dialog = page.open_upgrade()
        assert dialog is not None
        dialog.choose_target(2)
        return dialog, await page.run_upgrade(dialog)

    try:
        dialog, outcome = run(qloop, move(), timeout=30)
    finally:
        run(qloop, charger.stop())
    assert outcome.succeeded, dialog.outcome_label.text()
    assert dialog.outcome_label.text() == "CP-UI is connected again on security profile 2."
    assert dialog.step_marks() == [DONE] * 4
    assert page.required == 2
    assert page.required_label.text().startswith("2 — TLS")
    dialog.close()
