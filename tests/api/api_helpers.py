"""A real engine serving the API over HTTPS on 127.0.0.1, and an HTTP client per role.

Every API test talks to the engine through aiohttp's client over TLS, verifying the
site CA's certificate exactly as a script on another PC would.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from console.api.server import ApiConfig, ApiServer
from console.core.staff import Role
from console.services.engine import CentralSystem

#: The demo accounts (services/staff.py ensure_demo_accounts): username per role.
USER_OF = {
    Role.ADMIN: "admin",
    Role.DESK: "desk",
    Role.TECHNICIAN: "tech",
    Role.VIEWER: "viewer",
}


@dataclass
class Reply:
    """An HTTP answer: status, headers, and the body as JSON (or text, or bytes)."""

    status: int
    headers: Any
    body: Any
    raw: bytes = b""

    @property
    def problem(self) -> dict[str, Any]:
        """The problem details (asserts the answer is one)."""
        assert self.headers["Content-Type"].startswith("application/problem+json"), self.body
        assert isinstance(self.body, dict)
        return self.body


@dataclass
class ApiClient:
    """An HTTPS client of one site, with or without a token."""

    http: aiohttp.ClientSession
    base: str
    tls: ssl.SSLContext
    token: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    def with_token(self, token: str | None) -> ApiClient:
        """The same client sending ``token``."""
        return ApiClient(self.http, self.base, self.tls, token, dict(self.extra_headers))

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: bytes | str | None = None,
        params: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """Send one request and read the whole answer."""
        sent = dict(self.extra_headers)
        if self.token is not None:
            sent["Authorization"] = f"Bearer {self.token}"
        sent.update(headers or {})
        async with self.http.request(
            method,
            self.base + path,
            json=json,
            data=data,
            params=params,
            headers=sent,
            ssl=self.tls,
        ) as response:
            raw = await response.read()
            kind = response.headers.get("Content-Type", "")
            body: Any = raw
            if "ndjson" in kind:
                body = raw.decode("utf-8")  # one JSON document per line
            elif "json" in kind and raw:
                body = await response.json(content_type=None)
            elif kind.startswith("text/"):
                body = raw.decode("utf-8")
            return Reply(response.status, response.headers, body, raw)

    async def get(self, path: str, **options: Any) -> Reply:
        """GET ``path``."""
        return await self.request("GET", path, **options)

    async def post(self, path: str, **options: Any) -> Reply:
        """POST ``path``."""
        return await self.request("POST", path, **options)

    async def put(self, path: str, **options: Any) -> Reply:
        """PUT ``path``."""
        return await self.request("PUT", path, **options)

    async def patch(self, path: str, **options: Any) -> Reply:
        """PATCH ``path``."""
        return await self.request("PATCH", path, **options)

    async def delete(self, path: str, **options: Any) -> Reply:
        """DELETE ``path``."""
        return await self.request("DELETE", path, **options)


@dataclass
class ApiSite:
    """A running engine with its API, and clients logged in per role."""

    engine: CentralSystem
    api: ApiServer
    anonymous: ApiClient
    folder: Path
    _clients: dict[Role, ApiClient] = field(default_factory=dict)

    async def as_role(self, role: Role) -> ApiClient:
        """A client logged in as the demo account of ``role`` (logged in once per test)."""
        if role not in self._clients:
            username = USER_OF[role]
            reply = await self.anonymous.post(
                "/api/login", json={"username": username, "password": f"{username}-password"}
            )
            assert reply.status == 200, reply.body
            self._clients[role] = self.anonymous.with_token(reply.body["token"])
        return self._clients[role]

    @property
    def ocpp_url(self) -> str:
        """Where simulated chargers connect (ws://, security profile 0)."""
        return f"ws://127.0.0.1:{self.engine.port}/ocpp/"


def site_tls(folder: Path) -> ssl.SSLContext:
    """A client TLS context trusting only the site CA of ``folder``."""
    return ssl.create_default_context(cafile=str(folder / "pki" / "ca.pem"))


def api_config() -> ApiConfig:
    """The API on a free port of 127.0.0.1, plain local port allowed when the site says."""
    return ApiConfig(port=0, host="127.0.0.1", local_port=0)


async def started_charger(make_charger: Any, charger_id: str, **options: Any) -> Any:
    """A simulated charger of the API site, connected and booted."""
    charger = make_charger(charger_id, **options)
    await charger.start()
    await charger.wait_booted()
    return charger
