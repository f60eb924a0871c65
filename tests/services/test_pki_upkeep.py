"""The site CA kept alive in a running engine: renewal seen by the next wss:// client,
the expiry alarm raised and cleared, and the audited changes from the Security page.

Real engine, real SQLite file, real TLS on 127.0.0.1; time is moved by passing ``now``.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from actors import ADMIN, DESK, TECHNICIAN
from cryptography import x509
from tls_helpers import open_wss

from console.core.alarms import Alarm, AlarmKind
from console.core.audit import AuditEntry
from console.core.clock import utcnow
from console.core.events import AlarmChanged, Event
from console.core.staff import PermissionDenied
from console.services.charger_security import SecuritySetupMissing
from console.services.engine import CentralSystem
from console.services.pki_upkeep import PKI_ALARM_SOURCE, PkiCheck, PkiUpkeep
from console.services.site_ca import CA_DAYS, SERVER_DAYS, PkiError, SiteAuthority
from console.storage import alarms as alarm_repo
from console.storage import audit
from console.storage import certificates as certificate_repo

if TYPE_CHECKING:  # the conftest of this folder; imported only for types
    from conftest import EngineFactory

# OpenSSL's X509_V_FLAG_NO_CHECK_TIME: a certificate made for a moved clock is still
# checked against the site CA and for its names, only not for its dates.
NO_CHECK_TIME = 0x200000


@pytest.fixture
async def secured(make_engine: EngineFactory, tmp_path: Path) -> CentralSystem:
    """An engine with wss:// and a site CA of its own (renewal changes its files)."""
    return await make_engine(tls_port=0, pki_folder=tmp_path / "pki")


def _authority(engine: CentralSystem) -> SiteAuthority:
    assert engine.authority is not None
    return engine.authority


def _upkeep(engine: CentralSystem) -> PkiUpkeep:
    assert engine.pki_upkeep is not None
    return engine.pki_upkeep


async def _serial_seen(engine: CentralSystem, *, any_time: bool = False) -> str:
    """The serial of the server certificate a new charger sees on wss://."""
    context = ssl.create_default_context(cadata=_authority(engine).ca_pem().decode("ascii"))
    if any_time:
        context.verify_flags |= NO_CHECK_TIME
    ws = await open_wss(engine.tls_port or 0, "CP-TLS", context)
    try:
        der = ws.transport.get_extra_info("ssl_object").getpeercert(binary_form=True)
    finally:
        await ws.close()
    return f"{x509.load_der_x509_certificate(der).serial_number:x}"


async def _issued(engine: CentralSystem, kind: str) -> list[str]:
    rows = await engine.writer.submit(
        lambda c: certificate_repo.list_issued_certificates(c, kind=kind)
    )
    return [row.serial for row in rows]


async def _site_ca_alarms(engine: CentralSystem) -> list[Alarm]:
    return await engine.writer.submit(
        lambda c: alarm_repo.list_alarms(c, charger_id=PKI_ALARM_SOURCE, limit=None)
    )


async def _entries(engine: CentralSystem) -> list[AuditEntry]:
    return await engine.writer.submit(lambda c: audit.entries(c))


async def test_renewal_near_expiry_is_seen_by_the_next_wss_client(
    secured: CentralSystem,
) -> None:
    first = _authority(secured).server
    assert await _serial_seen(secured) == first.serial
    assert first.serial in await _issued(secured, "server")  # kept from the start

    # A year on, 17 days before the certificate runs out: the daily check renews it.
    later = utcnow() + timedelta(days=SERVER_DAYS - 17)
    result = await _upkeep(secured).check(now=later)

    assert result.renewed and result.server is not None
    assert result.server.serial != first.serial
    assert result.server.not_after > first.not_after
    assert await _serial_seen(secured, any_time=True) == result.server.serial
    assert result.server.serial in await _issued(secured, "server")
    # The next check finds nothing to do, and says nothing.
    again = await _upkeep(secured).check(now=later)
    assert not again.renewed and again.warnings == ()
    assert await _site_ca_alarms(secured) == []


async def test_the_daily_check_loads_a_renewal_made_beside_the_engine(
    secured: CentralSystem,
) -> None:
    upkeep = _upkeep(secured)
    # ``chargedesk ca renew`` beside the running engine changes only the files.
    renewed = await asyncio.to_thread(_authority(secured).renew_server)
    checked = asyncio.Event()
    check = upkeep.check

    async def watched(now: datetime | None = None) -> PkiCheck:
        result = await check(now)
        checked.set()
        return result

    await upkeep.close()
    upkeep.check = watched  # type: ignore[method-assign]
    upkeep.interval = 0.01
    upkeep.start()
    async with asyncio.timeout(5.0):
        await checked.wait()

    assert await _serial_seen(secured) == renewed.serial
    assert renewed.serial in await _issued(secured, "server")


async def test_a_ca_near_its_end_raises_one_alarm_that_clears_when_the_warning_goes(
    secured: CentralSystem,
) -> None:
    changed: list[Alarm] = []

    def on_event(event: Event) -> None:
        if isinstance(event, AlarmChanged):
            changed.append(event.alarm)

    secured.bus.subscribe(on_event)
    upkeep = _upkeep(secured)
    near_end = utcnow() + timedelta(days=CA_DAYS - 100)

    result = await upkeep.check(now=near_end)
    assert any("site CA certificate runs out" in text for text in result.warnings)
    [alarm] = await _site_ca_alarms(secured)
    assert alarm.kind is AlarmKind.SECURITY and alarm.cleared_at is None
    assert "site CA certificate runs out" in alarm.message
    assert "99 days left" in alarm.message

    # A day later the same warning (one day fewer) raises nothing new.
    await upkeep.check(now=near_end + timedelta(days=1))
    assert len(await _site_ca_alarms(secured)) == 1

    # Acknowledged, it stays quiet for days, and comes back a week later.
    await secured.alarms.acknowledge(alarm.id, actor=TECHNICIAN)
    await upkeep.check(now=near_end + timedelta(days=2))
    assert len(await _site_ca_alarms(secured)) == 1
    await upkeep.check(now=near_end + timedelta(days=9))
    reminder, _first = await _site_ca_alarms(secured)
    assert reminder.cleared_at is None and reminder.id != alarm.id

    # The warning goes (here: the clock is back to today): the alarm clears.
    result = await upkeep.check()
    assert result.warnings == ()
    assert all(a.cleared_at is not None for a in await _site_ca_alarms(secured))
    assert reminder.id in [a.id for a in changed if a.cleared_at is not None]


async def test_signing_certificate_changes_are_audited_and_refused_for_the_desk(
    secured: CentralSystem,
) -> None:
    security = secured.security
    authority = _authority(secured)
    for change in (
        security.create_signing_certificate(actor=DESK),
        security.import_signing_certificate("x", "y", actor=DESK),
        security.renew_server_certificate(actor=DESK),
    ):
        with pytest.raises(PermissionDenied):
            await change
    assert authority.signing_certificate() is None
    assert await _entries(secured) == []

    made = await security.create_signing_certificate(actor=ADMIN)
    assert authority.signing_certificate() == made
    assert made.serial in await _issued(secured, "firmware_signing")

    # Another certificate and its key, from "elsewhere": a wrong key changes nothing.
    other, key_pem = authority.issue_charger_certificate("signer")
    _wrong, wrong_key = authority.issue_charger_certificate("someone else")
    with pytest.raises(PkiError, match="does not belong"):
        await security.import_signing_certificate(other.pem, wrong_key, actor=ADMIN)
    assert authority.signing_certificate() == made
    imported = await security.import_signing_certificate(other.pem, key_pem, actor=ADMIN)
    assert authority.signing_certificate() == imported

    created, replaced = sorted(
        (e for e in await _entries(secured) if e.action.startswith("ca.")),
        key=lambda e: e.seq,
    )
    assert created.action == "ca.signing_create" and created.actor == ADMIN.name
    assert created.before is None and created.after["serial"] == made.serial
    assert replaced.action == "ca.signing_import"
    assert replaced.before["serial"] == made.serial
    assert replaced.after["serial"] == imported.serial
    for entry in (created, replaced):
        assert "PRIVATE KEY" not in json.dumps([entry.before, entry.after])


async def test_renewing_from_the_security_page_shows_at_once_and_is_audited(
    secured: CentralSystem,
) -> None:
    before = _authority(secured).server
    renewed = await secured.security.renew_server_certificate(actor=ADMIN)

    assert renewed.serial != before.serial
    assert await _serial_seen(secured) == renewed.serial
    assert renewed.serial in await _issued(secured, "server")
    [entry] = [e for e in await _entries(secured) if e.action == "ca.renew"]
    assert entry.before["serial"] == before.serial
    assert entry.after["serial"] == renewed.serial


async def test_without_a_site_ca_the_changes_say_what_to_set_up(
    make_engine: EngineFactory,
) -> None:
    engine = await make_engine()
    assert engine.pki_upkeep is None
    with pytest.raises(PermissionDenied):
        await engine.security.create_signing_certificate(actor=DESK)
    with pytest.raises(SecuritySetupMissing, match="no site CA"):
        await engine.security.create_signing_certificate(actor=ADMIN)
