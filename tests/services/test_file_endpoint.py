"""The HTTP file endpoint on 127.0.0.1: tokens, size bound, file names, firmware downloads."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yarl

from console.services.file_endpoint import (
    FileEndpoint,
    ReceivedFile,
    UnsafeName,
    charger_folder_name,
    safe_file_name,
)


@pytest.fixture
async def endpoint(tmp_path: Path) -> AsyncIterator[FileEndpoint]:
    server = FileEndpoint(tmp_path / "data", "127.0.0.1", 0, max_upload_bytes=4096)
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def _base(endpoint: FileEndpoint) -> str:
    return f"http://127.0.0.1:{endpoint.port}"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


async def test_multipart_upload_lands_in_the_chargers_folder(
    endpoint: FileEndpoint, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    received: list[ReceivedFile] = []

    async def on_received(item: ReceivedFile) -> None:
        received.append(item)

    endpoint.on_received = on_received
    grant = endpoint.allow_upload("CP/1", 7)
    form = aiohttp.FormData()
    form.add_field("file", b"x" * 1000, filename="diag.log")
    async with http.post(_base(endpoint) + grant.path, data=form) as response:
        assert response.status == 200
    stored = tmp_path / "data" / "diagnostics" / "CP_1" / "diag.log"
    assert stored.read_bytes() == b"x" * 1000
    assert received == [ReceivedFile("CP/1", 7, stored, 1000)]
    assert _files(tmp_path / "data") == [stored]  # no temporary file left


async def test_put_upload_with_a_taken_name_gets_a_new_one(
    endpoint: FileEndpoint, http: aiohttp.ClientSession
) -> None:
    # Grants are single-use (issue 10): two transfers of one charger, same file name.
    for transfer_id, body in ((1, b"first"), (2, b"second")):
        grant = endpoint.allow_upload("CP-1", transfer_id)
        async with http.put(_base(endpoint) + grant.path + "log.txt", data=body) as response:
            assert response.status == 200
    folder = endpoint.folder_of("CP-1")
    assert (folder / "log.txt").read_bytes() == b"first"
    assert (folder / "log-1.txt").read_bytes() == b"second"


async def test_an_upload_grant_takes_one_upload_only(
    endpoint: FileEndpoint, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    received: list[ReceivedFile] = []

    async def on_received(item: ReceivedFile) -> None:
        received.append(item)

    endpoint.on_received = on_received
    grant = endpoint.allow_upload("CP-1", 1)
    url = _base(endpoint) + grant.path
    async with http.put(url + "big.bin", data=b"x" * 5000) as response:
        assert response.status == 413  # a failed upload does not use the grant up
    async with http.put(url + "diag.log", data=b"one") as response:
        assert response.status == 200
    for attempt in range(20):
        async with http.put(url + f"more-{attempt}.log", data=b"again") as response:
            assert response.status == 404
    form = aiohttp.FormData()
    form.add_field("file", b"form", filename="form.log")
    async with http.post(url, data=form) as response:
        assert response.status == 404
    assert [item.path.name for item in received] == ["diag.log"]
    assert [p.name for p in _files(tmp_path / "data")] == ["diag.log"]
    assert endpoint.open_grants == 0


async def test_a_second_upload_at_the_same_time_is_refused(
    endpoint: FileEndpoint,
    http: aiohttp.ClientSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    grant = endpoint.allow_upload("CP-1", 1)
    url = _base(endpoint) + grant.path
    storing = asyncio.Event()  # the endpoint reads the first upload's body
    release = asyncio.Event()
    store = endpoint._store

    async def noted_store(*args: Any) -> tuple[Path, int]:
        storing.set()
        return await store(*args)

    monkeypatch.setattr(endpoint, "_store", noted_store)

    async def slow() -> AsyncIterator[bytes]:
        yield b"a" * 100
        await release.wait()
        yield b"b" * 100

    async def first() -> int:
        async with http.put(url + "slow.log", data=slow()) as response:
            return response.status

    task = asyncio.create_task(first())
    await asyncio.wait_for(storing.wait(), 5)
    assert grant.busy
    async with http.put(url + "other.log", data=b"x") as response:
        assert response.status == 404
    release.set()
    assert await asyncio.wait_for(task, 5) == 200
    assert [p.name for p in _files(tmp_path / "data")] == ["slow.log"]


def test_upload_grants_are_short_lived(tmp_path: Path) -> None:
    assert FileEndpoint(tmp_path).upload_grant_seconds <= 15 * 60


async def test_unknown_and_revoked_tokens_are_not_found(
    endpoint: FileEndpoint, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    async with http.put(_base(endpoint) + "/upload/guessed/x.log", data=b"x") as response:
        assert response.status == 404
    grant = endpoint.allow_upload("CP-1", 1)
    endpoint.revoke(grant.token)
    async with http.put(_base(endpoint) + grant.path + "x.log", data=b"x") as response:
        assert response.status == 404
    async with http.get(_base(endpoint) + "/firmware/guessed/fw.bin") as response:
        assert response.status == 404
    assert _files(tmp_path / "data") == []


async def test_oversize_uploads_are_refused_and_leave_nothing(
    endpoint: FileEndpoint, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    grant = endpoint.allow_upload("CP-1", 1)
    url = _base(endpoint) + grant.path + "big.bin"
    async with http.put(url, data=b"x" * 5000) as response:  # declared Content-Length
        assert response.status == 413

    async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: counted while read
        for _ in range(5):
            yield b"y" * 1000

    async with http.put(url, data=chunked()) as response:
        assert response.status == 413
    assert _files(tmp_path / "data") == []
    async with http.put(url, data=b"z" * 4096) as response:  # exactly the bound is fine
        assert response.status == 200


@pytest.mark.parametrize("name", ["../../evil.txt", "..\\evil.txt", "C:evil.txt", ".."])
async def test_traversal_names_are_refused(
    endpoint: FileEndpoint, http: aiohttp.ClientSession, tmp_path: Path, name: str
) -> None:
    grant = endpoint.allow_upload("CP-1", 1)
    form = aiohttp.FormData()
    form.add_field("file", b"evil", filename=name)
    async with http.post(_base(endpoint) + grant.path, data=form) as response:
        assert response.status == 400
    assert _files(tmp_path) == []


async def test_an_encoded_traversal_in_the_path_is_refused(
    endpoint: FileEndpoint, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    grant = endpoint.allow_upload("CP-1", 1)
    for name in ("..%2F..%2Fevil.txt", "..%5Cevil.txt", "%2E%2E"):
        url = yarl.URL(_base(endpoint) + grant.path + name, encoded=True)
        async with http.put(url, data=b"evil") as response:
            assert response.status in (400, 404), name
    assert _files(tmp_path) == []


def test_safe_file_name_cleans_and_refuses() -> None:
    assert safe_file_name("diag 2024:01.log".replace(":", "-")) == "diag_2024-01.log"
    assert safe_file_name(".hidden") == "hidden"
    assert len(safe_file_name("a" * 300 + ".tar.gz")) <= 120
    assert safe_file_name("a" * 300 + ".tar.gz").endswith(".gz")
    for bad in ("../x", "a/b", "a\\b", "..", ".", "x\x00y", "???"):
        with pytest.raises(UnsafeName):
            safe_file_name(bad)
    assert charger_folder_name("../..") == "charger"
    assert charger_folder_name("CP 1/ä") == "CP_1"


async def test_firmware_is_served_only_under_its_token_and_name(
    endpoint: FileEndpoint, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    image = tmp_path / "fw-2.0.bin"
    image.write_bytes(bytes(range(256)) * 40)
    grant = endpoint.offer_file("CP-1", 3, image, open_for=60)
    async with http.get(_base(endpoint) + grant.path) as response:
        assert response.status == 200
        assert await response.read() == image.read_bytes()
    wrong_name = _base(endpoint) + f"/firmware/{grant.token}/other.bin"
    async with http.get(wrong_name) as response:
        assert response.status == 404
    async with http.put(_base(endpoint) + f"/upload/{grant.token}/x", data=b"x") as response:
        assert response.status == 404  # a download token opens no upload


async def test_the_endpoint_stops_when_the_last_grant_ends(tmp_path: Path) -> None:
    server = FileEndpoint(tmp_path, "127.0.0.1", 0, idle_delay=0)
    try:
        grant = server.allow_upload("CP-1", 1)
        await server.start()
        assert server.running and server.port > 0
        server.revoke(grant.token)
        await asyncio.wait_for(server.wait_stopped(), 5)
        assert not server.running
    finally:
        await server.close()


async def test_an_expired_grant_is_reported_and_closed(tmp_path: Path) -> None:
    server = FileEndpoint(tmp_path, "127.0.0.1", 0, upload_grant_seconds=0)
    expired: asyncio.Queue[int] = asyncio.Queue()
    server.on_expired = expired.put_nowait
    try:
        server.allow_upload("CP-1", 42)
        assert await asyncio.wait_for(expired.get(), 5) == 42
        assert server.open_grants == 0
    finally:
        await server.close()


async def test_uploads_and_their_folders_are_private(
    endpoint: FileEndpoint, http: aiohttp.ClientSession, tmp_path: Path
) -> None:
    previous = os.umask(0o022)
    try:
        grant = endpoint.allow_upload("CP-1", 1)
        async with http.put(_base(endpoint) + grant.path + "diag.log", data=b"x") as response:
            assert response.status == 200
    finally:
        os.umask(previous)
    root = tmp_path / "data" / "diagnostics"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "CP-1").stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "CP-1" / "diag.log").stat().st_mode) == 0o600
