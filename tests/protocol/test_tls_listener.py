"""The wss:// listener: real TLS over 127.0.0.1 with site-CA certificates.

The listener does its own handshake, so every failure is recorded (by address, with a
reason a technician can act on), the TLS facts reach the admission, and half-open
sockets are bounded.
"""

from __future__ import annotations

import asyncio
import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from protocol_helpers import WAIT, Ports, open_ws
from tls_helpers import basic, charger_certificate, client_context, open_wss

from console.core.enums import RefusalReason
from console.protocol.server import CentralSystemServer
from console.services.site_ca import SiteAuthority
from console.services.tls_refusals import tls_refusal_reason

if TYPE_CHECKING:  # the conftest of this folder; imported only for types
    from conftest import ServerFactory


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteAuthority:
    authority = SiteAuthority(tmp_path_factory.mktemp("site-pki"))
    authority.ensure()
    return authority


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> SiteAuthority:
    authority = SiteAuthority(tmp_path_factory.mktemp("other-pki"))
    authority.ensure()
    return authority


@pytest.fixture(scope="module")
def context(site: SiteAuthority) -> ssl.SSLContext:
    return site.server_ssl_context()


@pytest.fixture
async def tls_server(make_server: ServerFactory, context: ssl.SSLContext) -> CentralSystemServer:
    return await _tls_server(make_server, context)


async def _tls_server(
    make_server: ServerFactory, context: ssl.SSLContext, **options: Any
) -> CentralSystemServer:
    return await make_server(
        tls_port=0, tls_context=context, describe_tls_failure=tls_refusal_reason, **options
    )


async def _refused(ports: Ports, reason: RefusalReason) -> None:
    await ports.admission.wait(lambda: any(r.reason is reason for r in ports.admission.refusals))
    refusal = next(r for r in ports.admission.refusals if r.reason is reason)
    # No HTTP was spoken: no id, no path, recorded against the address.
    assert (refusal.charger_id, refusal.path, refusal.http_status) == (None, "", 0)
    assert refusal.peer is not None and refusal.peer.startswith("127.0.0.1:")


async def test_client_certificate_reaches_the_admission(
    tls_server: CentralSystemServer, ports: Ports, site: SiteAuthority, tmp_path: Path
) -> None:
    info, key = site.issue_charger_certificate("CP1")
    context = client_context(site, tmp_path, (info.pem, key))
    ws = await open_wss(tls_server.tls_port or 0, "CP1", context)
    await ports.admission.wait_connected("CP1")
    facts = ports.admission.tls_facts[-1]
    assert facts is not None and facts.common_name == "CP1"
    assert facts.version in ("TLSv1.2", "TLSv1.3")
    assert facts.fingerprint == info.fingerprint.replace(":", "").lower()
    await ws.close()


async def test_profile_2_charger_without_certificate_and_plain_beside_it(
    tls_server: CentralSystemServer, ports: Ports, site: SiteAuthority, tmp_path: Path
) -> None:
    headers = basic("CP2", "a-password-of-20-chars")
    ws = await open_wss(tls_server.tls_port or 0, "CP2", client_context(site, tmp_path), headers)
    await ports.admission.wait_connected("CP2")
    facts = ports.admission.tls_facts[-1]
    assert facts is not None and not facts.has_certificate
    assert ports.admission.handshakes[-1] == ("CP2", "CP2", "a-password-of-20-chars")
    # ws:// still listens on its own port, and tells the admission no TLS was used.
    plain = await open_ws(tls_server, "CP3")
    await ports.admission.wait_connected("CP3")
    assert ports.admission.tls_facts[-1] is None
    assert tls_server.is_connected("CP2") and tls_server.is_connected("CP3")
    await asyncio.gather(ws.close(), plain.close())


@pytest.mark.parametrize(
    ("issuer", "not_before", "reason"),
    [
        ("other", None, RefusalReason.TLS_UNKNOWN_CA),
        ("site", datetime.now(UTC) - timedelta(days=40), RefusalReason.TLS_EXPIRED),
    ],
    ids=["another CA", "expired"],
)
async def test_bad_client_certificate_is_a_recorded_tls_refusal(
    tls_server: CentralSystemServer,
    ports: Ports,
    site: SiteAuthority,
    other: SiteAuthority,
    tmp_path: Path,
    issuer: str,
    not_before: datetime | None,
    reason: RefusalReason,
) -> None:
    authority = other if issuer == "other" else site
    options: dict[str, Any] = {} if not_before is None else {"not_before": not_before, "days": 30}
    pem, key = charger_certificate(authority, "CP1", **options)
    with pytest.raises(Exception):  # noqa: B017 - TLS 1.3 fails at the first read
        ws = await open_wss(
            tls_server.tls_port or 0, "CP1", client_context(site, tmp_path, (pem, key))
        )
        await asyncio.wait_for(ws.recv(), WAIT)
    await _refused(ports, reason)
    assert not ports.admission.connected


async def test_plain_websocket_on_the_tls_port(
    tls_server: CentralSystemServer, ports: Ports
) -> None:
    _reader, writer = await asyncio.open_connection("127.0.0.1", tls_server.tls_port)
    writer.write(b"GET /ocpp/CP1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n")
    await _refused(ports, RefusalReason.TLS_NOT_TLS)
    writer.close()


async def test_idle_socket_times_out_and_a_port_check_is_not_recorded(
    make_server: ServerFactory, context: ssl.SSLContext, ports: Ports
) -> None:
    server = await _tls_server(make_server, context, tls_handshake_timeout=0.3)
    _probe_reader, probe = await asyncio.open_connection("127.0.0.1", server.tls_port)
    probe.close()  # a reachability check: connects and hangs up without a byte
    _reader, idle = await asyncio.open_connection("127.0.0.1", server.tls_port)
    await _refused(ports, RefusalReason.TLS_TIMEOUT)
    assert [r.reason for r in ports.admission.refusals] == [RefusalReason.TLS_TIMEOUT]
    idle.close()


async def test_plain_port_off_listens_on_wss_only(
    make_server: ServerFactory,
    context: ssl.SSLContext,
    ports: Ports,
    site: SiteAuthority,
    tmp_path: Path,
) -> None:
    server = await _tls_server(make_server, context, plain=False)
    assert server.plain_port is None and server.port == 0
    ws = await open_wss(server.tls_port or 0, "CP4", client_context(site, tmp_path))
    await ports.admission.wait_connected("CP4")
    await ws.close()
    nothing = await make_server(plain=False)
    assert nothing.plain_port is None and nothing.tls_port is None


async def test_flood_of_idle_sockets_is_bounded_and_a_charger_still_gets_in(
    make_server: ServerFactory,
    context: ssl.SSLContext,
    ports: Ports,
    site: SiteAuthority,
    tmp_path: Path,
) -> None:
    bound = 16
    server = await _tls_server(make_server, context, max_tls_handshakes=bound)
    tasks_before = len(asyncio.all_tasks())
    sockets = [await asyncio.open_connection("127.0.0.1", server.tls_port) for _ in range(200)]
    # The server accepts in order: once this charger is in, the flood was all taken.
    headers = basic("CP5", "a-password-of-20-chars")
    ws = await open_wss(server.tls_port or 0, "CP5", client_context(site, tmp_path), headers)
    await ports.admission.wait_connected("CP5")
    gate = server.tls_gate
    assert gate.dropped + len(gate) >= 200 and len(gate) <= bound
    assert len(asyncio.all_tasks()) <= tasks_before + bound + 4
    # The flood is one refusal record (and a log line), not 184 database writes.
    too_many = RefusalReason.TLS_TOO_MANY
    await ports.admission.wait(lambda: any(r.reason is too_many for r in ports.admission.refusals))
    assert [r.reason for r in ports.admission.refusals].count(too_many) == 1
    # A dropped socket is closed at once, even when its handshake never started.
    assert await asyncio.wait_for(sockets[0][0].read(), WAIT) == b""
    await ws.close()
    for _reader, writer in sockets:
        writer.close()


async def test_charger_that_does_not_trust_the_site_ca(
    tls_server: CentralSystemServer,
    ports: Ports,
    other: SiteAuthority,
    tmp_path: Path,
) -> None:
    with pytest.raises(ssl.SSLError):
        await open_wss(tls_server.tls_port or 0, "CP1", client_context(other, tmp_path))
    await ports.admission.wait(lambda: bool(ports.admission.refusals))
    # An OpenSSL client hangs up without an alert; others send "unknown CA".
    assert ports.admission.refusals[0].reason in (
        RefusalReason.TLS_HUNG_UP,
        RefusalReason.TLS_NOT_TRUSTED,
    )
