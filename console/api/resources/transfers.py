"""Diagnostics, logs and firmware: ask chargers, send firmware, follow each transfer.

The same operations as the console's Diagnostics & firmware page. ChargeDesk opens its
file endpoint for each transfer and follows the charger's status notifications; poll
GET /api/transfers/{transfer_id} (or watch the event stream) to see a transfer move
along, and download what a charger uploaded from .../file.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Literal

from aiohttp import web
from pydantic import AwareDatetime, Field, model_validator

from console.api.models import ApiModel, Page, PageQuery, QueryModel, page_of
from console.api.problems import not_found, register
from console.api.resources._commands_common import known_chargers
from console.api.resources._common import OutcomeOut, outcome_out
from console.api.routing import ApiCall, ApiRouter
from console.core.staff import Permission
from console.core.transfers import FileTransfer, TransferKind, stages_of
from console.services import api_reads_transfers as reads
from console.services.charger_security_types import SecuritySetupMissing
from console.services.firmware_uploads import (
    MAX_FIRMWARE_BYTES,
    NAME_PATTERN,
    FirmwareFileError,
    store_firmware,
)
from console.services.transfers import TransferRequest

register(SecuritySetupMissing, 409, "Not possible now", "security-setup")
register(FirmwareFileError, 422, "Not accepted", "firmware-file")

router = ApiRouter(
    "transfers",
    "Diagnostics and log uploads, firmware updates, and the files chargers uploaded",
)

_CHARGERS = Field(min_length=1, max_length=200, description="The chargers to ask")
_PROTOCOL = "How the charger uploads: http (PUT/POST) or ftp"


# ----------------------------------------------------------------- models


class TransferOut(ApiModel):
    """One transfer asked of one charger, and how far it got."""

    id: int
    charger_id: str
    kind: TransferKind
    requested_at: AwareDatetime
    url: str = Field(description="The URL the charger was given, its secret as ***")
    status: str = Field(description="Requested, Accepted, the charger's last status, or why not")
    status_at: AwareDatetime
    file_name: str | None = None
    file_size: int | None = Field(None, description="Bytes received (uploads)")
    request_id: int | None = None
    stages: list[str] = Field(description="The statuses a successful transfer passes")
    stage: int = Field(description="How many of `stages` are done")
    finished: bool = Field(description="Nothing more will happen to it")
    succeeded: bool = Field(description="The file arrived, or the firmware was installed")
    received: bool = Field(description="An uploaded file is stored: GET .../file")


class TransferPage(Page):
    """A page of transfers, newest first."""

    items: list[TransferOut]


class TransferQuery(PageQuery):
    """Which transfers to list."""

    charger_id: str | None = Field(None, max_length=48, description="Of this charger only")
    kind: list[TransferKind] = Field(default_factory=list, description="Only these (repeatable)")
    received_only: bool = Field(False, description="Only uploads whose file arrived")


class TransferRequestOut(ApiModel):
    """What became of asking one charger."""

    charger_id: str
    transfer_id: int = Field(description="Follow it at GET /api/transfers/{transfer_id}")
    status: str = Field(description="Accepted when the charger took it on, else why not")
    accepted: bool
    outcome: OutcomeOut


class DiagnosticsBody(ApiModel):
    """GetDiagnostics of some chargers, optionally of a time window."""

    charger_ids: list[str] = _CHARGERS
    start_time: AwareDatetime | None = Field(None, description="Oldest diagnostics wanted")
    stop_time: AwareDatetime | None = Field(None, description="Newest diagnostics wanted")
    protocol: Literal["http", "ftp"] = Field("http", description=_PROTOCOL)

    @model_validator(mode="after")
    def _ordered(self) -> DiagnosticsBody:
        if self.start_time and self.stop_time and self.stop_time <= self.start_time:
            raise ValueError("stop_time must come after start_time")
        return self


class LogBody(ApiModel):
    """GetLog (OCPP 1.6 security extension) of some chargers."""

    charger_ids: list[str] = _CHARGERS
    log_type: Literal["DiagnosticsLog", "SecurityLog"] = "DiagnosticsLog"
    oldest: AwareDatetime | None = Field(None, description="Oldest entries wanted")
    latest: AwareDatetime | None = Field(None, description="Newest entries wanted")
    protocol: Literal["http", "ftp"] = Field("http", description=_PROTOCOL)


class FirmwareQuery(QueryModel):
    """Where the firmware goes and how."""

    name: str = Field(
        pattern=NAME_PATTERN,
        description="The file's name as chargers see it (letters, digits, . _ + -)",
    )
    charger_id: list[str] = Field(
        min_length=1, max_length=200, description="The chargers to update (repeatable)"
    )
    retrieve_date: AwareDatetime | None = Field(
        None, description="When the chargers should fetch it (default: now)"
    )
    signed: bool = Field(
        False,
        description="SignedUpdateFirmware, signed with the site's firmware signing certificate",
    )


# ----------------------------------------------------------------- conversions


def _transfer_out(transfer: FileTransfer) -> TransferOut:
    return TransferOut(
        id=transfer.id,
        charger_id=transfer.charger_id,
        kind=transfer.kind,
        requested_at=transfer.requested_at,
        url=transfer.url,
        status=transfer.status,
        status_at=transfer.status_at,
        file_name=transfer.file_name,
        file_size=transfer.file_size,
        request_id=transfer.request_id,
        stages=list(stages_of(transfer.kind)),
        stage=transfer.stage,
        finished=transfer.finished,
        succeeded=transfer.succeeded,
        received=transfer.received,
    )


def _requests_out(requests: list[TransferRequest], action: str) -> list[TransferRequestOut]:
    # The transfer service sends on the channel itself: its outcomes do not name the
    # action, and the words of an answer depend on it.
    return [
        TransferRequestOut(
            charger_id=request.charger_id,
            transfer_id=request.transfer_id,
            status=request.status,
            accepted=request.accepted,
            outcome=outcome_out(
                replace(request.outcome, action=request.outcome.action or action),
                request.charger_id,
            ),
        )
        for request in requests
    ]


async def _transfer(call: ApiCall, transfer_id: int) -> FileTransfer:
    transfer = await call.read(lambda q: reads.transfer_by_id(q, transfer_id))
    if transfer is None:
        raise not_found(f"transfer {transfer_id}")
    return transfer


def _firmware_bytes(call: ApiCall) -> bytes:
    return call.raw  # a firmware image, byte for byte


# ----------------------------------------------------------------- reads


@router.get(
    "/api/transfers",
    summary="Diagnostics, log and firmware transfers, newest first",
    query=TransferQuery,
    response=TransferPage,
)
async def list_transfers(call: ApiCall) -> TransferPage:
    """Every transfer asked of any charger (also those asked from the console), newest
    first, a page at a time."""
    query: TransferQuery = call.query
    rows = await call.read(
        lambda q: reads.transfer_window(
            q,
            charger_id=query.charger_id,
            kinds=query.kind,
            received_only=query.received_only,
            limit=query.offset + query.limit + 1,
        )
    )
    items, next_offset = page_of(rows, query)
    return TransferPage(items=[_transfer_out(row) for row in items], next_offset=next_offset)


@router.get(
    "/api/transfers/{transfer_id:int}",
    summary="One transfer",
    response=TransferOut,
    errors=(404,),
)
async def get_transfer(call: ApiCall) -> TransferOut:
    """Poll it to follow a transfer: `finished` turns true when nothing more will
    happen, `succeeded` says whether the file arrived or the firmware was installed."""
    return _transfer_out(await _transfer(call, call.path["transfer_id"]))


@router.get(
    "/api/transfers/{transfer_id:int}/file",
    summary="Download the file a charger uploaded",
    needs=Permission.FIRMWARE,
    response=bytes,
    response_media="application/octet-stream",
    errors=(404,),
)
async def download_transfer_file(call: ApiCall) -> web.StreamResponse:
    """The diagnostics or log file exactly as the charger uploaded it, with its name in
    Content-Disposition. 404 while nothing has arrived. Needs the technician role:
    chargers' logs can hold card ids and addresses."""
    transfer = await _transfer(call, call.path["transfer_id"])
    path = call.engine.transfers.path_of(transfer)
    if path is None or not await asyncio.to_thread(path.is_file):
        raise not_found(f"file uploaded for transfer {transfer.id}")
    return web.FileResponse(
        path,
        headers={
            "Content-Type": "application/octet-stream",
            "Content-Disposition": f'attachment; filename="{path.name}"',
        },
    )


# ----------------------------------------------------------------- asking


@router.post(
    "/api/transfers/diagnostics",
    summary="Ask chargers to upload their diagnostics",
    needs=Permission.FIRMWARE,
    body=DiagnosticsBody,
    response=list[TransferRequestOut],
    errors=(404,),
)
async def request_diagnostics(call: ApiCall) -> list[TransferRequestOut]:
    """GetDiagnostics to each charger, with a URL of ChargeDesk's file endpoint opened
    for that transfer only. `status` NoFile: the charger has nothing to upload. The
    upload itself comes later: follow each `transfer_id`."""
    body: DiagnosticsBody = call.body
    charger_ids = await known_chargers(call, body.charger_ids)
    requests = await call.engine.transfers.request_diagnostics(
        charger_ids, body.start_time, body.stop_time, body.protocol, actor=call.actor
    )
    return _requests_out(requests, "GetDiagnostics")


@router.post(
    "/api/transfers/logs",
    summary="Ask chargers to upload a log (security extension)",
    needs=Permission.FIRMWARE,
    body=LogBody,
    response=list[TransferRequestOut],
    errors=(404,),
)
async def request_log(call: ApiCall) -> list[TransferRequestOut]:
    """GetLog of the OCPP 1.6 security extension: the diagnostics log or the security
    log. A charger without the extension answers NotSupported."""
    body: LogBody = call.body
    charger_ids = await known_chargers(call, body.charger_ids)
    requests = await call.engine.transfers.request_log(
        charger_ids,
        body.oldest,
        body.latest,
        body.log_type == "SecurityLog",
        body.protocol,
        actor=call.actor,
    )
    return _requests_out(requests, "GetLog")


@router.post(
    "/api/transfers/firmware",
    summary="Send firmware to chargers",
    needs=Permission.FIRMWARE,
    query=FirmwareQuery,
    body_media="application/octet-stream",
    response=list[TransferRequestOut],
    errors=(404, 409, 413),
    max_body=MAX_FIRMWARE_BYTES,
)
async def update_firmware(call: ApiCall) -> list[TransferRequestOut]:
    """The body is the firmware file itself (`Content-Type: application/octet-stream`, at
    most 128 MiB), `name` its file name. ChargeDesk keeps the file, offers it on its
    file endpoint and sends UpdateFirmware (or, with `signed`, SignedUpdateFirmware
    signed with the site's firmware signing certificate; 409 when there is none).
    The chargers restart to install it and end their running sessions: check
    GET /api/sessions?running=true first. Follow each `transfer_id` to Installed."""
    query: FirmwareQuery = call.query
    charger_ids = await known_chargers(call, query.charger_id)
    data = _firmware_bytes(call)
    transfers = call.engine.transfers
    firmware = await store_firmware(transfers.upload_root.parent, query.name, data)
    if not query.signed:
        requests = await transfers.update_firmware(
            charger_ids, firmware, query.retrieve_date, actor=call.actor
        )
        return _requests_out(requests, "UpdateFirmware")
    # One signed update per charger, as the console's Signed choice does.
    security = call.engine.security
    signed = await asyncio.gather(
        *(
            security.signed_firmware_update(
                charger_id, firmware, query.retrieve_date, actor=call.actor
            )
            for charger_id in charger_ids
        )
    )
    return _requests_out(list(signed), "SignedUpdateFirmware")
