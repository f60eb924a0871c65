"""The guided move up to security profile 2 and 3, end to end: a real engine with ws://
and wss:// on 127.0.0.1, the site CA in a temporary folder, the simulator reconnecting."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from console.core.staff import PermissionDenied
from console.services.engine import CentralSystem
from console.services.profile_upgrade import (
    PLAIN,
    UpgradeStep,
    authorization_key,
    generate_password,
)
from console.simulator.charger import SimulatedCharger
from console.storage import audit
from console.storage import chargers as charger_repo
from tests.actors import ADMIN, TECHNICIAN

ChargerFactory = Callable[..., SimulatedCharger]
EngineFactory = Callable[..., Awaitable[CentralSystem]]
PASSWORD = "old-password-0123456"


@pytest.fixture(scope="module")
def pki_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One site CA folder for the module: made by the first engine, reused by the others."""
    return tmp_path_factory.mktemp("pki")


@pytest.fixture
async def tls_engine(make_engine: EngineFactory, pki_folder: Path) -> CentralSystem:
    """An engine with wss:// on a free port and the module's site CA."""
    return await make_engine(tls_port=0, pki_folder=pki_folder)


async def _on_profile_1(
    engine: CentralSystem, make_charger: ChargerFactory, cid: str, **options: object
) -> SimulatedCharger:
    """A registered charger required (and connected) on profile 1."""
    await engine.admission.add_charger(cid, PASSWORD, actor=ADMIN)
    await engine.admission.set_security_profile(cid, 1, actor=ADMIN)
    options.setdefault("tls_port", engine.tls_port)
    charger = make_charger(engine, cid, password=PASSWORD, security_profile=1, **options)
    await charger.start()
    await charger.wait_booted()
    assert engine.admission.connection_profile(cid) == 1
    return charger


async def _required(engine: CentralSystem, cid: str) -> int:
    record = await engine.writer.submit(lambda c: charger_repo.get_charger(c, cid))
    assert record is not None
    return record.security_profile


def test_the_password_fits_the_authorization_key() -> None:
    password = generate_password()
    assert len(password) == 20 and password.isalnum()
    key = authorization_key(password)
    assert len(key) == 40 and bytes.fromhex(key).decode() == password
    assert authorization_key(password, PLAIN) == password
    with pytest.raises(ValueError):
        generate_password(24)


async def test_moving_up_from_profile_1_to_2_and_on_to_3(
    tls_engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    engine = tls_engine
    charger = await _on_profile_1(engine, make_charger, "CP-UP")
    steps: list[UpgradeStep] = []

    outcome = await engine.profile_upgrade.move_up(
        "CP-UP", 2, actor=TECHNICIAN, progress=steps.append, timeout=10.0
    )
    assert outcome.succeeded, outcome.message
    assert outcome.message == "CP-UP is connected again on security profile 2."
    assert await _required(engine, "CP-UP") == 2
    assert charger.security_profile == 2 and engine.admission.connection_profile("CP-UP") == 2
    # AuthorizationKey went as hexadecimal digits; the charger decoded the 20 characters.
    assert charger.password is not None and len(charger.password) == 20
    assert charger.password != PASSWORD
    done = [s.key for s in steps if s.state == "done"]
    assert done == ["install_ca", "password", "profile", "reconnect"]

    outcome = await engine.profile_upgrade.move_up("CP-UP", 3, actor=TECHNICIAN, timeout=10.0)
    assert outcome.succeeded, outcome.message
    assert await _required(engine, "CP-UP") == 3
    assert engine.admission.connection_profile("CP-UP") == 3
    assert [c.charger_id for c in await engine.security.issued_certificates("CP-UP")] == ["CP-UP"]

    entries = await engine.writer.submit(lambda c: audit.entries(c))
    actions = [e.action for e in reversed(entries)]
    assert actions.count("charger.security_upgrade") == 2
    assert "charger.password" in actions and "charger.security_profile" in actions
    # The password itself is never written down.
    assert all(charger.password not in str(e.after) for e in entries)


async def test_a_charger_that_cannot_reach_wss_falls_back_and_keeps_working(
    tls_engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    engine = tls_engine
    # Set up with the wrong port for wss:// (our ws:// one): its TLS handshake fails there.
    wrong = f"wss://127.0.0.1:{engine.port}/ocpp/"
    charger = await _on_profile_1(
        engine, make_charger, "CP-FALL", urls={2: wrong}, profile_attempts=1
    )
    outcome = await engine.profile_upgrade.move_up("CP-FALL", 2, actor=TECHNICIAN, timeout=5.0)
    assert not outcome.succeeded and outcome.failed_step == "reconnect"
    assert "came back on security profile 1" in outcome.message
    assert outcome.profile == 1 and await _required(engine, "CP-FALL") == 1
    # Nothing is locked out: it is connected on profile 1 with the password it now holds.
    assert engine.admission.connection_profile("CP-FALL") == 1
    await charger.wait_booted()
    assert charger.security_profile == 1 and charger.password != PASSWORD


async def test_without_a_wss_port_nothing_changes(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _on_profile_1(engine, make_charger, "CP-PLAIN")
    outcome = await engine.profile_upgrade.move_up("CP-PLAIN", 2, actor=TECHNICIAN)
    assert not outcome.succeeded and outcome.failed_step == "install_ca"
    assert "wss://" in outcome.message and outcome.profile == 1
    assert await _required(engine, "CP-PLAIN") == 1
    assert charger.password == PASSWORD
    assert not any(r.action == "ChangeConfiguration" for r in charger.received)


async def test_moving_down_needs_an_admin_and_is_recorded(
    tls_engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    engine = tls_engine
    await engine.admission.add_charger("CP-DOWN", PASSWORD, actor=ADMIN)
    await engine.admission.set_security_profile("CP-DOWN", 2, actor=ADMIN)
    with pytest.raises(PermissionDenied):
        await engine.profile_upgrade.move_down("CP-DOWN", 1, actor=TECHNICIAN)
    assert await _required(engine, "CP-DOWN") == 2
    record = await engine.profile_upgrade.move_down("CP-DOWN", 1, actor=ADMIN)
    assert record.security_profile == 1
    entries = await engine.writer.submit(lambda c: audit.entries(c))
    [down] = [e for e in entries if e.action == "charger.security_profile_down"]
    assert down.actor == ADMIN.name and down.target == "CP-DOWN"
    assert down.before == {"security_profile": 2} and down.after == {"security_profile": 1}
