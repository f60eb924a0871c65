"""Firmware files sent to ChargeDesk over the HTTP API, kept for the file endpoint.

The console offers a file from its own disk; a script sends the file's bytes instead.
Each upload is written to a folder of its own under ``<data folder>/firmware-uploads``
(so two uploads with the same name never overwrite one another while a charger may
still be downloading the first), under the name the script gave: chargers and the
transfer list show that name. Folders older than ``KEEP_FOR`` are removed at the next
upload, so the uploads cannot grow without bound.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import shutil
from datetime import timedelta
from pathlib import Path

from console.core.clock import utcnow

FOLDER = "firmware-uploads"
KEEP_FOR = timedelta(days=30)  # well beyond a retrieve date and the 6 h a file is offered
MAX_FIRMWARE_BYTES = 128 << 20  # held in memory while it arrives; chargers take tens of MB
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$"
_NAME = re.compile(NAME_PATTERN)


class FirmwareFileError(ValueError):
    """The firmware file cannot be used (empty, too large, a name with a path in it)."""


def uploads_folder(data_folder: Path) -> Path:
    """Where uploaded firmware files are kept."""
    return data_folder / FOLDER


async def store_firmware(data_folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``name`` in a folder of its own; the file's path.

    ``name`` must be a plain file name (letters, digits, ``._+-``): it becomes part of
    the URL a charger downloads from.
    """
    if not _NAME.fullmatch(name) or name in (".", ".."):
        raise FirmwareFileError(
            f"{name!r} is not a plain file name (letters, digits, . _ + -; at most 100)"
        )
    if not data:
        raise FirmwareFileError("the firmware file is empty")
    if len(data) > MAX_FIRMWARE_BYTES:
        raise FirmwareFileError(f"the firmware file is larger than {MAX_FIRMWARE_BYTES} bytes")
    root = uploads_folder(data_folder)
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    folder = root / f"{stamp}-{secrets.token_hex(4)}"

    def write() -> Path:
        _forget_old(root)
        folder.mkdir(parents=True, exist_ok=False)
        path = folder / name
        path.write_bytes(data)
        return path

    return await asyncio.to_thread(write)


def _forget_old(root: Path) -> None:
    if not root.is_dir():
        return
    oldest = utcnow().timestamp() - KEEP_FOR.total_seconds()
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < oldest:
            shutil.rmtree(folder, ignore_errors=True)
