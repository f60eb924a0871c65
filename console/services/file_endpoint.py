"""ChargeDesk's own HTTP file endpoint for chargers, run only while a transfer is under way.

Chargers upload diagnostics and logs (GetDiagnostics, GetLog) to it and download firmware
(UpdateFirmware, SignedUpdateFirmware) from it. Every transfer gets its own unguessable
path token, so only a charger that was asked can upload or download, and only while its
transfer is open. An upload grant is single-use and short-lived: the first complete
upload closes it (one upload at a time; a failed one may be retried), and it expires
after ``UPLOAD_GRANT_SECONDS`` when nothing arrives. Uploads are streamed to a temporary
file inside the data folder, bounded in size, and renamed into place only when complete.

Routes:
  POST (multipart/form-data or raw) and PUT (raw)  /upload/<token>/[<file name>]
  GET (and HEAD)                                   /firmware/<token>/<file name>
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote, unquote

from aiohttp import BodyPartReader, web

from console.services.background import TaskSet
from console.services.idle_stop import IdleStop
from console.storage.database import PRIVATE_FILE, ensure_private_dir

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
IDLE_STOP_DELAY = 30.0  # seconds without any open transfer before the endpoint closes
# A charger that never uploads must not keep a door open: chargers start a diagnostics
# upload within minutes of being asked.
UPLOAD_GRANT_SECONDS = 15 * 60.0
CHUNK_BYTES = 256 * 1024
_MAX_NAME = 120
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


class UnsafeName(ValueError):
    """A file name that tries to leave its folder (``..``, separators, drive letters)."""


def safe_file_name(name: str) -> str:
    """A file name that is safe to create in a folder of ours.

    Names with path parts are refused rather than cut down: a charger sending
    ``../../x`` is broken or hostile, and either way should not get a file stored.
    Other odd characters become ``_``; hidden names lose their leading dots.
    """
    if "/" in name or "\\" in name or "\x00" in name or ":" in name:
        raise UnsafeName(f"file name with a path: {name!r}")
    if name in (".", ".."):
        raise UnsafeName(f"file name that leaves the folder: {name!r}")
    cleaned = _UNSAFE_CHARS.sub("_", name).lstrip(".")
    if not cleaned.strip("_"):
        raise UnsafeName(f"file name with nothing usable: {name!r}")
    if len(cleaned) > _MAX_NAME:
        stem, dot, suffix = cleaned.rpartition(".")
        if dot and len(suffix) <= 10:
            cleaned = stem[: _MAX_NAME - len(suffix) - 1] + "." + suffix
        else:
            cleaned = cleaned[:_MAX_NAME]
    return cleaned


def charger_folder_name(charger_id: str) -> str:
    """The folder name of a charger's uploads (charger ids may hold any character)."""
    cleaned = _UNSAFE_CHARS.sub("_", charger_id).strip("._") or "charger"
    return cleaned[:_MAX_NAME]


@dataclass(slots=True)
class UploadGrant:
    """Permission for one charger to upload files for one transfer."""

    token: str
    charger_id: str
    transfer_id: int
    folder: Path
    expiry: asyncio.TimerHandle | None = field(default=None, repr=False)
    busy: bool = False  # an upload is under way: a second one at once is refused

    @property
    def path(self) -> str:
        """The URL path to give the charger (it may append a file name)."""
        return f"/upload/{self.token}/"


@dataclass(slots=True)
class DownloadGrant:
    """Permission for one charger to download one firmware file for one transfer."""

    token: str
    charger_id: str
    transfer_id: int
    file: Path
    name: str
    expiry: asyncio.TimerHandle | None = field(default=None, repr=False)

    @property
    def path(self) -> str:
        """The URL path to give the charger."""
        return f"/firmware/{self.token}/{quote(self.name)}"


@dataclass(frozen=True, slots=True)
class ReceivedFile:
    """An upload that arrived complete and is stored at ``path``."""

    charger_id: str
    transfer_id: int
    path: Path
    size: int


ReceivedHandler = Callable[[ReceivedFile], Awaitable[None]]
ExpiredHandler = Callable[[int], None]


class UploadTooLarge(Exception):
    """The upload went past the size bound."""


class FileEndpoint:
    """The HTTP server chargers upload to and download from; started on demand.

    ``data_dir`` is ChargeDesk's data folder; uploads land in
    ``<data_dir>/diagnostics/<charger>/``. ``host`` and ``port`` are where it listens
    (port 0: any free port). It closes ``idle_delay`` seconds after the last grant ends.
    """

    def __init__(
        self,
        data_dir: Path,
        host: str = "0.0.0.0",
        port: int = 0,
        *,
        max_upload_bytes: int = MAX_UPLOAD_BYTES,
        idle_delay: float = IDLE_STOP_DELAY,
        upload_grant_seconds: float = UPLOAD_GRANT_SECONDS,
    ) -> None:
        self.upload_root = data_dir / "diagnostics"
        self.host = host
        self._requested_port = port
        self.max_upload_bytes = max_upload_bytes
        self.upload_grant_seconds = upload_grant_seconds
        self.on_received: ReceivedHandler | None = None
        self.on_expired: ExpiredHandler | None = None
        self._uploads: dict[str, UploadGrant] = {}
        self._downloads: dict[str, DownloadGrant] = {}
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._lock = asyncio.Lock()
        self._stopped = asyncio.Event()
        self._stopped.set()
        self._tasks = TaskSet(log, "could not stop the idle HTTP file endpoint")
        self._idle = IdleStop(idle_delay, lambda: self.open_grants > 0, self.stop, self._tasks)

    # ----------------------------------------------------------------- state

    @property
    def running(self) -> bool:
        """True while listening."""
        return self._runner is not None

    @property
    def port(self) -> int:
        """The port listened on (the configured one while stopped)."""
        return self._port if self._port is not None else self._requested_port

    @property
    def open_grants(self) -> int:
        """How many uploads and downloads are allowed right now."""
        return len(self._uploads) + len(self._downloads)

    def folder_of(self, charger_id: str) -> Path:
        """Where a charger's uploads are stored."""
        return self.upload_root / charger_folder_name(charger_id)

    # ----------------------------------------------------------------- grants

    def allow_upload(self, charger_id: str, transfer_id: int) -> UploadGrant:
        """Open an upload path for one transfer of one charger."""
        grant = UploadGrant(
            secrets.token_urlsafe(24), charger_id, transfer_id, self.folder_of(charger_id)
        )
        grant.expiry = self._expire_later(grant.token, self.upload_grant_seconds)
        self._uploads[grant.token] = grant
        self._idle.cancel()
        return grant

    def offer_file(
        self, charger_id: str, transfer_id: int, file: Path, open_for: float
    ) -> DownloadGrant:
        """Open a download path of ``file`` for one charger, for ``open_for`` seconds."""
        name = safe_file_name(file.name)
        grant = DownloadGrant(secrets.token_urlsafe(24), charger_id, transfer_id, file, name)
        grant.expiry = self._expire_later(grant.token, open_for)
        self._downloads[grant.token] = grant
        self._idle.cancel()
        return grant

    def revoke(self, token: str) -> None:
        """Close one grant; the endpoint stops after the idle delay once none is left."""
        grant: UploadGrant | DownloadGrant | None = self._uploads.pop(token, None)
        grant = grant or self._downloads.pop(token, None)
        if grant is not None and grant.expiry is not None:
            grant.expiry.cancel()
        if not self._uploads and not self._downloads and self.running:
            self._idle.schedule()

    def _expire_later(self, token: str, seconds: float) -> asyncio.TimerHandle:
        return asyncio.get_running_loop().call_later(seconds, self._on_expired, token)

    def _on_expired(self, token: str) -> None:
        grant: UploadGrant | DownloadGrant | None = self._uploads.get(token)
        grant = grant or self._downloads.get(token)
        if grant is None:
            return
        grant.expiry = None
        self.revoke(token)
        if self.on_expired is not None:
            self.on_expired(grant.transfer_id)

    # ----------------------------------------------------------------- start and stop

    async def start(self) -> None:
        """Listen (nothing happens when already listening)."""
        self._idle.cancel()
        async with self._lock:
            if self._runner is not None:
                return
            app = web.Application()
            app.router.add_route("POST", "/upload/{token}/{name}", self._upload)
            app.router.add_route("PUT", "/upload/{token}/{name}", self._upload)
            app.router.add_route("POST", "/upload/{token}/", self._upload)
            app.router.add_route("POST", "/upload/{token}", self._upload)
            app.router.add_get("/firmware/{token}/{name}", self._download)
            runner = web.AppRunner(app, access_log=None, handle_signals=False)
            await runner.setup()
            site = web.TCPSite(runner, self.host, self._requested_port)
            try:
                await site.start()
            except BaseException:
                await runner.cleanup()
                raise
            address = runner.addresses[0]
            self._port = int(address[1])
            self._runner = runner
            self._stopped.clear()
            log.info("file endpoint listening on %s:%d", self.host, self._port)

    async def stop(self) -> None:
        """Stop listening; open grants stay and reopen it on the next ``start``."""
        self._idle.cancel()
        async with self._lock:
            runner, self._runner = self._runner, None
            if runner is not None:
                await runner.cleanup()
                self._port = None
                self._stopped.set()
                log.info("file endpoint closed")

    async def wait_stopped(self) -> None:
        """Return once the endpoint is not listening (it stops by itself when idle)."""
        await self._stopped.wait()

    async def close(self) -> None:
        """Revoke every grant and stop (when the engine stops)."""
        grants: list[UploadGrant | DownloadGrant] = [*self._uploads.values()]
        grants.extend(self._downloads.values())
        for grant in grants:
            if grant.expiry is not None:
                grant.expiry.cancel()
        self._uploads.clear()
        self._downloads.clear()
        await self.stop()
        await self._tasks.close()

    # ----------------------------------------------------------------- handlers

    async def _download(self, request: web.Request) -> web.StreamResponse:
        grant = self._downloads.get(request.match_info["token"])
        if grant is None or request.match_info["name"] != grant.name:
            raise web.HTTPNotFound()
        if not grant.file.is_file():
            log.warning("%s: firmware file %s is gone", grant.charger_id, grant.file)
            raise web.HTTPGone()
        log.info("%s: downloading %s", grant.charger_id, grant.name)
        return web.FileResponse(grant.file, headers={"Cache-Control": "no-store"})

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        grant = self._uploads.get(token)
        if grant is None or grant.busy:
            raise web.HTTPNotFound()
        grant.busy = True
        try:
            path, size = await self._receive(request, grant)
        finally:
            grant.busy = False
        # Single use: the transfer has its file, the path closes at once.
        self.revoke(token)
        log.info("%s: received %s (%d bytes)", grant.charger_id, path.name, size)
        if self.on_received is not None:
            await self.on_received(ReceivedFile(grant.charger_id, grant.transfer_id, path, size))
        return web.Response(text="OK")

    async def _receive(self, request: web.Request, grant: UploadGrant) -> tuple[Path, int]:
        """Store the request's file in the grant's folder; its path and size."""
        declared = request.content_length
        if declared is not None and declared > self.max_upload_bytes:
            raise web.HTTPRequestEntityTooLarge(self.max_upload_bytes, declared)
        name = request.match_info.get("name", "")
        chunks: AsyncIterator[bytes]
        if request.method == "POST" and request.content_type.startswith("multipart/"):
            part = await _file_part(request)
            if part is None:
                raise web.HTTPBadRequest(text="no file in the form")
            # Some clients percent-encode the name (aiohttp does): decoded, so that an
            # encoded "../" is refused like a plain one.
            name = unquote(part.filename) if part.filename else name
            chunks = _part_chunks(part)
        else:
            chunks = request.content.iter_chunked(CHUNK_BYTES)
        try:
            safe = safe_file_name(name) if name else _default_name(grant)
        except UnsafeName as exc:
            log.warning("%s: refused upload: %s", grant.charger_id, exc)
            raise web.HTTPBadRequest(text="unsafe file name") from None
        try:
            return await self._store(grant, safe, chunks)
        except UploadTooLarge:
            log.warning("%s: upload over %d bytes refused", grant.charger_id, self.max_upload_bytes)
            limit = self.max_upload_bytes
            raise web.HTTPRequestEntityTooLarge(limit, limit + 1) from None

    async def _store(
        self, grant: UploadGrant, name: str, chunks: AsyncIterator[bytes]
    ) -> tuple[Path, int]:
        """Stream ``chunks`` to a temporary file in the charger's folder, then rename it."""
        folder = grant.folder
        temp = folder / f".{secrets.token_hex(8)}.part"
        handle = await asyncio.to_thread(_open_temp, self.upload_root, folder, temp)
        size = 0
        try:
            async for chunk in chunks:
                size += len(chunk)
                if size > self.max_upload_bytes:
                    raise UploadTooLarge()
                await asyncio.to_thread(handle.write, chunk)
            await asyncio.to_thread(_finish, handle)
            return await asyncio.to_thread(rename_free, temp, folder, name), size
        except BaseException:
            await asyncio.to_thread(_discard, handle, temp)
            raise


def _default_name(grant: UploadGrant) -> str:
    return f"transfer-{grant.transfer_id}.bin"


async def _file_part(request: web.Request) -> BodyPartReader | None:
    """The first part of a multipart form that carries a file (or the only part)."""
    reader = await request.multipart()
    while True:
        part = await reader.next()
        if part is None:
            return None
        if isinstance(part, BodyPartReader) and (part.filename or part.name == "file"):
            return part
        if isinstance(part, BodyPartReader):
            await part.release()


async def _part_chunks(part: BodyPartReader) -> AsyncIterator[bytes]:
    while chunk := await part.read_chunk(CHUNK_BYTES):
        yield chunk


def _open_temp(root: Path, folder: Path, temp: Path) -> BinaryIO:
    # Diagnostics may hold card ids and site details: the owner's eyes only (POSIX).
    ensure_private_dir(root, own=True)
    ensure_private_dir(folder, own=True)
    return os.fdopen(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE), "wb")


def _finish(handle: BinaryIO) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()


def _discard(handle: BinaryIO, temp: Path) -> None:
    handle.close()
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()


def rename_free(temp: Path, folder: Path, name: str) -> Path:
    """Rename ``temp`` to ``name`` in ``folder``, numbered when the name is taken."""
    target = folder / name
    stem, suffix = target.stem, target.suffix
    number = 1
    while target.exists():
        target = folder / f"{stem}-{number}{suffix}"
        number += 1
    os.replace(temp, target)
    return target
