"""Transfer secrets over a real engine: the charger gets the URL with its secret, the
database and the message log never hold it (HTTP and FTP)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from console.core.redaction import secret_digest
from console.services.engine import CentralSystem
from console.services.file_endpoint import UploadGrant
from console.services.ftp_endpoint import FtpGrant
from console.simulator.charger import SimulatedCharger
from console.storage import file_transfers as transfer_repo
from console.storage import logs as log_repo
from tests.actors import ADMIN

ChargerFactory = Callable[..., SimulatedCharger]


@pytest.mark.parametrize("protocol", ["http", "ftp"])
async def test_the_secret_reaches_the_charger_only(
    engine: CentralSystem,
    make_charger: ChargerFactory,
    tmp_path: Path,
    protocol: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secrets: list[str] = []
    http_allow, ftp_allow = (
        engine.transfers.endpoint.allow_upload,
        engine.transfers.ftp.allow_upload,
    )

    def http_grant(charger_id: str, transfer_id: int) -> UploadGrant:
        grant = http_allow(charger_id, transfer_id)
        secrets.append(grant.token)
        return grant

    def ftp_grant(charger_id: str, transfer_id: int) -> FtpGrant:
        grant = ftp_allow(charger_id, transfer_id)
        secrets.append(grant.password)
        return grant

    monkeypatch.setattr(engine.transfers.endpoint, "allow_upload", http_grant)
    monkeypatch.setattr(engine.transfers.ftp, "allow_upload", ftp_grant)
    charger = make_charger(engine, "CP-1")
    await charger.start()
    await charger.wait_booted()
    [request] = await engine.transfers.request_diagnostics(["CP-1"], protocol=protocol, actor=ADMIN)  # type: ignore[arg-type]
    assert request.accepted, request.outcome.describe()
    await charger.wait_for(
        lambda: sum(r.action == "DiagnosticsStatusNotification" for r in charger.replies) >= 2
    )
    assert charger.uploaded is not None  # the charger had the secret and used it
    [secret] = secrets

    transfer = await engine.writer.submit(
        lambda c: transfer_repo.get_transfer(c, request.transfer_id)
    )
    assert transfer is not None and transfer.status == "Uploaded"
    assert secret not in transfer.url and "***" in transfer.url
    frames = await engine.writer.submit(lambda c: log_repo.recent_frames(c, "CP-1", 100))
    [asked] = [f for f in frames if f.action == "GetDiagnostics" and f.kind == "CALL"]
    assert secret not in asked.payload and "***" in asked.payload
    hashes = await engine.writer.submit(
        lambda c: c.exec_driver_sql("SELECT secret_hash FROM file_transfers").scalars().all()
    )
    assert hashes == [secret_digest(secret)]
    await engine.stop()
    assert await asyncio.to_thread(_files_holding, tmp_path, secret) == []


def _files_holding(folder: Path, secret: str) -> list[Path]:
    """The database files (with -wal, -shm) that hold ``secret`` anywhere."""
    return [p for p in folder.glob("engine.db*") if secret.encode() in p.read_bytes()]
