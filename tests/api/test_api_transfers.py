"""Diagnostics, logs and firmware through the API with simulated chargers over real
websockets and ChargeDesk's real file endpoint: the upload arrives and downloads again,
firmware is installed, roles and inputs are checked, each request is audited."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from console.core.staff import Role
from console.simulator.charger import SimulatedCharger
from tests.actors import ADMIN
from tests.api.api_helpers import ApiClient, ApiSite
from tests.api.api_helpers import started_charger as _booted
from tests.api.conftest import ChargerFactory

OCTETS = {"Content-Type": "application/octet-stream"}


def _replied(charger: SimulatedCharger, action: str, count: int) -> Callable[[], bool]:
    return lambda: sum(r.action == action and r.error is None for r in charger.replies) >= count


async def _finished(client: ApiClient, transfer_id: int, timeout: float = 15.0) -> dict[str, Any]:
    """The transfer once it is finished, polled through the API with a deadline."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        reply = await client.get(f"/api/transfers/{transfer_id}")
        assert reply.status == 200, reply.body
        if reply.body["finished"]:
            return dict(reply.body)
        assert asyncio.get_running_loop().time() < deadline, reply.body
        await asyncio.sleep(0.05)


async def _audit(api_site: ApiSite, action: str) -> list[Any]:
    entries = await api_site.engine.audit.entries(actor=ADMIN, limit=100)
    return [entry for entry in entries if entry.action == action]


async def test_diagnostics_upload_arrives_and_downloads_again(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    reply = await tech.post("/api/transfers/diagnostics", json={"charger_ids": ["cp-1"]})
    assert reply.status == 200, reply.body
    (request,) = reply.body
    assert request["charger_id"] == "CP-1" and request["accepted"] is True
    assert request["outcome"]["action"] == "GetDiagnostics"
    assert request["outcome"]["reply"]["fileName"].endswith(".log")
    await charger.wait_for(_replied(charger, "DiagnosticsStatusNotification", 2))
    transfer = await _finished(tech, request["transfer_id"])
    assert transfer["status"] == "Uploaded" and transfer["succeeded"] and transfer["received"]
    assert "***" in transfer["url"]
    assert charger.uploaded is not None
    name, data = charger.uploaded
    assert transfer["file_name"] == name and transfer["file_size"] == len(data)

    download = await tech.get(f"/api/transfers/{request['transfer_id']}/file")
    assert download.status == 200
    assert download.raw == data
    assert name in download.headers["Content-Disposition"]
    viewer = await api_site.as_role(Role.VIEWER)
    refused = await viewer.get(f"/api/transfers/{request['transfer_id']}/file")
    assert refused.status == 403

    listed = await viewer.get(
        "/api/transfers", params={"charger_id": "CP-1", "kind": "diagnostics"}
    )
    assert [t["id"] for t in listed.body["items"]] == [request["transfer_id"]]
    assert listed.body["next_offset"] is None
    received = await viewer.get("/api/transfers", params={"kind": "firmware"})
    assert received.body["items"] == []
    (asked,) = await _audit(api_site, "transfer.request")
    assert asked.origin == "api" and asked.target == "CP-1"


async def test_a_log_is_requested_and_uploaded(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    reply = await tech.post(
        "/api/transfers/logs", json={"charger_ids": ["CP-1"], "log_type": "SecurityLog"}
    )
    assert reply.status == 200, reply.body
    (request,) = reply.body
    assert request["accepted"], request
    await charger.wait_for(_replied(charger, "LogStatusNotification", 2))
    transfer = await _finished(tech, request["transfer_id"])
    assert transfer["kind"] == "log" and transfer["status"] == "Uploaded"


async def test_firmware_sent_as_a_file_is_installed(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    image = b"FIRMWARE-IMAGE-2.1\n" * 2000
    reply = await tech.post(
        "/api/transfers/firmware",
        params={"name": "fw-2.1.bin", "charger_id": "CP-1"},
        data=image,
        headers=OCTETS,
    )
    assert reply.status == 200, reply.body
    (request,) = reply.body
    assert request["accepted"] and request["outcome"]["action"] == "UpdateFirmware"
    transfer = await _finished(tech, request["transfer_id"], timeout=30)
    assert transfer["status"] == "Installed" and transfer["file_name"] == "fw-2.1.bin"
    assert charger.firmware_image == image and charger.firmware == "fw-2.1"


async def test_firmware_that_is_not_text_is_taken_byte_for_byte(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    image = bytes(range(256)) * 100
    reply = await tech.post(
        "/api/transfers/firmware",
        params={"name": "fw-3.0.bin", "charger_id": "CP-1"},
        data=image,
        headers=OCTETS,
    )
    assert reply.status == 200, reply.body
    await _finished(tech, reply.body[0]["transfer_id"], timeout=30)
    assert charger.firmware_image == image


async def test_firmware_inputs_roles_and_unknown_chargers(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    desk = await api_site.as_role(Role.DESK)
    params = {"name": "fw.bin", "charger_id": "CP-1"}
    refused = await desk.post("/api/transfers/firmware", params=params, data=b"x", headers=OCTETS)
    assert refused.status == 403 and refused.problem["needs_role"] == "technician"
    tech = await api_site.as_role(Role.TECHNICIAN)
    path_name = await tech.post(
        "/api/transfers/firmware",
        params={"name": "../etc/passwd", "charger_id": "CP-1"},
        data=b"x",
        headers=OCTETS,
    )
    assert path_name.status == 422 and path_name.problem["errors"][0]["field"] == "query.name"
    empty = await tech.post("/api/transfers/firmware", params=params, data=b"", headers=OCTETS)
    assert empty.status == 422 and "empty" in empty.problem["detail"]
    as_json = await tech.post("/api/transfers/firmware", params=params, json={"x": 1})
    assert as_json.status == 415
    unknown = await tech.post(
        "/api/transfers/firmware",
        params={"name": "fw.bin", "charger_id": "NOPE"},
        data=b"x",
        headers=OCTETS,
    )
    assert unknown.status == 404
    no_charger = await tech.post(
        "/api/transfers/firmware", params={"name": "fw.bin"}, data=b"x", headers=OCTETS
    )
    assert no_charger.status == 422
    assert [r for r in charger.received if r.action == "UpdateFirmware"] == []
    missing = await tech.get("/api/transfers/999")
    assert missing.status == 404
    bad_window = await tech.post(
        "/api/transfers/diagnostics",
        json={
            "charger_ids": ["CP-1"],
            "start_time": "2026-01-02T00:00:00+00:00",
            "stop_time": "2026-01-01T00:00:00+00:00",
        },
    )
    assert bad_window.status == 422
    naive = await tech.post(
        "/api/transfers/diagnostics",
        json={"charger_ids": ["CP-1"], "start_time": "2026-01-01T00:00:00"},
    )
    assert naive.status == 422


async def test_signed_firmware_without_a_signing_certificate_is_refused(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    tech = await api_site.as_role(Role.TECHNICIAN)
    reply = await tech.post(
        "/api/transfers/firmware",
        params={"name": "fw.bin", "charger_id": "CP-1", "signed": "true"},
        data=b"image",
        headers=OCTETS,
    )
    assert reply.status == 409, reply.body
    assert "signing certificate" in reply.problem["detail"]
    assert [r for r in charger.received if r.action == "SignedUpdateFirmware"] == []


async def test_an_offline_charger_is_told_apart_from_a_refusal(
    api_site: ApiSite, make_charger: ChargerFactory
) -> None:
    charger = await _booted(make_charger, "CP-1")
    await charger.go_offline()
    tech = await api_site.as_role(Role.TECHNICIAN)
    reply = await tech.post("/api/transfers/diagnostics", json={"charger_ids": ["CP-1"]})
    assert reply.status == 200
    (request,) = reply.body
    assert request["accepted"] is False and request["status"] == "Offline"
    assert request["outcome"]["effect"] == "no_answer"
