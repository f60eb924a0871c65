"""The FTP endpoint on 127.0.0.1: per-transfer accounts, upload only, size bound, names."""

from __future__ import annotations

import asyncio
import ftplib
import io
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from console.core.transfers import FileTransfer, TransferKind
from console.services.engine import CentralSystem
from console.services.file_endpoint import ReceivedFile
from console.services.ftp_endpoint import FtpEndpoint, FtpGrant
from console.simulator.charger import SimulatedCharger
from console.storage import chargers as charger_repo
from console.storage import file_transfers as transfer_repo
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]


@pytest.fixture
async def endpoint(tmp_path: Path) -> AsyncIterator[FtpEndpoint]:
    server = FtpEndpoint(
        tmp_path / "data", "127.0.0.1", 0, max_upload_bytes=4096, auth_failed_delay=0.0
    )
    await server.start()
    yield server
    await server.close()


def _connect(endpoint: FtpEndpoint, user: str, password: str) -> ftplib.FTP:
    ftp = ftplib.FTP(timeout=10)
    ftp.connect("127.0.0.1", endpoint.port)
    try:
        ftp.login(user, password)
    except BaseException:
        ftp.close()
        raise
    return ftp


async def _login(endpoint: FtpEndpoint, user: str, password: str) -> ftplib.FTP:
    return await asyncio.to_thread(_connect, endpoint, user, password)


async def _store(endpoint: FtpEndpoint, grant: FtpGrant, name: str, data: bytes) -> str:
    """STOR ``data`` as ``name``; the server's final answer (or the error's text)."""

    def run() -> str:
        try:
            with _connect(endpoint, grant.user, grant.password) as ftp:
                return ftp.storbinary(f"STOR {name}", io.BytesIO(data))
        except (ftplib.Error, OSError) as exc:
            # An aborted STOR may surface as a broken pipe, its answer only at QUIT.
            return str(exc)

    return await asyncio.to_thread(run)


async def _until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


# ----------------------------------------------------------------- end to end


async def _booted(engine: CentralSystem, make_charger: ChargerFactory) -> SimulatedCharger:
    charger = make_charger(engine, "CP-1")
    await charger.start()
    await charger.wait_booted()
    return charger


async def _transfer(engine: CentralSystem, transfer_id: int) -> FileTransfer:
    found = await engine.writer.submit(lambda c: transfer_repo.get_transfer(c, transfer_id))
    assert found is not None
    return found


async def test_diagnostics_are_uploaded_over_ftp_into_the_data_folder(
    engine: CentralSystem, make_charger: ChargerFactory, tmp_path: Path
) -> None:
    charger = await _booted(engine, make_charger)
    [request] = await engine.transfers.request_diagnostics(["CP-1"], protocol="ftp", actor=ADMIN)
    assert request.accepted, request.outcome.describe()
    await charger.wait_for(
        lambda: sum(r.action == "DiagnosticsStatusNotification" for r in charger.replies) >= 2
    )

    transfer = await _transfer(engine, request.transfer_id)
    assert transfer.status == "Uploaded"
    location = urlparse(transfer.url)
    assert (location.scheme, location.hostname) == ("ftp", "127.0.0.1")
    assert location.port == engine.transfers.ftp.port and location.username
    assert charger.uploaded is not None
    name, data = charger.uploaded
    assert transfer.file_name == name and transfer.file_size == len(data)
    folder = tmp_path / "diagnostics" / "CP-1"
    assert engine.transfers.path_of(transfer) == folder / name
    assert (folder / name).read_bytes() == data
    assert [p.name for p in folder.iterdir()] == [name]  # the FTP home folder is gone
    events = await engine.writer.submit(lambda c: charger_repo.charger_events_of(c, "CP-1"))
    statuses = [d["status"] for _at, k, d in reversed(events) if k == "diagnostics"]
    assert statuses == ["Uploading", "Uploaded"]
    assert engine.transfers.open_transfers == []
    assert engine.transfers.ftp.open_grants == 0
    assert engine.transfers.ftp.grant_of(unquote(location.username)) is None


async def test_get_log_can_be_uploaded_over_ftp(
    engine: CentralSystem, make_charger: ChargerFactory
) -> None:
    charger = await _booted(engine, make_charger)
    [request] = await engine.transfers.request_log(["CP-1"], protocol="ftp", actor=ADMIN)
    assert request.accepted, request.outcome.describe()
    await charger.wait_for(
        lambda: sum(r.action == "LogStatusNotification" for r in charger.replies) >= 2
    )
    transfer = await _transfer(engine, request.transfer_id)
    assert transfer.kind is TransferKind.LOG and transfer.status == "Uploaded"
    assert transfer.url.startswith("ftp://")
    assert charger.uploaded is not None and transfer.file_size == len(charger.uploaded[1])


# ----------------------------------------------------------------- the endpoint itself


async def test_an_upload_is_filed_and_reported(endpoint: FtpEndpoint, tmp_path: Path) -> None:
    received: list[ReceivedFile] = []

    async def on_received(item: ReceivedFile) -> None:
        received.append(item)

    endpoint.on_received = on_received
    grant = endpoint.allow_upload("CP/1", 7)
    folder = tmp_path / "data" / "diagnostics" / "CP_1"
    assert grant.home.parent == folder.resolve()
    assert (await _store(endpoint, grant, "diag.log", b"x" * 1000)).startswith("226")
    # Single use (issue 10): the account is gone once its file arrived.
    assert "530" in await _store(endpoint, grant, "diag.log", b"y")
    assert received == [ReceivedFile("CP/1", 7, folder / "diag.log", 1000)]
    assert _files(folder) == [folder / "diag.log"]
    assert endpoint.open_grants == 0
    await _until(lambda: not grant.home.exists())


async def test_an_account_takes_one_file_only_even_in_one_session(
    endpoint: FtpEndpoint, tmp_path: Path
) -> None:
    grant = endpoint.allow_upload("CP-1", 1)

    def twice() -> list[str]:
        answers = []
        with _connect(endpoint, grant.user, grant.password) as ftp:
            for name in ("one.log", "two.log"):
                try:
                    answers.append(ftp.storbinary(f"STOR {name}", io.BytesIO(b"data")))
                except ftplib.Error as exc:
                    answers.append(str(exc))
        return answers

    first, second = await asyncio.to_thread(twice)
    assert first.startswith("226") and not second.startswith("226"), (first, second)
    assert [p.name for p in _files(tmp_path / "data")] == ["one.log"]
    for _ in range(3):  # today's bug: one grant took 20 uploads
        assert "530" in await _store(endpoint, grant, "again.log", b"x")
    assert [p.name for p in _files(tmp_path / "data")] == ["one.log"]


def test_ftp_accounts_are_short_lived(tmp_path: Path) -> None:
    assert FtpEndpoint(tmp_path).upload_grant_seconds <= 15 * 60


async def test_an_unused_ftp_account_expires(tmp_path: Path) -> None:
    server = FtpEndpoint(tmp_path, "127.0.0.1", 0, upload_grant_seconds=0.05, auth_failed_delay=0)
    expired = asyncio.Event()
    server.on_expired = lambda transfer_id: expired.set()
    await server.start()
    try:
        grant = server.allow_upload("CP-1", 5)
        await asyncio.wait_for(expired.wait(), 5)
        assert server.open_grants == 0
        assert "530" in await _store(server, grant, "late.log", b"x")
    finally:
        await server.close()


async def test_wrong_or_missing_credentials_are_refused(endpoint: FtpEndpoint) -> None:
    grant = endpoint.allow_upload("CP-1", 1)
    other = endpoint.allow_upload("CP-2", 2)
    for user, password in [
        (grant.user, "wrong"),
        (grant.user, other.password),
        ("anonymous", "charger@example.com"),
        ("nobody", grant.password),
    ]:
        with pytest.raises(ftplib.error_perm, match="530"):
            await _login(endpoint, user, password)


async def test_a_closed_transfer_cannot_log_in_again(endpoint: FtpEndpoint) -> None:
    grant = endpoint.allow_upload("CP-1", 1)
    (await _login(endpoint, grant.user, grant.password)).close()
    endpoint.revoke(grant.user)
    assert not grant.home.exists()
    assert endpoint.running  # still listening (idle delay), yet the account is gone
    with pytest.raises(ftplib.error_perm, match="530"):
        await _login(endpoint, grant.user, grant.password)


async def test_an_oversize_upload_is_aborted_and_leaves_no_file(
    endpoint: FtpEndpoint, tmp_path: Path
) -> None:
    received: list[ReceivedFile] = []

    async def on_received(item: ReceivedFile) -> None:
        received.append(item)

    endpoint.on_received = on_received
    grant = endpoint.allow_upload("CP-1", 1)
    answer = await _store(endpoint, grant, "big.log", b"z" * 200_000)
    assert not answer.startswith("226"), answer
    await _until(lambda: not _files(tmp_path / "data"))
    assert received == []
    # The account still works for an upload within the bound.
    assert (await _store(endpoint, grant, "small.log", b"ok")).startswith("226")


@pytest.mark.parametrize(
    "name", ["../../escape.log", "/../../../escape.log", "sub/../../escape.log", "..\\escape.log"]
)
async def test_stor_names_cannot_leave_the_folder(
    endpoint: FtpEndpoint, tmp_path: Path, name: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    grant = endpoint.allow_upload("CP-1", 1)
    await _store(endpoint, grant, name, b"data")
    folder = tmp_path / "data" / "diagnostics" / "CP-1"
    # Either stored under its bare name in the charger's folder, or refused.
    assert [p for p in _files(tmp_path) if folder not in p.parents] == []
    assert [p.name for p in _files(folder)] in ([], ["escape.log"])


async def test_only_storing_is_allowed(endpoint: FtpEndpoint, tmp_path: Path) -> None:
    grant = endpoint.allow_upload("CP-1", 1)
    # A stored file closes the account (single use): try the other commands first.
    (grant.home / "diag.log").write_bytes(b"secret")

    def others() -> list[str]:
        answers = []
        with _connect(endpoint, grant.user, grant.password) as ftp:
            ftp.cwd("/")  # allowed: many chargers change into the URL's folder first
            for command in ("RETR diag.log", "LIST", "NLST", "DELE diag.log", "MKD x"):
                try:
                    if command.startswith(("RETR", "LIST", "NLST")):
                        ftp.retrbinary(command, lambda _b: None)
                    else:
                        ftp.sendcmd(command)
                    answers.append(f"{command}: allowed")
                except ftplib.error_perm as exc:
                    answers.append(f"{command}: {str(exc)[:3]}")
        return answers

    answers = await asyncio.to_thread(others)
    assert all(not a.endswith("allowed") for a in answers), answers
    assert (grant.home / "diag.log").read_bytes() == b"secret"
    assert (await _store(endpoint, grant, "diag.log", b"upload")).startswith("226")
    assert (tmp_path / "data" / "diagnostics" / "CP-1" / "diag.log").read_bytes() == b"upload"


async def test_the_endpoint_stops_when_no_ftp_transfer_is_open(tmp_path: Path) -> None:
    server = FtpEndpoint(tmp_path / "data", "127.0.0.1", 0, idle_delay=0.0)
    try:
        grant = server.allow_upload("CP-1", 1)
        await server.start()
        assert server.running and server.port != 0
        server.revoke(grant.user)
        await _until(lambda: not server.running)
    finally:
        await server.close()
