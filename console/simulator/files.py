"""Real uploads and downloads of the simulated charger (diagnostics, logs, firmware).

The simulator only talks HTTP or FTP to the host of the central system it is connected
to: a demo or a test never sends traffic anywhere else. Other locations (other hosts,
other schemes) get the status sequence of a transfer without any traffic.
"""

from __future__ import annotations

import asyncio
import ftplib
import io
import logging
import posixpath
from urllib.parse import unquote, urlparse

import aiohttp

log = logging.getLogger(__name__)

FIRMWARE_LIMIT = 64 * 1024 * 1024  # a simulated charger keeps at most this much in memory
TIMEOUT = aiohttp.ClientTimeout(total=60)


def reachable(location: str, central_url: str) -> bool:
    """True when ``location`` is HTTP(S) or FTP on the same host as the central system."""
    target, central = urlparse(location), urlparse(central_url)
    return (
        target.scheme in ("http", "https", "ftp")
        and bool(target.hostname)
        and (target.hostname == central.hostname)
    )


async def upload(location: str, name: str, data: bytes) -> bool:
    """POST ``data`` as a multipart form file named ``name``; True on a 2xx answer."""
    form = aiohttp.FormData()
    form.add_field("file", data, filename=name, content_type="application/octet-stream")
    try:
        async with (
            aiohttp.ClientSession(timeout=TIMEOUT) as session,
            session.post(location, data=form) as response,
        ):
            ok = 200 <= response.status < 300
            if not ok:
                log.info("upload to %s answered %d", location, response.status)
            return ok
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.info("upload to %s failed: %s", location, exc)
        return False


async def upload_ftp(location: str, name: str, data: bytes) -> bool:
    """STOR ``data`` as ``name`` in the folder of an ftp:// ``location``; True when stored."""
    return await asyncio.to_thread(_store_ftp, location, name, data)


def _store_ftp(location: str, name: str, data: bytes) -> bool:
    target = urlparse(location)
    path = posixpath.join(unquote(target.path) or "/", name)
    try:
        with ftplib.FTP(timeout=TIMEOUT.total) as ftp:
            ftp.connect(target.hostname or "", target.port or 21)
            ftp.login(unquote(target.username or "anonymous"), unquote(target.password or ""))
            ftp.storbinary(f"STOR {path}", io.BytesIO(data))
            ftp.quit()
        return True
    except (ftplib.Error, OSError, EOFError) as exc:
        log.info("FTP upload to %s failed: %s", target.hostname, exc)
        return False


async def download(location: str, limit: int = FIRMWARE_LIMIT) -> bytes | None:
    """GET ``location``; None when it fails or is larger than ``limit``."""
    try:
        async with (
            aiohttp.ClientSession(timeout=TIMEOUT) as session,
            session.get(location) as response,
        ):
            if response.status != 200:
                log.info("download of %s answered %d", location, response.status)
                return None
            body = bytearray()
            async for chunk in response.content.iter_chunked(64 * 1024):
                body.extend(chunk)
                if len(body) > limit:
                    return None
            return bytes(body)
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.info("download of %s failed: %s", location, exc)
        return None
