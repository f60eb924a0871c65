"""The API's HTTP server: aiohttp on the engine's loop, TLS with the site certificate.

Every request passes the same gate: authenticate (unless the operation is public), check
the permission the operation declares, parse and validate its inputs, run the handler,
answer JSON or the declared media; any failure becomes problem details (problems.py).
Plain HTTP is served only on 127.0.0.1, and only when the site allows it.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources as package_files
from pathlib import Path
from typing import Any

from aiohttp import web
from pydantic import TypeAdapter

from console.api import inputs
from console.api.auth import API_TOKEN_PREFIX, ApiSessions, LoginThrottle, api_actor
from console.api.event_hub import EventHub
from console.api.openapi import build_document
from console.api.problems import ApiProblem, problem_of, problem_response
from console.api.resources import all_routers
from console.api.routing import JSON, ApiCall, ApiRouter, Route
from console.core.api_tokens import token_actor
from console.core.staff import Actor, Origin, require
from console.services.engine import CentralSystem
from console.services.event_json import event_schemas
from console.services.queries import SiteQueries

log = logging.getLogger(__name__)

DEFAULT_API_PORT = 9444
API_WORKERS = 1
DEFAULT_LOCAL_PORT = 9081
NOBODY = Actor("nobody", frozenset(), Origin.API)
_SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_STATIC = {
    "/api/docs": ("index.html", "text/html"),
    "/api/docs/docs.js": ("docs.js", "text/javascript"),
    "/api/docs/docs.css": ("docs.css", "text/css"),
}


@dataclass(frozen=True, slots=True)
class ApiConfig:
    """Where the API listens.

    ``port``: the HTTPS port on ``host`` (None: no HTTPS; 0: any free port). It needs the
    site CA (the engine's PKI folder). ``local_port``: plain HTTP on 127.0.0.1, opened only
    when the site's security settings allow it (None: never; 0: any free port).
    """

    port: int | None = DEFAULT_API_PORT
    host: str = "0.0.0.0"
    local_port: int | None = DEFAULT_LOCAL_PORT


def api_tls_context(cert_path: Path, key_path: Path) -> ssl.SSLContext:
    """HTTPS with the site's server certificate: TLS 1.2 or newer, no client certificate."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert_path, key_path)
    return context


class ApiServer:
    """The HTTP API of one running engine; ``start`` and ``stop`` it on the engine loop."""

    def __init__(self, config: ApiConfig, routers: list[ApiRouter] | None = None) -> None:
        self._engine: CentralSystem | None = None
        self.config = config
        self.routers = routers if routers is not None else all_routers()
        self.sessions = ApiSessions()
        self.throttle = LoginThrottle()
        # Tokens that did not work, per address: a guesser is turned away before each
        # guess costs a database read on the engine's writer (billing writes wait there).
        self.bad_tokens = LoginThrottle(per_address=30, total=300)
        self.queries: SiteQueries | None = None
        self.hub: EventHub | None = None
        self.document: dict[str, Any] = {}
        self._runner: web.AppRunner | None = None
        self._unsubscribe: list[Any] = []
        self._adapters: dict[int, TypeAdapter[Any]] = {}
        self.port: int | None = None  # the HTTPS port really listened on
        self.local_port: int | None = None  # the plain 127.0.0.1 port, when open
        self.tls_context: ssl.SSLContext | None = None
        # The API's reads and answers run here, one at a time: each worker thread takes
        # turns with the engine for the interpreter, and the chargers feel every one.
        self.workers = ThreadPoolExecutor(API_WORKERS, thread_name_prefix="chargedesk-api")

    # -- start and stop ------------------------------------------------------------------

    @property
    def engine(self) -> CentralSystem:
        """The engine the API serves (once started)."""
        assert self._engine is not None, "the API is not started"
        return self._engine

    async def start(self, engine: CentralSystem) -> None:
        """Listen on the HTTPS port (and the local plain port when the site allows it)."""
        self._engine = engine
        self.queries = SiteQueries(engine.config.database_url)
        self.hub = EventHub(engine.bus)
        self.hub.start()
        self._unsubscribe.append(engine.bus.subscribe(self.sessions.on_event))
        self.document = build_document(
            self.routers,
            title="ChargeDesk API",
            version=_version(),
            description=_DESCRIPTION,
            extra_schemas=event_schemas(),
        )
        app = web.Application(middlewares=[self._problems], client_max_size=32 << 20)
        for router in self.routers:
            for route in router.routes:
                app.router.add_route(route.method, route.aiohttp_path, self._endpoint(route))
        app.router.add_get("/api/openapi.json", self._openapi)
        for path in _STATIC:
            app.router.add_get(path, self._static)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        try:
            await self._listen()
        except BaseException:
            await self.stop()
            raise

    async def _listen(self) -> None:
        assert self._runner is not None
        config = self.config
        authority = self.engine.authority
        if config.port is not None and authority is not None:
            cert_path, key_path = authority.server_files()
            self.tls_context = api_tls_context(cert_path, key_path)
            upkeep = self.engine.pki_upkeep
            if upkeep is not None:
                upkeep.extra_contexts.append(self.tls_context)
            site = web.TCPSite(self._runner, config.host, config.port, ssl_context=self.tls_context)
            await site.start()
            self.port = _bound_port(site)
        elif config.port is not None:
            log.warning("the API's HTTPS port is off: there is no site CA (no PKI folder)")
        if config.local_port is not None and (await self.engine.staff.settings()).api_plain_local:
            local = web.TCPSite(self._runner, "127.0.0.1", config.local_port)
            await local.start()
            self.local_port = _bound_port(local)

    async def stop(self) -> None:
        """Close the listeners, the event stream and the read connections."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        if self.hub is not None:
            self.hub.close()
            self.hub = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        upkeep = self._engine.pki_upkeep if self._engine is not None else None
        if upkeep is not None and self.tls_context in upkeep.extra_contexts:
            upkeep.extra_contexts.remove(self.tls_context)
        if self.queries is not None:
            self.queries.close()
            self.queries = None
        self.workers.shutdown(wait=False, cancel_futures=True)

    @property
    def urls(self) -> list[str]:
        """Where the API answers, for the start-up lines and the console's status."""
        found = []
        if self.port is not None:
            host = "localhost" if self.config.host in ("0.0.0.0", "::") else self.config.host
            found.append(f"https://{host}:{self.port}/api/")
        if self.local_port is not None:
            found.append(f"http://127.0.0.1:{self.local_port}/api/")
        return found

    # -- the request gate ----------------------------------------------------------------

    @web.middleware
    async def _problems(self, request: web.Request, handler: Any) -> web.StreamResponse:
        try:
            response: web.StreamResponse = await handler(request)
        except web.HTTPException as error:
            if error.status < 400:
                raise
            problem = ApiProblem(error.status, error.reason, _http_detail(error))
            response = problem_response(problem, request.path)
        except Exception as error:
            response = problem_response(problem_of(error), request.path)
        if not response.prepared:
            response.headers.update(_SECURITY_HEADERS)
        return response

    def _endpoint(self, route: Route) -> Any:
        async def endpoint(request: web.Request) -> web.StreamResponse:
            actor = NOBODY if route.public else await self.authenticate(request)
            if route.needs is not None:
                require(actor, route.needs)
            assert self.queries is not None, "the API is not started"
            call = ApiCall(request, self, actor, self.engine, self.queries, self.hub)
            call.path = inputs.path_values(route, request)
            call.query = inputs.query_model(route, request)
            call.body, call.text, call.raw = await inputs.body_of(route, request)
            result = await route.handler(call)
            return await self._respond(route, result)

        endpoint.__name__ = route.operation_id
        return endpoint

    async def authenticate(self, request: web.Request) -> Actor:
        """The actor of the request's bearer token; 401 problem when there is none."""
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret:
            raise _unauthorized("Log in first: send Authorization: Bearer <token>.")
        address = request.remote or ""
        wait = self.bad_tokens.blocked(address)
        if wait:
            raise ApiProblem(
                429,
                "Too many wrong tokens",
                f"Too many unknown or ended tokens from {address}; try again in {int(wait)} s.",
                kind="token-throttled",
                headers={"Retry-After": str(int(wait))},
            )
        if secret.startswith(API_TOKEN_PREFIX):
            token = await self.engine.api_tokens.resolve(secret, address)
            if token is None:
                self.bad_tokens.note(address)
                raise _unauthorized("This API token is unknown, expired or revoked.")
            return token_actor(token, address)
        session = self.sessions.resolve(secret)
        if session is None:
            self.bad_tokens.note(address)
            raise _unauthorized("This login has ended (logged out or expired); log in again.")
        return session.actor

    def login_actor(self, actor: Actor, request: web.Request) -> Actor:
        """The actor a successful login works as from now on."""
        return api_actor(actor, request.remote or "")

    async def _respond(self, route: Route, result: Any) -> web.StreamResponse:
        if isinstance(result, web.StreamResponse):
            return result
        if route.response is None:
            return web.Response(status=204)
        if route.response_media == JSON:
            adapter = self._adapters.get(id(route))
            if adapter is None:
                adapter = self._adapters[id(route)] = TypeAdapter(route.response)
            # Off the engine loop: a long list takes milliseconds to write, and chargers
            # waiting for their answers would feel every one of them.
            loop = asyncio.get_running_loop()
            body = await loop.run_in_executor(self.workers, adapter.dump_json, result)
            return web.Response(status=route.status, body=body, content_type=JSON)
        body = result.encode("utf-8") if isinstance(result, str) else bytes(result)
        return web.Response(status=route.status, body=body, content_type=route.response_media)

    async def _openapi(self, _request: web.Request) -> web.Response:
        return web.json_response(self.document)

    async def _static(self, request: web.Request) -> web.Response:
        name, media = _STATIC[request.path]
        try:
            text = (package_files.files("console.api") / "static" / name).read_text("utf-8")
        except FileNotFoundError:
            raise web.HTTPNotFound() from None
        response = web.Response(text=text, content_type=media)
        # The page needs nothing from anywhere else (the site may have no internet).
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; object-src 'none'; frame-ancestors 'none'"
        )
        return response


_DESCRIPTION = (
    "The HTTP API of a ChargeDesk site: the same operations as the console, with the "
    "same staff roles and the same audit log. Log in with POST /api/login (or use an "
    "API token an admin made), then send `Authorization: Bearer <token>`. Errors are "
    "problem details (RFC 9457). Live events: GET /api/events (WebSocket) or "
    "/api/events/stream (server-sent events)."
)


def _unauthorized(detail: str) -> ApiProblem:
    return ApiProblem(
        401,
        "Not logged in",
        detail,
        kind="unauthorized",
        headers={"WWW-Authenticate": 'Bearer realm="ChargeDesk"'},
    )


def _http_detail(error: web.HTTPException) -> str:
    if error.status == 404:
        return "There is no such API path; /api/docs lists them."
    if error.status == 405:
        return "This path does not take this method; /api/docs lists them."
    if error.status == 413:
        return "The body is too large."
    return error.reason


def _bound_port(site: web.TCPSite) -> int:
    server: Any = site._server  # aiohttp keeps the asyncio server here; its socket has the port
    assert server is not None and server.sockets
    port: int = server.sockets[0].getsockname()[1]
    return port


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chargedesk")
    except PackageNotFoundError:
        return "0"
