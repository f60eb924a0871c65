"""The connection of an attached console to a site's engine: HTTPS, a login token, errors.

Every request carries the token of the person logged in at this desk. A refusal comes
back as problem details and is raised here as the same kind of error the service would
have raised in the console on the site PC (a billing refusal as BillingError, a missing
role as PermissionDenied...), so the screens show the same words either way.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ssl
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import aiohttp

from console.core.billing import BillingError
from console.core.cards import InvalidCardId
from console.core.staff import Actor, Origin, PermissionDenied, Role, roles_from_text
from console.core.staff_accounts import AccountNotFound, StaffInputError
from console.services.admission import ChargerInputError
from console.services.cards import CardNotFound
from console.services.sessions import SessionError
from console.services.staff_login import LoginRefused

CALL_TIMEOUT = 45.0  # a charger command waits up to 30 s for the charger, plus slack


class RemoteError(Exception):
    """The site's engine refused or failed a request; the message is its ``detail``."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        super().__init__(str(problem.get("detail") or problem.get("title") or status))
        self.status = status
        self.problem = problem


class LinkLost(ConnectionError):
    """The site's engine cannot be reached (network, engine stopped)."""


class SiteNotTrusted(LinkLost):
    """The site showed a certificate its trusted CA did not issue (or not for its name)."""


class LoginEnded(RemoteError):
    """The login token ended (logged out, expired, the account changed): log in again."""


class RemotePermissionDenied(PermissionDenied):
    """A role the person lacks, as the site's engine said it."""

    def __init__(self, detail: str, role: str) -> None:
        PermissionError.__init__(self, detail)
        self.role = Role(role) if role in Role._value2member_map_ else Role.ADMIN


_BY_KIND: dict[str, type[Exception]] = {
    "billing": BillingError,
    "statement": BillingError,
    "session": SessionError,
    "card-id": InvalidCardId,
    "staff-input": StaffInputError,
    "charger-input": ChargerInputError,
}


def error_of(status: int, problem: dict[str, Any]) -> Exception:
    """The exception the screens expect for this refusal."""
    detail = str(problem.get("detail") or problem.get("title") or status)
    kind = str(problem.get("type", "")).rsplit(":", 1)[-1]
    if kind == "login-refused":
        locked = problem.get("locked_until")
        until = datetime.fromisoformat(locked) if isinstance(locked, str) else None
        return LoginRefused(detail, locked_until=until)
    if status == 401:
        return LoginEnded(status, problem)
    if status == 403 and kind == "permission":
        return RemotePermissionDenied(detail, str(problem.get("needs_role", "admin")))
    if kind == "not-found":
        if "card" in detail:
            return CardNotFound(detail)
        return AccountNotFound(detail) if "staff account" in detail else LookupError(detail)
    error_type = _BY_KIND.get(kind)
    if error_type is not None:
        return error_type(detail)
    return RemoteError(status, problem)


class SiteLink:
    """HTTPS to one site's API with the token of whoever is logged in here."""

    def __init__(self, base_url: str, tls: ssl.SSLContext | None) -> None:
        self.base_url = base_url.rstrip("/")
        self.tls = tls
        self._token: str | None = None
        self._http: aiohttp.ClientSession | None = None
        # Set while someone is logged in at this desk: the screens' reads wait for it
        # (they start before the login dialog is answered), rather than fail.
        self._logged_in: asyncio.Event | None = None
        # Set when the console closes: reads still waiting for a login end (LinkLost)
        # instead of holding the window's worker threads, and so its exit, for minutes.
        self._closing = False

    @property
    def token(self) -> str | None:
        """The login token of whoever is logged in at this desk (None: nobody)."""
        return self._token

    @token.setter
    def token(self, token: str | None) -> None:
        self._token = token
        if self._logged_in is not None:
            if token is None:
                self._logged_in.clear()
            else:
                self._logged_in.set()

    async def until_logged_in(self) -> None:
        """Return once someone is logged in at this desk (LinkLost: the console closes)."""
        assert self._logged_in is not None, "the link is not open"
        if not self._closing:
            await self._logged_in.wait()
        if self._closing:
            raise LinkLost("the console is closing")

    def stop_waiting(self) -> None:
        """The console closes: end every call waiting for a login. On the link's loop."""
        self._closing = True
        if self._logged_in is not None:
            self._logged_in.set()

    async def open(self) -> None:
        """Open the HTTP session (on the loop that will use it)."""
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)
        self._http = aiohttp.ClientSession(timeout=timeout)
        self._logged_in = asyncio.Event()
        if self._token is not None:
            self._logged_in.set()

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._http is not None:
            await self._http.close()
            self._http = None

    @property
    def http(self) -> aiohttp.ClientSession:
        """The open HTTP session."""
        assert self._http is not None, "the link is not open"
        return self._http

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Any = None,
        timeout: float = CALL_TIMEOUT,
    ) -> Any:
        """One request; its JSON answer, or the matching error raised."""
        try:
            async with self.http.request(
                method,
                self.base_url + path,
                json=json,
                params=params,
                headers=self._headers(),
                ssl=self.tls if self.tls is not None else False,
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as response:
                if response.status == 204:
                    return None
                body = await response.json(content_type=None)
                if response.status >= 400:
                    raise error_of(response.status, body if isinstance(body, dict) else {})
                return body
        except aiohttp.ClientConnectorCertificateError as error:
            raise SiteNotTrusted(str(error.certificate_error)) from error
        except aiohttp.ClientConnectionError as error:
            raise LinkLost(f"the site's ChargeDesk cannot be reached: {error}") from error

    async def login(self, username: str, password: str, place: str) -> Actor:
        """Log in here; the token is used from now on. LoginRefused says why not."""
        answer = await self.request(
            "POST", "/api/login", json={"username": username, "password": password}
        )
        self.token = answer["token"]
        roles = roles_from_text(answer["roles"])
        return Actor(answer["username"], roles, Origin.API, answer.get("staff_id"), place)

    async def logout(self) -> None:
        """End this desk's token (a lock or a switch of user logs in again)."""
        if self.token is not None:
            # The token ends with the engine or its idle time anyway.
            with contextlib.suppress(RemoteError, LinkLost):
                await self.request("POST", "/api/logout", timeout=5)
            self.token = None

    async def call(
        self,
        target: str,
        operation: str,
        args: dict[str, Any],
        files: dict[str, bytes] | None = None,
    ) -> tuple[Any, bytes | None]:
        """One console operation on the site's engine: its JSON result and written file."""
        await self.until_logged_in()
        body = {
            "target": target,
            "operation": operation,
            "args": args,
            "files": {k: base64.b64encode(v).decode("ascii") for k, v in (files or {}).items()},
        }
        answer = await self.request("POST", "/api/console/call", json=body)
        file = answer.get("file")
        return answer.get("result"), base64.b64decode(file) if file else None

    async def events(self) -> AsyncIterator[dict[str, Any]]:
        """The site's live events, one JSON object each, until the stream ends."""
        async with self.http.ws_connect(
            self.base_url + "/api/events",
            headers=self._headers(),
            ssl=self.tls if self.tls is not None else False,
            heartbeat=20,
        ) as ws:
            async for message in ws:
                if message.type is aiohttp.WSMsgType.TEXT:
                    yield message.json()
                elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
