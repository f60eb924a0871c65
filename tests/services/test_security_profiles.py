"""Security profiles per charger, judged by the real engine over real ws:// and wss://.

A charger required at profile 2 or 3 is refused on a weaker connection (never a silent
downgrade), a client certificate must name the URL's charger, refused TLS handshakes
are recorded by address, and a charger moving up gets in on both profiles meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from actors import ADMIN, TECHNICIAN, VIEWER
from tls_helpers import basic, charger_certificate, client_context, open_wss
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from console.core.enums import AdmissionMode, RefusalReason
from console.core.events import ChargerConnected, ConnectionRefused, Event
from console.core.model import RefusedConnection
from console.core.staff import PermissionDenied
from console.services.connections import interface_urls, listener_urls
from console.services.engine import CentralSystem
from console.services.lockouts import GuessPolicy
from console.services.passwords import hash_password
from console.services.security_profiles import SecurityProfileError
from console.services.site_ca import SiteAuthority
from console.simulator.charger import SimulatedCharger
from console.storage import audit
from console.storage import logs as log_repo

if TYPE_CHECKING:  # the conftest of this folder; imported only for types
    from conftest import EngineFactory

PASSWORD = "first-password-0123456"
NEW_PASSWORD = "second-password-654321"
WAIT = 5.0


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteAuthority:
    authority = SiteAuthority(tmp_path_factory.mktemp("pki"))
    authority.ensure()
    return authority


@pytest.fixture
async def engine(make_engine: EngineFactory, site: SiteAuthority) -> CentralSystem:
    # Wrong passwords are slowed down on purpose; not in these tests.
    quick = GuessPolicy(first_delay=0.0, max_delay=0.0)
    return await make_engine(
        AdmissionMode.CLOSED, tls_port=0, pki_folder=site.folder, guess_policy=quick
    )


async def _charger(engine: CentralSystem, charger_id: str, profile: int) -> None:
    await engine.admission.add_charger(charger_id, PASSWORD, actor=ADMIN)
    await engine.admission.set_security_profile(charger_id, profile, actor=ADMIN)


async def _refusals(engine: CentralSystem) -> list[RefusedConnection]:
    return await engine.writer.submit(lambda c: log_repo.list_refusals(c, 50))


class Watch:
    """The engine's connects and refusals as they are published; a test waits on them."""

    def __init__(self, engine: CentralSystem) -> None:
        self.connected: list[str] = []
        self.refused: list[RefusedConnection] = []
        self._changed = asyncio.Event()
        engine.bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, ChargerConnected):
            self.connected.append(event.charger_id)
        elif isinstance(event, ConnectionRefused):
            self.refused.append(event.refusal)
        self._changed.set()

    async def until(self, predicate: Callable[[], bool]) -> None:
        """Wait until ``predicate`` holds after some event (5 s at most)."""
        async with asyncio.timeout(WAIT):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    async def connect(self, charger_id: str) -> None:
        """Wait for the charger's connection to open."""
        await self.until(lambda: charger_id in self.connected)


async def _plain(engine: CentralSystem, charger_id: str, password: str = PASSWORD) -> object:
    return await connect(
        f"ws://127.0.0.1:{engine.port}/ocpp/{charger_id}",
        subprotocols=["ocpp1.6"],  # type: ignore[list-item]
        additional_headers=basic(charger_id, password),
        open_timeout=WAIT,
    )


async def _refused_with(engine: CentralSystem, opening: object, reason: RefusalReason) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await opening  # type: ignore[misc]
    assert refused.value.response.status_code == 401
    assert reason in [r.reason for r in await _refusals(engine)]


async def test_profile_2_gets_in_on_wss_and_is_refused_on_ws(
    engine: CentralSystem, site: SiteAuthority, tmp_path: Path
) -> None:
    await _charger(engine, "CP-2", 2)
    watch = Watch(engine)
    context = client_context(site, tmp_path)
    ws = await open_wss(engine.tls_port or 0, "CP-2", context, basic("CP-2", PASSWORD))
    await watch.connect("CP-2")
    assert engine.admission.connection_profile("CP-2") == 2
    await ws.close()
    # The downgrade attempt: the right password over ws:// is still refused.
    await _refused_with(engine, _plain(engine, "CP-2"), RefusalReason.NEEDS_TLS_2)
    wrong = open_wss(engine.tls_port or 0, "CP-2", context, basic("CP-2", NEW_PASSWORD))
    await _refused_with(engine, wrong, RefusalReason.WRONG_PASSWORD)


async def test_profile_3_needs_a_client_certificate_naming_the_charger(
    engine: CentralSystem, site: SiteAuthority, tmp_path: Path
) -> None:
    await _charger(engine, "CP-3", 3)
    watch = Watch(engine)
    port = engine.tls_port or 0
    own = client_context(site, tmp_path, charger_certificate(site, "cp-3"))  # case aside
    ws = await open_wss(port, "CP-3", own)
    await watch.connect("CP-3")
    assert engine.admission.connection_profile("CP-3") == 3
    await ws.close()
    someone_else = client_context(site, tmp_path, charger_certificate(site, "CP-9"))
    await _refused_with(
        engine, open_wss(port, "CP-3", someone_else), RefusalReason.CERTIFICATE_MISMATCH
    )
    password_only = open_wss(port, "CP-3", client_context(site, tmp_path), basic("CP-3", PASSWORD))
    await _refused_with(engine, password_only, RefusalReason.NO_CLIENT_CERTIFICATE)
    await _refused_with(engine, _plain(engine, "CP-3"), RefusalReason.NEEDS_TLS_3)


async def test_refused_tls_handshakes_are_recorded_by_address_and_merged(
    engine: CentralSystem, site: SiteAuthority, tmp_path: Path
) -> None:
    await _charger(engine, "CP-4", 3)
    watch = Watch(engine)
    stranger = SiteAuthority(tmp_path / "stranger-pki")
    stranger.ensure()
    for _ in range(2):
        context = client_context(site, tmp_path, charger_certificate(stranger, "CP-4"))
        with pytest.raises(Exception):  # noqa: B017 - TLS 1.3 fails at the first read
            ws = await open_wss(engine.tls_port or 0, "CP-4", context)
            await asyncio.wait_for(ws.recv(), WAIT)
    unknown_ca = RefusalReason.TLS_UNKNOWN_CA
    await watch.until(lambda: any(r.reason is unknown_ca and r.count == 2 for r in watch.refused))
    found = [r for r in await _refusals(engine) if r.reason is unknown_ca]
    assert len(found) == 1 and found[0].count == 2
    assert found[0].charger_id is None and found[0].http_status == 0


async def test_raising_and_lowering_need_their_roles_and_are_audited(
    engine: CentralSystem,
) -> None:
    await engine.admission.add_charger("CP-5", PASSWORD, actor=ADMIN)
    with pytest.raises(PermissionDenied):
        await engine.admission.set_security_profile("CP-5", 2, actor=VIEWER)
    record = await engine.admission.set_security_profile("CP-5", 2, actor=TECHNICIAN)
    assert record.security_profile == 2
    with pytest.raises(PermissionDenied):
        await engine.admission.set_security_profile("CP-5", 1, actor=TECHNICIAN)
    assert (
        await engine.admission.set_security_profile("CP-5", 1, actor=ADMIN)
    ).security_profile == 1
    with pytest.raises(SecurityProfileError):
        await engine.admission.set_security_profile("CP-5", 4, actor=ADMIN)
    with pytest.raises(SecurityProfileError, match="password"):
        await engine.admission.add_charger("CP-6", actor=ADMIN)
        await engine.admission.set_security_profile("CP-6", 2, actor=ADMIN)
    wanted = audit.AuditFilter(action="charger.security_profile", target="CP-5")
    entries = await engine.writer.submit(lambda c: audit.entries(c, wanted, newest_first=False))
    assert [(e.actor, e.before, e.after) for e in entries] == [
        (TECHNICIAN.name, {"security_profile": 0}, {"security_profile": 2}),
        (ADMIN.name, {"security_profile": 2}, {"security_profile": 1}),
    ]


async def test_moving_up_accepts_old_and_new_until_finished(
    engine: CentralSystem, site: SiteAuthority, tmp_path: Path
) -> None:
    await _charger(engine, "CP-7", 1)
    watch = Watch(engine)
    engine.admission.expect_upgrade("CP-7", 2, await asyncio.to_thread(hash_password, NEW_PASSWORD))
    old = await _plain(engine, "CP-7")
    await watch.connect("CP-7")
    assert engine.admission.connection_profile("CP-7") == 1
    await old.close()  # type: ignore[attr-defined]
    context = client_context(site, tmp_path)
    new = await open_wss(engine.tls_port or 0, "CP-7", context, basic("CP-7", NEW_PASSWORD))
    await watch.until(lambda: watch.connected.count("CP-7") == 2)
    assert engine.admission.connection_profile("CP-7") == 2
    await new.close()
    # Done: the upgrade stores the new password and profile, then ends the transition.
    await engine.admission.set_password("CP-7", NEW_PASSWORD, actor=ADMIN)
    await engine.admission.set_security_profile("CP-7", 2, actor=ADMIN)
    engine.admission.finish_upgrade("CP-7", True)
    await _refused_with(engine, _plain(engine, "CP-7", NEW_PASSWORD), RefusalReason.NEEDS_TLS_2)
    stale = open_wss(engine.tls_port or 0, "CP-7", context, basic("CP-7", PASSWORD))
    await _refused_with(engine, stale, RefusalReason.WRONG_PASSWORD)


async def test_plain_port_switched_off_by_the_site_setting(
    make_engine: EngineFactory, site: SiteAuthority
) -> None:
    first = await make_engine(tls_port=0, pki_folder=site.folder)
    await first.admission.profiles.set_plain_port(False, actor=ADMIN)
    with pytest.raises(PermissionDenied):
        await first.admission.profiles.set_plain_port(True, actor=TECHNICIAN)
    await first.stop()
    second = await make_engine(tls_port=0, pki_folder=site.folder)
    assert second.plain_port is None and second.tls_port
    await second.stop()
    nothing = await make_engine(plain_port=False)
    assert nothing.plain_port is None and nothing.tls_port is None
    assert nothing.port == 0


def test_urls_name_both_ports_and_leave_out_one_that_is_off() -> None:
    assert listener_urls("192.0.2.7", 9000, 9443) == [
        "ws://192.0.2.7:9000/ocpp/<charger id>",
        "wss://192.0.2.7:9443/ocpp/<charger id>",
    ]
    assert listener_urls("192.0.2.7", None, 9443) == ["wss://192.0.2.7:9443/ocpp/<charger id>"]
    assert [u.port for u in interface_urls("192.0.2.7", 9000, None)] == [9000]


async def test_simulated_charger_on_profile_3_boots_over_wss(
    engine: CentralSystem, site: SiteAuthority
) -> None:
    await _charger(engine, "CP-8", 3)
    pem, key = charger_certificate(site, "CP-8")
    charger = SimulatedCharger(
        "CP-8",
        f"wss://127.0.0.1:{engine.tls_port}/ocpp/",
        ca=site.ca_pem().decode("ascii"),
        cert=pem,
        key=key,
        boot_retry_floor=0.05,
        reconnect_delay=0.05,
    )
    await charger.start()
    try:
        await charger.wait_booted()
        assert engine.admission.connection_profile("CP-8") == 3
    finally:
        await charger.stop()
