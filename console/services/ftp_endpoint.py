"""ChargeDesk's FTP endpoint, for chargers that upload diagnostics and logs only by FTP.

It runs pyftpdlib in a thread of its own while an FTP transfer is open. Every transfer
gets its own user name and random password (together they are the token, as in
``ftp://<user>:<password>@<host>:<port>/``) and its own fresh home folder, a hidden
temporary folder inside the charger's folder of uploads. A complete file is moved from
there into the charger's folder with the naming rules of the HTTP endpoint, and the
transfer service is told it arrived, just as for an HTTP upload. An account is
single-use: the first complete file closes it (a failed upload may be retried), and it
expires after ``UPLOAD_GRANT_SECONDS`` when nothing arrives.

Permissions are what an uploader needs and no more: ``w`` (STOR, STOU) and ``e`` (CWD),
because many embedded FTP clients change into the URL's folder ("CWD /") before they
store; the home folder holds nothing but the upload under way and cannot be left. No
listing, download, delete, rename, mkdir or append. Passive data connections use a
port the OS picks, on the address the control connection came in on, and only from
the client's own address (pyftpdlib refuses foreign addresses).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import shutil
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pyftpdlib.authorizers import AuthenticationFailed
from pyftpdlib.handlers import DTPHandler, FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

from console.services.background import TaskSet
from console.services.file_endpoint import (
    IDLE_STOP_DELAY,
    MAX_UPLOAD_BYTES,
    UPLOAD_GRANT_SECONDS,
    ReceivedFile,
    UnsafeName,
    charger_folder_name,
    rename_free,
    safe_file_name,
)
from console.services.idle_stop import IdleStop
from console.storage.database import PRIVATE_DIR, ensure_private_dir

log = logging.getLogger(__name__)

PERMISSIONS = "ew"  # CWD and store: see the module's docstring
POLL_SECONDS = 0.2  # how often the server thread looks whether it should stop
RECEIVED_TIMEOUT = 30.0  # how long the FTP thread waits for the engine to record a file

ReceivedHandler = Callable[[ReceivedFile], Awaitable[None]]
ExpiredHandler = Callable[[int], None]


@dataclass(slots=True)
class FtpGrant:
    """Permission for one charger to upload by FTP for one transfer."""

    user: str
    password: str
    charger_id: str
    transfer_id: int
    home: Path  # the per-transfer temporary folder the charger stores into
    folder: Path  # where complete files end up
    expiry: asyncio.TimerHandle | None = field(default=None, repr=False)

    def url(self, host: str, port: int) -> str:
        """The location to give the charger (``host`` already bracketed for IPv6)."""
        return f"ftp://{quote(self.user, safe='')}:{quote(self.password, safe='')}@{host}:{port}/"


class _Authorizer:
    """pyftpdlib's authorizer over the open grants (read from the FTP thread)."""

    def __init__(self, endpoint: FtpEndpoint) -> None:
        self._endpoint = endpoint

    def validate_authentication(self, username: str, password: str, handler: Any) -> None:
        grant = self._endpoint.grant_of(username)
        if grant is None or not secrets.compare_digest(grant.password, password):
            raise AuthenticationFailed("Authentication failed.")

    def get_home_dir(self, username: str) -> str:
        grant = self._endpoint.grant_of(username)
        if grant is None:
            raise AuthenticationFailed("Authentication failed.")
        return str(grant.home)

    def has_user(self, username: str) -> bool:
        return self._endpoint.grant_of(username) is not None

    def has_perm(self, username: str, perm: str, path: str | None = None) -> bool:
        # A session left open after its transfer closed may do nothing more.
        return perm in PERMISSIONS and self.has_user(username)

    def get_perms(self, username: str) -> str:
        return PERMISSIONS if self.has_user(username) else ""

    def get_msg_login(self, username: str) -> str:
        return "Upload the file."

    def get_msg_quit(self, username: str) -> str:
        return "Goodbye."

    def impersonate_user(self, username: str, password: str) -> None:
        pass

    def terminate_impersonation(self, username: str) -> None:
        pass


class _UploadDTPHandler(DTPHandler):  # type: ignore[misc]
    """A data channel that stops at the size bound and files a complete upload."""

    endpoint: FtpEndpoint

    def handle_read(self) -> None:
        super().handle_read()
        if self.receive and not self._closed and self.tot_bytes_received > self._limit():
            self.transfer_finished = False  # the partial file is deleted on close
            self._resp = ("552 Upload larger than allowed; transfer aborted.", log.info)
            self.close()

    handle_read_event = handle_read  # pyftpdlib's base class aliases its own handle_read

    def close(self) -> None:
        # Settled before the 226 goes out, so that the charger's "Uploaded" never
        # overtakes the record of the file.
        if (
            not self._closed
            and self.receive
            and self.file_obj is not None
            and self.transfer_finished
        ):
            self._settle()
        super().close()

    def _limit(self) -> int:
        return self.endpoint.max_upload_bytes

    def _settle(self) -> None:
        handle = self.file_obj
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            self.endpoint.file_complete(self.cmd_channel.username, Path(handle.name))
        except Exception as exc:  # the charger must hear it failed, whatever the cause
            log.warning("FTP upload not stored: %s", exc)
            self.transfer_finished = False
            self._resp = ("550 Upload not stored.", log.warning)


class _UploadHandler(FTPHandler):  # type: ignore[misc]
    """The control channel: deletes what an incomplete upload left behind."""

    endpoint: FtpEndpoint

    def on_incomplete_file_received(self, file: str) -> None:
        with contextlib.suppress(OSError):
            Path(file).unlink()


class FtpEndpoint:
    """The FTP server chargers upload diagnostics and logs to; started on demand.

    ``data_dir`` is ChargeDesk's data folder; uploads land in
    ``<data_dir>/diagnostics/<charger>/``. It listens on ``host``:``port`` (0: any
    free port) and closes ``idle_delay`` seconds after the last grant ends.
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
        auth_failed_delay: float = 3.0,
    ) -> None:
        self.upload_root = data_dir / "diagnostics"
        self.host = host
        self._requested_port = port
        self.max_upload_bytes = max_upload_bytes
        self.upload_grant_seconds = upload_grant_seconds
        self.auth_failed_delay = auth_failed_delay  # slows password guessing down
        self.on_received: ReceivedHandler | None = None
        self.on_expired: ExpiredHandler | None = None
        self._grants: dict[str, FtpGrant] = {}
        self._grants_lock = threading.Lock()  # the FTP thread reads the grants
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stop_flag = threading.Event()
        self._port: int | None = None
        self._lock = asyncio.Lock()
        self._tasks = TaskSet(log, "could not stop the idle FTP endpoint")
        self._idle = IdleStop(idle_delay, lambda: self.open_grants > 0, self.stop, self._tasks)

    # ----------------------------------------------------------------- state

    @property
    def running(self) -> bool:
        """True while listening."""
        return self._thread is not None

    @property
    def port(self) -> int:
        """The port listened on (the configured one while stopped)."""
        return self._port if self._port is not None else self._requested_port

    @property
    def open_grants(self) -> int:
        """How many uploads are allowed right now."""
        with self._grants_lock:
            return len(self._grants)

    def grant_of(self, user: str) -> FtpGrant | None:
        """The open grant of an FTP user name (any thread)."""
        with self._grants_lock:
            return self._grants.get(user)

    # ----------------------------------------------------------------- grants

    def allow_upload(self, charger_id: str, transfer_id: int) -> FtpGrant:
        """Open an FTP account for one transfer of one charger."""
        folder = self.upload_root / charger_folder_name(charger_id)
        user = f"t{transfer_id}-{secrets.token_hex(4)}"
        home = folder / f".ftp-{secrets.token_hex(8)}"
        ensure_private_dir(self.upload_root, own=True)  # the owner's eyes only (POSIX)
        ensure_private_dir(folder, own=True)
        home.mkdir(mode=PRIVATE_DIR)
        grant = FtpGrant(
            user, secrets.token_urlsafe(24), charger_id, transfer_id, home.resolve(), folder
        )
        grant.expiry = asyncio.get_running_loop().call_later(
            self.upload_grant_seconds, self._on_expired, user
        )
        with self._grants_lock:
            self._grants[user] = grant
        self._idle.cancel()
        return grant

    def revoke(self, user: str) -> None:
        """Close one account; the server stops after the idle delay once none is left."""
        self._retire(self._take(user))

    def _take(self, user: str) -> FtpGrant | None:
        """Remove an account from the open ones (any thread): nobody logs in or stores."""
        with self._grants_lock:
            return self._grants.pop(user, None)

    def _retire(self, grant: FtpGrant | None) -> None:
        """Clean up after an account taken away (on the engine loop)."""
        if grant is not None:
            if grant.expiry is not None:
                grant.expiry.cancel()
            shutil.rmtree(grant.home, ignore_errors=True)
        if not self.open_grants and self.running:
            self._idle.schedule()

    def _on_expired(self, user: str) -> None:
        grant = self.grant_of(user)
        if grant is None:
            return
        grant.expiry = None
        self.revoke(user)
        if self.on_expired is not None:
            self.on_expired(grant.transfer_id)

    # ----------------------------------------------------------------- start and stop

    async def start(self) -> None:
        """Listen (nothing happens when already listening)."""
        self._idle.cancel()
        async with self._lock:
            if self._thread is not None:
                return
            self._loop = asyncio.get_running_loop()
            ioloop = IOLoop()
            dtp = type("ChargeDeskDTP", (_UploadDTPHandler,), {"endpoint": self})
            handler = type(
                "ChargeDeskFTP",
                (_UploadHandler,),
                {
                    "endpoint": self,
                    "authorizer": _Authorizer(self),
                    "dtp_handler": dtp,
                    "banner": "ChargeDesk upload endpoint.",
                    "passive_ports": None,  # any port the OS gives
                    "permit_foreign_addresses": False,
                    "use_sendfile": False,
                    "auth_failed_timeout": self.auth_failed_delay,
                },
            )
            try:
                server = FTPServer((self.host, self._requested_port), handler, ioloop=ioloop)
            except BaseException:
                ioloop.close()
                raise
            self._port = int(server.address[1])
            self._stop_flag.clear()
            self._thread = threading.Thread(
                target=self._serve, args=(server,), name="ftp-endpoint", daemon=True
            )
            self._thread.start()
            log.info("FTP endpoint listening on %s:%d", self.host, self._port)

    def _serve(self, server: Any) -> None:
        try:
            while not self._stop_flag.is_set():
                server.serve_forever(timeout=POLL_SECONDS, blocking=False, handle_exit=False)
        finally:
            server.close_all()

    async def stop(self) -> None:
        """Stop listening; open grants stay and reopen it on the next ``start``."""
        self._idle.cancel()
        async with self._lock:
            thread, self._thread = self._thread, None
            if thread is not None:
                self._stop_flag.set()
                # Joined off the loop: the FTP thread may be waiting on it (file_complete).
                await asyncio.to_thread(thread.join)
                self._port = None
                log.info("FTP endpoint closed")

    async def close(self) -> None:
        """Revoke every grant and stop (when the engine stops)."""
        with self._grants_lock:
            users = list(self._grants)
        for user in users:
            self.revoke(user)
        await self.stop()
        await self._tasks.close()

    # ----------------------------------------------------------------- uploads (FTP thread)

    def file_complete(self, user: str, temp: Path) -> Path:
        """File a complete upload and wait until the engine has recorded it.

        Runs in the FTP thread. The file must lie in the grant's home folder (pyftpdlib
        keeps every path inside it; this is checked again rather than trusted).
        """
        # Taken at once, under the lock: of two uploads finishing together, one is filed.
        grant = self._take(user)
        if grant is None:
            temp.unlink(missing_ok=True)
            raise UnsafeName("upload of a transfer that is closed")
        if temp.resolve().parent != grant.home:
            temp.unlink(missing_ok=True)
            self._put_back(grant)
            raise UnsafeName(f"upload outside its folder: {temp}")
        try:
            name = safe_file_name(temp.name)
        except UnsafeName:
            temp.unlink(missing_ok=True)
            self._put_back(grant)
            raise
        size = temp.stat().st_size
        path = rename_free(temp, grant.folder, name)
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._retire, grant)
        log.info("%s: received %s by FTP (%d bytes)", grant.charger_id, path.name, size)
        handler, loop = self.on_received, self._loop
        if handler is not None and loop is not None:
            received = ReceivedFile(grant.charger_id, grant.transfer_id, path, size)

            async def deliver() -> None:
                await handler(received)

            asyncio.run_coroutine_threadsafe(deliver(), loop).result(RECEIVED_TIMEOUT)
        return path

    def _put_back(self, grant: FtpGrant) -> None:
        """A refused upload does not use the account up (the charger may retry)."""
        loop = self._loop
        if loop is not None and grant.expiry is not None and grant.expiry.when() <= loop.time():
            # Its time ran out while it was taken (the timer found nothing): expire it now.
            loop.call_soon_threadsafe(self._expire_taken, grant)
            return
        with self._grants_lock:
            self._grants.setdefault(grant.user, grant)

    def _expire_taken(self, grant: FtpGrant) -> None:
        grant.expiry = None
        self._retire(grant)
        if self.on_expired is not None:
            self.on_expired(grant.transfer_id)
