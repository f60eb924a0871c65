"""Declaring API operations: one decorated coroutine per operation, typed by models.

A route declares its path, the permission it needs, its query, body and response models;
the server checks and parses the request from that declaration before the handler runs,
and the OpenAPI document is generated from the same declarations (openapi.py), so the
document cannot drift from the code.

Path placeholders are ``{name}`` (text) or ``{name:int}`` (a positive integer).
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from aiohttp import web
from pydantic import BaseModel

from console.core.staff import Actor, Permission

if TYPE_CHECKING:
    from console.api.event_hub import EventHub
    from console.api.server import ApiServer
    from console.services.engine import CentralSystem
    from console.services.queries import SiteQueries

T = TypeVar("T")

JSON = "application/json"
_PLACEHOLDER = re.compile(r"\{(\w+)(?::(int))?\}")

Handler = Callable[["ApiCall"], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Route:
    """One API operation as declared; see ``ApiRouter.route``."""

    method: str
    path: str
    handler: Handler
    summary: str
    description: str
    tag: str
    needs: Permission | None
    public: bool
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    body_media: str
    response: Any
    response_media: str
    status: int
    errors: tuple[int, ...]
    max_body: int

    @property
    def operation_id(self) -> str:
        """The handler's name: stable, and what generated clients call the operation."""
        return self.handler.__name__.lstrip("_")

    @property
    def aiohttp_path(self) -> str:
        """The path as aiohttp matches it (integers by regular expression)."""
        return _PLACEHOLDER.sub(
            lambda m: "{" + m[1] + (":[0-9]{1,18}}" if m[2] else "}"), self.path
        )

    @property
    def open_path(self) -> str:
        """The path as OpenAPI writes it."""
        return _PLACEHOLDER.sub(lambda m: "{" + m[1] + "}", self.path)

    @property
    def path_params(self) -> list[tuple[str, type]]:
        """The placeholders of the path with their types."""
        return [(m[1], int if m[2] else str) for m in _PLACEHOLDER.finditer(self.path)]


class ApiRouter:
    """The operations of one tag (chargers, sessions…), declared with decorators."""

    def __init__(self, tag: str, description: str) -> None:
        self.tag = tag
        self.description = description
        self.routes: list[Route] = []

    def route(
        self,
        method: str,
        path: str,
        *,
        summary: str,
        needs: Permission | None = None,
        public: bool = False,
        query: type[BaseModel] | None = None,
        body: type[BaseModel] | None = None,
        body_media: str = JSON,
        response: Any = None,
        response_media: str = JSON,
        status: int = 200,
        errors: tuple[int, ...] = (),
        max_body: int = 1 << 20,
    ) -> Callable[[Handler], Handler]:
        """Declare the decorated coroutine as the operation ``method path``.

        ``needs``: the permission checked before the handler runs (None: any logged-in
        person; the service checks again). ``body_media`` other than JSON hands the
        handler the raw text (``call.text``). ``response`` is a model, ``list[Model]``,
        or None for 204; with ``response_media`` other than JSON the handler returns
        ``bytes`` or ``str``. The handler's docstring is the operation's description.
        """

        def decorate(handler: Handler) -> Handler:
            self.routes.append(
                Route(
                    method=method.upper(),
                    path=path,
                    handler=handler,
                    summary=summary,
                    description=inspect.cleandoc(handler.__doc__ or ""),
                    tag=self.tag,
                    needs=needs,
                    public=public,
                    query=query,
                    body=body,
                    body_media=body_media,
                    response=response,
                    response_media=response_media,
                    status=204 if response is None and status == 200 else status,
                    errors=errors,
                    max_body=max_body,
                )
            )
            return handler

        return decorate

    def get(self, path: str, **options: Any) -> Callable[[Handler], Handler]:
        """Declare a GET operation (see ``route``)."""
        return self.route("GET", path, **options)

    def post(self, path: str, **options: Any) -> Callable[[Handler], Handler]:
        """Declare a POST operation (see ``route``)."""
        return self.route("POST", path, **options)

    def put(self, path: str, **options: Any) -> Callable[[Handler], Handler]:
        """Declare a PUT operation (see ``route``)."""
        return self.route("PUT", path, **options)

    def patch(self, path: str, **options: Any) -> Callable[[Handler], Handler]:
        """Declare a PATCH operation (see ``route``)."""
        return self.route("PATCH", path, **options)

    def delete(self, path: str, **options: Any) -> Callable[[Handler], Handler]:
        """Declare a DELETE operation (see ``route``)."""
        return self.route("DELETE", path, **options)


@dataclass(slots=True)
class ApiCall:
    """One request as the handler sees it: who, what, and the engine to ask.

    ``path`` holds the placeholders (typed), ``query`` and ``body`` the validated models
    (``text`` the body of other media as UTF-8 text, empty when it is not UTF-8; ``raw``
    its bytes). ``engine`` is the running central
    system: call its service operations with ``actor``; never change its objects.
    """

    request: web.Request
    api: ApiServer
    actor: Actor
    engine: CentralSystem
    queries: SiteQueries
    hub: EventHub | None
    path: dict[str, Any] = field(default_factory=dict)
    query: Any = None
    body: Any = None
    text: str = ""
    raw: bytes = b""

    async def read(self, work: Callable[[SiteQueries], T]) -> T:
        """Run a database read in the API's worker thread (the engine loop must stay free)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.api.workers, work, self.queries)

    @property
    def address(self) -> str:
        """The client's address."""
        return self.request.remote or ""
