"""The OCPP 1.6 security extension of the simulator, against the test's small central system.

Real websockets on 127.0.0.1, real TLS (EC P-256 certificates made in the test), real
HTTP for firmware downloads and log uploads.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from aiohttp import web
from cryptography import x509
from cryptography.x509.oid import NameOID
from ocpp.v16 import call
from sim_helpers import iso
from sim_pki import Authority, expected_hash

from console.simulator import SimulatedCharger, run_fleet
from console.simulator.cli import _check, _security_options, add_arguments

if TYPE_CHECKING:
    from conftest import MiniCentral

Factory = Callable[..., SimulatedCharger]
KEY = "0123456789abcdef0123"  # a password of legal length (16..20 bytes)


@pytest.fixture(scope="module")
def site_ca() -> Authority:
    """The CA the central system's server certificate comes from (one per module)."""
    return Authority.create("Test site CA")


@pytest.fixture(scope="module")
def server_context(site_ca: Authority) -> Any:
    return site_ca.server_context(client_ca=site_ca)


@pytest.fixture
async def wss_url(central: MiniCentral, server_context: Any) -> str:
    return await central.start_tls(server_context)


class Files:
    """A small HTTP server on 127.0.0.1: serves firmware images, takes log uploads."""

    def __init__(self) -> None:
        self.images: dict[str, bytes] = {}
        self.uploads: dict[str, bytes] = {}
        self.base = ""

    async def get(self, request: web.Request) -> web.Response:
        """GET /fw/<name>: a firmware image."""
        image = self.images.get(request.match_info["name"])
        return web.Response(body=image) if image is not None else web.Response(status=404)

    async def post(self, request: web.Request) -> web.Response:
        """POST /logs/<name>: a multipart upload, kept by file name."""
        form = await request.post()
        upload = form["file"]
        assert isinstance(upload, web.FileField)
        self.uploads[upload.filename] = upload.file.read()
        return web.Response(text="ok")


@pytest.fixture
async def http_files() -> AsyncIterator[Files]:
    files = Files()
    app = web.Application()
    app.router.add_get("/fw/{name}", files.get)
    app.router.add_post("/logs/{name}", files.post)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    files.base = f"http://127.0.0.1:{port}"
    yield files
    await runner.cleanup()


async def change(central: MiniCentral, key: str, value: str, charger: str = "CP-1") -> str:
    reply = await central.call(charger, call.ChangeConfiguration(key=key, value=value))
    return str(reply.status)


def parse_cli(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def events(central: MiniCentral) -> list[str]:
    return [e["type"] for e in central.of("SecurityEventNotification")]


async def test_authorization_key_is_write_only_and_used_from_next_connection(
    central: MiniCentral, make_charger: Factory
) -> None:
    charger = make_charger(password=KEY)
    await charger.start()
    await charger.wait_booted()
    assert charger.security_profile == 1
    everything = await central.call("CP-1", call.GetConfiguration())
    keys = {k["key"]: k for k in everything.configuration_key}
    assert keys["AuthorizationKey"] == {"key": "AuthorizationKey", "readonly": False}
    assert keys["SecurityProfile"]["value"] == "1"
    assert keys["CpoName"]["value"] == "ChargeDesk"
    assert keys["AdditionalRootCertificateCheck"]["value"] == "false"
    for name in ("CertificateSignedMaxChainSize", "CertificateStoreMaxLength"):
        assert keys[name]["readonly"] is True
    asked = await central.call("CP-1", call.GetConfiguration(key=["AuthorizationKey"]))
    assert asked.configuration_key == [{"key": "AuthorizationKey", "readonly": False}]
    assert KEY not in str(everything) and "AuthorizationKey" not in charger.configuration

    assert await change(central, "AuthorizationKey", "short") == "Rejected"
    # The security extension writes the key as hexadecimal digits of the password.
    new_key = "fedcba9876543210fedc"
    assert await change(central, "AuthorizationKey", new_key.encode().hex()) == "Accepted"
    assert charger.password == new_key
    assert charger.connect_count == 1  # the key is for the next connection
    central.password = new_key
    await charger.go_offline()
    await charger.come_back()
    token = base64.b64encode(f"CP-1:{new_key}".encode()).decode()
    assert charger.connect_count == 2
    assert central.headers["CP-1"]["Authorization"] == f"Basic {token}"

    # Any bytes may be the password; a key that is not hex is the password as it is.
    raw = bytes(range(250, 256)) + b"0123456789abcd"
    assert await change(central, "AuthorizationKey", raw.hex()) == "Accepted"
    await charger.go_offline()
    central.password = None
    await charger.come_back()
    expected = base64.b64encode(b"CP-1:" + raw).decode()
    assert central.headers["CP-1"]["Authorization"] == f"Basic {expected}"
    assert await change(central, "AuthorizationKey", "plain password 17") == "Accepted"
    assert charger.password == "plain password 17"


async def test_profile_2_then_3_with_a_signed_certificate(
    central: MiniCentral, make_charger: Factory, site_ca: Authority, wss_url: str
) -> None:
    charger = make_charger(password=KEY, urls={2: wss_url, 3: wss_url})
    await charger.start()
    await charger.wait_booted()
    # Not yet: profile 2 needs a CentralSystemRootCertificate, 3 a charger certificate.
    assert await change(central, "SecurityProfile", "2") == "Rejected"

    install = call.InstallCertificate(
        certificate_type="CentralSystemRootCertificate", certificate=site_ca.pem
    )
    assert (await central.call("CP-1", install)).status == "Accepted"
    bad = call.InstallCertificate(
        certificate_type="CentralSystemRootCertificate", certificate="-----BEGIN nonsense"
    )
    assert (await central.call("CP-1", bad)).status == "Rejected"
    ids = await central.call(
        "CP-1", call.GetInstalledCertificateIds(certificate_type="CentralSystemRootCertificate")
    )
    assert ids.status == "Accepted"
    assert ids.certificate_hash_data == [expected_hash(site_ca.pem)]
    none = await central.call(
        "CP-1", call.GetInstalledCertificateIds(certificate_type="ManufacturerRootCertificate")
    )
    assert none.status == "NotFound"

    assert await change(central, "SecurityProfile", "3") == "Rejected"
    assert await change(central, "SecurityProfile", "2") == "Accepted"
    await central.wait_for(lambda: central.tls.get("CP-1") and "CP-1" in central.points)
    await charger.wait_booted()
    assert charger.security_profile == 2 and charger.endpoint.startswith("wss://")
    assert central.headers["CP-1"]["Authorization"].startswith("Basic ")
    assert await change(central, "SecurityProfile", "1") == "Rejected"  # never downgrade

    # The last root cannot go while TLS depends on it.
    delete = call.DeleteCertificate(certificate_hash_data=expected_hash(site_ca.pem))
    assert (await central.call("CP-1", delete)).status == "Failed"

    # A certificate for the wrong key is refused; one for our CSR is taken.
    stranger, _ = site_ca.client("CP-1")
    assert (await central.call("CP-1", call.CertificateSigned(stranger))).status == "Rejected"
    trigger = call.ExtendedTriggerMessage(requested_message="SignChargePointCertificate")
    assert (await central.call("CP-1", trigger)).status == "Accepted"
    request = await central.wait_for(lambda: central.of("SignCertificate"))
    csr = x509.load_pem_x509_csr(request[0]["csr"].encode())
    assert csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "CP-1"
    assert csr.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "ChargeDesk"
    wrong_name = site_ca.sign_csr(request[0]["csr"], common_name="CP-2")
    assert (await central.call("CP-1", call.CertificateSigned(wrong_name))).status == "Rejected"
    chain = site_ca.sign_csr(request[0]["csr"])
    assert (await central.call("CP-1", call.CertificateSigned(chain))).status == "Accepted"
    assert charger.certificates.charge_point is not None

    assert await change(central, "SecurityProfile", "3") == "Accepted"
    await central.wait_for(lambda: central.peer_certs.get("CP-1") and "CP-1" in central.points)
    await charger.wait_booted()
    subject = dict(pair[0] for pair in central.peer_certs["CP-1"]["subject"])  # type: ignore[index]
    assert subject["commonName"] == "CP-1"
    assert "Authorization" not in central.headers["CP-1"]  # the certificate is the credential
    assert charger.security_log[-1].type == "ReconfigurationOfSecurityParameters"


async def test_failed_new_profile_falls_back_to_the_old_one(
    central: MiniCentral, make_charger: Factory, wss_url: str
) -> None:
    stranger_ca = Authority.create("Someone else's CA")
    charger = make_charger(
        password=KEY,
        urls={2: wss_url},
        ca=stranger_ca.pem,
        profile_attempts=2,
        security_events="all",
    )
    await charger.start()
    await charger.wait_booted()
    assert await change(central, "SecurityProfile", "2") == "Accepted"
    # The server's certificate is not from a trusted CA: two failures, then back to 1.
    await charger.wait_for(lambda: charger.security_profile == 1 and charger.accepted)
    assert charger.connect_count == 2 and central.tls["CP-1"] is False
    await central.wait_for(lambda: "InvalidCentralSystemCertificate" in events(central))
    await central.wait_for(
        lambda: events(central).count("ReconfigurationOfSecurityParameters") == 2
    )
    assert "back to profile 1" in central.of("SecurityEventNotification")[-1]["tech_info"]


async def test_certificate_store_full_and_delete(
    central: MiniCentral, make_charger: Factory, site_ca: Authority
) -> None:
    charger = make_charger(certificate_store_max_length=2)
    await charger.start()
    await charger.wait_booted()
    roots = [site_ca, Authority.create("Manufacturer"), Authority.create("Third")]

    async def install(kind: str, authority: Authority) -> str:
        reply = await central.call(
            "CP-1", call.InstallCertificate(certificate_type=kind, certificate=authority.pem)
        )
        return str(reply.status)

    assert await install("CentralSystemRootCertificate", roots[0]) == "Accepted"
    assert await install("ManufacturerRootCertificate", roots[1]) == "Accepted"
    assert await install("ManufacturerRootCertificate", roots[2]) == "Failed"  # store full

    wanted = expected_hash(roots[1].pem) | {"issuer_key_hash": "X"}
    delete = call.DeleteCertificate(certificate_hash_data=wanted)
    assert (await central.call("CP-1", delete)).status == "NotFound"
    upper = {k: v.upper() for k, v in expected_hash(roots[1].pem).items()}
    delete = call.DeleteCertificate(certificate_hash_data=upper)  # hex in any case
    assert (await central.call("CP-1", delete)).status == "Accepted"
    assert (await central.call("CP-1", delete)).status == "NotFound"
    assert await install("ManufacturerRootCertificate", roots[2]) == "Accepted"
    # Profile 0: the last CentralSystemRootCertificate is not in use and may go.
    delete = call.DeleteCertificate(certificate_hash_data=expected_hash(roots[0].pem))
    assert (await central.call("CP-1", delete)).status == "Accepted"


async def test_extended_trigger_message(central: MiniCentral, booted: SimulatedCharger) -> None:
    async def trigger(message: str, connector_id: int | None = None) -> str:
        reply = await central.call(
            "CP-1",
            call.ExtendedTriggerMessage(requested_message=message, connector_id=connector_id),
        )
        return str(reply.status)

    for message, answer in (
        ("BootNotification", "BootNotification"),
        ("Heartbeat", "Heartbeat"),
        ("StatusNotification", "StatusNotification"),
        ("FirmwareStatusNotification", "SignedFirmwareStatusNotification"),
        ("LogStatusNotification", "LogStatusNotification"),
    ):
        n = len(central.of(answer))
        assert await trigger(message) == "Accepted"
        await central.wait_for(lambda a=answer, n=n: len(central.of(a)) > n)  # type: ignore[misc]
    assert central.of("SignedFirmwareStatusNotification")[-1] == {"status": "Idle"}
    assert central.of("LogStatusNotification")[-1] == {"status": "Idle"}
    await booted.start_session(1, "CARD")
    n = len(central.of("MeterValues"))
    assert await trigger("MeterValues", 1) == "Accepted"
    await central.wait_for(lambda: len(central.of("MeterValues")) > n)
    assert await trigger("StatusNotification", 9) == "Rejected"


async def test_get_log_uploads_the_security_log(
    central: MiniCentral, make_charger: Factory, http_files: Files
) -> None:
    charger = make_charger()
    await charger.start()
    await charger.wait_booted()
    charger.send_security_event("TamperDetectionActivated", "lid opened")
    reply = await central.call(
        "CP-1",
        call.GetLog(
            log={"remoteLocation": f"{http_files.base}/logs/"}, log_type="SecurityLog", request_id=7
        ),
    )
    assert reply.status == "Accepted"
    await central.wait_for(lambda: len(central.of("LogStatusNotification")) == 2)
    assert central.of("LogStatusNotification") == [
        {"status": "Uploading", "request_id": 7},
        {"status": "Uploaded", "request_id": 7},
    ]
    uploaded = http_files.uploads[reply.filename]
    assert b"StartupOfTheDevice" in uploaded and b"TamperDetectionActivated lid opened" in uploaded

    failing = call.GetLog(
        log={"remoteLocation": f"{http_files.base}/nowhere/"},
        log_type="DiagnosticsLog",
        request_id=8,
    )
    await central.call("CP-1", failing)
    await central.wait_for(lambda: len(central.of("LogStatusNotification")) == 4)
    assert central.of("LogStatusNotification")[-1] == {"status": "UploadFailure", "request_id": 8}


async def test_signed_firmware_update(
    central: MiniCentral, make_charger: Factory, http_files: Files
) -> None:
    maker = Authority.create("Manufacturer")
    charger = make_charger(security_events="critical")
    await charger.start()
    await charger.wait_booted()
    install = call.InstallCertificate(
        certificate_type="ManufacturerRootCertificate", certificate=maker.pem
    )
    assert (await central.call("CP-1", install)).status == "Accepted"
    image = b"firmware image 2.1"
    http_files.images["fw-2.1.bin"] = http_files.images["evil.bin"] = image
    signing, signature = maker.sign_firmware(image)

    def firmware(name: str, cert: str = signing, sig: str = signature) -> dict[str, Any]:
        return {
            "location": f"{http_files.base}/fw/{name}",
            "retrieveDateTime": iso(),
            "signingCertificate": cert,
            "signature": sig,
        }

    def statuses(request_id: int) -> list[str]:
        found = central.of("SignedFirmwareStatusNotification")
        return [s["status"] for s in found if s.get("request_id") == request_id]

    update = call.SignedUpdateFirmware(request_id=1, firmware=firmware("fw-2.1.bin"))
    assert (await central.call("CP-1", update)).status == "Accepted"
    await central.wait_for(lambda: "Installed" in statuses(1))
    assert statuses(1) == [
        "Downloading",
        "Downloaded",
        "SignatureVerified",
        "Installing",
        "Installed",
    ]
    assert central.of("BootNotification")[-1]["firmware_version"] == "fw-2.1"
    assert charger.firmware_image == image
    await central.wait_for(lambda: "FirmwareUpdated" in events(central))

    other, bad_signature = maker.sign_firmware(b"another image")
    tampered = call.SignedUpdateFirmware(
        request_id=2, firmware=firmware("evil.bin", other, bad_signature)
    )
    assert (await central.call("CP-1", tampered)).status == "Accepted"
    await central.wait_for(lambda: "InvalidSignature" in statuses(2))
    assert statuses(2) == ["Downloading", "Downloaded", "InvalidSignature"]
    assert charger.security_log[-1].type == "InvalidFirmwareSignature"

    unknown_signer, sig = Authority.create("Nobody").sign_firmware(image)
    refused = call.SignedUpdateFirmware(
        request_id=3, firmware=firmware("fw-2.1.bin", unknown_signer, sig)
    )
    assert (await central.call("CP-1", refused)).status == "InvalidCertificate"


async def test_security_events_are_queued_while_offline(
    central: MiniCentral, make_charger: Factory
) -> None:
    charger = make_charger(security_events="critical")
    await charger.start()
    await central.wait_for(lambda: events(central) == ["StartupOfTheDevice"])
    await charger.wait_for(lambda: not charger.queued_security_events)
    startup = central.of("SecurityEventNotification")[0]
    assert startup["timestamp"] and startup["tech_info"] == "power-up"

    await charger.go_offline()
    charger.send_security_event("TamperDetectionActivated", "cabinet opened")
    charger.set_clock(120.0)
    charger._security_event("InvalidMessages", None)  # not critical: logged only
    assert [e.type for e in charger.queued_security_events] == [
        "TamperDetectionActivated",
        "SettingSystemTime",
    ]
    await charger.come_back()
    await central.wait_for(lambda: len(events(central)) == 3)
    assert events(central)[1:] == ["TamperDetectionActivated", "SettingSystemTime"]

    assert (await central.call("CP-1", call.Reset(type="Soft"))).status == "Accepted"
    await central.wait_for(lambda: "ResetOrReboot" in events(central))
    assert central.of("SecurityEventNotification")[-1]["tech_info"].startswith("Soft reset")
    assert "InvalidMessages" in charger.security_log_text().decode()


async def test_profile_3_from_the_start(
    central: MiniCentral, make_charger: Factory, site_ca: Authority, wss_url: str
) -> None:
    cert, key = site_ca.client("CP-9")
    charger = make_charger("CP-9", url=wss_url, ca=site_ca.pem, cert=cert, key=key)
    assert charger.security_profile == 3
    await charger.start()
    await charger.wait_booted()
    assert central.tls["CP-9"] is True and central.peer_certs["CP-9"] is not None
    with pytest.raises(ValueError, match="cert and key"):
        SimulatedCharger("CP-8", wss_url, cert=cert)


async def test_fleet_on_wss_with_a_certificate_per_charger(
    central: MiniCentral, site_ca: Authority, wss_url: str, tmp_path: Path
) -> None:
    (tmp_path / "ca.pem").write_text(site_ca.pem)
    for charger_id in ("TLS-001", "TLS-002"):
        cert, key = site_ca.client(charger_id)
        (tmp_path / f"{charger_id}.crt").write_text(cert)
        (tmp_path / f"{charger_id}.key").write_text(key)
    args = parse_cli(
        "--url",
        wss_url,
        "--chargers",
        "2",
        "--id-prefix",
        "TLS-",
        "--no-sessions",
        "--ca-file",
        str(tmp_path / "ca.pem"),
        "--security-profile",
        "3",
        "--cert",
        str(tmp_path / "{id}.crt"),
        "--key",
        str(tmp_path / "{id}.key"),
    )
    assert _check(args) is None
    stop = asyncio.Event()
    fleet = asyncio.create_task(
        run_fleet(
            args.url,
            chargers=2,
            id_prefix="TLS-",
            auto_sessions=False,
            ramp=0.0,
            stop=stop,
            reconnect_delay=0.02,
            **_security_options(args),
        )
    )
    # A StatusNotification comes once the boot was accepted.
    await central.wait_for(
        lambda: (
            {m.charger_id for m in central.messages if m.action == "StatusNotification"}
            == {"TLS-001", "TLS-002"}
        )
    )
    stop.set()
    report = await fleet
    assert report.booted == 2
    names = {
        dict(pair[0] for pair in cert["subject"])["commonName"]  # type: ignore[index]
        for cert in central.peer_certs.values()
    }
    assert names == {"TLS-001", "TLS-002"}

    one_cert = parse_cli(
        "--url",
        wss_url,
        "--chargers",
        "2",
        "--cert",
        str(tmp_path / "TLS-001.crt"),
        "--key",
        str(tmp_path / "TLS-001.key"),
    )
    assert "--chargers 1" in str(_check(one_cert))
    missing = parse_cli("--url", wss_url, "--ca-file", str(tmp_path / "none.pem"))
    assert "no such file" in str(_check(missing))
    assert "together" in str(_check(parse_cli("--url", wss_url, "--cert", "x.pem")))
