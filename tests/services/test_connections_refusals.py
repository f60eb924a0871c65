"""Connection attempts over real websockets: each refusal reason, and fixing it from there."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from console.core.enums import AdmissionMode, RefusalReason
from console.core.events import ConnectionRefused, Event
from console.services.connections import NO_HTTP_ANSWER, ConnectionAttempt, connection_attempts
from console.services.engine import CentralSystem
from console.simulator.charger import SimulatedCharger
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]
EngineFactory = Callable[..., Awaitable[CentralSystem]]


class RefusalWaiter:
    """Counts the engine's ConnectionRefused events and lets a test wait for the next."""

    def __init__(self, engine: CentralSystem) -> None:
        self.refusals: list[ConnectionRefused] = []
        self._changed = asyncio.Event()
        engine.bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, ConnectionRefused):
            self.refusals.append(event)
            self._changed.set()

    async def wait(self, count: int, timeout: float = 10.0) -> None:
        await self.wait_reason(None, count, timeout)

    async def wait_reason(
        self, reason: RefusalReason | None, count: int = 1, timeout: float = 10.0
    ) -> None:
        """Until ``count`` refusals (with ``reason``, when given) have been published."""

        def seen() -> int:
            return sum(reason in (None, r.refusal.reason) for r in self.refusals)

        async with asyncio.timeout(timeout):
            while seen() < count:
                self._changed.clear()
                await self._changed.wait()


async def _attempts(engine: CentralSystem) -> list[ConnectionAttempt]:
    return await engine.writer.submit(connection_attempts)


async def _handshake_status(url: str, **options: object) -> int:
    try:
        async with connect(url, open_timeout=5, **options):  # type: ignore[arg-type]
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


async def test_each_refusal_reason_is_listed_in_plain_words(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(AdmissionMode.CLOSED)
    waiter = RefusalWaiter(engine)
    base = f"ws://127.0.0.1:{engine.port}"
    await engine.admission.add_charger("SECURE", password="right password 1", actor=ADMIN)

    stranger = make_charger(engine, "STRANGER", reconnect=False)
    await stranger.start()
    await waiter.wait(1)
    wrong = make_charger(engine, "SECURE", password="wrong password 1", reconnect=False)
    await wrong.start()
    await waiter.wait(2)
    assert await _handshake_status(f"{base}/ocpp/SECURE", subprotocols=["ocpp2.0.1"]) == 400
    await waiter.wait(3)
    assert await _handshake_status(f"{base}/ocpp/SECURE/extra", subprotocols=["ocpp1.6"]) == 404
    await waiter.wait(4)
    right = make_charger(engine, "SECURE", password="right password 1")
    await right.start()
    await right.wait_booted()

    attempts = await _attempts(engine)
    refused = [a for a in attempts if not a.accepted]
    assert [a.reason for a in reversed(refused)] == [
        RefusalReason.UNKNOWN_CHARGER,
        RefusalReason.WRONG_PASSWORD,
        RefusalReason.NO_SUBPROTOCOL,
        RefusalReason.BAD_PATH,
    ]
    assert RefusalReason.WRONG_PASSWORD.value == "wrong password"
    assert all(a.peer is not None and a.peer.startswith("127.0.0.1:") for a in attempts)
    # 401 like every refusal of an identity: only the record tells the reason.
    assert refused[-1].charger_id == "STRANGER" and refused[-1].http_status == 401
    assert refused[0].path == "/ocpp/SECURE/extra"
    # The accepted attempt is listed too, newest first.
    assert attempts[0].accepted and attempts[0].charger_id == "SECURE"
    assert [a.at for a in attempts] == sorted((a.at for a in attempts), reverse=True)


async def test_tls_client_hello_on_the_plain_port_is_a_tls_failure(
    make_engine: EngineFactory,
) -> None:
    engine = await make_engine(AdmissionMode.OPEN)
    waiter = RefusalWaiter(engine)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with pytest.raises((ssl.SSLError, OSError, EOFError)):
        async with connect(
            f"wss://127.0.0.1:{engine.port}/ocpp/CP-TLS", ssl=context, open_timeout=5
        ):
            pass
    await waiter.wait(1)
    attempt = (await _attempts(engine))[0]
    assert attempt.reason is RefusalReason.TLS_FAILURE
    assert attempt.reason.value.startswith("TLS failure")
    assert attempt.http_status == NO_HTTP_ANSWER
    assert attempt.peer is not None and attempt.peer.startswith("127.0.0.1:")
    # The path is encrypted: there is no charger id to show.
    assert attempt.charger_id is None


async def test_registering_a_refused_charger_lets_it_in(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(AdmissionMode.CLOSED)
    waiter = RefusalWaiter(engine)
    stranger = make_charger(engine, "NEWCOMER", reconnect_max_delay=0.2)
    await stranger.start()
    await waiter.wait(1)
    refusal = waiter.refusals[0].refusal
    assert (refusal.charger_id, refusal.reason) == ("NEWCOMER", RefusalReason.UNKNOWN_CHARGER)

    await engine.admission.add_charger("NEWCOMER", password="s3cret-for-newcomer", actor=ADMIN)
    # A password set at registration applies at once: the charger without one stays out.
    await waiter.wait_reason(RefusalReason.MISSING_PASSWORD)
    await engine.admission.set_password("NEWCOMER", None, actor=ADMIN)
    await stranger.wait_booted()
    assert stranger.registration_status == "Accepted"


async def test_setting_the_password_lets_a_charger_with_that_password_in(
    make_engine: EngineFactory, make_charger: ChargerFactory
) -> None:
    engine = await make_engine(AdmissionMode.CLOSED)
    waiter = RefusalWaiter(engine)
    await engine.admission.add_charger("CP-PW", password="the old password", actor=ADMIN)
    charger = make_charger(engine, "CP-PW", password="the new password", reconnect_max_delay=0.2)
    await charger.start()
    await waiter.wait(1)
    assert waiter.refusals[0].refusal.reason is RefusalReason.WRONG_PASSWORD

    assert await engine.admission.set_password("CP-PW", "the new password", actor=ADMIN)
    await charger.wait_booted()
    assert not await engine.admission.set_password(
        "NO-SUCH-CHARGER", "whatever12345678", actor=ADMIN
    )
