"""The opening handshake: paths, subprotocols and Basic auth verdicts."""

from __future__ import annotations

import base64

import pytest
from protocol_helpers import SUBPROTOCOL, Ports, basic, exchange, open_ws
from websockets.exceptions import InvalidStatus

from console.core.enums import RefusalReason
from console.protocol.handshake import (
    basic_credentials,
    charger_id_from_path,
    choose_subprotocol,
    format_peer,
)
from console.protocol.ports import HandshakeVerdict
from console.protocol.server import CentralSystemServer


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/ocpp/CP1", "CP1"),
        ("/CP1", "CP1"),
        ("/ocpp/CP%201", "CP 1"),
        ("/ocpp/caf%C3%A9?token=1", "café"),
        ("/", None),
        ("/ocpp", None),
        ("/ocpp/", None),
        ("/ocpp/CP1/", None),
        ("/ocpp/a/b", None),
        ("/other/CP1", None),
        ("/ocpp/a%2Fb", None),
        ("/ocpp/%FF", None),
        ("/ocpp/%0A", None),
        ("", None),
    ],
)
def test_charger_id_from_path(path: str, expected: str | None) -> None:
    assert charger_id_from_path(path) == expected


def test_basic_credentials() -> None:
    def header(raw: bytes) -> str:
        return "Basic " + base64.b64encode(raw).decode()

    assert basic_credentials(None) == (None, None)
    assert basic_credentials(header(b"CP1:s3cr:et")) == ("CP1", "s3cr:et")
    assert basic_credentials(header(b"CP1")) == ("CP1", None)
    assert basic_credentials(header(b"CP1:")) == ("CP1", "")
    assert basic_credentials(header(b"CP1:\xff\xfe")) == ("CP1", "\xff\xfe")
    assert basic_credentials("basic " + base64.b64encode(b"a:b").decode()) == ("a", "b")
    assert basic_credentials("Bearer abc") == (None, None)
    assert basic_credentials("Basic !!!notbase64") == (None, None)


def test_choose_subprotocol_follows_client_order() -> None:
    assert choose_subprotocol(["ocpp2.0.1", "ocpp1.6"], ["ocpp1.6", "ocpp2.0.1"]) == "ocpp2.0.1"
    assert choose_subprotocol(["ocpp1.6", "ocpp2.0.1"], ["ocpp2.0.1", "ocpp1.6"]) == "ocpp1.6"
    assert choose_subprotocol(["ocpp1.5"], ["ocpp1.6"]) is None
    assert choose_subprotocol([], ["ocpp1.6"]) is None


def test_format_peer() -> None:
    assert format_peer(("127.0.0.1", 5000)) == "127.0.0.1:5000"
    assert format_peer(("::1", 5000, 0, 0)) == "[::1]:5000"
    assert format_peer(None) is None


@pytest.mark.parametrize("prefix", ["/ocpp/", "/"])
async def test_both_path_forms_are_accepted(
    server: CentralSystemServer, ports: Ports, prefix: str
) -> None:
    async with await open_ws(server, "CP-7", prefix=prefix) as ws:
        await ports.admission.wait_connected("CP-7")
        assert server.is_connected("CP-7")
        assert ws.subprotocol == SUBPROTOCOL
        reply = await exchange(ws, [2, "1", "Heartbeat", {}])
        assert reply[0] == 3
    assert ports.admission.handshakes == [("CP-7", None, None)]


@pytest.mark.parametrize("path", ["/ocpp/", "/ocpp/CP1/extra", "/a/b/c"])
async def test_bad_path_is_404_and_recorded(
    server: CentralSystemServer, ports: Ports, path: str
) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await open_ws(server, "", prefix=path)
    assert refused.value.response.status_code == 404
    (refusal,) = ports.admission.refusals
    assert (refusal.charger_id, refusal.reason, refusal.path, refusal.http_status) == (
        None,
        RefusalReason.BAD_PATH,
        path,
        404,
    )
    assert refusal.peer is not None and refusal.peer.startswith("127.0.0.1:")
    assert ports.admission.handshakes == []


async def test_subprotocol_in_client_order(ports: Ports, make_server) -> None:
    # A second dialect under another name shows that the client's order wins.
    from dataclasses import replace

    from console.protocol.ocpp16 import OCPP16

    fake_201 = replace(OCPP16, subprotocol="ocpp2.0.1")
    server = await make_server(dialects=[OCPP16, fake_201])
    async with await open_ws(server, "A", subprotocols=["ocpp2.0.1", "ocpp1.6"]) as ws:
        assert ws.subprotocol == "ocpp2.0.1"
    async with await open_ws(server, "B", subprotocols=["x", "ocpp1.6", "ocpp2.0.1"]) as ws:
        assert ws.subprotocol == "ocpp1.6"


@pytest.mark.parametrize("offered", [[], ["ocpp1.5", "ocpp2.0"]])
async def test_no_common_subprotocol_is_refused(
    server: CentralSystemServer, ports: Ports, offered: list[str]
) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await open_ws(server, "CP1", subprotocols=offered)
    assert refused.value.response.status_code == 400
    (refusal,) = ports.admission.refusals
    assert (refusal.charger_id, refusal.reason) == ("CP1", RefusalReason.NO_SUBPROTOCOL)
    assert refusal.peer is not None and refusal.peer.startswith("127.0.0.1:")
    # The admission never heard of it: it must not register a charger it cannot talk to.
    assert ports.admission.handshakes == []


async def test_basic_auth_is_passed_to_admission(server: CentralSystemServer, ports: Ports) -> None:
    async with await open_ws(server, "CP1", headers=basic("CP1", "pa:ss")):
        await ports.admission.wait_connected("CP1")
    assert ports.admission.handshakes == [("CP1", "CP1", "pa:ss")]


@pytest.mark.parametrize(
    ("verdict", "status"),
    [
        (HandshakeVerdict.refuse(RefusalReason.WRONG_PASSWORD, 401), 401),
        (HandshakeVerdict.refuse(RefusalReason.MISSING_PASSWORD, 401), 401),
        (HandshakeVerdict.refuse(RefusalReason.UNKNOWN_CHARGER, 404), 404),
        (HandshakeVerdict.refuse(RefusalReason.REJECTED_CHARGER, 403), 403),
    ],
)
async def test_refused_verdicts_become_http_responses(
    server: CentralSystemServer, ports: Ports, verdict: HandshakeVerdict, status: int
) -> None:
    ports.admission.verdicts["CP1"] = verdict
    with pytest.raises(InvalidStatus) as refused:
        await open_ws(server, "CP1", headers=basic("CP1", "nope"))
    response = refused.value.response
    assert response.status_code == status
    if status == 401:
        assert response.headers["WWW-Authenticate"] == 'Basic realm="ChargeDesk"'
    else:
        assert "WWW-Authenticate" not in response.headers
    # The body does not tell a stranger why (ids could be guessed); the log does.
    assert verdict.reason is not None
    assert verdict.reason.value.encode() not in response.body
    (refusal,) = ports.admission.refusals
    assert (refusal.charger_id, refusal.reason, refusal.path, refusal.http_status) == (
        "CP1",
        verdict.reason,
        "/ocpp/CP1",
        status,
    )
    assert refusal.peer is not None and refusal.peer.startswith("127.0.0.1:")
    assert not server.is_connected("CP1") and ports.admission.connected == []


@pytest.mark.parametrize("raw_id", ["CP1%20", "%D0%A1%D0%A01", "%2E%2E", "A" * 49])
async def test_ids_outside_the_rules_never_reach_the_admission(
    server: CentralSystemServer, ports: Ports, raw_id: str
) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await open_ws(server, raw_id, headers=basic("CP1", "secret"))
    assert refused.value.response.status_code == 401
    (refusal,) = ports.admission.refusals
    assert refusal.reason is RefusalReason.INVALID_ID
    # Recorded as it can be read without doubt: look-alike letters and spaces encoded.
    shown = refusal.charger_id
    assert shown is not None and shown.isascii() and shown.isprintable() and " " not in shown
    assert (refusal.username, refusal.subprotocols) == ("CP1", (SUBPROTOCOL,))
    assert ports.admission.handshakes == []


async def test_the_verdicts_id_keys_the_connection(
    server: CentralSystemServer, ports: Ports
) -> None:
    # The admission knows this charger as "CP1": a connection as "cp1" is that charger.
    ports.admission.verdicts["cp1"] = HandshakeVerdict.accept("CP1")
    async with await open_ws(server, "cp1"):
        await ports.admission.wait_connected("CP1")
        assert server.connected_ids() == ["CP1"]
    assert ports.admission.connected[0][0] == "CP1"
