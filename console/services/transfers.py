"""Diagnostics, log and firmware transfers: ask chargers, follow them, list what arrived.

For each charger asked, a ``file_transfers`` row is stored, a path on the file endpoint
is opened for that transfer only, and the URL the charger gets names the address of
ours its websocket came in on (the one address we know it can reach). The charger's
DiagnosticsStatusNotification, LogStatusNotification and (Signed)FirmwareStatusNotification
then move the row along; a finished transfer closes its path, and the endpoint closes
when no transfer is open.
The URL's secret (path token, FTP password) stays in memory: rows keep a digest of it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal, Protocol

from sqlalchemy.engine import make_url

from console.core import commands as cmd
from console.core.clock import utcnow
from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.core.redaction import secret_digest
from console.core.staff import Actor, Permission, require
from console.core.transfers import (
    ACCEPTED,
    IGNORED,
    INTERRUPTED,
    REQUESTED,
    SUCCEEDED,
    FileTransfer,
    TransferKind,
    is_finished,
)
from console.core.transfers import FAILED as FAILED_STATUSES
from console.protocol.datetimes import format_timestamp
from console.services.audited import record
from console.services.background import TaskSet
from console.services.command_rights import outcome_facts
from console.services.file_endpoint import FileEndpoint, ReceivedFile
from console.services.ftp_endpoint import FtpEndpoint
from console.services.network import interface_addresses
from console.storage import file_transfers as transfer_repo
from console.storage.database import default_data_dir
from console.storage.writer import StorageWriter

log = logging.getLogger(__name__)

FIRMWARE_OPEN_AFTER_RETRIEVE = timedelta(hours=6)  # how long the firmware stays offered
INSTALL_TIME = timedelta(minutes=30)  # a charger's restart after installing, at most
_WILDCARDS = frozenset({"0.0.0.0", "::", ""})

UploadProtocol = Literal["http", "ftp"]


class TransferChannel(Protocol):
    """What transfers need of the central system server."""

    async def send(
        self, charger_id: str, command: cmd.Command, timeout: float | None = None
    ) -> CommandOutcome:
        """Send a core command."""
        ...

    async def send_raw(
        self,
        charger_id: str,
        action: str,
        payload: dict[str, Any],
        timeout: float | None = None,
    ) -> CommandOutcome:
        """Send a CALL that has no core command (GetLog, SignedUpdateFirmware)."""
        ...

    def local_host(self, charger_id: str) -> str | None:
        """Our address the charger's connection came in on."""
        ...


@dataclass(frozen=True, slots=True)
class FirmwareSignature:
    """What SignedUpdateFirmware needs beside the file (security extension of 1.6)."""

    certificate: str  # PEM of the signing certificate
    signature: str  # base64 signature of the firmware file


@dataclass(frozen=True, slots=True)
class TransferRequest:
    """What became of asking one charger: the stored transfer and the charger's answer."""

    charger_id: str
    transfer_id: int
    status: str
    outcome: CommandOutcome

    @property
    def accepted(self) -> bool:
        """The charger took the request on."""
        return self.status == ACCEPTED


@dataclass(slots=True)
class _Open:
    """A transfer under way: which charger, what, its endpoint path and request id."""

    charger_id: str
    kind: TransferKind
    token: str | None
    request_id: int | None = None
    ftp: bool = False  # the token is an FTP user of the FTP endpoint


def data_folder_of(database_url: str) -> Path:
    """ChargeDesk's data folder: the SQLite file's folder, else the user data folder."""
    parsed = make_url(database_url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(str(parsed.database)).expanduser().resolve().parent
    return default_data_dir()


def status_of(outcome: CommandOutcome) -> str:
    """The transfer status a command outcome leaves (Accepted when taken on)."""
    if outcome.result is CommandResult.ANSWERED:
        if outcome.status in (None, "Accepted", "AcceptedCanceled"):
            return ACCEPTED
        return outcome.status or "Failed"
    return {
        CommandResult.NOT_SUPPORTED: "NotSupported",
        CommandResult.TIMEOUT: "TimedOut",
        CommandResult.OFFLINE: "Offline",
    }.get(outcome.result, "Failed")


class TransferService:
    """Asks chargers for diagnostics and logs, sends them firmware, follows each transfer."""

    def __init__(
        self,
        channel: TransferChannel,
        writer: StorageWriter,
        endpoint: FileEndpoint,
        timeout: float | None = None,
        ftp: FtpEndpoint | None = None,
    ) -> None:
        self._channel = channel
        self._writer = writer
        self.endpoint = endpoint
        # For chargers that upload only by FTP: same data folder, host and size bound.
        self.ftp = ftp or FtpEndpoint(
            endpoint.upload_root.parent, endpoint.host, max_upload_bytes=endpoint.max_upload_bytes
        )
        self._timeout = timeout
        # Told when a charger accepted firmware: it restarts to install it, on purpose
        # (the alarms must not count it as a reboot). The engine sets it.
        self.restart_expected: Callable[[str, timedelta], None] = lambda _charger, _within: None
        self._open: dict[int, _Open] = {}
        self._tasks = TaskSet(log, "could not mark a file transfer as timed out")
        endpoint.on_received = self._on_received
        endpoint.on_expired = self._on_expired
        self.ftp.on_received = self._on_received
        self.ftp.on_expired = self._on_expired

    @property
    def upload_root(self) -> Path:
        """The folder holding every charger's uploads (a folder per charger)."""
        return self.endpoint.upload_root

    @property
    def open_transfers(self) -> list[int]:
        """Ids of the transfers under way."""
        return list(self._open)

    def path_of(self, transfer: FileTransfer) -> Path | None:
        """Where the uploaded file of ``transfer`` is stored, if one arrived."""
        if not transfer.received or not transfer.file_name:
            return None
        return self.endpoint.folder_of(transfer.charger_id) / transfer.file_name

    async def start(self) -> None:
        """Transfers open when ChargeDesk stopped can no longer finish: say so."""
        finished = sorted(SUCCEEDED | FAILED_STATUSES)
        count = await self._writer.submit(
            lambda c: transfer_repo.mark_unfinished(c, finished, INTERRUPTED, utcnow())
        )
        if count:
            log.info("%d file transfers were interrupted by the last stop", count)

    async def close(self) -> None:
        """Close the endpoint and forget open transfers."""
        self._open.clear()
        await self.endpoint.close()
        await self.ftp.close()
        await self._tasks.close()

    # ----------------------------------------------------------------- requests

    async def request_diagnostics(
        self,
        charger_ids: Iterable[str],
        start_time: datetime | None = None,
        stop_time: datetime | None = None,
        protocol: UploadProtocol = "http",
        *,
        actor: Actor,
    ) -> list[TransferRequest]:
        """Ask chargers to upload their diagnostics (GetDiagnostics) by HTTP or FTP."""
        require(actor, Permission.FIRMWARE)

        async def ask(charger_id: str, transfer_id: int, url: str) -> CommandOutcome:
            command = cmd.GetDiagnostics(url, start_time=start_time, stop_time=stop_time)
            return await self._channel.send(charger_id, command, self._timeout)

        kind = TransferKind.DIAGNOSTICS
        return await self._request_uploads(charger_ids, kind, ask, protocol, actor)

    async def request_log(
        self,
        charger_ids: Iterable[str],
        oldest: datetime | None = None,
        latest: datetime | None = None,
        security_log: bool = False,
        protocol: UploadProtocol = "http",
        *,
        actor: Actor,
    ) -> list[TransferRequest]:
        """Ask chargers to upload a log (GetLog of the 1.6 security extension)."""
        require(actor, Permission.FIRMWARE)

        async def ask(charger_id: str, transfer_id: int, url: str) -> CommandOutcome:
            parameters: dict[str, Any] = {"remoteLocation": url}
            if oldest is not None:
                parameters["oldestTimestamp"] = format_timestamp(oldest)
            if latest is not None:
                parameters["latestTimestamp"] = format_timestamp(latest)
            payload = {
                "logType": "SecurityLog" if security_log else "DiagnosticsLog",
                "requestId": transfer_id,
                "log": parameters,
            }
            return await self._channel.send_raw(charger_id, "GetLog", payload, self._timeout)

        return await self._request_uploads(charger_ids, TransferKind.LOG, ask, protocol, actor)

    async def update_firmware(
        self,
        charger_ids: Iterable[str],
        firmware: Path,
        retrieve_date: datetime | None = None,
        signature: FirmwareSignature | None = None,
        *,
        actor: Actor,
    ) -> list[TransferRequest]:
        """Offer ``firmware`` to chargers and ask them to install it.

        UpdateFirmware, or SignedUpdateFirmware when ``signature`` is given.
        """
        require(actor, Permission.FIRMWARE)
        if not await asyncio.to_thread(firmware.is_file):
            raise FileNotFoundError(firmware)
        when = retrieve_date or utcnow()
        open_for = max(0.0, (when - utcnow()).total_seconds())
        open_for += FIRMWARE_OPEN_AFTER_RETRIEVE.total_seconds()
        await self.endpoint.start()

        async def one(charger_id: str) -> TransferRequest:
            transfer_id = await self._add(charger_id, TransferKind.FIRMWARE, firmware.name, actor)
            grant = self.endpoint.offer_file(charger_id, transfer_id, firmware, open_for)
            url = self._url(charger_id, grant.path)
            request_id = transfer_id if signature is not None else None
            secret_hash = secret_digest(grant.token)  # the row keeps the URL with *** for it
            await self._update(transfer_id, url=url, secret_hash=secret_hash, request_id=request_id)
            self._open[transfer_id] = _Open(
                charger_id, TransferKind.FIRMWARE, grant.token, request_id
            )
            if signature is None:
                outcome = await self._channel.send(
                    charger_id, cmd.UpdateFirmware(url, when), self._timeout
                )
            else:
                payload = {
                    "requestId": transfer_id,
                    "firmware": {
                        "location": url,
                        "retrieveDateTime": format_timestamp(when),
                        "signingCertificate": signature.certificate,
                        "signature": signature.signature,
                    },
                }
                outcome = await self._channel.send_raw(
                    charger_id, "SignedUpdateFirmware", payload, self._timeout
                )
            if outcome.accepted:
                # Downloading and installing may take a while after the retrieve date.
                self.restart_expected(charger_id, timedelta(seconds=open_for) + INSTALL_TIME)
            return await self._answered(charger_id, transfer_id, outcome, None, actor)

        return list(await asyncio.gather(*(one(cid) for cid in dict.fromkeys(charger_ids))))

    async def _request_uploads(
        self,
        charger_ids: Iterable[str],
        kind: TransferKind,
        ask: _Ask,
        protocol: UploadProtocol,
        actor: Actor,
    ) -> list[TransferRequest]:
        ftp = protocol == "ftp"
        await (self.ftp.start() if ftp else self.endpoint.start())

        async def one(charger_id: str) -> TransferRequest:
            transfer_id = await self._add(charger_id, kind, None, actor)
            if ftp:
                account = self.ftp.allow_upload(charger_id, transfer_id)
                host = url_host(self._channel.local_host(charger_id), self.ftp.host)
                url, token, secret = (
                    account.url(host, self.ftp.port),
                    account.user,
                    account.password,
                )
            else:
                grant = self.endpoint.allow_upload(charger_id, transfer_id)
                url, token, secret = self._url(charger_id, grant.path), grant.token, grant.token
            request_id = transfer_id if kind is TransferKind.LOG else None
            secret_hash = secret_digest(secret)  # the row keeps the URL with *** for it
            await self._update(transfer_id, url=url, secret_hash=secret_hash, request_id=request_id)
            self._open[transfer_id] = _Open(charger_id, kind, token, request_id, ftp)
            outcome = await ask(charger_id, transfer_id, url)
            name_key = "fileName" if kind is TransferKind.DIAGNOSTICS else "filename"
            offered = outcome.details.get(name_key) if outcome.accepted else None
            if kind is TransferKind.DIAGNOSTICS and outcome.accepted and not offered:
                # 1.6: an answer without fileName means there is nothing to upload.
                outcome = CommandOutcome(
                    outcome.result, status="NoFile", details=outcome.details, error=outcome.error
                )
            offered_name = offered if isinstance(offered, str) else None
            return await self._answered(charger_id, transfer_id, outcome, offered_name, actor)

        return list(await asyncio.gather(*(one(cid) for cid in dict.fromkeys(charger_ids))))

    async def _answered(
        self,
        charger_id: str,
        transfer_id: int,
        outcome: CommandOutcome,
        offered: str | None,
        actor: Actor,
    ) -> TransferRequest:
        answer = dict(outcome_facts(outcome.action or "", outcome), transfer=transfer_id)
        await self._writer.submit(
            lambda c: record(c, actor, "transfer.outcome", charger_id, None, answer)
        )
        status = status_of(outcome)
        current = self._open.get(transfer_id)
        if current is None:
            # A notification overtook the answer and finished the transfer already.
            return TransferRequest(charger_id, transfer_id, status, outcome)
        values: dict[str, Any] = {}
        if offered:
            values["file_name"] = offered[:255]
        stored = await self._writer.submit(lambda c: transfer_repo.get_transfer(c, transfer_id))
        if stored is not None and stored.status == REQUESTED:
            # Only a status from before the notifications; never step back from them.
            values.update(status=status, status_at=utcnow())
        if values:
            await self._update(transfer_id, **values)
        if is_finished(status):
            self._close(transfer_id)
        log.info("%s: transfer %d: %s", charger_id, transfer_id, outcome.describe())
        return TransferRequest(charger_id, transfer_id, status, outcome)

    # ----------------------------------------------------------------- following

    async def on_notice(self, charger_id: str, kind: str, details: dict[str, Any]) -> None:
        """Move the matching open transfer along (a listener of ChargingService.notice)."""
        if kind not in ("diagnostics", "log", "firmware"):
            return
        status = details.get("status")
        if not isinstance(status, str) or status in IGNORED:
            return
        transfer_id = self._match(charger_id, TransferKind(kind), details.get("request_id"))
        if transfer_id is None:
            log.info("%s: %s %s matches no open transfer", charger_id, kind, status)
            return
        await self._update(transfer_id, status=status, status_at=utcnow())
        opened = self._open.get(transfer_id)
        if is_finished(status):
            self._close(transfer_id)
        elif opened is not None and status == "Downloaded" and opened.token is not None:
            # The charger has the file: nobody needs the download path any more.
            self.endpoint.revoke(opened.token)
            opened.token = None

    def _match(self, charger_id: str, kind: TransferKind, request_id: object) -> int | None:
        candidates = [
            tid
            for tid, item in self._open.items()
            if item.charger_id == charger_id and item.kind is kind
        ]
        if isinstance(request_id, int):
            exact = [tid for tid in candidates if self._open[tid].request_id == request_id]
            if exact:
                return exact[0]
        return max(candidates) if candidates else None

    async def _on_received(self, received: ReceivedFile) -> None:
        await self._update(
            received.transfer_id,
            file_name=received.path.name[:255],
            file_size=received.size,
        )

    def _on_expired(self, transfer_id: int) -> None:
        if transfer_id not in self._open:
            return

        async def expire() -> None:
            self._close(transfer_id)
            stored = await self._writer.submit(lambda c: transfer_repo.get_transfer(c, transfer_id))
            if stored is not None and not stored.finished and not stored.received:
                await self._update(transfer_id, status="TimedOut", status_at=utcnow())

        self._tasks.spawn(expire())

    def _close(self, transfer_id: int) -> None:
        opened = self._open.pop(transfer_id, None)
        if opened is not None and opened.token is not None:
            (self.ftp if opened.ftp else self.endpoint).revoke(opened.token)

    # ----------------------------------------------------------------- helpers

    async def _add(
        self, charger_id: str, kind: TransferKind, file_name: str | None, actor: Actor
    ) -> int:
        """Store the request; who asked is audited in the same transaction."""
        now = utcnow()

        def store(connection: Any) -> int:
            added = transfer_repo.add_transfer(
                connection, charger_id, kind, now, "", REQUESTED, file_name
            )
            asked = {"kind": kind.value, "transfer": added, "file": file_name}
            record(connection, actor, "transfer.request", charger_id, None, asked)
            return added

        return await self._writer.submit(store)

    async def _update(self, transfer_id: int, **values: Any) -> None:
        await self._writer.submit(lambda c: transfer_repo.update_transfer(c, transfer_id, **values))

    def _url(self, charger_id: str, path: str) -> str:
        host = url_host(self._channel.local_host(charger_id), self.endpoint.host)
        return f"http://{host}:{self.endpoint.port}{path}"


class _Ask(Protocol):
    async def __call__(self, charger_id: str, transfer_id: int, url: str) -> CommandOutcome: ...


def url_host(connected_via: str | None, bound_to: str) -> str:
    """The host part for a URL a charger must reach.

    The address its websocket came in on, when known; else the address the endpoint is
    bound to; else the first interface that is not loopback.
    """
    for candidate in (connected_via, bound_to):
        if candidate and candidate not in _WILDCARDS:
            return _bracketed(candidate)
    addresses = interface_addresses(include_loopback=False)
    return addresses[0][1] if addresses else "127.0.0.1"


def _bracketed(host: str) -> str:
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped
        return str(mapped) if mapped is not None else f"[{host}]"
    return host
