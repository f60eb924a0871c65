"""The site CA and chargers' security over the API: the CA's facts and its certificate
(the same files as `chargedesk ca export`), a charger's security facts with a real
simulated charger (its security event, a certificate the site CA issued to it), the root
certificates it holds, and the admin's move down; roles, validation, 404s, audit."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from typing import Any

from console.cli import main as cli_main
from console.core.audit import AuditEntry
from console.core.staff import Role
from console.storage import audit
from tests.actors import TECHNICIAN
from tests.api.api_helpers import ApiClient, ApiSite
from tests.api.charging_helpers import booted, until
from tests.api.conftest import ChargerFactory


async def _entries(api_site: ApiSite, prefix: str) -> list[AuditEntry]:
    entries = await api_site.engine.writer.submit(
        lambda c: audit.entries(c, audit.AuditFilter(action=prefix), limit=None)
    )
    return list(reversed(entries))


async def test_the_site_ca_facts_and_files_are_the_command_lines(
    api_site: ApiSite, tmp_path: Path
) -> None:
    viewer = await api_site.as_role(Role.VIEWER)
    facts = await viewer.get("/api/site-ca")
    assert facts.status == 200, facts.body
    assert facts.body["available"] and not facts.body["own_pki"]
    ca, server = facts.body["ca"], facts.body["server"]
    assert ca["days_left"] > 3000 and server["days_left"] > 300
    assert facts.body["signing"] is None and facts.body["warnings"] == []
    assert "pem" not in ca and "key" not in str(facts.body).lower()

    pem = await api_site.anonymous.get("/api/site-ca.pem")  # public, as a new desk needs it
    assert pem.status == 200
    assert pem.headers["Content-Type"].startswith("application/x-pem-file")
    assert pem.raw.startswith(b"-----BEGIN CERTIFICATE-----")
    der = await api_site.anonymous.get("/api/site-ca.der")
    assert der.status == 200 and der.headers["Content-Type"] == "application/pkix-cert"
    assert hashlib.sha256(der.raw).hexdigest() == ca["fingerprint"]
    # The CA the API answers with is the one this client trusts for its HTTPS.
    assert pem.raw == (api_site.folder / "pki" / "ca.pem").read_bytes()

    url = api_site.engine.config.database_url
    pki = str(api_site.folder / "pki")
    for name, reply in (("ca.pem", pem), ("ca.der", der)):
        target = tmp_path / name
        args = ["ca", "export", str(target), "--pki-dir", pki, "--db", url]
        assert await asyncio.to_thread(cli_main, args) == 0
        assert target.read_bytes() == reply.raw


async def _wait_security(client: ApiClient, charger_id: str, check: Any) -> dict[str, Any]:
    async def read() -> dict[str, Any] | None:
        reply = await client.get(f"/api/chargers/{charger_id}/security")
        assert reply.status == 200, reply.body
        return reply.body if check(reply.body) else None

    found: dict[str, Any] = await until(read)
    return found


async def test_a_chargers_security_facts(api_site: ApiSite, make_charger: ChargerFactory) -> None:
    authority = api_site.engine.authority
    assert authority is not None
    charger = await booted(make_charger, "CP-SEC", ca=authority.ca_pem())
    viewer = await api_site.as_role(Role.VIEWER)
    facts = await viewer.get("/api/chargers/cp-sec/security")
    assert facts.status == 200, facts.body
    assert facts.body["charger_id"] == "CP-SEC"
    assert facts.body["required_profile"] == 0 and facts.body["connected_profile"] == 0
    assert not facts.body["has_password"]
    assert facts.body["issued_certificates"] == [] and facts.body["events"] == []

    charger.send_security_event("TamperDetectionActivated", "door opened")
    facts_now = await _wait_security(viewer, "CP-SEC", lambda body: body["events"])
    [event] = facts_now["events"]
    assert event["kind"] == "TamperDetectionActivated" and event["tech_info"] == "door opened"
    assert event["severity"] == "critical"

    result = await api_site.engine.security.request_charger_certificate(
        "CP-SEC", actor=TECHNICIAN, timeout=5.0
    )
    assert result.succeeded, result.message
    issued = await viewer.get("/api/chargers/CP-SEC/security")
    [certificate] = issued.body["issued_certificates"]
    assert result.certificate is not None
    assert certificate["serial"] == result.certificate.serial
    assert certificate["pem"].startswith("-----BEGIN CERTIFICATE-----")
    assert "CN=CP-SEC" in certificate["subject"]

    assert (await viewer.get("/api/chargers/NOPE/security")).status == 404


async def test_the_root_certificates_a_charger_holds(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    authority = api_site.engine.authority
    assert authority is not None
    await booted(make_charger, "CP-CA", ca=authority.ca_pem())
    tech = await api_site.as_role(Role.TECHNICIAN)
    path = "/api/chargers/CP-CA/security/installed-certificates"
    held = await tech.post(path, json={})
    assert held.status == 200, held.body
    assert held.body["outcome"]["effect"] == "done", held.body["outcome"]
    assert held.body["outcome"]["action"] == "GetInstalledCertificateIds"
    [certificate] = held.body["certificates"]
    assert certificate["hash_algorithm"] == "SHA256" and certificate["serial_number"]
    manufacturer = await tech.post(path, json={"certificate_type": "ManufacturerRootCertificate"})
    assert manufacturer.status == 200 and manufacturer.body["certificates"] == []
    assert manufacturer.body["outcome"]["status"] == "NotFound"

    assert (await tech.post(path, json={"certificate_type": "Other"})).status == 422
    assert (await tech.post(path, json={"hash": "SHA256"})).status == 422
    desk = await api_site.as_role(Role.DESK)
    refused = await desk.post(path, json={})
    assert refused.status == 403 and refused.problem["needs_role"] == "technician"
    unknown = await tech.post("/api/chargers/NOPE/security/installed-certificates", json={})
    assert unknown.status == 404

    assert (await tech.post("/api/chargers", json={"id": "CP-OFF"})).status == 201
    offline = await tech.post("/api/chargers/CP-OFF/security/installed-certificates", json={})
    assert offline.status == 200 and offline.body["certificates"] == []
    assert offline.body["outcome"]["result"] == "offline"

    entries = [(e.target, e.origin, e.place) for e in await _entries(api_site, "charger.cert")]
    assert entries == [
        ("CP-CA", "api", "127.0.0.1"),
        ("CP-CA", "api", "127.0.0.1"),
        ("CP-OFF", "api", "127.0.0.1"),
    ]


async def test_an_admin_moves_a_charger_down(api_site: ApiSite) -> None:
    tech = await api_site.as_role(Role.TECHNICIAN)
    assert (await tech.post("/api/chargers", json={"id": "CP-LOW"})).status == 201
    raised = await api_site.engine.admission.set_security_profile("CP-LOW", 3, actor=TECHNICIAN)
    assert raised.security_profile == 3
    path = "/api/chargers/CP-LOW/security/move-down"
    refused = await tech.post(path, json={"profile": 0})
    assert refused.status == 403 and refused.problem["needs_role"] == "admin"
    admin = await api_site.as_role(Role.ADMIN)
    assert (await admin.post(path, json={"profile": 3})).status == 422
    assert (await admin.post(path, json={"profile": -1})).status == 422
    assert (
        await admin.post("/api/chargers/NOPE/security/move-down", json={"profile": 0})
    ).status == 404

    lowered = await admin.post(path, json={"profile": 0})
    assert lowered.status == 200, lowered.body
    assert lowered.body["required_profile"] == 0
    again = await admin.post(path, json={"profile": 0})
    assert again.status == 409 and "not above 0" in again.problem["detail"]
    [entry] = await _entries(api_site, "charger.security_profile_down")
    assert (entry.target, entry.origin, entry.actor) == ("CP-LOW", "api", "admin")
    assert entry.before == {"security_profile": 3} and entry.after == {"security_profile": 0}


async def test_without_a_site_ca_the_facts_say_so(api_site: ApiSite) -> None:
    engine = api_site.engine
    authority = engine.authority
    engine.authority = None  # as an engine started without a TLS port has it
    try:
        viewer = await api_site.as_role(Role.VIEWER)
        facts = await viewer.get("/api/site-ca")
        assert facts.status == 200 and not facts.body["available"]
        assert facts.body["ca"] is None and "TLS port" in facts.body["warnings"][0]
        der = await api_site.anonymous.get("/api/site-ca.der")
        assert der.status == 404 and der.problem["type"].endswith("no-site-ca")
    finally:
        engine.authority = authority
