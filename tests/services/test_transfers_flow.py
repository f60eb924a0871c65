"""Diagnostics, log and firmware transfers: real engine, real websockets, real HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import aiohttp

from console.core.clock import utcnow
from console.core.transfers import INTERRUPTED, FileTransfer, TransferKind
from console.services.engine import CentralSystem
from console.services.transfers import FirmwareSignature, url_host
from console.simulator.charger import SimulatedCharger
from console.storage import chargers as charger_repo
from console.storage import file_transfers as transfer_repo
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]


async def _booted(
    engine: CentralSystem, make_charger: ChargerFactory, cid: str
) -> SimulatedCharger:
    charger = make_charger(engine, cid)
    await charger.start()
    await charger.wait_booted()
    return charger


def _replied(charger: SimulatedCharger, action: str, count: int) -> Callable[[], bool]:
    return lambda: sum(r.action == action and r.error is None for r in charger.replies) >= count


async def _transfer(engine: CentralSystem, transfer_id: int) -> FileTransfer:
    found = await engine.writer.submit(lambda c: transfer_repo.get_transfer(c, transfer_id))
    assert found is not None
    return found


async def _statuses(engine: CentralSystem, cid: str, kind: str) -> list[str]:
    events = await engine.writer.submit(lambda c: charger_repo.charger_events_of(c, cid))
    return [details["status"] for _at, k, details in reversed(events) if k == kind]


async def test_diagnostics_are_uploaded_over_http_into_the_data_folder(
    engine: CentralSystem, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    charger = await _booted(engine, make_charger, "CP-1")
    [request] = await engine.transfers.request_diagnostics(["CP-1"], actor=ADMIN)
    assert request.accepted, request.outcome.describe()
    assert request.outcome.details["fileName"].endswith(".log")
    await charger.wait_for(_replied(charger, "DiagnosticsStatusNotification", 2))

    transfer = await _transfer(engine, request.transfer_id)
    assert transfer.status == "Uploaded"
    assert transfer.url.startswith(f"http://127.0.0.1:{engine.transfers.endpoint.port}/upload/")
    assert charger.uploaded is not None
    name, data = charger.uploaded
    assert transfer.file_name == name and transfer.file_size == len(data)
    stored = engine.transfers.path_of(transfer)
    assert stored == tmp_path / "diagnostics" / "CP-1" / name
    assert stored.read_bytes() == data
    assert await _statuses(engine, "CP-1", "diagnostics") == ["Uploading", "Uploaded"]
    assert engine.transfers.open_transfers == []


async def test_a_finished_transfer_and_a_charger_not_asked_cannot_upload(
    engine: CentralSystem, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    asked = await _booted(engine, make_charger, "CP-1")
    await _booted(engine, make_charger, "CP-2")
    [request] = await engine.transfers.request_diagnostics(["CP-1"], actor=ADMIN)
    await asked.wait_for(_replied(asked, "DiagnosticsStatusNotification", 2))
    transfer = await _transfer(engine, request.transfer_id)
    port = engine.transfers.endpoint.port
    # The stored URL has no secret (issue 10): the one the charger was given.
    given = next(r for r in asked.received if r.action == "GetDiagnostics").payload["location"]
    async with aiohttp.ClientSession() as http:
        # The same URL again, once the transfer is over: closed.
        async with http.put(given + "again.log", data=b"late") as response:
            assert response.status == 404
        # CP-2 was never asked, so it has no token: any path it tries is unknown.
        async with http.put(f"http://127.0.0.1:{port}/upload/CP-2/x.log", data=b"x") as response:
            assert response.status == 404
    assert not (tmp_path / "diagnostics" / "CP-2").exists()
    assert [p.name for p in (tmp_path / "diagnostics" / "CP-1").iterdir()] == [transfer.file_name]


async def test_get_log_is_uploaded_and_followed_by_request_id(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(engine, make_charger, "CP-1")
    [request] = await engine.transfers.request_log(["CP-1"], oldest=utcnow(), actor=ADMIN)
    assert request.accepted, request.outcome.describe()
    await charger.wait_for(_replied(charger, "LogStatusNotification", 2))
    transfer = await _transfer(engine, request.transfer_id)
    assert transfer.kind is TransferKind.LOG
    assert transfer.request_id == request.transfer_id
    assert transfer.status == "Uploaded"
    assert charger.uploaded is not None and transfer.file_size == len(charger.uploaded[1])
    sent = next(r for r in charger.received if r.action == "GetLog")
    assert sent.payload["request_id"] == request.transfer_id


async def test_firmware_is_downloaded_over_http_and_installed(
    engine: CentralSystem, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    charger = await _booted(engine, make_charger, "CP-1")
    image = tmp_path / "fw-2.0.bin"
    image.write_bytes(bytes(range(256)) * 300)
    [request] = await engine.transfers.update_firmware(["CP-1"], image, actor=ADMIN)
    assert request.accepted, request.outcome.describe()
    await charger.wait_for(lambda: charger.firmware_status == "Idle" and charger.boot_count >= 2)
    await charger.wait_for(_replied(charger, "FirmwareStatusNotification", 4))

    assert charger.firmware_image == image.read_bytes()
    assert charger.firmware == "fw-2.0"
    transfer = await _transfer(engine, request.transfer_id)
    assert transfer.status == "Installed" and transfer.file_name == "fw-2.0.bin"
    assert await _statuses(engine, "CP-1", "firmware") == [
        "Downloading",
        "Downloaded",
        "Installing",
        "Installed",
    ]
    given = next(r for r in charger.received if r.action == "UpdateFirmware").payload["location"]
    assert "/firmware/***/" in transfer.url and given != transfer.url
    async with aiohttp.ClientSession() as http, http.get(given) as response:
        assert response.status == 404  # downloaded: the path is closed


async def test_several_chargers_at_once_each_get_their_own_path(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    chargers = [await _booted(engine, make_charger, f"CP-{i}") for i in (1, 2, 3)]
    requests = await engine.transfers.request_diagnostics(
        ["CP-1", "CP-2", "CP-3", "CP-1"], actor=ADMIN
    )
    assert [r.charger_id for r in requests] == ["CP-1", "CP-2", "CP-3"]
    # Each its own secret; the stored URLs show none of them (issue 10), only a digest.
    stored = [await _transfer(engine, r.transfer_id) for r in requests]
    assert {t.url for t in stored} == {
        f"http://127.0.0.1:{engine.transfers.endpoint.port}/upload/***/"
    }
    hashes = await engine.writer.submit(
        lambda c: c.exec_driver_sql("SELECT secret_hash FROM file_transfers").scalars().all()
    )
    assert len(set(hashes)) == 3 and None not in hashes
    for charger in chargers:
        await charger.wait_for(_replied(charger, "DiagnosticsStatusNotification", 2))
    for request in requests:
        assert (await _transfer(engine, request.transfer_id)).status == "Uploaded"


async def test_offline_and_unsupported_requests_end_at_once(
    engine: CentralSystem, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    await _booted(engine, make_charger, "CP-1")
    [offline] = await engine.transfers.request_diagnostics(["CP-GONE"], actor=ADMIN)
    assert offline.status == "Offline"
    image = tmp_path / "fw.bin"
    image.write_bytes(b"firmware")
    signature = FirmwareSignature("-----BEGIN CERTIFICATE-----", "c2lnbmF0dXJl")
    [signed] = await engine.transfers.update_firmware(
        ["CP-1"], image, signature=signature, actor=ADMIN
    )
    # Not a certificate at all: the charger refuses at once, and nothing stays open.
    assert signed.status == "InvalidCertificate"
    assert (await _transfer(engine, signed.transfer_id)).request_id == signed.transfer_id
    assert engine.transfers.open_transfers == []
    assert engine.transfers.endpoint.open_grants == 0


async def test_transfers_open_at_a_stop_are_marked_interrupted(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _booted(engine, make_charger, "CP-1")
    now = utcnow()
    transfer_id = await engine.writer.submit(
        lambda c: transfer_repo.add_transfer(
            c, "CP-1", TransferKind.DIAGNOSTICS, now, "http://x/", "Uploading"
        )
    )
    await engine.transfers.start()
    assert (await _transfer(engine, transfer_id)).status == INTERRUPTED


def test_the_url_names_the_address_the_charger_came_in_on() -> None:
    assert url_host("192.0.2.7", "0.0.0.0") == "192.0.2.7"
    assert url_host("::ffff:192.0.2.7", "0.0.0.0") == "192.0.2.7"
    assert url_host("fe80::1", "0.0.0.0") == "[fe80::1]"
    assert url_host(None, "127.0.0.1") == "127.0.0.1"
    assert url_host(None, "0.0.0.0")  # some interface, never empty


async def test_a_stopped_engine_closes_the_endpoint(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    await _booted(engine, make_charger, "CP-1")
    endpoint = engine.transfers.endpoint
    endpoint.allow_upload("CP-1", 99)
    await endpoint.start()
    assert endpoint.running
    await engine.transfers.close()
    await asyncio.wait_for(endpoint.wait_stopped(), 5)
    assert endpoint.open_grants == 0
