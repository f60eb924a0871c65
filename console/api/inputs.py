"""Reading a request's path, query and body into the route's declared models.

Every input is validated; unknown query parameters and body fields are refused with a
problem that names them, so a typo in a script fails loudly instead of being ignored.
"""

from __future__ import annotations

import typing
from typing import Any

import orjson
from aiohttp import web
from pydantic import BaseModel, ValidationError

from console.api.problems import ApiProblem
from console.api.routing import JSON, Route


def path_values(route: Route, request: web.Request) -> dict[str, Any]:
    """The path placeholders, integers converted (the route's pattern allows digits only)."""
    values: dict[str, Any] = {}
    for name, kind in route.path_params:
        text = request.match_info[name]
        values[name] = int(text) if kind is int else text
    return values


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(typing.get_origin(arg) is list for arg in typing.get_args(annotation))


def query_model(route: Route, request: web.Request) -> BaseModel | None:
    """The validated query model; unknown or repeated-where-single parameters refused."""
    model = route.query
    if model is None:
        if request.query:
            names = ", ".join(sorted(set(request.query)))
            raise ApiProblem(
                400,
                "Unknown query parameter",
                f"This operation takes no query ({names}).",
                kind="unknown-parameter",
            )
        return None
    fields = model.model_fields
    unknown = sorted(set(request.query) - set(fields))
    if unknown:
        raise ApiProblem(
            400,
            "Unknown query parameter",
            f"Unknown query parameter {', '.join(unknown)}; this operation takes "
            f"{', '.join(sorted(fields)) or 'none'}.",
            kind="unknown-parameter",
        )
    data: dict[str, Any] = {}
    for name, info in fields.items():
        if name not in request.query:
            continue
        values = request.query.getall(name)
        if _is_list(info.annotation):
            data[name] = values
        elif len(values) > 1:
            raise ApiProblem(
                400, "Repeated query parameter", f"Give {name} once.", kind="repeated-parameter"
            )
        else:
            data[name] = values[0]
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise invalid(error, "query") from None


async def body_of(route: Route, request: web.Request) -> tuple[BaseModel | None, str, bytes]:
    """The validated body model (JSON), or the text and bytes of other media types.

    Text that is not UTF-8 is left to the operation (``text`` empty): a spreadsheet's
    CSV may come in another encoding the operation knows how to read.
    """
    if route.body is None and route.body_media == JSON:
        if request.can_read_body and (await request.content.read(1)):
            raise ApiProblem(
                400, "Unexpected body", "This operation takes no body.", kind="unexpected-body"
            )
        return None, "", b""
    declared = request.content_length
    if declared is not None and declared > route.max_body:
        raise _too_large(route)
    raw = await request.content.read(route.max_body + 1)
    if len(raw) > route.max_body:
        raise _too_large(route)
    media = request.content_type
    if media != route.body_media:
        raise ApiProblem(
            415,
            "Unsupported media type",
            f"Send the body as {route.body_media} (not {media or 'nothing'}).",
            kind="media-type",
        )
    if route.body is None:
        try:
            return None, raw.decode("utf-8"), raw
        except UnicodeDecodeError:
            return None, "", raw
    try:
        parsed = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ApiProblem(
            400, "Not JSON", f"The body is not valid JSON: {error}.", kind="not-json"
        ) from None
    try:
        return route.body.model_validate(parsed), "", raw
    except ValidationError as error:
        raise invalid(error, "body") from None


def _too_large(route: Route) -> ApiProblem:
    return ApiProblem(
        413,
        "Body too large",
        f"This operation takes at most {route.max_body} bytes.",
        kind="too-large",
    )


def invalid(error: ValidationError, where: str) -> ApiProblem:
    """A 422 listing each input that could not be used, in words."""
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        place = ".".join(str(part) for part in (where, *item["loc"]))
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field: this operation does not take it"
        problems.append({"field": place, "message": message})
    first = problems[0] if problems else {"field": where, "message": "invalid"}
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return ApiProblem(
        422,
        "Invalid input",
        f"{first['field']}: {first['message']}{more}.",
        kind="invalid-input",
        errors=problems,
    )


def json_bytes(value: Any) -> bytes:
    """``value`` as JSON (orjson: datetimes with offsets, dataclasses as objects)."""
    return orjson.dumps(value)
