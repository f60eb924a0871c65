"""Password guessing over real websockets: slower answers, locks, an alarm, unlocking."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from identity_helpers import basic, handshake

from console.core.alarms import AlarmKind
from console.core.clock import utcnow
from console.core.enums import AdmissionMode, RefusalReason
from console.core.events import AlarmRaised, Event
from console.services import handshake_judge
from console.services.engine import CentralSystem
from console.services.lockouts import GuessPolicy
from console.storage import lockouts as lockout_repo
from console.storage import logs as log_repo
from tests.actors import ADMIN

EngineFactory = Callable[..., Awaitable[CentralSystem]]
PASSWORD = "the right password"
WRONG = basic("CP-LOCK", "a wrong password!")
RIGHT = basic("CP-LOCK", PASSWORD)
FAST = GuessPolicy(first_delay=0.05, max_delay=0.4, charger_limit=4, peer_limit=100)


class ScryptCounter:
    """Counts password verifications (the expensive part of a guess)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = handshake_judge.verify_password

        def counting(password: str, stored: str) -> bool:
            self.calls += 1
            return real(password, stored)

        monkeypatch.setattr(handshake_judge, "verify_password", counting)


async def _reasons(engine: CentralSystem) -> dict[RefusalReason, int]:
    stored = await engine.writer.submit(log_repo.list_refusals)
    return {r.reason: r.count for r in stored}


def test_the_delay_grows_and_is_bounded() -> None:
    policy = GuessPolicy()
    delays = [policy.delay(n) for n in range(0, 8)]
    assert delays[0] == 0 and delays[1] == 0.5
    assert delays == sorted(delays) and max(delays) == policy.max_delay


async def test_wrong_passwords_slow_down_lock_and_raise_an_alarm(
    make_engine: EngineFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = await make_engine(AdmissionMode.CLOSED, guess_policy=FAST)
    scrypt = ScryptCounter(monkeypatch)
    alarms: list[AlarmRaised] = []
    raised = asyncio.Event()

    def on_event(event: Event) -> None:
        if isinstance(event, AlarmRaised) and event.alarm.kind is AlarmKind.LOCKED_OUT:
            alarms.append(event)
            raised.set()

    engine.bus.subscribe(on_event)
    await engine.admission.add_charger("CP-LOCK", PASSWORD, actor=ADMIN)
    took = []
    for _ in range(FAST.charger_limit):
        started = time.monotonic()
        assert (await handshake(engine, "/ocpp/CP-LOCK", headers=WRONG)).status == 401
        took.append(time.monotonic() - started)
    # Each failure waited at least its delay before the 401.
    assert all(t >= FAST.delay(n + 1) for n, t in enumerate(took)), took
    async with asyncio.timeout(10):
        await raised.wait()
    assert alarms[0].alarm.charger_id == "CP-LOCK"
    assert alarms[0].alarm.details["failures"] == FAST.charger_limit
    # Locked: even the right password is refused, and no scrypt work is spent on it.
    calls = scrypt.calls
    for _ in range(3):
        assert (await handshake(engine, "/ocpp/cp-lock", headers=RIGHT)).status == 401
    assert scrypt.calls == calls
    reasons = await _reasons(engine)
    assert reasons[RefusalReason.WRONG_PASSWORD] == FAST.charger_limit
    assert reasons[RefusalReason.LOCKED] == 3
    # Staff unlock, through the same operation as the console's button and the CLI.
    assert await engine.admission.unlock("cp-lock", actor=ADMIN)
    assert (await handshake(engine, "/ocpp/CP-LOCK", headers=RIGHT)).status == 101
    assert not await engine.admission.unlock("CP-LOCK", actor=ADMIN)


async def test_parallel_guesses_cost_at_most_the_limit_in_scrypt(
    make_engine: EngineFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = await make_engine(AdmissionMode.CLOSED, guess_policy=FAST)
    scrypt = ScryptCounter(monkeypatch)
    await engine.admission.add_charger("CP-LOCK", PASSWORD, actor=ADMIN)
    answers = await asyncio.gather(
        *(
            handshake(engine, "/ocpp/CP-LOCK", headers=basic("CP-LOCK", f"guess number {n:04}"))
            for n in range(30)
        )
    )
    assert {a.status for a in answers} == {401}
    assert scrypt.calls == FAST.charger_limit
    reasons = await _reasons(engine)
    assert reasons[RefusalReason.LOCKED] == 30 - FAST.charger_limit


async def test_an_address_guessing_many_ids_is_locked(make_engine: EngineFactory) -> None:
    policy = GuessPolicy(first_delay=0.01, max_delay=0.05, charger_limit=100, peer_limit=4)
    engine = await make_engine(AdmissionMode.CLOSED, guess_policy=policy)
    for name in ("A1", "A2", "A3"):
        await engine.admission.add_charger(name, PASSWORD, actor=ADMIN)
    for name in ("A1", "A2", "A1", "A2"):
        await handshake(engine, f"/ocpp/{name}", headers=basic(name, "a wrong password!"))
    # The address is locked for every charger with a password, even with the right one...
    assert (await handshake(engine, "/ocpp/A3", headers=basic("A3", PASSWORD))).status == 401
    assert RefusalReason.LOCKED in await _reasons(engine)
    # ...but not for the same charger from another address.
    other = await handshake(
        engine, "/ocpp/A3", headers=basic("A3", PASSWORD), local_host="127.0.0.2"
    )
    assert other.status == 101
    # Unlocking A1 lifts the lock of the address it was refused from.
    assert await engine.admission.unlock("A1", actor=ADMIN)
    assert (await handshake(engine, "/ocpp/A3", headers=basic("A3", PASSWORD))).status == 101


async def test_a_lock_runs_out_and_old_failures_are_forgotten(make_engine: EngineFactory) -> None:
    engine = await make_engine()
    window, lock_for = timedelta(minutes=10), timedelta(minutes=15)
    key = lockout_repo.charger_lock_key("CP9")
    t0 = utcnow()

    async def fail(at_minutes: float) -> lockout_repo.Lockout:
        at = t0 + timedelta(minutes=at_minutes)
        return await engine.writer.submit(
            lambda c: lockout_repo.add_failure(c, key, at, window, 3, lock_for)
        )

    assert (await fail(0)).failures == 1
    assert (await fail(11)).failures == 1  # the first failure fell out of the window
    await fail(12)
    locked = await fail(13)
    assert locked.locked(t0 + timedelta(minutes=14))
    assert not locked.locked(t0 + timedelta(minutes=28, seconds=1))
    after = await fail(29)  # the lock ran out: counting starts again
    assert after.failures == 1 and after.locked_until is None
