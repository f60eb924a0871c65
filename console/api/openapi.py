"""The OpenAPI 3.1 document, generated from the routes and their pydantic models.

Nothing here is written by hand per operation: paths, parameters, bodies, responses and
the role each operation needs come from ``ApiRouter`` declarations, and the schemas from
the models (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from console.api.models import FieldProblem, Problem
from console.api.routing import JSON, ApiRouter, Route
from console.core.staff import ROLE_FOR, Role

REF = "#/components/schemas/{model}"

_STATUS_WORDS = {
    200: "Done",
    201: "Created",
    202: "Accepted for processing",
    204: "Done, nothing to return",
    400: "The request is malformed (unknown parameter, not JSON)",
    401: "Not logged in, or the token has expired or was revoked",
    403: "The caller's roles do not allow this",
    404: "Not found",
    409: "Not possible in the present state",
    413: "The body is too large",
    415: "The body has the wrong media type",
    422: "An input could not be used",
    429: "Too many attempts; wait for Retry-After seconds",
    504: "The charger or ChargeDesk did not answer in time",
}


def _response_model(response: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model of a response declaration and whether it is a list of them."""
    if typing.get_origin(response) is list:
        (item,) = typing.get_args(response)
        return item, True
    if isinstance(response, type) and issubclass(response, BaseModel):
        return response, False
    return None, False


def _role_of(route: Route) -> str | None:
    if route.public:
        return None
    if route.needs is None:
        return Role.VIEWER.value
    return ROLE_FOR.get(route.needs, Role.ADMIN).value


def build_document(
    routers: list[ApiRouter],
    *,
    title: str,
    version: str,
    description: str,
    extra_schemas: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document of ``routers``."""
    wanted: list[tuple[type[BaseModel], Any]] = [(Problem, "serialization")]
    wanted.append((FieldProblem, "serialization"))
    for router in routers:
        for route in router.routes:
            if route.body is not None:
                wanted.append((route.body, "validation"))
            if route.query is not None:
                wanted.append((route.query, "validation"))
            model, _ = _response_model(route.response)
            if model is not None:
                wanted.append((model, "serialization"))
    unique = list(dict.fromkeys(wanted))
    keys, top = models_json_schema(unique, ref_template=REF)
    schemas: dict[str, Any] = dict(top.get("$defs", {}))
    schemas.update(extra_schemas or {})

    paths: dict[str, dict[str, Any]] = {}
    for router in routers:
        for route in router.routes:
            operation = _operation(route, keys)
            paths.setdefault(route.open_path, {})[route.method.lower()] = operation
    # Query models are flattened into parameters; their own schemas are not needed.
    for router in routers:
        for route in router.routes:
            if route.query is not None:
                schemas.pop(route.query.__name__, None)
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version, "description": description},
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "servers": [{"url": "/"}],
        "tags": [{"name": r.tag, "description": r.description} for r in routers],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A login token from POST /api/login, or an API token",
                }
            },
        },
        "security": [{"token": []}],
    }


def _operation(route: Route, keys: dict[Any, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": route.operation_id,
        "summary": route.summary,
        "tags": [route.tag],
    }
    if route.description:
        operation["description"] = route.description
    role = _role_of(route)
    if role is None:
        operation["security"] = []
    else:
        operation["x-required-role"] = role
    parameters = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 0} if kind is int else {"type": "string"},
        }
        for name, kind in route.path_params
    ]
    if route.query is not None:
        parameters.extend(_query_parameters(route.query))
    if parameters:
        operation["parameters"] = parameters
    if route.body is not None:
        ref = keys[(route.body, "validation")]["$ref"]
        operation["requestBody"] = {"required": True, "content": {JSON: {"schema": {"$ref": ref}}}}
    elif route.body_media != JSON:
        schema: dict[str, Any] = {"type": "string"}
        if not route.body_media.startswith("text/"):
            schema["contentMediaType"] = route.body_media  # bytes, not text
        operation["requestBody"] = {
            "required": True,
            "content": {route.body_media: {"schema": schema}},
        }
    operation["responses"] = _responses(route, keys)
    return operation


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema(ref_template=REF, mode="validation")
    required = set(schema.get("required", []))
    parameters = []
    for name, prop in schema.get("properties", {}).items():
        description = prop.pop("description", None)
        prop.pop("title", None)
        parameter: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": prop,
        }
        if description:
            parameter["description"] = description
        if prop.get("type") == "array" or any(
            part.get("type") == "array" for part in prop.get("anyOf", [])
        ):
            parameter["explode"] = True
            parameter["style"] = "form"
        parameters.append(parameter)
    if "$defs" in schema:
        # Enums used by a query parameter: inline them so the parameter stands alone.
        for parameter in parameters:
            parameter["schema"] = _inline(parameter["schema"], schema["$defs"])
    return parameters


def _inline(schema: Any, defs: dict[str, Any]) -> Any:
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            return _inline(defs[ref.rsplit("/", 1)[1]], defs)
        return {key: _inline(value, defs) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_inline(value, defs) for value in schema]
    return schema


def _responses(route: Route, keys: dict[Any, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    ok: dict[str, Any] = {"description": _STATUS_WORDS.get(route.status, "Done")}
    model, many = _response_model(route.response)
    if model is not None:
        schema: dict[str, Any] = {"$ref": keys[(model, "serialization")]["$ref"]}
        if many:
            schema = {"type": "array", "items": schema}
        ok["content"] = {route.response_media: {"schema": schema}}
    elif route.response is not None:
        binary = route.response_media in ("application/pdf", "application/octet-stream")
        ok["content"] = {
            route.response_media: {
                "schema": {"type": "string", "contentMediaType": route.response_media}
                if binary
                else {"type": "string"}
            }
        }
    responses[str(route.status)] = ok
    statuses = {400, 422} if (route.query or route.body or route.body_media != JSON) else set()
    if not route.public:
        statuses |= {401, 403}
    statuses |= set(route.errors)
    if route.path_params:
        statuses.add(404)
    problem = {"$ref": REF.format(model="Problem")}
    for status in sorted(statuses):
        responses[str(status)] = {
            "description": _STATUS_WORDS.get(status, "Problem"),
            "content": {"application/problem+json": {"schema": problem}},
        }
    return responses
